"""The document item: the contract downstream users rely on.

The exported fields are described in crawler/schemas/document.schema.json; the
``page`` field carries the fetched page through the pipelines and is removed by
the finalize stage, so raw bytes never reach an output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import scrapy

from crawler.cleaning.report import SpamReport

EXPORT_FIELDS = [
    "url",
    "site",
    "title",
    "published_at",
    "source",
    "publisher",
    "index_no",
    "doc_no",
    "category",
    "breadcrumb",
    "column",
    "body",
    "attachments",
    "views",
    "lang",
    "http_status",
    "crawled_at",
    "spam",
    "served_script",
    "mirror_of",
    "content_hash",
    "duplicate_of",
    "urls",
    "change",
]


@dataclass
class Page:
    """A fetched (or saved) page on its way through the pipelines.

    ``hints`` holds what the list page said about the document (title, date,
    column); extraction prefers the page itself and falls back to the hints.
    ``decoded`` (text and charset) and ``tree`` are filled in once, by the spider
    or by the decode stage, and shared by every later stage.
    """

    url: str
    body: bytes
    status: int = 200
    content_type: str | None = None
    family: str | None = None
    kind: str = "article"
    hints: dict[str, Any] = field(default_factory=dict)
    crawled_at: str | None = None
    decoded: Any = None
    tree: Any = None
    format: str = "html"  # html | text (a plain-text dump of a page)
    spam: SpamReport = field(default_factory=SpamReport)
    probe: Any = None  # the page as a search engine was served it (crawler/middlewares/cloaking.py)
    signature: Any = None  # MinHash of the normalised body (deduplication)
    rank: int = 0  # how canonical this copy is, lower is better (pipelines/dedup.py)
    published: int | None = None  # publication time as a sortable integer (deduplication)
    superseded: Any = None  # the stored document this copy replaced as canonical


class DocumentItem(scrapy.Item):
    url = scrapy.Field()
    site = scrapy.Field()
    title = scrapy.Field()
    published_at = scrapy.Field()
    source = scrapy.Field()
    publisher = scrapy.Field()
    index_no = scrapy.Field()
    doc_no = scrapy.Field()
    category = scrapy.Field()
    breadcrumb = scrapy.Field()
    column = scrapy.Field()
    body = scrapy.Field()
    attachments = scrapy.Field()
    views = scrapy.Field()
    lang = scrapy.Field()
    http_status = scrapy.Field()
    crawled_at = scrapy.Field()
    spam = scrapy.Field()
    served_script = scrapy.Field()
    mirror_of = scrapy.Field()
    content_hash = scrapy.Field()
    duplicate_of = scrapy.Field()
    urls = scrapy.Field()
    change = scrapy.Field()
    page = scrapy.Field()
