"""Stage 3: item fields from the page's tree, by the page's platform family."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from scrapy.exceptions import DropItem

from crawler.extraction.text import inline_text
from crawler.extraction.textdump import extract_text_dump
from crawler.families import FALLBACK, detect_family, family_class
from crawler.families.base import Family
from pipelines.base import PageStage

logger = logging.getLogger(__name__)
TITLE_SEPARATORS = ("_", " - ", "|", "—")


def title_from_head(tree) -> str | None:
    """The document part of ``<title>`` ("标题_栏目_站名" → "标题"), as a last resort."""
    titles = tree.xpath("//head/title")
    # The title's own text: inline_text(element) skips <title> like all head content.
    text = inline_text("".join(titles[0].itertext())) if titles else ""
    for separator in TITLE_SEPARATORS:
        text = text.split(separator)[0]
    return text.strip() or None


class ExtractPipeline(PageStage):
    def __init__(self, stats) -> None:
        super().__init__(stats)
        self.families: dict[tuple[str, str | None], Family] = {}

    def family_for(self, page, spider) -> Family:
        name = page.family
        if name is None:
            name, _score = detect_family(page.url, page.decoded.text, page.decoded.lowered)
        if name is None:
            self.stats.inc_value("extract/generic_fallback")
            name = FALLBACK
        profile = getattr(spider, "profile", None)
        key = (name, getattr(profile, "name", None))
        if key not in self.families:
            self.families[key] = family_class(name)(profile)
        return self.families[key]

    def process_page(self, item, page, spider):
        if page.format == "text":
            fields = extract_text_dump(page.decoded.text)
        else:
            family = self.family_for(page, spider)
            fields = family.extract(page)
            fields["title"] = fields["title"] or title_from_head(page.tree)
            if family.document_for_print(page.url):
                page.kind = "print"
        furniture = fields.pop("boilerplate_removed", 0)  # toolbars etc. left out of the body
        if furniture:
            self.stats.inc_value("body/boilerplate_removed", furniture)
        if not fields["title"]:
            self.stats.inc_value("drop/no_title")
            raise DropItem(f"no title found: {page.url}")
        if not fields["body"] and not fields["attachments"]:
            self.stats.inc_value("drop/no_content")
            raise DropItem(f"no body text and no attachments: {page.url}")
        item.update(fields)
        item["url"] = page.url
        item["site"] = urlsplit(page.url).hostname
        item["http_status"] = page.status
        item["crawled_at"] = page.crawled_at
        return item
