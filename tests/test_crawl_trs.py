"""End to end: `scrapy crawl disclosure` from the TRS replica's section root, family detected."""

import pytest

from tests.helpers import run_crawl
from tests.replica.hosts.trs import (
    COLUMN_BY_CODE,
    COLUMNS,
    DEAD,
    HOST,
    ROOT,
    SLOW_SECONDS,
    TrsSite,
    doc_path,
    expected_body,
)
from tests.replica.server import ReplicaServer

SITE = TrsSite()
CORPUS = SITE.corpus
SERVER = f"http://{HOST}"
EXPECTED = {SERVER + doc_path(d): d for d in CORPUS.docs}
HACKED = {SERVER + doc_path(CORPUS.by_id[i]): kind for i, kind in CORPUS.traps.hacked.items()}
LIST_PAGES = [  # as first linked: the root's nav, then each column's pager
    "/xxgk/tzgg/", "/xxgk/tzgg/index_1.html", "/xxgk/tzgg/index_2.html",
    "/xxgk/zcwj/index.html", "/xxgk/zcwj/index_1.html", "/xxgk/zcwj/index_2.html",
    "/xxgk/gzdt/", "/xxgk/gzdt/index_1.html", "/xxgk/gzdt/index_2.html", "/xxgk/gzdt/index_3.html",
    "/xxgk/ghxx/index.html", "/xxgk/ghxx/index_1.html", "/xxgk/ghxx/index_2.html",
    "/xxgk/ndbg/",
]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    """One real crawl started at the section root, with no other argument."""
    server = ReplicaServer().start()
    try:
        result = run_crawl(server, tmp_path_factory.mktemp("trs"), "-a", f"start_url={SERVER}{ROOT}")
    finally:
        server.stop()
    assert result.returncode == 0, result.log[-3000:]
    return result, server.requests


def test_every_article_exactly_once(crawl):
    result, _ = crawl
    urls = [item["url"] for item in result.items]
    assert len(urls) == len(set(urls)) == 76
    assert set(urls) == set(EXPECTED)


def test_titles_dates_sources_and_bodies_are_exact(crawl):
    result, _ = crawl
    for item in result.items:
        doc = EXPECTED[item["url"]]
        assert (item["title"], item["published_at"], item["source"]) == (
            doc.title, doc.published.strftime("%Y-%m-%dT%H:%M:00+08:00"), doc.source)
        assert item["body"] == expected_body(doc)
        assert item["column"] == COLUMN_BY_CODE[doc.column].name
        assert (item["doc_no"], item["index_no"]) == (doc.meta.get("doc_no"), doc.meta.get("index_no"))
        assert [a["name"] for a in item["attachments"]] == [a.name for a in doc.attachments]
    columns = {}
    for item in result.items:
        columns[item["column"]] = columns.get(item["column"], 0) + 1
    assert columns == {c.name: c.count for c in COLUMNS}


def test_summary(crawl):
    result, requests = crawl
    summary = result.summary
    assert (summary["family"], summary["site"], summary["finish_reason"]) == ("trs", HOST, "finished")
    assert summary["items"]["written"] == 76
    assert summary["items"]["dropped"] == 0
    assert summary["pages"]["by_kind"] == {"section": 1, "list": 14, "document": 76}
    assert summary["pages"]["responses"] == len(requests) == 1 + 1 + 14 + 76 + 1
    assert summary["skipped"] == {"robots_txt": 1, "search": 1, "offsite": 1}
    assert summary["retries"] == 0


def test_the_dead_link_is_reported_with_the_list_that_links_it(crawl):
    result, _ = crawl
    errors = result.summary["errors"]
    assert errors["by_kind"] == {"http_404": 1}
    assert errors["failures"] == [{"url": SERVER + DEAD[0], "kind": "http_404",
                                   "referer": SERVER + "/xxgk/tzgg/index_1.html"}]


def test_requests_are_exactly_the_pages_the_site_publishes(crawl):
    """No print view, search, robots-disallowed, tracking, https or off-host address was
    requested, no list page beyond its pager's count, and nothing twice."""
    _, requests = crawl
    urls = [r["url"] for r in requests]
    assert len(urls) == len(set(urls))
    assert set(urls) == ({SERVER + "/robots.txt", SERVER + ROOT, SERVER + DEAD[0]}
                         | {SERVER + path for path in LIST_PAGES} | set(EXPECTED))
    assert {(r["method"], r["host"]) for r in requests} == {("GET", HOST)}


def test_no_list_print_or_search_page_became_an_item(crawl):
    result, _ = crawl
    for item in result.items:
        assert "/t" in item["url"] and "?" not in item["url"] and "#" not in item["url"]
        assert item["url"].startswith(SERVER + "/xxgk/")


def test_the_slow_article_was_waited_for(crawl):
    result, requests = crawl
    doc = CORPUS.by_id[CORPUS.traps.slow]
    slow = SERVER + doc_path(doc)
    assert SITE.handle("GET", HOST, doc_path(doc), "", b"").delay == SLOW_SECONDS == 1.0
    assert [r["status"] for r in requests if r["url"] == slow] == [200]
    assert result.summary["duration_seconds"] >= SLOW_SECONDS
    assert slow in {item["url"] for item in result.items}


def test_hacked_articles_come_out_clean_and_are_reported(crawl):
    result, _ = crawl
    spam = result.summary["spam"]
    assert {page["url"]: page["kinds"] for page in spam["contaminated_pages"]} == {
        url: {"junk_and_keywords": ["junk_tags", "keyword_line"],
              "redirect_script": ["script_redirect"],
              "content_keywords": ["hidden_links", "keyword_line"]}[kind]
        for url, kind in HACKED.items()}
    assert spam["contaminated"] == 3
    items = {item["url"]: item for item in result.items}
    for url in HACKED:
        assert items[url]["body"] == expected_body(EXPECTED[url])
        assert items[url]["spam"]["contaminated"] is True
    clean = [item for url, item in items.items() if url not in HACKED]
    assert all(item["spam"] == {"contaminated": False, "kinds": [], "removed": [], "mojibake": []}
               for item in clean)


def test_print_views_and_variants_are_addresses_of_their_article(crawl):
    result, _ = crawl
    items = {item["url"]: item for item in result.items}
    latest = SERVER + doc_path(CORPUS.column_docs("tzgg")[0])
    assert items[latest]["urls"] == [latest, latest + "?print=1"]
    tracked = SERVER + doc_path(CORPUS.column_docs("gzdt")[0])
    assert items[tracked]["urls"] == [tracked, tracked + "?print=1", tracked + "?uid=7f3a2c"]
    https = SERVER + doc_path(CORPUS.column_docs("zcwj")[0])
    assert items[https]["urls"] == [https, https + "?print=1", "https" + https[len("http"):]]
    fragment = SERVER + doc_path(CORPUS.column_docs("ghxx")[0])
    assert items[fragment]["urls"] == [fragment, fragment + "?print=1"]
    reasons = {d["url"]: d["duplicate_reason"] for d in result.duplicates}
    assert reasons[latest + "?print=1"] == "print_view"
    assert reasons[tracked + "?uid=7f3a2c"] == "tracking_parameter"
    assert reasons["https" + https[len("http"):]] == "scheme"
    print_views = {url for url, reason in reasons.items() if reason == "print_view"}
    assert print_views == {url + "?print=1" for url in EXPECTED}


def test_start_from_one_column_crawls_that_column(replica, tmp_path):
    result = run_crawl(replica, tmp_path, "-a", f"start_url={SERVER}/xxgk/gzdt/")
    assert result.returncode == 0, result.log[-3000:]
    assert {item["url"] for item in result.items} == {
        SERVER + doc_path(d) for d in CORPUS.column_docs("gzdt")}
    assert result.summary["family"] == "trs"
    assert result.summary["pages"]["by_kind"]["document"] == 18
    # The start request bypasses the seen-set, so the pager's index.html (the start page
    # under its other name) may be fetched once more; nothing outside the column is.
    assert {r["path"] for r in replica.requests if "/t20" not in r["path"]} - {
        "/xxgk/gzdt/index.html"} == {"/robots.txt", "/xxgk/gzdt/", "/xxgk/gzdt/index_1.html",
                                     "/xxgk/gzdt/index_2.html", "/xxgk/gzdt/index_3.html"}
