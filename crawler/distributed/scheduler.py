"""scrapy-redis's scheduler, with every popped request leased to the worker that took it.

The queue is scrapy-redis's priority queue (a sorted set of pickled requests),
shared by all workers; the seen-set is crawler/distributed/dupefilter.py. A pop
moves the request into the worker's ``taken`` set in the same Lua call
(crawler/distributed/run.py), so a worker killed with requests in hand loses
none of them. Nothing is flushed when a worker closes: the run deletes its keys
when its last worker has published, and they expire if it never does.
"""

from __future__ import annotations

from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from crawler.distributed.dupefilter import RedisDupeFilter
from crawler.distributed.worker import Worker


class LeasedQueue(PriorityQueue):
    """scrapy-redis's priority queue whose pop takes a lease (SharedRun.pop)."""

    def __init__(self, run, spider) -> None:
        super().__init__(run.client, spider, run.queue_key)
        self.run = run

    def push(self, request):
        self.run.push(self._encode_request(request), -request.priority)

    def pop(self, timeout=0):
        data = self.run.pop()
        return self._decode_request(data) if data else None


class SharedScheduler(Scheduler):
    def __init__(self, crawler, worker: Worker) -> None:
        super().__init__(worker.client, persist=True)
        self.crawler = crawler
        self.worker = worker
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler, Worker.of(crawler))

    def open(self, spider):
        self.spider = spider
        run = self.worker.run
        self.queue = LeasedQueue(run, spider)
        self.df = RedisDupeFilter(self.crawler, run.client, run.seen_key, run.ttl_ms)
        if len(self.queue):
            spider.logger.info("Joined a run with %d requests queued", len(self.queue))

    def enqueue_request(self, request) -> bool:
        """Seen-set and queue updated together (SharedRun.push_unseen)."""
        key = None if request.dont_filter else self.df.filter_key(request)
        data = self.queue._encode_request(request)
        if not self.worker.run.push_unseen(key, data, -request.priority):
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis", spider=self.spider)
        return True

    def close(self, reason):
        self.worker.close_reason = reason
