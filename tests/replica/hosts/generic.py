"""generic.replica.gov.cn: a county site on no platform the crawler knows.

Hand-made templates like many small government sites have: a section under
``/zwgk/``, one column paginated by link text (首页 上一页 1 2 3 下一页 尾页), one by a
script function (``goPage(2)`` → ``list_2.html``), one a table of rows; articles
with a 当前位置 trail, an info line, a metadata table in some columns, a sidebar of
latest links and a footer. Nothing in it names a CMS.
"""

from __future__ import annotations

import html
import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from tests.replica import corpus
from tests.replica.corpus import Attachment, Document
from tests.replica.http import Reply

HOST = "generic.replica.gov.cn"
SITE_NAME = "示例县人民政府"
ROOT = "/zwgk/index.html"


@dataclass(frozen=True)
class Column:
    code: str
    name: str
    count: int
    per_page: int
    pager: str  # text | script | single


COLUMNS = (
    Column("tzgg", "通知公告", 25, 10, "text"),
    Column("zcwj", "政策文件", 14, 6, "script"),
    Column("rsxx", "人事信息", 6, 20, "single"),
)
BY_CODE = {c.code: c for c in COLUMNS}


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def doc_path(doc: Document) -> str:
    return f"/zwgk/{doc.column}/{doc.published:%Y/%m%d}/{doc.doc_id[:8]}.html"


def list_path(column: Column, page: int) -> str:
    if column.pager == "script":
        return f"/zwgk/{column.code}/list_{page}.html"
    return f"/zwgk/{column.code}/index.html" if page == 1 else f"/zwgk/{column.code}/index_{page}.html"


class GenericSite:
    hosts = (HOST,)

    def __init__(self, edition: int = 1) -> None:
        self.docs: list[Document] = []
        for column in COLUMNS:
            rng = random.Random(f"generic-{column.code}")
            for n in range(column.count):
                topic = corpus.TOPICS[(n * 5 + len(column.code)) % len(corpus.TOPICS)]
                when = datetime(2023, 6, 20, 9, 0) - timedelta(days=n * 9 + rng.randrange(5),
                                                              minutes=rng.randrange(600))
                meta = {}
                attachments: tuple[Attachment, ...] = ()
                if column.code == "zcwj":
                    meta = {"index_no": f"11320500MB{n:04d}/2023-{n + 1:05d}",
                            "doc_no": f"示政发〔2023〕{n + 3}号", "publisher": SITE_NAME,
                            "category": "综合政务", "written": f"{when - timedelta(days=3):%Y-%m-%d}"}
                    if n % 3 == 0:
                        attachments = (Attachment(f"示例县{topic}实施细则.pdf", "pdf",
                                                  corpus.hex_id("generic", n)),)
                title = {"tzgg": f"关于做好{topic}工作的通知", "zcwj": f"示例县关于推进{topic}的实施意见",
                         "rsxx": f"{corpus.person_name(rng)}同志任免职通知"}[column.code]
                self.docs.append(Document(
                    column.code, corpus.hex_id("generic", column.code, n), title, when,
                    corpus.paragraphs_about(topic, rng, rng.randint(3, 5)),
                    source=rng.choice(["县政府办", "县发改局", None]), meta=meta,
                    attachments=attachments))
        self.by_path = {doc_path(d): d for d in self.docs}
        self.dead_path = "/zwgk/tzgg/2023/0101/deadbeef.html"

    def column_docs(self, code: str) -> list[Document]:
        return sorted((d for d in self.docs if d.column == code), key=lambda d: d.published,
                      reverse=True)

    def handle(self, method: str, host: str, path: str, query: str, body: bytes) -> Reply:
        if path == "/robots.txt":
            return Reply.text("User-agent: *\nDisallow: /admin/\n")
        if path in ("/", "/index.html"):
            return Reply.html(self.page("首页", f'<a href="{ROOT}">政务公开</a>', None))
        if path == ROOT:
            return Reply.html(self.root())
        if path in self.by_path:
            return Reply.html(self.article(self.by_path[path]))
        for column in COLUMNS:
            pages = math.ceil(column.count / column.per_page)
            for number in range(1, pages + 1):
                if path == list_path(column, number):
                    return Reply.html(self.list_page(column, number, pages))
        if path.startswith("/uploads/"):
            return Reply(200, b"%PDF-1.4\n%%EOF\n", {"Content-Type": "application/pdf"})
        return Reply.not_found()

    def menu(self) -> str:
        items = "".join(f'<li><a href="{list_path(c, 1)}">{c.name}</a></li>' for c in COLUMNS)
        return f'<div class="left-menu"><h3>政务公开</h3><ul>{items}</ul></div>'

    def side_news(self) -> str:
        latest = sorted(self.docs, key=lambda d: d.published, reverse=True)[:8]
        items = "".join(f'<li><a href="{doc_path(d)}">{esc(d.title)}</a></li>' for d in latest)
        return f'<div class="side-news"><h3>最新公开</h3><ul>{items}</ul></div>'

    def page(self, title: str, main: str, crumbs: list[tuple[str, str]] | None) -> str:
        trail = ""
        if crumbs:
            trail = ('<div class="location">当前位置：' + " &gt; ".join(
                f'<a href="{href}">{name}</a>' for name, href in crumbs) + "</div>")
        return f"""<!DOCTYPE html>
<html>
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(title)} - {SITE_NAME}</title></head>
<body>
<div class="header"><h1 class="logo">{SITE_NAME}</h1>
<div class="top-nav"><a href="/">首页</a><a href="/xwzx/">新闻中心</a><a href="{ROOT}">政务公开</a><a href="/hdjl/">互动交流</a></div></div>
{trail}
<div class="container">{main}</div>
<div class="footer"><p>主办：示例县人民政府办公室 联系电话：0512-12345678</p><p>ICP备案号：苏ICP备12345678号 网站标识码：3205990001</p></div>
</body></html>
"""

    def root(self) -> str:
        main = f"""{self.menu()}
<div class="right-box"><h2>政务公开</h2><p>本栏目公开示例县人民政府的政策文件、通知公告和人事信息。</p>
<div class="zxgk"><h3>最新公开</h3><ul>{"".join(f'<li><a href="{doc_path(d)}">{esc(d.title)}</a><em>{d.published:%Y-%m-%d}</em></li>' for d in sorted(self.docs, key=lambda d: d.published, reverse=True)[:6])}</ul></div></div>"""
        return self.page("政务公开", main, [("首页", "/"), ("政务公开", ROOT)])

    def list_page(self, column: Column, number: int, pages: int) -> str:
        docs = self.column_docs(column.code)[(number - 1) * column.per_page:number * column.per_page]
        rows = [(doc_path(d), d.title, d.published) for d in docs]
        if column.code == "tzgg" and number == 2:
            rows.insert(3, (self.dead_path, "关于调整办公时间的通知（已撤回）", datetime(2023, 1, 1)))
        if column.pager == "single":
            body = "<table class=\"list-table\"><tbody>" + "".join(
                f'<tr><td><a href="{href}" title="{esc(t)}">{esc(t)}</a></td><td>{w:%Y-%m-%d}</td></tr>'
                for href, t, w in rows) + "</tbody></table>"
        else:
            body = '<ul class="news-list">' + "".join(
                f'<li><a href="{href}" title="{esc(t)}">{esc(t)}</a><span>{w:%Y-%m-%d}</span></li>'
                for href, t, w in rows) + "</ul>"
        if column.pager == "text":
            links = [f'<a href="{list_path(column, 1)}">首页</a>']
            if number > 1:
                links.append(f'<a href="{list_path(column, number - 1)}">上一页</a>')
            links += [f'<a href="{list_path(column, n)}">{n}</a>' if n != number else f"<span>{n}</span>"
                      for n in range(1, pages + 1)]
            if number < pages:
                links.append(f'<a href="{list_path(column, number + 1)}">下一页</a>')
            links.append(f'<a href="{list_path(column, pages)}">尾页</a>')
            body += '<div class="pages">' + " ".join(links) + "</div>"
        elif column.pager == "script":
            body += (f'<div class="pages">共{pages}页 '
                     + (f'<a href="javascript:goPage({number - 1})">上一页</a> ' if number > 1 else "")
                     + (f'<a href="javascript:goPage({number + 1})">下一页</a>' if number < pages else "")
                     + '</div><script>function goPage(n){ location.href = "list_" + n + ".html"; }</script>')
        crumbs = [("首页", "/"), ("政务公开", ROOT), (column.name, list_path(column, 1))]
        return self.page(column.name, self.menu() + f'<div class="right-box">{body}</div>', crumbs)

    def article(self, doc: Document) -> str:
        column = BY_CODE[doc.column]
        meta = ""
        if doc.meta:
            m = doc.meta
            meta = f"""<table class="gk-info"><tr><td>索引号：</td><td>{m['index_no']}</td><td>文号：</td><td>{m['doc_no']}</td></tr>
<tr><td>发文机关：</td><td>{m['publisher']}</td><td>主题分类：</td><td>{m['category']}</td></tr>
<tr><td>成文日期：</td><td>{m['written']}</td><td>发布日期：</td><td>{doc.published:%Y-%m-%d}</td></tr></table>"""
        paragraphs = "".join(f"<p>{esc(p)}</p>" for p in doc.paragraphs)
        attachments = "".join(f'<p>附件：<a href="/uploads/2023/{a.file_id}.{a.ext}">{esc(a.name)}</a></p>'
                              for a in doc.attachments)
        main = f"""<div class="article"><h1>{esc(doc.title)}</h1>
<div class="info">发布时间：{doc.published:%Y-%m-%d %H:%M}　信息来源：{esc(doc.source or "")}　阅读次数：<span id="count"></span></div>
{meta}
<div class="article-body">{paragraphs}{attachments}</div>
<div class="article-tools"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
</div>{self.side_news()}"""
        crumbs = [("首页", "/"), ("政务公开", ROOT), (column.name, list_path(column, 1))]
        return self.page(doc.title, main, crumbs)


def make_site(edition: int = 1) -> GenericSite:
    return GenericSite(edition)
