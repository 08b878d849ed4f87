"""Stage 4: is this page a spam mirror's copy of a government page? Which one?

Sets ``mirror_of`` (the official URL, or null) and notes the ``mirror_host``
kind in the spam report, so deduplication can fold the copy into the original.
The site a crawl was started on is official by the user's choice (many official
disclosure sections are not on ``*.gov.cn``); saved pages are judged by their URL.
"""

from __future__ import annotations

import logging

from crawler.cleaning.mirror import judge_mirror
from crawler.families import is_cms_document_url
from crawler.profiles import Profile, all_profiles
from pipelines.base import PageStage

logger = logging.getLogger(__name__)


class MirrorPipeline(PageStage):
    def __init__(self, stats) -> None:
        super().__init__(stats)
        self._profiles: list[Profile] | None = None

    def profiles(self) -> list[Profile]:
        """The site profiles, read once per crawl rather than from disk for every page."""
        if self._profiles is None:
            self._profiles = all_profiles()
        return self._profiles

    def process_page(self, item, page, spider):
        policy = getattr(spider, "urls", None)
        if policy is not None and policy.owns(page.url):
            item["mirror_of"] = None
            return item
        cms = page.family is not None or is_cms_document_url(page.url)
        verdict = judge_mirror(page.url, page.tree, page.decoded.text, cms, self.profiles)
        item["mirror_of"] = verdict.official_url if verdict else None
        if verdict:
            page.spam.note("mirror_host")
            self.stats.inc_value("spam/mirror_pages")
            logger.info("Mirror page %s (%s) copies %s", page.url, verdict.evidence,
                        verdict.official_url or "an unknown official page")
        return item
