"""A second TRS site (fgw.nantong.gov.cn), crawled with only a start URL.

Its 政策文件 landing page holds nothing but two sub-column links: no TRS marker at all,
so the family must be found on the pages it leads to (the spider asks again).
"""

from __future__ import annotations

import pytest

from tests.helpers import crawl_replica, run_crawl
from tests.replica.district import body_is_published_text
from tests.replica.hosts.nantong import HOST, ROOT, NantongSite

SITE = NantongSite()
# A column page that is its own document is addressed as its folder (index.html folded).
EXPECTED = {entry["url"].removesuffix("index.html"): entry for entry in SITE.expected()}


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    return crawl_replica(tmp_path_factory, "nantong", f"http://{HOST}{ROOT}")


def test_every_document_comes_out_once_from_the_root(crawl):
    result, requests = crawl
    assert sorted(item["url"] for item in result.items) == sorted(EXPECTED)
    assert len(EXPECTED) == 26
    assert result.summary["family"] == "trs"
    assert not [entry["path"] for entry in requests if entry["path"].startswith(("/xwzx/", "/was5/"))]


@pytest.mark.parametrize("url", sorted(EXPECTED))
def test_fields_match_what_the_site_published(crawl, url):
    item = next(item for item in crawl[0].items if item["url"] == url)
    expected = EXPECTED[url]
    assert item["title"] == expected["title"]
    assert item["published_at"][:10] == f"{expected['published']:%Y-%m-%d}"
    assert body_is_published_text(item["body"], expected["paragraphs"]), item["body"]
    assert [a["url"] for a in item["attachments"]] == expected["attachments"]


def test_a_landing_page_without_markers_finds_its_family_on_the_next_pages(tmp_path, replica):
    result = run_crawl(replica, tmp_path, "-a", f"start_url=http://{HOST}/xxgk/zcwj/")
    assert result.returncode == 0, result.log[-3000:]
    assert {item["url"] for item in result.items} == {
        entry["url"].removesuffix("index.html") for entry in SITE.expected(("fgwwj", "zfwj"))}
    assert result.summary["family"] == "trs"
    assert "the start page showed none" in result.log
