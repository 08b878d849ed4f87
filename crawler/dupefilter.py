"""A request dupefilter whose seen-set lives on disk and keys on canonical addresses.

Scrapy's default keeps every fingerprint in a Python set, which grows without
bound on a million-document site, and keys on the raw URL, so ``?uid=`` or a
``www`` twin of a page is fetched again. Here the key is the spider's canonical
address key (``UrlPolicy.key``: tracking parameters, host twins and index pages
folded) and the set is a SQLite table in a temporary file: memory stays flat.
It is never kept in ``JOBDIR``: a resumed job walks the site again from the
start page, replaying its journal (crawler/jobdir.py), and a seen-set surviving
a kill would refuse the requests the lost queue held.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import sqlite3
import tempfile
from pathlib import Path

from scrapy.dupefilters import BaseDupeFilter
from scrapy.utils.request import RequestFingerprinter

logger = logging.getLogger(__name__)


class DiskDupeFilter(BaseDupeFilter):
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.temp = tempfile.mkdtemp(prefix="zwgk-seen-")
        path = Path(self.temp) / "requests.seen.sqlite"
        self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("CREATE TABLE IF NOT EXISTS seen (key INTEGER PRIMARY KEY)")
        self.fallback = RequestFingerprinter(crawler)
        self.debug = crawler.settings.getbool("DUPEFILTER_DEBUG")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def key(self, request) -> int:
        policy = getattr(self.crawler.spider, "urls", None)
        if policy is None or not policy.owns(request.url):
            raw = self.fallback.fingerprint(request)
        else:
            raw = b" ".join((request.method.encode(), policy.key(request.url).encode(),
                             request.body or b""))
        return int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "big", signed=True)

    def request_seen(self, request) -> bool:
        key = self.filter_key(request)
        return key is not None and not self.add(key)

    def filter_key(self, request) -> int | None:
        """The seen-set key of ``request``; None when it passes unchecked: redirected to
        another address of the same page (www twin, index.html)."""
        key = self.key(request)
        chain = request.meta.get("redirect_urls")
        if chain and request.url not in chain and key == self.key(request.replace(url=chain[0])):
            return None
        return key

    def add(self, key: int) -> bool:
        """Record ``key``; True when it was not seen before."""
        return self.db.execute("INSERT OR IGNORE INTO seen VALUES (?)", (key,)).rowcount == 1

    def log(self, request, spider) -> None:
        if self.debug:
            logger.debug("Filtered duplicate request %s", request)
        self.crawler.stats.inc_value("dupefilter/filtered")
        chain = request.meta.get("redirect_urls")
        if chain and self.key(request) in {self.key(request.replace(url=u)) for u in chain}:
            self.report_loop(request, chain, spider)

    def report_loop(self, request, chain: list[str], spider) -> None:
        """A redirect back to an address of its own chain: the page can never be had."""
        note = "redirect loop: " + " → ".join([*chain, request.url])
        logger.error("Failed %s (redirect_loop): %s", chain[0], note)
        record = getattr(spider, "record_failure", None)
        if record is not None:
            record(chain[0], "redirect_loop", note=note)
        else:
            self.crawler.stats.inc_value("errors/redirect_loop")

    def close(self, reason: str) -> None:
        self.db.close()
        shutil.rmtree(self.temp, ignore_errors=True)
