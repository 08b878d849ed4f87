"""Family detection from declared signals (crawler/families/base.py Signals)."""

import re

from crawler.families.base import Signals

SIGNALS = Signals(
    markers={"trs_editor": 40, "currchnlcls": 30},
    scripts=((re.compile(r"countPage\s*="), 30), (re.compile(r"Pager\("), 20)),
    paths=((re.compile(r"/t\d{8}_\d+\.html$"), 40), (re.compile(r"/index_\d+\.html$"), 10)),
    links=((re.compile(r"/t\d{8}_\d+\.html"), 30),),
    document_path=re.compile(r"/t\d{8}_\d+\.html$"),
)


def test_markers_are_case_insensitive_and_all_count():
    assert SIGNALS.score("http://a.gov.cn/", "<div class=TRS_Editor currChnlCls>") == 70


def test_only_the_first_script_and_path_pattern_count():
    text = "var countPage = 3; new Pager({})"
    assert SIGNALS.score("http://a.gov.cn/x/index_1.html", text) == 30 + 10


def test_links_count_only_below_100_and_the_score_is_capped():
    page = '<div class="trs_editor currchnlcls"><a href="./t20230101_7.html">'
    assert SIGNALS.score("http://a.gov.cn/x/t20230101_1.html", page) == 100
    assert SIGNALS.score("http://a.gov.cn/x/", '<a href="./t20230101_7.html">') == 30


def test_document_urls_by_path_shape_only():
    assert SIGNALS.is_document_url("http://a.gov.cn/x/202301/t20230101_1.html?uid=2")
    assert not SIGNALS.is_document_url("http://a.gov.cn/t20230101_1.html/x")
    assert not Signals().is_document_url("http://a.gov.cn/x/t20230101_1.html")


def test_a_leading_descendant_step_is_rewritten_only_where_the_meaning_stays():
    from lxml import etree

    from crawler.families.base import compile_xpath

    tree = etree.fromstring("<r><d><p n='0'>a</p><p n='1'>b</p></d><d><p n='0'>c</p></d></r>")
    assert compile_xpath("//p[@n='1']").path == "/descendant::p[@n='1']"
    for kept in ("//p[1]", "//p[@n + 1]", "//p[last()]", "//p | //d", "//p[count(@n)]"):
        assert compile_xpath(kept).path == kept
    assert [e.text for e in compile_xpath("//p[@n + 1]")(tree)] == ["a", "b", "c"]
    assert [e.text for e in compile_xpath("//p[@n='0']")(tree)] == ["a", "c"]
