"""The crawl summary: ``<output>.summary.json`` beside the items, and a log line.

Users of scheduled crawls look at one small file to know whether a run worked:
how many pages and documents, what failed and why, what was skipped, how long
it took, and where the output is. It is written atomically, like the items.
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.clock import utc_now
from crawler.extensions.monitor import RunMonitor
from crawler.feeds import OUTPUT_FILES_STAT, clear_stale_partials, partial_file, seal
from crawler.paths import safe_host
from crawler.publication import Publisher, fsync_directory

logger = logging.getLogger(__name__)
MAX_LISTED_DROPS = 1000
MAX_LISTED_CONTAMINATED = 10000


def _prefixed(stats: dict[str, Any], prefix: str) -> dict[str, Any]:
    return {k[len(prefix):]: v for k, v in sorted(stats.items()) if k.startswith(prefix)}


def summary_path_for(output: str) -> Path:
    path = Path(output)
    stem = path.name
    for suffix in (".jsonl", ".jl", ".json", ".csv", ".xml"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return path.with_name(stem + ".summary.json")


def write_json_atomically(path: Path, data: Any) -> None:
    file, temp = partial_file(path)
    file.write(json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n")
    seal(file, temp)
    os.replace(temp, path)
    fsync_directory(path.parent)


class CrawlSummary:
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.dropped: list[dict[str, str]] = []
        self.contaminated: list[dict[str, Any]] = []
        self.started = time.monotonic()
        self.started_at = utc_now()
        crawler.signals.connect(self.spider_opened, signals.spider_opened)
        crawler.signals.connect(self.item_dropped, signals.item_dropped)
        crawler.signals.connect(self.item_scraped, signals.item_scraped)
        crawler.signals.connect(self.spider_closed, signals.spider_closed)
        crawler.signals.connect(self.engine_stopped, signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("SUMMARY_ENABLED", True):
            raise NotConfigured
        return cls(crawler)

    def spider_opened(self, spider) -> None:
        self.started = time.monotonic()
        self.started_at = utc_now()

    def item_dropped(self, item, response, exception, spider) -> None:
        if len(self.dropped) < MAX_LISTED_DROPS:
            self.dropped.append({"reason": str(exception)})

    def item_scraped(self, item, response, spider) -> None:
        spam = item.get("spam") or {}
        if spam.get("contaminated") and len(self.contaminated) < MAX_LISTED_CONTAMINATED:
            self.contaminated.append({"url": item.get("url"), "kinds": spam.get("kinds", [])})

    def build(self, spider, reason: str) -> dict[str, Any]:
        stats = self.crawler.stats.get_stats()
        errors = _prefixed(stats, "errors/")
        outputs = stats.get(OUTPUT_FILES_STAT) or []
        return {
            "spider": spider.name,
            "site": getattr(spider, "site_host", None),
            "start_url": getattr(spider, "start_url", None),
            "family": getattr(spider, "family_name", None),
            "profile": getattr(getattr(spider, "profile", None), "name", None),
            "finish_reason": reason,
            "started_at": self.started_at,
            "finished_at": utc_now(),
            "duration_seconds": round(time.monotonic() - self.started, 3),
            "pages": {
                "requests": stats.get("downloader/request_count", 0),
                "responses": stats.get("downloader/response_count", 0),
                "by_status": _prefixed(stats, "downloader/response_status_count/"),
                "by_kind": _prefixed(stats, "pages/"),
                "decoding": _prefixed(stats, "decode/"),
                "blocked": _prefixed(stats, "blocked/"),
            },
            "items": {
                "written": stats.get("item_scraped_count", 0) - stats.get("dedup/demoted", 0),
                "dropped": stats.get("item_dropped_count", 0),
                "dropped_by_reason": _prefixed(stats, "drop/"),
                "drops": self.dropped,
            },
            "errors": {
                "total": sum(errors.values()),
                "by_kind": errors,
                "failures": getattr(spider, "failures", []),
            },
            "skipped": {
                "robots_txt": stats.get("robotstxt/forbidden", 0),
                **_prefixed(stats, "nav/skipped/"),
            },
            "spam": {
                "contaminated": stats.get("spam/contaminated", 0),
                "mirror_pages": stats.get("spam/mirror_pages", 0),
                "pages_by_kind": _prefixed(stats, "spam/pages/"),
                "removed_by_kind": _prefixed(stats, "spam/removed/"),
                "contaminated_pages": self.contaminated,
                # With CLOAK_PROBE: probes sent, failed, pages found cloaked.
                "cloaking_probe": _prefixed(stats, "cloaking/") or None,
            },
            "dedup": {
                "duplicates": _prefixed(stats, "dedup/duplicates/"),
                "addresses": _prefixed(stats, "dedup/addresses/"),
                "superseded": _prefixed(stats, "dedup/superseded/"),
                "demoted": stats.get("dedup/demoted", 0),
                "written_to_duplicates_stream": stats.get("dedup/duplicates_written", 0),
            },
            "state": {
                "new": stats.get("state/new", 0),
                "updated": stats.get("state/updated", 0),
                "unchanged": stats.get("state/unchanged", 0),
                "missing": stats.get("state/missing", 0),
                "missing_urls": stats.get("state/missing_urls", []),
            },
            "rendering": {  # crawler/middlewares/rendering.py
                "renderer": stats.get("render/renderer"),
                "pages_rendered": stats.get("render/pages", 0),
                "render_seconds": round(stats.get("render/seconds", 0), 3),
                "challenges_passed": _prefixed(stats, "render/challenges/passed/"),
                "challenges_failed": _prefixed(stats, "render/challenges/failed/"),
                "challenges_renewed": _prefixed(stats, "render/challenges/renewed/"),
                "skipped": stats.get("render/skipped_urls", []),
            },
            "retries": stats.get("retry/count", 0),
            # With REDIS_URL: this worker and its run (README.md, "More than one machine").
            "distribution": _prefixed(stats, "distribution/") or None,
            "output": {"items": outputs[0] if outputs else None, "all": outputs,
                       "published": Publisher.of(self.crawler).published},
        }

    def spider_closed(self, spider, reason: str) -> None:
        self.spider, self.reason = spider, reason

    def engine_stopped(self) -> None:
        """Written last: feeds are stored (and deduplication finalized) after spider_closed."""
        spider, reason = self.spider, self.reason
        summary = self.build(spider, reason)
        outputs = summary["output"]["all"]
        if outputs:
            path = summary_path_for(outputs[0])
        else:
            stamp = getattr(spider, "run_stamp", "run")
            site = safe_host(getattr(spider, "site_host", None), spider.name)
            name = f"{spider.name}-{stamp}.summary.json"
            path = Path(self.crawler.settings["OUTPUT_DIR"]) / site / name
        summary["output"]["summary"] = str(path)
        monitor = self.crawler.get_extension(RunMonitor)
        if monitor is not None:
            summary = monitor.judge(summary, path)
        clear_stale_partials(self.crawler, path)
        write_json_atomically(path, summary)
        errors = summary["errors"]
        logger.info(
            "Crawl %s: %d documents written, %d dropped, %d pages, %d errors %s, %.1f s. "
            "Items: %s; summary: %s",
            reason, summary["items"]["written"], summary["items"]["dropped"],
            summary["pages"]["responses"], errors["total"], errors["by_kind"] or "",
            summary["duration_seconds"], summary["output"]["items"], path,
        )
