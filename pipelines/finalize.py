"""Last stage: drop the working page (raw bytes never leave) and fill every field.

Each attachment also gets a ``filename``: its (cleaned, converted) name made safe
to save under (crawler/paths.py), since link text is written by whoever
controls the page and users download attachments by it.
"""

from __future__ import annotations

import posixpath
from urllib.parse import unquote, urlsplit

from crawler.items import EXPORT_FIELDS, DocumentItem
from crawler.paths import safe_name


def attachment_filename(attachment: dict) -> str:
    fallback = posixpath.basename(unquote(urlsplit(attachment["url"]).path)) or "attachment"
    fallback = safe_name(fallback.rsplit(".", 1)[0], "attachment")
    return safe_name(attachment.get("name") or "", fallback, attachment.get("ext"))


class FinalizePipeline:
    def process_item(self, item, spider):
        if not isinstance(item, DocumentItem):
            return item
        item.pop("page", None)
        for name in EXPORT_FIELDS:
            item.setdefault(name, None)
        item["attachments"] = [{**a, "filename": attachment_filename(a)}
                               for a in item["attachments"] or []]
        return item
