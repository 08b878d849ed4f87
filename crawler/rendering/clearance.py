"""One challenge render per host: the cookies that clear a JavaScript challenge.

A host behind 加速乐 challenges every request until it carries the clearance cookie,
and a crawl has several requests to it in flight. The first challenged request
renders the page; the others wait for the same render and then retry with its
cookies, so the host costs one render, not one per page.
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit

from scrapy import Request

from crawler.rendering.base import Renderer


class Clearances:
    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        self._by_host: dict[str, asyncio.Future] = {}

    @staticmethod
    def host(request: Request) -> str:
        return (urlsplit(request.url).hostname or "").lower()

    def known(self, request: Request) -> bool:
        return self.host(request) in self._by_host

    async def cookies(self, request: Request, passed) -> list[dict]:
        """The cookies that clear ``request``'s host, rendering it when no render is under
        way or done; ``passed(rendered)`` says whether the render got past the challenge.
        A render that failed is forgotten, so a later request may try again."""
        host = self.host(request)
        pending = self._by_host.get(host)
        if pending is None:
            pending = self._by_host[host] = asyncio.get_running_loop().create_future()
            try:
                rendered = await self.renderer.render(request)
                if not passed(rendered):
                    raise ChallengePersisted(rendered.status)
            except Exception as error:
                del self._by_host[host]
                pending.set_exception(error)
                pending.exception()  # retrieved here: waiters may be none
                raise
            pending.set_result(rendered.cookies)
        return await asyncio.shield(pending)


class ChallengePersisted(RuntimeError):
    """The rendered page still answered with the challenge."""

    def __init__(self, status: int) -> None:
        super().__init__(f"the page still answered HTTP {status} with the challenge "
                         "after its script ran")
