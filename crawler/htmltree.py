"""Text → one lxml tree, shared by navigation, cleaning and extraction."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from crawler.encoding import Decoded, decode_html, looks_binary

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class EmptyDocument(ValueError):
    """The page has no parseable HTML at all."""


class BinaryDocument(ValueError):
    """The page is a file (PDF, image, archive …), not HTML."""


def parse_html(text: str) -> etree._Element:
    """Parse HTML leniently; raise EmptyDocument when there is nothing to parse."""
    text = _CONTROL.sub("", _XML_DECLARATION.sub("", text, count=1))
    if not text.strip():
        raise EmptyDocument("empty body")
    try:
        return lxml.html.document_fromstring(text)
    except etree.ParserError as error:
        raise EmptyDocument(str(error)) from error


def load_html(body: bytes, content_type: str | None) -> tuple[Decoded, etree._Element]:
    """Decode and parse a page's bytes; raise BinaryDocument or EmptyDocument."""
    if looks_binary(body):
        raise BinaryDocument("binary body")
    decoded = decode_html(body, content_type)
    return decoded, parse_html(decoded.text)
