"""Junk-tag blocks: empty nested elements that share one random id.

Spam generators sprinkle pages with dozens of empty elements of old or invalid
tags (``<video id="dlf5r"><i id="dlf5r"><delect id="dlf5r">``) before ``<html>``,
after ``<body>`` or after the footer. Ids must be unique in HTML, so one id on
three or more textless elements of several tags (or nested in each other) is
the signature; a cluster of textless elements with tag names outside HTML is the
other. Removing textless elements
can never remove a sentence, so the only care needed is not to *flag* a page for
an ordinary empty ``<div id="page_div">``.

Text dumps show the same blocks as lines of literal tags; ``junk_tag_lines``
finds those.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from lxml import etree

from crawler.extraction.text import squash

HTML_TAGS = frozenset({
    "a", "abbr", "acronym", "address", "applet", "area", "article", "aside", "audio", "b",
    "base", "basefont", "bdi", "bdo", "bgsound", "big", "blink", "blockquote", "body", "br",
    "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "data",
    "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em",
    "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "frame", "frameset",
    "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe",
    "img", "input", "ins", "isindex", "kbd", "keygen", "label", "legend", "li", "link",
    "listing", "main", "map", "mark", "marquee", "menu", "menuitem", "meta", "meter",
    "multicol", "nav", "nobr", "noembed", "noframes", "noscript", "object", "ol", "optgroup",
    "option", "output", "p", "param", "picture", "plaintext", "pre", "progress", "q", "rb",
    "rp", "rt", "rtc", "ruby", "s", "samp", "script", "search", "section", "select", "slot",
    "small", "source", "spacer", "span", "strike", "strong", "style", "sub", "summary", "sup",
    "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time", "title",
    "tr", "track", "tt", "u", "ul", "var", "video", "wbr", "xmp", "svg", "math",
})
MEDIA_TAGS = frozenset({"img", "iframe", "video", "audio", "object", "embed", "input", "svg",
                        "canvas", "select", "textarea", "button", "picture", "source"})
RAW_TEXT_TAGS = frozenset({"xmp", "noframes", "listing", "plaintext", "noembed"})
MIN_SHARED_ID = 3
MIN_UNKNOWN_CLUSTER = 3

_ATTRIBUTE = r"""\s+[\w:-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?"""
_TAG_TOKEN = re.compile(rf"</?([A-Za-z][\w:-]*)((?:{_ATTRIBUTE})*)\s*/?>")
# Generators write ``id="x"``; a literal prefix keeps this pass over the page cheap.
_ID_ATTR = re.compile(r"""id=["']?([^"'\s>]+)""")
_OPEN_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
_WITH_ID = etree.XPath("//@id/..")  # compiled once (tree.xpath compiles on every call)


def _textless(element: etree._Element) -> bool:
    """No text and nothing a reader would see (no image, form control or media with a source).

    Literal tags count as no text: ``<xmp>`` and ``<noframes>`` hold their content as raw
    text, so a junk block nested inside them arrives as text made of tags.
    """
    for chunk in element.itertext():
        if chunk.isspace():
            continue
        if "<" not in chunk or _TAG_TOKEN.sub("", chunk).strip():
            return False
    for node in element.iter():
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in MEDIA_TAGS and (node.get("src") or node.get("data") or tag in
                                  {"input", "select", "textarea", "button", "svg", "canvas"}):
            return False
    return True


def _literal_tags(elements: list[etree._Element], value: str) -> list[str]:
    """Tags with ``id="value"`` written as text inside raw-text elements (xmp, noframes)."""
    return [m.group(1).lower() for e in elements if e.tag in RAW_TEXT_TAGS
            for m in _TAG_TOKEN.finditer(e.text or "") if f'id="{value}"' in m.group(2)]


def _generated(elements: list[etree._Element], value: str) -> bool:
    """One id on three or more textless elements of several tags, or nested in itself.

    Tags written as text inside ``<xmp>``/``<noframes>`` count too. A template that
    repeats ``<span id="hits">`` is sloppy, not hacked: same tag, no nesting.
    """
    literal = _literal_tags(elements, value)
    if len(elements) + len(literal) < MIN_SHARED_ID:
        return False
    if not all(_textless(e) for e in elements):
        return False
    if len({e.tag for e in elements} | set(literal)) >= 2:
        return True
    members = set(elements)
    return any(a in members for e in elements for a in e.iterancestors())


def find_junk_elements(tree: etree._Element, source: str) -> list[etree._Element]:
    """Outermost junk elements, in document order.

    ``source`` is the page's HTML: one regex pass over it names the ids used three or
    more times and the tag names outside HTML, so the tree is visited only where junk
    can be.
    """
    ids = Counter(_ID_ATTR.findall(source))
    shared = {i for i, n in ids.items() if n >= MIN_SHARED_ID}
    unknown_tags = {t.lower() for t in set(_OPEN_TAG.findall(source))} - HTML_TAGS
    junk: set[etree._Element] = set()
    if shared:
        by_id: dict[str, list[etree._Element]] = defaultdict(list)
        for element in _WITH_ID(tree):
            if element.get("id") in shared:
                by_id[element.get("id")].append(element)
        for value, elements in by_id.items():
            if _generated(elements, value):
                junk.update(elements)
    unknown = [e for e in tree.iter(*unknown_tags) if _textless(e)] if unknown_tags else []
    if len(unknown) >= MIN_UNKNOWN_CLUSTER or (unknown and junk):
        junk.update(unknown)
    if not junk:
        return []
    return [e for e in tree.iter(etree.Element)
            if e in junk and not any(a in junk for a in e.iterancestors())]


def group_adjacent(elements: list[etree._Element]) -> Iterator[list[etree._Element]]:
    """Runs of sibling elements separated only by whitespace."""
    run: list[etree._Element] = []
    for element in elements:
        if run:
            last = run[-1]
            if last.getnext() is element and not (last.tail or "").strip():
                run.append(element)
                continue
            yield run
        run = [element]
    if run:
        yield run


def serialise(elements: list[etree._Element]) -> str:
    return "".join(etree.tostring(e, encoding="unicode", method="html", with_tail=False)
                   for e in elements)


def drop(element: etree._Element) -> None:
    """Remove an element and its children, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _tags_in(line: str) -> list[re.Match[str]] | None:
    stripped = line.strip()
    tokens = list(_TAG_TOKEN.finditer(stripped))
    if not tokens or _TAG_TOKEN.sub("", stripped).strip():
        return None
    return tokens


def junk_tag_lines(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) line ranges made only of literal tags that form a junk block."""
    ranges = []
    i = 0
    while i < len(lines):
        if _tags_in(lines[i]) is None:
            i += 1
            continue
        j = i
        tokens: list[re.Match[str]] = []
        while j < len(lines) and (found := _tags_in(lines[j])) is not None:
            tokens.extend(found)
            j += 1
        ids: dict[str, int] = defaultdict(int)
        for token in tokens:
            for match in _ID_ATTR.finditer(token.group(2)):
                ids[match.group(1)] += 1
        invalid = any(t.group(1).lower() not in HTML_TAGS for t in tokens)
        shared = max(ids.values(), default=0) >= MIN_SHARED_ID
        if len(tokens) >= MIN_SHARED_ID and (shared or invalid):
            ranges.append((i, j - 1))
        i = j
    return ranges


class Positions:
    """Where elements sit relative to the page's visible text.

    Worked out once per page, at the first ``where`` (so before the caller removes anything):
    a page whose keyword scan places nothing does not pay for it.
    """

    def __init__(self, tree: etree._Element, ignore: set[etree._Element] = frozenset()) -> None:
        self.tree, self.ignore = tree, ignore
        self.order: dict[etree._Element, int] | None = None
        self.first_text = self.last_text = -1

    def _measure(self) -> None:
        self.order = {}
        ignored = {node for element in self.ignore for node in element.iter()}
        text_at: list[int] = []
        for i, node in enumerate(self.tree.iter(etree.Element)):
            self.order[node] = i
            if ignored and node in ignored:
                continue
            text = (node.text or "") + (node.tail or "")
            # text.strip() first: most nodes hold only a line break, and squash() of
            # whitespace is always empty.
            if node.tag not in ("script", "style", "title") and text.strip() and squash(text):
                text_at.append(i)
        self.first_text = text_at[0] if text_at else -1
        self.last_text = text_at[-1] if text_at else -1

    def where(self, element: etree._Element) -> str:
        if self.order is None:
            self._measure()
        index = self.order.get(element, -1)
        if index <= self.first_text:
            return "top of page"
        if index > self.last_text:
            return "bottom of page"
        parent = element.getparent()
        return f"inside {describe(parent)}" if parent is not None else "page"


def describe(element: etree._Element) -> str:
    """``div#zoomcon.article-content`` style name of an element."""
    name = element.tag if isinstance(element.tag, str) else "node"
    if element.get("id"):
        name += "#" + element.get("id")
    classes = (element.get("class") or "").split()
    if classes:
        name += "." + ".".join(classes[:2])
    return name
