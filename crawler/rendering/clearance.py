"""One challenge render per host at a time: the cookies that clear a JavaScript challenge.

A host behind 加速乐 challenges every request until it carries the clearance cookie,
and a crawl has several requests to it in flight. The first challenged request
renders the page; the others wait for the same render and then retry with its
cookies, so the host costs one render, not one per page.

Clearances expire (``__jsl_clearance_s`` often within the hour) and sites challenge
again: a request challenged while carrying the host's current clearance renews it
with one more render, at most ``renewals`` times per host, so a site that never
accepts the cookies costs a bounded number of renders, not one per page.
"""

from __future__ import annotations

import asyncio
import secrets
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

from scrapy import Request

from crawler.rendering.base import Renderer


@dataclass(frozen=True)
class Clearance:
    """The cookies one render got for a host; ``renewal`` 0 for the first, then 1, 2 …
    ``token`` names it in a retry's meta, unique across runs and workers (JOBDIR, Redis)."""

    cookies: list[dict]
    token: str
    renewal: int = 0

    def sent_with(self, request: Request) -> bool:
        """Whether ``request`` went out carrying every one of these cookies."""
        sent = {tuple(part.strip().split("=", 1)) for header in request.headers.getlist("Cookie")
                for part in header.decode("latin-1").split(";")}
        return bool(self.cookies) and all((c["name"], c["value"]) in sent for c in self.cookies)


class Clearances:
    def __init__(self, renderer: Renderer, renewals: int = 0) -> None:
        self.renderer = renderer
        self.renewals = renewals
        self._by_host: dict[str, asyncio.Future] = {}
        self._passed: Counter[str] = Counter()  # renders that passed, by host
        self._renewed: Counter[str] = Counter()  # renders tried after one passed, by host

    @staticmethod
    def host(request: Request) -> str:
        return (urlsplit(request.url).hostname or "").lower()

    def current(self, request: Request) -> Clearance | None:
        """The host's clearance in force, when a render has passed (none under way)."""
        pending = self._by_host.get(self.host(request))
        return pending.result() if pending is not None and pending.done() else None

    async def clearance(self, request: Request, passed,
                        stale: Clearance | None = None) -> tuple[Clearance, bool]:
        """The clearance for ``request``'s host and whether this call rendered it.

        Renders when no render is under way or done, or when ``stale`` (the clearance
        the challenged request carried) is still the host's current one.
        ``passed(rendered)`` says whether the render got past the challenge. A render
        that failed is forgotten, so a later request may try again.
        """
        host = self.host(request)
        pending = self._by_host.get(host)
        if pending is not None and stale is not None and self.current(request) is stale:
            pending = None
        if pending is not None:
            return await asyncio.shield(pending), False
        renewal = 0
        if self._passed[host]:  # counted when tried: a failing renewal must not loop either
            if self._renewed[host] >= self.renewals:
                raise RenewalsSpent(self.renewals)
            renewal = self._renewed[host] = self._renewed[host] + 1
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
        self._passed[host] += 1
        found = Clearance(rendered.cookies, secrets.token_hex(8), renewal)
        pending.set_result(found)
        return found, True


class ChallengePersisted(RuntimeError):
    """The rendered page still answered with the challenge."""

    def __init__(self, status: int) -> None:
        super().__init__(f"the page still answered HTTP {status} with the challenge "
                         "after its script ran")


class RenewalsSpent(RuntimeError):
    """The host challenged again after every renewal its clearance was allowed."""

    def __init__(self, renewals: int) -> None:
        super().__init__(f"challenged again after {renewals} renewal(s) of the host's "
                         "clearance (RENDER_CHALLENGE_RETRIES)")
