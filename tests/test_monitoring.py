"""The checks judged at the end of a crawl: each one failing and passing, the previous run
they compare with, and the exit status of a real `scrapy crawl`."""

from __future__ import annotations

import json
import os
from collections import Counter

import pytest

from crawler.extensions.monitor import (
    CHECKS_FAILED_EXIT_CODE,
    contaminated,
    error_rate,
    field_coverage,
    item_count,
    previous_summary,
)
from tests.helpers import run_crawl
from tests.replica.hosts import generic
from tests.replica.server import ReplicaServer

START = f"http://{generic.HOST}{generic.ROOT}"
FIELDS = ["title", "published_at", "body"]


def summary(new=0, updated=0, unchanged=0, errors=0, requests=0, retries=0, spam=0, **extra):
    return {"spider": "disclosure", "start_url": START, "retries": retries,
            "state": {"new": new, "updated": updated, "unchanged": unchanged},
            "errors": {"total": errors}, "pages": {"requests": requests},
            "spam": {"contaminated": spam}, "output": {"published": True}, **extra}


def test_item_count_fails_on_a_drop_larger_than_allowed():
    result = item_count(summary(new=70, unchanged=9), summary(unchanged=100), 0.2)
    assert (result["passed"], result["value"], result["previous"], result["drop"]) == (
        False, 79, 100, 0.21)
    assert "79 documents, 100 in the previous run" in result["message"]
    assert "21.0% fewer, more than the 20% allowed" in result["message"]


def test_item_count_passes_at_the_allowed_drop_on_growth_and_on_a_first_run():
    at_limit = item_count(summary(unchanged=80), summary(new=100), 0.2)
    assert (at_limit["passed"], at_limit["drop"]) == (True, 0.2)
    grown = item_count(summary(new=5, unchanged=100), summary(new=100), 0.2)
    assert (grown["passed"], grown["drop"]) == (True, 0.0)
    first = item_count(summary(new=3), None, 0.2)
    assert (first["passed"], first["value"], first["previous"]) == (True, 3, None)


def test_field_coverage_fails_below_the_minimum():
    result = field_coverage(Counter(title=100, published_at=98, body=100), 100, FIELDS, 0.99)
    assert result["passed"] is False
    assert result["value"] == {"title": 1.0, "published_at": 0.98, "body": 1.0}
    assert result["message"] == "below 99% in 100 documents: published_at 98.0%"


def test_field_coverage_passes_at_the_minimum_and_with_nothing_written():
    result = field_coverage(Counter(title=100, published_at=99, body=100), 100, FIELDS, 0.99)
    assert (result["passed"], result["value"]["published_at"]) == (True, 0.99)
    assert field_coverage(Counter(), 0, FIELDS, 0.99)["passed"] is True


def test_error_rate_fails_above_the_maximum():
    result = error_rate(summary(errors=6, requests=100), 0.05)
    assert (result["passed"], result["value"], result["failed"], result["requests"]) == (
        False, 0.06, 6, 100)
    assert result["message"] == "6 of 100 requests failed (6.0%), above the 5% allowed"


def test_error_rate_passes_at_the_maximum_and_counts_a_retried_request_once():
    result = error_rate(summary(errors=5, requests=110, retries=10), 0.05)
    assert (result["passed"], result["value"], result["requests"]) == (True, 0.05, 100)
    unreachable = error_rate(summary(errors=1, requests=0), 0.05)
    assert (unreachable["passed"], unreachable["value"]) == (False, 1.0)


def test_dead_links_are_listed_not_counted_as_failed_requests():
    failing = {"errors": {"total": 3, "by_kind": {"http_404": 1, "http_500": 2}}}
    result = error_rate({**summary(requests=18), **failing}, 0.05)
    assert (result["passed"], result["failed"], result["dead_links"]) == (False, 2, 1)
    assert result["message"] == ("2 of 18 requests failed (11.1%), above the 5% allowed; "
                                 "1 dead link(s) listed in the summary, not counted")
    one_dead = error_rate({**summary(requests=18),
                           "errors": {"total": 1, "by_kind": {"http_404": 1}}}, 0.05)
    assert (one_dead["passed"], one_dead["failed"], one_dead["dead_links"]) == (True, 0, 1)


def test_a_run_that_found_no_documents_fails_even_without_a_previous_run():
    result = item_count(summary(), None, 0.2)
    assert (result["passed"], result["value"]) == (False, 0)
    assert result["message"].startswith("no documents found")
    assert item_count(summary(unchanged=1), None, 0.2)["passed"] is True


def test_contaminated_fails_above_the_maximum_share():
    result = contaminated(summary(new=100, spam=26), 0.25)
    assert (result["passed"], result["value"], result["pages"]) == (False, 0.26, 26)
    spam_only = contaminated(summary(spam=3), 0.25)
    assert (spam_only["passed"], spam_only["value"]) == (False, 1.0)


def test_contaminated_passes_at_the_maximum_share():
    result = contaminated(summary(new=60, unchanged=40, spam=25), 0.25)
    assert (result["passed"], result["value"]) == (True, 0.25)
    assert contaminated(summary(), 0.25)["passed"] is True


def write_summary(path, mtime, **fields):
    path.write_text(json.dumps(summary(**fields)), encoding="utf-8")
    os.utime(path, (mtime, mtime))


def test_the_previous_run_is_the_newest_passed_published_run_of_the_same_crawl(tmp_path):
    write_summary(tmp_path / "a.summary.json", 100, new=40, status="passed")
    write_summary(tmp_path / "b.summary.json", 200, new=41)  # written before the checks existed
    write_summary(tmp_path / "c.summary.json", 300, new=1, status="failed")
    write_summary(tmp_path / "d.summary.json", 400, new=2, start_url="http://other/")
    write_summary(tmp_path / "e.summary.json", 500, new=3, output={"published": False})
    (tmp_path / "f.summary.json").write_text("{not json")
    this = summary(new=41)
    found = previous_summary(tmp_path / "new.summary.json", this)
    assert found["state"]["new"] == 41
    (tmp_path / "b.summary.json").unlink()
    assert previous_summary(tmp_path / "new.summary.json", this)["state"]["new"] == 40


@pytest.fixture(scope="module")
def nightly_runs(tmp_path_factory):
    """Four real crawls of the generic replica into one output folder."""
    output = tmp_path_factory.mktemp("nightly")
    server = ReplicaServer().start()
    try:
        runs = [run_crawl(server, output, "-a", f"start_url={START}"),
                run_crawl(server, output, "-a", f"start_url={START}", "-a", "incremental=1"),
                run_crawl(server, output, "-a", f"start_url={START}",
                          "-s", "CLOSESPIDER_ITEMCOUNT=5"),
                run_crawl(server, output, "-a", f"start_url={START}", "-a", "incremental=1")]
    finally:
        server.stop()
    summaries = sorted(output.rglob("*.summary.json"), key=lambda path: path.stat().st_mtime)
    assert len(summaries) == len(runs)
    return [(run, json.loads(path.read_text(encoding="utf-8")))
            for run, path in zip(runs, summaries)]


def test_a_healthy_run_passes_every_check_and_exits_0(nightly_runs):
    run, first = nightly_runs[0]
    assert run.returncode == 0
    assert (first["status"], first["failed_checks"]) == ("passed", [])
    checks = first["checks"]
    assert (checks["item_count"]["value"], checks["item_count"]["previous"]) == (45, None)
    assert checks["field_coverage"]["value"] == {"title": 1.0, "published_at": 1.0, "body": 1.0}
    assert (checks["error_rate"]["failed"], checks["error_rate"]["requests"],
            checks["error_rate"]["dead_links"]) == (0, 55, 1)
    assert (checks["contaminated"]["value"], checks["contaminated"]["pages"]) == (0.0, 0)
    assert all(check["passed"] for check in checks.values())


def test_the_next_night_compares_with_the_previous_run(nightly_runs):
    run, second = nightly_runs[1]
    assert (run.returncode, second["status"]) == (0, "passed")
    assert second["items"]["written"] == 0
    assert (second["checks"]["item_count"]["value"],
            second["checks"]["item_count"]["previous"]) == (45, 45)


def test_a_run_that_found_far_fewer_documents_fails_and_exits_3(nightly_runs):
    run, third = nightly_runs[2]
    assert run.returncode == CHECKS_FAILED_EXIT_CODE
    assert (third["status"], third["failed_checks"]) == ("failed", ["item_count"])
    assert third["finish_reason"] == "closespider_itemcount"
    count = third["checks"]["item_count"]
    assert count["previous"] == 45 and count["value"] < 36 and count["passed"] is False
    assert "[crawler.extensions.monitor] ERROR: Check item_count failed:" in run.log


def test_a_failed_run_is_never_the_baseline_of_the_next(nightly_runs):
    run, fourth = nightly_runs[3]
    assert (run.returncode, fourth["status"]) == (0, "passed")
    assert fourth["checks"]["item_count"]["previous"] == 45


def test_checks_can_be_switched_off(tmp_path):
    server = ReplicaServer().start()
    try:
        run = run_crawl(server, tmp_path, "-a", f"start_url={START}",
                        "-s", "MONITOR_ENABLED=False", "-s", "MONITOR_MAX_ERROR_RATE=0")
    finally:
        server.stop()
    assert run.returncode == 0
    assert {"status", "checks", "failed_checks"} & set(run.summary) == set()
