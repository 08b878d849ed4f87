"""TRS WCM (拓尔思) sites: many ministries, provinces and cities (ndrc.gov.cn, gov.cn …).

Domain: statically published pages. A column is a directory whose list pages are
``index.html``, ``index_1.html`` … (page 2 is ``index_1``); its articles live below it
as ``./YYYYMM/tYYYYMMDD_<id>.html`` and their files beside them as
``./P0<YYYYMMDD><digits>.<ext>``. Article bodies are ``div.TRS_Editor`` (Word-pasted text
wrapped in ``div.TRS_PreAppend``) or ``div.view.TRS_UEDITOR.trs_paper_default.trs_web``
inside ``#UCAP-CONTENT``; ``meta[name=ArticleTitle|PubDate|ContentSource]``; a 信息公开
table whose labels are padded with ``\\u3000`` (索　引　号, 发文机关, 成文日期, 文　　号 …);
the location trail is a row of ``a.CurrChnlCls``. A section root is the directory page
that links to its columns (child directories); the column navigation is followed only
from there, so a column start URL crawls that column.

A list's page count exists only in script, in one of these shapes (all read here):
``createPageHTML(count, current, "index", "html")`` (counted from 0, often inside an HTML
comment; the container-first ``createPageHTML('page_div', …)`` of CSRC-style templates
too, via crawler/families/pagination.py), with its arguments as literals or as
``var`` names; the classic ``var currentPage = 0 … var countPage = N`` ``document.write``
pager; a ``Pager({prefix:'index', suffix:'html', current:0, pageCount:N})`` object.
Pages 1..count are followed and none beyond; a page inside the count may be empty.

Caveats: ``Pager({…})`` without a page-count key gives no count: then only the
``index_N.html`` links present in the page's markup are followed (nothing is guessed).
Attachments written by script (``var file_appendix = …``) are not read. 浏览次数 is filled
by a script, so views stay null. A page that states no date anywhere is dated by its
address (``t20230315_…`` → 2023-03-15, midnight), the last resort. Print views
(``?print=1``, ``/print/…``) are recorded as addresses of their article, never fetched.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml import etree

from crawler.extraction.text import inline_text
from crawler.families.base import (
    DOCUMENT,
    PAGE,
    Family,
    Guarded,
    Link,
    Reading,
    Selectors,
    Signals,
    parse_breadcrumb,
    select_all,
)
from crawler.families.pagination import MAX_PAGES, ScriptPager, find_script_pager
from crawler.urls import is_followable

ARTICLE_PATH = re.compile(r"/t\d{8}_\d+\.s?html?$")
ARTICLE_DATE = re.compile(r"/t(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})_\d+\.s?html?$")
# ["'/.]\d{6}/t…, written literal first so the regex engine skips ahead to each "/t".
ARTICLE_LINK = re.compile(r"""/t(?<=["'/.]\d{6}/t)\d{8}_\d+\.s?html?\b""")
LIST_PATH = re.compile(r"/(?:index|list|default)_\d+\.s?html?$")
INDEX_NAME = re.compile(r"^(?:index|default)\.s?html?$")
CHILD_SEGMENT = re.compile(r"^[\w-]+$")
COUNT_FIRST_CALL = re.compile(r"createPageHTML\s*\(\s*(?:\d+|[A-Za-z_]\w*)\s*,\s*[\w\s+-]*,"
                              r"""\s*["'][\w-]+["']\s*,\s*["']\w+["']""")
CALL = re.compile(r"createPageHTML\s*\(([^()]*)\)")
VARIABLE = re.compile(r"\bvar\s+([A-Za-z_]\w*)\s*=\s*(\d+)\b")
COUNT_VAR = re.compile(r"countPage(?<!\wcountPage)\s*=\s*(\d+)\b")  # \bcountPage, faster
WRITE_PREFIX = re.compile(r"""["']([\w-]+)["']\s*\+\s*["']_["']|["']([\w-]+)_["']\s*\+""")
WRITE_EXT = re.compile(r"""["']\.["']\s*\+\s*["'](s?html?)\\?["']|["']\.(s?html?)\\?["']""")
PAGER_OBJECT = re.compile(r"Pager(?<!\wPager)\s*\(\s*\{([^{}]*)\}")  # \bPager, faster
PAGER_PAIR = re.compile(r"""(\w+)\s*:\s*(?:'([^']*)'|"([^"]*)"|(\d+))""")
PAGER_COUNT_KEYS = ("countPage", "pageCount", "totalPage", "totalPages")
ROW_DATE = re.compile(r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}")
MARKER_WEIGHTS = {"trs_editor": 40, "trs_ueditor": 40, "trs_preappend": 30, "currchnlcls": 30}


def _script_texts(tree: etree._Element) -> list[str]:
    """Script bodies and HTML comments: where a TRS list keeps its page count."""
    texts = [str(t) for t in tree.xpath("//script/text()")]
    texts += [c.text or "" for c in tree.iter(etree.Comment)]
    return [t for t in texts if t.strip()]


def _resolved_calls(text: str) -> str:
    """``createPageHTML(countPage, currentPage, …)`` with its ``var`` names replaced by values."""
    values = dict(VARIABLE.findall(text))
    if not values:
        return text

    def resolve(match: re.Match) -> str:
        args = [values.get(arg.strip(), arg.strip()) for arg in match.group(1).split(",")]
        return "createPageHTML(" + ", ".join(args) + ")"

    return CALL.sub(resolve, text)


def _count_pager(text: str) -> ScriptPager | None:
    """The classic ``var countPage = N`` pager that ``document.write``s its links."""
    match = COUNT_VAR.search(text)
    if not match:
        return None
    prefix = next((g for m in WRITE_PREFIX.finditer(text) for g in m.groups() if g), "index")
    ext = next((g for m in WRITE_EXT.finditer(text) for g in m.groups() if g), "html")
    return ScriptPager(min(max(int(match.group(1)), 1), MAX_PAGES), prefix, ext, 1)


def _object_pager(text: str) -> ScriptPager | None:
    """``Pager({prefix:'index', suffix:'html', current:0, pageCount:N})``, when it has a count."""
    for match in PAGER_OBJECT.finditer(text):
        pairs = {key: single or double or number
                 for key, single, double, number in PAGER_PAIR.findall(match.group(1))}
        count = next((pairs[k] for k in PAGER_COUNT_KEYS if str(pairs.get(k, "")).isdigit()), None)
        prefix, ext = pairs.get("prefix", "index"), pairs.get("suffix", "html")
        if count is None or not re.fullmatch(r"[\w-]+", prefix) or not re.fullmatch(r"\w+", ext):
            continue
        return ScriptPager(min(max(int(count), 1), MAX_PAGES), prefix, ext, 1)
    return None


def find_list_pager(texts: list[str]) -> ScriptPager | None:
    """The page count of a list, from whichever pager shape its scripts or comments use.

    A ``createPageHTML`` call may name variables another script of the page defines.
    """
    pager = find_script_pager(_resolved_calls("\n".join(texts)))
    for read in (_count_pager, _object_pager):
        for text in texts:
            pager = pager or read(text)
    return pager


def has_pager_object(texts: list[str]) -> bool:
    return any(PAGER_OBJECT.search(text) for text in texts)


class Trs(Family):
    name = "trs"
    selectors = Selectors(
        title=("/html/*/meta[@name='ArticleTitle']/@content",
               "//h1[contains(@class,'title')]", "//div[contains(@class,'article')]//h1"),
        published=("/html/*/meta[@name='PubDate']/@content",
                   "/html/*/meta[@name='pubdate']/@content"),
        source=("/html/*/meta[@name='ContentSource']/@content",),
        body=("//*[@id='UCAP-CONTENT']", "//div[contains(@class,'TRS_Editor')]",
              "//div[contains(@class,'TRS_UEDITOR')]", "//div[contains(@class,'TRS_PreAppend')]"),
        breadcrumb=("//div[contains(@class,'crumb')]", "//div[contains(@class,'position')]",
                    "//*[a[contains(@class,'CurrChnlCls')]]"),
        metadata=("//table[contains(@class,'xxgk')]", "//div[contains(@class,'xxgk-info')]",
                  "//div[contains(@class,'article-info')]"),
        views=("//span[@id='ReadCount']",),
    )
    signals = Signals(
        markers=MARKER_WEIGHTS,
        # Each pattern only where its literal occurs: a substring test rules most pages out
        # in half the time of the regex's own scan.
        scripts=((Guarded("createPageHTML", COUNT_FIRST_CALL), 30),
                 (Guarded("countPage", COUNT_VAR), 30), (Guarded("Pager", PAGER_OBJECT), 20)),
        paths=((ARTICLE_PATH, 40), (LIST_PATH, 10)),
        links=((ARTICLE_LINK, 30),),
        document_path=ARTICLE_PATH,
        document_date=ARTICLE_DATE,
    )

    # --- navigation ------------------------------------------------------

    def read_page(self, url: str, tree: etree._Element) -> Reading:
        article = self.is_document_url(url)
        if select_all(tree, self.xp["body"]):
            # A section root may carry an editor-made introduction; its columns still lead on.
            columns = [] if article else self.column_links(url, tree)
            if columns:
                return Reading("section", columns + self.row_links(url, tree, None))
            kind = "article" if article else "single"
            return Reading("document", self.print_views(url, tree), document=kind)
        if article:
            return Reading("unknown", note="article address without article content")
        column = next(iter(parse_breadcrumb(next(iter(
            select_all(tree, self.xp["breadcrumb"])), None))[-1:]), None)
        rows = self.row_links(url, tree, column)
        texts = _script_texts(tree)
        pager = find_list_pager(texts)
        if pager is not None or has_pager_object(texts) or LIST_PATH.search(urlsplit(url).path):
            found = pager.urls(url) if pager is not None else self.sibling_pages(url, tree)
            pages = [Link(u, PAGE, hints={"column": column}) for u in found]
            return Reading("list", rows + pages, note="" if rows else "empty list page")
        columns = self.column_links(url, tree)
        if columns:  # the latest-documents box of a section root belongs to no one column
            return Reading("section", columns + self.row_links(url, tree, None))
        if rows:
            return Reading("list", rows)
        return Reading("unknown", note="no list, article or column navigation found")

    def row_links(self, base: str, tree: etree._Element, column: str | None) -> list[Link]:
        """Every link to an article, with the title and date its row shows."""
        links = []
        for a in tree.iter("a"):
            href = a.get("href")
            if not is_followable(href):
                continue
            url = urljoin(base, href.strip())
            if not self.is_document_url(url.split("#", 1)[0]):
                continue
            title = a.get("title") or inline_text(a)
            row = a.getparent()
            row_text = inline_text(row).replace(inline_text(a), " ") if row is not None else ""
            date = ROW_DATE.search(row_text)
            links.append(Link(url, DOCUMENT, hints={
                "title": title or None, "date": date.group(0) if date else None, "column": column}))
        return links

    def column_links(self, base: str, tree: etree._Element) -> list[Link]:
        """Links to the section's columns: the page's child directories, in page order."""
        here = urlsplit(base)
        directory = here.path[: here.path.rfind("/") + 1]
        links: list[Link] = []
        seen: set[str] = set()
        for url, text in self.links_in(tree, "//a", base):
            parts = urlsplit(url)
            if parts.netloc != here.netloc or not parts.path.startswith(directory):
                continue
            rest = parts.path[len(directory):].split("/")
            if len(rest) != 2 or not CHILD_SEGMENT.match(rest[0]) \
                    or not (rest[1] == "" or INDEX_NAME.match(rest[1])):
                continue
            key = url.split("#", 1)[0]
            if key not in seen:
                seen.add(key)
                links.append(Link(url, PAGE, hints={"column": text or None}))
        return links

    @staticmethod
    def sibling_pages(base: str, tree: etree._Element) -> list[str]:
        """``index_N.html`` pages the list links to itself (when no script states a count)."""
        directory = base[: base.rfind("/") + 1]
        found: list[str] = []
        for href in tree.xpath("//a/@href"):
            url = urljoin(base, str(href).strip()).split("#", 1)[0]
            if url.startswith(directory) and LIST_PATH.search(urlsplit(url).path) \
                    and "/" not in url[len(directory):] and url not in found:
                found.append(url)
        return found
