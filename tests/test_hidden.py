import pytest

from crawler.cleaning.hidden import find_hidden_spam
from crawler.htmltree import parse_html

URL = "http://www.szwz.gov.cn/szwz/a.shtml"


def hidden_kinds(body, head=""):
    tree = parse_html(f"<html><head>{head}</head><body>{body}<p>正文</p></body></html>")
    return [(h.kind, h.element.tag) for h in find_hidden_spam(tree, URL, "www.szwz.gov.cn")]


@pytest.mark.parametrize("style", ["display:none", "DISPLAY: NONE", "visibility:hidden", "opacity:0",
                                   "font-size:0px", "text-indent:-9999px",
                                   "position:absolute;left:-3000px", "height:0;overflow:hidden",
                                   "width:1px;height:1px;overflow:hidden"])
def test_hiding_styles_with_a_spam_link(style):
    body = f'<div style="{style}"><a href="http://www.x8x8.com/">澳门新葡京官网</a></div>'
    assert hidden_kinds(body) == [("hidden_links", "div")]


def test_tiny_marquee_and_hidden_attribute():
    assert hidden_kinds('<marquee height="1"><a href="http://bet.example.com/">百家乐真人平台</a></marquee>') == [
        ("hidden_links", "marquee")]
    assert hidden_kinds('<p hidden>国产精品久久|日韩av无码|中文字幕在线</p>') == [("hidden_text", "p")]


def test_class_hidden_by_the_pages_own_style_rule():
    body = '<div class="footer lk"><a href="http://a1.cc/">真人百家乐游戏</a></div>'
    assert hidden_kinds(body, "<style>.lk { display: none }</style>") == [("hidden_links", "div")]


def test_link_farm_without_spam_words():
    links = "".join(f'<a href="http://www.shop{n}.com/">商品{n}</a>' for n in range(4))
    assert hidden_kinds(f'<div style="display:none">{links}</div>') == [("hidden_links", "div")]


@pytest.mark.parametrize("body", [
    '<div class="mobile-nav" style="display:none"><a href="/">首页</a><a href="/xxgk/">信息公开</a></div>',
    '<div id="share" style="display:none"><a href="http://service.weibo.com/share/share.php?u=1">微博</a>'
    '<a href="https://sns.qzone.qq.com/cgi-bin/qzshare">QQ空间</a></div>',
    "<a href='http://www.hanweb.com' style='display:none'>Produced By 大汉网络 大汉版通发布系统</a>",
    '<div style="display:none"><a href="http://www.suzhou.gov.cn/">苏州市政府</a>'
    '<a href="http://www.jiangsu.gov.cn/">江苏省政府</a><a href="http://www.gov.cn/">中国政府网</a></div>',
    '<div style="display:none">无障碍浏览 放大 缩小 语音朗读</div>',
    '<marquee direction="left"><a href="http://www.bank.example.com/">春节期间营业安排</a></marquee>',
    '<div style="display:none">关于开展打击网络赌博违法犯罪活动的通告</div>',
])
def test_legitimate_hidden_things(body):
    assert hidden_kinds(body) == []
