"""A real crawl of hostile.replica.gov.cn: every hostile input gets its outcome, the crawl goes on."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import pytest

from crawler.extensions.monitor import CHECKS_FAILED_EXIT_CODE
from crawler.navigation import STALE_LIST_LIMIT
from tests.helpers import run_crawl
from tests.replica.hosts import hostile
from tests.replica.hosts.hostile import DOCS, ENTRIES, HOST, SPAM_TARGET, HostileSite
from tests.replica.server import ReplicaServer

START = f"http://{HOST}{hostile.ROOT}"
BASE = f"http://{HOST}{DOCS}"
SETTINGS = ("-s", "RETRY_BACKOFF_BASE=0.2", "-s", f"DOWNLOAD_TIMEOUT={hostile.SLOW_SECONDS / 2}")


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    server = ReplicaServer().start()
    try:
        result = run_crawl(server, tmp_path_factory.mktemp("hostile"), "-a", f"start_url={START}",
                           *SETTINGS, timeout=240)
    finally:
        server.stop()
    assert result.returncode == CHECKS_FAILED_EXIT_CODE, result.log[-3000:]
    return result, server.requests


def test_the_run_is_judged_failed_for_its_errors_and_missing_dates(crawl):
    """Permanent 500s, a 404, challenges, a loop: a site this broken must alarm a nightly user."""
    summary = crawl[0].summary
    assert summary["status"] == "failed"
    assert summary["failed_checks"] == ["field_coverage", "error_rate"]
    checks = summary["checks"]
    assert checks["field_coverage"]["value"] == {"title": 1.0, "published_at": 0.9524, "body": 1.0}
    assert (checks["error_rate"]["failed"], checks["error_rate"]["requests"],
            checks["error_rate"]["dead_links"]) == (9, 65, 1)
    assert checks["contaminated"]["passed"] and checks["item_count"]["passed"]


def fetches(requests, path_part: str) -> list[dict]:
    return [r for r in requests if r["host"] == HOST and path_part in r["path"]]


def test_every_real_document_arrives_whole_whatever_its_server_did(crawl):
    result, _ = crawl
    items = {item["url"]: item for item in result.items}
    expected = HostileSite().expected_documents()
    assert sorted(items) == sorted(expected)
    for url, doc in expected.items():
        item = items[url]
        assert item["title"] == doc.title, url
        paragraphs = doc.paragraphs[:2] if url.endswith("/truncated.html") else doc.paragraphs
        for paragraph in paragraphs:
            assert paragraph in item["body"], (url, paragraph)


def test_a_page_cut_off_mid_paragraph_keeps_what_arrived(crawl):
    result, _ = crawl
    item = next(i for i in result.items if i["url"] == f"{BASE}/truncated.html")
    third = HostileSite().docs["truncated"].paragraphs[2]
    assert item["body"].endswith(third.encode("utf-8")[:12].decode("utf-8", "ignore"))


def test_lying_and_missing_charsets_are_decoded_and_counted(crawl):
    result, _ = crawl
    titles = {i["url"].rsplit("/", 1)[1]: i["title"] for i in result.items}
    assert titles["gbk-declared-utf8.html"] == "关于做好汛期安全防范工作的通知"
    assert titles["utf8-declared-gbk.html"] == "关于开展食品安全专项检查的通知"
    assert titles["gbk-undeclared.html"] == "关于公布第二批历史建筑名录的通知"
    assert titles["gb2312-superset.html"] == "关于表彰优秀志愿者喆珺等同志的决定"
    decoding = result.summary["pages"]["decoding"]
    assert decoding["charset_mismatch"] == 2
    assert "\ufffd" not in "".join(i["body"] for i in result.items)


def test_each_failure_is_listed_with_its_url_and_reason(crawl):
    result, _ = crawl
    failures = {f["url"]: f for f in result.summary["errors"]["failures"]}
    expected = {f"{BASE}/{e.slug}.html": e.outcome.split(":", 1)[1]
                for e in ENTRIES if e.outcome.startswith(("failure:", "blocked:"))}
    expected = {url: (f"blocked_{kind}" if url.split("/")[-1].removesuffix(".html") in
                      hostile.CHALLENGED else kind) for url, kind in expected.items()}
    assert {url: f["kind"] for url, f in failures.items()} == expected
    assert result.summary["errors"]["by_kind"] == dict(Counter(expected.values()))
    assert SPAM_TARGET in failures[f"{BASE}/moved-offsite.html"]["note"]
    assert "DOWNLOAD_MAXSIZE" in failures[f"{BASE}/bomb.html"]["note"]
    assert "larger than download max size" in failures[f"{BASE}/huge.html"]["note"]
    loop = failures[f"{BASE}/loop-a.html"]["note"]
    assert loop == f"redirect loop: {BASE}/loop-a.html → {BASE}/loop-b.html → {BASE}/loop-a.html"
    assert failures[f"{BASE}/endless-redirect.html"]["note"].endswith(
        "?n=10; max redirections reached")


def test_challenge_pages_are_blocked_never_parsed(crawl):
    result, requests = crawl
    assert result.summary["pages"]["blocked"] == {"aliyun": 1, "jiasule": 1, "rivers": 1}
    for vendor in hostile.CHALLENGED:
        assert len(fetches(requests, f"/{vendor}.html")) == 1
    titles = {i["title"] for i in result.items}
    assert not titles & {e.title for e in ENTRIES if e.outcome.startswith("blocked:")}


def test_binary_and_empty_bodies_at_html_urls_are_counted_not_parsed(crawl):
    result, _ = crawl
    kinds = result.summary["pages"]["by_kind"]
    assert (kinds["binary"], kinds["empty"]) == (1, 1)
    assert not [i for i in result.items if i["url"].endswith(("/binary.html", "/empty.html"))]


def test_a_hacked_meta_refresh_is_removed_and_reported_and_never_followed(crawl):
    result, requests = crawl
    item = next(i for i in result.items if i["url"] == f"{BASE}/hacked-refresh.html")
    assert item["spam"]["kinds"] == ["script_redirect"]
    removed = item["spam"]["removed"]
    assert [r["where"] for r in removed] == ["meta refresh (to www.bet365-casino.example.com)"]
    assert SPAM_TARGET in removed[0]["text"]
    assert not [r for r in requests if r["host"] != HOST]


def test_a_same_site_meta_refresh_is_followed(crawl):
    result, requests = crawl
    assert [r["status"] for r in fetches(requests, "/refresh-new.html")] == [200]
    assert f"{BASE}/refresh-new.html" in {i["url"] for i in result.items}


def test_retry_after_is_honoured(crawl):
    _, requests = crawl
    busy = fetches(requests, "/busy.html")
    assert [r["status"] for r in busy] == [503, 200]
    assert busy[1]["time"] - busy[0]["time"] >= 1.0


def test_timeouts_and_resets_are_retried(crawl):
    _, requests = crawl
    assert len(fetches(requests, "/slow.html")) == 2
    assert [r["status"] for r in fetches(requests, "/reset.html")] == ["reset", 200]


def test_a_server_that_keeps_failing_is_retried_with_growing_waits(crawl):
    result, requests = crawl
    down = fetches(requests, "/down.html")
    assert [r["status"] for r in down] == [500] * 4  # the request and RETRY_TIMES retries
    gaps = [b["time"] - a["time"] for a, b in pairwise(down)]
    assert gaps[0] >= 0.2 and gaps[1] >= 0.4 and gaps[2] >= 0.8
    # busy and slow once, down three times; the reset once more unless Twisted's connection
    # pool already retried it itself (it does when the reset hit a reused keep-alive connection)
    assert result.summary["retries"] in (5, 6)


def test_pagination_that_never_ends_is_stopped(crawl):
    result, requests = crawl
    pages = {r["path"] for r in fetches(requests, "/zwgk/endless/index")}
    assert len(pages) == hostile.ENDLESS_REAL_PAGES + STALE_LIST_LIMIT
    assert result.summary["skipped"]["stale_pagination"] >= 1


def test_a_calendar_trap_is_stopped(crawl):
    _, requests = crawl
    days = {r["query"] for r in fetches(requests, "/zwgk/rili.html")}
    assert 1 < len(days) <= 2 * STALE_LIST_LIMIT + 1


def test_search_and_non_http_links_are_never_requested(crawl):
    result, requests = crawl
    assert not fetches(requests, "search")
    assert not [r for r in requests if r["path"].startswith(("javascript", "data", "mailto"))]
    assert result.summary["skipped"]["search"] >= 1


def test_page_scripts_are_never_run(crawl):
    _, requests = crawl
    assert fetches(requests, hostile.BEACON) == []
