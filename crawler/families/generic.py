"""The fallback for disclosure sections on a platform no family recognises.

Domain: any site. The section is the start URL's folder (``/zwgk/`` for
``/zwgk/index.html``); only links inside it are followed, on the page's own host or
on another host the site profile names (a department's sub-site, say).

A page is read by its shape, not by names: the main content block is the
element with the most non-link text outside the page chrome (navigation,
headers, footers, sidebars, toolbars: recognised by class/id words). A page
whose main block is prose is a document; a page with a group of sibling rows
each linking deeper into the section is a list, and its pager is followed by
link text (下一页, 尾页, page numbers), by the page functions its scripts define
(``goPage(2)`` with ``location.href = "list_" + n + ".html"``) and by
``createPageHTML`` calls. Metadata comes from the labels (索引号, 文号, 发布机构,
发布日期/成文日期, 来源, 分类, 浏览次数/点击数/阅读) wherever they sit outside the main text;
the publication date also from a bare 日期/时间 label or, failing that, the unlabelled date
an info line under the title starts with (crawler/families/base.py ``labels_outside``).

Caveats: a site whose lists are built by scripts from JSON needs a family or a
profile (a generic crawler cannot guess an API); a document that is mostly a
list of links reads as a list.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from crawler.extraction.attachments import article_attachments
from crawler.extraction.boilerplate import body_text
from crawler.extraction.text import heading_text, inline_text
from crawler.families.base import (
    DOCUMENT,
    PAGE,
    Family,
    Link,
    Reading,
    Selectors,
    class_tokens,
    find_breadcrumb,
    first_date,
    first_text,
    labels_outside,
    parse_views,
    published_texts,
)
from crawler.families.pagination import find_script_pager
from crawler.urls import is_followable

CHROME_TOKENS = frozenset("""
nav navbar menu submenu header topbar footer foot side sidebar crumb crumbs breadcrumb
location position dqwz weizhi share copyright banner search links related xgwz tools
toolbar login logo pager pages pagination fenye ads
""".split())
PAGER_TEXT = re.compile(
    r"^(?:首页|上一?页|下一?页|尾页|末页|前页|后页|\d{1,4}|next|prev|last|first)$", re.I)
PAGE_FUNCTION_CALL = re.compile(r"^javascript:\s*(\w+)\(\s*['\"]?(\d+)['\"]?\s*\)", re.I)
CONTENT_TAGS = ("div", "article", "section", "td", "main")
MIN_DOCUMENT_CHARS = 150
MIN_LIST_ROWS = 5
MIN_TITLE_CHARS = 6
TITLE_SEPARATOR = re.compile(r"_| - |\||—")
# Title-looking blocks that are no headings: div.title, td.bt, p.tit …
TITLE_CLASS = etree.XPath("//*[self::div or self::p or self::td or self::span or self::h3]"
                          "[contains(@class, 'title') or contains(@class, 'tit')"
                          " or contains(@class, 'bt')]")
_SPACE = re.compile(r"\s+")


def _head_title(tree: etree._Element) -> str:
    """The document part of ``<title>`` ("标题_栏目_站名" → "标题")."""
    titles = tree.xpath("/html/head/title")
    text = inline_text("".join(titles[0].itertext())) if titles else ""
    return TITLE_SEPARATOR.split(text, maxsplit=1)[0].strip()


def _names(head: str, text: str) -> bool:
    """Whether a heading is the document ``<title>`` names (either may be shortened)."""
    return bool(text) and (text == head or (min(len(text), len(head)) >= MIN_TITLE_CHARS
                                            and (text in head or head in text)))


def _is_chrome(element: etree._Element) -> bool:
    return any(class_tokens(node) & CHROME_TOKENS for node in (element, *element.iterancestors())
               if node.tag not in ("html", "body"))


def _chars(nodes) -> int:
    return sum(len(_SPACE.sub("", "".join(node.itertext()))) for node in nodes)


def _paragraph_like(child: etree._Element) -> bool:
    """A child that is itself a paragraph (not a wrapper holding paragraphs)."""
    if child.tag in ("p", "span", "font", "table", "ul", "ol", "h2", "h3", "h4", "pre"):
        return True
    return child.tag == "div" and not child.xpath(".//div | .//p")


def _paragraphs(element: etree._Element):
    """The element's own paragraphs, also those inside wrappers that are no candidates
    themselves (``<center>``, ``<blockquote>``, ``<form>``, ``<strong>`` …): hacked and old
    pages put the whole article in one."""
    for child in element:
        if _paragraph_like(child):
            yield child
        elif isinstance(child.tag, str) and child.tag not in CONTENT_TAGS:
            yield from _paragraphs(child)


def _br_tails(element: etree._Element) -> int:
    """Text after the element's own ``<br>``s: old editors write paragraphs as lines split
    by ``<br>``, which leaves the text in no child; without it the parent wins."""
    return sum(len(_SPACE.sub("", br.tail or "")) for br in element if br.tag == "br")


def main_content(tree: etree._Element) -> etree._Element | None:
    """The element holding the page's prose: most non-link text in its own paragraphs."""
    best, best_score = None, 0
    for element in tree.iter(*CONTENT_TAGS):
        if _is_chrome(element):
            continue
        parts = list(_paragraphs(element))
        score = (_chars(parts) + len(_SPACE.sub("", element.text or "")) + _br_tails(element)
                 - 2 * _chars(a for part in parts for a in part.iter("a")))
        if score > best_score:
            best, best_score = element, score
    return best


class Generic(Family):
    name = "generic"
    selectors = Selectors(
        title=("/html/*/meta[@name='ArticleTitle']/@content",),
        published=("/html/*/meta[@name='PubDate']/@content",
                   "/html/*/meta[@name='publishdate']/@content"),
        source=("/html/*/meta[@name='ContentSource']/@content",),
    )

    def __init__(self, profile: Any = None) -> None:
        super().__init__(profile)
        self.start = getattr(profile, "start_url", None)
        self.prefix = self.folder(self.start) if self.start else None
        self.subsites = frozenset(getattr(profile, "subsites", None) or ())

    @staticmethod
    def folder(url: str) -> str:
        path = urlsplit(url).path or "/"
        return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"

    def in_section(self, url: str, base: str) -> bool:
        parts = urlsplit(url)
        return ((parts.hostname == urlsplit(base).hostname or parts.hostname in self.subsites)
                and parts.path.startswith(self.prefix))

    # --- navigation ------------------------------------------------------

    def read_page(self, url: str, tree: etree._Element) -> Reading:
        if self.prefix is None:
            self.start, self.prefix = url, self.folder(url)
        if url == self.start:
            return self.section(url, tree)
        rows = self.list_rows(tree, url)
        content = main_content(tree)
        if len(rows) < MIN_LIST_ROWS and content is not None and self.is_prose(content):
            return Reading("document", self.print_views(url, tree), document="article")
        if len(rows) >= MIN_LIST_ROWS:
            column = self.column_name(tree)
            links = [Link(u, DOCUMENT, hints={"title": t, "column": column}) for u, t in rows]
            links += [Link(u, PAGE, hints={"column": column}) for u in self.pages(tree, url)]
            return Reading("list", links)
        return self.section(url, tree)

    def section(self, url: str, tree: etree._Element) -> Reading:
        """Every link inside the section: the start page and pages that are neither."""
        rows = {u for u, _ in self.list_rows(tree, url)}
        links = [Link(u, DOCUMENT if u in rows else PAGE, hints={"column": t})
                 for u, t in self.links_in(tree, "//a", url)
                 if self.in_section(u, url) and u.split("#")[0] != url]
        if not links:
            return Reading("unknown", note="no prose, list or links inside the section")
        return Reading("section", links)

    @staticmethod
    def is_prose(element: etree._Element) -> bool:
        text = _chars([element])
        return text >= MIN_DOCUMENT_CHARS and _chars(element.iter("a")) * 3 < text

    def list_rows(self, tree: etree._Element, base: str) -> list[tuple[str, str]]:
        """The largest group of sibling rows each linking once, deeper into the section."""
        depth = self.prefix.count("/")
        best: list[tuple[str, str]] = []
        for container in tree.iter("ul", "ol", "tbody", "table", "div", "dl"):
            if len(container) < MIN_LIST_ROWS or _is_chrome(container):
                continue
            rows = []
            for row in container:
                anchors = [a for a in row.iter("a") if is_followable(a.get("href"))]
                if len(anchors) != 1:
                    continue
                target = urljoin(base, anchors[0].get("href").strip())
                if (self.in_section(target, base) and urlsplit(target).path.count("/") > depth
                        and not PAGER_TEXT.match(inline_text(anchors[0]))):
                    rows.append((target, anchors[0].get("title") or inline_text(anchors[0])))
            if len(rows) > len(best):
                best = rows
        return best

    def pages(self, tree: etree._Element, base: str) -> list[str]:
        """The list's other pages: pager links by their text, page functions, createPageHTML."""
        script = "\n".join(tree.xpath("//script/text()") + [c.text or "" for c in
                                                             tree.iter(etree.Comment)])
        urls = []
        for a in tree.iter("a"):
            if not PAGER_TEXT.match(inline_text(a).strip("[]【】<>《》 ")):
                continue
            href = (a.get("href") or "").strip()
            call = PAGE_FUNCTION_CALL.match(href)
            if call:
                target = self.page_function(script, call.group(1), call.group(2))
                if target:
                    urls.append(urljoin(base, target))
            elif is_followable(href):
                urls.append(urljoin(base, href))
        pager = find_script_pager(script)
        if pager:
            urls += pager.urls(base)
        return [u for u in dict.fromkeys(urls) if self.in_section(u, base)]

    @staticmethod
    def page_function(script: str, name: str, number: str) -> str | None:
        """The address ``name(number)`` goes to, read from ``location.href = "a" + n + "b"``."""
        function = re.search(rf"function\s+{re.escape(name)}\s*\(\s*(\w+)\s*\)\s*\{{(.*?)\}}",
                             script, re.S)
        if not function:
            return None
        variable, body = function.groups()
        target = re.search(rf"""location(?:\.href)?\s*=\s*(['"])([^'"]*)\1\s*\+\s*{variable}"""
                           rf"""(?:\s*\+\s*(['"])([^'"]*)\3)?""", body)
        return f"{target.group(2)}{number}{target.group(4) or ''}" if target else None

    # --- extraction ------------------------------------------------------

    def column_name(self, tree: etree._Element) -> str | None:
        crumb = self.breadcrumb(tree)
        return crumb[-1] if crumb else None

    @staticmethod
    def breadcrumb(tree: etree._Element) -> list[str]:
        return find_breadcrumb(tree)

    @staticmethod
    def title(tree: etree._Element) -> str | None:
        """The heading the ``<title>`` names (a site-name ``<h1>`` in the header does not
        match it), else the first heading outside the page chrome."""
        headings = [text for h in tree.iter("h1", "h2") if not _is_chrome(h)
                    and (text := heading_text(h))]
        head = _head_title(tree)
        if head:
            named = [text for text in headings if _names(head, text)]
            # A short div.title ("通知公告") is a column's name, even when <title> starts with it.
            named += [text for element in TITLE_CLASS(tree) if not _is_chrome(element)
                      and len(text := heading_text(element)) >= MIN_TITLE_CHARS
                      and _names(head, text)]
            if named:
                return named[0]
        return headings[0] if headings else None

    @staticmethod
    def metadata(tree: etree._Element, content: etree._Element | None) -> dict[str, Any]:
        """Labelled values outside the main text: metadata tables, info lines, dl blocks."""
        return labels_outside(tree, content)

    def extract(self, page) -> dict[str, Any]:
        tree, hints = page.tree, page.hints
        content = main_content(tree)
        meta = self.metadata(tree, content)
        title = first_text(tree, self.xp["title"]) or self.title(tree) or hints.get("title")
        breadcrumb = self.breadcrumb(tree)
        body, furniture = body_text(content) if content is not None else ("", 0)
        if title and body.startswith(title):
            body = body[len(title):].lstrip("\n")
        published = first_date(first_text(tree, self.xp["published"]),
                               *published_texts(meta, "written"), hints.get("date"))
        return {
            "title": title,
            "published_at": published,
            "source": first_text(tree, self.xp["source"]) or meta.get("source"),
            "publisher": meta.get("publisher"),
            "index_no": meta.get("index_no"),
            "doc_no": meta.get("doc_no"),
            "category": meta.get("category"),
            "breadcrumb": breadcrumb,
            "column": breadcrumb[-1] if breadcrumb else hints.get("column"),
            "body": body,
            "boilerplate_removed": furniture,
            "attachments": article_attachments(content, page.url) if content is not None else [],
            "views": parse_views(meta.get("views")),
        }
