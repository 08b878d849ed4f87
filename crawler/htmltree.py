"""Text → one lxml tree, shared by navigation, cleaning and extraction."""

from __future__ import annotations

import logging
import re
from urllib.parse import urljoin

from lxml import etree

from crawler.cleaning.junk_tags import junk_tag_lines
from crawler.encoding import Decoded, decode_html, looks_binary
from crawler.extraction.text import BLOCK_TAGS, CELL_TAGS

logger = logging.getLogger(__name__)

# Plain lxml.etree elements: lxml.html's element classes cost a Python lookup per node visited.
# No ID table (collect_ids): nothing here calls XPath id(), junk blocks repeat one id dozens
# of times, and building the table is a quarter of the parse.
_PARSER = etree.HTMLParser(remove_comments=False, remove_pis=True, collect_ids=False)
# For pages past libxml2's limits (nesting 256 deep, a text or attribute over 10 MB), after
# they have been flattened below MAX_DEPTH: huge_tree lifts the size limits.
_HUGE_PARSER = etree.HTMLParser(remove_comments=False, remove_pis=True, huge_tree=True,
                                collect_ids=False)
MAX_DEPTH = 160  # elements nested deeper are flattened (libxml2 stops at 256)
MAX_NAMED_DEPTH = 200  # ... except elements with an id or class, kept down to here
_VOID_TAGS = frozenset("area base basefont br col embed frame hr img input isindex keygen link "
                       "meta param source track wbr".split())
# libxml2 ignores an end tag when an element of higher priority is open inside it.
_END_PRIORITY = {"div": 150, "td": 160, "th": 160, "tr": 170, "thead": 180, "tbody": 180,
                 "tfoot": 180, "table": 190, "head": 200, "body": 200, "html": 220}
_TAG = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style|textarea|title|xmp|plaintext)\b[^>]*>.*?(?:</\1\s*>|\Z)"
    r"""|<(/?)([A-Za-z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.S | re.I)
_NAMED = re.compile(r"""\s(?:id|class)\s*=\s*["']?[^\s"'>]""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)
_HTML_MARKERS = re.compile(
    r"<(?:!doctype|html|head|body|meta|title|div|p|table|br|span|script|link|a\s)\b", re.I)
_DOCUMENT_MARKERS = re.compile(r"<(?:!doctype|html|head|body|title)\b", re.I)
_END_HTML = re.compile("</html>", re.I)
_END_BODY = re.compile("</body>", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# The same characters: a substring test for each tells a clean page twice as fast as the regex.
_CONTROL_CHARS = "".join(map(chr, [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]))
_REFRESH_URL = re.compile(r"""^\s*\d*(?:\.\d*)?\s*[;,]\s*(?:url\s*=\s*)?['"]?([^'"]+)""", re.I)


class EmptyDocument(ValueError):
    """The page has no parseable HTML at all."""


class BinaryDocument(ValueError):
    """The page is a file (PDF, image, archive …), not HTML."""


def _keep_trailing_content(text: str) -> str:
    """Move content written after ``</html>`` into the body, as browsers do.

    libxml2 drops it, and injected spam is often appended there.
    """
    ends = [m.start() for m in _END_HTML.finditer(text)]
    if not ends or not text[ends[-1] + 7:].strip():
        return text
    end_html = ends[-1]
    bodies = [m.start() for m in _END_BODY.finditer(text, 0, end_html)]
    text = text[:end_html] + text[end_html + 7:]
    return text[:bodies[-1]] + text[bodies[-1] + 7:] if bodies else text


def parse_html(text: str) -> etree._Element:
    """Parse HTML leniently; raise EmptyDocument when there is nothing to parse."""
    text = _XML_DECLARATION.sub("", text, count=1)
    if any(control in text for control in _CONTROL_CHARS):
        text = _CONTROL.sub("", text)
    text = _keep_trailing_content(text)
    if not text.strip():
        raise EmptyDocument("empty body")
    root = etree.fromstring(text, _PARSER)
    error = _PARSER.error_log.last_error
    if error is not None and error.type_name == "ERR_RESOURCE_LIMIT":
        # libxml2 stopped there and the rest of the page is missing from the tree.
        logger.warning("HTML past the parser's limits (%s): parsed again with nesting "
                       "flattened below %d levels", error.message.strip(), MAX_DEPTH)
        root = etree.fromstring(flatten(text), _HUGE_PARSER)
    if root is None:
        raise EmptyDocument("Document is empty")
    return root


def flatten(text: str) -> str:
    """``text`` without the tags nested deeper than MAX_DEPTH (their text stays).

    Runaway nesting (thousands of unclosed ``<font>``, an injected tower of junk tags) has
    no meaning a reader sees, so the deepest tags go; elements with an id or class (the
    content block a family selects) are kept down to MAX_NAMED_DEPTH. A block element left
    out becomes ``<br>`` and a table cell a space, so lines and cells stay apart. Nesting is
    tracked the way libxml2 builds it, closely enough to stay well below its limit.
    """
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: (tag, kept)
    depth = at = 0
    for match in _TAG.finditer(text):
        name = match.group(3)
        if name is None or name.lower() in _VOID_TAGS or match.group(4).rstrip().endswith("/"):
            continue  # comments, raw text, void and self-closed elements nest nothing
        name = name.lower()
        if match.group(2):  # an end tag: the innermost open element of that name, if any
            found = None
            for i in range(len(stack) - 1, -1, -1):
                tag, kept = stack[i]
                if tag == name:
                    found = i
                    break
                if kept and _END_PRIORITY.get(tag, 100) > _END_PRIORITY.get(name, 100):
                    break
            if found is None:
                continue
            kept = stack[found][1]
            depth -= sum(1 for _, k in stack[found:] if k)
            del stack[found:]
        else:
            kept = depth < MAX_DEPTH or (depth < MAX_NAMED_DEPTH
                                         and _NAMED.search(match.group(4)) is not None)
            stack.append((name, kept))
            depth += kept
        if not kept:
            out.append(text[at:match.start()])
            out.append("<br>" if name in BLOCK_TAGS else " " if name in CELL_TAGS else "")
            at = match.end()
    out.append(text[at:])
    return "".join(out)


def load_html(body: bytes, content_type: str | None) -> tuple[Decoded, etree._Element]:
    """Decode and parse a page's bytes; raise BinaryDocument or EmptyDocument."""
    if looks_binary(body):
        raise BinaryDocument("binary body")
    decoded = decode_html(body, content_type)
    return decoded, parse_html(decoded.text)


def looks_like_html(text: str) -> bool:
    """Markup a browser would lay out, as opposed to a text dump (which may quote junk tags).

    A doctype or an html/head/body/title tag decides at once. Otherwise a layout tag must stand
    on a line that is not part of a junk block: a dump that opens with ``<div id="x8q1z"><span
    id="x8q1z">…`` (valid tag names, one shared id) is still a dump."""
    if not _HTML_MARKERS.search(text):
        return False
    if _DOCUMENT_MARKERS.search(text):
        return True
    lines = text.splitlines()
    junk = {n for first, last in junk_tag_lines(lines) for n in range(first, last + 1)}
    return any(_HTML_MARKERS.search(line) for n, line in enumerate(lines) if n not in junk)


def meta_refreshes(tree: etree._Element, base: str) -> list[tuple[etree._Element, str]]:
    """Every ``<meta http-equiv=refresh>`` that moves to another address, with its target.

    Scrapy's MetaRefreshMiddleware would replace the page by its target before
    anyone reads it; hacked pages use exactly that to send visitors to spam, so
    the project reads refreshes itself (follow same-site ones, report the rest).
    """
    found = []
    for meta in tree.iter("meta"):
        if (meta.get("http-equiv") or "").strip().lower() != "refresh":
            continue
        match = _REFRESH_URL.match(meta.get("content") or "")
        if match:
            found.append((meta, urljoin(base, match.group(1).strip())))
    return found
