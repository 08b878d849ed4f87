"""Anti-bot challenge pages are reported as blocked, never parsed as documents.

Government sites sit behind JavaScript cookie challenges: 瑞数 (Rivers Security)
answers 412 with ``FSSBBIl1UgzbN7N80S``/``…80T`` cookies and an obfuscated script,
加速乐 (Jiasule) answers 521 (or 512) with a script that sets ``__jsl_clearance_s``
and reloads, Alibaba Cloud WAF answers with an ``acw_sc__v2`` script (often with
status 200). A plain HTTP client gets only the challenge; parsing it would yield a
junk "document" or an empty list. This middleware recognises the challenge, counts
it under ``blocked/<vendor>`` and fails the request with ``ChallengeBlocked`` so the
summary lists the URL as blocked. Cookie challenges a browser can pass are first
given to the renderer (crawler/middlewares/rendering.py); what reaches this
middleware was not passed, and the request's ``challenge_note`` meta says why.

A challenged robots.txt is one warning line per host, not a failure: Scrapy's
RobotsTxtMiddleware would log any error but a plain ``IgnoreRequest`` with a traceback,
and the host's pages are challenged (and reported) anyway.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

from crawler.rendering.base import INNER

logger = logging.getLogger(__name__)
SNIFF_BYTES = 4096
VENDORS = (
    ("rivers", re.compile(rb"FSSBBIl1UgzbN7N80[ST]", re.I)),
    ("jiasule", re.compile(rb"__jsl_clearance(?:_s)?|__jsluid", re.I)),
    ("aliyun", re.compile(rb"acw_sc__v2", re.I)),
)
_DOCUMENT_COOKIE = re.compile(rb"document\.cookie\s*=", re.I)
CHALLENGE_STATUSES = frozenset({202, 403, 412, 503, 512, 521})
VENDOR_NAMES = {"rivers": "瑞数", "jiasule": "加速乐", "aliyun": "Alibaba WAF"}


class ChallengeBlocked(IgnoreRequest):
    """The server answered with a JavaScript challenge this crawler does not pass."""

    def __init__(self, vendor: str, url: str, note: str = "") -> None:
        super().__init__(f"blocked by a {vendor} JavaScript challenge: {url}"
                         + (f"; {note}" if note else ""))
        self.vendor = vendor


def challenge_vendor(status: int, headers, body: bytes) -> str | None:
    """Which challenge a response is, or None for an ordinary page."""
    cookies = b"\n".join(headers.getlist(b"Set-Cookie")) if headers else b""
    head = body[:SNIFF_BYTES]
    for vendor, pattern in VENDORS:
        if pattern.search(cookies) and (status in CHALLENGE_STATUSES or
                                        _DOCUMENT_COOKIE.search(head)):
            return vendor
        if pattern.search(head) and _DOCUMENT_COOKIE.search(head) and len(body) < 64 * 1024:
            return vendor
    return None


def is_robots_txt(request) -> bool:
    """Whether ``request`` is RobotsTxtMiddleware's own fetch of a host's robots.txt."""
    return bool(request.meta.get("dont_obey_robotstxt")) and urlsplit(
        request.url).path == "/robots.txt"


class ChallengeMiddleware:
    """Downloader middleware: fail challenge responses as ``ChallengeBlocked``."""

    def __init__(self, stats) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_response(self, request, response, spider):
        if INNER in request.meta:  # a renderer's answer; the renderer judges the page in it
            return response
        vendor = challenge_vendor(response.status, response.headers, response.body)
        if vendor is None:
            return response
        self.stats.inc_value(f"blocked/{vendor}")
        note = request.meta.get("challenge_note", "")
        if is_robots_txt(request):
            logger.warning("robots.txt of %s is behind a %s challenge; %s",
                           urlsplit(request.url).hostname, VENDOR_NAMES[vendor],
                           note or "no browser passes it")
            raise IgnoreRequest(f"robots.txt behind a {vendor} challenge")
        logger.warning("Blocked: %s answered a %s challenge (HTTP %d)%s", request.url, vendor,
                       response.status, f"; {note}" if note else "")
        raise ChallengeBlocked(vendor, request.url, note)
