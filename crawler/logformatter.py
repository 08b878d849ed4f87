"""Log lines that name an item by its URL instead of printing it whole.

Scrapy's default prints the entire item when it is dropped or scraped; ours
carry the fetched page, so that would put raw HTML into the log.
"""

from __future__ import annotations

from scrapy import logformatter


def _url(item) -> str:
    page = item.get("page") if hasattr(item, "get") else None
    return getattr(page, "url", None) or (item.get("url") if hasattr(item, "get") else "") or ""


class LogFormatter(logformatter.LogFormatter):
    def dropped(self, item, exception, response, spider):
        entry = super().dropped(item, exception, response, spider)
        entry["msg"] = "Dropped: %(exception)s"
        entry["args"] = {"exception": exception}
        return entry

    def scraped(self, item, response, spider):
        entry = super().scraped(item, response, spider)
        entry["msg"] = "Scraped %(url)s"
        entry["args"] = {"url": _url(item)}
        return entry
