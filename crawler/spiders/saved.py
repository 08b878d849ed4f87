"""Saved pages through the same pipelines as a crawl (used by ``scrapy extract``).

    scrapy crawl saved -a paths=PATH[:PATH...] [-a url=URL]

It makes no requests: ``start()`` yields one item per saved page, so decoding,
cleaning and extraction are exactly those of a live crawl.
"""

from __future__ import annotations

import logging
import os
from typing import Any, ClassVar

import scrapy

from crawler.clock import run_stamp, utc_now
from crawler.items import DocumentItem, Page
from crawler.saved import Problem, iter_saved_pages

logger = logging.getLogger(__name__)


class SavedPagesSpider(scrapy.Spider):
    name = "saved"
    custom_settings: ClassVar[dict[str, Any]] = {"ROBOTSTXT_OBEY": False, "STATE_DIR": ""}

    def __init__(self, paths: str | list[str] = "", url: str | None = None,
                 *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.paths = paths if isinstance(paths, list) else [p for p in paths.split(os.pathsep) if p]
        if not self.paths:
            raise ValueError("give the saved pages: -a paths=PATH[:PATH...]")
        self.url = url
        self.site_host = None
        self.run_stamp = run_stamp()
        self.failures: list[dict[str, Any]] = []

    async def start(self):
        stats = self.crawler.stats
        for found in iter_saved_pages(self.paths, self.url):
            if isinstance(found, Problem):
                reason = found.reason.split(" ")[0]
                stats.inc_value(f"extract/{reason}")
                if reason == "asset":
                    logger.debug("Skipped asset %s", found.origin)
                    continue
                logger.error("Bad input %s: %s", found.origin, found.reason)
                self.failures.append({"url": found.origin, "kind": reason})
                continue
            stats.inc_value("extract/pages")
            yield DocumentItem(page=Page(
                url=found.url, body=found.body, status=found.status,
                content_type=found.content_type, family=None,
                crawled_at=found.fetched_at or utc_now(),
            ))
