"""Stage 5.9 (shared state only): one worker at a time judges copies of a site's documents.

Deduplication looks a page up (same hash? near one?) and the state stage then
records it; two workers doing that at once with copies of one document would
both find nothing and both write it. With a shared store (``STATE_URL``) this
stage takes the site's lock in Redis before deduplication and releases it when
the item is written, dropped or fails: milliseconds per document. Under the
lock it also drops a document a live worker (or this one) already wrote in
this run: a page fetched twice, its retry and a dead worker's request redone.
"""

from __future__ import annotations

from scrapy import signals
from scrapy.exceptions import DropItem

from crawler.distributed.worker import Worker
from crawler.extensions.state import StateKeeper
from pipelines.base import PageStage
from pipelines.dedup import dedup_site


class SharedStateLock(PageStage):
    def __init__(self, crawler) -> None:
        super().__init__(crawler.stats)
        self.crawler = crawler
        self.me = crawler.settings.get("WORKER_ID") or ""
        self.holding: dict[int, object] = {}
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(self.item_done, signal)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_page(self, item, page, spider):
        store = StateKeeper.of(self.crawler).store_for(dedup_site(item))
        if not hasattr(store, "lock"):
            return item
        store.lock()
        self.holding[id(item)] = store
        owner = store.written_by(item["url"])
        if owner is not None and (owner == self.me or self.alive(owner)):
            self.stats.inc_value("drop/written_in_this_run")
            raise DropItem(f"already written in this run by {owner or 'this process'}: "
                           f"{item['url']}", log_level="INFO")
        return item

    def alive(self, worker: str) -> bool:
        """Still in the run (a dead worker's output is lost and its work redone)."""
        found = self.crawler.get_extension(Worker)
        return found is not None and worker in found.run.workers()

    def item_done(self, item, **kwargs) -> None:
        store = self.holding.pop(id(item), None)
        if store is not None and not any(s is store for s in self.holding.values()):
            store.unlock()
