"""The replica server: deterministic, reachable as a proxy and by Host header, with its traps."""

import http.client
import urllib.error
import urllib.request

import pytest

from tests.replica.hosts import szwz
from tests.replica.save_fixtures import FIXTURE_DIR, fixture_urls, render


def fetch(replica, url, method="GET"):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": replica.proxy_url}),
                                         NoRedirect())
    try:
        with opener.open(urllib.request.Request(url, method=method)) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.parametrize("name", sorted(fixture_urls()))
def test_saved_fixtures_equal_what_the_replica_serves(name):
    assert (FIXTURE_DIR / name).read_bytes() == render(fixture_urls()[name])


def test_two_replicas_serve_identical_bytes():
    first, second = szwz.SzwzSite(), szwz.SzwzSite()
    for doc in first.corpus.docs:
        assert first.article_page(doc) == second.article_page(second.corpus.by_id[doc.doc_id])


def test_column_sizes():
    corpus = szwz.SzwzCorpus()
    assert {code: len(corpus.column_docs(code)) for code in ("qzfzdgz", "tzgg", "zcwj", "ndbg")} == {
        "qzfzdgz": 40, "tzgg": 38, "zcwj": 36, "ndbg": 6}


def test_proxy_requests_with_absolute_uris(replica):
    status, headers, body = fetch(replica, "http://www.szwz.gov.cn/szwz/xxgk/index.shtml")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "政府信息公开指南" in body.decode()
    assert replica.requests[-1]["url"] == "http://www.szwz.gov.cn/szwz/xxgk/index.shtml"


def test_routing_by_host_header(replica):
    connection = http.client.HTTPConnection("127.0.0.1", replica.port)
    connection.request("GET", "/robots.txt", headers={"Host": "www.szwz.gov.cn"})
    response = connection.getresponse()
    answer = (response.status, response.read())
    connection.close()
    assert answer == (200, b"User-agent: *\nDisallow: /szwz/admin/\n")


def test_no_www_twin_redirects_permanently(replica):
    status, headers, _ = fetch(replica, "http://szwz.gov.cn/szwz/tzgg/nav_list.shtml?a=1")
    assert (status, headers["Location"]) == (301, "http://www.szwz.gov.cn/szwz/tzgg/nav_list.shtml?a=1")


def test_flaky_article_fails_once(replica):
    corpus = replica.sites["www.szwz.gov.cn"].corpus
    url = "http://www.szwz.gov.cn" + szwz.doc_path(corpus.by_id[corpus.traps.flaky])
    assert [fetch(replica, url)[0] for _ in range(3)] == [500, 200, 200]


def test_unknown_host_is_a_bad_gateway(replica):
    assert fetch(replica, "http://www.example.com/")[0] == 502


def test_print_view_search_and_dead_link(replica):
    corpus = replica.sites["www.szwz.gov.cn"].corpus
    print_url = "http://www.szwz.gov.cn/szwz/print/qzfzdgz/202301/" + szwz.SEED_ID + ".shtml"
    assert fetch(replica, print_url)[0] == 200
    assert fetch(replica, "http://www.szwz.gov.cn/szwz/search.shtml?q=%E5%B9%B4%E6%8A%A5")[0] == 200
    assert fetch(replica, "http://www.szwz.gov.cn" + corpus.traps.dead_path)[0] == 404


def test_mirror_serves_the_seed_page_traditional_with_injections(replica):
    status, _, body = fetch(replica, f"http://www.cpcoupon.com/szwz/qzfzdgz/202301/{szwz.SEED_ID}.shtml")
    text = body.decode("utf-8")
    assert status == 200
    junk, _page = text.split("<!DOCTYPE html>", 1)
    assert len(junk.strip().splitlines()) == 15
    junk_id = junk.split('id="', 1)[1][:5]
    assert junk.count(f'id="{junk_id}"') == junk.count('id="') >= 15
    assert "蘇州 ? 吳中歡迎您!" in text
    assert "吳中人民醫院蓋?;ヂ摼W醫院" in text
    assert "国产综合久久久久" in text


def test_official_pages_link_the_mirror_only_from_hacked_hidden_blocks():
    site = szwz.SzwzSite()
    linking = {doc.doc_id: site.article_page(doc) for doc in site.corpus.docs
               if "cpcoupon" in site.article_page(doc)}
    assert {site.corpus.traps.hacked[i] for i in linking} == {"hidden_links", "class_hidden_farm"}
    assert all('<div style="display:none"><a href="http://www.cpcoupon.com/' in page
               or '<div class="lk8">' in page for page in linking.values())
