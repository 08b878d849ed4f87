"""Bytes → text for Chinese government pages, whatever they declare.

Declared charsets lie (GBK bytes served as UTF-8 and the reverse), hide in a
``<meta>`` after the first kilobytes, or are missing; Scrapy's defaults then
fall back to cp1252. The rules, in order:

1. a byte-order mark;
2. bytes that are valid UTF-8 and not plain ASCII are UTF-8 (valid UTF-8 is very
   unlikely by accident, so this beats any declaration);
3. the declared charsets (HTTP header, then ``<meta>`` anywhere in the first
   64 KB), GB2312/GBK widened to GB18030, if the bytes decode under them;
   ISO-8859-1/Windows-1252 (server defaults, never a Chinese page's charset) are
   passed over;
4. GB18030, then charset-normalizer's guess, then UTF-8 with replacement
   characters (reported as lossy).

A character cut off at the very end (a truncated download) counts against no
encoding; it is left out of the text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cached_property

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_\-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_\-]+)", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),  # the BOM says the byte order: decode in that order
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Keys are codecs' canonical names ("iso8859-1" for ISO-8859-1 and latin-1).
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "iso8859-1": "cp1252",
          "ascii": "utf-8"}
# Labels browsers know (WHATWG Encoding) that Python's codecs do not.
_LABELS = {"x-gbk": "gbk", "x-x-big5": "big5", "cn-big5": "big5", "csbig5": "big5"}
META_SCAN_BYTES = 64 * 1024


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    how: str  # bom | utf-8 | declared | detected | lossy
    declared: str | None = None

    @cached_property
    def lowered(self) -> str:
        """``text.lower()``, made once per page for the stages that look for markers."""
        return self.text.lower()

    @property
    def mismatch(self) -> bool:
        """True when the page declared a charset its bytes are not in."""
        return self.declared is not None and self.declared != self.encoding


def _normalise(name: str | None) -> str | None:
    if not name:
        return None
    label = name.strip().lower()
    try:
        canonical = codecs.lookup(_LABELS.get(label, label)).name
    except LookupError:
        return None
    return _WIDER.get(canonical, canonical)


def declared_charsets(body: bytes, content_type: str | None) -> list[str]:
    """Charsets the page claims, header first, then ``<meta>``, normalised."""
    names = []
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match:
            names.append(match.group(1))
    names.extend(m.group(1).decode("ascii") for m in _META_CHARSET.finditer(body[:META_SCAN_BYTES]))
    out: list[str] = []
    for name in names:
        normal = _normalise(name)
        if normal and normal not in out:
            out.append(normal)
    return out


def _try(body: bytes, encoding: str) -> str | None:
    """``body`` in ``encoding``, or None; a character cut off at the very end is let go.

    A page cut off mid-download (or by a size limit) usually ends inside a multi-byte
    character; that must not make its encoding look wrong.
    """
    try:
        return codecs.getincrementaldecoder(encoding)().decode(body, final=False)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_html(body: bytes, content_type: str | None = None) -> Decoded:
    """Decode a page's bytes by the rules in the module docstring."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return Decoded(body[len(bom):].decode(encoding, "replace"), encoding, "bom")
    declared = declared_charsets(body, content_type)
    first_declared = declared[0] if declared else None
    if body.isascii():
        return Decoded(body.decode("ascii"), "utf-8", "utf-8", first_declared and "utf-8")
    text = _try(body, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", "utf-8", first_declared)
    for encoding in declared:
        if encoding == "cp1252":
            continue
        text = _try(body, encoding)
        if text is not None:
            return Decoded(text, encoding, "declared", first_declared)
    text = _try(body, "gb18030")
    if text is not None:
        return Decoded(text, "gb18030", "detected", first_declared)
    best = from_bytes(body).best()
    if best is not None and best.encoding:
        return Decoded(str(best), _normalise(best.encoding) or best.encoding, "detected",
                       first_declared)
    return Decoded(body.decode("utf-8", "replace"), "utf-8", "lossy", first_declared)


_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"GIF8", b"\xff\xd8\xff",
                 b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")


def looks_binary(body: bytes) -> bool:
    """True for files (PDF, Office, images, archives) and NUL-laden bytes, not text."""
    head = body[:1024]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    # A stray NUL or two does not make a page binary (parse_html drops them).
    return head.startswith(_BINARY_MAGIC) or head.count(b"\x00") > max(1, len(head) // 64)
