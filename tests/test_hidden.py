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


FARM = ('<a href="http://x1.bg-spam.com/0.html">澳门新葡京</a><a href="http://x1.bg-spam.com/1.html">'
        '真人视讯</a><a href="http://x1.bg-spam.com/2.html">电子游艺</a>')


@pytest.mark.parametrize("style", [
    "color:#ffffff;background:#ffffff", "color:#FFF; background-color: white",
    "text-indent:-99em;white-space:nowrap;overflow:hidden", "margin-left:-60rem",
    "transform:scale(0);position:absolute", "font-size:1px;color:#fefefe",
    "clip-path:inset(100%);position:absolute", "position:absolute;clip:rect(0,0,0,0)",
])
def test_evasive_hiding_styles(style):
    assert hidden_kinds(f'<div style="{style}">{FARM}</div>') == [("hidden_links", "div")]


@pytest.mark.parametrize("style", ["color:#333;background:#fff", "font-size:12px",
                                   "text-indent:2em", "transform:scale(1.05)", "margin-left:-2em"])
def test_visible_styles_are_not_hiding(style):
    assert hidden_kinds(f'<div style="{style}">{FARM}</div>') == []


def test_compound_and_descendant_selectors_in_the_pages_style():
    head = "<style>div.ft-x8q1{display:none} #ad-9k2w ul{display:none} li:hover ul{display:block}</style>"
    body = (f'<div class="ft-x8q1">{FARM}</div>'
            f'<div id="ad-9k2w"><p>可见的说明文字</p><ul>{FARM}</ul></div>')
    assert hidden_kinds(body, head) == [("hidden_links", "div"), ("hidden_links", "ul")]


def test_hidden_share_description_of_an_anti_gambling_notice():
    body = ('<div id="wx_share" style="display:none"><img src="/images/share.png">'
            "真人百家乐 棋牌游戏 电子游艺 网络赌博专项整治</div>")
    assert hidden_kinds(body) == []


@pytest.mark.parametrize("links", [
    # a hover dropdown of local media, and of the official lottery sites
    [("http://www.subaonet.com/", "苏州新闻网"), ("http://www.2500sz.com/", "名城苏州网"),
     ("https://www.csztv.com/", "看苏州"), ("http://www.jschina.com.cn/", "中国江苏网")],
    [("https://www.lottery.gov.cn/", "中国体育彩票"), ("http://www.zhcw.com/", "中彩网"),
     ("http://www.sporttery.cn/", "中国竞彩网"), ("http://www.cslc.com.cn/", "体彩中心")],
    [("http://news.subaonet.com/", "新闻"), ("http://v.subaonet.com/", "视频"),
     ("http://photo.subaonet.com/", "图片")],
])
def test_hidden_ordinary_offsite_links_without_spam_words(links):
    anchors = "".join(f'<a href="{href}">{text}</a>' for href, text in links)
    assert hidden_kinds(f'<div class="media-drop" style="display:none">{anchors}</div>') == []


@pytest.mark.parametrize("hosts", [
    ["a1.qk-pool.com", "b2.qk-pool.com", "c3.qk-pool.com"],  # numbered wildcard subdomains
    ["www.8x9k2.com", "www.ylc0098.top", "vip.jinsha777.cc"],  # random label, cheap TLDs
])
def test_link_farm_of_generated_hosts_without_spam_words(hosts):
    anchors = "".join(f'<a href="http://{host}/">链接{n}</a>' for n, host in enumerate(hosts))
    assert hidden_kinds(f'<div style="display:none">{anchors}</div>') == [("hidden_links", "div")]


@pytest.mark.parametrize("body", [
    '<dd style="display:none">答：可以设置经内容核查的游戏游艺设备，体育竞技、益智类、电子游艺类设备均应在'
    '设备清单中列明。</dd>',
    '<div style="display:none" id="jiedu"><p>《措施》明确，鼓励企业推出更多国产精品游戏和精品网络视频，'
    '原创游戏和短视频作品入选国家级精品推荐目录的另行给予奖励</p></div>',
    '<div style="display:none"><p>一区二区三园 综合发展平台 建设示意</p><p>记者从区发改委了解到，'
    '一区二区三园布局将通过综合服务平台统一调度招商资源。</p></div>',
    '<div style="display:none"><p>直播回放 演出现场掌声久久不息 综合频道同步播出</p>'
    '<p>视频：原创评弹演出片段，掌声久久回荡在剧场。</p></div>',
])
def test_hidden_tabs_and_accordions_of_prose_are_kept(body):
    assert hidden_kinds(body) == []


@pytest.mark.parametrize("body", [
    '<div style="display:none"><p>本站简介，欢迎访问。</p><p>国产精品久久久久|日韩无码中文字幕|午夜福利</p></div>',
    '<div style="display:none">新增托育机位620个。澳门新葡京|真人百家乐|开元棋牌|注册送彩金</div>',
    '<div style="display:none">澳门新葡京，真人百家乐，皇冠体育，开元棋牌，注册送彩金，www.js8899.com</div>',
])
def test_hidden_prose_with_a_keyword_line_is_spam(body):
    assert hidden_kinds(body) == [("hidden_text", "div")]
