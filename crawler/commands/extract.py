"""``scrapy extract PATH... [-o FILE] [--url URL]``: saved pages → clean JSON lines.

Files (HTML in any encoding, or text dumps), ``wget -x`` directories and WARC
files go through the crawl's own pipelines (the ``saved`` spider). Items go to
stdout, or to FILE (atomically, with a summary beside it). Bad inputs are named
on stderr and counted; the rest still come out. Exit status 1 when nothing
could be extracted.
"""

from __future__ import annotations

import argparse
import os
import sys

from scrapy.commands import BaseRunSpiderCommand
from scrapy.exceptions import UsageError


class Command(BaseRunSpiderCommand):
    requires_project = True

    def syntax(self) -> str:
        return "PATH... [-o FILE] [--url URL]"

    def short_desc(self) -> str:
        return "Extract clean documents from saved pages (files, wget trees, WARC)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--url", help="the URL a single saved file was fetched from")

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        if not (opts.output or opts.overwrite_output):
            self.settings.set("FEEDS", {"stdout:": {"format": "jsonlines"}}, priority="cmdline")
            self.settings.set("SUMMARY_ENABLED", False, priority="cmdline")
        if not opts.loglevel:
            self.settings.set("LOG_LEVEL", "WARNING", priority="cmdline")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if not args:
            raise UsageError("give at least one saved file, directory or WARC file")
        if opts.url and (len(args) > 1 or os.path.isdir(args[0])):
            raise UsageError("--url names the URL of a single saved file")
        crawler = self.crawler_process.create_crawler("saved")
        self.crawler_process.crawl(crawler, paths=args, url=opts.url)
        self.crawler_process.start()
        stats = crawler.stats.get_stats()
        written = stats.get("item_scraped_count", 0)
        # The inputs the spider could not read (empty, binary, HTTP errors), not every
        # ``extract/*`` stat: the pipeline counts readable pages there too (generic_fallback).
        bad = len(crawler.spider.failures)
        dropped = stats.get("item_dropped_count", 0)
        contaminated = stats.get("spam/contaminated", 0)
        print(f"extract: {written} documents ({contaminated} contaminated), {dropped} dropped, "
              f"{bad} bad inputs, {stats.get('extract/asset', 0)} assets skipped",
              file=sys.stderr)
        if not written:
            self.exitcode = 1
