import lxml.html
import pytest

from crawler.extraction.labels import read_labelled


def labelled(html):
    return read_labelled(lxml.html.fragment_fromstring(html, create_parent="div"))


@pytest.mark.parametrize("label", ["索引号：", "索&ensp;引&ensp;号：", "索 引 号:", "索\u3000引\u3000号：",
                                   "索&nbsp;引&nbsp;号：", "信息索引号："])
def test_padded_labels_in_a_dl_block(label):
    html = f'<dl><dd><label><font>{label}</font></label><div class="v">014152419/2023-00012</div></dd></dl>'
    assert labelled(html) == {"index_no": "014152419/2023-00012"}


def test_hanweb_style_table_without_colons():
    html = ("<table><tr><td>索 引 号</td><td>014/2023-1</td><td>主题分类</td><td>政府文件</td></tr>"
            "<tr><td>发布机构</td><td>区政府办</td><td>发布日期</td><td>2023-01-05</td></tr>"
            "<tr><td>文\xa0\xa0号</td><td>吴政办〔2023〕3号</td></tr></table>")
    assert labelled(html) == {"index_no": "014/2023-1", "category": "政府文件", "publisher": "区政府办",
                              "published": "2023-01-05", "doc_no": "吴政办〔2023〕3号"}


def test_several_labels_on_one_line_and_empty_values():
    assert labelled("<p>发布日期：2023-01-10 09:17 来源：区政府办 浏览次数：</p>") == {
        "published": "2023-01-10 09:17", "source": "区政府办", "views": None}


def test_an_empty_value_never_takes_the_next_label():
    html = '发布日期:<b>2023-01-10</b>&nbsp; 来源:<span class="ly"></span> 浏览量:<span id="hits"></span>'
    assert labelled(html) == {"published": "2023-01-10", "source": None, "views": None}


def test_longest_label_wins():
    assert labelled("<p>发文字号：吴政发〔2023〕1号</p><p>成文日期：2023年1月5日</p>") == {
        "doc_no": "吴政发〔2023〕1号", "written": "2023年1月5日"}
