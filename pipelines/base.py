"""What every stage shares: stats, and acting only on document items that carry a page."""

from __future__ import annotations

from crawler.items import DocumentItem, Page


class PageStage:
    """A pipeline stage over ``DocumentItem(page=…)``; other items pass through untouched."""

    def __init__(self, stats) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item, spider):
        if not isinstance(item, DocumentItem) or "page" not in item:
            return item
        return self.process_page(item, item["page"], spider)

    def process_page(self, item: DocumentItem, page: Page, spider) -> DocumentItem:
        raise NotImplementedError
