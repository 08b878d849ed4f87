"""rendered.replica.gov.cn: a county section that needs a browser, in two ways.

Hand-made county templates (the generic family reads them) with three columns:

- 通知公告 (``/zwgk/tzgg/``): static lists paginated by link text, like most sites;
- 政策解读 (``/zwgk/zcjd/``): every list page is an empty ``<ul>`` and an inline script
  holding the rows as XOR-ed character codes; the script decodes them, assembles each
  address from its parts, and writes the rows and the pager into the page. Neither the
  articles nor pages 2 and 3 are links in the HTML: only a crawler that runs the script
  finds them, as on sites whose lists are built in the browser;
- 人事信息 on ``rsj.rendered.replica.gov.cn`` (the personnel bureau's sub-site): the
  whole host sits behind a 加速乐 (Jiasule) cookie challenge. A request without a valid
  ``__jsl_clearance_s`` cookie, robots.txt included, gets HTTP 521, a ``__jsluid_h``
  cookie and a script that computes the clearance for that ``__jsluid_h`` and reloads.
  The articles are plain pages once the cookie is sent. With ``clearance_uses = K`` the
  gate mints a fresh clearance with every challenge and refuses each after K admitted
  requests, as a real clearance expires mid-crawl.

``EXPECTED`` gives each column's document count, for the tests.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import random
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from tests.replica import corpus
from tests.replica.corpus import Document
from tests.replica.http import Reply

HOST = "rendered.replica.gov.cn"
GUARDED_HOST = "rsj.rendered.replica.gov.cn"
SITE_NAME = "示范县人民政府"
ROOT = "/zwgk/index.html"
ROOT_URL = f"http://{HOST}{ROOT}"
CLEARANCE = "__jsl_clearance_s"
VISITOR = "__jsluid_h"
XOR_KEY = 0x5A


@dataclass(frozen=True)
class Column:
    code: str
    name: str
    count: int
    per_page: int
    host: str
    scripted: bool = False


COLUMNS = (
    Column("tzgg", "通知公告", 12, 6, HOST),
    Column("zcjd", "政策解读", 15, 5, HOST, scripted=True),
    Column("rsxx", "人事信息", 8, 10, GUARDED_HOST),
)
BY_CODE = {c.code: c for c in COLUMNS}
EXPECTED = {c.name: c.count for c in COLUMNS}


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def doc_path(doc: Document) -> str:
    return f"/zwgk/{doc.column}/{doc.published:%Y/%m%d}/{doc.doc_id[:8]}.html"


def list_path(column: Column, page: int) -> str:
    return f"/zwgk/{column.code}/index.html" if page == 1 else f"/zwgk/{column.code}/list_{page}.html"


def list_url(column: Column, page: int = 1) -> str:
    return f"http://{column.host}{list_path(column, page)}"


def doc_url(doc: Document) -> str:
    return f"http://{BY_CODE[doc.column].host}{doc_path(doc)}"


def _digest(*parts: str, size: int = 32) -> str:
    return hashlib.sha256("/".join(parts).encode()).hexdigest()[:size]


def clearance_for(visitor: str) -> str:
    """The ``__jsl_clearance_s`` value that admits the holder of ``__jsluid_h=visitor``."""
    stamp = int(_digest("stamp", visitor, size=8), 16) % 10**9 + 1_600_000_000
    millis = int(_digest("millis", visitor, size=4), 16) % 1000
    return f"{stamp}.{millis:03d}|0|{_digest('clearance', visitor, size=28)}"


def xor_codes(text: str) -> str:
    """``text`` as four-hex-digit character codes XOR-ed with the key (what the scripts decode)."""
    return "".join(f"{ord(ch) ^ XOR_KEY:04x}" for ch in text)


DECODE_JS = (f"function _dc(s){{var o='';for(var i=0;i<s.length;i+=4)"
             f"{{o+=String.fromCharCode(parseInt(s.substr(i,4),16)^{XOR_KEY});}}return o;}}")


class RenderedSite:
    hosts = (HOST, GUARDED_HOST)

    def __init__(self, edition: int = 1, clearance_uses: int | None = None) -> None:
        self.clearance_uses = clearance_uses  # None: a clearance never expires
        self._minted: dict[str, list] = {}  # clearance → [its visitor, requests admitted]
        self._lock = threading.Lock()
        self.docs: list[Document] = []
        for offset, column in enumerate(COLUMNS):
            rng = random.Random(f"rendered-{column.code}")
            for n in range(column.count):
                topic = corpus.TOPICS[(n + offset * column.count) % len(corpus.TOPICS)]
                when = datetime(2023, 9, 28, 9, 30) - timedelta(days=n * 6 + rng.randrange(4),
                                                               minutes=rng.randrange(480))
                title = {"tzgg": f"关于{topic}有关事项的通知",
                         "zcjd": f"一图读懂示范县{topic}政策",
                         "rsxx": f"{corpus.person_name(rng)}同志任职前公示（第{n + 1}号）"}[column.code]
                self.docs.append(Document(
                    column.code, corpus.hex_id("rendered", column.code, n), title, when,
                    corpus.paragraphs_about(topic, rng, rng.randint(3, 5)),
                    source=rng.choice(["县政府办", "县司法局", "县人社局"])))
        self.by_url = {doc_url(d): d for d in self.docs}

    def column_docs(self, code: str) -> list[Document]:
        return sorted((d for d in self.docs if d.column == code), key=lambda d: d.published,
                      reverse=True)

    # --- the 加速乐 gate --------------------------------------------------

    def gate(self, host: str, url: str, headers) -> Reply | None:
        """The 521 challenge for a request to the guarded host without a valid clearance."""
        if host != GUARDED_HOST:
            return None
        sent = [pair.strip().partition("=") for pair in
                (headers.get("Cookie", "") if headers else "").split(";")]
        visitors = [value for name, _, value in sent if name == VISITOR]
        clearances = {value for name, _, value in sent if name == CLEARANCE}
        visitor = visitors[-1] if visitors else _digest("visitor", url)
        if self.clearance_uses is None:
            # Any valid pair admits: Python's cookiejar also sends a parent host's host-only
            # cookies (a __jsluid_h of rendered.replica.gov.cn) to this sub-host.
            if any(clearance_for(v) in clearances for v in visitors):
                return None
            issued = clearance_for(visitor)
        else:
            with self._lock:
                if self._admit(visitors, clearances):
                    return None
                issued = clearance_for(f"{visitor}#{len(self._minted) + 1}")
                self._minted[issued] = [visitor, 0]
        name = "+".join(f"('{ch}')" for ch in f"{CLEARANCE}=")
        script = (f"<script>{DECODE_JS}document.cookie={name}+_dc('{xor_codes(issued)}')"
                  "+(';max-age=3600;path=/');location.href=location.pathname+location.search"
                  "</script>")
        return Reply(521, script.encode(), {
            "Content-Type": "text/html; charset=utf-8",
            "Set-Cookie": f"{VISITOR}={visitor}; max-age=31536000; path=/; HttpOnly",
        })

    def _admit(self, visitors: list[str], clearances: set[str]) -> bool:
        """Whether a minted clearance of one of ``visitors`` has a use left (and use it)."""
        for clearance in clearances:
            minted = self._minted.get(clearance)
            if minted and minted[0] in visitors and minted[1] < self.clearance_uses:
                minted[1] += 1
                return True
        return False

    # --- pages -------------------------------------------------------------

    def handle(self, method: str, host: str, path: str, query: str, body: bytes) -> Reply:
        if path == "/robots.txt":
            return Reply.text("User-agent: *\nDisallow: /admin/\n")
        if host == HOST and path in ("/", "/index.html"):
            return Reply.html(self.page("首页", f'<a href="{ROOT}">政务公开</a>', None))
        if host == HOST and path == ROOT:
            return Reply.html(self.root())
        url = f"http://{host}{path}"
        if url in self.by_url:
            return Reply.html(self.article(self.by_url[url]))
        for column in COLUMNS:
            pages = math.ceil(column.count / column.per_page)
            for number in range(1, pages + 1):
                if url == list_url(column, number):
                    return Reply.html(self.list_page(column, number, pages))
        return Reply.not_found()

    def menu(self) -> str:
        items = "".join(f'<li><a href="{list_url(c)}">{c.name}</a></li>' for c in COLUMNS)
        return f'<div class="left-menu"><h3>政务公开</h3><ul>{items}</ul></div>'

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
<div class="top-nav"><a href="http://{HOST}/">首页</a><a href="{ROOT_URL}">政务公开</a></div></div>
{trail}
<div class="container">{main}</div>
<div class="footer"><p>主办：示范县人民政府办公室 联系电话：0512-87654321</p><p>ICP备案号：苏ICP备87654321号 网站标识码：3205990002</p></div>
</body></html>
"""

    def root(self) -> str:
        main = f"""{self.menu()}
<div class="right-box"><h2>政务公开</h2><p>本栏目公开示范县人民政府的通知公告、政策解读和人事信息。</p></div>"""
        return self.page("政务公开", main, [("首页", f"http://{HOST}/"), ("政务公开", ROOT_URL)])

    def list_page(self, column: Column, number: int, pages: int) -> str:
        docs = self.column_docs(column.code)[(number - 1) * column.per_page:number * column.per_page]
        if column.scripted:
            body = self.scripted_list(column, docs, number, pages)
        else:
            body = '<ul class="news-list">' + "".join(
                f'<li><a href="{doc_path(d)}" title="{esc(d.title)}">{esc(d.title)}</a>'
                f'<span>{d.published:%Y-%m-%d}</span></li>' for d in docs) + "</ul>"
            links = [f'<a href="{list_path(column, n)}">{n}</a>' if n != number else f"<span>{n}</span>"
                     for n in range(1, pages + 1)]
            if number < pages:
                links.append(f'<a href="{list_path(column, number + 1)}">下一页</a>')
            body += '<div class="pages">' + " ".join(links) + "</div>"
        crumbs = [("首页", f"http://{HOST}/"), ("政务公开", ROOT_URL), (column.name, list_url(column))]
        return self.page(column.name, self.menu() + f'<div class="right-box">{body}</div>', crumbs)

    @staticmethod
    def scripted_list(column: Column, docs: list[Document], number: int, pages: int) -> str:
        """An empty list and the script that fills it from encoded rows, pager included."""
        rows = [{"t": d.title, "y": f"{d.published:%Y}", "md": f"{d.published:%m%d}",
                 "k": d.doc_id[:8], "p": f"{d.published:%Y-%m-%d}"} for d in docs]
        data = xor_codes(json.dumps(rows, ensure_ascii=False, separators=(",", ":")))
        return f"""<ul class="news-list" id="list-{column.code}"></ul><div class="pages" id="pager-{column.code}"></div>
<script>{DECODE_JS}
(function(){{var rows=JSON.parse(_dc("{data}")),ul=document.getElementById("list-{column.code}");
for(var i=0;i<rows.length;i++){{var r=rows[i],li=document.createElement("li"),a=document.createElement("a");
a.href=["","zwgk","{column.code}",r.y,r.md,r.k+".html"].join("/");a.title=r.t;a.appendChild(document.createTextNode(r.t));
var s=document.createElement("span");s.appendChild(document.createTextNode(r.p));li.appendChild(a);li.appendChild(s);ul.appendChild(li);}}
var pager=document.getElementById("pager-{column.code}"),cur={number},total={pages};
function page(n){{return n==1?"index.html":"list_"+n+".html";}}
for(var n=1;n<=total;n++){{var e=document.createElement(n==cur?"span":"a");if(n!=cur)e.href=page(n);e.appendChild(document.createTextNode(""+n));pager.appendChild(e);}}
if(cur<total){{var nx=document.createElement("a");nx.href=page(cur+1);nx.appendChild(document.createTextNode("下一页"));pager.appendChild(nx);}}
}})();
</script>"""

    def article(self, doc: Document) -> str:
        column = BY_CODE[doc.column]
        paragraphs = "".join(f"<p>{esc(p)}</p>" for p in doc.paragraphs)
        main = f"""<div class="article"><h1>{esc(doc.title)}</h1>
<div class="info">发布时间：{doc.published:%Y-%m-%d %H:%M}　信息来源：{esc(doc.source or "")}</div>
<div class="article-body">{paragraphs}</div>
<div class="article-tools"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
</div>"""
        crumbs = [("首页", f"http://{HOST}/"), ("政务公开", ROOT_URL), (column.name, list_url(column))]
        return self.page(doc.title, main, crumbs)


def make_site(edition: int = 1) -> RenderedSite:
    return RenderedSite(edition)
