"""What a renderer is: a request in, the page a browser ended up with out.

Any browser service can stand behind this (Splash today, a Playwright pool
tomorrow): the rendering middleware only calls ``render`` and reads ``Rendered``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from scrapy import Request
from scrapy.exceptions import IgnoreRequest

# Meta key of a renderer's own request (to Splash …): no challenge check, no rendering.
INNER = "rendering_for"


@dataclass(frozen=True)
class Rendered:
    """The page after its scripts ran: final address, its HTTP status, HTML, cookies."""

    url: str
    status: int
    html: str
    cookies: list[dict] = field(default_factory=list)  # name, value, domain, path
    seconds: float = 0.0


class Renderer(Protocol):
    name: str

    async def render(self, request: Request) -> Rendered:
        """Load ``request.url`` in a browser through the crawler's proxy; RenderFailed if not."""


class RenderFailed(RuntimeError):
    """The renderer could not load the page (server down, timeout, script error)."""


class RenderingUnavailable(IgnoreRequest):
    """A page needed rendering and no renderer is configured: not fetched, reported."""

    def __init__(self, url: str, why: str) -> None:
        super().__init__(f"needs rendering, skipped ({why}): {url}")
        self.why = why
