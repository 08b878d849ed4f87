"""Redirects that leave the site are reported, not silently dropped.

Scrapy's RedirectMiddleware follows a ``Location`` anywhere and its offsite
filter then drops the new request without a trace. A government page that
redirects to another host is either gone or hacked (spam sites take over pages
with a 302), which is what webmasters and auditors read the summary for, so the
redirect fails the request with a reason the spider records.
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin

from scrapy.exceptions import IgnoreRequest
from w3lib.url import safe_url_string

logger = logging.getLogger(__name__)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
OFFSITE_PREFIX = "redirected off the site to "


class OffsiteRedirect(IgnoreRequest):
    """A redirect to a host outside the crawl."""


class OffsiteRedirectMiddleware:
    """Downloader middleware (before RedirectMiddleware): fail redirects that leave the site."""

    def process_response(self, request, response, spider):
        policy = getattr(spider, "urls", None)
        location = response.headers.get(b"Location")
        if (policy is None or response.status not in REDIRECT_STATUSES or not location
                or request.meta.get("dont_redirect")):
            return response
        target = safe_url_string(urljoin(request.url, location.decode("latin-1").strip()))
        if policy.owns(target) or not target.startswith(("http://", "https://")):
            return response
        raise OffsiteRedirect(OFFSITE_PREFIX + target)
