"""Attachment links (PDF, Word, Excel, archives …) inside a document's content."""

from __future__ import annotations

import posixpath
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

from lxml import etree

from crawler.extraction.text import inline_text
from crawler.urls import is_followable

ATTACHMENT_EXTS = frozenset({
    "pdf", "doc", "docx", "wps", "xls", "xlsx", "et", "csv", "ppt", "pptx", "dps", "zip",
    "rar", "7z", "ofd", "txt", "rtf", "odt", "ods", "ceb", "tif", "tiff",
})
DOWNLOAD_PARAMS = ("filename", "showname", "file", "fileName", "name")


def _ext(name: str) -> str | None:
    ext = posixpath.splitext(name)[1].lstrip(".").lower()
    return ext if ext in ATTACHMENT_EXTS else None


def attachment_ext(url: str) -> str | None:
    """The file type of a download URL: its path suffix or a ``filename=`` parameter."""
    parts = urlsplit(url)
    ext = _ext(unquote(parts.path))
    if ext:
        return ext
    query = parse_qs(parts.query)
    for key in DOWNLOAD_PARAMS:
        for value in query.get(key, []):
            ext = _ext(unquote(value))
            if ext:
                return ext
    return None


def download_name(url: str) -> str | None:
    """The file name a download address states (``showname=``, ``filename=`` …), if any."""
    query = parse_qs(urlsplit(url).query)
    for key in ("showname", *DOWNLOAD_PARAMS):
        for value in query.get(key, []):
            if value.strip():
                return value.strip()
    return None


def find_attachments(container: etree._Element, base_url: str) -> list[dict[str, str]]:
    """``[{url, name, ext}]`` for every attachment link in ``container``, in page order."""
    found: dict[str, dict[str, str]] = {}
    for link in container.iter("a"):
        href = link.get("href")
        if not is_followable(href):
            continue
        url = urljoin(base_url, href.strip())
        name = inline_text(link) or link.get("title") or ""
        ext = attachment_ext(url) or _ext(name)
        if ext is None or url in found:
            continue
        name = name or download_name(url) or posixpath.basename(unquote(urlsplit(url).path))
        found[url] = {"url": url, "name": name, "ext": ext}
    return list(found.values())
