"""The TRS WCM family on saved pages of its replica host: what each page is, where it leads,
which family claims it, and every item field through the real pipelines."""

import json
from pathlib import Path

import jsonschema
import pytest

from crawler.families import DETECTION_THRESHOLD, FAMILIES, detect_family
from crawler.families.base import DOCUMENT, PAGE
from crawler.families.trs import Trs, find_list_pager
from crawler.htmltree import load_html
from tests.helpers import PipelineRunner, extract
from tests.replica.hosts import trs as replica
from tests.replica.save_fixtures import FIXTURE_DIR as SZWZ_DIR
from tests.replica.save_fixtures import fixture_urls as szwz_fixture_urls
from tests.replica.save_trs_fixtures import FIXTURE_DIR, fixture_urls, render

SITE = "http://trs.replica.gov.cn"
FAMILY = Trs()
REPLICA = replica.TrsSite()
CORPUS = REPLICA.corpus
SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "crawler" / "schemas" /
                     "document.schema.json").read_text(encoding="utf-8"))
HTML = "text/html; charset=utf-8"


def url_of(name):
    return SITE + fixture_urls()[name]


def fixture(name):
    return (FIXTURE_DIR / name).read_bytes()


def read(name):
    _, tree = load_html(fixture(name), HTML)
    return FAMILY.read_page(url_of(name), tree)


def kinds(reading, kind):
    return [link for link in reading.links if link.kind == kind]


def paths(links):
    return [link.url[len(SITE):] if link.url.startswith(SITE) else link.url for link in links]


def doc_at(name):
    return CORPUS.by_path[fixture_urls()[name].split("?")[0]]


@pytest.fixture(scope="module")
def runner():
    return PipelineRunner({"start_url": SITE + replica.ROOT})


@pytest.fixture(scope="module")
def items(runner):
    names = ["policy_article.html", "policy_ueditor.html", "policy_attachment_only.html",
             "notice_article.html", "news_preappend.html", "news_hacked.html",
             "notice_hacked.html", "annual_report.html"]
    return {name: extract(url_of(name), fixture(name), HTML, runner=runner) for name in names}


# --- the saved pages are the replica's pages ---------------------------------

@pytest.mark.parametrize("name", sorted(fixture_urls()))
def test_saved_fixtures_equal_what_the_replica_serves(name):
    assert fixture(name) == render(fixture_urls()[name])


def test_two_replicas_serve_identical_bytes():
    first, second = replica.TrsSite(), replica.TrsSite()
    assert [first.article_page(d) for d in first.corpus.docs] == [
        second.article_page(d) for d in second.corpus.docs]
    assert [c.count for c in replica.COLUMNS] == [23, 22, 18, 8, 5]


# --- navigation ----------------------------------------------------------------

def test_section_root_leads_to_its_columns_and_latest_documents():
    reading = read("root.html")
    assert (reading.kind, reading.document) == ("section", None)
    assert [(path, link.hints) for path, link in zip(paths(kinds(reading, PAGE)),
                                                     kinds(reading, PAGE), strict=True)] == [
        ("/xxgk/tzgg/", {"column": "通知公告"}),
        ("/xxgk/zcwj/index.html", {"column": "政策文件"}),
        ("/xxgk/gzdt/", {"column": "工作动态"}),
        ("/xxgk/ghxx/index.html", {"column": "规划信息"}),
        ("/xxgk/ndbg/", {"column": "政府信息公开年报"}),
        ("/xxgk/ysqgk/", {"column": "依申请公开"}),
        ("/xxgk/search/index.html?searchword=", {"column": "信息公开检索"}),
    ]
    documents = kinds(reading, DOCUMENT)
    assert paths(documents) == [
        "/xxgk/tzgg/202306/t20230612_4880033.html",
        "https://trs.replica.gov.cn/xxgk/zcwj/202305/t20230522_4879794.html",
        "/xxgk/gzdt/202306/t20230622_4880369.html?uid=7f3a2c",
        "/xxgk/ghxx/202212/t20221228_4877423.html#top",
        "/xxgk/tzgg/202306/t20230612_4880033.html?print=1",
        "https://www.ndrc.gov.cn/xxgk/zcfb/tz/202301/t20230105_1353234.html",
    ]
    assert documents[0].hints == {"title": "关于做好城市更新有关工作的通知", "date": "2023-06-12",
                                  "column": None}


def test_plain_createpagehtml_list_yields_rows_with_hints_and_every_page():
    reading = read("list_tzgg_1.html")
    assert (reading.kind, reading.note) == ("list", "")
    documents = kinds(reading, DOCUMENT)
    assert paths(documents) == [
        "/xxgk/tzgg/202306/t20230612_4880033.html",
        "/xxgk/tzgg/202304/t20230427_4879458.html",
        "/xxgk/tzgg/202303/t20230328_4878812.html",
        "/xxgk/tzgg/202303/t20230320_4878644.html?uid=8644",
        "/xxgk/tzgg/202303/t20230306_4878405.html",
        "/xxgk/zcwj/202302/t20230204_4877998.html",  # a policy listed here too (../zcwj/…)
        "/xxgk/tzgg/202302/t20230213_4878166.html",
        "/xxgk/tzgg/202301/t20230120_4877591.html",
        "/xxgk/tzgg/202212/t20221208_4877352.html",
        "/xxgk/tzgg/202212/t20221207_4877184.html",
    ]
    assert documents[1].hints == {"title": "关于开展2023年法治政府建设工作的通知",
                                  "date": "2023-04-27", "column": "通知公告"}
    assert [(path, link.hints) for path, link in zip(paths(kinds(reading, PAGE)),
                                                     kinds(reading, PAGE), strict=True)] == [
        ("/xxgk/tzgg/index.html", {"column": "通知公告"}),
        ("/xxgk/tzgg/index_1.html", {"column": "通知公告"}),
        ("/xxgk/tzgg/index_2.html", {"column": "通知公告"}),
    ]


def test_second_list_page_holds_the_fragment_link_and_the_dead_entry():
    reading = read("list_tzgg_2.html")
    assert paths(kinds(reading, DOCUMENT))[3:5] == [
        "/xxgk/tzgg/202203/t20220320_4873999.html#p1",
        "/xxgk/tzgg/202205/t20220506_4700013.html",
    ]
    assert len(kinds(reading, DOCUMENT)) == 10
    assert paths(kinds(reading, PAGE)) == [
        "/xxgk/tzgg/index.html", "/xxgk/tzgg/index_1.html", "/xxgk/tzgg/index_2.html"]


def test_page_count_inside_an_html_comment():
    raw = fixture("list_zcwj_1.html").decode()
    assert '<!--createPageHTML(3, 0, "index", "html");-->' in raw
    reading = read("list_zcwj_1.html")
    assert reading.kind == "list"
    assert len(kinds(reading, DOCUMENT)) == 10
    assert paths(kinds(reading, DOCUMENT))[8] == "/xxgk/zcwj/202207/t20220724_4875388.html?uid=5388"
    assert paths(kinds(reading, PAGE)) == [
        "/xxgk/zcwj/index.html", "/xxgk/zcwj/index_1.html", "/xxgk/zcwj/index_2.html"]


@pytest.mark.parametrize("name,rows", [("list_gzdt_1.html", 5), ("list_gzdt_4.html", 3)])
def test_count_page_variable_with_a_document_write_pager(name, rows):
    assert "var countPage = 4//共多少页" in fixture(name).decode()
    reading = read(name)
    assert len(kinds(reading, DOCUMENT)) == rows
    assert paths(kinds(reading, PAGE)) == [
        "/xxgk/gzdt/index.html", "/xxgk/gzdt/index_1.html", "/xxgk/gzdt/index_2.html",
        "/xxgk/gzdt/index_3.html"]


def test_pager_object_and_its_empty_last_page():
    first = read("list_ghxx_1.html")
    assert paths(kinds(first, DOCUMENT)) == [
        "/xxgk/ghxx/202212/t20221228_4877423.html", "/xxgk/ghxx/202211/t20221103_4876441.html",
        "/xxgk/ghxx/202208/t20220810_4875963.html", "/xxgk/ghxx/202208/t20220809_4875795.html"]
    last = read("list_ghxx_3.html")
    assert (last.kind, last.note) == ("list", "empty list page")
    assert kinds(last, DOCUMENT) == []
    for reading in (first, last):
        assert paths(kinds(reading, PAGE)) == [
            "/xxgk/ghxx/index.html", "/xxgk/ghxx/index_1.html", "/xxgk/ghxx/index_2.html"]


def test_single_page_list():
    reading = read("list_ndbg.html")
    assert "createPageHTML(1, 0, \"index\", \"html\")" in fixture("list_ndbg.html").decode()
    assert (reading.kind, len(kinds(reading, DOCUMENT))) == ("list", 5)
    assert paths(kinds(reading, PAGE)) == ["/xxgk/ndbg/index.html"]


def test_a_column_addressed_as_its_directory_pages_from_the_same_directory():
    _, tree = load_html(fixture("list_gzdt_1.html"), HTML)
    reading = FAMILY.read_page(SITE + "/xxgk/gzdt/", tree)
    assert paths(kinds(reading, PAGE)) == [
        "/xxgk/gzdt/index.html", "/xxgk/gzdt/index_1.html", "/xxgk/gzdt/index_2.html",
        "/xxgk/gzdt/index_3.html"]


@pytest.mark.parametrize("name", ["policy_article.html", "policy_ueditor.html",
                                  "policy_attachment_only.html", "notice_article.html",
                                  "news_preappend.html", "news_hacked.html",
                                  "notice_hacked.html", "annual_report.html"])
def test_articles_lead_only_to_their_print_view(name):
    reading = read(name)
    assert (reading.kind, reading.document) == ("document", "article")
    assert [(link.url, link.kind) for link in reading.links] == [(url_of(name) + "?print=1", DOCUMENT)]


def test_print_view_is_the_article_under_another_address():
    reading = read("policy_print.html")
    assert (reading.kind, reading.document, reading.links) == ("document", "article", [])
    article = url_of("policy_article.html")
    assert FAMILY.document_for_print(url_of("policy_print.html")) == article
    item = extract(url_of("policy_print.html"), fixture("policy_print.html"), HTML,
                   runner=PipelineRunner({"start_url": SITE + replica.ROOT}))
    doc = doc_at("policy_article.html")
    assert (item["title"], item["body"]) == (doc.title, replica.expected_body(doc))


def test_section_root_with_an_editor_made_introduction_is_still_a_section():
    page = ("<html><body><div class='TRS_Editor'><p>本机关主动公开政府信息。</p></div>"
            "<ul><li><a href='./tzgg/'>通知公告</a></li><li><a href='/xxgk/gkzn/index.html'>指南</a></li>"
            "<li><a href='../other/'>别处</a></li></ul></body></html>")
    _, tree = load_html(page.encode(), HTML)
    reading = FAMILY.read_page(SITE + "/xxgk/index.html", tree)
    assert reading.kind == "section"
    assert paths(reading.links) == ["/xxgk/tzgg/", "/xxgk/gkzn/index.html"]


def test_single_page_in_its_own_directory_is_a_document():
    page = ("<html><body><div class='TRS_Editor'><p>为了更好地提供政府信息公开服务，编制本指南。</p></div>"
            "<ul><li><a href='../tzgg/'>通知公告</a></li></ul></body></html>")
    _, tree = load_html(page.encode(), HTML)
    reading = FAMILY.read_page(SITE + "/xxgk/gkzn/index.html", tree)
    assert (reading.kind, reading.document, reading.links) == ("document", "single", [])


@pytest.mark.parametrize("path,reason", [
    ("/xxgk/zcwj/202304/t20230408_4879051.html?print=1", "print"),
    ("/xxgk/search/index.html", "search"),
    ("/search/index.html?searchword=%E4%BB%B7%E6%A0%BC", "search"),
    ("/xxgk/zcwj/202304/t20230408_4879051.html", None),
    ("/xxgk/zcwj/index_2.html", None),
])
def test_print_views_and_search_pages_are_never_fetched(path, reason):
    assert FAMILY.skip_reason(SITE + path) == reason


@pytest.mark.parametrize("url,expected", [
    (SITE + "/xxgk/zcwj/202304/t20230408_4879051.html", True),
    ("https://www.ndrc.gov.cn/xxgk/zcfb/tz/202301/t20230105_1353234.shtml", True),
    (SITE + "/xxgk/zcwj/index_1.html", False),
    (SITE + "/xxgk/zcwj/202304/P020230408864650539575.pdf", False),
    ("http://hanweb.example.gov.cn/art/2021/12/20/art_46144_10220441.html", False),
])
def test_document_addresses(url, expected):
    assert Trs.is_document_url(url) is expected


# --- pagers in their other shapes ------------------------------------------------

def pager_urls(text, base="http://h/col/index.html"):
    pager = find_list_pager([text])
    return pager.urls(base) if pager else None


def test_createpagehtml_with_variable_arguments():
    text = 'var countPage = 3;var currentPage = 0;createPageHTML(countPage, currentPage, "index", "shtml");'
    assert pager_urls(text) == ["http://h/col/index.shtml", "http://h/col/index_1.shtml",
                                "http://h/col/index_2.shtml"]


def test_createpagehtml_naming_variables_of_another_script():
    pager = find_list_pager(["var countPage = 7//共多少页", 'createPageHTML(countPage, 0, "index", "html");'])
    assert (pager.pages, pager.prefix, pager.ext, pager.first_suffix_number) == (7, "index", "html", 1)


def test_container_first_call_of_csrc_style_templates():
    text = "createPageHTML('page_div',3,1,'list','shtml',25);"
    assert pager_urls(text) == ["http://h/col/list.shtml", "http://h/col/list_2.shtml",
                                "http://h/col/list_3.shtml"]


def test_pager_object_without_a_count_follows_only_the_pages_it_links():
    assert pager_urls("new Pager({prefix:'index',suffix:'html',current:0});") is None
    page = ("<html><body><ul><li><a href='./202301/t20230105_1.html'>一</a><span>2023-01-05</span></li></ul>"
            "<script>new Pager({prefix:'index',suffix:'html',current:0});</script>"
            "<a href='index_1.html'>下一页</a><a href='index_6.html'>尾页</a>"
            "<a href='../other/index_1.html'>别的栏目</a></body></html>")
    _, tree = load_html(page.encode(), HTML)
    reading = FAMILY.read_page("http://h/col/index.html", tree)
    assert reading.kind == "list"
    assert [(link.kind, link.url) for link in reading.links] == [
        (DOCUMENT, "http://h/col/202301/t20230105_1.html"),
        (PAGE, "http://h/col/index_1.html"), (PAGE, "http://h/col/index_6.html")]


def test_count_page_pager_takes_its_file_names_from_the_written_links():
    text = ('var currentPage = 0;var countPage = 3\n'
            'document.write("<a href=\\"list"+"_" + nextPage + "."+"shtml\\">下一页</a>");')
    assert pager_urls(text) == ["http://h/col/list.shtml", "http://h/col/list_1.shtml",
                                "http://h/col/list_2.shtml"]


def test_absurd_counts_are_capped():
    assert find_list_pager(["var countPage = 99999999//共多少页"]).pages == 5000


# --- detection -----------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(fixture_urls()))
def test_every_page_of_the_platform_is_recognised(name):
    family, score = detect_family(url_of(name), fixture(name).decode())
    assert family == "trs"
    assert score >= DETECTION_THRESHOLD


@pytest.mark.parametrize("name", sorted(fixture_urls()))
def test_the_jiyuehua_family_does_not_claim_trs_pages(name):
    assert FAMILIES["jiyuehua"].detect(url_of(name), fixture(name).decode()) < DETECTION_THRESHOLD


@pytest.mark.parametrize("name", sorted(szwz_fixture_urls()))
def test_szwz_pages_are_not_claimed(name):
    text = (SZWZ_DIR / name).read_text(encoding="utf-8")
    assert Trs.detect("http://www.szwz.gov.cn" + szwz_fixture_urls()[name], text) < DETECTION_THRESHOLD


HANWEB_COLUMN = """<html><head><meta name='Generator' content='大汉版通'></head><body>
<div id="212860"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=1&path=/&columnid=33718&unitid=212860"></a>]]></nextgroup>
<recordset><record><![CDATA[<li><a href='/art/2026/9/11/art_33718_11828204.html' title='t'>t</a><span>2026-09-11</span></li>]]></record></recordset>
</datastore></script></div>
<script>$('#212860').jpage({totalRecord:4895,perPage:19});</script></body></html>"""


@pytest.mark.parametrize("url", ["http://www.jiangsu.gov.cn/col/col33718/index.html",
                                 "http://www.jiangsu.gov.cn/art/2026/9/11/art_33718_11828204.html"])
def test_hanweb_pages_are_not_claimed(url):
    assert Trs.detect(url, HANWEB_COLUMN) < DETECTION_THRESHOLD


# --- extraction ----------------------------------------------------------------

def test_policy_article_with_metadata_table_and_attachments(items):
    item = items["policy_article.html"]
    doc = doc_at("policy_article.html")
    assert item["url"] == SITE + "/xxgk/zcwj/202304/t20230408_4879051.html"
    assert item["title"] == "苏州市发展和改革委员会关于完善社会救助体系的实施意见"
    assert item["published_at"] == "2023-04-08T08:35:00+08:00"
    assert item["source"] == "苏州市发展和改革委员会"
    assert item["publisher"] == "苏州市发展和改革委员会"  # 发文机关
    assert item["index_no"] == "014000123/2023-00011"  # 索\u3000引\u3000号
    assert item["doc_no"] == "苏发改规〔2023〕16号"  # 文\u3000\u3000号
    assert item["category"] == "能源\\节能与能效"  # 主题分类
    assert item["breadcrumb"] == ["首页", "政府信息公开", "政策文件"]
    assert item["column"] == "政策文件"
    lines = item["body"].split("\n")
    assert lines == [*doc.paragraphs, "附件：", "附件1：苏州市完善社会救助体系政策解读.pdf",
                     "附件2：苏州市完善社会救助体系申报表.docx"]
    assert len(lines) == 8
    assert lines[0].startswith("要加强统筹协调，建立健全定期会商、信息共享、联合督办等工作机制。")
    assert item["attachments"] == [
        {"url": SITE + "/xxgk/zcwj/202304/P020230408864650539575.pdf",
         "name": "附件1：苏州市完善社会救助体系政策解读.pdf", "ext": "pdf",
         "filename": "附件1：苏州市完善社会救助体系政策解读.pdf"},
        {"url": SITE + "/xxgk/zcwj/202304/P020230408517997467000.docx",
         "name": "附件2：苏州市完善社会救助体系申报表.docx", "ext": "docx",
         "filename": "附件2：苏州市完善社会救助体系申报表.docx"},
    ]
    assert (item["views"], item["lang"], item["served_script"]) == (None, "zh-Hans", "zh-Hans")
    assert item["spam"] == {"contaminated": False, "kinds": [], "removed": [], "mojibake": []}


def test_ueditor_variant_inside_ucap_content(items):
    item = items["policy_ueditor.html"]
    doc = doc_at("policy_ueditor.html")
    assert b'class="view TRS_UEDITOR trs_paper_default trs_web"' in fixture("policy_ueditor.html")
    assert (item["title"], item["published_at"]) == (
        "苏州市发展和改革委员会关于规范行政执法的实施意见", "2023-05-22T12:54:00+08:00")
    assert (item["index_no"], item["doc_no"], item["category"]) == (
        "014000123/2023-00003", "苏发改规〔2023〕19号", "能源\\节能与能效")
    assert item["body"].split("\n") == [*doc.paragraphs, "附件：", "附件1：苏州市规范行政执法政策解读.pdf",
                                        "附件2：苏州市规范行政执法任务分解表.xls"]
    assert item["attachments"] == [
        {"url": SITE + "/xxgk/zcwj/202305/P020230522056685105856.pdf",
         "name": "附件1：苏州市规范行政执法政策解读.pdf", "ext": "pdf",
         "filename": "附件1：苏州市规范行政执法政策解读.pdf"},
        {"url": SITE + "/xxgk/zcwj/202305/P020230522720687991877.xls",
         "name": "附件2：苏州市规范行政执法任务分解表.xls", "ext": "xls",
         "filename": "附件2：苏州市规范行政执法任务分解表.xls"},
    ]


def test_attachment_only_policy(items):
    item = items["policy_attachment_only.html"]
    assert item["title"] == "苏州市发展和改革委员会关于支持总部经济发展的实施意见"
    assert item["body"] == "苏州市支持总部经济发展实施细则.pdf"
    assert item["attachments"] == [{"url": SITE + "/xxgk/zcwj/202209/P020220924708713226564.pdf",
                                    "name": "苏州市支持总部经济发展实施细则.pdf", "ext": "pdf",
                                    "filename": "苏州市支持总部经济发展实施细则.pdf"}]
    assert (item["doc_no"], item["index_no"]) == ("苏发改规〔2022〕23号", "014000123/2022-00007")


def test_notice_without_metadata_table(items):
    item = items["notice_article.html"]
    doc = doc_at("notice_article.html")
    assert (item["title"], item["published_at"], item["source"]) == (
        "关于做好城市更新有关工作的通知", "2023-06-12T14:42:00+08:00", "市发改委")
    assert (item["publisher"], item["index_no"], item["doc_no"], item["category"]) == (
        None, None, None, None)
    assert item["breadcrumb"] == ["首页", "政府信息公开", "通知公告"]
    assert item["body"].split("\n") == list(doc.paragraphs)
    assert len(doc.paragraphs) == 5
    assert item["attachments"] == []


def test_word_pasted_body_in_trs_preappend(items):
    item = items["news_preappend.html"]
    doc = doc_at("news_preappend.html")
    assert b'<div class="TRS_PreAppend"' in fixture("news_preappend.html")
    assert (item["title"], item["column"]) == ("市发改委赴临湖镇调研安全生产工作", "工作动态")
    assert item["body"].split("\n") == list(doc.paragraphs)


def test_annual_report_is_its_pdf(items):
    item = items["annual_report.html"]
    assert item["title"] == "苏州市发展和改革委员会2022年政府信息公开工作年度报告"
    assert item["published_at"] == "2023-01-20T16:30:00+08:00"
    assert item["body"] == "苏州市发展和改革委员会2022年政府信息公开工作年度报告.pdf"
    assert item["attachments"] == [{
        "url": SITE + "/xxgk/ndbg/202301/P020230120018443522277.pdf",
        "name": "苏州市发展和改革委员会2022年政府信息公开工作年度报告.pdf", "ext": "pdf",
        "filename": "苏州市发展和改革委员会2022年政府信息公开工作年度报告.pdf"}]


@pytest.mark.parametrize("name,kinds_found", [
    ("news_hacked.html", ["junk_tags", "keyword_line"]),
    ("notice_hacked.html", ["hidden_links", "keyword_line"]),
])
def test_hacked_articles_come_out_as_published(items, name, kinds_found):
    item = items[name]
    doc = doc_at(name)
    assert item["body"] == replica.expected_body(doc)
    assert item["title"] == doc.title
    assert (item["spam"]["contaminated"], item["spam"]["kinds"]) == (True, kinds_found)


def test_keyword_line_inside_the_editor_is_removed_and_reported(items):
    removed = items["notice_hacked.html"]["spam"]["removed"]
    assert removed[1] == {"kind": "keyword_line", "where": "inside div.TRS_Editor",
                          "text": "金沙娱乐场网址_威尼斯人娱乐城注册_棋牌娱乐官网"}
    assert b"\xe9\x87\x91\xe6\xb2\x99" in fixture("notice_hacked.html")  # 金沙, as served


@pytest.fixture(scope="module")
def crawl_runner():
    return PipelineRunner({"start_url": SITE + replica.ROOT})


@pytest.mark.parametrize("doc", CORPUS.docs, ids=lambda d: f"{d.column}-{d.doc_id}")
def test_every_document_of_the_replica(doc, crawl_runner):
    url = SITE + replica.doc_path(doc)
    item = extract(url, REPLICA.article_page(doc).encode("utf-8"), HTML, runner=crawl_runner)
    jsonschema.validate(item, SCHEMA)
    assert item["url"] == url
    assert (item["title"], item["published_at"], item["source"]) == (
        doc.title, doc.published.strftime("%Y-%m-%dT%H:%M:00+08:00"), doc.source)
    assert (item["publisher"], item["index_no"], item["doc_no"], item["category"]) == (
        doc.meta.get("publisher"), doc.meta.get("index_no"), doc.meta.get("doc_no"),
        doc.meta.get("category"))
    column = replica.COLUMN_BY_CODE[doc.column].name
    assert (item["breadcrumb"], item["column"]) == (["首页", "政府信息公开", column], column)
    assert item["body"] == replica.expected_body(doc)
    assert item["attachments"] == [
        # every replica attachment name is already a safe file name ending in its .ext
        {"url": SITE + replica.attachment_path(doc, a), "name": a.name, "ext": a.ext,
         "filename": a.name}
        for a in doc.attachments]
    assert (item["views"], item["lang"]) == (None, "zh-Hans")
    assert item["spam"]["contaminated"] is (doc.doc_id in CORPUS.traps.hacked)
