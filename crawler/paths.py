"""File names made from what pages say are made safe before they touch a disk.

Output folders are named after the site's host and attachment file names come
from link text; both are chosen by whoever controls the page (a hacked one
included). A name may hold no path separator, no ``..``, no control character,
no Windows-reserved device name, and stays under ``MAX_NAME_BYTES`` so every
file system accepts it.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata

MAX_NAME_BYTES = 150
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
_HOST_UNSAFE = re.compile(r"[^a-z0-9.-]+")
_RESERVED = re.compile(r"^(?:con|prn|aux|nul|com\d|lpt\d)(?:\..*)?$", re.I)


def _bounded(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", "ignore")


def safe_name(name: str, fallback: str = "file", ext: str | None = None) -> str:
    """One path component from arbitrary text, keeping its words (Chinese included)."""
    name = unicodedata.normalize("NFC", name or "")
    name = _UNSAFE.sub("_", name).strip(" ._")
    suffix = f".{ext}" if ext else ""
    if suffix and name.lower().endswith(suffix.lower()):
        name = name[: -len(suffix)].rstrip(" ._")
    if not name or _RESERVED.match(name):
        name = f"{fallback}_{name}" if name else fallback
    return _bounded(name, MAX_NAME_BYTES - len(suffix.encode("utf-8"))).rstrip(" ._") + suffix


def safe_host(host: str | None, fallback: str = "site") -> str:
    """A host name as a folder name: lower-case ASCII letters, digits, dots and hyphens."""
    text = (host or "").strip().lower()
    with contextlib.suppress(UnicodeError):  # not a valid IDN: the ASCII filter below still holds
        text = text.encode("idna").decode("ascii") if not text.isascii() else text
    text = _HOST_UNSAFE.sub("_", text).strip(".")
    text = re.sub(r"\.{2,}", ".", text)
    return _bounded(text, MAX_NAME_BYTES) or fallback
