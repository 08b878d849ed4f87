"""Legitimate pages that look like spam to a naive filter; the cleaner must leave them alone.

Each trap is a 集约化 article page (the platform's real layout) carrying one
thing an honest government page has: words like 赌博/色情/成人教育/乳制品/彩票/澳门
in real sentences, hidden menus and share panels, a CMS's hidden "Produced By"
link, a marquee ticker, a 繁體 switch, a same-site mobile redirect, empty
elements with duplicated ids, questions and English in the text, a Hong Kong
page in Traditional script, and the official site's own Traditional gateway.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime

import opencc

from tests.replica import corpus
from tests.replica.corpus import Document
from tests.replica.hosts import szwz


@dataclass(frozen=True)
class Trap:
    name: str
    url: str
    html: str
    doc: Document
    expected_kinds: tuple[str, ...] = ()
    served_script: str = "zh-Hans"


def _doc(name: str, title: str, paragraphs: tuple[str, ...], source: str | None = None) -> Document:
    return Document("tzgg", corpus.hex_id("trap", name), title, datetime(2023, 3, 15, 10, 0, 0),
                    paragraphs, source=source)


def _notice(index: int) -> Document:
    trap = szwz.TRAP_NOTICES[index]
    return _doc(f"notice{index}", trap["title"], tuple(trap["paragraphs"]), trap["source"])


def trap_pages() -> list[Trap]:
    site = szwz.SzwzSite()
    base = f"http://{szwz.HOST}"

    def page(doc: Document, edit=lambda html: html, host_url: str = base) -> tuple[str, str]:
        return host_url + szwz.doc_path(doc), edit(site.article_page(doc))

    traps = [
        Trap(name, *page(_notice(i)), _notice(i)) for i, name in enumerate(
            ("gambling_crackdown", "saohuang_report", "adult_education", "dairy_inspection",
             "lottery_outlets", "macau_cooperation"))
    ]
    links_doc = _doc("links", "关于公布全区彩票销售网点的通知", (
        "现将全区彩票销售网点名单予以公布，供群众查询。",
        "相关链接：中国福利彩票 | 中国体育彩票 | 国家体育总局 | 澳门特别行政区政府",
    ))
    traps.append(Trap("link_list_with_lottery_words", *page(links_doc), links_doc))
    plain = _doc("plain", "区政府召开2023年安全生产工作会议", corpus.paragraphs_about(
        "安全生产", random.Random("trap-plain"), 3), "区应急管理局")
    hanweb_link = ("<a href='http://www.hanweb.com' style='display:none'>"
                   "Produced By 大汉网络 大汉版通发布系统</a>")
    ticker = ('<marquee direction="up" scrollamount="2" height="60"><a href="/szwz/tzgg/nav_list.shtml">'
              "关于做好2023年春节期间安全生产工作的通知</a></marquee>")
    fanti = ('<script src="/szwz/js/fanti.js"></script>'
             '<script>var defaultEncoding = 1; StranBody();</script>')
    mobile = ('<script>if (/Android|iPhone|iPad/i.test(navigator.userAgent)) '
              '{ window.location.href = "/szwz/m/index.shtml"; }</script>')
    empty_ids = ('<div id="page_div"></div><span id="hits"></span><span id="hits"></span>'
                 '<div id="qrcode"></div><i class="icon"></i>')
    keywords = '<meta name="Keywords" content="吴中区,政府信息公开,通知公告,彩票,体育,福利">'
    traps += [
        Trap("hidden_menus_and_share_panel", *page(plain), plain),
        Trap("hanweb_produced_by", *page(plain, lambda h: h.replace(
            '<div class="footer">', hanweb_link + '<div class="footer">')), plain),
        Trap("marquee_ticker", *page(plain, lambda h: h.replace(
            '<div class="article">', ticker + '<div class="article">')), plain),
        Trap("fanti_switch", *page(plain, lambda h: h.replace("</body>", fanti + "</body>")), plain),
        Trap("mobile_redirect", *page(plain, lambda h: h.replace("</head>", mobile + "</head>")),
             plain),
        Trap("empty_elements_with_duplicate_ids", *page(plain, lambda h: h.replace(
            '<div class="footer">', empty_ids + '<div class="footer">')), plain),
        Trap("legitimate_meta_keywords", *page(plain, lambda h: h.replace(
            "</head>", keywords + "</head>")), plain),
    ]
    questions = _doc("questions", "关于征集2023年民生实事项目意见的公告", (
        "您认为今年最需要解决的民生问题是什么?是否需要增加公共停车泊位?",
        "全区PM2.5平均浓度27.6微克/立方米,地区生产总值(GDP)增长2%。",
        "市民可通过“吴中发布”微信公众号(wuzhongfabu)或iPhone、Android客户端提交建议。",
        "第一条(总则)为规范征集工作,制定本办法。",
    ))
    traps.append(Trap("questions_and_english", *page(questions), questions))
    to_traditional = opencc.OpenCC("s2hk").convert
    hk = replace(plain, title=to_traditional(plain.title),
                 paragraphs=tuple(to_traditional(p) for p in plain.paragraphs),
                 source=to_traditional(plain.source))
    hk_url, hk_html = page(hk, host_url="https://www.info.gov.hk")
    traps.append(Trap("hong_kong_traditional", hk_url, hk_html.replace(
        "蘇州", "香港").replace('lang="zh-CN"', 'lang="zh-HK"'), hk, (), "zh-Hant"))
    gateway_url, gateway_html = page(plain)
    traps.append(Trap("official_traditional_gateway", gateway_url,
                      opencc.OpenCC("s2t").convert(gateway_html), plain,
                      ("traditional_conversion",), "zh-Hant"))
    return traps
