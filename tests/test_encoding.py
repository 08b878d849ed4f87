import codecs

import pytest

from crawler.encoding import decode_html, looks_binary

PAGE = "<html><head>{meta}</head><body><p>苏州市吴中区政府信息公开</p></body></html>"


def test_meta_only_gb2312_page_is_read_as_gb18030():
    decoded = decode_html(PAGE.format(meta="<meta charset=gb2312>").encode("gbk"), "text/html")
    assert (decoded.encoding, decoded.how, decoded.mismatch) == ("gb18030", "declared", False)
    assert "苏州市吴中区" in decoded.text


def test_undeclared_gbk_is_detected():
    decoded = decode_html(PAGE.format(meta="").encode("gb18030"), None)
    assert (decoded.encoding, decoded.how) == ("gb18030", "detected")
    assert "政府信息公开" in decoded.text


def test_gbk_bytes_declared_utf8_are_read_as_gbk_and_flagged():
    decoded = decode_html(PAGE.format(meta="").encode("gbk"), "text/html; charset=utf-8")
    assert (decoded.encoding, decoded.declared, decoded.mismatch) == ("gb18030", "utf-8", True)
    assert "政府信息公开" in decoded.text


def test_utf8_bytes_declared_gbk_are_read_as_utf8_and_flagged():
    decoded = decode_html(PAGE.format(meta='<meta charset="gbk">').encode("utf-8"), None)
    assert (decoded.encoding, decoded.declared, decoded.mismatch) == ("utf-8", "gb18030", True)


def test_meta_after_the_first_kilobytes_is_seen():
    body = ("<html><head>" + "<!-- padding -->" * 600 + '<meta charset="gbk"></head>'
            "<body>苏州</body></html>").encode("gbk")
    assert decode_html(body, None).how == "declared"


def test_bom_wins():
    assert decode_html(codecs.BOM_UTF8 + "<p>苏州</p>".encode(), "text/html; charset=gbk").text == "<p>苏州</p>"


def test_big5_page():
    decoded = decode_html("<p>政府資訊公開</p>".encode("big5"), "text/html; charset=big5")
    assert (decoded.text, decoded.encoding) == ("<p>政府資訊公開</p>", "big5hkscs")


@pytest.mark.parametrize("body,expected", [
    (b"%PDF-1.4\n...", True), (b"PK\x03\x04rest", True), (b"\x89PNG\r\n", True),
    (b"<html>\x00\x00</html>", True), ("<p>中文</p>".encode(), False), (b"", False),
    (codecs.BOM_UTF16_LE + "<p>x</p>".encode("utf-16-le"), False),
])
def test_binary_bodies(body, expected):
    assert looks_binary(body) is expected
