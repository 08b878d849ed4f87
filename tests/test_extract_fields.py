"""Each item field, extracted from saved replica pages by the full pipeline chain."""

import pytest

from tests.helpers import extract_fixture

SEED_SECTIONS = [
    "1.有效应对疫情冲击,", "2.坚定不移做强产业,", "3.全面深化转型升级,", "4.全力以赴破局解难,",
    "5.坚持不懈统筹融合,", "6.矢志不渝保护生态,", "7.凝心聚力改善民生,",
]
CHROME = ["打印此页", "关闭窗口", "打印预览", "主办单位", "苏ICP备", "网站标识码", "您当前所在位置",
          "用户登录", "上一篇", "下一篇", "浏览量", "发布日期", "分享到", "索引号", "索 引 号",
          "内容概述", "信息公开意见箱", "政务服务中心"]


@pytest.fixture(scope="module")
def seed():
    return extract_fixture("seed_article.html")


@pytest.fixture(scope="module")
def policy():
    return extract_fixture("policy_article.html")


@pytest.fixture(scope="module")
def notice():
    return extract_fixture("notice_article.html")


def test_url_is_the_canonical_address(seed):
    assert seed["url"] == (
        "http://www.szwz.gov.cn/szwz/qzfzdgz/202301/baeba41be9e24005a3b07d06585549e7.shtml")


def test_site_is_the_host(seed):
    assert seed["site"] == "www.szwz.gov.cn"


def test_title(seed, policy):
    assert seed["title"] == "2022年政府工作总结"
    assert policy["title"] == "苏州市吴中区人民政府关于加快发展数字经济的实施意见"


def test_published_at_in_china_standard_time(seed, policy):
    assert seed["published_at"] == "2023-01-10T09:17:15+08:00"
    assert policy["published_at"] == "2022-11-28T08:40:38+08:00"


def test_empty_source_is_null_and_given_source_is_kept(seed, notice):
    assert seed["source"] is None
    assert notice["source"] == "区融媒体中心"


def test_publisher(seed, policy):
    assert policy["publisher"] == "苏州市吴中区人民政府"
    assert seed["publisher"] is None


def test_index_no_label_padded_with_ensp(policy):
    assert policy["index_no"] == "014152419/2022-00002"


def test_doc_no(policy):
    assert policy["doc_no"] == "吴政发〔2022〕38号"


def test_category_label_padded_with_emsp(policy):
    assert policy["category"] == "其他文件"


def test_breadcrumb(seed, policy):
    assert seed["breadcrumb"] == ["首页", "信息公开", "重点政务信息", "重点工作", "区政府重点工作"]
    assert policy["breadcrumb"] == ["首页", "信息公开", "政策文件"]


def test_column(seed, notice):
    assert seed["column"] == "区政府重点工作"
    assert notice["column"] == "通知公告"


def test_body_keeps_every_paragraph_whole(seed):
    lines = seed["body"].split("\n")
    assert len(lines) == 9
    assert lines[0].startswith("2022年,是极不平凡的一年,面对国际国内形势的复杂变化")
    assert lines[0].endswith("蝉联全国市辖区GEP首位。")
    assert [line[: len(s)] for line, s in zip(lines[1:8], SEED_SECTIONS)] == SEED_SECTIONS
    assert lines[8].startswith("2022年,深入学习贯彻党的二十大精神,")
    assert lines[8].endswith("完善预算绩效管理体系,335家单位纳入预算绩效目标管理。")
    assert "吴中人民医院互联网医院" in lines[1]


@pytest.mark.parametrize("name", ["seed_article.html", "policy_article.html",
                                  "notice_article.html", "annual_report.html"])
def test_body_has_no_page_chrome(name):
    body = extract_fixture(name)["body"]
    assert [word for word in CHROME if word in body] == []


def test_body_ends_with_attachment_list(policy):
    assert policy["body"].split("\n")[-3:] == [
        "附件：", "附件1：吴中区加快发展数字经济政策解读.pdf", "附件2：吴中区加快发展数字经济任务分解表.docx"]


def test_attachments_relative_and_root_relative(policy):
    base = "http://www.szwz.gov.cn/szwz/zcwj/202211/e5aafd74be6d6d9d3651a196f34b4b6f/files/"
    assert policy["attachments"] == [
        {"url": base + "1f5bfdf68345598977e38f4f772cde8b.pdf",
         "name": "附件1：吴中区加快发展数字经济政策解读.pdf", "ext": "pdf",
         "filename": "附件1：吴中区加快发展数字经济政策解读.pdf"},
        {"url": base + "65a358c2497f8fb1aaa48b287de6eb23.docx",
         "name": "附件2：吴中区加快发展数字经济任务分解表.docx", "ext": "docx",
         "filename": "附件2：吴中区加快发展数字经济任务分解表.docx"},
    ]


def test_attachment_only_article_keeps_its_file_and_metadata():
    item = extract_fixture("policy_attachment_only.html")
    assert item["title"] == "苏州市吴中区人民政府关于推进养老服务体系建设的实施意见"
    assert item["body"] == "吴中区推进养老服务体系建设实施细则.pdf"
    assert [a["ext"] for a in item["attachments"]] == ["pdf"]
    assert item["doc_no"] == "吴政发〔2021〕108号"


def test_pdf_only_annual_report():
    item = extract_fixture("annual_report.html")
    assert item["title"] == "吴中区2022年政府信息公开工作年度报告"
    assert item["published_at"] == "2023-01-28T10:00:00+08:00"
    assert item["attachments"] == [{
        "url": "http://www.szwz.gov.cn/szwz/ndbg/202301/22ad8857e7dcaee8931bacb94b3a2680/files/"
               "4469d534d8214328363e39db9b747e65.pdf",
        "name": "吴中区2022年政府信息公开工作年度报告.pdf", "ext": "pdf",
        "filename": "吴中区2022年政府信息公开工作年度报告.pdf"}]


def test_single_page_is_a_document():
    item = extract_fixture("guide_single.html")
    assert item["title"] == "政府信息公开指南"
    assert item["column"] == "政府信息公开指南"
    assert item["body"].split("\n")[0] == (
        "为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。")


def test_views_are_null_when_a_script_fills_them(seed):
    assert seed["views"] is None


def test_lang(seed):
    assert seed["lang"] == "zh-Hans"


def test_http_status_and_crawled_at(seed):
    assert seed["http_status"] == 200
    assert seed["crawled_at"] == "2026-01-01T00:00:00+00:00"


def test_no_working_data_leaves_the_pipeline(seed):
    assert "page" not in seed
