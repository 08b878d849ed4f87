"""Rendering end to end: crawls of rendered.replica.gov.cn with a real Splash and without one.

The replica's 政策解读 lists exist only after their script runs, and its personnel
sub-site sits behind a 加速乐 521 challenge (tests/replica/hosts/rendered.py).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.helpers import run_crawl
from tests.replica.faults import Fault
from tests.replica.hosts import rendered
from tests.replica.server import ReplicaServer

PROFILES = {"ZWGK_PROFILES": str(Path(__file__).parent / "replica" / "profiles")}
SITE = rendered.RenderedSite()
ZCJD = rendered.BY_CODE["zcjd"]
RSXX = rendered.BY_CODE["rsxx"]
GUARDED_ROBOTS = f"http://{rendered.GUARDED_HOST}/robots.txt"


def titles(code: str) -> set[str]:
    return {d.title for d in SITE.column_docs(code)}


def crawl(tmp_path, *args, faults=(), clearance_uses=None):
    server = ReplicaServer(faults=faults)
    server.sites[rendered.GUARDED_HOST].clearance_uses = clearance_uses
    server.start()
    try:
        result = run_crawl(server, tmp_path, "-a", "site=rendered", *args, env=PROFILES)
    finally:
        server.stop()
    return result, server.requests


@pytest.fixture(scope="module")
def with_splash(splash_server, tmp_path_factory):
    result, requests = crawl(tmp_path_factory.mktemp("rendered"), "-s",
                             f"SPLASH_URL={splash_server}")
    assert result.returncode == 0, result.log[-3000:]
    return result, requests


@pytest.fixture(scope="module")
def without_splash(tmp_path_factory):
    result, requests = crawl(tmp_path_factory.mktemp("plain"))
    assert result.summary["finish_reason"] == "finished", result.log[-3000:]
    return result, requests


def test_every_article_of_the_script_built_column_and_behind_the_challenge(with_splash):
    result, _ = with_splash
    by_column = Counter(item["column"] for item in result.items)
    assert by_column == Counter(rendered.EXPECTED) == Counter(
        {"通知公告": 12, "政策解读": 15, "人事信息": 8})
    got = {item["title"] for item in result.items}
    assert got == titles("tzgg") | titles("zcjd") | titles("rsxx")
    assert {i["url"] for i in result.items if i["column"] == "人事信息"} == {
        rendered.doc_url(d) for d in SITE.column_docs("rsxx")}
    assert result.summary["errors"] == {"total": 0, "by_kind": {}, "failures": []}


def test_only_the_marked_lists_are_rendered_and_the_host_is_cleared_once(with_splash):
    result, requests = with_splash
    rendering = result.summary["rendering"]
    assert {k: rendering[k] for k in ("renderer", "pages_rendered", "challenges_passed",
                                      "challenges_failed", "skipped")} == {
        "renderer": "splash", "pages_rendered": 3, "challenges_passed": {"jiasule": 1},
        "challenges_failed": {}, "skipped": []}
    assert 0 < rendering["render_seconds"] < 30
    zcjd_lists = Counter(r["url"] for r in requests if r["path"].startswith("/zwgk/zcjd/")
                         and "/20" not in r["path"])
    # Only Splash fetched them, through the replica proxy it was given, once each.
    assert zcjd_lists == {rendered.list_url(ZCJD, n): 1 for n in (1, 2, 3)}
    guarded = [(r["path"], r["status"]) for r in requests if r["host"] == rendered.GUARDED_HOST]
    # The crawler's robots.txt is challenged, Splash passes it (521, then 200 after its
    # script set the cookie), the crawler retries with the cookie; nothing else is challenged.
    assert guarded[:4] == [("/robots.txt", 521), ("/robots.txt", 521), ("/robots.txt", 200),
                           ("/robots.txt", 200)]
    assert Counter(status for _, status in guarded[4:]) == {200: 1 + 8}


def test_without_splash_the_crawl_finishes_and_names_what_it_skipped(without_splash):
    result, requests = without_splash
    assert {item["title"] for item in result.items} == titles("tzgg")
    rendering = result.summary["rendering"]
    assert rendering["renderer"] is None
    assert rendering["skipped"] == [
        {"url": rendered.list_url(ZCJD), "reason": "page"},
        {"url": GUARDED_ROBOTS, "reason": "challenge"},
        {"url": rendered.list_url(RSXX), "reason": "challenge"},
    ]
    assert result.summary["errors"]["failures"] == [{
        "url": rendered.list_url(RSXX), "kind": "blocked_jiasule",
        "referer": rendered.ROOT_URL,
        "note": f"blocked by a jiasule JavaScript challenge: {rendered.list_url(RSXX)}; "
                "needs rendering, skipped (no SPLASH_URL set)"}]
    assert "3 page(s) needed rendering and were skipped (no SPLASH_URL set)" in result.log
    assert not [r for r in requests if r["path"].startswith("/zwgk/zcjd/")]


def test_without_splash_nothing_else_is_lost(with_splash, without_splash):
    plain = {item["url"]: item for item in without_splash[0].items}
    full = {item["url"]: item for item in with_splash[0].items}
    assert len(plain) == 12
    for url, item in plain.items():
        assert {k: item[k] for k in ("title", "body", "published_at", "column")} == {
            k: full[url][k] for k in ("title", "body", "published_at", "column")}


def test_challenges_a_browser_cannot_pass_are_reported_blocked(splash_server, tmp_path):
    """An always-on 加速乐 (the page reloads into the challenge again) and a 瑞数 412."""
    first, second = (rendered.doc_path(d) for d in SITE.column_docs("tzgg")[:2])
    faults = (Fault("challenge", match=f"{first}$", vendor="jiasule", times=None),
              Fault("challenge", match=f"{second}$", vendor="rivers", times=None))
    result, requests = crawl(tmp_path, "-s", f"SPLASH_URL={splash_server}", faults=faults)
    assert result.summary["finish_reason"] == "finished", result.log[-3000:]
    failures = {f["url"]: f for f in result.summary["errors"]["failures"]}
    base = f"http://{rendered.HOST}"
    assert {url: f["kind"] for url, f in failures.items()} == {
        base + first: "blocked_jiasule", base + second: "blocked_rivers"}
    assert failures[base + first]["note"].endswith(
        "rendering did not pass it: the page still answered HTTP 521 with the challenge "
        "after its script ran")
    assert failures[base + second]["note"] == f"blocked by a rivers JavaScript challenge: {base + second}"
    assert result.summary["rendering"]["challenges_failed"] == {"jiasule": 1}
    assert result.summary["rendering"]["challenges_passed"] == {"jiasule": 1}
    assert len([r for r in requests if r["path"] == second]) == 1  # never sent to Splash
    assert len(result.items) == 35 - 2


def guarded_statuses(requests):
    return Counter(r["status"] for r in requests if r["host"] == rendered.GUARDED_HOST)


def test_a_refused_clearance_is_renewed_and_every_document_arrives(splash_server, tmp_path):
    """The gate refuses a clearance after 7 requests: Splash's reload, robots.txt, the list
    and four articles use the first; the other four articles are refused and renew it."""
    result, requests = crawl(tmp_path, "-s", f"SPLASH_URL={splash_server}", clearance_uses=7)
    assert result.summary["finish_reason"] == "finished", result.log[-3000:]
    assert Counter(item["column"] for item in result.items) == Counter(rendered.EXPECTED)
    assert {i["url"] for i in result.items if i["column"] == "人事信息"} == {
        rendered.doc_url(d) for d in SITE.column_docs("rsxx")}
    assert result.summary["errors"] == {"total": 0, "by_kind": {}, "failures": []}
    rendering = result.summary["rendering"]
    assert {k: rendering[k] for k in ("challenges_passed", "challenges_renewed",
                                      "challenges_failed")} == {
        "challenges_passed": {"jiasule": 2}, "challenges_renewed": {"jiasule": 1},
        "challenges_failed": {}}
    # Two Splash reloads, robots.txt, the list and each article once.
    assert guarded_statuses(requests)[200] == 2 + 1 + 1 + 8
    assert result.log.count("the host refused its clearance (renewal 1 of at most 2)") == 1


def test_renewals_are_bounded_then_the_rest_is_blocked(splash_server, tmp_path):
    """One renewal allowed, four requests per clearance: Splash's reload, robots.txt, the
    list and one article, then Splash's and three articles; the last four are blocked."""
    result, requests = crawl(tmp_path, "-s", f"SPLASH_URL={splash_server}", "-s",
                             "RENDER_CHALLENGE_RETRIES=1", clearance_uses=4)
    assert result.summary["finish_reason"] == "finished", result.log[-3000:]
    assert len(result.items) == 35 - 4
    failures = result.summary["errors"]["failures"]
    assert [f["kind"] for f in failures] == ["blocked_jiasule"] * 4
    assert {f["note"].split("; ", 1)[1] for f in failures} == {
        "challenged again after 1 renewal(s) of the host's clearance (RENDER_CHALLENGE_RETRIES)"}
    rendering = result.summary["rendering"]
    assert (rendering["challenges_passed"], rendering["challenges_renewed"]) == (
        {"jiasule": 2}, {"jiasule": 1})
    assert guarded_statuses(requests)[200] == 2 + 1 + 1 + 4


def test_a_challenged_robots_txt_is_one_warning_without_a_traceback(without_splash):
    result, _ = without_splash
    assert "Traceback" not in result.log
    assert result.log.count(
        f"robots.txt of {rendered.GUARDED_HOST} is behind a 加速乐 challenge; "
        "needs rendering, skipped (no SPLASH_URL set)") == 1
    assert f"Blocked: {GUARDED_ROBOTS}" not in result.log
