"""One crawler process of a distributed run: joins it, keeps its lease, knows when it is over.

The worker is also the crawl's "job" for the Publisher (crawler/publication.py):
it publishes only when the run finished while it still held its lease. A worker
closed early (Ctrl-C, a CLOSESPIDER limit) or declared dead by the others
publishes nothing and gives its requests back to the queue; the other workers,
or the same command started again, redo them. After publishing, the lease ends
and the requests it had taken are forgotten; the last worker to do so ends the
run: it deletes the run's keys in the state store too, and the monitor
(crawler/extensions/monitor.py) judges the run's total with it.
"""

from __future__ import annotations

import logging
import os
import socket

import redis
from scrapy import signals
from scrapy.exceptions import CloseSpider, DontCloseSpider, NotConfigured
from twisted.internet import task

from crawler.dedup.redis_store import RedisStateStore
from crawler.distributed.run import RunTotals, SharedRun
from crawler.publication import Publisher

logger = logging.getLogger(__name__)
POLL_SECONDS = 0.5


def worker_id(settings) -> str:
    """``WORKER_ID``, or host name and PID: unique among the run's processes."""
    configured = settings.get("WORKER_ID")
    return configured or f"{socket.gethostname()}-{os.getpid()}"


class Worker:
    def __init__(self, crawler) -> None:
        settings = crawler.settings
        if settings.get("JOBDIR"):
            raise ValueError("JOBDIR and REDIS_URL do not combine: the run's queue in Redis "
                             "already survives a stopped or killed worker")
        self.crawler = crawler
        self.id = settings["WORKER_ID"]
        self.client = redis.Redis.from_url(settings["REDIS_URL"])
        spider = crawler.spider
        prefix = settings["REDIS_KEY"] % {"spider": spider.name, "site": spider.site_host}
        lease = settings.getfloat("WORKER_LEASE_SECONDS")
        self.ttl = settings.getfloat("RUN_KEYS_TTL")
        if self.ttl <= lease:
            raise ValueError("RUN_KEYS_TTL must be longer than WORKER_LEASE_SECONDS: the "
                             "heartbeat renews the run's keys")
        self.run = SharedRun(self.client, prefix, self.id, lease, self.ttl)
        joined = self.run.join(spider.run_stamp, spider.start_url)
        if joined.start_url != spider.start_url:
            raise ValueError(f"{prefix} runs a crawl of {joined.start_url}, not "
                             f"{spider.start_url}: one run per spider and site at a time")
        spider.run_stamp = joined.stamp
        logger.info("Worker %s %s run %s in Redis (%s)", self.id,
                    "started" if joined.created else "joined", joined.stamp, prefix)
        self.close_reason: str | None = None
        self.released = False
        self.totals: RunTotals | None = None  # set when this worker ended the run
        self.done = False
        self.lease_lost = False
        stats = crawler.stats
        stats.set_value("distribution/worker", self.id)
        stats.set_value("distribution/run", joined.stamp)
        stats.set_value("distribution/started_run", joined.created)
        Publisher.of(crawler).job = self
        self.heart = task.LoopingCall(self.beat)
        self.heart.start(max(lease / 3, 0.2), now=False)
        crawler.signals.connect(self.spider_idle, signals.spider_idle)
        crawler.signals.connect(self.engine_stopped, signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured  # bare: Scrapy logs a reason as a warning in every crawl
        return cls(crawler)

    @classmethod
    def of(cls, crawler) -> Worker:
        worker = crawler.get_extension(cls)
        if worker is None:
            raise RuntimeError("crawler.distributed.worker.Worker is not enabled")
        return worker

    # --- lease -------------------------------------------------------------

    def redis_stores(self) -> list[RedisStateStore]:
        return [s for s in Publisher.of(self.crawler).stores if isinstance(s, RedisStateStore)]

    def beat(self) -> None:
        """Renew this worker's heartbeat and the run's expiry; take over the work of dead ones."""
        for store in self.redis_stores():
            store.refresh_run()
        if not self.run.beat():
            if not self.lease_lost:
                self.lease_lost = True
                logger.error("Worker %s was declared dead by the others (no heartbeat for "
                             "WORKER_LEASE_SECONDS): its requests were given to them; it "
                             "stops and publishes nothing", self.id)
                self.crawler.engine.close_spider(self.crawler.spider, "lease_lost")
            return
        self.reap()

    def reap(self) -> None:
        for dead, count in self.run.reap().items():
            logger.warning("Worker %s is gone: its %d requests are back on the queue",
                           dead, count)
            self.crawler.stats.inc_value("distribution/requeued", count)

    def spider_idle(self, spider) -> None:
        """Close only when the whole run is over; otherwise wait for work on the queue."""
        if self.done:
            return
        self.reap()
        state = self.run.idle()
        if state == 1:
            self.done = True
            logger.info("Run over: the queue is empty and every worker is idle")
            return
        if state == -1:
            self.lease_lost = True
            raise CloseSpider("lease_lost")
        from twisted.internet import reactor  # the installed one, not a default

        # The engine looks at its scheduler again only every 5 s on its own.
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None:
            reactor.callLater(POLL_SECONDS, slot.nextcall.schedule)
        raise DontCloseSpider

    # --- the Publisher's job interface -------------------------------------

    @property
    def paused(self) -> bool:
        """Publish only a run that finished while this worker still holds its lease."""
        if self.close_reason is None:
            return False
        return self.close_reason != "finished" or self.lease_lost or not self.run.registered()

    def finish(self) -> None:
        """Called just before the state commits; the lease ends after the files are renamed."""

    def resume_hint(self) -> str:
        return ("its requests went back to the run's queue in Redis: the other workers, or "
                "this command started again, crawl them")

    def release(self, failed: bool = False) -> RunTotals | None:
        """End the lease, once: the run's totals when this worker was the last to publish.

        ``failed``: this worker's own checks failed, so the run is no baseline. The
        monitor calls this while judging; otherwise the engine's stop does.
        """
        if self.released:
            return self.totals
        self.released = True
        if self.heart.running:
            self.heart.stop()
        published = Publisher.of(self.crawler).published and not self.paused
        stats = self.crawler.stats
        documents = sum(stats.get_value(f"state/{change}", 0)
                        for change in ("new", "updated", "unchanged"))
        self.totals = self.run.release(published, documents, failed)
        if self.totals is not None:
            self.end_state_runs()
            logger.info("Last worker of run %s: its keys in Redis are deleted",
                        stats.get_value("distribution/run"))
        return self.totals

    def end_state_runs(self) -> None:
        """The run's keys in the state store go too (its stores are closed by now)."""
        url = self.crawler.settings["STATE_URL"]
        for store in self.redis_stores():
            ended = RedisStateStore.from_url(url, store.site, store.run_stamp, run_ttl=self.ttl)
            ended.end_run()
            ended.close()

    def engine_stopped(self) -> None:
        """After the summary (this extension's order is after it): release if it did not."""
        self.release()
        self.client.close()
