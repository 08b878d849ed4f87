"""Element → clean text, one paragraph per line.

Block elements and ``<br>`` end a line, except inside a cell of a row of several (a
value: Word pastes a ``<p>`` into each cell), where they add a space; table cells are
joined by a tab; script, style and similar non-text elements are skipped. Whitespace
inside a line is collapsed, and a line break in the HTML source between two Chinese
characters is dropped (it is a source-formatting artefact, not a space in the sentence).
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
_TABLE_STATE = frozenset({"table", "tr", "td", "th"})
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "select",
    "textarea", "button", "head", "title", "meta", "link", "svg", "canvas", "noframes",
})

_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_BREAK_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f\v]*\n\s*(?=[{_CJK}])")
_LINE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])\n(?=[{_CJK}])")
_NOT_CAPTION = re.compile(r"^(?:图片|图像|图|image|img|pic|photo|\S+\.(?:jpe?g|png|gif|bmp|webp))$",
                          re.I)
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
        self.skip: frozenset[etree._Element] = frozenset()
        self.row_cells = 0  # cells with content in the table row being read
        self.in_cell = False  # inside a data cell: blocks and <br> do not end the line

    def add(self, text: str | None) -> None:
        if text:
            self.buffer.append(text)
            self.filled = self.filled or not text.isspace()

    def cell(self) -> None:
        if self.filled:
            self.buffer.append("\t")

    def end(self) -> None:
        if self.in_cell:
            self.buffer.append(" ")
            return
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


def _filled_cells(row: etree._Element) -> int:
    return sum(1 for cell in row if isinstance(cell.tag, str) and cell.tag.lower() in CELL_TAGS
               and ((cell.text and not cell.text.isspace()) or len(cell)))


def _walk(element: etree._Element, out: _Lines) -> None:
    tag = element.tag
    if not isinstance(tag, str) or (tag := tag.lower()) in SKIP_TAGS:  # comments and PIs too
        out.add(element.tail)
        return
    if tag == "br":
        out.end()
        out.add(element.tail)
        return
    if out.skip and element in out.skip:
        if tag in BLOCK_TAGS:
            out.end()
        out.add(element.tail)
        return
    saved = (out.row_cells, out.in_cell) if tag in _TABLE_STATE else None
    if tag == "table":  # a table in a cell has rows of its own
        out.in_cell = False
    elif tag == "tr":
        out.row_cells = _filled_cells(element)
    block = tag in BLOCK_TAGS
    if block:
        out.end()
    elif tag in CELL_TAGS:
        out.cell()
        # A cell of a row of several is one value: Word puts a <p> in each.
        out.in_cell = out.row_cells > 1
    out.add(element.text)
    for child in element:
        _walk(child, out)
    if saved is not None:
        out.row_cells, out.in_cell = saved
    if block:
        out.end()
    out.add(element.tail)


def block_text(element: etree._Element,
               skip: frozenset[etree._Element] = frozenset()) -> str:
    """The text of ``element`` (not its tail), one paragraph per line, without the
    elements in ``skip`` (page furniture: crawler/extraction/boilerplate.py)."""
    out = _Lines()
    out.skip = skip
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


def heading_text(element: etree._Element | str | None) -> str:
    """A title on one line: a ``<br>`` in a heading is layout, so no space is put where it
    split a Chinese sentence (``做好2023年<br>高温天气`` → ``做好2023年高温天气``)."""
    if element is None or isinstance(element, str):
        return inline_text(element)
    return squash(_LINE_BETWEEN_CJK.sub("", block_text(element)).replace("\n", " "))


def image_captions(element: etree._Element) -> str:
    """The alt (or title) text of the images in ``element``, one per line: what an
    image-only article (一图读懂) says about itself. File names and "图片" are not captions."""
    lines = []
    for image in element.iter("img"):
        caption = squash(image.get("alt") or image.get("title") or "")
        if caption and not _NOT_CAPTION.match(caption) and caption not in lines:
            lines.append(caption)
    return "\n".join(lines)
