"""Stage 2b: was a search engine served another page than this one? (``CLOAK_PROBE``)

Runs after sanitizing, on pages that carry a probe (crawler/middlewares/cloaking.py):
the probe is decoded and sanitized like the page itself, then compared with it
(crawler/cleaning/cloaking.py). Each finding is recorded in the spam report as
kind ``cloaking`` with what the search engine was shown; the page's own text is
what the item keeps. Counted under ``cloaking/*`` and ``spam/removed/cloaking``.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from crawler.cleaning.cloaking import (
    DEFAULT_THRESHOLD,
    judge_content,
    judge_redirect,
    visible_lines,
)
from crawler.cleaning.report import SpamReport
from crawler.htmltree import BinaryDocument, EmptyDocument, load_html
from pipelines.base import PageStage
from pipelines.sanitize import sanitize_tree

logger = logging.getLogger(__name__)


class CloakingPipeline(PageStage):
    def __init__(self, stats, threshold: float = DEFAULT_THRESHOLD) -> None:
        super().__init__(stats)
        self.threshold = threshold

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats, crawler.settings.getfloat("CLOAK_SIMILARITY",
                                                            DEFAULT_THRESHOLD))

    def process_page(self, item, page, spider):
        probe, page.probe = page.probe, None  # its bytes are not needed past this stage
        if probe is None or probe.failed or page.tree is None:
            return item
        findings = self.findings(page, probe)
        for finding in findings:
            page.spam.remove("cloaking", finding.where, finding.text)
            self.stats.inc_value("spam/removed/cloaking")
        if findings:
            self.stats.inc_value("cloaking/cloaked_pages")
            logger.warning("Cloaking at %s (%d finding(s) in its spam report): %s", page.url,
                           len(findings), findings[0].where)
        return item

    def findings(self, page, probe):
        site = urlsplit(page.url).hostname
        if probe.location:
            return judge_redirect(site, probe)
        if probe.status != 200:
            self.stats.inc_value(f"cloaking/probe_status/{probe.status}")
            return []
        try:
            decoded, tree = load_html(probe.body, probe.content_type)
        except (BinaryDocument, EmptyDocument) as problem:
            self.stats.inc_value("cloaking/probe_unreadable")
            logger.info("Cloaking probe of %s not compared: %s", page.url, problem)
            return []
        report = SpamReport()
        sanitize_tree(tree, decoded.text, page.url, report, decoded.lowered)
        return judge_content(visible_lines(page.tree), page.spam.removed, probe,
                             visible_lines(tree), report.removed, self.threshold)
