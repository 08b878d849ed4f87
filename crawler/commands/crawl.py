"""``scrapy crawl``, exiting with status 3 when the run's checks failed.

Scrapy's own command exits 0 whatever the crawl found; cron, systemd and scrapyd
only see the exit status, so a run the checks (crawler/extensions/monitor.py)
judged failed must end the process non-zero. Everything else is Scrapy's.
"""

from __future__ import annotations

import argparse

from scrapy.commands import crawl
from twisted.python.failure import Failure

from crawler.extensions.monitor import CHECKS_FAILED_EXIT_CODE, RunMonitor


class Command(crawl.Command):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            super().run(args, opts)
            return
        assert self.crawler_process
        crawler = self.crawler_process.create_crawler(args[0])
        started = self.crawler_process.crawl(crawler, **opts.spargs)
        if isinstance(getattr(started, "result", None), Failure):
            self.exitcode = 1
            return
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        monitor = crawler.get_extension(RunMonitor)
        if monitor is not None and monitor.failed:
            self.exitcode = CHECKS_FAILED_EXIT_CODE
