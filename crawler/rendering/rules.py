"""Which requests a site profile asks to render.

``render = "splash"`` at the top of a profile renders every page of the site;
``[[columns]]`` entries with a ``path`` and ``render = "splash"`` render the pages
under that path. Only pages the spider navigates (the start page, sections, lists)
are rendered: documents, list APIs and robots.txt are fetched as they are, since
their content is in the response and a browser would only add cost (0.5 s a page).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy import Request

RENDER_VALUES = frozenset({"splash", "none"})


def renders(value: str | None) -> bool:
    if value is not None and value not in RENDER_VALUES:
        raise ValueError(f"render = {value!r}; known: {sorted(RENDER_VALUES)}")
    return value == "splash"


def needs_rendering(profile, request: Request) -> bool:
    """Whether the profile asks for this request to go through the renderer."""
    if profile is None or request.method != "GET":
        return False
    if request.meta.get("role") != "start" and request.meta.get("link_kind") != "page":
        return False
    path = urlsplit(request.url).path
    for column in profile.columns:
        if path.startswith(column.path):
            return renders(column.render)
    return renders(profile.render)
