"""Saved pages as (URL, bytes) pairs: single files, ``wget -x`` trees and WARC files.

One-off collections come from archives, so the offline path accepts what people
have: a file (HTML in any encoding, or a plain-text dump), a directory mirrored
with ``wget -x`` (its first path component is the host), or WARC files. Inputs
that cannot be pages (unreadable, empty, binary) are reported as problems, never
silently skipped; assets of a wget tree (images, styles, scripts) are counted.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from crawler.encoding import looks_binary

ASSET_EXTS = frozenset({
    ".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".ico", ".svg", ".webp", ".bmp", ".woff",
    ".woff2", ".ttf", ".eot", ".map", ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx",
    ".zip", ".rar", ".7z", ".mp3", ".mp4", ".swf", ".ofd", ".wps",
})
PAGE_CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass(frozen=True)
class SavedPage:
    url: str
    body: bytes
    origin: str
    content_type: str | None = None
    status: int = 200
    fetched_at: str | None = None


@dataclass(frozen=True)
class Problem:
    origin: str
    reason: str  # unreadable | empty | binary | asset | http_<status> | bad_warc


def _mtime(path: Path) -> str:
    moment = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return moment.isoformat(timespec="seconds")


def is_warc(path: Path) -> bool:
    return path.name.endswith((".warc", ".warc.gz", ".arc", ".arc.gz"))


def _read(path: Path, url: str) -> SavedPage | Problem:
    try:
        body = path.read_bytes()
    except OSError as error:
        return Problem(str(path), f"unreadable ({error.strerror or error})")
    if not body.strip():
        return Problem(str(path), "empty")
    if looks_binary(body):
        return Problem(str(path), "binary")
    return SavedPage(url, body, str(path), fetched_at=_mtime(path))


def wget_url(root: Path, path: Path) -> str:
    """``root/www.szwz.gov.cn/szwz/a.shtml`` → ``http://www.szwz.gov.cn/szwz/a.shtml``."""
    parts = path.relative_to(root).parts
    return "http://" + "/".join(quote(part, safe="?=&%:@!$'()*+,;") for part in parts)


def iter_directory(root: Path) -> Iterator[SavedPage | Problem]:
    for directory, subdirs, files in os.walk(root):
        subdirs.sort()
        for name in sorted(files):
            path = Path(directory) / name
            if is_warc(path):
                yield from iter_warc(path)
            elif path.suffix.lower() in ASSET_EXTS:
                yield Problem(str(path), "asset")
            else:
                yield _read(path, wget_url(root, path))


def iter_warc(path: Path) -> Iterator[SavedPage | Problem]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type not in ("response", "resource"):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                origin = f"{path}#{url}"
                headers = record.http_headers
                status = int(headers.get_statuscode()) if headers else 200
                content_type = (headers.get_header("Content-Type") if headers else
                                record.rec_headers.get_header("Content-Type")) or ""
                if status >= 400:
                    yield Problem(origin, f"http_{status}")
                    continue
                if content_type and not content_type.lower().startswith(PAGE_CONTENT_TYPES):
                    yield Problem(origin, "asset")
                    continue
                body = record.content_stream().read()
                if not body.strip():
                    yield Problem(origin, "empty")
                elif looks_binary(body):
                    yield Problem(origin, "binary")
                else:
                    yield SavedPage(url, body, origin, content_type or None, status,
                                    record.rec_headers.get_header("WARC-Date"))
    except (OSError, ArchiveLoadFailed) as error:
        yield Problem(str(path), f"bad_warc ({error})")


def iter_saved_pages(paths: list[str], url: str | None = None) -> Iterator[SavedPage | Problem]:
    """Every page in the given files, directories and WARC files, in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from iter_directory(path)
        elif is_warc(path):
            yield from iter_warc(path)
        elif not path.exists():
            yield Problem(raw, "unreadable (no such file)")
        else:
            yield _read(path, url or path.resolve().as_uri())
