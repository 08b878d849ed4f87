"""What every platform family provides: navigation for the spider, fields for the pipeline.

A family is one CMS lineage (集约化, Hanweb, TRS …). Its navigator reads a page
and says what the page is and which links to follow; its extractor turns a
document page into item fields. Spiders and pipelines never know which family
they run; site-specific differences are data (a profile overriding selectors).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml import etree

from crawler.extraction.attachments import article_attachments
from crawler.extraction.boilerplate import body_text
from crawler.extraction.dates import parse_date
from crawler.extraction.labels import LABELS, has_label, leading_text, read_labelled
from crawler.extraction.text import heading_text, inline_text
from crawler.items import Page
from crawler.urls import is_followable

DOCUMENT = "document"
PAGE = "page"
API = "api"

PUBLISHED_KEYS = ("published", "date", "info_date")
INFO_LABELS = frozenset({"source", "views"})
META_TAGS = frozenset({"table", "dl", "ul", "div", "p"})
NESTED_META = etree.XPath("descendant::table | descendant::dl")
TEXT_NODES = etree.XPath("//text()[normalize-space()]")
LINE_BLOCKS = etree.XPath("descendant::*[self::div or self::p or self::table or self::ul"
                          " or self::dl or self::li]")
VIEW_COUNT = re.compile(r"^\s*(\d{1,3}(?:,\d{3})+|\d+)\s*(?:人?次)?\s*$")


@dataclass(frozen=True)
class Link:
    """A link the navigator wants followed, and what it expects to find there."""

    url: str
    kind: str = PAGE  # page (HTML to read) | api (list API) | document
    method: str = "GET"
    body: str | None = None
    hints: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    stale_run: int = 0  # list pages in a row before this one that brought no new document


@dataclass
class Reading:
    """What a page is (section, list, document, form …) and where it leads."""

    kind: str
    links: list[Link] = field(default_factory=list)
    document: str | None = None  # "article" or "single" when the page is a document
    note: str = ""
    skipped: dict[str, int] = field(default_factory=dict)  # rows not followed, by reason


@dataclass(frozen=True)
class Guarded:
    """A pattern tried only where a literal every match contains occurs: a substring test
    is far cheaper than a case-insensitive regex over the whole page."""

    literal: str
    pattern: re.Pattern[str]

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.literal in text else None


Weighted = tuple[tuple[re.Pattern[str] | Guarded, int], ...]


@dataclass(frozen=True)
class Signals:
    """What marks a family's pages, each mark with its weight toward a score of 100.

    ``markers``: lower-case strings in the page, all counted; ``scripts``: patterns in
    the page source, the first that matches counts; ``paths``: patterns of the page's
    URL path, the first that matches counts; ``links``: patterns of links in the page,
    each counted while the score is below 100 (links alone never prove a family).
    ``document_path`` is the shape of the platform's document addresses;
    ``document_date`` the date those addresses encode (groups ``y``, ``m``, ``d``), when the
    platform writes a whole day into them (a month alone is no date).
    """

    markers: Mapping[str, int] = field(default_factory=dict)
    scripts: Weighted = ()
    paths: Weighted = ()
    links: Weighted = ()
    document_path: re.Pattern[str] | None = None
    document_date: re.Pattern[str] | None = None

    def score(self, url: str, text: str, lowered: str | None = None) -> int:
        """``lowered`` is ``text.lower()`` when the caller has it (one per page, not per family)."""
        lowered = text.lower() if lowered is None else lowered
        score = sum(weight for marker, weight in self.markers.items() if marker in lowered)
        if score < 100:  # markers alone settle most pages: the scans below cost more
            score += _first_weight(self.scripts, text)
        if score < 100:
            score += _first_weight(self.paths, urlsplit(url).path)
        for pattern, weight in self.links:
            if score < 100 and pattern.search(text):
                score += weight
        return min(score, 100)

    def is_document_url(self, url: str) -> bool:
        return bool(self.document_path and self.document_path.search(urlsplit(url).path))

    def url_date(self, url: str) -> str | None:
        """The day the address encodes, as midnight in China Standard Time; else None."""
        found = self.document_date.search(urlsplit(url).path) if self.document_date else None
        return parse_date("{y}-{m}-{d}".format(**found.groupdict())) if found else None


def _first_weight(weighted: Weighted, text: str) -> int:
    return next((weight for pattern, weight in weighted if pattern.search(text)), 0)


@dataclass(frozen=True)
class Selectors:
    """XPath expressions per field, tried in order; a profile may override any of them."""

    title: tuple[str, ...] = ()
    published: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    breadcrumb: tuple[str, ...] = ()
    metadata: tuple[str, ...] = ()
    views: tuple[str, ...] = ()

    def merged(self, overrides: dict[str, Any] | None) -> Selectors:
        if not overrides:
            return self
        known = {f.name for f in fields(self)}
        unknown = set(overrides) - known
        if unknown:
            raise ValueError(f"unknown selector fields in profile: {sorted(unknown)}")
        return replace(self, **{k: tuple([v] if isinstance(v, str) else v)
                                for k, v in overrides.items()})


CRUMB_PREFIX = re.compile(r"^.*?(?:所在位置|当前位置|现在的位置|位置)\s*[:：]\s*")
CRUMB_SPLIT = re.compile(r"\s*(?:>|＞|›|»|→|/|&gt;)\s*")
CRUMB_PAGE_ITSELF = frozenset({"正文", "详情", "内容", "正文内容", "详细内容", "详情页",
                               "文章详情"})
_ALIASES = "|".join(sorted((re.escape(alias) for aliases in LABELS.values() for alias in aliases),
                           key=len, reverse=True))
FIELD_LABEL = re.compile(rf"^[\s\u3000\xa0]*(?:{_ALIASES})[\s\u3000\xa0]*[:：][\s\u3000\xa0]*")
PRINT_SEGMENT = re.compile(r"/print(?=/)", re.I)
PRINT_PARAMS = frozenset({"print", "isprint", "printview"})
SEARCH_PATH = re.compile(r"(?:^|/)(?:search|so|jsearch|jsearchfront|s)(?:[/._]|$)", re.I)
PRINT_PATH = re.compile(r"(?:^|/)print(?:/|\.)|[?&](?:print|isprint)=", re.I)


Compiled = tuple[etree.XPath, ...]
# ``//tag[test]…`` whose first step tests only attributes and text: the same nodes as
# ``/descendant::tag[test]…``, which libxml2 finds without a node set for every node (25 %
# faster on a typical page). A positional or number-valued test ([1], [last()], [@n + 1])
# would change the meaning: any sign of one keeps the expression as written.
_PLAIN_TEST = r"\[\s*(?:@|contains\(|starts-with\(|not\(|normalize-space\()[^\[\]]*\]"
_DESCENDANT_FIRST = re.compile(rf"^//(?=[A-Za-z_][\w.-]*(?:{_PLAIN_TEST})*(?:/|$))")
_POSITIONAL = re.compile(r"(?:position|last|count|sum|number|string-length)\s*\(|[+*]"
                         r"|\s(?:div|mod|-)\s")


def compile_xpath(expression: str) -> etree.XPath:
    """An XPath selector, its leading ``//tag`` step rewritten as ``/descendant::tag``
    when that selects the same nodes (no union, no positional test anywhere)."""
    if ("|" not in expression and _DESCENDANT_FIRST.match(expression)
            and not _POSITIONAL.search(expression)):
        expression = "/descendant::" + expression[2:]
    return etree.XPath(expression)


def select_every(tree: etree._Element, expressions: Compiled) -> list[Any]:
    """What every expression selects, in expression order."""
    return [node for expression in expressions for node in expression(tree)]


def select_all(tree: etree._Element, expressions: Compiled) -> list[Any]:
    """What the first expression that selects anything selects."""
    for expression in expressions:
        found = expression(tree)
        if found:
            return found
    return []


def strip_field_label(text: str) -> str:
    """A value without the label a selected element keeps (``来源：区住建委`` → ``区住建委``)."""
    if "：" in text or ":" in text:
        return FIELD_LABEL.sub("", text, count=1)
    return text


def first_text(tree: etree._Element, expressions: Compiled,
               read: Callable[[Any], str] = inline_text) -> str | None:
    """The first non-empty text any expression yields (elements or attribute values),
    without a leading field label; ``read`` turns a node into text."""
    for expression in expressions:
        for node in expression(tree):
            text = strip_field_label(read(node if not isinstance(node, bytes) else node.decode()))
            if text:
                return text
    return None


def parse_breadcrumb(element: etree._Element | None) -> list[str]:
    """The trail's names, root first, without a last 正文/详情 (the page itself, no column)."""
    if element is None:
        return []
    text = CRUMB_PREFIX.sub("", inline_text(element))
    parts = [part for part in CRUMB_SPLIT.split(text) if part]
    return parts[:-1] if len(parts) > 1 and parts[-1] in CRUMB_PAGE_ITSELF else parts


CRUMB_TOKENS = frozenset({"crumb", "crumbs", "breadcrumb", "location", "position", "dqwz",
                          "weizhi", "curpos", "path"})
CRUMB_STARTS = ("当前位置", "您当前所在位置", "您的位置", "您现在的位置", "所在位置")


def class_tokens(element: etree._Element) -> set[str]:
    """The words of an element's class and id (``gk-info_table`` → gk, info, table)."""
    words = f"{element.get('class') or ''} {element.get('id') or ''}".lower()
    return set(re.split(r"[\s_\-]+", words)) - {""}


# Class/id words of a site's header and footer: their menus link the whole site, not a section.
PAGE_CHROME = frozenset({"head", "header", "top", "topbar", "foot", "footer", "bottom",
                         "copyright"})


def in_page_chrome(element: etree._Element) -> bool:
    """Whether the element sits in the site's header or footer."""
    return any(class_tokens(node) & PAGE_CHROME for node in element.iterancestors())


def find_breadcrumb(tree: etree._Element) -> list[str]:
    """The location trail wherever a template puts it: a container named like one
    (crumb, position, location, 当前位置 …) or starting with its label."""
    for element in tree.iter("div", "p", "span", "ul", "nav", "td"):
        text = (element.text or "").strip()
        if class_tokens(element) & CRUMB_TOKENS or text.startswith(CRUMB_STARTS):
            crumb = parse_breadcrumb(element)
            if crumb:
                return crumb
    return []


def breadcrumb_of(tree: etree._Element, expressions: Compiled) -> list[str]:
    """The trail the family's selectors name, else the one the page shows anywhere."""
    return (parse_breadcrumb(next(iter(select_all(tree, expressions)), None))
            or find_breadcrumb(tree))


def parse_views(text: str | None) -> int | None:
    """A view count only when the page states one (``356``, ``356次``); never a guess."""
    found = VIEW_COUNT.match(text) if text else None
    return int(found.group(1).replace(",", "")) if found else None


def _labelled(tree: etree._Element, body: etree._Element | None) -> list[etree._Element]:
    """Elements outside the body with a label in their text, ancestors first, in page order.

    Found from the text nodes up: one label test per text node (XPath hands them over
    without a Python walk over every element), not one per container over all it holds.
    """
    marked: dict[etree._Element, None] = {}  # insertion-ordered set
    for text in TEXT_NODES(tree):
        if not has_label(text):
            continue
        node = text.getparent().getparent() if text.is_tail else text.getparent()
        chain = []
        while node is not None and node is not body and node not in marked:
            chain.append(node)
            node = node.getparent()
        if node is not None and node is body:
            continue
        marked.update(dict.fromkeys(reversed(chain)))
    return list(marked)


def _precedes(first: etree._Element, second: etree._Element) -> bool:
    """Whether ``first`` comes before ``second`` in the page (neither holding the other)."""
    path_first = [*reversed(list(first.iterancestors())), first]
    path_second = [*reversed(list(second.iterancestors())), second]
    for mine, theirs in zip(path_first, path_second, strict=False):
        if mine is not theirs:
            parent = mine.getparent()
            return parent is not None and parent.index(mine) < parent.index(theirs)
    return False


def _info_line_date(element: etree._Element, values: Mapping[str, Any],
                    body: etree._Element | None) -> str | None:
    """The bare date an info line (a line with 来源/浏览 labels, holding no blocks, before
    the body) starts with: ``2023年3月15日　来源：…`` under the title. Dates elsewhere on
    the page (成文日期 in a table, dates in the text) are no publication date."""
    if not INFO_LABELS & values.keys() or LINE_BLOCKS(element):
        return None
    lead = leading_text(element)
    if not parse_date(lead) or (body is not None and not _precedes(element, body)):
        return None
    return lead


def labels_outside(tree: etree._Element, body: etree._Element | None) -> dict[str, Any]:
    """Labelled values anywhere outside the body: metadata tables, info lines, dl blocks.

    Platforms lay their metadata out in ways no selector list foresees (``div``/``span``
    pairs, a custom info line), so every family falls back to this scan. A block that
    contains the body is never read whole (the body's words are no metadata); a ``div``
    holding a table or ``dl`` is left to those, which pair labels and values themselves.
    ``info_date`` is an info line's unlabelled date.
    """
    around = set(body.iterancestors()) if body is not None else set()
    found: dict[str, Any] = {}
    for element in _labelled(tree, body):
        if (element.tag not in META_TAGS or element in around
                or (element.tag == "div" and NESTED_META(element))):
            continue
        values = read_labelled(element)
        for key, value in values.items():
            if found.get(key) is None:
                found[key] = value
        if found.get("info_date") is None:
            found["info_date"] = _info_line_date(element, values, body)
    return found


def merge_missing(meta: dict[str, Any], more: Mapping[str, Any]) -> None:
    """Fill ``meta``'s empty fields from ``more``; what ``meta`` has stays."""
    for key, value in more.items():
        if meta.get(key) is None:
            meta[key] = value


def published_texts(meta: Mapping[str, Any], *extra: str) -> list[str | None]:
    """Where the publication date may be written, best first: its own label, a bare 日期/时间
    label, an info line's unlabelled date, then ``extra`` labels (成文日期 is weaker: it is
    when the document was written)."""
    return [meta.get(key) for key in (*PUBLISHED_KEYS, *extra)]


def first_date(*texts: str | None) -> str | None:
    """The first of ``texts`` that holds a date: a label with no date in it is passed over."""
    return next((date for date in map(parse_date, texts) if date), None)


class Family:
    """Base for one CMS family; subclasses set ``name``, ``selectors`` and navigation."""

    name: ClassVar[str] = ""
    selectors: ClassVar[Selectors] = Selectors()
    signals: ClassVar[Signals] = Signals()

    def __init__(self, profile: Any = None) -> None:
        self.profile = profile
        self.sel = self.selectors.merged(getattr(profile, "selectors", None))
        self.xp = {f.name: tuple(compile_xpath(e) for e in getattr(self.sel, f.name))
                   for f in fields(self.sel)}

    # --- detection -------------------------------------------------------

    @classmethod
    def detect(cls, url: str, text: str, lowered: str | None = None) -> int:
        """How sure we are that a page belongs to this family: 0 (no) to 100."""
        return cls.signals.score(url, text, lowered)

    @classmethod
    def is_document_url(cls, url: str) -> bool:
        """Whether ``url`` has the shape of this platform's document addresses."""
        return cls.signals.is_document_url(url)

    # --- navigation ------------------------------------------------------

    def read_page(self, url: str, tree: etree._Element) -> Reading:
        raise NotImplementedError

    def read_api(self, url: str, body: bytes, hints: dict[str, Any],
                 content_type: str | None = None) -> Reading:
        """A list API's answer; ``content_type`` is the response's header, for its charset."""
        return Reading("unknown", note="this family has no list API")

    def document_for_print(self, url: str) -> str | None:
        """The article a print view shows, when the address says so and names a document."""
        parts = urlsplit(url)
        query = "&".join(pair for pair in parts.query.split("&")
                         if pair and pair.split("=", 1)[0].lower() not in PRINT_PARAMS)
        article = urlunsplit(parts._replace(path=PRINT_SEGMENT.sub("", parts.path, count=1),
                                            query=query))
        return article if article != url and self.is_document_url(article) else None

    def print_views(self, url: str, tree: etree._Element) -> list[Link]:
        """Links on a document page to its own print view (recorded as its addresses)."""
        links = []
        for href in tree.xpath("//a/@href[contains(translate(., 'PRINT', 'print'), 'print')]"):
            target = urljoin(url, str(href).strip())
            if self.document_for_print(target.split("#")[0]) == url.split("#")[0]:
                links.append(Link(target, DOCUMENT))
        return links

    def skip_reason(self, url: str) -> str | None:
        """Why a link on this platform is never fetched (print view, search), else None."""
        parts = urlsplit(url)
        if PRINT_PATH.search(parts.path) or PRINT_PATH.search("?" + parts.query):
            return "print"
        if SEARCH_PATH.search(parts.path):
            return "search"
        return None

    @staticmethod
    def labels_missed(page: Page, source: str | None, meta: Mapping[str, Any],
                      source_slots: Compiled) -> bool:
        """Whether the page shows a 来源, 索引号 or 文号 the selectors did not read (another
        template's info line or metadata table): substring tests, the scan only then. A
        source slot of the family's own template that is there and empty (``<span
        class="ly"></span>``) says the page names no source: no scan for it."""
        text = page.decoded.text if page.decoded is not None else ""
        if not source and "来源" in text and not any(
                isinstance(node, etree._Element) for node in select_every(page.tree, source_slots)):
            return True
        return (not meta.get("index_no") and not meta.get("doc_no")
                and ("索引号" in text or "文号" in text))

    @staticmethod
    def anchors(tree: etree._Element, base: str):
        """(absolute URL, anchor text, element) for each followable ``a`` of the page."""
        for a in tree.iter("a"):
            href = a.get("href")
            if is_followable(href):
                yield urljoin(base, href.strip()), inline_text(a) or a.get("title") or "", a

    @staticmethod
    def links_in(tree: etree._Element, expression: str, base: str) -> list[tuple[str, str]]:
        """(absolute URL, anchor text) for each followable ``a`` the expression selects."""
        out = []
        for a in tree.xpath(expression):
            href = a.get("href")
            if is_followable(href):
                out.append((urljoin(base, href.strip()), inline_text(a) or a.get("title") or ""))
        return out

    # --- extraction ------------------------------------------------------

    def extract(self, page: Page) -> dict[str, Any]:
        """Item fields of a document page, from the shared tree; hints fill the gaps.

        When the family's metadata selectors find no label, or no publication date is
        stated where the family puts it, the whole page outside the body is read for labels
        (``labels_outside``): layouts the selectors do not foresee; so is a page that shows
        a 来源, 索引号 or 文号 the selectors did not find (another template's info line or
        table). A page with all of them skips that scan (it runs on every page). The
        address's own date comes last.
        """
        tree, sel, hints = page.tree, self.xp, page.hints
        meta: dict[str, str | None] = {}
        for container in select_every(tree, sel["metadata"]):
            merge_missing(meta, read_labelled(container))
        body_nodes = select_all(tree, sel["body"])
        body_el = body_nodes[0] if body_nodes else None
        body, furniture = body_text(body_el) if body_el is not None else ("", 0)
        stated = first_text(tree, sel["published"])
        source = first_text(tree, sel["source"]) or meta.get("source")
        if not meta or not first_date(stated, *published_texts(meta)) or self.labels_missed(
                page, source, meta, sel["source"]):
            merge_missing(meta, labels_outside(tree, body_el))
        breadcrumb = breadcrumb_of(tree, sel["breadcrumb"])
        published = first_date(stated, *published_texts(meta), hints.get("date"))
        return {
            "title": (first_text(tree, sel["title"], heading_text) or meta.get("title")
                      or hints.get("title")),
            "published_at": published or self.signals.url_date(page.url),
            "source": source or meta.get("source"),
            "publisher": meta.get("publisher"),
            "index_no": meta.get("index_no"),
            "doc_no": meta.get("doc_no"),
            "category": meta.get("category"),
            "breadcrumb": breadcrumb,
            "column": breadcrumb[-1] if breadcrumb else hints.get("column"),
            "body": body,
            "boilerplate_removed": furniture,
            "attachments": article_attachments(body_el, page.url) if body_el is not None else [],
            "views": parse_views(first_text(tree, sel["views"]) or meta.get("views")),
        }
