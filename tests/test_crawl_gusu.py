"""A second 集约化 district (www.gusu.gov.cn), crawled with only a start URL.

Its templates share nothing with szwz.py's: another nav container, trail, list markup,
pager stem, list API field names, metadata table and attachment block. The crawler must
read it from the platform's conventions alone (crawler/families/jiyuehua.py).
"""

from __future__ import annotations

import json

import pytest

from crawler.families.jiyuehua import Jiyuehua
from tests.helpers import crawl_replica, run_crawl
from tests.replica.hosts.gusu import COL, HOST, ROOT, GusuSite

SITE = GusuSite()
EXPECTED = {entry["url"]: entry for entry in SITE.expected()}


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    return crawl_replica(tmp_path_factory, "gusu", f"http://{HOST}{ROOT}")


def test_every_document_comes_out_once_from_the_root_alone(crawl):
    result, _ = crawl
    urls = [item["url"] for item in result.items]
    assert sorted(urls) == sorted(EXPECTED)
    assert len(urls) == 40
    assert result.summary["family"] == "jiyuehua"
    assert result.summary["errors"]["by_kind"] == {"http_404": 1}


@pytest.mark.parametrize("url", sorted(EXPECTED))
def test_fields_match_what_the_district_published(crawl, url):
    item = next(item for item in crawl[0].items if item["url"] == url)
    expected = EXPECTED[url]
    assert item["title"] == expected["title"]
    assert item["published_at"][:10] == f"{expected['published']:%Y-%m-%d}"
    assert item["body"].split("\n") == expected["paragraphs"]
    assert item["source"] == expected["source"]
    assert item["column"] == expected["column"]
    assert [a["url"] for a in item["attachments"]] == expected["attachments"]
    assert [a["name"] for a in item["attachments"]] == expected["attachment_names"]
    for field in ("publisher", "index_no", "doc_no", "category"):
        assert item[field] == expected.get(field)


def test_the_crawl_stays_on_the_section(crawl):
    _, requests = crawl
    assert {entry["host"] for entry in requests} <= {HOST, "gusu.gov.cn"}
    paths = [entry["path"] for entry in requests]
    assert not [p for p in paths if p.startswith(("/gsq/search/", "/gsq/print/", "/gsq/zjgs/",
                                                  "/gsq/zwfw/", "/gsq/hdjl/", "/gsq/gcbh/"))]


@pytest.mark.parametrize("code", ["gzdt", "tzgg", "zcwj", "rsxx"])
def test_a_column_start_url_crawls_that_column(tmp_path, replica, code):
    result = run_crawl(replica, tmp_path, "-a", f"start_url=http://{HOST}{COL[code].entry}")
    assert result.returncode == 0, result.log[-3000:]
    column = {url for url in EXPECTED if f"/gsq/{code}/" in url}
    assert {item["url"] for item in result.items} == column


def test_started_on_the_bare_name_documents_keep_the_name_the_site_gives(tmp_path, replica):
    result = run_crawl(replica, tmp_path, "-a", f"start_url=http://gusu.gov.cn{ROOT}")
    assert result.returncode == 0, result.log[-3000:]
    assert sorted(item["url"] for item in result.items) == sorted(EXPECTED)
    assert {item["site"] for item in result.items} == {HOST}


def test_list_api_rows_are_read_whatever_the_district_calls_their_fields():
    family = Jiyuehua(None)
    hints = {"api": "info", "path": "/szinf/info/getInfoCommon/", "channel": "c" * 32,
             "size": 2, "page": 1, "column": "通知公告"}
    body = json.dumps({"infolist": [
        {"title": "甲", "url": "/gsq/tzgg/202301/" + "a" * 32 + ".shtml", "addtime": "2023-01-05"},
        {"title": "乙", "link": "/gsq/tzgg/202302/" + "b" * 32 + ".shtml",
         "pubtime": "2023-02-06 09:00:00"},
        {"title": "丙"},
    ], "totalcount": "5"}).encode()
    reading = family.read_api(f"http://{HOST}/szinf/info/getInfoCommon/?currpage=1", body, hints)
    documents = [(link.url, link.hints["date"]) for link in reading.links if link.kind == "document"]
    assert documents == [(f"http://{HOST}/gsq/tzgg/202301/{'a' * 32}.shtml", "2023-01-05"),
                         (f"http://{HOST}/gsq/tzgg/202302/{'b' * 32}.shtml",
                          "2023-02-06 09:00:00")]
    assert reading.skipped == {"api_row_without_link": 1}
    assert [link.hints["page"] for link in reading.links if link.kind == "api"] == [2, 3]


def test_the_platform_is_recognised_on_another_districts_pages():
    root = SITE.root_page()
    shell = SITE.info_shell().body.decode()
    assert Jiyuehua.detect(f"http://{HOST}{ROOT}", root) >= 40
    assert Jiyuehua.detect(f"http://{HOST}{COL['tzgg'].entry}", shell) >= 40
