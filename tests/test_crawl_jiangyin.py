"""A second Hanweb site (www.jiangyin.gov.cn), crawled with only a start URL.

Its root has a 最新信息 datastore beside a column tree in a container of its own naming,
and a header menu linking columns outside the section; one column's list comes only from
dataproxy (an empty datastore); a metadata table carries another class. The family must
read it all from the platform's conventions (crawler/families/hanweb.py).
"""

from __future__ import annotations

import pytest

from tests.helpers import crawl_replica, run_crawl
from tests.replica.district import body_is_published_text
from tests.replica.hosts.jiangyin import HOST, ROOT, JiangyinSite

SITE = JiangyinSite(root_store=True)
EXPECTED = {entry["url"]: entry for entry in SITE.expected()}


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    return crawl_replica(tmp_path_factory, "jiangyin", f"http://{HOST}{ROOT}")


def test_every_section_document_comes_out_once_and_nothing_from_the_header_menu(crawl):
    result, requests = crawl
    assert sorted(item["url"] for item in result.items) == sorted(EXPECTED)
    assert len(EXPECTED) == 32
    assert result.summary["family"] == "hanweb"
    assert not [entry["path"] for entry in requests if "/col/col5001/" in entry["path"]
                or "art_5001_" in entry["path"]]


@pytest.mark.parametrize("url", sorted(EXPECTED))
def test_fields_match_what_the_site_published(crawl, url):
    item = next(item for item in crawl[0].items if item["url"] == url)
    expected = EXPECTED[url]
    assert item["title"] == expected["title"]
    assert item["published_at"][:10] == f"{expected['published']:%Y-%m-%d}"
    assert body_is_published_text(item["body"], expected["paragraphs"]), item["body"]
    assert item["source"] == expected["source"]
    assert [a["url"] for a in item["attachments"]] == expected["attachments"]
    for field in ("publisher", "index_no", "doc_no", "category"):
        assert item[field] == expected.get(field)


@pytest.mark.parametrize(("column", "count"), [(6012, 7), (6013, 5)])
def test_a_column_start_url_crawls_that_column(tmp_path, replica, column, count):
    result = run_crawl(replica, tmp_path, "-a", f"start_url=http://{HOST}/col/col{column}/index.html")
    assert result.returncode == 0, result.log[-3000:]
    column_urls = {entry["url"] for entry in SITE.expected(column)}
    assert {item["url"] for item in result.items} == column_urls
    assert len(column_urls) == count
