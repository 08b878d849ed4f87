from types import SimpleNamespace

from scrapy import Request
from scrapy.utils.test import get_crawler

from crawler.dupefilter import DiskDupeFilter
from crawler.urls import UrlPolicy


def dupefilter(tmp_path=None):
    crawler = get_crawler()
    crawler.spider = SimpleNamespace(urls=UrlPolicy.for_start_url("http://www.szwz.gov.cn/"))
    return DiskDupeFilter(crawler, str(tmp_path) if tmp_path else None)


def test_addresses_of_one_page_are_seen_once():
    seen = dupefilter()
    first = "http://www.szwz.gov.cn/szwz/xxgk/index.shtml"
    assert seen.request_seen(Request(first)) is False
    for variant in ("http://www.szwz.gov.cn/szwz/xxgk/", "https://szwz.gov.cn/szwz/xxgk/index.shtml",
                    first + "?uid=7", first + "#top"):
        assert seen.request_seen(Request(variant)) is True, variant
    assert seen.request_seen(Request("http://www.szwz.gov.cn/szwz/xxgk/list.shtml")) is False
    seen.close("finished")


def test_posts_with_different_bodies_are_different_requests():
    seen = dupefilter()
    url = "http://www.szwz.gov.cn/appsearch/wzapi/list/"
    assert seen.request_seen(Request(url, method="POST", body=b"page=1")) is False
    assert seen.request_seen(Request(url, method="POST", body=b"page=2")) is False
    assert seen.request_seen(Request(url, method="POST", body=b"page=1")) is True


def test_seen_set_persists_in_jobdir(tmp_path):
    seen = dupefilter(tmp_path)
    seen.request_seen(Request("http://www.szwz.gov.cn/a.shtml"))
    seen.close("shutdown")
    assert dupefilter(tmp_path).request_seen(Request("http://www.szwz.gov.cn/a.shtml")) is True
