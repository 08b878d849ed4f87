"""Downloader middleware: fetch each document once more as a search engine sees it.

Hacked sites cloak: they show Baiduspider, or visitors arriving from a Baidu
result, spam that an ordinary visitor never sees (docs/cleaning.md, "Cloaking").
With ``CLOAK_PROBE = True`` every page (not list APIs) that answers 200 is fetched a
second time with a Baiduspider User-Agent and a Baidu ``Referer``; the answer is
attached to the request (meta ``cloak_probe``) as a ``Probe`` and the cloaking
stage (pipelines/cloaking.py) compares the two for each document. Off by default:
it doubles the requests, and a crawler should never pose as a search engine
except for this deliberate check.

The probe goes through the crawler's own downloader (slot, politeness, retries,
stats) without cookies (a stranger's visit), without following redirects (where
a redirect leads is the evidence) and without the robots.txt check: the same URL
was just fetched under the project's own User-Agent, which robots.txt allowed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import quote

from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.utils.defer import deferred_from_coro, maybe_deferred_to_future

from crawler.families.base import DOCUMENT, PAGE
from crawler.jobdir import DONT_JOURNAL
from crawler.rendering.base import INNER

logger = logging.getLogger(__name__)
PROBE = "cloak_probe"  # meta: the Probe of a document response; True on the probe request itself
PROBED_LINKS = frozenset({DOCUMENT, PAGE})
BAIDUSPIDER = ("Mozilla/5.0 (compatible; Baiduspider/2.0; "
               "+http://www.baidu.com/search/spider.html)")


@dataclass(frozen=True)
class Probe:
    """What the search engine was served: a response, or why there was none."""

    user_agent: str
    referer: str
    status: int = 0
    body: bytes = b""
    content_type: str | None = None
    location: str | None = None  # a redirect's target, not followed
    failed: str | None = None


def baidu_referer(url: str) -> str:
    """A Referer as a click on a Baidu result for ``url`` sends it."""
    return f"https://www.baidu.com/s?wd={quote(url, safe='')}"


class CloakProbeMiddleware:
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("CLOAK_PROBE"):
            raise NotConfigured  # bare: Scrapy would log a reason as a warning in every crawl
        logger.info("Cloaking probe on: every document is fetched again as Baiduspider")
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider):
        if (PROBE in request.meta or INNER in request.meta or response.status != 200
                or request.method != "GET" or not self.is_page(request)):
            return response
        return deferred_from_coro(self.probe(request, response))

    @staticmethod
    def is_page(request: Request) -> bool:
        """A page the spider may read as a document (not a list API, not robots.txt).

        A page is known to be a document only once its family has read it, so list
        pages are probed too: a section's own single pages (指南, 制度) are reached as
        page links, and a probe costs one request where a missed cloak costs an audit.
        """
        return request.meta.get("link_kind") in PROBED_LINKS or request.meta.get("role") == "start"

    async def probe(self, request: Request, response: Response) -> Response:
        referer = baidu_referer(response.url)
        probe_request = Request(
            response.url, headers={"User-Agent": BAIDUSPIDER, "Referer": referer},
            dont_filter=True, priority=request.priority,
            meta={PROBE: True, "dont_redirect": True, "dont_merge_cookies": True,
                  "dont_obey_robotstxt": True, "handle_httpstatus_all": True,
                  DONT_JOURNAL: True},
        )
        self.stats.inc_value("cloaking/probes")
        try:
            answer = await maybe_deferred_to_future(self.crawler.engine.download(probe_request))
        except Exception as error:  # any failure: the page goes on unprobed, never lost
            reason = type(error).__name__
            self.stats.inc_value(f"cloaking/probe_failed/{reason}")
            logger.warning("Cloaking probe of %s failed (%s): %s", response.url, reason, error)
            request.meta[PROBE] = Probe(BAIDUSPIDER, referer, failed=f"{reason}: {error}")
            return response
        location = answer.headers.get("Location")
        request.meta[PROBE] = Probe(
            BAIDUSPIDER, referer, status=answer.status, body=answer.body,
            content_type=(answer.headers.get("Content-Type") or b"").decode("latin-1") or None,
            location=response.urljoin(location.decode("latin-1")) if location else None,
        )
        return response
