"""Crawl throughput: the project's spider and pipelines against bare Scrapy, same pages.

    python -m benchmarks.bench_throughput [--size N] [--rounds N] [--no-write]

The replica grows by N 重点工作 articles (tests/replica/bulk.py) and runs in its own
process on loopback; politeness is off (no delay, no AutoThrottle, 16 requests in
flight for both). A first crawl of the project's spider records, in the replica's
log, every request it makes; then, round after round, (b) bare Scrapy makes exactly
those requests and yields nothing (benchmarks/bare_spider.py) and (a) the project's
spider crawls the site with every pipeline, each in a fresh process. Pages per second
are responses over the seconds from the first request to the close.
Target: median ratio a/b at least 0.8.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from benchmarks import crawl
from benchmarks.common import append_result, spread


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000, help="articles added to the replica")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="zwgk-bench-") as tmp:
        log = Path(tmp) / "requests.jsonl"
        with crawl.replica(args.size, log) as proxy:
            first = crawl.full_crawl(proxy)
        requests = crawl.made_requests(log)
    full, bare = [], []
    with crawl.replica(args.size) as proxy:
        for _ in range(args.rounds):
            bare.append(crawl.bare_crawl(proxy, requests).pages_per_second)
            full.append(crawl.full_crawl(proxy).pages_per_second)
    ratios = [a / b for a, b in zip(full, bare, strict=True)]
    result = {"pages": first.pages, "items": first.items, "full_pages_per_s": full,
              "bare_pages_per_s": bare, "ratio": statistics.median(ratios),
              "ratios": ratios}
    lines = [
        f"- site: replica + {args.size:,} articles; {first.pages:,} pages fetched, "
        f"{first.items:,} documents written; {args.rounds} alternating rounds, "
        f"{crawl.CONCURRENCY} requests in flight, no delay",
        f"- (a) project spider + pipelines, pages/s: {spread(full)}",
        f"- (b) bare Scrapy, same requests, pages/s: {spread(bare)}",
        f"- ratio a/b: {spread(ratios)} (target: median ≥ 0.8)",
    ]
    print("\n".join(lines))
    if not args.no_write:
        append_result("Crawl throughput: full pipeline vs bare Scrapy", lines,
                      ("scrapy", "twisted", "lxml"))
    return result


if __name__ == "__main__":
    main()
