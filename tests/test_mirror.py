from crawler.cleaning.mirror import judge_mirror
from crawler.htmltree import parse_html
from crawler.profiles import load_profile
from crawler.spiders.saved import SavedPagesSpider
from tests.helpers import PipelineRunner, extract, fixture_bytes

PATH = "/szwz/qzfzdgz/202301/baeba41be9e24005a3b07d06585549e7.shtml"
PROFILES = [load_profile("szwz")]


def test_site_domain_meta_names_the_official_host():
    tree = parse_html('<html><head><meta name="SiteDomain" content="www.szwz.gov.cn"></head><body></body></html>')
    verdict = judge_mirror(f"http://www.cpcoupon.com{PATH}", tree, "", True, PROFILES)
    assert verdict.official_url == f"http://www.szwz.gov.cn{PATH}"
    assert verdict.evidence == "government CMS page on www.cpcoupon.com; SiteDomain meta"


def test_links_back_to_the_official_host():
    tree = parse_html('<html><body><a href="http://www.wzrd.gov.cn/wzrd/a/1.shtml">x</a>'
                      '<a href="http://www.jiangsu.gov.cn/">江苏</a></body></html>')
    verdict = judge_mirror("http://copy.example.net/wzrd/b/202301/" + "a" * 32 + ".shtml", tree, "", True, [])
    assert verdict.official_url.startswith("http://www.wzrd.gov.cn/wzrd/b/")


def test_text_dump_site_id_code_and_path_prefix():
    by_id = judge_mirror(f"http://m.example.com{PATH}", None, "網站標識碼:3205060031", False, PROFILES)
    assert by_id.official_url == f"http://www.szwz.gov.cn{PATH}"
    by_prefix = judge_mirror(f"http://m.example.com{PATH}", None, "", False, PROFILES)
    assert by_prefix.evidence.endswith("path prefix /szwz/")


def test_cms_path_on_unknown_host_without_an_official_host():
    verdict = judge_mirror("http://spam.example.com/abc/def/202301/" + "b" * 32 + ".shtml", None, "", True, [])
    assert verdict.official_url is None


def test_official_hosts_and_ordinary_sites_are_not_mirrors():
    assert judge_mirror(f"http://www.szwz.gov.cn{PATH}", None, "", True, PROFILES) is None
    assert judge_mirror(f"http://szwz.gov.cn{PATH}", None, "", True, PROFILES) is None
    assert judge_mirror("http://news.example.com/2023/01/a.html", None, "", False, PROFILES) is None
    assert judge_mirror("file:///tmp/a.html", None, "", True, PROFILES) is None


def test_the_site_a_crawl_started_on_is_official_even_off_gov_cn():
    runner = PipelineRunner({"start_url": "http://xxgk.example.edu.cn/"})
    url = "http://xxgk.example.edu.cn/szwz/qzfzdgz/202301/baeba41be9e24005a3b07d06585549e7.shtml"
    item = extract(url, fixture_bytes("seed_article.html"), runner=runner)
    assert (item["mirror_of"], item["spam"]["contaminated"]) == (None, False)
    saved_pages = PipelineRunner({"paths": "saved"}, SavedPagesSpider)
    saved = extract(url, fixture_bytes("seed_article.html"), runner=saved_pages)
    assert saved["spam"]["kinds"] == ["mirror_host"]
