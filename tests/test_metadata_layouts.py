"""Metadata and dates in layouts the family selectors do not foresee (red-team pages).

Pages under tests/fixtures/unseen/ (meta_*.html, and the pages the body tests share);
each test names the rule it pins:
the page-wide label scan every family falls back to, labels over values by column,
the URL's date as the last resort, bare 日期/时间 labels, an info line's unlabelled date,
``<br>`` text in the body scoring and view counts on generic pages.
"""

from pathlib import Path

import lxml.html
import pytest

from crawler.extraction.labels import leading_text, read_labelled, read_labelled_text
from crawler.families.base import parse_views
from crawler.families.generic import Generic
from crawler.families.hanweb import Hanweb
from crawler.families.jiyuehua import Jiyuehua
from crawler.families.trs import Trs
from crawler.htmltree import parse_html
from crawler.items import Page
from tests.helpers import extract

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"
FIELDS = ("published_at", "source", "publisher", "index_no", "doc_no", "category", "views")


def unseen_page(name: str) -> bytes:
    """A saved page: ``<name>.html`` when the body tests use it too, else ``meta_<name>.html``."""
    shared = UNSEEN / f"{name}.html"
    return (shared if shared.exists() else UNSEEN / f"meta_{name}.html").read_bytes()


def page_fields(name: str, url: str) -> dict:
    item = extract(url, unseen_page(name), content_type=None)
    return {key: item[key] for key in FIELDS}


def fragment(html: str):
    return lxml.html.fragment_fromstring(html, create_parent="div")


# --- the page-wide label scan (every family) --------------------------------------


def test_hanweb_div_span_pairs_outside_the_family_selectors():
    assert page_fields("08_hangzhou_hanweb_div_span_meta",
                       "http://www.hangzhou.gov.cn/art/2023/4/7/art_1229063382_1831234.html") == {
        "published_at": "2023-04-07T16:42:00+08:00", "source": "市政府办公厅",
        "publisher": "杭州市人民政府办公厅", "index_no": "002489709/2023-01234",
        "doc_no": "杭政办函〔2023〕21号", "category": "劳动、人事、监察/就业", "views": None}


def test_hanweb_custom_info_line_fills_what_the_table_leaves_empty():
    """The table has 公开日期 with no value; ``div.info`` has the time and 来源; 浏览次数's
    counter is an empty span (filled by script), so views stay null."""
    assert page_fields("30_huzhou_hanweb_no_pubdate_custom_info",
                       "http://www.huzhou.gov.cn/art/2023/11/14/art_1229213482_59012345.html") == {
        "published_at": "2023-11-14T15:32:00+08:00", "source": "市人力社保局",
        "publisher": "湖州市人力资源和社会保障局", "index_no": "11330500002599045P/2023-98765",
        "doc_no": None, "category": "劳动、人事、监察", "views": None}


def test_the_scan_never_reads_the_body():
    html = ('<html><body><div class="xx"><span>发布机构：</span><span>市政府</span></div>'
            '<div id="zoom"><p>文号：不是元数据〔2023〕1号，这是正文里的一句话。</p></div></body></html>')
    fields = Hanweb().extract(Page(url="http://h.gov.cn/art/2023/1/2/art_1_2.html", body=b"",
                                   tree=parse_html(html)))
    assert (fields["publisher"], fields["doc_no"]) == ("市政府", None)


# --- labels over values, column by column --------------------------------------------


def test_hanweb_row_of_labels_over_a_row_of_values():
    assert page_fields("09_jiaxing_hanweb_label_rows",
                       "http://www.jiaxing.gov.cn/art/2023/5/9/art_1229426422_2456789.html") == {
        "published_at": "2023-05-09T00:00:00+08:00", "source": "市农业农村局",
        "publisher": "嘉兴市农业农村局", "index_no": "11330400002583479X/2023-12345",
        "doc_no": "嘉农发〔2023〕15号", "category": "农业、林业、水利", "views": None}


def test_label_row_pairs_only_with_a_row_of_values():
    paired = ("<table><tr><td>索引号</td><td>发布机构</td></tr>"
              "<tr><td>001/2023-1</td><td>市局</td></tr></table>")
    assert read_labelled(fragment(paired)) == {"index_no": "001/2023-1", "publisher": "市局"}
    labels_below = ("<table><tr><td>索引号</td><td>发布机构</td></tr>"
                    "<tr><td>文号</td><td>市发〔2023〕1号</td></tr></table>")
    assert read_labelled(fragment(labels_below)) == {
        "index_no": None, "publisher": None, "doc_no": "市发〔2023〕1号"}


# --- the address's date, last resort -------------------------------------------------


@pytest.mark.parametrize(("name", "url"), [
    ("12_yangzhou_hanweb_date_only_url",
     "http://www.yangzhou.gov.cn/art/2023/3/15/art_5678_1234567.html"),
    ("18_taizhou_trs_date_only_url",
     "http://www.taizhou.gov.cn/tzjy/tzgg/202303/t20230315_5123456.html"),
])
def test_date_only_in_the_address(name, url):
    assert page_fields(name, url)["published_at"] == "2023-03-15T00:00:00+08:00"


def test_url_date_is_declared_per_family_and_a_month_is_no_date():
    assert Hanweb.signals.url_date("http://a.gov.cn/art/2021/12/2/art_46144_10220441.html") == (
        "2021-12-02T00:00:00+08:00")
    assert Trs.signals.url_date("http://a.gov.cn/c/202303/t20230331_1.html") == (
        "2023-03-31T00:00:00+08:00")
    assert Trs.signals.url_date("http://a.gov.cn/c/202302/t20230230_1.html") is None
    assert Jiyuehua.signals.url_date(
        "http://www.szwz.gov.cn/szwz/bmdt/202512/3dfc0be5a1b2c3d4e5f6a7b8c9d0e1f2.shtml") is None
    assert Generic.signals.url_date("http://a.gov.cn/zwgk/20230315/1.html") is None


def test_the_page_and_the_list_come_before_the_address():
    url = "http://h.gov.cn/art/2023/3/15/art_1_2.html"
    stated = ('<html><head><meta name="PubDate" content="2023-03-16 08:00"></head>'
              '<body><div id="zoom"><p>正文</p></div></body></html>')
    silent = '<html><body><div id="zoom"><p>正文</p></div></body></html>'
    assert Hanweb().extract(Page(url=url, body=b"", tree=parse_html(stated)))[
        "published_at"] == "2023-03-16T08:00:00+08:00"
    assert Hanweb().extract(Page(url=url, body=b"", tree=parse_html(silent),
                                 hints={"date": "2023-03-14"}))[
        "published_at"] == "2023-03-14T00:00:00+08:00"


# --- dates on pages of no known platform ---------------------------------------------


@pytest.mark.parametrize(("name", "url", "published", "source"), [
    ("20_generic_gb18030_no_charset", "http://www.sihong.gov.cn/shxnyncj/gzdt/20230315/i123456.html",
     "2023-03-15T00:00:00+08:00", "县农业农村局"),
    ("21_generic_slash_date_prevnext_qr_inside",
     "http://www.jsxc.gov.cn/xwzx/bmdt/content_98765.html", "2023-03-15T00:00:00+08:00", "区城管局"),
])
def test_unlabelled_date_on_the_info_line_under_the_title(name, url, published, source):
    fields = page_fields(name, url)
    assert (fields["published_at"], fields["source"]) == (published, source)


def test_bare_date_label_and_a_reading_count():
    fields = page_fields("28_generic_site_h1_title_div_bare_date_label",
                         "http://www.rudong.gov.cn/rdxmzj/tzgg/content/8a2f4c6e.html")
    assert (fields["published_at"], fields["views"]) == ("2023-04-03T00:00:00+08:00", 215)


def test_publication_label_beats_written_and_effective_dates():
    assert page_fields("22_generic_meta_table_three_cn_dates",
                       "http://www.rugao.gov.cn/rgszf/xxgk/zfwj/202303/d4f1a2b3.html") == {
        "published_at": "2023-03-15T00:00:00+08:00", "source": None, "publisher": "如皋市人民政府",
        "index_no": "K11320682014180011D/2023-00078", "doc_no": "皋政规〔2023〕3号",
        "category": "农业、林业、水利", "views": None}


def test_a_time_in_the_text_is_no_publication_date():
    fields = page_fields("23_generic_no_date", "http://www.hazwfw.gov.cn/bszn/ckdh.html")
    assert fields["published_at"] is None


@pytest.mark.parametrize("text", ["生效日期：2023年5月1日", "公示时间：2023年3月1日", "截止日期：2023-05-01"])
def test_date_words_inside_other_labels_are_not_labels(text):
    assert read_labelled_text(text) == {}


def test_date_words_standing_alone_are_labels():
    assert read_labelled_text("日期：2023-04-03　阅读：215") == {"date": "2023-04-03", "views": "215"}
    assert read_labelled_text("时间：2023-04-03 10:00") == {"date": "2023-04-03 10:00"}


def test_a_better_label_wins_over_a_bare_date_label():
    html = ('<html><body><h1>标题</h1><p class="i">日期：2023-01-02 发布时间：2023-01-05 来源：市局</p>'
            '<div class="c"><p>' + "正文内容，" * 40 + '</p></div></body></html>')
    fields = Generic().extract(Page(url="http://x.gov.cn/a/1.html", body=b"", tree=parse_html(html)))
    assert fields["published_at"] == "2023-01-05T00:00:00+08:00"


def test_an_unlabelled_date_counts_only_on_an_info_line_before_the_body():
    prose = '<div class="c"><p>' + "正文内容，" * 40 + '</p></div>'
    after = f'<html><body><h1>标题</h1>{prose}<p>2023-01-02　来源：市局</p></body></html>'
    no_info = f'<html><body><h1>标题</h1><p>2023-01-02　作者：张三</p>{prose}</body></html>'
    for html in (after, no_info):
        fields = Generic().extract(Page(url="http://x.gov.cn/a/1.html", body=b"",
                                        tree=parse_html(html)))
        assert fields["published_at"] is None


def test_leading_text_is_what_comes_before_the_first_label():
    assert leading_text(fragment("<p>2023/03/15　来源：区城管局</p>")) == "2023/03/15"
    assert leading_text(fragment("<p>2023/03/15</p>")) == ""


# --- body scoring with <br> lines ------------------------------------------------------


def test_br_lines_body_beats_its_parent_so_the_info_line_is_metadata():
    url = "http://www.jsxishan.gov.cn/xsq/tzgg/202302/0c9b8a7d.html"
    item = extract(url, unseen_page("26_generic_br_div_related"), content_type=None)
    assert (item["published_at"], item["publisher"]) == (
        "2023-02-16T00:00:00+08:00", "锡山区发展和改革委员会")
    assert "发布日期" not in item["body"] and "相关文件" not in item["body"]
    assert item["body"].endswith("特此通知。")


# --- view counts -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "url", "views", "published"), [
    ("25_generic_nested_table_views", "http://www.czfgw.gov.cn/jgjc/jgfb/20230316/art_778899.html",
     356, "2023-03-16T14:20:05+08:00"),
    ("32_generic_br_title_cn_time", "http://www.yancheng.gov.cn/ycsyjj/aqts/202307/abcd1234.html",
     1024, "2023-07-10T09:30:00+08:00"),
])
def test_generic_views_when_the_page_states_a_number(name, url, views, published):
    fields = page_fields(name, url)
    assert (fields["views"], fields["published_at"]) == (views, published)


@pytest.mark.parametrize(("text", "count"), [("356", 356), (" 1024 次", 1024), ("12人次", 12),
                                             ("", None), (None, None), ("--", None),
                                             ("约1万", None), ("3,000", 3000), ("3,00", None)])
def test_views_only_from_a_number(text, count):
    assert parse_views(text) == count
