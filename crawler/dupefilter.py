"""A request dupefilter whose seen-set lives on disk and keys on canonical addresses.

Scrapy's default keeps every fingerprint in a Python set, which grows without
bound on a million-document site, and keys on the raw URL, so ``?uid=`` or a
``www`` twin of a page is fetched again. Here the key is the spider's canonical
address key (``UrlPolicy.key``: tracking parameters, host twins and index pages
folded) and the set is a SQLite table: memory stays flat. With ``JOBDIR`` the
table is kept there for pause/resume; otherwise it is a temporary file.
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
    def __init__(self, crawler, directory: str | None = None) -> None:
        self.crawler = crawler
        self.temp = None if directory else tempfile.mkdtemp(prefix="zwgk-seen-")
        path = Path(directory or self.temp) / "requests.seen.sqlite"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL" if directory else "PRAGMA synchronous=OFF")
        self.db.execute("CREATE TABLE IF NOT EXISTS seen (key INTEGER PRIMARY KEY)")
        self.fallback = RequestFingerprinter(crawler)
        self.debug = crawler.settings.getbool("DUPEFILTER_DEBUG")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, crawler.settings.get("JOBDIR"))

    def key(self, request) -> int:
        policy = getattr(self.crawler.spider, "urls", None)
        if policy is None or not policy.owns(request.url):
            raw = self.fallback.fingerprint(request)
        else:
            raw = b" ".join((request.method.encode(), policy.key(request.url).encode(),
                             request.body or b""))
        return int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "big", signed=True)

    def request_seen(self, request) -> bool:
        cursor = self.db.execute("INSERT OR IGNORE INTO seen VALUES (?)", (self.key(request),))
        return cursor.rowcount == 0

    def log(self, request, spider) -> None:
        if self.debug:
            logger.debug("Filtered duplicate request %s", request)
        self.crawler.stats.inc_value("dupefilter/filtered")

    def close(self, reason: str) -> None:
        self.db.close()
        if self.temp:
            shutil.rmtree(self.temp, ignore_errors=True)
