"""The replica's fault switches on: a flaky server costs retries, never documents."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from scrapy.http import Headers

from crawler.extensions.monitor import CHECKS_FAILED_EXIT_CODE
from crawler.middlewares.challenge import challenge_vendor
from crawler.middlewares.retry import retry_after_seconds
from tests.conftest import ROOT_URL
from tests.helpers import run_crawl
from tests.replica.challenges import VENDORS, challenge
from tests.replica.faults import Fault
from tests.replica.hosts import szwz
from tests.replica.server import ReplicaServer

DELAY = szwz.SLOW_SECONDS + 2.0  # longer than the replica's own slow article takes
FLAKY = (
    Fault("status", rate=0.25, times=1, status=503),
    Fault("status", rate=0.10, times=2, status=502),
    Fault("status", rate=0.05, times=1, status=429, retry_after="1"),
    Fault("reset", rate=0.10, times=1),
    Fault("delay", rate=0.03, times=1, delay=DELAY),
)
QUICK_RETRIES = ("-s", "RETRY_BACKOFF_BASE=0.05", "-s", f"DOWNLOAD_TIMEOUT={DELAY - 1.0}")


def documents(items: list[dict]) -> dict[str, str]:
    return {item["url"]: item["content_hash"] for item in items}


def test_a_flaky_server_loses_no_document(full_crawl, tmp_path):
    reference, _ = full_crawl
    server = ReplicaServer(faults=FLAKY).start()
    try:
        result = run_crawl(server, tmp_path, "-a", f"start_url={ROOT_URL}", *QUICK_RETRIES,
                           timeout=300)
    finally:
        server.stop()
    assert result.returncode == 0, result.log[-3000:]
    injected = server.faults.injected
    assert injected["status"] >= 40 and injected["reset"] >= 10 and injected["delay"] >= 2
    assert documents(result.items) == documents(reference.items)
    assert result.summary["errors"]["by_kind"] == reference.summary["errors"]["by_kind"]
    assert result.summary["retries"] >= injected["status"]


def test_what_outlasts_the_retries_is_listed_with_url_and_reason(tmp_path):
    article = szwz.doc_path(szwz.SzwzSite().corpus.column_docs("tzgg")[3])
    faults = (Fault("status", match=f"{article}$", times=None, status=503),
              Fault("challenge", match="/szwz/zcwj/", times=None, vendor="jiasule"))
    server = ReplicaServer(faults=faults).start()
    try:
        result = run_crawl(server, tmp_path, "-a", f"start_url={ROOT_URL}", *QUICK_RETRIES)
    finally:
        server.stop()
    # A whole column behind an anti-bot wall: the run is judged failed (exit 3), and says why.
    assert result.returncode == CHECKS_FAILED_EXIT_CODE, result.log[-3000:]
    assert result.summary["failed_checks"] == ["error_rate"]
    failures = result.summary["errors"]["failures"]
    assert {"url": f"http://{szwz.HOST}{article}", "kind": "http_503"} in [
        {k: f[k] for k in ("url", "kind")} for f in failures]
    blocked = [f for f in failures if f["kind"] == "blocked_jiasule"]
    assert blocked and all("/szwz/zcwj/" in f["url"] for f in blocked)
    assert result.summary["pages"]["blocked"] == {"jiasule": len(blocked)}
    assert not [i for i in result.items if "/szwz/zcwj/" in i["url"]]
    assert len([r for r in server.requests if r["path"] == article]) == 4


@pytest.mark.parametrize("value, seconds", [(b"120", 120.0), (b" 7 ", 7.0), (b"soon", None),
                                            (None, None), (b"", None)])
def test_retry_after_in_seconds(value, seconds):
    assert retry_after_seconds(value) == seconds


def test_retry_after_as_an_http_date():
    later = datetime.now(UTC) + timedelta(seconds=90)
    assert 85 <= retry_after_seconds(format_datetime(later, usegmt=True).encode()) <= 90
    earlier = datetime.now(UTC) - timedelta(hours=1)
    assert retry_after_seconds(format_datetime(earlier, usegmt=True).encode()) == 0.0


@pytest.mark.parametrize("vendor", VENDORS)
def test_each_vendor_challenge_is_recognised(vendor):
    reply = challenge(vendor, "http://www.example.gov.cn/a.html")
    assert challenge_vendor(reply.status, Headers(reply.headers), reply.body) == vendor


@pytest.mark.parametrize("status, headers, body", [
    (200, {}, b"<html><script>document.cookie='font=big';</script><p>" + "正文".encode() * 9000),
    (403, {}, b"<html><body><h1>403 Forbidden</h1></body></html>"),
    (503, {"Retry-After": "5"}, b"<html><body>busy</body></html>"),
    (200, {"Set-Cookie": "acw_tc=abc; path=/"}, b"<html><body><p>an article</p></body></html>"),
    (200, {}, b"<p>\xe5\x85\xb3\xe4\xba\x8e __jsluid \xe7\x9a\x84\xe8\xaf\xb4\xe6\x98\x8e</p>"),
])
def test_ordinary_pages_are_not_challenges(status, headers, body):
    assert challenge_vendor(status, Headers(headers), body) is None
