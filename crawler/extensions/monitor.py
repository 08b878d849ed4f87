"""Checks at the end of every crawl, so a nightly run that went wrong is noticed.

A scheduled crawl can "succeed" while the site changed under it: a new layout
yields no documents or no dates, a hacked site floods the output with spam, a
dying server fails half the requests. Four checks judge the run and their
verdict goes into the summary (``status``, ``checks``, ``failed_checks``); the
``crawl`` command (crawler/commands/crawl.py) then exits with
``CHECKS_FAILED_EXIT_CODE``, so cron and scrapyd see the failure too.

* ``item_count``: documents seen (new + updated + unchanged, whatever the
  nightly mode writes) against the previous passed run of the same spider and
  start URL, read from its summary beside this one; in a distributed run
  (REDIS_URL) the last worker to publish judges the run's total instead,
  against the last passed run's total kept in Redis (crawler/distributed/run.py);
* ``field_coverage``: the share of written documents with a non-empty value in
  each of ``MONITOR_COVERAGE_FIELDS``;
* ``error_rate``: requests that failed for good over requests made (retries
  not counted twice); dead links (404, 410) are the site's and are listed in the
  summary, not counted: a site that moved its pages shows in ``item_count``;
* ``contaminated``: documents that carried injected spam over documents seen.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.distributed.run import RunTotals
from crawler.distributed.worker import Worker

logger = logging.getLogger(__name__)
CHECKS_FAILED_EXIT_CODE = 3


def documents_seen(summary: dict[str, Any]) -> int:
    state = summary.get("state") or {}
    return sum(state.get(change, 0) for change in ("new", "updated", "unchanged"))


def previous_summary(path: Path, summary: dict[str, Any]) -> dict[str, Any] | None:
    """The newest summary in ``path``'s folder of a published, passed run of the same crawl.

    ``path`` itself is a candidate: with ``-O same.jsonl`` every night it still
    holds the previous run's summary when this one is judged.
    """
    candidates = sorted(path.parent.glob("*.summary.json"),
                        key=lambda p: p.stat().st_mtime, reverse=True)
    for candidate in candidates:
        try:
            earlier = json.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(earlier, dict):
            continue
        same = (earlier.get("spider"), earlier.get("start_url")) == (
            summary["spider"], summary["start_url"])
        published = (earlier.get("output") or {}).get("published")
        if same and published and earlier.get("status") != "failed":
            return earlier
    return None


def check(passed: bool, value, limit, message: str, **details) -> dict[str, Any]:
    return {"passed": passed, "value": value, "limit": limit, "message": message, **details}


def count_check(seen: int, before: int | None, source: str | None, max_drop: float,
                label: str = "documents", **details) -> dict[str, Any]:
    if not seen:
        return check(False, seen, max_drop, f"no {label} found: the start URL, the site's layout "
                     "or its platform is not what the crawler reads (see the log's warnings)",
                     previous=before, **details)
    if before is None:
        return check(True, seen, max_drop, f"{seen} {label}; no previous run to compare with",
                     previous=None, **details)
    drop = round((before - seen) / before, 4) if before else 0.0
    passed = drop <= max_drop
    message = (f"{seen} {label}, {before} in the previous run ({source}): "
               + (f"{drop:.1%} fewer, more than the {max_drop:.0%} allowed" if not passed
                  else "within the allowed drop"))
    return check(passed, seen, max_drop, message, previous=before, drop=max(drop, 0.0),
                 **details)


def item_count(summary, previous, max_drop: float) -> dict[str, Any]:
    if previous is None:
        return count_check(documents_seen(summary), None, None, max_drop)
    return count_check(documents_seen(summary), documents_seen(previous),
                       previous["output"].get("summary"), max_drop)


def share_count(seen: int, run: str, max_drop: float) -> dict[str, Any]:
    """One worker's share of a distributed run is not judged: the run's total is."""
    return check(True, seen, max_drop,
                 f"{seen} documents in this worker's share of run {run}; the run's total "
                 "is judged by its last worker to publish", previous=None, scope="worker")


def run_count(totals: RunTotals, baseline: dict | None, run: str,
              max_drop: float) -> dict[str, Any]:
    """A distributed run's total, judged by its last worker against the last passed run."""
    before = baseline["documents"] if baseline else None
    source = f"run {baseline['run']}, judged in {baseline['summary']}" if baseline else None
    return count_check(totals.documents, before, source, max_drop,
                       f"documents in run {run} ({totals.workers} workers)",
                       scope="run", workers=totals.workers)


def field_coverage(counts: Counter, written: int, fields: list[str],
                   minimum: float) -> dict[str, Any]:
    if not written:
        return check(True, {}, minimum, "no documents written: nothing to cover")
    coverage = {name: round(counts[name] / written, 4) for name in fields}
    short = [f"{name} {share:.1%}" for name, share in coverage.items() if share < minimum]
    message = (f"below {minimum:.0%} in {written} documents: {', '.join(short)}" if short
               else f"every field at least {minimum:.0%} in {written} documents")
    return check(not short, coverage, minimum, message)


DEAD_LINKS = ("http_404", "http_410")


def error_rate(summary, maximum: float) -> dict[str, Any]:
    by_kind = summary["errors"].get("by_kind") or {}
    dead = sum(by_kind.get(kind, 0) for kind in DEAD_LINKS)
    failed = summary["errors"]["total"] - dead
    attempts = max(summary["pages"]["requests"] - summary.get("retries", 0), failed, 1)
    rate = round(failed / attempts, 4)
    passed = rate <= maximum
    message = (f"{failed} of {attempts} requests failed ({rate:.1%}), "
               + ("within" if passed else "above") + f" the {maximum:.0%} allowed"
               + (f"; {dead} dead link(s) listed in the summary, not counted" if dead else ""))
    return check(passed, rate, maximum, message, failed=failed, requests=attempts,
                 dead_links=dead)


def contaminated(summary, maximum: float) -> dict[str, Any]:
    pages = summary["spam"]["contaminated"]
    seen = documents_seen(summary)
    share = round(min(pages / seen, 1.0), 4) if seen else (1.0 if pages else 0.0)
    passed = share <= maximum
    message = (f"{pages} of {seen} documents carried injected spam ({share:.1%}), "
               + ("within" if passed else "above") + f" the {maximum:.0%} allowed")
    return check(passed, share, maximum, message, pages=pages)


class RunMonitor:
    """Counts field coverage as items are written; judges the run when the summary is built."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.settings = crawler.settings
        self.fields: list[str] = self.settings.getlist("MONITOR_COVERAGE_FIELDS")
        self.covered: Counter = Counter()
        self.written = 0
        self.failed: list[str] = []
        crawler.signals.connect(self.item_scraped, signals.item_scraped)

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("MONITOR_ENABLED", True):
            raise NotConfigured
        return cls(crawler)

    def item_scraped(self, item, response, spider) -> None:
        self.written += 1
        for name in self.fields:
            if item.get(name) not in (None, "", [], {}):
                self.covered[name] += 1

    def judge(self, summary: dict[str, Any], path: Path) -> dict[str, Any]:
        """``summary`` (to be written at ``path``) with its verdict: ``status`` and
        ``failed_checks`` first, where a reader looks, the ``checks`` themselves last."""
        settings = self.settings
        max_drop = settings.getfloat("MONITOR_MAX_DOCUMENT_DROP")
        own = {
            "field_coverage": field_coverage(self.covered, self.written, self.fields,
                                             settings.getfloat("MONITOR_MIN_FIELD_COVERAGE")),
            "error_rate": error_rate(summary, settings.getfloat("MONITOR_MAX_ERROR_RATE")),
            "contaminated": contaminated(summary,
                                         settings.getfloat("MONITOR_MAX_CONTAMINATED")),
        }
        worker = self.crawler.get_extension(Worker) if summary.get("distribution") else None
        if worker is None:
            count = item_count(summary, previous_summary(path, summary), max_drop)
        else:
            failed = not all(result["passed"] for result in own.values())
            count = self.judge_run(worker, summary, failed, max_drop)
        checks = {"item_count": count, **own}
        self.failed = [name for name, result in checks.items() if not result["passed"]]
        for name in self.failed:
            logger.error("Check %s failed: %s", name, checks[name]["message"])
        if worker is not None and worker.totals is not None:
            self.record_verdict(worker, summary)
        return {"status": "failed" if self.failed else "passed", "failed_checks": self.failed,
                **summary, "checks": checks}

    @staticmethod
    def judge_run(worker: Worker, summary: dict[str, Any], failed: bool,
                  max_drop: float) -> dict[str, Any]:
        """End the worker's lease; the last one to publish judges the run's total."""
        totals = worker.release(failed)
        run = summary["distribution"]["run"]
        if totals is None:
            return share_count(documents_seen(summary), run, max_drop)
        return run_count(totals, worker.run.baseline(summary["start_url"]), run, max_drop)

    def record_verdict(self, worker: Worker, summary: dict[str, Any]) -> None:
        """Kept in Redis: the run the next one is compared with, and what a user looks up."""
        totals = worker.totals
        failed = bool(self.failed or totals.failed)
        record = {"run": summary["distribution"]["run"], "start_url": summary["start_url"],
                  "status": "failed" if failed else "passed", "documents": totals.documents,
                  "workers": totals.workers, "failed_workers": totals.failed,
                  "failed_checks": self.failed, "judged_by": worker.id,
                  "summary": summary["output"]["summary"]}
        worker.run.record_verdict(record, passed=not failed)
