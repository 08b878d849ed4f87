"""The Suzhou government-website 集约化 platform (www.szwz.gov.cn, suzhou.gov.cn, taicang …).

Domain: ``/<site>/<channel>/<YYYYMM>/<32 hex>.shtml`` articles with ``<UCAPTITLE>``,
``<UCAPCONTENT>`` inside ``#zoomcon``, a ``div.xxgkml-content`` metadata block, a
``div.crumb`` trail; columns listed under ``ul.xxgk-nav``. Those class names are
one district's template (www.szwz.gov.cn); another district (www.gusu.gov.cn) names
them its own way, so the family reads what the platform itself fixes: the article
address shape, 32-hex channel ids, the ``/szinf/`` and ``/appsearch/`` APIs, and
column entries ``/<site>/<channel>/{index,nav_list,list}[_N].shtml`` inside the
信息公开 (``xxgk``) navigation.

Lists come three ways: static pages whose rows link articles (``ul.infolist``, or
any list of article links), paginated by a ``createPageHTML(…)`` call; an empty
list filled from ``/szinf/info/getInfoCommon/`` (``infolist``/``totalcount``; rows
name the article ``link`` or ``url``, the date ``pubtime`` or ``addtime``); and the
信息公开目录 shell filled from ``/appsearch/<district>api/list/`` (``data.list``/``allRow``).

Caveats: the list API names differ per district (found in the page's script, or
pinned by a profile's ``list_api``); the catalogue API can return rows of other
channels, which are skipped and counted; 浏览量 is filled by a script, so views
stay null. The ``<YYYYMM>`` folder names only a month, so it never dates a document
(no URL date is declared: a day would be invented).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

from lxml import etree

from crawler.families.base import (
    API,
    DOCUMENT,
    PAGE,
    Family,
    Guarded,
    Link,
    Reading,
    Selectors,
    Signals,
    breadcrumb_of,
    in_page_chrome,
    select_all,
)
from crawler.families.pagination import MAX_PAGES, find_script_pager

ARTICLE_PATH = re.compile(r"^/[\w-]+/[\w-]+/\d{6}/[0-9a-f]{32}\.s?html$")
ARTICLE_LINK = re.compile(r"""["'/][\w-]+/[\w-]+/\d{6}/[0-9a-f]{32}\.s?html\b""")
CHANNEL_VAR = re.compile(r"""channel_?[iI]d\s*=\s*["']([0-9a-fA-F]{32})["']""")
CATALOGUE_API = re.compile(r"/appsearch/\w+/list/")
PAGE_SIZE_VAR = re.compile(r"page_?[sS]ize\s*[:=]\s*(\d+)", re.I)
INFO_API = "/szinf/info/getInfoCommon/"
COLUMN_ENTRY = re.compile(r"^/[\w-]+/[\w-]+/(?:index|nav_list|list)(?:_\d+)?\.s?html$"
                          r"|/xxgkml[\w-]*(?:/index)?\.s?html$")
MARKER_WEIGHTS = {"ucapcontent": 40, "ucaptitle": 30, "xxgkml-content": 20, "/szinf/": 30,
                  "/appsearch/": 20, "xxgk-nav": 20, "createpagehtml('page_div'": 20}
# The 信息公开 navigation of a section root: a container whose class or id names it.
DISCLOSURE_NAV = ("//*[contains(@class,'xxgk') or contains(@id,'xxgk')]"
                  "[not(ancestor::*[contains(@class,'xxgk') or contains(@id,'xxgk')])]//a")
ROW_DATE = ".//span[contains(@class,'time') or contains(@class,'date')]//text()"
DEFAULT_PAGE_SIZE = 15
# What list API rows call their fields, across districts (gov-portals.md §1).
ROW_LINK = ("link", "url", "URL", "href")
ROW_TITLE = ("title", "TITLE")
ROW_DATE_KEYS = ("pubtime", "addtime", "published_time", "PUBLISHED_TIME_FORMAT")


def row_value(row: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((row[key] for key in keys if row.get(key)), None)


class Jiyuehua(Family):
    name = "jiyuehua"
    selectors = Selectors(
        title=("/html/*/meta[@name='ArticleTitle']/@content", "//ucaptitle",
               "//h1[contains(@class,'article-title')]"),
        published=("/html/*/meta[@name='PubDate']/@content", "//publishtime"),
        source=("/html/*/meta[@name='ContentSource']/@content", "//span[@class='ly']"),
        body=("//div[@id='zoomcon']", "//ucapcontent", "//div[contains(@class,'article-content')]"),
        breadcrumb=("//div[contains(@class,'crumb')]",),
        metadata=("//div[contains(@class,'xxgkml-content')]",
                  "//div[contains(@class,'article-info')]"),
        views=("//span[@id='hits']",),
    )
    signals = Signals(
        markers=MARKER_WEIGHTS,
        # List scripts name their channel by its 32-hex id (only where the word occurs: the
        # substring test rules most pages out faster than the regex's own scan).
        scripts=((Guarded("hannel", CHANNEL_VAR), 20),),
        paths=((ARTICLE_PATH, 30),),
        links=((ARTICLE_LINK, 40),),  # no other platform addresses articles this way
        document_path=ARTICLE_PATH,
    )

    # --- navigation ------------------------------------------------------

    def read_page(self, url: str, tree: etree._Element) -> Reading:
        has_body = bool(select_all(tree, self.xp["body"]))
        if has_body:
            kind = "article" if self.is_document_url(url) else "single"
            return Reading("document", self.print_views(url, tree), document=kind)
        if self.is_document_url(url):
            return Reading("unknown", note="article address without article content")
        column = next(iter(breadcrumb_of(tree, self.xp["breadcrumb"])[-1:]), None)
        rows, listed = self.rows(tree, url)
        pager = find_script_pager("\n".join(tree.xpath("//script/text()")))
        # A root shows a box of its latest articles beside its navigation: rows that are
        # not the template's list, with no pager, on a page with columns make a section.
        nav = self.column_links(tree, url) if rows and not listed and not pager else []
        if (rows or pager) and not nav:
            links = [self._row_link(row, url, column) for row in rows]
            if pager:
                links += [Link(u, PAGE, hints={"column": column}) for u in pager.urls(url)]
            return Reading("list", links)
        api = None if nav else self.api_link(url, tree, column)
        if api:
            return Reading("list", [api])
        if not nav and tree.xpath("//form[@method='post' or @method='POST'][.//textarea]"):
            return Reading("form", note="application form, no documents")
        nav = nav or self.column_links(tree, url)
        if nav:
            links = [Link(u, PAGE, hints={"column": text}) for u, text in nav]
            links += [Link(u, DOCUMENT) for u, _ in self.links_in(tree, "//a", url)
                      if self.is_document_url(u)]
            return Reading("section", links)
        return Reading("unknown", note="no list, article or column navigation found")

    def rows(self, tree: etree._Element, base: str) -> tuple[list[etree._Element], bool]:
        """List rows and whether they are the template's own list (``ul.infolist``); else
        any list item or table row whose first link is an article (templates name their
        lists as they like)."""
        rows = tree.xpath("//ul[contains(@class,'infolist')]/li[a]")
        if rows:
            return rows, True
        return [row for row in tree.xpath("//li[.//a] | //tr[.//a]")
                if self.is_document_url(urljoin(base, row.xpath(".//a")[0].get("href") or ""))
                and not row.xpath(".//li | .//tr")], False

    def column_links(self, tree: etree._Element, base: str) -> list[tuple[str, str]]:
        """A section root's columns: the links of its 信息公开 navigation, else the links to
        column entry pages outside the page's header and footer."""
        nav = self.links_in(tree, DISCLOSURE_NAV, base)
        if nav:
            return nav
        return [(url, text) for url, text, a in self.anchors(tree, base)
                if COLUMN_ENTRY.search(urlsplit(url).path) and not in_page_chrome(a)]

    def _row_link(self, row: etree._Element, base: str, column: str | None) -> Link:
        a = row.xpath(".//a")[0]
        date = "".join(row.xpath(ROW_DATE)).strip()
        return Link(urljoin(base, a.get("href", "").strip()), DOCUMENT,
                    hints={"title": a.get("title") or "".join(a.itertext()).strip(),
                           "date": date or None, "column": column})

    def api_link(self, url: str, tree: etree._Element, column: str | None) -> Link | None:
        """Page 1 of the list API a JS-filled column calls, or None."""
        script = "\n".join(tree.xpath("//script/text()"))
        query = parse_qs(urlsplit(url).query)
        channel = (query.get("channel_id") or [None])[0]
        match = CHANNEL_VAR.search(script)
        channel = channel or (match.group(1) if match else None)
        if not channel:
            return None
        size_match = PAGE_SIZE_VAR.search(script)
        size = int(size_match.group(1)) if size_match else DEFAULT_PAGE_SIZE
        pinned = getattr(self.profile, "list_api", None)
        catalogue = CATALOGUE_API.search(script)
        if pinned or catalogue:
            path = pinned or catalogue.group(0)
            hints = {"api": "catalogue", "path": path, "channel": channel, "size": size,
                     "cxtype": (query.get("cxtype") or ["1"])[0], "column": column}
        elif INFO_API in script:
            hints = {"api": "info", "path": INFO_API, "channel": channel, "size": size,
                     "column": column}
        else:
            return None
        return self.api_page(url, hints, 1)

    @staticmethod
    def api_page(base: str, hints: dict[str, Any], page: int) -> Link:
        if hints["api"] == "info":
            params = {"pagesize": hints["size"], "currpage": page, "channelid": hints["channel"]}
        else:
            params = {"cxtype": hints["cxtype"], "channel_id": hints["channel"],
                      "pageSize": hints["size"], "currentPage": page}
        return Link(urljoin(base, hints["path"]) + "?" + urlencode(params), API,
                    hints={**hints, "page": page})

    def read_api(self, url: str, body: bytes, hints: dict[str, Any],
                 content_type: str | None = None) -> Reading:
        try:
            data = json.loads(body)
        except ValueError:
            return Reading("error", note="list API did not answer JSON")
        if hints.get("api") == "info":
            rows, total = data.get("infolist") or [], data.get("totalcount")
        else:
            payload = data.get("data") or {}
            rows, total = payload.get("list") or [], payload.get("allRow")
        rows = [(row_value(r, ROW_LINK), row_value(r, ROW_TITLE), row_value(r, ROW_DATE_KEYS),
                 row_value(r, ("channel_id", "CHANNEL_ID"))) for r in rows if isinstance(r, dict)]
        total = int(total) if isinstance(total, str) and total.isdigit() else total
        reading = Reading("list")
        for href, title, date, channel in rows:
            if not href:
                reading.skipped["api_row_without_link"] = (
                    reading.skipped.get("api_row_without_link", 0) + 1)
                continue
            if channel and channel != hints["channel"]:
                reading.skipped["channel_mismatch"] = reading.skipped.get("channel_mismatch", 0) + 1
                continue
            reading.links.append(Link(urljoin(url, href), DOCUMENT, hints={
                "title": title, "date": date, "column": hints.get("column")}))
        if hints.get("page") == 1 and isinstance(total, int) and total > 0:
            pages = min(math.ceil(total / hints["size"]), MAX_PAGES)
            reading.links += [self.api_page(url, hints, n) for n in range(2, pages + 1)]
        if not rows:
            reading.note = "empty list page"
        return reading
