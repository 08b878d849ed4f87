import lxml.html

from crawler.extraction.text import block_text, inline_text


def text_of(html):
    return block_text(lxml.html.fragment_fromstring(html, create_parent="div"))


def test_one_paragraph_per_line_and_indents_removed():
    html = "<p>\u3000\u3000第一段，\n  继续。</p><p>第二段<br>第三行</p><div><span>甲</span><b>乙</b></div>"
    assert text_of(html) == "第一段，继续。\n第二段\n第三行\n甲乙"


def test_scripts_styles_and_comments_are_not_text():
    html = "<p>正文<script>var a=1;</script><style>p{}</style><!-- 注释 -->结束</p>"
    assert text_of(html) == "正文结束"


def test_table_rows_are_lines_and_cells_tab_separated():
    html = "<table><tr><th>项目</th><th>数量</th></tr><tr><td>主动公开</td><td> 1,234 </td></tr></table>"
    assert text_of(html) == "项目\t数量\n主动公开\t1,234"


def test_latin_words_keep_their_spaces():
    assert text_of("<p>PM2.5 and  GEP  first</p>") == "PM2.5 and GEP first"


def test_tail_of_the_element_is_not_included():
    root = lxml.html.fromstring("<div><p id='a'>内</p>外</div>")
    assert block_text(root.get_element_by_id("a")) == "内"


def test_inline_text_joins_lines():
    assert inline_text(lxml.html.fromstring("<h1>标题<br>第二行</h1>")) == "标题 第二行"
    assert inline_text(" a \n b ") == "a b"


def test_control_characters_are_dropped():
    assert text_of("<p>正文&#3;结束\x07</p><p>\x1f</p>") == "正文结束"
