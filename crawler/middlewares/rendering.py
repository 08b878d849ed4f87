"""Downloader middleware: render the pages that need a browser, pass cookie challenges.

- A page the site profile marks ``render = "splash"`` (crawler/rendering/rules.py) is
  loaded by the renderer; the spider gets the rendered HTML as an ordinary response
  (the cookies the page ended with become ``Set-Cookie`` headers, kept by Scrapy's jar).
- A JavaScript cookie challenge (加速乐, Alibaba WAF) is rendered once per host; the
  cookies it sets go into the jar and the request is retried plainly, and so is every
  later request to that host. A request challenged again while carrying those cookies
  (the clearance expired) renders the host once more, at most ``RENDER_CHALLENGE_RETRIES``
  times per host (``render/challenges/renewed/<vendor>``). A challenge still there after
  that, or one no browser passes (瑞数 412), is left to ChallengeMiddleware, which
  reports it blocked.
- Without a renderer (no ``SPLASH_URL``), both kinds are skipped and listed: stats
  ``render/skipped/<page|challenge>``, the summary's ``rendering`` section and a warning
  at the end of the crawl naming every URL.

Sits just above ChallengeMiddleware (580), so it sees challenges first.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.http import HtmlResponse, Response
from scrapy.utils.defer import deferred_from_coro

from crawler.middlewares.challenge import challenge_vendor
from crawler.rendering import load_renderer
from crawler.rendering.base import INNER, RenderingUnavailable
from crawler.rendering.clearance import Clearance, Clearances, RenewalsSpent
from crawler.rendering.rules import needs_rendering

logger = logging.getLogger(__name__)
PASSABLE = frozenset({"jiasule", "aliyun"})  # cookie challenges a browser clears; not 瑞数
CLEARED = "challenge_cleared"  # meta: token of the clearance whose cookies this retry carries
NOTE = "challenge_note"  # meta: why a challenge was not passed, for ChallengeMiddleware
SKIPPED_STAT = "render/skipped_urls"
MAX_LISTED = 1000


def for_jar(cookies: list[dict], url: str) -> list[dict]:
    """The browser's cookies as Scrapy's jar should hold them: a cookie of the page's own
    host stays host-only, so it replaces the one the jar has instead of doubling it."""
    host = urlsplit(url).hostname
    return [{k: v for k, v in c.items() if not (k == "domain" and v == host)} for c in cookies]


def _cookie_header(cookie: dict) -> str:
    parts = [f"{cookie['name']}={cookie['value']}", f"Path={cookie.get('path') or '/'}"]
    if cookie.get("domain"):
        parts.append(f"Domain={cookie['domain']}")
    return "; ".join(parts)


class RenderingMiddleware:
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.renderer, self.why_not = load_renderer(crawler)
        renewals = crawler.settings.getint("RENDER_CHALLENGE_RETRIES")
        self.clearances = Clearances(self.renderer, renewals) if self.renderer else None
        self.stats.set_value("render/renderer", self.renderer_name)
        crawler.signals.connect(self.spider_closed, signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    @property
    def renderer_name(self) -> str | None:
        return self.renderer.name if self.renderer else None

    def skip(self, url: str, reason: str) -> None:
        self.stats.inc_value(f"render/skipped/{reason}")
        listed = self.stats.get_value(SKIPPED_STAT) or []
        if len(listed) < MAX_LISTED:
            self.stats.set_value(SKIPPED_STAT, [*listed, {"url": url, "reason": reason}])

    # --- pages the profile marks -------------------------------------------

    def process_request(self, request: Request, spider):
        """None for the pages fetched as they are (no coroutine on the hot path)."""
        if INNER in request.meta or not needs_rendering(getattr(spider, "profile", None),
                                                         request):
            return None
        if self.renderer is None:
            self.skip(request.url, "page")
            raise RenderingUnavailable(request.url, self.why_not)
        return deferred_from_coro(self.render(request))

    async def render(self, request: Request) -> Response:
        rendered = await self.renderer.render(request)
        self.stats.inc_value("render/pages")
        self.stats.inc_value("render/seconds", round(rendered.seconds, 3))
        logger.info("Rendered %s in %.2f s", request.url, rendered.seconds)
        headers = {"Content-Type": "text/html; charset=utf-8",
                   "Set-Cookie": [_cookie_header(c) for c in for_jar(rendered.cookies,
                                                                     rendered.url)]}
        return HtmlResponse(rendered.url, status=rendered.status, headers=headers,
                            body=rendered.html.encode("utf-8"), request=request)

    # --- challenges ----------------------------------------------------------

    def process_response(self, request: Request, response: Response, spider):
        if INNER in request.meta:
            return response
        vendor = challenge_vendor(response.status, response.headers, response.body)
        if vendor not in PASSABLE:
            return response
        if self.clearances is None:
            self.skip(request.url, "challenge")
            request.meta[NOTE] = f"needs rendering, skipped ({self.why_not})"
            return response
        return deferred_from_coro(self.clear(request, response, vendor))

    async def clear(self, request: Request, response: Response, vendor: str):
        """The request again with the host's clearance cookies, or the challenge response."""
        try:
            clearance, rendered = await self.clearances.clearance(
                request, self.passed, stale=self.presented(request))
        except RenewalsSpent as error:
            request.meta[NOTE] = str(error)
            return response
        except RuntimeError as error:  # RenderFailed, ChallengePersisted
            self.stats.inc_value(f"render/challenges/failed/{vendor}")
            request.meta[NOTE] = f"rendering did not pass it: {error}"
            return response
        if rendered:
            self.stats.inc_value(f"render/challenges/passed/{vendor}")
            if clearance.renewal:
                self.stats.inc_value(f"render/challenges/renewed/{vendor}")
                logger.info("Passed a %s challenge at %s again: the host refused its clearance "
                            "(renewal %d of at most %d)", vendor, request.url, clearance.renewal,
                            self.clearances.renewals)
            else:
                logger.info("Passed a %s challenge at %s by rendering it; the host's later "
                            "requests carry its cookies", vendor, request.url)
        retry = request.replace(cookies=for_jar(clearance.cookies, request.url), dont_filter=True)
        retry.meta[CLEARED] = clearance.token
        return retry

    def presented(self, request: Request) -> Clearance | None:
        """The host's current clearance when ``request`` carried it: refused, so stale."""
        current = self.clearances.current(request)
        if current is not None and (request.meta.get(CLEARED) == current.token
                                    or current.sent_with(request)):
            return current
        return None

    @staticmethod
    def passed(rendered) -> bool:
        return rendered.status < 400 and challenge_vendor(
            rendered.status, None, rendered.html.encode("utf-8")) is None

    def spider_closed(self, spider) -> None:
        listed = self.stats.get_value(SKIPPED_STAT) or []
        if listed:
            logger.warning("%d page(s) needed rendering and were skipped (%s): %s", len(listed),
                           self.why_not, ", ".join(entry["url"] for entry in listed))
