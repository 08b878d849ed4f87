"""hostile.replica.gov.cn: everything a broken, flaky or hacked server sends a crawler.

A small county section in hand-made templates (the generic family reads it)
whose one column, 专项公开, links pages that lie about their charset, stop
mid-tag, are binary or empty, exceed the size limit, bomb the decompressor,
redirect in loops or off the site, refresh elsewhere, sit behind anti-bot
challenges, fail once before working (503 with Retry-After, a timeout, a reset)
or never work; beside it a column whose pagination never ends and a calendar
whose days never run out. ``EXPECTED`` says what each page is, for the tests.
"""

from __future__ import annotations

import gzip
import html
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from urllib.parse import parse_qs

from tests.replica import corpus
from tests.replica.corpus import Document
from tests.replica.faults import Fault, Faults
from tests.replica.http import Reply

HOST = "hostile.replica.gov.cn"
SITE_NAME = "测试县人民政府"
ROOT = "/zwgk/index.html"
LIST = "/zwgk/ts/index.html"
ENDLESS = "/zwgk/endless/index.html"
CALENDAR = "/zwgk/rili.html"
DOCS = "/zwgk/ts/2023"
SPAM_TARGET = "http://www.bet365-casino.example.com/"
BEACON = "/zwgk/beacon.gif"  # requested only by a page script that ran
ENDLESS_REAL_PAGES = 2
PER_PAGE = 5
HUGE_BYTES = 40 * 1024 * 1024  # over the default DOWNLOAD_MAXSIZE (32 MB)
BOMB_BYTES = 64 * 1024 * 1024  # inflates past DOWNLOAD_MAXSIZE
SLOW_SECONDS = 4.0  # the first answer of slow.html: a timeout for a client waiting half as long


@dataclass(frozen=True)
class Entry:
    """One row of the 专项公开 list: where it points and what the crawler should make of it."""

    slug: str
    title: str
    outcome: str  # document | failure:<kind> | skipped:<stat> | blocked:<vendor> | none


def _doc(slug: str, title: str, when: datetime) -> Document:
    rng = random.Random(f"hostile-{slug}")
    topic = corpus.TOPICS[sum(map(ord, slug)) % len(corpus.TOPICS)]
    return Document("ts", corpus.hex_id("hostile", slug), title, when,
                    corpus.paragraphs_about(topic, rng, 4), source="县政府办")


ENTRIES = (
    Entry("gbk-declared-utf8", "关于做好汛期安全防范工作的通知", "document"),
    Entry("utf8-declared-gbk", "关于开展食品安全专项检查的通知", "document"),
    Entry("gbk-undeclared", "关于公布第二批历史建筑名录的通知", "document"),
    Entry("gb2312-superset", "关于表彰优秀志愿者喆珺等同志的决定", "document"),
    Entry("truncated", "关于加强农村人居环境整治的实施方案", "document"),
    Entry("broken-markup", "关于推进老旧小区改造工作的通知", "document"),
    Entry("hacked-refresh", "关于开展消防安全大检查的通知", "document"),
    Entry("refresh-old", "关于调整公交线路的公告（旧址）", "none"),
    Entry("busy", "关于印发养老服务补贴办法的通知", "document"),
    Entry("slow", "关于做好冬季供暖保障工作的通知", "document"),
    Entry("reset", "关于开展耕地保护专项行动的通知", "document"),
    Entry("binary", "2023年度部门预算公开表", "skipped:pages/binary"),
    Entry("empty", "关于征集民生实事项目的公告", "skipped:pages/empty"),
    Entry("huge", "全区统计年鉴（全文）", "failure:too_large"),
    Entry("bomb", "政府工作报告（压缩版）", "failure:too_large"),
    Entry("loop-a", "关于规范行政执法的通知", "failure:redirect_loop"),
    Entry("endless-redirect", "关于推进数字政府建设的意见", "failure:redirect_loop"),
    Entry("moved-offsite", "关于进一步优化营商环境的若干措施", "failure:redirect_offsite"),
    Entry("rivers", "关于开展安全生产检查的通知", "blocked:rivers"),
    Entry("jiasule", "关于加强河长制工作的通知", "blocked:jiasule"),
    Entry("aliyun", "关于做好普惠托育服务的通知", "blocked:aliyun"),
    Entry("gone", "关于调整办公时间的通知（已撤回）", "failure:http_404"),
    Entry("down", "关于召开全区经济工作会议的通知", "failure:http_500"),
)
BY_SLUG = {e.slug: e for e in ENTRIES}
REFRESH_TARGET = "refresh-new"
BAD_SCHEME_LINKS = ("javascript:void(0)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                    "mailto:zwgk@example.gov.cn", "vbscript:msgbox(1)")
CHALLENGED = {"rivers": "rivers", "jiasule": "jiasule", "aliyun": "aliyun"}


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def doc_url(slug: str) -> str:
    return f"{DOCS}/{slug}.html"


def endless_url(number: int) -> str:
    return ENDLESS if number == 1 else f"/zwgk/endless/index_{number}.html"


class HostileSite:
    hosts = (HOST,)

    def __init__(self, edition: int = 1) -> None:
        start = datetime(2023, 6, 20, 9, 30)
        self.docs = {e.slug: _doc(e.slug, e.title, start - timedelta(days=3 * i))
                     for i, e in enumerate(ENTRIES)}
        self.docs[REFRESH_TARGET] = _doc(REFRESH_TARGET, "关于调整公交线路的公告", start)
        self.endless_docs = [_doc(f"endless-{n}", f"关于{corpus.TOPICS[n]}工作的通报（第{n + 1}期）",
                                  start - timedelta(days=n)) for n in range(ENDLESS_REAL_PAGES * PER_PAGE)]
        self.faults = Faults([
            Fault("status", match="/busy.html", status=503, retry_after="1"),
            Fault("delay", match="/slow.html", delay=SLOW_SECONDS),
            Fault("reset", match="/reset.html"),
            Fault("status", match="/down.html", status=500, times=None),
            *(Fault("challenge", match=f"/{slug}.html", vendor=vendor, times=None)
              for slug, vendor in CHALLENGED.items()),
        ])

    # --- documents the crawl must deliver -----------------------------------

    def expected_documents(self) -> dict[str, Document]:
        """URL → document for every page the crawl should turn into an item."""
        wanted = {f"http://{HOST}{doc_url(e.slug)}": self.docs[e.slug]
                  for e in ENTRIES if e.outcome == "document"}
        wanted[f"http://{HOST}{doc_url(REFRESH_TARGET)}"] = self.docs[REFRESH_TARGET]
        for doc in self.endless_docs:
            wanted[f"http://{HOST}{self.endless_doc_url(doc)}"] = doc
        return wanted

    @staticmethod
    def endless_doc_url(doc: Document) -> str:
        return f"/zwgk/endless/2023/{doc.doc_id[:10]}.html"

    # --- serving ------------------------------------------------------------

    def handle(self, method: str, host: str, path: str, query: str, body: bytes) -> Reply:
        fault, delay = self.faults.apply(f"http://{host}{path}")
        if fault is not None:
            return fault
        reply = self.route(path, query)
        reply.delay += delay
        return reply

    def route(self, path: str, query: str) -> Reply:
        if path == "/robots.txt":
            return Reply.text("User-agent: *\nDisallow: /admin/\n")
        if path in ("/", "/index.html"):
            return Reply.html(self.page("首页", f'<a href="{ROOT}">政务公开</a>'))
        if path == ROOT:
            return Reply.html(self.root())
        if path == LIST:
            return Reply.html(self.hostile_list())
        if path == CALENDAR:
            return Reply.html(self.calendar(query))
        if path.startswith("/zwgk/endless/index"):
            return self.endless(path)
        if path.startswith("/zwgk/endless/2023/"):
            for doc in self.endless_docs:
                if path == self.endless_doc_url(doc):
                    return Reply.html(self.article(doc))
        if path.startswith(DOCS + "/"):
            return self.hostile(path[len(DOCS) + 1:].removesuffix(".html"), query)
        return Reply.not_found()

    def hostile(self, slug: str, query: str) -> Reply:
        doc = self.docs.get(slug)
        if slug in ("busy", "slow", "reset", "rivers", "jiasule", "aliyun", "down", REFRESH_TARGET):
            return Reply.html(self.article(doc))
        if slug == "gbk-declared-utf8":
            return self._encoded(self.article(doc, charset="utf-8"), "gbk", "utf-8")
        if slug == "utf8-declared-gbk":
            return self._encoded(self.article(doc, charset="gbk"), "utf-8", "gbk")
        if slug == "gbk-undeclared":
            return self._encoded(self.article(doc, charset=None), "gbk", None)
        if slug == "gb2312-superset":
            return self._encoded(self.article(doc, charset="gb2312"), "gb18030", "gb2312")
        if slug == "truncated":
            page = self.article(doc).encode("utf-8")
            cut = page.index(doc.paragraphs[2].encode("utf-8")) + 12  # inside paragraph 3
            return Reply(200, page[:cut], {"Content-Type": "text/html; charset=utf-8"})
        if slug == "broken-markup":
            return Reply.html(self.broken(doc))
        if slug == "hacked-refresh":
            refresh = f'<meta http-equiv="refresh" content="3;url={SPAM_TARGET}">'
            return Reply.html(self.article(doc).replace("<head>", "<head>" + refresh, 1))
        if slug == "refresh-old":
            return Reply.html(f'<html><head><meta http-equiv="refresh" content="0; url={doc_url(REFRESH_TARGET)}">'
                              "</head><body><p>页面已迁移，正在跳转……</p></body></html>")
        if slug == "binary":
            return Reply(200, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, {"Content-Type": "text/html"})
        if slug == "empty":
            return Reply(200, b"", {"Content-Type": "text/html; charset=utf-8"})
        if slug == "huge":
            return Reply(200, huge_body(), {"Content-Type": "text/html; charset=utf-8"})
        if slug == "bomb":
            return Reply(200, gzip_bomb(), {"Content-Type": "text/html; charset=utf-8",
                                            "Content-Encoding": "gzip"})
        if slug == "loop-a":
            return Reply.redirect(doc_url("loop-b"), 302)
        if slug == "loop-b":
            return Reply.redirect(doc_url("loop-a"), 302)
        if slug == "endless-redirect":
            step = int(parse_qs(query).get("n", ["0"])[0])
            return Reply.redirect(f"{doc_url('endless-redirect')}?n={step + 1}", 302)
        if slug == "moved-offsite":
            return Reply.redirect(SPAM_TARGET, 302)
        return Reply.not_found()

    @staticmethod
    def _encoded(text: str, encoding: str, declared: str | None) -> Reply:
        content_type = f"text/html; charset={declared}" if declared else "text/html"
        return Reply(200, text.encode(encoding), {"Content-Type": content_type})

    # --- templates ----------------------------------------------------------

    def page(self, title: str, main: str, charset: str | None = "utf-8") -> str:
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">' if charset else ""
        return f"""<!DOCTYPE html>
<html>
<head>{meta}
<title>{esc(title)} - {SITE_NAME}</title></head>
<body>
<div class="header"><h1 class="logo">{SITE_NAME}</h1>
<div class="top-nav"><a href="/">首页</a><a href="{ROOT}">政务公开</a><a href="/zwgk/search.html?q=%E9%80%9A%E7%9F%A5">站内搜索</a></div></div>
<div class="container">{main}</div>
<div class="footer"><p>主办：测试县人民政府办公室</p><p>网站标识码：3205990099</p></div>
</body></html>
"""

    def menu(self) -> str:
        return (f'<div class="left-menu"><h3>政务公开</h3><ul><li><a href="{LIST}">专项公开</a></li>'
                f'<li><a href="{ENDLESS}">工作通报</a></li>'
                f'<li><a href="{CALENDAR}?d=2023-06-20">政务日历</a></li></ul></div>')

    def root(self) -> str:
        """With scripts that would fetch a beacon if anything ran them (nothing may)."""
        scripts = (f'<script>var i=new Image();i.src="{BEACON}?t="+Date.now();</script>'
                   f"<script>document.write('<iframe src=\"{BEACON}?w=1\"></iframe>');"
                   f"fetch('{BEACON}?f=1');</script>")
        return self.page("政务公开", self.menu() + '<div class="right-box"><h2>政务公开</h2>'
                         "<p>本栏目公开测试县人民政府的专项信息。</p></div>" + scripts)

    def rows(self, rows: list[tuple[str, str, datetime]]) -> str:
        return '<ul class="news-list">' + "".join(
            f'<li><a href="{href}" title="{esc(t)}">{esc(t)}</a><span>{w:%Y-%m-%d}</span></li>'
            for href, t, w in rows) + "</ul>"

    def hostile_list(self) -> str:
        rows = [(doc_url(e.slug), e.title, self.docs[e.slug].published) for e in ENTRIES]
        rows += [(href, f"相关链接{n + 1}", datetime(2023, 1, 1)) for n, href in enumerate(BAD_SCHEME_LINKS)]
        return self.page("专项公开", self.menu() + f'<div class="right-box">{self.rows(rows)}</div>')

    def endless(self, path: str) -> Reply:
        """Pages past the last one repeat it, and every page offers a next one."""
        name = path.rsplit("/", 1)[1].removesuffix(".html")
        suffix = name.removeprefix("index").removeprefix("_")
        number = int(suffix) if suffix.isdigit() else 1 if not suffix else 0
        if number < 1:
            return Reply.not_found()
        shown = min(number, ENDLESS_REAL_PAGES)
        docs = self.endless_docs[(shown - 1) * PER_PAGE:shown * PER_PAGE]
        rows = self.rows([(self.endless_doc_url(d), d.title, d.published) for d in docs])
        pager = (f'<div class="pages"><a href="{endless_url(1)}">首页</a> '
                 + (f'<a href="{endless_url(number - 1)}">上一页</a> ' if number > 1 else "")
                 + f'<span>{number}</span> <a href="{endless_url(number + 1)}">下一页</a></div>')
        return Reply.html(self.page("工作通报", self.menu() + f'<div class="right-box">{rows}{pager}</div>'))

    def calendar(self, query: str) -> str:
        """A day view with links to the day before and after, forever; no documents."""
        try:
            day = datetime.strptime(parse_qs(query).get("d", ["2023-06-20"])[0], "%Y-%m-%d")
        except ValueError:
            day = datetime(2023, 6, 20)
        before, after = day - timedelta(days=1), day + timedelta(days=1)
        main = (f'<div class="right-box"><h2>政务日历 {day:%Y年%m月%d日}</h2><p>当日无活动安排。</p>'
                f'<p><a href="{CALENDAR}?d={before:%Y-%m-%d}">前一天</a> '
                f'<a href="{CALENDAR}?d={after:%Y-%m-%d}">后一天</a></p></div>')
        return self.page("政务日历", self.menu() + main)

    def article(self, doc: Document, charset: str | None = "utf-8") -> str:
        paragraphs = "".join(f"<p>{esc(p)}</p>" for p in doc.paragraphs)
        main = f"""<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="{ROOT}">政务公开</a></div>
<div class="article"><h1>{esc(doc.title)}</h1>
<div class="info">发布时间：{doc.published:%Y-%m-%d %H:%M}　信息来源：{esc(doc.source or "")}</div>
<div class="article-body">{paragraphs}</div></div>"""
        return self.page(doc.title, main, charset)

    def broken(self, doc: Document) -> str:
        """Unclosed paragraphs, mis-nested inline tags, stray end tags, an unclosed table."""
        first, second, *rest = doc.paragraphs
        body = (f"<p><b>{esc(first)}</p></b><p>{esc(second)}</div></span>"
                + "".join(f"<p><font color=red>{esc(p)}" for p in rest)
                + "<table><tr><td>")
        main = f"""<div class="article"><h1>{esc(doc.title)}</h1>
<div class="info">发布时间：{doc.published:%Y-%m-%d %H:%M}　信息来源：{esc(doc.source or "")}</div>
<div class="article-body">{body}"""
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(doc.title)} - {SITE_NAME}</title>
<body><div class="header"><h1 class="logo">{SITE_NAME}</h1></div><div class="container">{main}"""


@cache
def huge_body() -> bytes:
    row = "<p>全区统计数据汇总表，本表数据来源于各部门报送。</p>\n".encode()
    return b"<html><body>" + row * (HUGE_BYTES // len(row) + 1)


@cache
def gzip_bomb() -> bytes:
    return gzip.compress(b"<html><body>" + b" " * BOMB_BYTES, compresslevel=9)


def make_site(edition: int = 1) -> HostileSite:
    return HostileSite(edition)
