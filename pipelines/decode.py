"""Stage 1: bytes → text → tree, once per page, and a count of charset trouble.

Crawled pages arrive already decoded by the spider (it had to read them to
navigate); saved pages arrive as bytes. Either way this stage records how the
charset was decided, so lying or missing declarations show up in the stats.
"""

from __future__ import annotations

import logging

from scrapy.exceptions import DropItem

from crawler.htmltree import BinaryDocument, EmptyDocument, load_html
from crawler.items import DocumentItem

logger = logging.getLogger(__name__)


class DecodePipeline:
    def __init__(self, stats) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item, spider):
        if not isinstance(item, DocumentItem) or "page" not in item:
            return item
        page = item["page"]
        if page.tree is None:
            try:
                page.decoded, page.tree = load_html(page.body, page.content_type)
            except BinaryDocument:
                self.stats.inc_value("drop/binary_body")
                raise DropItem(f"binary body, not a document: {page.url}") from None
            except EmptyDocument:
                self.stats.inc_value("drop/empty_body")
                raise DropItem(f"empty body: {page.url}") from None
        decoded = page.decoded
        self.stats.inc_value(f"decode/{decoded.how}")
        if decoded.mismatch:
            self.stats.inc_value("decode/charset_mismatch")
            logger.warning("Charset mismatch at %s: declared %s, decoded as %s",
                           page.url, decoded.declared, decoded.encoding)
        if decoded.how == "lossy":
            logger.warning("Undecodable bytes at %s replaced with U+FFFD", page.url)
        return item
