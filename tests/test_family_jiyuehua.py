"""Navigation of the 集约化 family on saved replica pages: what each page is and where it leads."""

import pytest

from crawler.families import DETECTION_THRESHOLD, detect_family
from crawler.families.base import API, DOCUMENT, PAGE
from crawler.families.jiyuehua import Jiyuehua
from crawler.htmltree import load_html
from crawler.profiles import load_profile
from tests.helpers import SZWZ, fixture_bytes, fixture_url

FAMILY = Jiyuehua()


def read(name, family=FAMILY):
    _, tree = load_html(fixture_bytes(name), "text/html; charset=utf-8")
    return family.read_page(fixture_url(name), tree)


def kinds(reading, kind):
    return [link for link in reading.links if link.kind == kind]


def test_section_root_lists_every_column_and_the_latest_articles():
    reading = read("root.html")
    assert reading.kind == "section"
    assert [(link.url[len(SZWZ):], link.hints["column"]) for link in kinds(reading, PAGE)] == [
        ("/szwz/gkzn/index.shtml", "政府信息公开指南"),
        ("/szwz/gkzd/index.shtml", "政府信息公开制度"),
        ("/szwz/qzfzdgz/nav_list.shtml", "区政府重点工作"),
        ("/szwz/tzgg/nav_list.shtml", "通知公告"),
        ("/szwz/xxgkml.shtml?cxtype=1&channel_id=8720c7b8db5f50c2e52ec3716fd4ef35", "政策文件"),
        ("/szwz/ndbg/nav_list.shtml", "政府信息公开年报"),
        ("/szwz/ysqgk/index.shtml", "依申请公开"),
        ("/szwz/admin/xxgk/yjx.shtml", "信息公开意见箱"),
    ]
    documents = [link.url for link in kinds(reading, DOCUMENT)]
    assert documents == [
        SZWZ + "/szwz/tzgg/202305/15777de84afcb79fc6c21cd8b94399e4.shtml",
        SZWZ + "/szwz/tzgg/202304/7ee66afea2a697fea1256780711ad3ac.shtml",
        "https://www.szwz.gov.cn/szwz/qzfzdgz/202306/33338cd2f2a0bfcc06ddb364adbac5d6.shtml",
        "http://szwz.gov.cn/szwz/tzgg/202306/c2b9df868ca22ced508f5fdc18107a3c.shtml",
        SZWZ + "/szwz/zcwj/202211/cc78841e2fca4dcfa76bdcab00fe959e.shtml?uid=64523",
        SZWZ + "/szwz/qzfzdgz/202303/3bdf717a4f8625250c3333eaedf1b08e.shtml#top",
    ]


def test_static_list_page_yields_its_rows_with_hints_and_every_script_page():
    reading = read("list_qzfzdgz_1.html")
    assert reading.kind == "list"
    documents = kinds(reading, DOCUMENT)
    assert len(documents) == 15
    assert documents[4].url == SZWZ + "/szwz/qzfzdgz/202301/baeba41be9e24005a3b07d06585549e7.shtml"
    assert documents[4].hints == {"title": "2022年政府工作总结", "date": "2023-01-10",
                                  "column": "区政府重点工作"}
    assert documents[1].url == SZWZ + "/szwz/qzfzdgz/202305/cbf000b9f4c3b32de4bb43597ee22777.shtml"
    assert [link.url[len(SZWZ):] for link in kinds(reading, PAGE)] == [
        "/szwz/qzfzdgz/nav_list.shtml", "/szwz/qzfzdgz/nav_list_2.shtml",
        "/szwz/qzfzdgz/nav_list_3.shtml"]


def test_json_only_column_leads_to_its_list_api():
    reading = read("list_tzgg.html")
    assert reading.kind == "list"
    [api] = reading.links
    assert api.kind == API
    assert api.url == (SZWZ + "/szinf/info/getInfoCommon/?pagesize=15&currpage=1"
                       "&channelid=1efa2907e651c63326855a3cc029e821")


def test_catalogue_shell_leads_to_the_district_list_api():
    reading = read("catalogue_zcwj.html")
    [api] = reading.links
    assert api.url == (SZWZ + "/appsearch/wzapi/list/?cxtype=1"
                       "&channel_id=8720c7b8db5f50c2e52ec3716fd4ef35&pageSize=15&currentPage=1")
    assert api.hints["column"] == "政策文件"


def test_profile_pins_the_list_api_name():
    family = Jiyuehua(load_profile("szwz"))
    [api] = read("catalogue_zcwj.html", family).links
    assert api.hints["path"] == "/appsearch/wzapi/list/"


def api_reading(name, hints):
    return FAMILY.read_api(fixture_url(name), fixture_bytes(name), hints)


def test_info_api_page_one_schedules_the_remaining_pages():
    hints = {"api": "info", "path": "/szinf/info/getInfoCommon/", "size": 15,
             "channel": "1efa2907e651c63326855a3cc029e821", "page": 1, "column": "通知公告"}
    reading = api_reading("api_info_tzgg_1.json", hints)
    assert len(kinds(reading, DOCUMENT)) == 15
    assert kinds(reading, DOCUMENT)[0].hints["date"] == "2023-06-15 14:32:17"
    assert [link.hints["page"] for link in kinds(reading, API)] == [2, 3]


def test_catalogue_api_skips_rows_of_other_channels_and_keeps_the_repeated_row():
    hints = {"api": "catalogue", "path": "/appsearch/wzapi/list/", "size": 15, "cxtype": "1",
             "channel": "8720c7b8db5f50c2e52ec3716fd4ef35", "page": 2, "column": "政策文件"}
    reading = api_reading("api_wz_zcwj_2.json", hints)
    assert reading.skipped == {"channel_mismatch": 1}
    assert len(kinds(reading, DOCUMENT)) == 15
    assert kinds(reading, API) == []
    page_one = api_reading("api_wz_zcwj_1.json", {**hints, "page": 1})
    assert kinds(page_one, DOCUMENT)[-1].url == kinds(reading, DOCUMENT)[0].url


def test_api_answering_html_is_an_error_reading():
    reading = FAMILY.read_api(SZWZ + "/szinf/info/getInfoCommon/", b"<html>busy</html>",
                              {"api": "info", "page": 1})
    assert (reading.kind, reading.note) == ("error", "list API did not answer JSON")


def test_form_page_is_not_a_document():
    assert read("form_ysqgk.html").kind == "form"


@pytest.mark.parametrize("name,kind", [("seed_article.html", "article"),
                                       ("annual_report.html", "article"),
                                       ("guide_single.html", "single")])
def test_document_pages(name, kind):
    reading = read(name)
    assert (reading.kind, reading.document) == ("document", kind)


def test_articles_lead_only_to_their_print_view():
    """Prev/next links would walk out of a column crawl through cross-listed articles; the
    print view is followed only to be recorded as another address of the article."""
    assert [link.url for link in read("seed_article.html").links] == [
        SZWZ + "/szwz/print/qzfzdgz/202301/baeba41be9e24005a3b07d06585549e7.shtml"]


@pytest.mark.parametrize("path,reason", [
    ("/szwz/print/qzfzdgz/202301/baeba41be9e24005a3b07d06585549e7.shtml", "print"),
    ("/szwz/search.shtml?q=%E5%B9%B4%E6%8A%A5", "search"),
    ("/szwz/qzfzdgz/202301/baeba41be9e24005a3b07d06585549e7.shtml", None),
    ("/szwz/qzfzdgz/nav_list_2.shtml", None),
])
def test_print_views_and_search_pages_are_never_fetched(path, reason):
    assert FAMILY.skip_reason(SZWZ + path) == reason


@pytest.mark.parametrize("name", ["root.html", "list_qzfzdgz_1.html", "list_tzgg.html",
                                  "catalogue_zcwj.html", "seed_article.html", "guide_single.html"])
def test_every_page_of_the_platform_is_recognised(name):
    text = fixture_bytes(name).decode("utf-8")
    family, score = detect_family(fixture_url(name), text)
    assert family == "jiyuehua"
    assert score >= DETECTION_THRESHOLD


def test_an_unrelated_page_is_not_recognised():
    page = "<html><head><title>Example</title></head><body><p>Hello</p></body></html>"
    assert detect_family("http://example.com/", page) == (None, 0)
