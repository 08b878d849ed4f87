"""The baseline crawl: plain Scrapy makes a list of requests and yields nothing.

    python -m benchmarks.bare_spider REQUESTS_FILE STATS_FILE [--concurrency N]

REQUESTS_FILE holds one ``{"method", "url", "body"}`` per line (benchmarks/crawl.py
takes them from the replica's log of the project's crawl).
No project settings, pipelines, extensions or middlewares of ours: Scrapy's defaults
with the same concurrency and reactor as the measured crawl, robots.txt and
politeness off. It fetches through ``http_proxy`` like the project's spider. The
stats file gets the responses counted and the seconds from the first request to
the close, measured the way the project's summary measures its crawl.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import scrapy
from scrapy.crawler import CrawlerProcess


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, requests: str, stats: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.requests_file, self.stats_file = Path(requests), Path(stats)
        self.started = 0.0

    async def start(self):
        self.started = time.monotonic()
        for line in self.requests_file.read_text(encoding="utf-8").splitlines():
            request = json.loads(line)
            yield scrapy.Request(request["url"], method=request["method"],
                                 body=request["body"] or None, callback=self.parse,
                                 errback=self.failed, dont_filter=True)

    def parse(self, response):
        return None

    def failed(self, failure):
        return None

    def closed(self, reason: str) -> None:
        stats = self.crawler.stats.get_stats()
        self.stats_file.write_text(json.dumps({
            "responses": stats.get("downloader/response_count", 0),
            "seconds": time.monotonic() - self.started,
            "reason": reason,
        }), encoding="utf-8")


def settings(concurrency: int) -> dict:
    return {
        "CONCURRENT_REQUESTS": concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "DOWNLOAD_DELAY": 0,
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("requests")
    parser.add_argument("stats")
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    process = CrawlerProcess(settings(args.concurrency), install_root_handler=True)
    process.crawl(BareSpider, requests=args.requests, stats=args.stats)
    process.start()


if __name__ == "__main__":
    main()
