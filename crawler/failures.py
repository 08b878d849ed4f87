"""Why a request produced no page: one short kind per cause, for logs, stats and the summary.

Scrapy reports very different events through the same errback: a dead link, a
server that kept failing after its retries, an anti-bot challenge, a redirect
loop, a gzip bomb, a robots.txt refusal. Users of a nightly crawl need them
apart: ``failure_kind`` names each one (``http_503``, ``timeout``,
``blocked_rivers``, ``redirect_loop``, ``too_large`` …) or returns ``None`` for
requests that were deliberately not made (robots.txt, off-site links), which are
counted as skipped, not as errors.
"""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net
from twisted.internet.defer import CancelledError
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from crawler.middlewares.challenge import ChallengeBlocked
from crawler.middlewares.redirects import OffsiteRedirect
from crawler.rendering.base import RenderFailed

CONNECTION_ERRORS = (
    net.ConnectionRefusedError, net.ConnectionLost, net.ConnectionDone, net.ConnectError,
    ResponseNeverReceived, ResponseFailed,
)
_TOO_LARGE = ("max size", "DOWNLOAD_MAXSIZE")


def failure_kind(failure: Failure) -> tuple[str | None, str]:
    """``(kind, note)`` for a failed request; kind None means "not fetched on purpose"."""
    value = failure.value
    message = str(value)
    if isinstance(value, HttpError):
        return f"http_{value.response.status}", ""
    if isinstance(value, ChallengeBlocked):
        return f"blocked_{value.vendor}", message
    if isinstance(value, RenderFailed):
        return "render_failed", message
    if isinstance(value, IgnoreRequest):
        return _ignored_kind(failure, message)
    if isinstance(value, (net.TimeoutError, net.TCPTimedOutError)):
        return "timeout", message
    if isinstance(value, net.DNSLookupError):
        return "dns", message
    if isinstance(value, CancelledError):
        return ("too_large" if any(m in message for m in _TOO_LARGE) else "cancelled"), message
    if isinstance(value, CONNECTION_ERRORS):
        return "connection", f"{type(value).__name__}: {message}"
    return type(value).__name__, message


def _ignored_kind(failure: Failure, message: str) -> tuple[str | None, str]:
    request = failure.request
    if "max redirections" in message:
        return "redirect_loop", message
    if any(m in message for m in _TOO_LARGE):
        return "too_large", message
    if isinstance(failure.value, OffsiteRedirect):
        return "redirect_offsite", message
    if request.meta.get("redirect_urls") and not message:
        return "redirect_offsite", f"redirected off the site to {request.url}"
    return None, message
