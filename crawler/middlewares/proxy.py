"""An HTTP proxy named by a setting, for crawls that cannot set the environment.

Scrapy takes its proxy from ``http_proxy`` in the environment, but a job scrapyd
launches inherits scrapyd's environment, fixed when scrapyd started. With
``PROXY_URL`` the proxy is chosen per job instead
(``schedule.json -d setting=PROXY_URL=http://host:port``). It sets the request's
``proxy`` meta, which Scrapy's HttpProxyMiddleware then uses as usual; a request
that already names a proxy keeps it.
"""

from __future__ import annotations

from scrapy.exceptions import NotConfigured


class SettingProxyMiddleware:
    """Downloader middleware (before HttpProxyMiddleware, 750)."""

    def __init__(self, proxy: str) -> None:
        self.proxy = proxy

    @classmethod
    def from_crawler(cls, crawler):
        proxy = crawler.settings.get("PROXY_URL")
        if not proxy:
            raise NotConfigured
        return cls(proxy)

    def process_request(self, request, spider):
        if request.url.startswith(("http://", "https://")):
            request.meta.setdefault("proxy", self.proxy)
