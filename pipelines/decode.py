"""Stage 1: bytes → text → tree, once per page, and a count of charset trouble.

Crawled pages arrive already decoded by the spider (it had to read them to
navigate); saved pages arrive as bytes, and are either HTML or a plain-text
dump of a page. Either way this stage records how the charset was decided, so
lying or missing declarations show up in the stats.
"""

from __future__ import annotations

import logging

from scrapy.exceptions import DropItem

from crawler.encoding import decode_html, looks_binary
from crawler.htmltree import BinaryDocument, EmptyDocument, looks_like_html, parse_html
from pipelines.base import PageStage

logger = logging.getLogger(__name__)


def load_page(page) -> None:
    """Decode a saved page; parse it unless it is a plain-text dump."""
    if looks_binary(page.body):
        raise BinaryDocument("binary body")
    page.decoded = decode_html(page.body, page.content_type)
    if not page.decoded.text.strip():
        raise EmptyDocument("empty body")
    declared_text = (page.content_type or "").startswith("text/plain")
    if declared_text or not looks_like_html(page.decoded.text):
        page.format = "text"
        return
    page.tree = parse_html(page.decoded.text)


class DecodePipeline(PageStage):
    def process_page(self, item, page, spider):
        if page.tree is None and page.decoded is None:
            try:
                load_page(page)
            except BinaryDocument:
                self.stats.inc_value("drop/binary_body")
                raise DropItem(f"binary body, not a document: {page.url}") from None
            except EmptyDocument:
                self.stats.inc_value("drop/empty_body")
                raise DropItem(f"empty body: {page.url}") from None
        decoded = page.decoded
        self.stats.inc_value(f"decode/{decoded.how}")
        self.stats.inc_value(f"decode/format/{page.format}")
        if decoded.mismatch:
            self.stats.inc_value("decode/charset_mismatch")
            logger.warning("Charset mismatch at %s: declared %s, decoded as %s",
                           page.url, decoded.declared, decoded.encoding)
        if decoded.how == "lossy":
            logger.warning("Undecodable bytes at %s replaced with U+FFFD", page.url)
        return item
