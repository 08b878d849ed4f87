import pytest

from crawler.urls import UrlPolicy, is_followable, www_twin

POLICY = UrlPolicy.for_start_url("http://www.szwz.gov.cn/szwz/xxgk/index.shtml")
ARTICLE = "http://www.szwz.gov.cn/szwz/qzfzdgz/202301/baeba41be9e24005a3b07d06585549e7.shtml"


@pytest.mark.parametrize("variant", [
    ARTICLE,
    ARTICLE.replace("http://", "https://"),
    ARTICLE.replace("www.", ""),
    ARTICLE + "#top",
    ARTICLE + "?uid=ac3a9e",
    ARTICLE + "?utm_source=weixin&spm=a.b",
    ARTICLE.replace("www.szwz.gov.cn", "WWW.SZWZ.GOV.CN:80"),
])
def test_variants_of_one_document_share_one_address(variant):
    assert POLICY.canonical(variant) == ARTICLE


def test_meaningful_parameters_are_kept_in_order():
    url = "http://www.szwz.gov.cn/szwz/xxgkml.shtml?cxtype=1&channel_id=abc&uid=9"
    assert POLICY.canonical(url) == "http://www.szwz.gov.cn/szwz/xxgkml.shtml?cxtype=1&channel_id=abc"


def test_list_api_addresses_keep_every_parameter():
    url = "https://szwz.gov.cn/appsearch/wzapi/list/?keywords=&year=&currentPage=2"
    assert POLICY.canonical(url, keep_query=True) == (
        "http://www.szwz.gov.cn/appsearch/wzapi/list/?keywords=&year=&currentPage=2")


def test_other_hosts_keep_their_own_host_and_scheme():
    assert POLICY.canonical("https://www.cpcoupon.com/szwz/a.shtml#x") == (
        "https://www.cpcoupon.com/szwz/a.shtml")
    assert not POLICY.owns("http://www.cpcoupon.com/szwz/a.shtml")
    assert POLICY.owns("http://szwz.gov.cn/")


def test_hosts_are_the_start_host_and_its_twin():
    assert POLICY.hosts == {"www.szwz.gov.cn", "szwz.gov.cn"}
    assert www_twin("szwz.gov.cn") == "www.szwz.gov.cn"


@pytest.mark.parametrize("href,expected", [
    ("javascript:window.print()", False), ("mailto:a@b.cn", False), ("#top", False),
    ("", False), (None, False), ("data:text/html,x", False), ("./a.shtml", True),
    ("//www.szwz.gov.cn/a", True),
])
def test_followable_links(href, expected):
    assert is_followable(href) is expected
