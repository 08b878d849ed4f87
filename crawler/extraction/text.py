"""Element → clean text, one paragraph per line.

Block elements and ``<br>`` end a line; table cells are joined by a tab; script,
style and similar non-text elements are skipped. Whitespace inside a line is
collapsed, and a line break in the HTML source between two Chinese characters
is dropped (it is a source-formatting artefact, not a space in the sentence).
"""

from __future__ import annotations

import re

from lxml import etree

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "thead", "tfoot", "tr", "ul", "caption",
})
CELL_TAGS = frozenset({"td", "th"})
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "select",
    "textarea", "button", "head", "title", "meta", "link", "svg", "canvas", "noframes",
})

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_BREAK_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f\v]*\n\s*(?=[{_CJK}])")
_SPACES = re.compile(r"[\s\u200b]+")
_UNUSUAL_SPACE = re.compile(r"[^\S ]|  |\u200b")
# C0 controls other than whitespace, and DEL: what ``&#3;`` or a stray byte leaves in a tree.
# No page means them and they are not valid in XML output.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def squash(text: str) -> str:
    """Collapse whitespace in one line of text, dropping control characters."""
    if text.isprintable() and "  " not in text:
        # No control, no line break, no space but U+0020 (all unprintable): only the edges.
        return text.strip()
    if _CONTROLS.search(text):
        text = _CONTROLS.sub("", text)
    if "\n" in text:
        text = _BREAK_BETWEEN_CJK.sub("", text)
    if _UNUSUAL_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    return text.strip()


class _Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buffer: list[str] = []
        self.filled = False  # the buffer holds visible text (kept as a flag: a row may have
        # thousands of cells, and joining the buffer at each one would be quadratic)

    def add(self, text: str | None) -> None:
        if text:
            self.buffer.append(text)
            self.filled = self.filled or not text.isspace()

    def cell(self) -> None:
        if self.filled:
            self.buffer.append("\t")

    def end(self) -> None:
        if not self.filled:  # only whitespace (or nothing): squash() would leave no line
            self.buffer = []
            return
        raw = "".join(self.buffer)
        self.buffer = []
        self.filled = False
        cells = [squash(part) for part in raw.split("\t")]
        line = "\t".join(cell for cell in cells if cell)
        if line:
            self.lines.append(line)


def _walk(element: etree._Element, out: _Lines) -> None:
    tag = element.tag
    if not isinstance(tag, str) or (tag := tag.lower()) in SKIP_TAGS:  # comments and PIs too
        out.add(element.tail)
        return
    if tag == "br":
        out.end()
        out.add(element.tail)
        return
    block = tag in BLOCK_TAGS
    if block:
        out.end()
    elif tag in CELL_TAGS:
        out.cell()
    out.add(element.text)
    for child in element:
        _walk(child, out)
    if block:
        out.end()
    out.add(element.tail)


def block_text(element: etree._Element) -> str:
    """The text of ``element`` (not its tail), one paragraph per line."""
    out = _Lines()
    tail, element.tail = element.tail, None
    try:
        _walk(element, out)
    finally:
        element.tail = tail
    out.end()
    return "\n".join(out.lines)


def inline_text(element: etree._Element | str | None) -> str:
    """The text of an element (or attribute value) on one line."""
    if element is None:
        return ""
    if isinstance(element, str):
        return squash(element)
    return squash(" ".join(block_text(element).split("\n")))
