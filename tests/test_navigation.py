"""The pagination guard and meta refreshes: navigation decisions on hostile sites."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from crawler.families.base import DOCUMENT, PAGE, Link
from crawler.htmltree import meta_refreshes, parse_html
from crawler.navigation import STALE_LIST_LIMIT, PaginationGuard
from tests.helpers import extract


def page(stale_run: int = 0):
    return SimpleNamespace(url="http://x.gov.cn/list.html", meta={"stale_run": stale_run})


def links(*documents: str, pages: tuple[str, ...] = ("http://x.gov.cn/list_2.html",)) -> list[Link]:
    return [Link(u, DOCUMENT) for u in documents] + [Link(u, PAGE) for u in pages]


def test_a_list_with_new_documents_resets_the_stale_run():
    guard = PaginationGuard()
    out = guard.guard(page(stale_run=4), links("http://x.gov.cn/a.html"))
    assert [(link.kind, link.stale_run) for link in out] == [(DOCUMENT, 0), (PAGE, 0)]


def test_a_list_repeating_another_one_carries_the_run_on():
    guard = PaginationGuard()
    guard.guard(page(), links("http://x.gov.cn/a.html", "http://x.gov.cn/b.html"))
    out = guard.guard(page(stale_run=1), links("http://x.gov.cn/b.html", "http://x.gov.cn/a.html#x"))
    assert [link.stale_run for link in out if link.kind == PAGE] == [2]


def test_after_the_limit_only_documents_are_followed():
    guard = PaginationGuard()
    stats = MemoryStatsCollector(get_crawler())
    out = guard.guard(page(stale_run=STALE_LIST_LIMIT - 1), links(pages=("p1", "p2")), stats)
    assert out == []
    assert stats.get_value("nav/skipped/stale_pagination") == 2


@pytest.mark.parametrize("content, expected", [
    ("0;url=http://spam.example.com/", "http://spam.example.com/"),
    ("5; URL='/moved.html'", "http://x.gov.cn/moved.html"),
    ("0, url='new.html'", "http://x.gov.cn/a/new.html"),
    ("3", None),
    ("", None),
])
def test_meta_refresh_targets(content, expected):
    html = f'<html><head><meta http-equiv="Refresh" content="{content}"></head><body>x</body></html>'
    found = [target for _, target in meta_refreshes(parse_html(html), "http://x.gov.cn/a/b.html")]
    assert found == ([expected] if expected else [])


ARTICLE = """<html><head><meta charset="utf-8">{refresh}<title>关于做好防汛工作的通知</title></head>
<body><div class="article"><h1>关于做好防汛工作的通知</h1>
<div class="article-body"><p>各镇人民政府、各街道办事处：为切实做好今年防汛工作，现将有关事项通知如下。</p>
<p>一、提高思想认识，压实防汛责任，确保安全度汛。请各单位认真组织实施。</p></div></div></body></html>"""


def test_an_off_site_refresh_is_removed_as_an_injected_redirect():
    refresh = '<meta http-equiv="refresh" content="2;url=http://www.casino-spam.example/">'
    item = extract("http://www.x.gov.cn/a.html", ARTICLE.format(refresh=refresh).encode())
    assert item["spam"]["kinds"] == ["script_redirect"]
    assert item["spam"]["removed"][0]["where"] == "meta refresh (to www.casino-spam.example)"
    assert "为切实做好今年防汛工作" in item["body"]


@pytest.mark.parametrize("target", ["/m/a.html", "http://m.x.gov.cn/a.html", "http://www.gov.cn/"])
def test_same_site_and_government_refreshes_are_left_alone(target):
    refresh = f'<meta http-equiv="refresh" content="0;url={target}">'
    item = extract("http://www.x.gov.cn/a.html", ARTICLE.format(refresh=refresh).encode())
    assert item["spam"]["kinds"] == []
