"""The request seen-set in Redis, shared by every worker of a run.

The keys and the redirect rules are the project's (crawler/dupefilter.py: the
canonical address, a redirect to another address of the same page let through,
a redirect loop reported); only the set moves from a local SQLite table to a
Redis set, so a page one worker queued is refused to all the others. The set
expires with the run (``RUN_KEYS_TTL`` after its last write or heartbeat).
"""

from __future__ import annotations

from scrapy.utils.request import RequestFingerprinter

from crawler.dupefilter import DiskDupeFilter


class RedisDupeFilter(DiskDupeFilter):
    def __init__(self, crawler, client, key: str, ttl_ms: int) -> None:
        self.crawler = crawler
        self.client = client
        self.redis_key = key
        self.ttl_ms = ttl_ms
        self.fallback = RequestFingerprinter(crawler)
        self.debug = crawler.settings.getbool("DUPEFILTER_DEBUG")

    def add(self, key: int) -> bool:
        with self.client.pipeline(transaction=False) as pipe:
            pipe.sadd(self.redis_key, key)
            pipe.pexpire(self.redis_key, self.ttl_ms)
            added, _ = pipe.execute()
        return added == 1

    def close(self, reason: str) -> None:
        """The set outlives this worker: the run deletes it when it is over."""
