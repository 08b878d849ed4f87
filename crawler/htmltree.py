"""Text → one lxml tree, shared by navigation, cleaning and extraction."""

from __future__ import annotations

import re

from lxml import etree

from crawler.encoding import Decoded, decode_html, looks_binary

# Plain lxml.etree elements: lxml.html's element classes cost a Python lookup per node visited.
_PARSER = etree.HTMLParser(remove_comments=False, remove_pis=True)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)
_HTML_MARKERS = re.compile(
    r"<(?:!doctype|html|head|body|meta|title|div|p|table|br|span|script|link|a\s)\b", re.I)
_END_HTML = re.compile("</html>", re.I)
_END_BODY = re.compile("</body>", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


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
    text = _keep_trailing_content(_CONTROL.sub("", _XML_DECLARATION.sub("", text, count=1)))
    if not text.strip():
        raise EmptyDocument("empty body")
    root = etree.fromstring(text, _PARSER) if text.strip() else None
    if root is None:
        raise EmptyDocument("Document is empty")
    return root


def load_html(body: bytes, content_type: str | None) -> tuple[Decoded, etree._Element]:
    """Decode and parse a page's bytes; raise BinaryDocument or EmptyDocument."""
    if looks_binary(body):
        raise BinaryDocument("binary body")
    decoded = decode_html(body, content_type)
    return decoded, parse_html(decoded.text)


def looks_like_html(text: str) -> bool:
    """Markup a browser would lay out, as opposed to a text dump (which may quote junk tags)."""
    return bool(_HTML_MARKERS.search(text))
