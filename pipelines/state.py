"""Stage 8: what changed since the last run, and the nightly mode that writes only that.

Each canonical document's content hash is kept per URL with first seen, last
seen and last changed times; ``change`` says ``new``, ``updated`` or
``unchanged``. With ``-a incremental=1`` unchanged documents are not written
(counted under ``state/unchanged``). At the end, documents the previous run of
the same start URL saw and this run did not are listed in the summary.
"""

from __future__ import annotations

from scrapy.exceptions import DropItem

from crawler.dedup.fingerprint import hash_key
from crawler.dedup.store import url_key
from crawler.extensions.state import StateKeeper, truthy
from pipelines.base import PageStage
from pipelines.dedup import dedup_site

MAX_LISTED_MISSING = 1000


class StatePipeline(PageStage):
    def __init__(self, crawler) -> None:
        super().__init__(crawler.stats)
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_page(self, item, page, spider):
        store = StateKeeper.of(self.crawler).store_for(dedup_site(item))
        change = store.save_document(item["url"], hash_key(item["content_hash"]),
                                     page.signature, page.rank, page.published, page.superseded)
        self.stats.inc_value(f"state/{change}")
        item["change"] = change
        if change == "unchanged" and truthy(getattr(spider, "incremental", False)):
            raise DropItem(f"unchanged since the last run: {item['url']}", log_level="DEBUG")
        key = url_key(item["url"])
        store.emitted(key)
        item["urls"] = [item["url"], *store.addresses(key)]
        return item

    def close_spider(self, spider) -> None:
        stores = StateKeeper.of(self.crawler).stores
        start_url = getattr(spider, "start_url", None)
        missing: list[str] = []
        for store in stores.values():
            missing += store.missing(store.previous_run(start_url))
        self.stats.set_value("state/missing", len(missing))
        self.stats.set_value("state/missing_urls", missing[:MAX_LISTED_MISSING])
