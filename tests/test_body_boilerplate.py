"""Page furniture inside the content container (crawler/extraction/boilerplate.py), and the
other field rules the unseen pages asked for: table cells, titles, labels, attachments."""

from __future__ import annotations

import lxml.html
import pytest

from crawler.extraction.attachments import article_attachments, find_attachments
from crawler.extraction.boilerplate import body_text, is_toolbar_text
from crawler.extraction.text import block_text, heading_text
from crawler.families.base import parse_breadcrumb, strip_field_label
from crawler.families.generic import Generic

BASE = "http://www.example.gov.cn/a/b/t1.html"


def body_of(html: str) -> tuple[str, int]:
    return body_text(lxml.html.fragment_fromstring(html, create_parent="div"))


@pytest.mark.parametrize("text", [
    "【打印本页】 【关闭窗口】", "【字体：大 中 小】 打印本页", "分享到：微信 QQ空间 新浪微博",
    "扫一扫在手机打开当前页", "打印此页 关闭窗口", "[ 返回顶部 ] [ 打印 ] [ 关闭 ]",
])
def test_toolbar_text(text):
    assert is_toolbar_text(text)


@pytest.mark.parametrize("text", [
    "请打印后填写并关闭窗口。", "大", "中 小", "微信", "打印机采购项目", "关闭违规企业3家",
])
def test_not_toolbar_text(text):
    assert not is_toolbar_text(text)


def test_toolbar_blocks_are_left_out():
    assert body_of("<p>正文第一段。</p><div class='tools'>【<a href='#'>打印</a>】"
                   "【<a href='#'>关闭</a>】</div><p>正文第二段。</p>"
                   "<div><p>分享到：</p><p><a href='#'>微信</a></p></div>") == (
        "正文第一段。\n正文第二段。", 2)


def test_toolbar_line_between_br_is_left_out():
    assert body_of("<p>正文。<br>【打印本页】【关闭窗口】<br>落款</p>") == ("正文。\n落款", 1)


def test_sentences_mentioning_toolbar_words_stay():
    html = ("<p>请打印本页并关闭窗口后提交。</p><p>上一篇报道中提到的项目已完工。</p>"
            "<p>相关文件请到<a href='/x.html'>办事大厅</a>领取。</p>")
    assert body_of(html) == (
        "请打印本页并关闭窗口后提交。\n上一篇报道中提到的项目已完工。\n相关文件请到办事大厅领取。", 0)


def test_previous_next_links_are_left_out():
    html = ("<p>正文。</p><div class='pn'><p>上一篇：<a href='/1.html'>甲</a></p>"
            "<p>下一篇：没有了</p></div><p>下一篇：<a href='/2.html'>乙</a></p>")
    assert body_of(html) == ("正文。", 2)


def test_previous_next_with_text_outside_links_stays():
    assert body_of("<p>上一篇：<a href='/1.html'>甲</a>，已于昨日发布。</p>")[0] == (
        "上一篇：甲，已于昨日发布。")


def test_trailing_related_links_are_left_out():
    html = ("<p>正文。</p><div class='xglj'><h3>相关链接</h3><ul>"
            "<li><a href='/1.html'>甲</a><span>2023-05-20</span></li>"
            "<li><a href='/2.html'>乙</a></li></ul></div><div>【关闭窗口】</div>")
    assert body_of(html) == ("正文。", 2)


def test_related_links_as_siblings_of_the_body_paragraphs():
    html = ("<p>正文。</p><p><b>相关阅读：</b></p><p><a href='/1.html'>甲</a></p>"
            "<p><a href='/2.html'>乙</a></p>")
    assert body_of(html) == ("正文。", 3)


def test_related_heading_with_text_after_it_stays():
    html = ("<p>正文。</p><h3>相关文件</h3><ul><li><a href='/1.html'>甲</a></li></ul>"
            "<p>特此通知。</p>")
    assert body_of(html)[0] == "正文。\n相关文件\n甲\n特此通知。"


def test_related_files_that_are_attachments_stay():
    html = "<p>正文。</p><h3>相关文件</h3><ul><li><a href='/1.pdf'>实施方案.pdf</a></li></ul>"
    assert body_of(html)[0] == "正文。\n相关文件\n实施方案.pdf"


def test_cells_with_paragraphs_stay_on_their_row():
    root = lxml.html.fromstring(
        "<div><table><tr><td><p>人员类别</p></td><td><p>个人缴费</p><p>（元/年）</p></td></tr>"
        "<tr><td>成年居民<br>（18岁以上）</td><td>480</td></tr></table></div>")
    assert block_text(root) == "人员类别\t个人缴费 （元/年）\n成年居民 （18岁以上）\t480"


def test_a_layout_cell_keeps_its_paragraphs():
    root = lxml.html.fromstring(
        "<div><table><tr><td width='10'>&nbsp;</td><td><p>第一段。</p><p>第二段。</p></td>"
        "</tr></table></div>")
    assert block_text(root) == "第一段。\n第二段。"


def test_a_table_in_a_cell_keeps_its_rows():
    root = lxml.html.fromstring(
        "<div><table><tr><td>说明</td><td><table><tr><td>甲</td><td>1</td></tr>"
        "<tr><td>乙</td><td>2</td></tr></table></td></tr></table></div>")
    assert block_text(root) == "说明\n甲\t1\n乙\t2"


def test_heading_br_between_chinese_adds_no_space():
    h1 = lxml.html.fragment_fromstring("<h1>关于做好2023年<br>高温天气防范工作的提示<br>(2023 edition)</h1>")
    assert heading_text(h1) == "关于做好2023年高温天气防范工作的提示 (2023 edition)"


def test_generic_title_is_the_heading_the_head_title_names():
    tree = lxml.html.fromstring(
        "<html><head><title>县民政局开展安全隐患大排查行动_通知公告_如东县民政局</title></head>"
        "<body><div class='top'><h1>如东县民政局</h1></div>"
        "<div class='title'>县民政局开展安全隐患大排查行动</div></body></html>")
    assert Generic.title(tree) == "县民政局开展安全隐患大排查行动"


def test_generic_title_without_a_match_is_the_first_heading():
    tree = lxml.html.fromstring("<html><head><title>如东县民政局</title></head><body>"
                                "<h1>县民政局开展安全隐患大排查行动</h1></body></html>")
    assert Generic.title(tree) == "县民政局开展安全隐患大排查行动"


@pytest.mark.parametrize(("text", "value"), [
    ("来源：区住建委", "区住建委"), ("信息来源 : 市政府办公室", "市政府办公室"),
    ("浏览次数：356", "356"), ("习近平：坚持人民至上", "习近平：坚持人民至上"), ("区住建委", "区住建委"),
])
def test_field_label_is_stripped(text, value):
    assert strip_field_label(text) == value


def test_breadcrumb_drops_the_page_itself():
    crumb = lxml.html.fragment_fromstring("<div>当前位置：首页 &gt; 通知公告 &gt; 正文</div>")
    assert parse_breadcrumb(crumb) == ["首页", "通知公告"]
    assert parse_breadcrumb(lxml.html.fragment_fromstring("<div>正文</div>")) == ["正文"]


def test_icon_link_then_named_link_keeps_the_name():
    root = lxml.html.fragment_fromstring(
        "<p>附件：<a href='/dl.jsp?filename=4f3e.pdf'><img src='pdf.gif'></a>"
        "<a href='/dl.jsp?filename=4f3e.pdf'>管理规定.pdf</a>"
        "<a href='/files/plain.doc'><img src='doc.gif'></a></p>")
    assert [(a["url"], a["name"]) for a in find_attachments(root, BASE)] == [
        ("http://www.example.gov.cn/dl.jsp?filename=4f3e.pdf", "管理规定.pdf"),
        ("http://www.example.gov.cn/files/plain.doc", "plain.doc")]


def test_attachments_after_the_body_in_the_article():
    page = lxml.html.fromstring(
        "<html><body><div class='article'><div class='TRS_Editor'><p>正文。</p></div>"
        "<div class='fj'>附件：<a href='./P0201.pdf'>年度报告.pdf</a></div></div>"
        "<div class='footer'><a href='/guide.pdf'>网站指南.pdf</a></div></body></html>")
    editor = page.find_class("TRS_Editor")[0]
    assert [a["name"] for a in article_attachments(editor, BASE)] == ["年度报告.pdf"]


def test_no_attachments_from_the_page_around_a_body_child_of_body():
    page = lxml.html.fromstring("<html><body><div id='zoom'><p>正文。</p></div>"
                                "<div class='footer'><a href='/guide.pdf'>指南.pdf</a></div>"
                                "</body></html>")
    assert article_attachments(page.get_element_by_id("zoom"), BASE) == []


def test_a_data_cell_with_a_toolbar_word_keeps_its_column():
    root = lxml.html.fragment_fromstring(
        "<div><table><tr><td>收藏</td><td>2件</td></tr><tr><td>打印</td><td>关闭</td></tr>"
        "</table></div>")
    assert body_text(root) == ("收藏\t2件", 1)


def test_a_short_title_block_naming_the_column_is_no_title():
    tree = lxml.html.fromstring(
        "<html><head><title>通知公告_关于开展安全检查的通知</title></head><body>"
        "<div class='column-title'>通知公告</div><h1>关于开展安全检查的通知</h1></body></html>")
    assert Generic.title(tree) == "关于开展安全检查的通知"
