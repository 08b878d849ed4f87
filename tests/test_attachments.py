import lxml.html

from crawler.extraction.attachments import attachment_ext, find_attachments

BASE = "http://www.szwz.gov.cn/szwz/zcwj/202301/abc.shtml"


def test_attachment_links_in_several_styles():
    html = """<div><p><a href="./abc/files/1.pdf">附件1：办法.pdf</a></p>
    <p><a href="/szwz/zcwj/202301/abc/files/2.DOCX">附件2</a></p>
    <p><a href="//www.szwz.gov.cn/module/download/downfile.jsp?classid=0&amp;filename=f3.xlsx">表格</a></p>
    <p><a href="http://www.szwz.gov.cn/szwz/zcwj/202301/other.shtml">相关阅读</a></p>
    <p><a href="javascript:void(0)">打印</a><a href="./abc/files/1.pdf">重复</a></p></div>"""
    assert find_attachments(lxml.html.fromstring(html), BASE) == [
        {"url": "http://www.szwz.gov.cn/szwz/zcwj/202301/abc/files/1.pdf", "name": "附件1：办法.pdf",
         "ext": "pdf"},
        {"url": "http://www.szwz.gov.cn/szwz/zcwj/202301/abc/files/2.DOCX", "name": "附件2",
         "ext": "docx"},
        {"url": "http://www.szwz.gov.cn/module/download/downfile.jsp?classid=0&filename=f3.xlsx",
         "name": "表格", "ext": "xlsx"},
    ]


def test_link_without_text_is_named_after_its_file():
    html = '<div><a href="/files/%E5%B9%B4%E6%8A%A5.pdf"><img src="pdf.png"></a></div>'
    assert find_attachments(lxml.html.fromstring(html), BASE)[0]["name"] == "年报.pdf"


def test_a_download_script_link_without_text_is_named_by_its_parameters():
    html = ('<div><a href="/module/download/downfile.jsp?classid=0&amp;filename=8a1f.pdf'
            '&amp;showname=%E5%AE%9E%E6%96%BD%E7%BB%86%E5%88%99.pdf"><img src="pdf.png"></a>'
            '<a href="/module/download/downfile.jsp?classid=0&amp;filename=9b2e.docx"></a></div>')
    assert [a["name"] for a in find_attachments(lxml.html.fromstring(html), BASE)] == [
        "实施细则.pdf", "9b2e.docx"]


def test_attachment_ext():
    assert attachment_ext("http://h/a/b.shtml") is None
    assert attachment_ext("http://h/download.jsp?showname=%E5%B9%B4%E6%8A%A5.ofd") == "ofd"
