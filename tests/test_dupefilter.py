from types import SimpleNamespace

from scrapy import Request
from scrapy.utils.test import get_crawler

from crawler.dupefilter import DiskDupeFilter
from crawler.urls import UrlPolicy


def dupefilter(settings=None):
    crawler = get_crawler(settings_dict=settings)
    crawler.spider = SimpleNamespace(urls=UrlPolicy.for_start_url("http://www.szwz.gov.cn/"))
    return DiskDupeFilter.from_crawler(crawler)


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


def test_seen_set_is_never_kept_in_jobdir(tmp_path):
    """A resumed job walks the site again (crawler/jobdir.py): a kept seen-set would refuse it."""
    seen = dupefilter({"JOBDIR": str(tmp_path)})
    seen.request_seen(Request("http://www.szwz.gov.cn/a.shtml"))
    seen.close("shutdown")
    assert list(tmp_path.iterdir()) == []
    assert dupefilter({"JOBDIR": str(tmp_path)}).request_seen(
        Request("http://www.szwz.gov.cn/a.shtml")) is False


def redirected(url: str, *chain: str) -> Request:
    return Request(url, meta={"redirect_urls": list(chain)})


def test_a_redirect_to_another_address_of_the_same_page_is_followed():
    seen = dupefilter()
    start = "http://szwz.gov.cn/szwz/xxgk/"
    assert seen.request_seen(Request(start)) is False
    assert seen.request_seen(redirected("http://www.szwz.gov.cn/szwz/xxgk/index.shtml", start)) \
        is False
    assert seen.request_seen(Request("http://www.szwz.gov.cn/szwz/xxgk/index.shtml")) is True


def test_a_redirect_back_into_its_own_chain_is_reported_as_a_loop():
    seen = dupefilter()
    failures = []
    spider = SimpleNamespace(record_failure=lambda url, kind, note: failures.append((url, kind, note)))
    a, b = "http://www.szwz.gov.cn/a.shtml", "http://www.szwz.gov.cn/b.shtml"
    assert seen.request_seen(Request(a)) is False
    assert seen.request_seen(redirected(b, a)) is False
    looping = redirected(a, a, b)
    assert seen.request_seen(looping) is True
    seen.log(looping, spider)
    assert failures == [(a, "redirect_loop", f"redirect loop: {a} → {b} → {a}")]


def test_a_redirect_to_a_page_already_crawled_is_no_loop():
    seen = dupefilter()
    failures = []
    spider = SimpleNamespace(record_failure=lambda url, kind, note: failures.append(url))
    a, b = "http://www.szwz.gov.cn/a.shtml", "http://www.szwz.gov.cn/b.shtml"
    seen.request_seen(Request(a))
    seen.request_seen(Request(b))
    moved = redirected(b, "http://www.szwz.gov.cn/old.shtml")
    assert seen.request_seen(moved) is True
    seen.log(moved, spider)
    assert failures == []
    assert seen.crawler.stats.get_value("dupefilter/filtered") == 1
