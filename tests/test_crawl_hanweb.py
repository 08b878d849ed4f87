"""End to end: `scrapy crawl disclosure` on the Hanweb replica, the family found by detection."""

from urllib.parse import urlencode

import pytest

from tests.helpers import run_crawl
from tests.replica.hosts.hanweb import (
    BY_CID,
    HOST,
    PROXY,
    HanwebSite,
    attachment_href,
    doc_path,
)
from tests.replica.server import ReplicaServer

BASE = f"http://{HOST}"
SITE = HanwebSite()
CORPUS = SITE.corpus
EXPECTED = {BASE + doc_path(d): d for d in CORPUS.docs}
HACKED = {BASE + doc_path(CORPUS.by_id[i]): kind for i, kind in CORPUS.traps.hacked.items()}
START = f"start_url={BASE}/col/col1/index.html"


def form(cid):
    return urlencode(HanwebSite.ajax_param(BY_CID[cid]))


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    """One crawl of the section root with no other argument, and what the replica saw."""
    server = ReplicaServer().start()
    try:
        result = run_crawl(server, tmp_path_factory.mktemp("hanweb"), "-a", START)
    finally:
        server.stop()
    assert result.returncode == 0, result.log[-3000:]
    return result, server.requests, server.sites[HOST]


def test_the_family_is_detected(crawl):
    result, _, _ = crawl
    assert result.summary["family"] == "hanweb"
    assert "Platform family hanweb detected at http://hanweb.replica.gov.cn/col/col1/index.html" \
        in result.log


def test_every_document_exactly_once(crawl):
    result, _, _ = crawl
    urls = [item["url"] for item in result.items]
    assert len(urls) == len(set(urls)) == 90
    assert set(urls) == set(EXPECTED)


def test_titles_dates_and_columns_are_exact(crawl):
    result, _, _ = crawl
    for item in result.items:
        doc = EXPECTED[item["url"]]
        assert (item["title"], item["published_at"], item["source"]) == (
            doc.title, doc.published.isoformat() + "+08:00", doc.source)
    columns = {}
    for item in result.items:
        columns[item["column"]] = columns.get(item["column"], 0) + 1
    assert columns == {"通知公告": 47, "政策文件": 9, "工作动态": 28, "政府信息公开指南": 1,
                       "往年信息": 5}


def test_gbk_column_titles_and_bodies(crawl):
    result, _, _ = crawl
    legacy = {item["url"][len(BASE):]: item for item in result.items if item["column"] == "往年信息"}
    assert {path: item["title"] for path, item in legacy.items()} == {
        "/art/2015/9/19/art_999_10299902.html": "2015年文物保护工作情况汇报",
        "/art/2015/5/31/art_999_10299900.html": "2015年垃圾分类工作情况汇报",
        "/art/2015/5/1/art_999_10299904.html": "2015年人才引进工作情况汇报",
        "/art/2015/3/29/art_999_10299901.html": "2015年一网通办工作情况汇报",
        "/art/2015/3/27/art_999_10299903.html": "2015年耕地保护工作情况汇报",
    }
    for path, item in legacy.items():
        assert item["body"] == "\n".join(EXPECTED[BASE + path].paragraphs)
        assert item["spam"]["mojibake"] == []


def test_policy_attachments(crawl):
    result, _, _ = crawl
    for item in result.items:
        doc = EXPECTED[item["url"]]
        if item["column"] != "政策文件":
            assert item["attachments"] == []
            continue
        if doc.doc_id == CORPUS.traps.pdfurl:
            [att] = doc.attachments
            expected = [{"url": f"{BASE}/module/download/downfile.jsp?filename={att.file_id}.pdf"
                                f"&classid=0", "name": f"{att.file_id}.pdf", "ext": "pdf",
                         "filename": f"{att.file_id}.pdf"}]
        else:
            # every replica attachment name is already a safe file name ending in its .ext
            expected = [{"url": BASE + attachment_href(att, n == 1),
                         "name": att.name, "ext": att.ext, "filename": att.name}
                        for n, att in enumerate(doc.attachments)]
        assert item["attachments"] == expected
    counts = sorted(len(i["attachments"]) for i in result.items if i["column"] == "政策文件")
    assert counts == [0, 0, 0, 1, 1, 1, 2, 2, 2]


def test_what_was_requested(crawl):
    _, requests, _ = crawl
    urls = [r["url"] for r in requests]
    assert len(urls) == len(set(urls)) == 101  # every address once
    assert {r["host"] for r in requests} == {HOST}
    pages = [u for u in urls if "/art/" not in u]
    assert sorted(pages) == sorted([
        BASE + "/robots.txt", BASE + "/col/col1/index.html",
        *(f"{BASE}/col/col{cid}/index.html" for cid in (11, 12, 13, 15, 999)),
        f"{BASE}{PROXY}?startrecord=46&endrecord=90&perpage=15",
        f"{BASE}{PROXY}?startrecord=10&endrecord=18&perpage=3",
        f"{BASE}{PROXY}?startrecord=19&endrecord=27&perpage=3",
        f"{BASE}{PROXY}?startrecord=28&endrecord=36&perpage=3",
    ])
    articles = {u for u in urls if "/art/" in u}
    assert articles == {u for u, d in EXPECTED.items() if d.column != "15"} | {
        BASE + CORPUS.traps.dead_path}
    assert [u for u in urls if "uid=" in u or "pageNum" in u or "print" in u or "search" in u
            or "/jact/" in u or "visit" in u or "downfile" in u or "/attach/" in u] == []
    assert {r["method"] for r in requests if PROXY in r["url"]} == {"POST"}
    assert {r["method"] for r in requests if PROXY not in r["url"]} == {"GET"}


def test_the_list_api_got_the_browsers_form(crawl):
    _, _, site = crawl
    assert sorted(site.proxy_calls) == [
        ("POST", "startrecord=10&endrecord=18&perpage=3", form(13)),
        ("POST", "startrecord=19&endrecord=27&perpage=3", form(13)),
        ("POST", "startrecord=28&endrecord=36&perpage=3", form(13)),
        ("POST", "startrecord=46&endrecord=90&perpage=15", form(11)),
    ]


def test_the_list_api_calls_carry_the_browsers_headers(crawl):
    _, requests, _ = crawl
    calls = [r for r in requests if PROXY in r["url"]]
    assert calls and {r["headers"]["X-Requested-With"] for r in calls} == {"XMLHttpRequest"}
    assert {r["headers"]["Referer"] for r in calls} == {
        f"http://{HOST}/col/col11/index.html", f"http://{HOST}/col/col13/index.html"}
    assert sorted(r["body"] for r in calls) == sorted([form(13)] * 3 + [form(11)])


def test_summary_counts(crawl):
    result, requests, _ = crawl
    summary = result.summary
    assert summary["finish_reason"] == "finished"
    assert (summary["items"]["written"], summary["items"]["dropped"]) == (90, 0)
    assert summary["pages"]["by_kind"] == {"document": 90, "list": 8, "section": 1}
    assert summary["pages"]["responses"] == len(requests) == 101
    assert summary["skipped"] == {"robots_txt": 1, "boundary_repeat": 4, "offsite": 1,
                                  "search": 1}
    assert summary["errors"]["by_kind"] == {"http_404": 1}
    assert summary["errors"]["failures"] == [{
        "url": BASE + CORPUS.traps.dead_path, "kind": "http_404",
        "referer": BASE + "/col/col11/index.html"}]
    assert summary["retries"] == 0
    assert summary["dedup"]["addresses"] == {"print_view": 84}


def test_hacked_pages_are_clean_and_reported(crawl):
    result, _, _ = crawl
    spam = result.summary["spam"]
    assert {page["url"]: page["kinds"] for page in spam["contaminated_pages"]} == {
        url: {"junk_and_keywords": ["junk_tags", "keyword_line"],
              "hidden_farm_in_content": ["hidden_links"],
              "content_spam": ["hidden_text", "keyword_line"]}[kind]
        for url, kind in HACKED.items()}
    assert spam["removed_by_kind"] == {"hidden_links": 1, "hidden_text": 1, "junk_tags": 1,
                                       "keyword_line": 2}
    items = {item["url"]: item for item in result.items}
    for url in HACKED:
        assert items[url]["body"] == "\n".join(EXPECTED[url].paragraphs)
        assert items[url]["spam"]["contaminated"] is True
    assert all(item["spam"] == {"contaminated": False, "kinds": [], "removed": [], "mojibake": []}
               for url, item in items.items() if url not in HACKED)


def test_print_views_are_addresses_of_their_articles(crawl):
    result, _, _ = crawl
    duplicates = {record["url"]: record for record in result.duplicates}
    modern = [url for url, doc in EXPECTED.items() if doc.column in ("11", "12", "13")]
    assert len(modern) == 84
    for url in modern:
        assert duplicates[url + "?print=1"] == {"url": url + "?print=1", "duplicate_of": url,
                                                "duplicate_reason": "print_view"}


def test_start_from_a_column_variant_crawls_that_column(replica, tmp_path):
    result = run_crawl(replica, tmp_path, "-a", f"start_url={BASE}/col/col13/index.html?uid=5013&pageNum=1")
    assert result.returncode == 0, result.log[-3000:]
    assert result.summary["family"] == "hanweb"
    assert sorted(item["column"] for item in result.items) == ["工作动态"] * 28
    assert result.summary["skipped"] == {"robots_txt": 0, "boundary_repeat": 3}
    assert [r["url"] for r in replica.requests if "/art/" not in r["url"]] == [
        BASE + "/robots.txt", BASE + "/col/col13/index.html?uid=5013&pageNum=1",
        f"{BASE}{PROXY}?startrecord=10&endrecord=18&perpage=3",
        f"{BASE}{PROXY}?startrecord=19&endrecord=27&perpage=3",
        f"{BASE}{PROXY}?startrecord=28&endrecord=36&perpage=3"]
