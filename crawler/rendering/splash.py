"""The Splash renderer: scrapy-splash sends each page to Splash's ``/execute`` with
render.lua, through the crawler's own downloader (slots, timeouts, retries, stats).

Splash fetches the page itself, so it is given the proxy the crawler uses for that
URL (``PROXY_URL`` or the environment's ``http_proxy``), or it would not reach
what the crawler reaches. The request to Splash itself never goes through a proxy.
"""

from __future__ import annotations

import time
import warnings
from importlib.resources import files
from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

from scrapy import Request
from scrapy.exceptions import NotConfigured, ScrapyDeprecationWarning
from scrapy.utils.defer import maybe_deferred_to_future

# scrapy-splash 0.11.1, the last release, imports a helper Scrapy 2.13 deprecates: the
# warning says nothing a user can act on, and it would open every crawl's log.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning, module="scrapy.utils.url")
    from scrapy_splash import SplashRequest

from crawler.rendering.base import INNER, Rendered, RenderFailed

# Package data: readable from the egg scrapyd runs (a zip file) as from a checkout.
LUA_SOURCE = files(__package__).joinpath("render.lua").read_text(encoding="utf-8")
COOKIE_KEYS = ("name", "value", "domain", "path", "secure")


class SplashRenderer:
    name = "splash"

    def __init__(self, crawler, splash_url: str) -> None:
        self.crawler = crawler
        self.splash_url = splash_url
        settings = crawler.settings
        self.wait = settings.getfloat("RENDER_WAIT")
        self.timeout = settings.getfloat("RENDER_TIMEOUT")
        self.proxy = settings.get("PROXY_URL") or None

    @classmethod
    def from_crawler(cls, crawler):
        splash_url = crawler.settings.get("SPLASH_URL")
        if not splash_url:
            raise NotConfigured("no SPLASH_URL set")
        return cls(crawler, splash_url)

    def proxy_for(self, request: Request) -> tuple[str, int] | None:
        """The (host, port) of the HTTP proxy the crawler would use for ``request``."""
        url = request.meta.get("proxy") or self.proxy
        if url is None:
            parts = urlsplit(request.url)
            if parts.hostname and proxy_bypass(parts.hostname):
                return None
            url = getproxies().get(parts.scheme)
        if not url:
            return None
        proxy = urlsplit(url if "://" in url else f"http://{url}")
        return proxy.hostname, proxy.port or 80

    def splash_request(self, request: Request) -> SplashRequest:
        args = {"lua_source": LUA_SOURCE, "wait": self.wait, "settle": self.timeout / 2,
                "resource_timeout": self.timeout / 2, "timeout": self.timeout}
        proxy = self.proxy_for(request)
        if proxy:
            args["proxy_host"], args["proxy_port"] = proxy
        return SplashRequest(
            request.url, endpoint="execute", args=args, splash_url=self.splash_url,
            session_id=None, magic_response=False, headers=request.headers.copy(),
            dont_filter=True,
            meta={INNER: request.url, "proxy": None, "allow_offsite": True,
                  "dont_obey_robotstxt": True, "dont_redirect": True},
        )

    async def render(self, request: Request) -> Rendered:
        started = time.monotonic()
        try:
            response = await maybe_deferred_to_future(
                self.crawler.engine.download(self.splash_request(request)))
        except Exception as error:
            raise RenderFailed(f"Splash at {self.splash_url} did not answer for "
                               f"{request.url}: {error!r}") from error
        data = getattr(response, "data", None)
        if response.status != 200 or not isinstance(data, dict):
            detail = data.get("description") or data.get("info") if isinstance(data, dict) else ""
            raise RenderFailed(f"Splash answered HTTP {response.status} for {request.url}"
                               + (f": {detail}" if detail else ""))
        cookies = [{k: c[k] for k in COOKIE_KEYS if k in c} for c in data.get("cookies") or ()]
        return Rendered(url=data.get("url") or request.url, status=int(data.get("status") or 200),
                        html=data.get("html") or "", cookies=cookies,
                        seconds=time.monotonic() - started)
