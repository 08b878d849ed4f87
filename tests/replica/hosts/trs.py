"""trs.replica.gov.cn: a TRS WCM site (gov-portals.md §3), a municipal commission's 信息公开.

Statically published like the real platform: the section root ``/xxgk/index.html`` links
its columns (child directories); each column lists ``index.html``, ``index_1.html`` …
(page 2 is ``index_1``) whose page count exists only in script, in a different shape per
column: ``createPageHTML(count, current, "index", "html")`` as a plain script and inside
an HTML comment, the classic ``var countPage`` ``document.write`` pager, and a
``Pager({…})`` object whose count states one page more than there are rows (the last
page is empty). Articles are ``/xxgk/<col>/YYYYMM/tYYYYMMDD_<id>.html`` (ids increase with
time), linked relative (``./``, ``../``), root-relative and absolute, with a
``div.TRS_Editor`` body (some Word-pasted in ``div.TRS_PreAppend``), or the
``div.view.TRS_UEDITOR…`` variant inside ``#UCAP-CONTENT``, a 信息公开 table with
``\\u3000``-padded labels, attachments ``./P0<YYYYMMDD><12 digits>.<ext>`` beside them.

Traps: print views (``?print=1``) linked from every article and from the root;
``?uid=`` and ``#`` links; an https link; a policy listed in 通知公告 too (same URL);
a dead list entry; a search link inside the section and search links in the header; a
robots.txt ``Disallow`` for 依申请公开, which the nav links to; a link to another
host; one article that answers after ``SLOW_SECONDS``; three hacked articles.
"""

from __future__ import annotations

import html
import math
import random
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from urllib.parse import parse_qs

from tests.replica import corpus
from tests.replica.corpus import Attachment, Document
from tests.replica.http import Reply
from tests.replica.inject import hidden_link_farm, inject, junk_block, keyword_line, redirect_script

HOST = "trs.replica.gov.cn"
SITE_NAME = "苏州市发展和改革委员会"
SITE_CODE = "3205000099"
ROOT = "/xxgk/index.html"
SLOW_SECONDS = 1.0
ROBOTS = "User-agent: *\nDisallow: /xxgk/ysqgk/\n"
OFF_HOST_LINK = ("https://www.ndrc.gov.cn/xxgk/zcfb/tz/202301/t20230105_1353234.html",
                 "国家发展改革委关于做好2023年春节期间价格工作的通知")
DEAD = ("/xxgk/tzgg/202205/t20220506_4700013.html", "关于2022年一季度重点项目进展情况的通报",
        datetime(2022, 5, 6))
SECTION_SEARCH = "./search/index.html?searchword="
POLICY_CATEGORIES = ("综合政务\\发展规划", "国民经济管理\\价格", "国民经济管理\\投资",
                     "能源\\节能与能效", "综合政务\\其他")
SOURCES = ("", "", "市发改委", "办公室", "苏州日报", "中国苏州", "市发改委投资处")


@dataclass(frozen=True)
class Column:
    code: str
    name: str
    count: int  # documents published in the column
    size: int  # rows per list page
    pager: str  # script | comment | countpage | object
    nav_href: str  # how the section root links the column
    stated_pages: int = 0  # pages the pager states, when more than the rows need


COLUMNS = (
    Column("tzgg", "通知公告", 23, 10, "script", "./tzgg/"),
    Column("zcwj", "政策文件", 22, 10, "comment", "./zcwj/index.html"),
    Column("gzdt", "工作动态", 18, 5, "countpage", "./gzdt/"),
    Column("ghxx", "规划信息", 8, 4, "object", "./ghxx/index.html", stated_pages=3),
    Column("ndbg", "政府信息公开年报", 5, 10, "script", "./ndbg/"),
)
COLUMN_BY_CODE = {c.code: c for c in COLUMNS}


def doc_path(doc: Document) -> str:
    return f"/xxgk/{doc.column}/{doc.month}/t{doc.published:%Y%m%d}_{doc.doc_id}.html"


def doc_file(doc: Document) -> str:
    return f"t{doc.published:%Y%m%d}_{doc.doc_id}.html"


def attachment_path(doc: Document, att: Attachment) -> str:
    return f"/xxgk/{doc.column}/{doc.month}/{att.file_id}.{att.ext}"


def work(topic: str) -> str:
    """``topic`` + 工作, without writing 工作 twice."""
    return topic if topic.endswith("工作") else topic + "工作"


def expected_body(doc: Document) -> str:
    """The body text a reader sees: the paragraphs, then the attachment list."""
    lines = list(doc.paragraphs)
    if doc.attachments and not doc.attachment_only:
        lines.append("附件：")
    lines += [att.name for att in doc.attachments]
    return "\n".join(lines)


@dataclass
class Traps:
    """Which documents carry which trap; chosen once, by position, from fixed data."""

    slow: str = ""
    cross_listed: str = ""  # a policy also listed in 通知公告
    tracking: set[str] = field(default_factory=set)  # listed with ?uid=
    fragment: set[str] = field(default_factory=set)  # listed with #p1
    hacked: dict[str, str] = field(default_factory=dict)  # doc id → hack (see hack_page)


class TrsCorpus:
    """The documents of trs.replica.gov.cn, generated from fixed data."""

    def __init__(self, edition: int = 1) -> None:
        self.layout: dict[tuple[str, int], str] = {}
        drafts: list[tuple[tuple[str, int], Document]] = []
        for column in COLUMNS:
            self.rng = random.Random(f"trs-{column.code}")  # one stream per column
            make = getattr(self, f"_{column.code}")
            drafts += [((column.code, i), make(i)) for i in range(column.count)]
        # WCM document ids grow with time; assign them in publication order.
        ordered = sorted(drafts, key=lambda d: (d[1].published, d[0]))
        ids = {key: str(4870000 + k * 137 + (k * 31) % 97) for k, (key, _) in enumerate(ordered)}
        self.by_key = {key: replace(doc, doc_id=ids[key]) for key, doc in drafts}
        self.docs = list(self.by_key.values())
        self.by_id = {d.doc_id: d for d in self.docs}
        self.by_path = {doc_path(d): d for d in self.docs}
        self.layouts = {self.by_key[key].doc_id: kind for key, kind in self.layout.items()}
        assert len(self.by_id) == len(self.docs) == sum(c.count for c in COLUMNS)
        self.traps = self._choose_traps()

    def column_docs(self, code: str) -> list[Document]:
        docs = [d for d in self.docs if d.column == code]
        return sorted(docs, key=lambda d: d.published, reverse=True)

    def _files(self, key: str, when: datetime, names: list[str]) -> tuple[Attachment, ...]:
        out = []
        for n, name in enumerate(names):
            digits = int(corpus.hex_id("trs", "file", key, n)[:12], 16) % 10**12
            out.append(Attachment(name, name.rsplit(".", 1)[1], f"P0{when:%Y%m%d}{digits:012d}"))
        return tuple(out)

    def _tzgg(self, i: int) -> Document:
        rng = self.rng
        topic = corpus.TOPICS[(i * 5 + 2) % len(corpus.TOPICS)]
        when = corpus.random_time(rng, datetime(2021, 9, 1), 660)
        title = rng.choice([
            f"关于开展{when.year}年{work(topic)}的通知",
            f"关于做好{topic}有关工作的通知",
            f"关于{topic}专项检查情况的通报",
            f"关于征求《苏州市{topic}工作方案（征求意见稿）》意见的公告",
        ])
        paragraphs = corpus.paragraphs_about(topic, rng, rng.randint(2, 5))
        return Document("tzgg", "", title, when, paragraphs, source=rng.choice(SOURCES) or None)

    def _zcwj(self, i: int) -> Document:
        rng = self.rng
        policy = corpus.POLICIES[(i * 7 + 1) % len(corpus.POLICIES)]
        when = corpus.random_time(rng, datetime(2021, 3, 1), 820)
        office = i % 4 == 0
        doc_no = f"苏发改{'办' if office else '规'}〔{when.year}〕{rng.randint(1, 60)}号"
        title = (f"市发展改革委办公室关于印发《苏州市{policy}工作要点》的通知" if office
                 else f"苏州市发展和改革委员会关于{policy}的实施意见")
        publisher = SITE_NAME + ("办公室" if office else "")
        names: list[str] = []
        if i % 4 in (1, 2):
            extra = {0: [], 1: ["docx"], 2: ["xls"]}[i % 3]
            exts = ["pdf", *extra]
            kinds = {"pdf": "政策解读", "docx": "申报表", "xls": "任务分解表"}
            names = [(f"附件{n + 1}：" if len(exts) > 1 else "") + f"苏州市{policy}{kinds[ext]}.{ext}"
                     for n, ext in enumerate(exts)]
        attachment_only = i == 6
        if attachment_only:
            names = [f"苏州市{policy}实施细则.pdf"]
        if i % 3 == 2:
            self.layout[("zcwj", i)] = "ueditor"
        paragraphs = () if attachment_only else corpus.paragraphs_about(
            policy, rng, rng.randint(3, 6))
        meta = {
            "index_no": f"014000123/{when.year}-{i + 1:05d}",
            "category": rng.choice(POLICY_CATEGORIES),
            "publisher": publisher,
            "written": f"{when - timedelta(days=rng.randint(2, 9)):%Y年%m月%d日}",
            "doc_no": doc_no,
        }
        return Document("zcwj", "", title, when, paragraphs, source=publisher, meta=meta,
                        attachments=self._files(f"zcwj-{i}", when, names),
                        attachment_only=attachment_only)

    def _gzdt(self, i: int) -> Document:
        rng = self.rng
        topic = corpus.TOPICS[(i * 7 + 3) % len(corpus.TOPICS)]
        when = corpus.random_time(rng, datetime(2022, 1, 4), 540)
        title = rng.choice([
            f"市发改委召开{topic}专题会议",
            f"市发改委赴{rng.choice(corpus.TOWNS)}调研{work(topic)}",
            f"全市{work(topic)}推进会召开",
            f"市发改委部署{topic}重点任务",
        ])
        if i % 4 == 3:
            self.layout[("gzdt", i)] = "preappend"
        paragraphs = corpus.paragraphs_about(topic, rng, rng.randint(3, 5))
        return Document("gzdt", "", title, when, paragraphs, source=rng.choice(SOURCES) or None)

    def _ghxx(self, i: int) -> Document:
        rng = self.rng
        topic = corpus.TOPICS[(i * 11 + 5) % len(corpus.TOPICS)]
        when = corpus.random_time(rng, datetime(2021, 5, 10), 600)
        title = f"苏州市“十四五”{topic}专项规划" if i % 2 else f"苏州市{when.year}年{topic}工作计划"
        names = [f"苏州市{topic}重点项目表.xls"] if i % 3 == 1 else []
        paragraphs = corpus.paragraphs_about(topic, rng, rng.randint(3, 5))
        return Document("ghxx", "", title, when, paragraphs, source="市发改委",
                        attachments=self._files(f"ghxx-{i}", when, names))

    def _ndbg(self, i: int) -> Document:
        year = 2022 - i
        title = f"{SITE_NAME}{year}年政府信息公开工作年度报告"
        when = datetime(year + 1, 1, 20 + i, 16, 30, 0)
        return Document("ndbg", "", title, when, (), source="办公室",
                        attachments=self._files(f"ndbg-{i}", when, [f"{title}.pdf"]),
                        attachment_only=True)

    def _choose_traps(self) -> Traps:
        notices, policies = self.column_docs("tzgg"), self.column_docs("zcwj")
        news = self.column_docs("gzdt")
        return Traps(
            slow=news[2].doc_id,
            cross_listed=policies[3].doc_id,
            tracking={notices[3].doc_id, policies[8].doc_id},
            fragment={news[6].doc_id, notices[12].doc_id},
            hacked={
                news[5].doc_id: "junk_and_keywords",
                news[9].doc_id: "redirect_script",
                notices[7].doc_id: "content_keywords",
            },
        )


def esc(text: str) -> str:
    return html.escape(text, quote=True)


TRS_EDITOR_STYLE = ("<style type=\"text/css\">.TRS_Editor P{margin-top:0px;margin-bottom:12px;"
                    "line-height:2;font-family:宋体;font-size:12pt;}.TRS_Editor DIV{margin-top:0px;"
                    "margin-bottom:12px;line-height:2;font-family:宋体;font-size:12pt;}</style>")


class TrsSite:
    """Serves trs.replica.gov.cn."""

    hosts = (HOST,)

    def __init__(self, edition: int = 1) -> None:
        self.corpus = TrsCorpus(edition)

    def handle(self, method: str, host: str, path: str, query: str, body: bytes) -> Reply:
        params = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
        if path == "/robots.txt":
            return Reply.text(ROBOTS)
        if path in ("/", "/index.html"):
            return Reply.html(self.home_page())
        if path in ("/xxgk/", ROOT):
            return Reply.html(self.root_page())
        if path in ("/xxgk/ysqgk/", "/xxgk/ysqgk/index.html"):
            return Reply.html(self.form_page())
        if path in ("/search/index.html", "/xxgk/search/index.html"):
            return Reply.html(self.search_page(params.get("searchword", "")))
        doc = self.corpus.by_path.get(path)
        if doc is not None:
            if "print" in params:
                return Reply.html(self.print_page(doc))
            delay = SLOW_SECONDS if doc.doc_id == self.corpus.traps.slow else 0.0
            return Reply.html(self.article_page(doc), delay=delay)
        parts = path.split("/")
        if len(parts) == 4 and parts[1] == "xxgk" and parts[2] in COLUMN_BY_CODE:
            name = parts[3] or "index.html"
            number = name[len("index_"):-len(".html")] if name.startswith("index_") else "0"
            if name.endswith(".html") and number.isdigit() and (name == "index.html" or number != "0"):
                return self.list_page(COLUMN_BY_CODE[parts[2]], int(number) + 1)
        return self.attachment(path)

    def attachment(self, path: str) -> Reply:
        for doc in self.corpus.docs:
            for att in doc.attachments:
                if attachment_path(doc, att) == path:
                    content_type = {"pdf": "application/pdf", "xls": "application/vnd.ms-excel",
                                    "docx": "application/vnd.openxmlformats-officedocument"
                                            ".wordprocessingml.document"}[att.ext]
                    body = b"%PDF-1.4\n% " if att.ext == "pdf" else b"PK\x03\x04"
                    return Reply(200, body + att.file_id.encode() + b"\n%%EOF\n",
                                 {"Content-Type": content_type})
        return Reply.not_found()

    # --- page chrome -----------------------------------------------------

    @staticmethod
    def crumbs(column: Column | None) -> str:
        parts = ['<a href="/" title="首页" target="_self" class="CurrChnlCls">首页</a>',
                 '<a href="/xxgk/" title="政府信息公开" target="_self" class="CurrChnlCls">政府信息公开</a>']
        if column:
            parts.append(f'<a href="/xxgk/{column.code}/" title="{column.name}" target="_self" '
                         f'class="CurrChnlCls">{column.name}</a>')
        return '<div class="crumb w1200">当前位置：' + "&nbsp;&gt;&nbsp;".join(parts) + "</div>"

    @staticmethod
    def column_nav(relative: bool) -> str:
        items = "".join(
            f'<li><a href="{c.nav_href if relative else f"/xxgk/{c.code}/"}">{c.name}</a></li>'
            for c in COLUMNS)
        items += (f'<li><a href="{"./ysqgk/" if relative else "/xxgk/ysqgk/"}">依申请公开</a></li>'
                  f'<li><a href="{SECTION_SEARCH if relative else "/xxgk/search/index.html?searchword="}">'
                  "信息公开检索</a></li>")
        return f'<div class="xxgk-menu"><h3>政府信息公开</h3><ul>{items}</ul></div>'

    def chrome(self, title: str, column: Column | None, main: str, head: str = "",
               crumbs: bool = True) -> str:
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=edge" />
<title>{esc(title)}</title>
<meta name="SiteName" content="{SITE_NAME}" />
<meta name="SiteDomain" content="{HOST}" />
<meta name="SiteIDCode" content="{SITE_CODE}" />
{head}<link href="/images/style.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/images/jquery.min.js"></script>
</head>
<body>
<div class="top"><div class="w1200"><span class="today">今天是：<script type="text/javascript">document.write(new Date().toLocaleDateString());</script></span>
<a href="javascript:void(0)" onclick="SetHome(this,window.location)">设为首页</a> <a href="javascript:void(0)" onclick="AddFavorite()">加入收藏</a> <a href="javascript:void(0)" class="wza">无障碍</a></div></div>
<div class="header"><div class="w1200"><a href="/" class="logo"><img src="/images/logo.png" alt="{SITE_NAME}" /></a>
<form class="search" name="searchform" action="/search/index.html" method="get" target="_blank"><input type="hidden" name="channelid" value="230477" /><input name="searchword" type="text" placeholder="请输入关键词" /><button type="submit">搜索</button></form>
<div class="hot-words">热门搜索：<a href="/search/index.html?searchword=%E5%8F%91%E5%B1%95%E8%A7%84%E5%88%92">发展规划</a> <a href="/search/index.html?searchword=%E4%BB%B7%E6%A0%BC">价格</a></div>
</div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/xwzx/">新闻中心</a></li><li><a href="/xxgk/" class="on">政府信息公开</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zwfw/">政务服务</a></li></ul></div>
{self.crumbs(column) if crumbs else ""}
<div class="main w1200">
{main}
</div>
<div class="footer"><div class="w1200">
<div class="links">相关链接：<a href="http://www.gov.cn/" target="_blank">中国政府网</a> <a href="https://www.ndrc.gov.cn/" target="_blank">国家发展改革委</a> <a href="http://www.jiangsu.gov.cn/" target="_blank">江苏省人民政府</a></div>
<p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
<p>主办：{SITE_NAME}　承办：{SITE_NAME}办公室</p>
<p><a href="https://beian.miit.gov.cn/" target="_blank">苏ICP备12345678号</a>　网站标识码：{SITE_CODE}</p>
</div></div>
</body>
</html>
"""

    # --- pages -----------------------------------------------------------

    def home_page(self) -> str:
        main = '<div class="home"><a href="/xxgk/">政府信息公开</a> <a href="/xwzx/">新闻中心</a></div>'
        return self.chrome(SITE_NAME, None, main, crumbs=False)

    def root_latest(self) -> list[tuple[str, str, datetime | None]]:
        notices, policies = self.corpus.column_docs("tzgg"), self.corpus.column_docs("zcwj")
        news, plans = self.corpus.column_docs("gzdt"), self.corpus.column_docs("ghxx")
        tracked = news[0]
        rel = "." + doc_path(notices[0])[len("/xxgk"):]
        return [
            (rel, notices[0].title, notices[0].published),
            (f"https://{HOST}{doc_path(policies[0])}", policies[0].title, policies[0].published),
            ("." + doc_path(tracked)[len("/xxgk"):] + "?uid=7f3a2c", tracked.title, tracked.published),
            (doc_path(plans[0]) + "#top", plans[0].title, plans[0].published),
            (rel + "?print=1", notices[0].title + "（打印版）", None),
            (OFF_HOST_LINK[0], OFF_HOST_LINK[1], datetime(2023, 1, 5)),
        ]

    def root_page(self) -> str:
        items = "".join(
            f'<li><a href="{esc(href)}" target="_blank" title="{esc(title)}">{esc(title)}</a>'
            + (f"<span>{when:%Y-%m-%d}</span>" if when else "") + "</li>"
            for href, title, when in self.root_latest())
        main = f"""{self.column_nav(relative=True)}
<div class="right">
<div class="xxgk-intro"><h3>政府信息公开</h3><p>根据《中华人民共和国政府信息公开条例》，本机关主动公开政府信息。</p></div>
<div class="latest"><h3>最新公开</h3><ul>{items}</ul></div>
</div>"""
        return self.chrome(f"政府信息公开_{SITE_NAME}", None, main)

    def list_entries(self, column: Column) -> list[tuple[str, str, datetime]]:
        """(href, title, date) rows as the column's list shows them, newest first."""
        traps = self.corpus.traps
        rows = []
        for n, doc in enumerate(self.corpus.column_docs(column.code)):
            href = f"./{doc.month}/{doc_file(doc)}"
            if n % 6 == 4:
                href = f"http://{HOST}{doc_path(doc)}"
            elif n % 7 == 5:
                href = doc_path(doc)
            if doc.doc_id in traps.tracking:
                href += "?uid=" + doc.doc_id[-4:]
            if doc.doc_id in traps.fragment:
                href += "#p1"
            rows.append((href, doc.title, doc.published))
        if column.code == "tzgg":
            listed = self.corpus.by_id[traps.cross_listed]
            rows.insert(5, (f"../zcwj/{listed.month}/{doc_file(listed)}", listed.title,
                            listed.published))
            rows.insert(14, ("." + DEAD[0][len("/xxgk/tzgg"):], DEAD[1], DEAD[2]))
        return rows

    def pages(self, column: Column) -> int:
        rows = len(self.list_entries(column))
        return max(column.stated_pages, math.ceil(rows / column.size), 1)

    @staticmethod
    def pager(column: Column, pages: int, current: int) -> str:
        """The column's pager script; ``current`` counts from 0, as TRS templates do."""
        if column.pager == "script":
            return (f'<div class="page"><script type="text/javascript">'
                    f'createPageHTML({pages}, {current}, "index", "html");</script></div>')
        if column.pager == "comment":
            return (f'<div class="page" id="page"></div>\n'
                    f'<!--createPageHTML({pages}, {current}, "index", "html");-->')
        if column.pager == "countpage":
            return f"""<div class="page"><script language="JavaScript">
var currentPage = {current};//所在页从0开始
var prevPage = currentPage-1//上一页
var nextPage = currentPage+1//下一页
var countPage = {pages}//共多少页
//设置上一页代码
if(countPage>1&&currentPage!=0&&currentPage!=1)
	document.write("<a href=\\"index"+"."+"html\\">首页</a>&nbsp;<a href=\\"index"+"_" + prevPage + "."+"html\\">上一页</a>&nbsp;");
else if(countPage>1&&currentPage!=0&&currentPage==1)
	document.write("<a href=\\"index"+"."+"html\\">首页</a>&nbsp;<a href=\\"index"+"."+"html\\">上一页</a>&nbsp;");
else
	document.write("首页&nbsp;上一页&nbsp;");
//设置下一页代码
if(countPage>1&&currentPage!=(countPage-1))
	document.write("<a href=\\"index"+"_" + nextPage + "."+"html\\">下一页</a>&nbsp;<a href=\\"index"+"_" + (countPage-1) + "."+"html\\">尾页</a>");
else
	document.write("下一页&nbsp;尾页");
</script></div>"""
        return (f'<div class="page" id="pagination"></div>\n<script type="text/javascript">'
                f"new Pager({{id:'pagination', prefix:'index', suffix:'html', current:{current}, "
                f"pageCount:{pages}}});</script>")

    def list_page(self, column: Column, number: int) -> Reply:
        pages = self.pages(column)
        if number > pages:
            return Reply.not_found()
        rows = self.list_entries(column)[(number - 1) * column.size:number * column.size]
        items = "\n".join(
            f'<li><a href="{esc(href)}" target="_blank" title="{esc(title)}">{esc(title)}</a>'
            f"<span>{when:%Y-%m-%d}</span></li>"
            for href, title, when in rows)
        main = f"""{self.column_nav(relative=False)}
<div class="right">
<div class="list-title"><h2>{column.name}</h2></div>
<ul class="list">
{items}
</ul>
{self.pager(column, pages, number - 1)}
</div>"""
        head = f'<meta name="ColumnName" content="{column.name}" />\n'
        return Reply.html(self.chrome(f"{column.name}_{SITE_NAME}", column, main, head))

    def metadata_table(self, doc: Document) -> str:
        meta = doc.meta
        return f"""<table class="xxgk-table" width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><td class="label">索\u3000引\u3000号：</td><td>{esc(meta["index_no"])}</td><td class="label">主题分类：</td><td>{esc(meta["category"])}</td></tr>
<tr><td class="label">发文机关：</td><td>{esc(meta["publisher"])}</td><td class="label">成文日期：</td><td>{esc(meta["written"])}</td></tr>
<tr><td class="label">标\u3000\u3000题：</td><td colspan="3">{esc(doc.title)}</td></tr>
<tr><td class="label">文\u3000\u3000号：</td><td>{esc(meta["doc_no"])}</td><td class="label">发布日期：</td><td>{doc.published:%Y年%m月%d日}</td></tr>
</table>"""

    @staticmethod
    def attachment_links(doc: Document) -> str:
        links = "".join(
            f'<p><a href="./{att.file_id}.{att.ext}" OLDSRC="/protect/P0{att.file_id[2:]}.{att.ext}" '
            f'target="_blank">{esc(att.name)}</a></p>' for att in doc.attachments)
        if not links or doc.attachment_only:
            return links
        return "<p>附件：</p>" + links

    def content(self, doc: Document) -> str:
        """The article's content block in its layout: TRS_Editor, PreAppend or UEDITOR."""
        layout = self.corpus.layouts.get(doc.doc_id, "editor")
        if layout == "ueditor":
            paragraphs = "\n".join(f'<p style="text-indent: 2em;">{esc(p)}</p>' for p in doc.paragraphs)
            appendix = f'<div class="fj">{self.attachment_links(doc)}</div>' if doc.attachments else ""
            return (f'<div class="pages_content" id="UCAP-CONTENT">\n'
                    f'<div class="view TRS_UEDITOR trs_paper_default trs_web">\n{paragraphs}\n</div>\n'
                    f"{appendix}</div>")
        if layout == "preappend":
            paragraphs = "\n".join(f'<p class="MsoNormal" style="text-indent:2em">{esc(p)}</p>'
                                   for p in doc.paragraphs)
            inner = (f'<div class="TRS_PreAppend" style="overflow-x: hidden; word-break: break-all">'
                     f"\n{paragraphs}\n</div>")
        else:
            inner = "\n".join(f"<p>{esc(p)}</p>" for p in doc.paragraphs)
        return (f'<div class="article-con">\n<div class="TRS_Editor">{TRS_EDITOR_STYLE}\n{inner}\n'
                f"{self.attachment_links(doc)}</div>\n</div>")

    def neighbours(self, doc: Document) -> str:
        docs = self.corpus.column_docs(doc.column)
        i = docs.index(doc)
        parts = []
        for label, other in (("上一篇", docs[i - 1] if i else None),
                             ("下一篇", docs[i + 1] if i + 1 < len(docs) else None)):
            link = (f'<a href="../{other.month}/{doc_file(other)}">{esc(other.title)}</a>'
                    if other else "没有了")
            parts.append(f"<p>{label}：{link}</p>")
        return '<div class="prev-next">' + "".join(parts) + "</div>"

    def article_page(self, doc: Document) -> str:
        column = COLUMN_BY_CODE[doc.column]
        pubdate = f"{doc.published:%Y-%m-%d %H:%M}"
        source = doc.source or ""
        head = (f'<meta name="ColumnName" content="{column.name}" />\n'
                f'<meta name="ColumnType" content="{column.name}" />\n'
                f'<meta name="ArticleTitle" content="{esc(doc.title)}" />\n'
                f'<meta name="PubDate" content="{pubdate}" />\n'
                f'<meta name="ContentSource" content="{esc(source)}" />\n'
                f'<meta name="Keywords" content="{column.name}" />\n')
        table = self.metadata_table(doc) if doc.meta else ""
        main = f"""{table}
<div class="article">
<h1 class="article-title">{esc(doc.title)}</h1>
<div class="article-info"><span>发布时间：{pubdate}</span> <span>来源：{esc(source)}</span> <span>浏览次数：<span id="ReadCount"></span></span> <span class="font">【字体：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</span></div>
{self.content(doc)}
<div class="article-tools">【<a href="./{doc_file(doc)}?print=1" target="_blank">打印</a>】【<a href="javascript:window.close()">关闭</a>】</div>
{self.neighbours(doc)}
</div>
<script type="text/javascript">var docId = "{doc.doc_id}";</script>
<script type="text/javascript" src="/images/visit.js"></script>"""
        page = self.chrome(f"{doc.title}_{column.name}_{SITE_NAME}", column, main, head)
        hack = self.corpus.traps.hacked.get(doc.doc_id)
        return hack_page(page, doc, hack, random.Random(f"trs-hack-{doc.doc_id}")) if hack else page

    def print_page(self, doc: Document) -> str:
        """The print template: the title, date and content, and a print call."""
        return (f'<!DOCTYPE html><html><head><meta charset="utf-8" /><title>{esc(doc.title)}</title>'
                f'<meta name="ArticleTitle" content="{esc(doc.title)}" />'
                f'<meta name="PubDate" content="{doc.published:%Y-%m-%d %H:%M}" /></head>'
                f'<body onload="window.print()"><h1 class="article-title">{esc(doc.title)}</h1>'
                f"{self.content(doc)}</body></html>")

    def form_page(self) -> str:
        form = """<div class="right"><h2>依申请公开</h2>
<form action="/xxgk/ysqgk/submit.jsp" method="post"><p><label>申请人：</label><input name="name" /></p>
<p><label>所需信息内容描述：</label><textarea name="content"></textarea></p>
<p><button type="submit">提交</button></p></form></div>"""
        return self.chrome(f"依申请公开_{SITE_NAME}", None, self.column_nav(relative=False) + form)

    def search_page(self, keyword: str) -> str:
        hits = [d for d in self.corpus.docs if keyword and keyword in d.title][:10]
        items = "".join(f'<li><a href="{doc_path(d)}">{esc(d.title)}</a></li>' for d in hits)
        return self.chrome(f"检索结果_{SITE_NAME}", None, f'<ul class="search-result">{items}</ul>')


def hack_page(page: str, doc: Document, hack: str, rng: random.Random) -> str:
    """The article as a hacker left it: one kind of injection from inject.py per hack."""
    if hack == "junk_and_keywords":
        page = inject(page, junk_block(rng), "body_start")
        return inject(page, f"<p>{keyword_line(rng, 'porn')}</p>", "after_footer")
    if hack == "redirect_script":
        page = page.replace("</head>", redirect_script(rng, "atob") + "\n</head>", 1)
        return inject(page, '<script src="http://www.8x9k2.com/js/tj.js"></script>', "after_footer")
    if hack == "content_keywords":
        last = f"<p>{esc(doc.paragraphs[-1])}</p>"
        assert page.count(last) == 1
        page = page.replace(last, last + f"\n<p>{keyword_line(rng, 'gambling')}</p>", 1)
        return page.replace('<div class="footer">', hidden_link_farm(rng) + '\n<div class="footer">', 1)
    raise ValueError(hack)


def make_site(edition: int = 1) -> TrsSite:
    """The replica server's entry point (tests/replica/server.py: build_sites)."""
    return TrsSite(edition)
