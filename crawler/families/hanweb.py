"""The Hanweb JCMS (大汉版通) platform: Jiangsu provincial sites, much of Zhejiang and Shandong.

Domain: columns at ``/col/col<cid>/index.html`` (the ``?uid=<unitid>&pageNum=N`` variant
renders the same page 1, so those two parameters are dropped from column links);
articles at ``/art/<Y>/<M>/<D>/art_<cid>_<aid>.html`` (month and day not zero-padded)
with ``ArticleTitle``/``PubDate``/``ContentSource`` meta tags, the body between
``<!--ZJEG_RSS.content.begin-->`` and ``…end-->`` in ``div#zoom``, and the 信息公开
metadata in ``table.xxgk_table`` (索引号/分类, 发布机构/发布日期, 名称, 文号), or in
``table.xxgk_top`` with a row of labels over a row of values; a page without ``PubDate``
or a date label is dated by its ``/art/Y/M/D/`` address (midnight), the last resort. The
section root lists its columns in ``div.xxgk_nav``, else in a container named for 信息公开
(``xxgk`` in its class or id), else every ``/col/`` link outside the header and footer.

Lists: a column page embeds its first group of records (``groupSize`` × ``perPage``,
3 × 15 by default) as ``<div id="<unitid>"><script type="text/xml"><datastore>…<record>
<![CDATA[<li><a href title>…</a><span>date</span></li>]]></record>…``; the markup inside a
record varies (``<li>``, a ``<table>`` row, ``<span>date</span><a>``), so a record is read
for its one article link, its ``title`` and the first date outside the link. Later groups
come from ``$('#<unitid>').jpage({totalRecord, perPage, proxyUrl, groupSize, ajaxParam})``'s
``proxyUrl`` (``/module/web/jpage/dataproxy.jsp``).

Navigation choice: later groups are fetched the way the page's own script fetches them,
one group per call: ``POST <proxyUrl>?startrecord=S&endrecord=E&perpage=P`` with the
``var param_<unitid>`` object as the form body (``col, appid, webid, path, columnid,
sourceContentType, unitid, webname, permissiontype``), ``X-Requested-With:
XMLHttpRequest`` and the column page as Referer. Every value is read from the page, so
nothing is guessed, and it is what the site's own page sends. The GET ``page=N`` style
(copying the ``nextgroup`` href) would depend on what ``page`` counts on each site (pages
or groups), which the href does not say. Groups are requested one after the other, each
response scheduling the next: a group starts with the last record of the group before it
on some sites (nhsa), and the repeat is recognised by comparing with that record, not
assumed. The chain stops at
``totalrecord`` (the response's, else the page's ``totalRecord``), on a group with no new
record, on a group that repeats the previous one, and after ``MAX_PAGES`` pages.
Repeated boundary records are skipped and counted (``nav/skipped/boundary_repeat``);
repeated groups under ``nav/skipped/repeated_group``.

Attachments: ``/module/download/downfile.jsp?classid=0&filename=<hex>.pdf[&showname=…]``
links get their type from ``filename=``/``showname=`` and, when the link has no text
(an icon), the name from ``showname=`` (else ``filename=``). A PDF shown by a viewer
script (``var pdfurl = "/module/download/downfile.jsp?…"``) inside the content is listed
too: the address is a literal the page states (no script is run, nothing is guessed) and
it is the document's own text, which would otherwise be lost; its name is ``showname=``
or the file name, never invented.

Caveats: 浏览次数 is written by ``/module/visitcount/articlehits.jsp`` (and counted by
the ``visit.jsp`` iframe), so views stay null and neither is requested. Relative record
links are resolved against the column page (the records are inserted into it), not the
dataproxy address. A datastore without a jpage call (a section root's latest-news box)
is not a column's list: a page that also has columns is read as the section, its records
kept as documents. A column whose datastore is empty is read from dataproxy's first group.
The ``/module/xxgk/search.jsp`` catalogue is a
search page (skipped): its documents are reached through the columns. The proxy path
always comes from the page's ``proxyUrl``, so older Zhejiang sites'
``/module/jpage/dataproxy.jsp`` and combined columns' ``morecolumndataproxy.jsp``
(``columnid=a,b,…``) are called the same way; without a ``param_<unitid>`` object the
fields of the ``nextgroup`` href are posted.
"""

from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree

from crawler.encoding import declared_charsets, decode_html
from crawler.extraction.attachments import attachment_ext, download_name
from crawler.extraction.text import inline_text
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
    in_page_chrome,
    parse_breadcrumb,
    select_all,
)
from crawler.families.pagination import MAX_PAGES
from crawler.items import Page
from crawler.urls import is_followable

ARTICLE_PATH = re.compile(r"^/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html$")
ARTICLE_DATE = re.compile(r"^/art/(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/art_\d+_\d+\.html$")
COLUMN_PATH = re.compile(r"^/col/col\d+/(?:index\.html)?$")
ARTICLE_LINK = re.compile(r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html")
COLUMN_LINK = re.compile(r"/col/col\d+/index\.html")
GENERATOR = Guarded("大汉", re.compile(
    r"<meta\b[^>]*(?:name\s*=\s*['\"]?generator['\"]?[^>]*content\s*=\s*['\"]?[^'\">]*大汉"
    r"|content\s*=\s*['\"]?[^'\">]*大汉[^>]*name\s*=\s*['\"]?generator)", re.I))
MARKER_WEIGHTS = {"produced by 大汉网络": 30, "<datastore>": 30, ".jpage(": 30,
                  "dataproxy.jsp": 20, "zjeg_rss.content": 30, "/module/visitcount/visit.jsp": 20,
                  "/module/download/downfile.jsp": 20, "i_columnid": 10}
VARIANT_PARAMS = frozenset({"uid", "pagenum"})

RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)
PLAIN_RECORD = re.compile(r"<record>(.*?)</record>", re.S)
NEXTGROUP = re.compile(r"<nextgroup>\s*(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?\s*</nextgroup>", re.S)
TOTAL_RECORD = re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>")
XML_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*['\"]([\w.:-]+)['\"]")
HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""")
JS_PAIR = re.compile(r"""(\w+)\s*:\s*(?:'([^']*)'|"([^"]*)"|([\w.$\-/]+))""")
DATE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
SCRIPT_DOWNLOAD = re.compile(r"""["']([^"'\s]*/module/download/downfile\.jsp\?[^"'\s]+)["']""")
# The 信息公开 column tree: Hanweb's own class, else any container named for 信息公开 (xxgk).
NAV_XPATHS = ("//div[contains(@class,'xxgk_nav')]//a",
              "//*[contains(@class,'xxgk') or contains(@id,'xxgk')]//a")
DEFAULT_PER_PAGE = 15
DEFAULT_GROUP_SIZE = 3
POST_HEADERS = {"X-Requested-With": "XMLHttpRequest",
                "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
                "Accept": "application/xml, text/xml, */*; q=0.01"}
_FRAGMENT_PARSER = etree.HTMLParser(remove_comments=True)


@dataclass
class Datastore:
    """A jpage datastore: embedded in a column page or answered by dataproxy.jsp."""

    records: list[str]
    total: int | None
    nextgroup: str | None


def parse_datastore(text: str) -> Datastore | None:
    """The records (HTML fragments), ``totalrecord`` and ``nextgroup`` href of a datastore."""
    if "<datastore" not in text:
        return None
    records = RECORD.findall(text) or [html.unescape(r) for r in PLAIN_RECORD.findall(text)]
    total = TOTAL_RECORD.search(text)
    nextgroup = NEXTGROUP.search(text)
    href = HREF.search(html.unescape(nextgroup.group(1))) if nextgroup else None
    return Datastore(records, int(total.group(1)) if total else None,
                     href.group(1) if href else None)


def js_object(text: str) -> dict[str, str]:
    """The flat ``{key: 'value', key: 1}`` pairs of a JavaScript object literal, in order."""
    return {m.group(1): next(g for g in m.groups()[1:] if g is not None)
            for m in JS_PAIR.finditer(text)}


def decode_xml(body: bytes, content_type: str | None = None) -> str:
    """A dataproxy answer: the XML declaration's encoding, else the Content-Type's charset,
    else detection. Declared charsets come first: short GBK text can be valid UTF-8."""
    declared = XML_ENCODING.search(body)
    named = [declared.group(1).decode("ascii")] if declared else []
    # ISO-8859-1 in a header is a server default (Tomcat's), never a Chinese list's charset.
    named += [name for name in declared_charsets(b"", content_type) if name != "cp1252"]
    for encoding in named:
        try:
            return body.decode(codecs.lookup(encoding).name)
        except (LookupError, UnicodeDecodeError):
            continue
    return decode_html(body, content_type).text


class Hanweb(Family):
    name = "hanweb"
    selectors = Selectors(
        title=("/html/*/meta[@name='ArticleTitle']/@content",
               "//*[contains(concat(' ',normalize-space(@class),' '),' bt_title ')]"),
        published=("/html/*/meta[@name='PubDate']/@content",),
        source=("/html/*/meta[@name='ContentSource']/@content",),
        body=("//div[@id='zoom']", "//div[@id='Zoom']",
              "//comment()[contains(.,'ZJEG_RSS.content.begin')]/parent::*",
              "//meta[@name='ContentStart']/parent::*",
              "//div[contains(@class,'article_content')]", "//div[contains(@class,'bt_content')]"),
        breadcrumb=("//*[contains(@class,'position')]", "//*[contains(@class,'dqwz')]"),
        metadata=("//table[contains(@class,'xxgk_table')]", "//table[contains(@class,'xxgk_top')]",
                  "//table[contains(@class,'fgwj_xxgk_head')]",
                  "//*[contains(concat(' ',normalize-space(@class),' '),' bt_info ')]"),
        views=("//span[@id='hits']",),
    )
    signals = Signals(
        markers=MARKER_WEIGHTS,
        scripts=((GENERATOR, 40),),
        paths=((ARTICLE_PATH, 40), (COLUMN_PATH, 30)),
        links=((ARTICLE_LINK, 20), (COLUMN_LINK, 10)),
        document_path=ARTICLE_PATH,
        document_date=ARTICLE_DATE,
    )

    # --- detection -------------------------------------------------------

    # --- navigation ------------------------------------------------------

    @staticmethod
    def column_url(url: str) -> str:
        """A column address without ``uid``/``pageNum`` (they render the same page 1)."""
        parts = urlsplit(url)
        if not COLUMN_PATH.match(parts.path) or not parts.query:
            return url
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                 if k.lower() not in VARIANT_PARAMS]
        return urlunsplit(parts._replace(query=urlencode(query)))

    def read_page(self, url: str, tree: etree._Element) -> Reading:
        if select_all(tree, self.xp["body"]):
            kind = "article" if self.is_document_url(url) else "single"
            return Reading("document", self.print_views(url, tree), document=kind)
        if self.is_document_url(url):
            return Reading("unknown", note="article address without article content")
        column = next(iter(parse_breadcrumb(next(iter(
            select_all(tree, self.xp["breadcrumb"])), None))[-1:]), None)
        units = self.units(tree)
        if units:
            reading = self.read_list(url, tree, units, column)
            if self.configured(tree, units):
                return reading
            section = self.read_section(url, tree)  # a root's 最新信息 box beside its columns
            if section.kind == "section":
                section.links += [link for link in reading.links if link.kind == DOCUMENT]
                return section
            return reading
        return self.read_section(url, tree)

    def read_section(self, url: str, tree: etree._Element) -> Reading:
        here = self.column_url(url.split("#", 1)[0])
        nav: list[tuple[str, str]] = []
        for expression in NAV_XPATHS:
            nav = self.links_in(tree, expression, url)
            if nav:
                break
        else:  # the column links outside the site's header and footer
            nav = [(u, text) for u, text, a in self.anchors(tree, url)
                   if COLUMN_PATH.match(urlsplit(u).path) and not in_page_chrome(a)]
        links, seen = [], {here}
        for target, text in nav:
            target = self.column_url(target.split("#", 1)[0])
            if target not in seen:
                seen.add(target)
                links.append(Link(target, PAGE, hints={"column": text}))
        if not links:
            return Reading("unknown", note="no list, article or column navigation found")
        links += [Link(u, DOCUMENT) for u, _ in self.links_in(tree, "//a", url)
                  if self.is_document_url(u)]
        return Reading("section", links)

    @staticmethod
    def units(tree: etree._Element) -> list[tuple[str, Datastore]]:
        """(unit id, embedded datastore) for every jpage list on the page."""
        found = []
        for script in tree.xpath("//script[contains(., '<datastore')]"):
            store = parse_datastore(script.text or "")
            holder = script.getparent()
            if store is not None:
                found.append((holder.get("id", "") if holder is not None else "", store))
        return found

    def read_list(self, url: str, tree: etree._Element, units: list[tuple[str, Datastore]],
                  column: str | None) -> Reading:
        scripts = "\n".join(tree.xpath("//script[not(contains(., '<datastore'))]/text()"))
        configs = {unit: self.jpage_config(scripts, unit) for unit, _ in units if unit}
        configured = [(unit, store) for unit, store in units if configs.get(unit) is not None]
        reading = Reading("list")
        for unit, store in configured or units:  # a paged list, else every embedded record
            links = self.record_links(store.records, url, column)
            reading.links += links
            config = configs.get(unit)
            hints = self.group_hints(url, unit, store, config, scripts, column) if config else None
            if hints and not links:  # an empty datastore: the list is all dataproxy's
                reading.links.append(self.group_link(hints, 1))
            elif hints and self.more(hints, len(store.records), len(store.records)):
                hints.update(first=links[0].url, last=links[-1].url)
                reading.links.append(self.group_link(hints, len(store.records) + 1))
        if not reading.links:
            reading.note = "empty column"
        return reading

    def configured(self, tree: etree._Element, units: list[tuple[str, Datastore]]) -> bool:
        """Whether a datastore on the page is a column's paged list (it has a jpage call);
        a datastore without one is a box of latest records, as on a section root."""
        scripts = "\n".join(tree.xpath("//script[not(contains(., '<datastore'))]/text()"))
        return any(unit and self.jpage_config(scripts, unit) is not None for unit, _ in units)

    @staticmethod
    def jpage_config(scripts: str, unit: str) -> dict[str, str] | None:
        call = re.search(r"\$\(\s*['\"]#" + re.escape(unit)
                         + r"['\"]\s*\)\s*\.jpage\(\s*\{(.*?)\}\s*\)", scripts, re.S)
        return js_object(call.group(1)) if call else None

    def group_hints(self, url: str, unit: str, store: Datastore, config: dict[str, str],
                    scripts: str, column: str | None) -> dict[str, Any] | None:
        """What every dataproxy call of this list needs, or None when the page lacks it."""
        variable = config.get("ajaxParam") or f"param_{unit}"
        declared = re.search(r"\b" + re.escape(variable) + r"\s*=\s*\{(.*?)\}", scripts, re.S)
        form = js_object(declared.group(1)) if declared else {}
        if not form and store.nextgroup:  # the GET-style href carries the same fields
            form = {k: v for k, v in parse_qsl(urlsplit(store.nextgroup).query,
                                               keep_blank_values=True) if k != "page"}
        proxy = config.get("proxyUrl")
        if not form or not proxy:
            return None
        per_page = int(config["perPage"]) if config.get("perPage", "").isdigit() \
            else DEFAULT_PER_PAGE
        group_size = int(config["groupSize"]) if config.get("groupSize", "").isdigit() \
            else DEFAULT_GROUP_SIZE
        total = config.get("totalRecord", "")
        return {"api": "jpage", "column": column, "unitid": unit, "proxy": urljoin(url, proxy),
                "form": urlencode(form), "referer": url, "perpage": per_page,
                "group": per_page * group_size, "total": int(total) if total.isdigit() else None}

    @staticmethod
    def more(hints: dict[str, Any], end: int, new_records: int) -> bool:
        """Whether a group may follow the one that ended at record ``end``."""
        if end >= MAX_PAGES * hints["perpage"]:
            return False
        if hints.get("total") is not None:
            return end < hints["total"]
        return new_records >= hints["group"]

    @staticmethod
    def group_link(hints: dict[str, Any], start: int) -> Link:
        end = start + hints["group"] - 1
        query = urlencode({"startrecord": start, "endrecord": end, "perpage": hints["perpage"]})
        return Link(f"{hints['proxy']}?{query}", API, method="POST", body=hints["form"],
                    headers={**POST_HEADERS, "Referer": hints["referer"]},
                    hints={**hints, "start": start, "end": end})

    def record_links(self, records: list[str], base: str, column: str | None) -> list[Link]:
        links = []
        for record in records:
            link = self.record_link(record, base, column)
            if link is not None:
                links.append(link)
        return links

    def record_link(self, record: str, base: str, column: str | None) -> Link | None:
        """The one document a record names, with its title and date as hints."""
        root = etree.fromstring(f"<html><body><div>{record}</div></body></html>",
                                _FRAGMENT_PARSER)
        if root is None:
            return None
        anchors = [(a, urljoin(base, a.get("href").strip())) for a in root.iter("a")
                   if is_followable(a.get("href"))]
        if not anchors:
            return None
        a, url = next(((a, u) for a, u in anchors if self.is_document_url(u)), anchors[0])
        outside = " ".join(root.xpath("//text()[not(ancestor::a)]"))
        date = DATE.search(outside)
        kind = PAGE if COLUMN_PATH.match(urlsplit(url).path) else DOCUMENT
        return Link(url, kind, hints={"title": a.get("title") or inline_text(a) or None,
                                      "date": date.group(0) if date else None,
                                      "column": column})

    def read_api(self, url: str, body: bytes, hints: dict[str, Any],
                 content_type: str | None = None) -> Reading:
        store = parse_datastore(decode_xml(body, content_type))
        if store is None or "end" not in hints:
            return Reading("error", note="dataproxy did not answer a datastore")
        links = self.record_links(store.records, hints.get("referer") or url, hints.get("column"))
        reading = Reading("list")
        if links and links[0].url == hints.get("last"):
            links = links[1:]
            reading.skipped["boundary_repeat"] = 1
        if not links:
            reading.note = "empty group"
            return reading
        if links[0].url == hints.get("first") or links[-1].url == hints.get("last"):
            reading.skipped["repeated_group"] = len(links)
            reading.note = "the group repeats the one before it"
            return reading
        reading.links = links
        following = {**hints, "first": links[0].url, "last": links[-1].url}
        if store.total is not None:
            following["total"] = store.total
        if self.more(following, hints["end"], len(links)):
            reading.links.append(self.group_link(following, hints["end"] + 1))
        return reading

    # --- extraction ------------------------------------------------------

    def extract(self, page: Page) -> dict[str, Any]:
        """The base fields, plus the PDFs a viewer script in the body names."""
        fields = super().extract(page)
        attachments = fields["attachments"]
        body = next(iter(select_all(page.tree, self.xp["body"])), None)
        if body is not None:
            known = {a["url"] for a in attachments}
            code = "\n".join(script.text or "" for script in body.iter("script"))
            for href in SCRIPT_DOWNLOAD.findall(code):
                url = urljoin(page.url, html.unescape(href))
                ext = attachment_ext(url)
                if ext and url not in known:
                    known.add(url)
                    attachments.append({"url": url, "name": download_name(url) or url, "ext": ext})
        fields["attachments"] = attachments
        return fields
