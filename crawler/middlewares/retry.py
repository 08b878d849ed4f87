"""Retries that back off, and that wait as long as the server asks.

Scrapy's RetryMiddleware retries at once; a flaky government server that is
failing under load needs time. Each retry waits ``RETRY_BACKOFF_BASE × 2^(n-1)``
seconds (n = the retry number); a 429 or 503 with ``Retry-After`` (seconds or an
HTTP date) waits that long instead, up to ``RETRY_AFTER_MAX``, and for that long
the site's download slot spaces every request that far apart, so the crawl as a
whole backs off, then returns to its pace.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import reactor
from twisted.internet.task import deferLater

logger = logging.getLogger(__name__)


def retry_after_seconds(value: bytes | None) -> float | None:
    """Seconds from a ``Retry-After`` header value (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings, crawler=None) -> None:
        super().__init__(settings)
        self.crawler = crawler
        self.base = settings.getfloat("RETRY_BACKOFF_BASE")
        self.ceiling = settings.getfloat("RETRY_AFTER_MAX")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings, crawler)

    async def wait(self, request, seconds: float) -> None:
        if seconds <= 0:
            return
        self.crawler.stats.inc_value("retry/waited_seconds", round(seconds, 3))
        await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))

    def backoff(self, request) -> float:
        return self.base * 2 ** request.meta.get("retry_times", 0)

    async def process_response(self, request, response, spider):
        result = super().process_response(request, response, spider)
        if result is response:
            return response
        asked = retry_after_seconds(response.headers.get(b"Retry-After")) \
            if response.status in (429, 503) else None
        delay = min(asked, self.ceiling) if asked is not None else self.backoff(request)
        if asked is not None:
            self.slow_slot(request, delay)
            logger.info("%s asked to retry after %.1f s (HTTP %d)", request.url, delay,
                        response.status)
        await self.wait(request, delay)
        return result

    async def process_exception(self, request, exception, spider):
        result = super().process_exception(request, exception, spider)
        if result is not None:
            await self.wait(request, self.backoff(request))
        return result

    def slow_slot(self, request, seconds: float) -> None:
        """Space this site's requests ``seconds`` apart until the server's wait is over."""
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is None or slot.delay >= seconds:
            return
        before = slot.delay
        slot.delay = seconds
        reactor.callLater(seconds, self.restore_slot, slot, seconds, before)

    @staticmethod
    def restore_slot(slot, raised_to: float, before: float) -> None:
        if slot.delay == raised_to:  # nobody (AutoThrottle, a later Retry-After) changed it since
            slot.delay = before
