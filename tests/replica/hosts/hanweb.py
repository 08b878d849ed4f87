"""hanweb.replica.gov.cn: a Jiangsu-style Hanweb JCMS (大汉) site (gov-portals.md §2, §5 Host B).

Layout (``cid`` = column id, ``unitid`` = the jpage unit the column's list lives in):

| column | entry | records | list markup | documents |
|---|---|---|---|---|
| 信息公开 (section root) | ``/col/col1/index.html`` | — | ``div.xxgk_nav`` column nav | — |
| 通知公告 | ``/col/col11/index.html`` (unit 5011) | 49, perPage 15: 2 groups | ``<li><a/><span>date</span></li>`` | 47 |
| 政策文件 | ``/col/col12/index.html`` (unit 5012) | 9 | ``<table>`` row, ``[date]`` | 9 (xxgk_table, downfile.jsp) |
| 工作动态 | ``/col/col13/index.html`` (unit 5013) | 28, perPage 3: 4 groups | ``<span>date</span><a/>`` | 28 |
| 政府信息公开指南 | ``/col/col15/index.html`` | — | the column page is the document | 1 |
| 往年信息 (GBK) | ``/col/col999/index.html`` (unit 5999) | 5 | ``<li><a/><i>date</i></li>`` | 5 |

Column pages embed the first group (groupSize 3 × perPage records) in
``<div id="<unitid>"><script type="text/xml"><datastore>`` and configure
``$('#<unitid>').jpage({...})`` with ``var param_<unitid>``; they also answer
``?uid=<unitid>&pageNum=N``, always with page 1. Later groups come from
``/module/web/jpage/dataproxy.jsp``: POST with ``startrecord/endrecord/perpage`` in the
query and the ``param_<unitid>`` fields as a form body, or GET with ``page=N`` and the
same fields (``page`` is the first page of the group answered). Every group after the
first starts with the last record of the group before it. ``/module/jpage/dataproxy.jsp``
answers 404.

Articles are ``/art/Y/M/D/art_<cid>_<aid>.html`` (no zero padding) with the meta tags,
``table.xxgk_table`` (政策文件), the ``ZJEG_RSS.content`` markers around ``div#zoom``,
浏览次数 filled by ``/module/visitcount/articlehits.jsp``, the ``visit.jsp`` iframe and a
print view at ``…/art_<cid>_<aid>.html?print=1``. Attachments are
``/module/download/downfile.jsp?classid=0&filename=<32hex>.<ext>[&showname=…]`` → 302
``/attach/0/<32hex>.<ext>``; one 政策文件 article names its PDF only in
``var pdfurl = "…"``. The 往年信息 column and its articles are an older template in GBK,
declared only by ``<meta charset=gb2312>``.

Traps: print views (linked from every modern article and from the root); the nav links
工作动态 as ``?uid=5013&pageNum=1``; a 工作动态 article also listed in 通知公告; a dead
(404) record in 通知公告; robots.txt ``Disallow: /jact/`` while the nav links the
信息公开意见箱 under ``/jact/``; the nav also links the ``/module/xxgk/search.jsp``
catalogue search and the province's site (off-host); three hacked articles (a junk-tag
block and a keyword line; a hidden link farm inside ``#zoom``; a keyword paragraph and
zero-size text inside ``#zoom``).
"""

from __future__ import annotations

import html
import math
import random
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from urllib.parse import parse_qs, quote

from tests.replica import corpus
from tests.replica.corpus import Attachment, Document
from tests.replica.http import Reply
from tests.replica.inject import hidden_link_farm, inject, junk_block, keyword_line

HOST = "hanweb.replica.gov.cn"
SITE_NAME = "吴中区发展和改革委员会"
WEBID = 63
ROOT_CID = 1
ROOT = f"/col/col{ROOT_CID}/index.html"
PROXY = "/module/web/jpage/dataproxy.jsp"
GROUP_SIZE = 3
ROBOTS = "User-agent: *\nDisallow: /jact/\n"
MAILBOX = "/jact/front/mailpublist.do?webid=63&sysid=6&columnid=2341"
CATALOGUE_SEARCH = "/module/xxgk/search.jsp?divid=div5012&infotypeId=0806&area=014000650"
PROVINCE = "http://www.jiangsu.gov.cn/col/col76841/index.html"


@dataclass(frozen=True)
class Column:
    cid: int
    name: str
    unitid: int
    style: str  # li | table | span_first | li_i | single
    count: int
    per_page: int = 15
    charset: str = "utf-8"

    @property
    def path(self) -> str:
        return f"/col/col{self.cid}/index.html"

    @property
    def group(self) -> int:
        return self.per_page * GROUP_SIZE


COLUMNS = (
    Column(11, "通知公告", 5011, "li", 47),
    Column(12, "政策文件", 5012, "table", 9),
    Column(13, "工作动态", 5013, "span_first", 28, per_page=3),
    Column(15, "政府信息公开指南", 0, "single", 1),
    Column(999, "往年信息", 5999, "li_i", 5, charset="gbk"),
)
BY_CID = {c.cid: c for c in COLUMNS}
BY_UNIT = {c.unitid: c for c in COLUMNS if c.unitid}


def article_id(cid: int, n: int) -> int:
    return 10_200_000 + cid * 100 + n


def doc_path(doc: Document) -> str:
    column = BY_CID[int(doc.column)]
    if column.style == "single":
        return column.path
    when = doc.published
    return f"/art/{when.year}/{when.month}/{when.day}/art_{doc.column}_{doc.doc_id}.html"


def attachment_href(att: Attachment, showname: bool) -> str:
    href = f"/module/download/downfile.jsp?classid=0&filename={att.file_id}.{att.ext}"
    return href + "&showname=" + quote(att.name) if showname else href


def esc(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass
class Traps:
    cross_listed: str = ""  # a 工作动态 article also listed in 通知公告
    pdfurl: str = ""  # a 政策文件 article whose PDF is named only in a script
    dead_path: str = f"/art/2022/3/8/art_11_{article_id(11, 99)}.html"
    hacked: dict[str, str] = field(default_factory=dict)  # doc id → hack


class HanwebCorpus:
    """The documents of hanweb.replica.gov.cn, generated from fixed data."""

    def __init__(self) -> None:
        self.docs: list[Document] = []
        for column in COLUMNS:
            rng = random.Random(f"hanweb-{column.cid}")  # one stream per column
            make = {11: self._notice, 12: self._policy, 13: self._work, 15: self._guide,
                    999: self._legacy}[column.cid]
            self.docs.extend(make(rng, n) for n in range(column.count))
        self.by_id = {d.doc_id: d for d in self.docs}
        self.by_path = {doc_path(d): d for d in self.docs}
        notices, work = self.column_docs(11), self.column_docs(13)
        self.traps = Traps(
            cross_listed=work[4].doc_id,
            pdfurl=str(article_id(12, 4)),
            hacked={notices[5].doc_id: "junk_and_keywords",
                    notices[12].doc_id: "hidden_farm_in_content",
                    work[10].doc_id: "content_spam"},
        )

    def column_docs(self, cid: int) -> list[Document]:
        docs = [d for d in self.docs if d.column == str(cid)]
        return sorted(docs, key=lambda d: (d.published, d.doc_id), reverse=True)

    @staticmethod
    def _when(rng: random.Random, start: datetime, days: int) -> datetime:
        return corpus.random_time(rng, start, days).replace(second=0)

    def _notice(self, rng: random.Random, n: int) -> Document:
        topic = corpus.TOPICS[(n * 5) % len(corpus.TOPICS)]
        if n >= len(corpus.TOPICS):
            topic = corpus.TOWNS[n % len(corpus.TOWNS)] + topic
        when = self._when(rng, datetime(2022, 1, 4), 540)
        title = rng.choice([
            f"关于开展{when.year}年{topic}工作的通知",
            f"关于做好{topic}有关工作的通知",
            f"关于{topic}专项检查情况的通报",
            f"关于征求《{topic}工作方案》意见的公告",
        ])
        return Document("11", str(article_id(11, n)), title, when,
                        corpus.paragraphs_about(topic, rng, rng.randint(2, 4)),
                        source=rng.choice(corpus.SOURCES))

    def _policy(self, rng: random.Random, n: int) -> Document:
        policy = corpus.POLICIES[(n * 4) % len(corpus.POLICIES)]
        when = self._when(rng, datetime(2022, 2, 7), 480)
        doc_no = f"吴发改〔{when.year}〕{rng.randint(1, 90)}号"
        attachments: tuple[Attachment, ...] = ()
        if n % 3 == 0:
            attachments = (
                Attachment(f"附件1：吴中区{policy}政策解读.pdf", "pdf", corpus.hex_id("hanweb", n, 1)),
                Attachment(f"吴中区{policy}任务分解表.docx", "docx", corpus.hex_id("hanweb", n, 2)),
            )
        elif n % 3 == 1:
            attachments = (Attachment(f"吴中区{policy}实施细则.pdf", "pdf",
                                      corpus.hex_id("hanweb", n, 1)),)
        paragraphs = corpus.paragraphs_about(policy, rng, rng.randint(3, 5))
        if n == 4:  # the PDF is shown by a viewer script, the page says one line
            paragraphs = (f"《吴中区{policy}实施方案》全文见PDF文件。",)
        meta = {
            "index_no": f"014000319/{when.year}-{n + 1:05d}",
            "category": rng.choice(["规划计划", "政策文件", "其他文件"]),
            "publisher": SITE_NAME,
            "doc_no": doc_no,
        }
        return Document("12", str(article_id(12, n)),
                        f"{SITE_NAME}关于印发《吴中区{policy}实施方案》的通知", when, paragraphs,
                        source=SITE_NAME, meta=meta, attachments=attachments)

    def _work(self, rng: random.Random, n: int) -> Document:
        topic = corpus.TOPICS[(n * 7 + 3) % len(corpus.TOPICS)]
        town = rng.choice(corpus.TOWNS)
        when = self._when(rng, datetime(2022, 6, 1), 420)
        title = rng.choice([
            f"{town}扎实推进{topic}工作",
            f"全区{topic}工作推进会召开",
            f"区发改委部署{topic}重点任务",
            f"{topic}工作取得阶段性成效",
        ])
        return Document("13", str(article_id(13, n)), title, when,
                        corpus.paragraphs_about(topic, rng, rng.randint(2, 5)),
                        source=rng.choice(corpus.SOURCES))

    def _guide(self, rng: random.Random, n: int) -> Document:
        paragraphs = (
            "为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。",
            "一、主动公开。本机关主动公开的政府信息，自该信息形成或者变更之日起20个工作日内予以公开。",
            "二、依申请公开。公民、法人或者其他组织可以通过信函、传真或者当面提交等方式向本机关申请获取政府信息。",
            "三、监督和救济。公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以依法申请行政复议或者提起行政诉讼。",
        )
        return Document("15", str(article_id(15, n)), "政府信息公开指南",
                        datetime(2021, 3, 1, 9, 0), paragraphs, source=SITE_NAME)

    def _legacy(self, rng: random.Random, n: int) -> Document:
        topic = corpus.TOPICS[(n * 11 + 2) % len(corpus.TOPICS)]
        when = self._when(rng, datetime(2015, 3, 2), 700)
        title = f"{when.year}年{topic}工作情况汇报"
        return Document("999", str(article_id(999, n)), title, when,
                        corpus.paragraphs_about(topic, rng, rng.randint(2, 3)),
                        source=rng.choice(["区档案馆", "区发改委", None]))


PDF_VIEWER = (
    '<div id="pdfContainer" style="height:800px"></div>\n'
    '<script type="text/javascript">\n'
    'var pdfurl = "{href}";\n'
    "$('#pdfContainer').html('<iframe width=\"100%\" height=\"800\" "
    "src=\"/module/pdfjs/web/viewer.html?file=' + encodeURIComponent(pdfurl) + '\"></iframe>');\n"
    "</script>"
)
ARTICLE_HITS_JS = "document.getElementById('hits').innerHTML = '{n}';"


class HanwebSite:
    """Serves hanweb.replica.gov.cn."""

    hosts = (HOST,)

    def __init__(self, edition: int = 1) -> None:
        self.edition = edition  # the site does not change between editions
        self.corpus = HanwebCorpus()
        self.proxy_calls: list[tuple[str, str, str]] = []  # (method, query, form body)

    # --- routing ---------------------------------------------------------

    def handle(self, method: str, host: str, path: str, query: str, body: bytes) -> Reply:
        params = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
        if method == "POST" and body:
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            params.update({k: v[-1] for k, v in form.items()})
        route = self.routes.get(path)
        if path == PROXY:
            self.proxy_calls.append((method, query, body.decode("utf-8", "replace")))
        if route:
            return route(method, params)
        if path.startswith("/col/col") and path.endswith("/index.html"):
            cid = path[len("/col/col"):-len("/index.html")]
            if cid.isdigit():
                return self.column_route(int(cid))
        if path.startswith("/art/"):
            doc = self.corpus.by_path.get(path)
            if doc is None:
                return Reply.not_found()
            if params.get("print") == "1":
                return Reply.html(self.print_page(doc))
            return self.encoded(self.article_page(doc), BY_CID[int(doc.column)])
        if path.startswith("/attach/0/"):
            return self.attachment(path[len("/attach/0/"):])
        return Reply.not_found()

    @cached_property
    def routes(self) -> dict:
        return {
            "/robots.txt": lambda m, q: Reply.text(ROBOTS),
            "/": lambda m, q: Reply.html(self.home_page()),
            PROXY: self.dataproxy,
            "/module/download/downfile.jsp": self.downfile,
            "/module/visitcount/visit.jsp": lambda m, q: Reply.html("<html><body></body></html>"),
            "/module/visitcount/articlehits.jsp": self.article_hits,
        }

    def column_route(self, cid: int) -> Reply:
        if cid == ROOT_CID:
            return Reply.html(self.root_page())
        column = BY_CID.get(cid)
        if column is None:
            return Reply.not_found()
        if column.style == "single":
            return Reply.html(self.article_page(self.corpus.column_docs(cid)[0]))
        return self.encoded(self.column_page(column), column)

    @staticmethod
    def encoded(page: str, column: Column) -> Reply:
        if column.charset == "utf-8":
            return Reply.html(page)
        return Reply(200, page.encode(column.charset), {"Content-Type": "text/html"})

    # --- lists -----------------------------------------------------------

    def list_rows(self, column: Column) -> list[tuple[str, str, datetime]]:
        """(href, title, date) of every record in the column's list, newest first."""
        rows = []
        for n, doc in enumerate(self.corpus.column_docs(column.cid)):
            href = doc_path(doc)
            if n % 7 == 3:
                href = f"http://{HOST}{href}"
            elif n % 11 == 5:
                href = "../.." + href
            rows.append((href, doc.title, doc.published))
        if column.cid == 11:
            listed = self.corpus.by_id[self.corpus.traps.cross_listed]
            rows.insert(8, (doc_path(listed), listed.title, listed.published))
            rows.insert(20, (self.corpus.traps.dead_path, "关于2022年第一季度价格监测情况的通报",
                             datetime(2022, 3, 8)))
        return rows

    @staticmethod
    def record(column: Column, href: str, title: str, when: datetime) -> str:
        date, href, title = f"{when:%Y-%m-%d}", esc(href), esc(title)
        if column.style == "table":
            return ("<table width='100%' border='0' cellspacing='0' cellpadding='0'><tr>"
                    f"<td class='bt_link' width='620'><a href='{href}' title='{title}' "
                    f"target='_blank'>{title}</a></td><td width='100' align='right'>[{date}]</td>"
                    "</tr></table>")
        if column.style == "span_first":
            return (f"<div class='list_item'><span class='bt-data-time'>{date}</span>"
                    f"<a href='{href}' title='{title}' target='_blank'>{title}</a></div>")
        if column.style == "li_i":
            return f"<li><a href='{href}' title='{title}' target='_blank'>{title}</a><i>{date}</i></li>"
        return f"<li><a href='{href}' title='{title}' target='_blank'>{title}</a><span>{date}</span></li>"

    @staticmethod
    def ajax_param(column: Column) -> dict[str, object]:
        return {"col": 1, "appid": 1, "webid": WEBID, "path": "/", "columnid": column.cid,
                "sourceContentType": 1, "unitid": str(column.unitid), "webname": SITE_NAME,
                "permissiontype": 0}

    def nextgroup(self, column: Column, page: int) -> str:
        query = {"page": page, **{k: v for k, v in self.ajax_param(column).items()
                                  if k not in ("col", "sourceContentType")}}
        href = PROXY + "?" + "&".join(f"{k}={v}" for k, v in query.items())
        return f'<a href="{href}"></a>'

    def datastore(self, column: Column, records: list[str], next_page: int,
                  totals: bool = False) -> str:
        parts = ["<datastore>"]
        if totals:
            rows = len(self.list_rows(column))
            parts.append(f"<totalrecord>{rows}</totalrecord>")
            parts.append(f"<totalpage>{math.ceil(rows / column.per_page)}</totalpage>")
        parts.append(f"<nextgroup><![CDATA[{self.nextgroup(column, next_page)}]]></nextgroup>")
        parts.append("<recordset>")
        parts += [f"<record><![CDATA[\n{r}\n]]></record>" for r in records]
        parts.append("</recordset>")
        parts.append("</datastore>")
        return "\n".join(parts)

    def column_page(self, column: Column) -> str:
        rows = self.list_rows(column)
        records = [self.record(column, *row) for row in rows[:column.group]]
        store = self.datastore(column, records, GROUP_SIZE + 1)
        param = ",".join(f"{k}:'{v}'" if isinstance(v, str) else f"{k}:{v}"
                         for k, v in self.ajax_param(column).items())
        before, after = {"li": ("<ul class='list'>", "</ul>"), "li_i": ("<ul class='list'>", "</ul>"),
                         "table": ("", ""), "span_first": ("<div class='list'>", "</div>")}[
            column.style]
        unit = column.unitid
        main = f"""{self.column_nav()}
<div class="right-box">
<div class="lm-title"><span>{column.name}</span></div>
<div id="{unit}"><script type="text/xml">{store}</script></div>
<script type="text/javascript">
var param_{unit}={{{param}}};
$(document).ready(function(){{
  $('#{unit}').jpage({{dataStore:$('#{unit} script').html(),totalRecord:{len(rows)},perPage:{column.per_page},proxyUrl:'{PROXY}',ajaxParam:param_{unit},groupSize:{GROUP_SIZE},dataBefore:"{before}",dataAfter:"{after}",barPosition:'bottom',openCookies:false,showMode:'full',allowActiveTransparency:true,themeName:'default',pageInfo:'共{{totalRecord}}条 {{currentPage}}/{{totalPage}}页'}});
}});
</script>
</div>"""
        return self.chrome(f"{column.name} {SITE_NAME}", column, main)

    def dataproxy(self, method: str, params: dict[str, str]) -> Reply:
        column = None
        if params.get("unitid", "").isdigit():
            column = BY_UNIT.get(int(params["unitid"]))
        if column is None and params.get("columnid", "").isdigit():
            column = BY_CID.get(int(params["columnid"]))
        if column is None or column.style == "single":
            return self.xml("<datastore><totalrecord>0</totalrecord><totalpage>0</totalpage>"
                            "<recordset></recordset></datastore>")
        rows = self.list_rows(column)
        if "startrecord" in params:
            per_page = int(params.get("perpage") or column.per_page)
            start = max(int(params["startrecord"] or 1), 1)
            end = int(params.get("endrecord") or start + column.group - 1)
        else:  # GET in the nextgroup style: page=N is the group's first page
            per_page = column.per_page
            start = (max(int(params.get("page") or 1), 1) - 1) * per_page + 1
            end = start + column.group - 1
        chosen = rows[start - 1:end]
        if start > 1 and chosen:
            chosen = [rows[start - 2], *chosen]  # the boundary record, again
        records = [self.record(column, *row) for row in chosen]
        next_page = (end // per_page) + 1
        return self.xml(self.datastore(column, records, next_page, totals=True))

    @staticmethod
    def xml(text: str) -> Reply:
        body = ('<?xml version="1.0" encoding="UTF-8"?>\n' + text).encode("utf-8")
        return Reply(200, body, {"Content-Type": "text/xml;charset=UTF-8"})

    # --- attachments and counters ----------------------------------------

    def downfile(self, method: str, params: dict[str, str]) -> Reply:
        name = params.get("filename", "")
        if params.get("classid") != "0" or not self.attachment_by_file(name):
            return Reply.not_found()
        return Reply.redirect(f"/attach/0/{name}", 302)

    def attachment_by_file(self, name: str) -> Attachment | None:
        for doc in self.corpus.docs:
            for att in doc.attachments:
                if f"{att.file_id}.{att.ext}" == name:
                    return att
        return None

    def attachment(self, name: str) -> Reply:
        att = self.attachment_by_file(name)
        if att is None:
            return Reply.not_found()
        if att.ext == "pdf":
            return Reply(200, (b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% "
                               + att.file_id.encode() + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
                         {"Content-Type": "application/pdf"})
        return Reply(200, b"PK\x03\x04" + att.file_id.encode() + b"\x00" * 16,
                     {"Content-Type": "application/octet-stream"})

    def article_hits(self, method: str, params: dict[str, str]) -> Reply:
        number = 100 + int(params.get("artid") or 0) % 900
        return Reply.text(ARTICLE_HITS_JS.format(n=number), "application/javascript")

    # --- page chrome -----------------------------------------------------

    def column_nav(self) -> str:
        items = [(ROOT, "信息公开")]
        for column in COLUMNS:
            href = column.path
            if column.cid == 13:
                href += f"?uid={column.unitid}&pageNum=1"
            items.append((href, column.name))
        items += [(CATALOGUE_SEARCH, "信息公开目录"), (MAILBOX, "信息公开意见箱"),
                  (PROVINCE, "省政府信息公开")]
        links = "".join(f'<li><a href="{esc(h)}" target="_self">{n}</a></li>' for h, n in items[1:])
        return (f'<div class="xxgk_nav"><div class="nav_title"><a href="{ROOT}">信息公开</a></div>'
                f"<ul>{links}</ul></div>")

    def position(self, column: Column | None) -> str:
        parts = ['<a href="/">首页</a>', f'<a href="{ROOT}">信息公开</a>']
        if column:
            parts.append(f'<a href="{column.path}">{column.name}</a>')
        return '<div class="bt-position">当前位置：' + " &gt; ".join(parts) + "</div>"

    def chrome(self, title: str, column: Column | None, main: str, head: str = "",
               visit: str = "") -> str:
        charset = "gb2312" if column and column.charset != "utf-8" else "utf-8"
        cid = column.cid if column else ROOT_CID
        visit = visit or f"type=1&i_webid={WEBID}&i_columnid={cid}"
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset={charset}>
<title>{esc(title)}</title>
<meta name='Generator' content='大汉版通'>
<meta name='Author' content='大汉网络'>
<meta name="SiteName" content="{SITE_NAME}">
<meta name="SiteDomain" content="{HOST}">
<meta name="SiteIDCode" content="3205060041">
{head}<link rel="stylesheet" type="text/css" href="/images/2021/css/style.css">
<script type="text/javascript" src="/module/jslib/jquery/jquery.js"></script>
<script type="text/javascript" src="/module/jslib/jpage/jpage.js"></script>
</head>
<body>
<div class="top"><div class="wrap"><span>欢迎访问{SITE_NAME}网站</span>
<a href="javascript:void(0)" onclick="zh_tran('t')">繁體</a> <a href="javascript:void(0)">无障碍</a></div></div>
<div class="header"><div class="wrap"><h1>{SITE_NAME}</h1>
<form action="/jsearchfront/search.do" method="get" target="_blank"><input type="hidden" name="websiteid" value="320506000000000"><input type="text" name="q"><button type="submit">搜索</button></form></div></div>
<div class="menu"><ul><li><a href="/">首页</a></li><li><a href="{ROOT}">信息公开</a></li><li><a href="/jact/front/index.do?webid={WEBID}">政民互动</a></li></ul></div>
<div class="wrap">{self.position(column)}
{main}
</div>
<div class="footer"><div class="wrap">
<p>主办单位：{SITE_NAME}　地址：苏州市吴中区东吴北路98号</p>
<p>ICP备案：<a href="https://beian.miit.gov.cn/" target="_blank">苏ICP备05013278号</a>　网站标识码：3205060041</p>
<a href='http://www.hanweb.com' style='display:none'>Produced By 大汉网络 大汉版通发布系统</a>
</div></div>
<iframe src='/module/visitcount/visit.jsp?{visit}' style="display:none" width="0" height="0"></iframe>
</body>
</html>
"""

    # --- pages -----------------------------------------------------------

    def home_page(self) -> str:
        return self.chrome(SITE_NAME, None, f'<div class="home"><a href="{ROOT}">政府信息公开</a></div>')

    def root_page(self) -> str:
        notices = self.corpus.column_docs(11)
        latest = [(doc_path(notices[0]), notices[0].title),
                  (doc_path(notices[1]) + "?print=1", notices[1].title)]
        items = "".join(f'<li><a href="{esc(h)}" title="{esc(t)}">{esc(t)}</a></li>'
                        for h, t in latest)
        main = f"""{self.column_nav()}
<div class="right-box">
<div class="xxgk_intro">本栏目依法公开{SITE_NAME}的政府信息。</div>
<div class="xxgk_latest"><h3>最新公开</h3><ul>{items}</ul></div>
</div>"""
        return self.chrome(f"信息公开 {SITE_NAME}", None, main)

    def xxgk_table(self, doc: Document) -> str:
        m = doc.meta
        return f"""<table class="xxgk_table" width="100%" border="0" cellspacing="1" cellpadding="0">
<tr><td class="td_lable" width="12%">索 引 号</td><td width="38%">{esc(m['index_no'])}</td><td class="td_lable" width="12%">分　　类</td><td width="38%">{esc(m['category'])}</td></tr>
<tr><td class="td_lable">发布机构</td><td>{esc(m['publisher'])}</td><td class="td_lable">发布日期</td><td>{doc.published:%Y-%m-%d}</td></tr>
<tr><td class="td_lable">名　　称</td><td colspan="3">{esc(doc.title)}</td></tr>
<tr><td class="td_lable">文　　号</td><td colspan="3">{esc(m['doc_no'])}</td></tr>
</table>"""

    def attachment_block(self, doc: Document) -> str:
        if doc.doc_id == self.corpus.traps.pdfurl:
            return ""
        lines = []
        for n, att in enumerate(doc.attachments):
            if n == 1:  # an icon link: the name is only in showname
                lines.append(f'<p>附件2：{esc(att.name)} <a href="{esc(attachment_href(att, True))}" '
                             f'target="_blank"><img src="/picture/0/icon_{att.ext}.gif" alt="" '
                             'border="0"></a></p>')
            else:
                lines.append(f'<p><a href="{esc(attachment_href(att, False))}" target="_blank">'
                             f"{esc(att.name)}</a></p>")
        return "\n".join(lines)

    def article_page(self, doc: Document) -> str:
        column = BY_CID[int(doc.column)]
        paragraphs = "\n".join(f'<p style="text-indent:2em">{esc(p)}</p>' for p in doc.paragraphs)
        extra = self.attachment_block(doc)
        if doc.doc_id == self.corpus.traps.pdfurl:
            att = doc.attachments[0]
            href = f"/module/download/downfile.jsp?filename={att.file_id}.{att.ext}&classid=0"
            extra = PDF_VIEWER.replace("{href}", href)
        content = (f'<!--ZJEG_RSS.content.begin--><div id="zoom">\n{paragraphs}\n{extra}\n'
                   "</div><!--ZJEG_RSS.content.end-->")
        if column.charset != "utf-8":
            page = self.legacy_article(doc, column, content)
        else:
            page = self.modern_article(doc, column, content)
        hack = self.corpus.traps.hacked.get(doc.doc_id)
        return hack_page(page, hack, random.Random(f"hanweb-hack-{doc.doc_id}")) if hack else page

    def modern_article(self, doc: Document, column: Column, content: str) -> str:
        single = column.style == "single"
        source = doc.source or ""
        head = (f'<meta name="ArticleTitle" content="{esc(doc.title)}">\n'
                f'<meta name="PubDate" content="{doc.published:%Y-%m-%d %H:%M}">\n'
                f'<meta name="ContentSource" content="{esc(source)}">\n'
                f'<meta name="ColumnName" content="{column.name}">\n'
                f'<meta name="i_columnid" content="{column.cid}">\n'
                f'<meta name="i_articleid" content="{doc.doc_id}">\n')
        table = self.xxgk_table(doc) if doc.meta else ""
        tools = '【<a href="javascript:window.print()">打印本页</a>】'
        if not single:
            tools = f'【<a href="{doc_path(doc)}?print=1" target="_blank">打印本页</a>】'
        main = f"""<div class="article">
{table}
<div class="bt_title"><h1>{esc(doc.title)}</h1></div>
<div class="bt_info">发布日期：{doc.published:%Y-%m-%d %H:%M}&nbsp;&nbsp;信息来源：{esc(source)}&nbsp;&nbsp;浏览次数：<span id="hits"></span>&nbsp;&nbsp;字号：〖<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>〗</div>
{content}
<div class="bt_tools">{tools}【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
<script type="text/javascript" src="/module/visitcount/articlehits.jsp?colid={column.cid}&artid={doc.doc_id}"></script>"""
        visit = f"type=3&i_webid={WEBID}&i_columnid={column.cid}&i_articleid={doc.doc_id}"
        return self.chrome(f"{doc.title} {SITE_NAME}", column, main, head, visit)

    def legacy_article(self, doc: Document, column: Column, content: str) -> str:
        """The older template: no meta tags, a title cell and an info line."""
        source = doc.source or ""
        main = f"""<table class="article" width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><td class="bt_title" align="center">{esc(doc.title)}</td></tr>
<tr><td class="bt_info" align="center">发布日期：{doc.published:%Y-%m-%d %H:%M}　信息来源：{esc(source)}　浏览次数：<span id="hits"></span></td></tr>
<tr><td>{content}</td></tr>
<tr><td align="right">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
</table>"""
        visit = f"type=3&i_webid={WEBID}&i_columnid={column.cid}&i_articleid={doc.doc_id}"
        return self.chrome(f"{doc.title}", column, main, "", visit)

    def print_page(self, doc: Document) -> str:
        paragraphs = "".join(f"<p>{esc(p)}</p>" for p in doc.paragraphs)
        return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(doc.title)}</title>'
                f'<meta name="ArticleTitle" content="{esc(doc.title)}">'
                f'<meta name="PubDate" content="{doc.published:%Y-%m-%d %H:%M}">'
                f'</head><body onload="window.print()"><h1>{esc(doc.title)}</h1>'
                f'<!--ZJEG_RSS.content.begin--><div id="zoom">{paragraphs}'
                f'{self.attachment_block(doc)}</div><!--ZJEG_RSS.content.end--></body></html>')


def hack_page(page: str, hack: str, rng: random.Random) -> str:
    """The page as a hacker left it (inject.py's kinds of injection)."""
    end_of_content = "</div><!--ZJEG_RSS.content.end-->"
    if hack == "junk_and_keywords":
        page = inject(page, junk_block(rng), "body_start")
        return inject(page, f"<p>{keyword_line(rng, 'gambling')}</p>", "after_footer")
    if hack == "hidden_farm_in_content":
        return page.replace(end_of_content, hidden_link_farm(rng) + "\n" + end_of_content, 1)
    if hack == "content_spam":
        spam = (f"<p>{keyword_line(rng, 'porn')}</p>\n"
                f'<p style="font-size:0px">{keyword_line(rng, "gambling")}</p>\n')
        return page.replace(end_of_content, spam + end_of_content, 1)
    raise ValueError(hack)


def make_site(edition: int = 1) -> HanwebSite:
    return HanwebSite(edition)
