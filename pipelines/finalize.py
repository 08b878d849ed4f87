"""Last stage: drop the working page (raw bytes never leave) and fill every field."""

from __future__ import annotations

from crawler.items import EXPORT_FIELDS, DocumentItem


class FinalizePipeline:
    def process_item(self, item, spider):
        if not isinstance(item, DocumentItem):
            return item
        item.pop("page", None)
        for name in EXPORT_FIELDS:
            item.setdefault(name, None)
        return item
