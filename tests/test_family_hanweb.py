"""The Hanweb JCMS family on saved replica pages: what each page is, where it leads, every field."""

from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from scrapy import Request
from scrapy.http import Response

from crawler.encoding import decode_html
from crawler.families import DETECTION_THRESHOLD, detect_family
from crawler.families.base import API, DOCUMENT, PAGE
from crawler.families.hanweb import Hanweb
from crawler.families.jiyuehua import Jiyuehua
from crawler.htmltree import load_html
from tests.helpers import PipelineRunner, extract
from tests.replica.hosts import hanweb as site
from tests.replica.save_hanweb_fixtures import FIXTURE_DIR, fixtures, render, serve

FAMILY = Hanweb()
FIXTURES = fixtures()
BASE = "http://hanweb.replica.gov.cn"
CORPUS = site.HanwebCorpus()
WEBNAME = "吴中区发展和改革委员会"
FIXTURES_ROOT = Path(__file__).resolve().parent / "fixtures"


def content_type(name):
    """The Content-Type the replica served the fixture with (none for the GBK pages)."""
    return serve(FIXTURES[name]).headers["Content-Type"]


def body(name):
    return (FIXTURE_DIR / name).read_bytes()


def read(name):
    _, tree = load_html(body(name), content_type(name))
    return FAMILY.read_page(FIXTURES[name].url, tree)


def kinds(reading, kind):
    return [link for link in reading.links if link.kind == kind]


def doc(cid, n):
    return CORPUS.by_id[str(site.article_id(cid, n))]


def url_of(document):
    return BASE + site.doc_path(document)


# --- the saved pages are the replica's pages ---------------------------------------------


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_saved_fixtures_equal_what_the_replica_serves(name):
    assert body(name) == render(FIXTURES[name])


# --- navigation -----------------------------------------------------------------------


def test_section_root_leads_to_every_nav_column_once_and_its_latest_articles():
    reading = read("root.html")
    assert reading.kind == "section"
    assert [(link.url, link.hints) for link in kinds(reading, PAGE)] == [
        (BASE + "/col/col11/index.html", {"column": "通知公告"}),
        (BASE + "/col/col12/index.html", {"column": "政策文件"}),
        (BASE + "/col/col13/index.html", {"column": "工作动态"}),  # linked with ?uid=5013&pageNum=1
        (BASE + "/col/col15/index.html", {"column": "政府信息公开指南"}),
        (BASE + "/col/col999/index.html", {"column": "往年信息"}),
        (BASE + "/module/xxgk/search.jsp?divid=div5012&infotypeId=0806&area=014000650",
         {"column": "信息公开目录"}),
        (BASE + "/jact/front/mailpublist.do?webid=63&sysid=6&columnid=2341",
         {"column": "信息公开意见箱"}),
        ("http://www.jiangsu.gov.cn/col/col76841/index.html", {"column": "省政府信息公开"}),
    ]
    assert [link.url for link in kinds(reading, DOCUMENT)] == [
        BASE + "/art/2023/6/20/art_11_10201119.html",
        BASE + "/art/2023/6/16/art_11_10201111.html?print=1",
    ]
    assert kinds(reading, API) == []


def test_column_page_yields_the_embedded_group_with_hints():
    reading = read("column_tzgg.html")
    assert reading.kind == "list"
    documents = kinds(reading, DOCUMENT)
    assert len(documents) == 45
    assert documents[0].url == BASE + "/art/2023/6/20/art_11_10201119.html"
    assert documents[0].hints == {"title": "关于征求《交通运输工作方案》意见的公告",
                                  "date": "2023-06-20", "column": "通知公告"}
    # absolute href in the record, the cross-listed 工作动态 article, the dead record
    assert documents[3].url == BASE + "/art/2023/6/15/art_11_10201112.html"
    assert documents[8].url == BASE + "/art/2023/6/2/art_13_10201305.html"
    assert documents[8].hints["title"] == "全区垃圾分类工作推进会召开"
    assert documents[20].url == BASE + "/art/2022/3/8/art_11_10201199.html"
    assert documents[44].url == BASE + "/art/2022/2/11/art_11_10201118.html"
    assert all(link.url.startswith(BASE + "/art/") and ".." not in link.url for link in documents)


def test_column_page_asks_for_the_next_group_the_way_its_script_does():
    [api] = kinds(read("column_tzgg.html"), API)
    assert (api.method, api.url) == (
        "POST", BASE + "/module/web/jpage/dataproxy.jsp?startrecord=46&endrecord=90&perpage=15")
    assert api.body == (
        "col=1&appid=1&webid=63&path=%2F&columnid=11&sourceContentType=1&unitid=5011"
        "&webname=%E5%90%B4%E4%B8%AD%E5%8C%BA%E5%8F%91%E5%B1%95%E5%92%8C%E6%94%B9%E9%9D%A9"
        "%E5%A7%94%E5%91%98%E4%BC%9A&permissiontype=0")
    assert parse_qsl(api.body) == [
        ("col", "1"), ("appid", "1"), ("webid", "63"), ("path", "/"), ("columnid", "11"),
        ("sourceContentType", "1"), ("unitid", "5011"), ("webname", WEBNAME),
        ("permissiontype", "0")]
    assert api.headers == {
        "X-Requested-With": "XMLHttpRequest",
        "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
        "Accept": "application/xml, text/xml, */*; q=0.01",
        "Referer": BASE + "/col/col11/index.html"}
    assert {k: api.hints[k] for k in ("column", "unitid", "perpage", "group", "total", "start",
                                      "end", "first", "last")} == {
        "column": "通知公告", "unitid": "5011", "perpage": 15, "group": 45, "total": 49,
        "start": 46, "end": 90,
        "first": BASE + "/art/2023/6/20/art_11_10201119.html",
        "last": BASE + "/art/2022/2/11/art_11_10201118.html"}


def test_table_row_records_with_bracketed_dates():
    reading = read("column_zcwj.html")
    assert kinds(reading, API) == []  # 9 records: all in the embedded group
    assert [(link.url[len(BASE):], link.hints["date"]) for link in reading.links] == [
        ("/art/2023/5/18/art_12_10201204.html", "2023-05-18"),
        ("/art/2023/5/15/art_12_10201207.html", "2023-05-15"),
        ("/art/2023/3/9/art_12_10201201.html", "2023-03-09"),
        ("/art/2022/11/26/art_12_10201206.html", "2022-11-26"),
        ("/art/2022/10/13/art_12_10201200.html", "2022-10-13"),
        ("/art/2022/10/5/art_12_10201208.html", "2022-10-05"),
        ("/art/2022/5/20/art_12_10201205.html", "2022-05-20"),
        ("/art/2022/3/28/art_12_10201203.html", "2022-03-28"),
        ("/art/2022/3/16/art_12_10201202.html", "2022-03-16"),
    ]
    assert reading.links[4].hints["title"] == (
        "吴中区发展和改革委员会关于印发《吴中区促进制造业高质量发展实施方案》的通知")


def test_small_page_size_column_spans_groups_of_nine():
    reading = read("column_gzdt.html")
    documents = kinds(reading, DOCUMENT)
    assert [link.url[len(BASE):] for link in documents] == [
        "/art/2023/6/23/art_13_10201313.html", "/art/2023/6/22/art_13_10201323.html",
        "/art/2023/6/7/art_13_10201301.html", "/art/2023/6/6/art_13_10201307.html",
        "/art/2023/6/2/art_13_10201305.html", "/art/2023/5/22/art_13_10201318.html",
        "/art/2023/4/25/art_13_10201324.html", "/art/2023/4/16/art_13_10201322.html",
        "/art/2023/4/16/art_13_10201311.html"]
    assert documents[0].hints == {"title": "全区农村人居环境整治工作推进会召开",
                                  "date": "2023-06-23", "column": "工作动态"}
    [api] = kinds(reading, API)
    assert api.url == BASE + "/module/web/jpage/dataproxy.jsp?startrecord=10&endrecord=18&perpage=3"
    assert dict(parse_qsl(api.body))["columnid"] == "13"
    assert (api.hints["group"], api.hints["total"]) == (9, 28)


def test_gbk_column_declared_only_in_meta():
    assert content_type("column_legacy.html") == "text/html"
    reading = read("column_legacy.html")
    assert kinds(reading, API) == []
    assert [(link.hints["title"], link.hints["date"]) for link in reading.links] == [
        ("2015年文物保护工作情况汇报", "2015-09-19"),
        ("2015年垃圾分类工作情况汇报", "2015-05-31"),
        ("2015年人才引进工作情况汇报", "2015-05-01"),
        ("2015年一网通办工作情况汇报", "2015-03-29"),
        ("2015年耕地保护工作情况汇报", "2015-03-27"),
    ]


def group_two_hints():
    [api] = kinds(read("column_tzgg.html"), API)
    return api.hints


def test_group_two_skips_and_counts_the_repeated_boundary_record():
    hints = group_two_hints()
    raw = body("dataproxy_tzgg_2.xml").decode("utf-8")
    assert raw.count("art_11_10201118.html") == 1 and raw.index("art_11_10201118.html") < raw.index(
        "art_11_10201117.html")  # the last record of group 1 opens group 2
    reading = FAMILY.read_api(FIXTURES["dataproxy_tzgg_2.xml"].url, body("dataproxy_tzgg_2.xml"),
                              hints)
    assert reading.kind == "list"
    assert reading.skipped == {"boundary_repeat": 1}
    assert [(link.kind, link.url[len(BASE):], link.hints["date"]) for link in reading.links] == [
        (DOCUMENT, "/art/2022/2/5/art_11_10201117.html", "2022-02-05"),
        (DOCUMENT, "/art/2022/1/28/art_11_10201144.html", "2022-01-28"),
        (DOCUMENT, "/art/2022/1/25/art_11_10201139.html", "2022-01-25"),
        (DOCUMENT, "/art/2022/1/5/art_11_10201113.html", "2022-01-05"),
    ]  # 49 records: no third group


def test_groups_follow_one_another_until_the_total():
    [api] = kinds(read("column_gzdt.html"), API)
    second = FAMILY.read_api(api.url, body("dataproxy_gzdt_2.xml"), api.hints)
    assert second.skipped == {"boundary_repeat": 1}
    assert len(kinds(second, DOCUMENT)) == 9
    [third] = kinds(second, API)
    assert third.url == BASE + "/module/web/jpage/dataproxy.jsp?startrecord=19&endrecord=27&perpage=3"
    assert third.body == api.body
    assert (third.hints["first"], third.hints["last"]) == (
        kinds(second, DOCUMENT)[0].url, kinds(second, DOCUMENT)[-1].url)
    fourth_hints = {**third.hints, "start": 28, "end": 36,
                    "last": BASE + "/art/2022/10/3/art_13_10201321.html"}
    last = FAMILY.read_api(third.url, body("dataproxy_gzdt_4.xml"), fourth_hints)
    assert last.skipped == {"boundary_repeat": 1}
    assert [link.url for link in last.links] == [BASE + "/art/2022/6/21/art_13_10201310.html"]


def test_a_group_that_repeats_the_one_before_stops_the_chain():
    [api] = kinds(read("column_gzdt.html"), API)
    second = FAMILY.read_api(api.url, body("dataproxy_gzdt_2.xml"), api.hints)
    [third] = kinds(second, API)
    # the server ignored startrecord and answered group 2 again
    again = FAMILY.read_api(third.url, body("dataproxy_gzdt_2.xml"), third.hints)
    assert (again.links, again.skipped) == ([], {"repeated_group": 10})
    assert again.note == "the group repeats the one before it"


def test_a_group_with_nothing_new_stops_the_chain():
    hints = group_two_hints()
    answer = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><datastore><totalrecord>90</totalrecord>"
              f"<recordset><record><![CDATA[<li><a href='{hints['last']}'>x</a></li>]]></record>"
              "</recordset></datastore>").encode()
    reading = FAMILY.read_api(hints["proxy"], answer, hints)
    assert (reading.kind, reading.links, reading.skipped, reading.note) == (
        "list", [], {"boundary_repeat": 1}, "empty group")


def test_an_answer_that_is_not_a_datastore_is_an_error():
    reading = FAMILY.read_api(BASE + "/module/web/jpage/dataproxy.jsp",
                              b"<html><body>busy</body></html>", group_two_hints())
    assert (reading.kind, reading.note) == ("error", "dataproxy did not answer a datastore")


# 全省统一通知 in GBK is also valid UTF-8 (ȫʡͳһ֪ͨ): only a declared charset tells them apart.
GBK_TITLE = "全省统一通知"
GBK_GROUP = ("<datastore><totalrecord>46</totalrecord><recordset><record><![CDATA[<li><a href="
             f"'/art/2024/1/2/art_11_7.html' title='{GBK_TITLE}'>{GBK_TITLE}</a><span>2024-01-02"
             "</span></li>]]></record></recordset></datastore>").encode("gbk")


def test_a_group_without_a_declaration_is_read_in_the_header_charset():
    hints = group_two_hints()
    url = BASE + "/module/web/jpage/dataproxy.jsp"
    assert GBK_GROUP.decode("utf-8") != GBK_GROUP.decode("gbk")
    titles = [link.hints["title"] for link in FAMILY.read_api(
        url, GBK_GROUP, hints, "text/xml;charset=GBK").links]
    assert titles == [GBK_TITLE]
    declared = b'<?xml version="1.0" encoding="gbk"?>' + GBK_GROUP  # the declaration wins
    assert FAMILY.read_api(url, declared, hints, "text/xml;charset=UTF-8").links[0].hints[
        "title"] == GBK_TITLE


def test_the_spider_gives_the_list_api_its_response_content_type():
    spider = PipelineRunner({"start_url": BASE + "/col/col1/index.html", "family": "hanweb"}).spider
    url = BASE + "/module/web/jpage/dataproxy.jsp?startrecord=46&endrecord=90&perpage=15"
    request = Request(url, meta={"family": "hanweb", "hints": group_two_hints()})
    response = Response(url, body=GBK_GROUP, request=request,
                        headers={"Content-Type": "text/xml;charset=GBK"})
    followed = list(spider.parse_api(response))
    assert [(r.url, r.meta["hints"]["title"]) for r in followed] == [
        (BASE + "/art/2024/1/2/art_11_7.html", GBK_TITLE)]


def synthetic_column(script):
    """A column page in the shape of a real one, for list styles the replica does not serve."""
    records = "".join(
        f"<record><![CDATA[<li><a href='/art/2024/1/{d}/art_77276_{d}.html' title='t{d}'>t{d}</a>"
        f"<span>2024-01-{d:02d}</span></li>]]></record>" for d in range(1, 4))
    page = (f"<html><body><div id='9001'><script type='text/xml'><datastore><nextgroup><![CDATA["
            f"<a href='/module/web/jpage/dataproxy.jsp?page=2&appid=1&webid=3&path=/&columnid=77276"
            f"&unitid=9001&webname=site&permissiontype=0'></a>]]></nextgroup><recordset>{records}"
            f"</recordset></datastore></script></div><script>{script}</script></body></html>")
    _, tree = load_html(page.encode(), "text/html; charset=utf-8")
    return FAMILY.read_page("http://www.example.gov.cn/col/col77276/index.html", tree)


def test_combined_columns_use_the_proxy_the_page_names():
    reading = synthetic_column(
        "var param_9001={col:1,webid:3,path:'/',columnid:'77276,77277',sourceContentType:3,"
        "unitid:'9001',keyWordCount:999};"
        "$('#9001').jpage({totalRecord:40,perPage:1,proxyUrl:'/module/web/jpage/"
        "morecolumndataproxy.jsp',groupSize:3,ajaxParam:param_9001});")
    [api] = kinds(reading, API)
    assert (api.method, api.url) == ("POST", "http://www.example.gov.cn/module/web/jpage/"
                                     "morecolumndataproxy.jsp?startrecord=4&endrecord=6&perpage=1")
    assert parse_qsl(api.body) == [("col", "1"), ("webid", "3"), ("path", "/"),
                                   ("columnid", "77276,77277"), ("sourceContentType", "3"),
                                   ("unitid", "9001"), ("keyWordCount", "999")]


def test_without_a_param_object_the_nextgroup_fields_are_posted():
    reading = synthetic_column("$('#9001').jpage({totalRecord:9,perPage:1,"
                               "proxyUrl:'/module/jpage/dataproxy.jsp'});")
    [api] = kinds(reading, API)
    assert api.url == ("http://www.example.gov.cn/module/jpage/dataproxy.jsp"
                       "?startrecord=4&endrecord=6&perpage=1")
    assert api.body == ("appid=1&webid=3&path=%2F&columnid=77276&unitid=9001&webname=site"
                        "&permissiontype=0")


def test_a_list_without_jpage_configuration_is_only_its_records():
    reading = synthetic_column("var x = 1;")
    assert [link.url for link in reading.links] == [
        f"http://www.example.gov.cn/art/2024/1/{d}/art_77276_{d}.html" for d in range(1, 4)]


@pytest.mark.parametrize("hints,end,new,more", [
    ({"perpage": 15, "group": 45, "total": 49}, 45, 45, True),
    ({"perpage": 15, "group": 45, "total": 49}, 90, 4, False),
    ({"perpage": 15, "group": 45, "total": None}, 90, 45, True),  # no total: a full group
    ({"perpage": 15, "group": 45, "total": None}, 90, 44, False),
    ({"perpage": 15, "group": 45, "total": 10**9}, 5000 * 15, 45, False),  # MAX_PAGES
])
def test_pagination_is_bounded(hints, end, new, more):
    assert Hanweb.more(hints, end, new) is more


@pytest.mark.parametrize("name", ["policy_article.html", "notice_article.html",
                                  "work_cross_listed.html", "policy_pdfurl.html",
                                  "hacked_junk.html", "hacked_farm.html", "hacked_content.html"])
def test_articles_lead_only_to_their_print_view(name):
    reading = read(name)
    assert (reading.kind, reading.document) == ("document", "article")
    assert [(link.kind, link.url) for link in reading.links] == [
        (DOCUMENT, FIXTURES[name].url + "?print=1")]


def test_legacy_article_and_single_page_column():
    legacy, guide = read("legacy_article.html"), read("guide_single.html")
    assert (legacy.kind, legacy.document, legacy.links) == ("document", "article", [])
    assert (guide.kind, guide.document, guide.links) == ("document", "single", [])


@pytest.mark.parametrize("path,reason", [
    ("/art/2023/6/16/art_11_10201111.html?print=1", "print"),
    ("/module/xxgk/search.jsp?divid=div5012&infotypeId=0806&area=014000650", "search"),
    ("/jsearchfront/search.do?websiteid=320506000000000&q=x", "search"),
    ("/art/2023/6/16/art_11_10201111.html", None),
    ("/module/web/jpage/dataproxy.jsp?startrecord=46&endrecord=90&perpage=15", None),
])
def test_print_views_and_search_pages_are_never_fetched(path, reason):
    assert FAMILY.skip_reason(BASE + path) == reason


def test_print_view_names_its_article():
    article = BASE + "/art/2023/6/16/art_11_10201111.html"
    assert FAMILY.document_for_print(article + "?print=1") == article
    assert FAMILY.document_for_print(article) is None


def test_column_variants_are_the_column():
    assert Hanweb.column_url(BASE + "/col/col13/index.html?uid=5013&pageNum=3") == (
        BASE + "/col/col13/index.html")
    assert Hanweb.column_url(BASE + "/module/xxgk/search.jsp?uid=1") == (
        BASE + "/module/xxgk/search.jsp?uid=1")


# --- detection ------------------------------------------------------------------------


def fixture_text(path):
    return decode_html(path.read_bytes(), None).text


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_every_page_of_the_platform_is_recognised(name):
    text = decode_html(body(name), content_type(name)).text
    family, score = detect_family(FIXTURES[name].url, text)
    # a dataproxy answer: <datastore>, dataproxy.jsp in its nextgroup, article links
    assert (family, score) == ("hanweb", 70 if name.endswith(".xml") else 100)
    assert score >= DETECTION_THRESHOLD
    assert Jiyuehua.detect(FIXTURES[name].url, text) == 0


@pytest.mark.parametrize("path", sorted((FIXTURES_ROOT / "szwz").iterdir()), ids=lambda p: p.name)
def test_szwz_pages_are_not_claimed(path):
    assert Hanweb.detect("http://www.szwz.gov.cn/szwz/" + path.name, fixture_text(path)) == 0


@pytest.mark.parametrize("path", sorted((FIXTURES_ROOT / "trs").glob("*.html")),
                         ids=lambda p: p.name)
def test_trs_pages_are_not_claimed(path):
    assert Hanweb.detect("http://trs.replica.gov.cn/" + path.name, fixture_text(path)) \
        < DETECTION_THRESHOLD


def test_trs_style_shapes_score_nothing():
    page = ('<html><head><meta name="ArticleTitle" content="关于印发方案的通知"></head><body>'
            '<div class="TRS_Editor"><p>正文</p></div><a href="./202301/t20230110_123.html">下一篇</a>'
            '<script>createPageHTML(10, 0, "index", "html");</script></body></html>')
    assert Hanweb.detect("http://www.example.gov.cn/xxgk/202301/t20230110_123.html", page) == 0
    assert Hanweb.detect("http://www.example.gov.cn/xxgk/index_2.html", page) == 0


def test_a_hanweb_credit_on_another_platform_is_not_enough():
    path = FIXTURES_ROOT / "traps" / "hanweb_produced_by.html"
    url = "http://www.szwz.gov.cn/szwz/tzgg/202303/" + "0" * 32 + ".shtml"
    assert Hanweb.detect(url, fixture_text(path)) == 30
    assert detect_family(url, fixture_text(path))[0] == "jiyuehua"


# --- fields, through the real pipelines ---------------------------------------------------


def item(name):
    return extract(FIXTURES[name].url, body(name), content_type(name))


@pytest.fixture(scope="module")
def policy():
    return item("policy_article.html")


def test_policy_article_fields(policy):
    assert {k: policy[k] for k in ("url", "site", "title", "published_at", "source", "publisher",
                                   "index_no", "doc_no", "category", "breadcrumb", "column",
                                   "views", "lang", "http_status")} == {
        "url": BASE + "/art/2022/10/13/art_12_10201200.html",
        "site": "hanweb.replica.gov.cn",
        "title": "吴中区发展和改革委员会关于印发《吴中区促进制造业高质量发展实施方案》的通知",
        "published_at": "2022-10-13T14:47:00+08:00",
        "source": WEBNAME,
        "publisher": WEBNAME,
        "index_no": "014000319/2022-00001",
        "doc_no": "吴发改〔2022〕71号",
        "category": "规划计划",
        "breadcrumb": ["首页", "信息公开", "政策文件"],
        "column": "政策文件",
        "views": None,
        "lang": "zh-Hans",
        "http_status": 200,
    }


def test_policy_body_is_the_paragraphs_then_the_attachment_lines(policy):
    document = doc(12, 0)
    assert policy["body"].split("\n") == [
        *document.paragraphs,
        "附件1：吴中区促进制造业高质量发展政策解读.pdf",
        "附件2：吴中区促进制造业高质量发展任务分解表.docx"]
    assert len(document.paragraphs) == 3
    assert policy["body"].startswith("2022年7月，区公安分局组织召开促进制造业高质量发展工作推进会")


def test_download_links_get_their_type_and_name_from_their_parameters(policy):
    assert policy["attachments"] == [
        {"url": BASE + "/module/download/downfile.jsp?classid=0"
                       "&filename=4cd4d7d7e433058304da14c5f77fef1c.pdf",
         "name": "附件1：吴中区促进制造业高质量发展政策解读.pdf", "ext": "pdf",
         "filename": "附件1：吴中区促进制造业高质量发展政策解读.pdf"},
        {"url": BASE + "/module/download/downfile.jsp?classid=0"
                       "&filename=0b8cedc1485aa52fc8484bf2faf37bdc.docx&showname="
                       "%E5%90%B4%E4%B8%AD%E5%8C%BA%E4%BF%83%E8%BF%9B%E5%88%B6%E9%80%A0%E4%B8%9A"
                       "%E9%AB%98%E8%B4%A8%E9%87%8F%E5%8F%91%E5%B1%95%E4%BB%BB%E5%8A%A1%E5%88%86"
                       "%E8%A7%A3%E8%A1%A8.docx",
         "name": "吴中区促进制造业高质量发展任务分解表.docx", "ext": "docx",  # an icon link
         "filename": "吴中区促进制造业高质量发展任务分解表.docx"},
    ]


def test_pdf_named_only_in_a_viewer_script_is_listed():
    fields = item("policy_pdfurl.html")
    assert fields["attachments"] == [{
        "url": BASE + "/module/download/downfile.jsp?filename=8db8535b61c9bf6fe896113f7b440833.pdf"
                      "&classid=0",
        "name": "8db8535b61c9bf6fe896113f7b440833.pdf", "ext": "pdf",
        "filename": "8db8535b61c9bf6fe896113f7b440833.pdf"}]
    assert fields["body"] == "《吴中区加强政府投资项目管理实施方案》全文见PDF文件。"
    assert (fields["title"], fields["doc_no"], fields["index_no"]) == (
        "吴中区发展和改革委员会关于印发《吴中区加强政府投资项目管理实施方案》的通知",
        "吴发改〔2023〕74号", "014000319/2023-00005")
    assert fields["spam"]["contaminated"] is False


def test_notice_without_source():
    fields = item("notice_article.html")
    document = doc(11, 8)
    assert {k: fields[k] for k in ("title", "published_at", "source", "publisher", "index_no",
                                   "doc_no", "category", "breadcrumb", "column", "attachments",
                                   "views", "lang")} == {
        "title": "关于征求《乡村振兴工作方案》意见的公告",
        "published_at": "2022-10-29T11:12:00+08:00",
        "source": None, "publisher": None, "index_no": None, "doc_no": None, "category": None,
        "breadcrumb": ["首页", "信息公开", "通知公告"], "column": "通知公告",
        "attachments": [], "views": None, "lang": "zh-Hans",
    }
    assert fields["body"] == "\n".join(document.paragraphs)
    assert document.source is None and document.title == fields["title"]


def test_cross_listed_article_keeps_its_own_column():
    fields = item("work_cross_listed.html")
    assert (fields["title"], fields["published_at"], fields["source"], fields["column"]) == (
        "全区垃圾分类工作推进会召开", "2023-06-02T09:13:00+08:00", "区政府办", "工作动态")
    assert fields["body"] == "\n".join(CORPUS.by_id[CORPUS.traps.cross_listed].paragraphs)


def test_gbk_article_declared_only_in_meta():
    assert content_type("legacy_article.html") == "text/html"
    assert body("legacy_article.html").count(b"<meta charset=gb2312>") == 1
    fields = item("legacy_article.html")
    document = doc(999, 3)
    assert {k: fields[k] for k in ("title", "published_at", "source", "publisher", "breadcrumb",
                                   "column", "attachments", "views", "lang")} == {
        "title": "2015年耕地保护工作情况汇报",
        "published_at": "2015-03-27T14:12:00+08:00",
        "source": None, "publisher": None,
        "breadcrumb": ["首页", "信息公开", "往年信息"], "column": "往年信息",
        "attachments": [], "views": None, "lang": "zh-Hans",
    }
    assert fields["body"] == "\n".join(document.paragraphs)
    assert fields["spam"]["mojibake"] == []


def test_single_page_column_is_a_document():
    fields = item("guide_single.html")
    assert (fields["title"], fields["column"], fields["published_at"], fields["source"]) == (
        "政府信息公开指南", "政府信息公开指南", "2021-03-01T09:00:00+08:00", WEBNAME)
    assert fields["body"].split("\n")[0] == (
        "为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。")
    assert len(fields["body"].split("\n")) == 4


@pytest.mark.parametrize("name,kinds_removed", [
    ("hacked_junk.html", ["junk_tags", "keyword_line"]),
    ("hacked_farm.html", ["hidden_links"]),
    ("hacked_content.html", ["hidden_text", "keyword_line"]),
])
def test_hacked_articles_come_out_clean_and_reported(name, kinds_removed):
    fields = item(name)
    document = CORPUS.by_path[FIXTURES[name].path]
    assert CORPUS.traps.hacked[document.doc_id]
    assert fields["body"] == "\n".join(document.paragraphs)
    assert fields["title"] == document.title
    assert (fields["spam"]["contaminated"], fields["spam"]["kinds"]) == (True, kinds_removed)


@pytest.mark.parametrize("name", ["policy_article.html", "notice_article.html",
                                  "work_cross_listed.html", "legacy_article.html",
                                  "guide_single.html"])
def test_clean_pages_are_not_reported(name):
    """The hidden Produced By link, the visit.jsp iframe and the hits script are the site's own."""
    assert item(name)["spam"] == {"contaminated": False, "kinds": [], "removed": [],
                                  "mojibake": []}


# --- the replica's endpoints ----------------------------------------------------------


def replica_get(path, query="", method="GET", form=""):
    return site.HanwebSite().handle(method, site.HOST, path, query, form.encode())


def test_download_redirects_to_the_attachment_which_is_served():
    name = "4cd4d7d7e433058304da14c5f77fef1c.pdf"
    reply = replica_get("/module/download/downfile.jsp", f"classid=0&filename={name}")
    assert (reply.status, reply.headers["Location"]) == (302, f"/attach/0/{name}")
    pdf = replica_get(f"/attach/0/{name}")
    assert (pdf.status, pdf.headers["Content-Type"], pdf.body[:8]) == (
        200, "application/pdf", b"%PDF-1.4")


def test_the_short_proxy_path_is_not_found_and_get_page_n_answers_the_same_group():
    assert replica_get("/module/jpage/dataproxy.jsp", "startrecord=46&endrecord=90&perpage=15",
                       "POST", FIXTURES["dataproxy_tzgg_2.xml"].body).status == 404
    get = replica_get(site.PROXY, "page=4&appid=1&webid=63&path=/&columnid=11&unitid=5011"
                                  "&webname=x&permissiontype=0")
    assert get.body == body("dataproxy_tzgg_2.xml")


def test_column_variant_renders_page_one():
    assert replica_get("/col/col13/index.html", "uid=5013&pageNum=3").body == body(
        "column_gzdt.html")


def test_robots_print_view_and_dead_record():
    assert replica_get("/robots.txt").body == b"User-agent: *\nDisallow: /jact/\n"
    printed = replica_get("/art/2023/6/16/art_11_10201111.html", "print=1")
    assert printed.status == 200 and b"window.print()" in printed.body
    assert replica_get(CORPUS.traps.dead_path).status == 404
