"""Rendering pages in a browser, behind one small interface (crawler/rendering/base.py).

Two kinds of page need a browser: lists a script builds from data that is not in the
HTML (a profile says ``render = "splash"`` for the site or a column), and JavaScript
cookie challenges (加速乐, Alibaba WAF), which are rendered once per host for the cookie
they set. crawler/middlewares/rendering.py decides and asks the renderer; spiders never
know which renderer runs. ``RENDERER`` names the class (Splash by default: splash.py);
without a configured server the pages that needed it are reported as skipped.
"""

from __future__ import annotations

from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import build_from_crawler, load_object

from crawler.rendering.base import Renderer


def load_renderer(crawler) -> tuple[Renderer | None, str]:
    """The configured renderer, or None and why there is none."""
    try:
        return build_from_crawler(load_object(crawler.settings["RENDERER"]), crawler), ""
    except NotConfigured as why:
        return None, str(why)
