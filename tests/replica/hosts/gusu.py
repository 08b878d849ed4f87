"""www.gusu.gov.cn: a second district on the Suzhou 集约化 platform, its own templates.

Same platform conventions as www.szwz.gov.cn (UCAPTITLE/UCAPCONTENT, /szinf/ and
/appsearch/ APIs, createPageHTML, <YYYYMM>/<32hex>.shtml articles), but the
district's own templates:

* section root /gsq/zfxxgk/index.shtml; column nav in ``div.zfxxgk-menu ul.menu-list``
  (not ``ul.xxgk-nav``); trail in ``div.position`` (not ``div.crumb``);
* 工作动态 gzdt: static ``ul.infolist`` pages, createPageHTML('pageBar',3,1,'index','shtml',13)
  → index.shtml, index_2.shtml, index_3.shtml; dates in ``span.date``; one dead row;
  rows with https://, no-www and protocol-relative hrefs;
* 通知公告 tzgg: empty list filled from /szinf/info/getInfoCommon/ whose rows are
  ``{title, url, addtime}`` (not link/pubtime), pagesize 6;
* 政策文件 zcwj: 信息公开目录 shell filled from /appsearch/gsapi/list/ (data.list/allRow),
  one cross-channel row; articles carry an xxgkml block as a 4-column table,
  attachments in a ``div.article-attach`` block after the content container;
* 人事信息 rsxx: a legacy template served in GBK (charset only in <meta>), no
  ArticleTitle/PubDate meta, dates ``2023年01月10日``, count-first createPageHTML;
* 政府信息公开指南 gkzn: a single page.

The no-www twin ``gusu.gov.cn`` answers 200 with the same pages (szwz's redirects);
the pages' ``SiteDomain`` meta names www. Nothing here is shared with szwz.py's
templates: the crawler must read it from the platform's conventions.
"""

from __future__ import annotations

import html
import math
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import parse_qs

from tests.replica import corpus
from tests.replica.http import Reply

HOST = "www.gusu.gov.cn"
TWIN = "gusu.gov.cn"
SITE = "苏州市姑苏区人民政府"
ROOT = "/gsq/zfxxgk/index.shtml"

STREETS = ["平江街道", "沧浪街道", "双塔街道", "虎丘街道", "吴门桥街道", "金阊街道", "观前街道", "白洋湾街道"]
DEPTS = ["区发改委", "区财政局", "区住建委", "区卫健委", "区教体文旅委", "区民政局", "区市场监管局", "区城管委"]
TOPICS = ["古城保护", "老旧小区改造", "文明城市创建", "平江路历史街区", "河道保洁", "垃圾分类",
          "养老服务", "社区治理", "消防安全", "营商环境", "文旅融合", "数字政府", "菜市场提升",
          "背街小巷整治"]


def esc(t: str) -> str:
    return html.escape(t, quote=True)


def hexid(*parts) -> str:
    return corpus.hex_id("gusu", *parts)


@dataclass
class Att:
    name: str
    ext: str
    file_id: str


@dataclass
class Doc:
    column: str
    doc_id: str
    title: str
    published: datetime
    paragraphs: tuple[str, ...]
    source: str | None = None
    meta: dict = field(default_factory=dict)
    attachments: tuple[Att, ...] = ()

    @property
    def month(self) -> str:
        return self.published.strftime("%Y%m")

    @property
    def path(self) -> str:
        if self.column == "gkzn":
            return "/gsq/gkzn/index.shtml"
        return f"/gsq/{self.column}/{self.month}/{self.doc_id}.shtml"

    def att_path(self, a: Att) -> str:
        return f"/gsq/{self.column}/{self.month}/{self.doc_id}/files/{a.file_id}.{a.ext}"


@dataclass(frozen=True)
class Col:
    code: str
    name: str
    style: str
    count: int = 0

    @property
    def channel_id(self) -> str:
        return hexid("channel", self.code)

    @property
    def entry(self) -> str:
        if self.style == "catalogue":
            return f"/gsq/xxgkml/index.shtml?cxtype=1&channel_id={self.channel_id}"
        if self.style == "gbk":
            return f"/gsq/{self.code}/list.shtml"
        return f"/gsq/{self.code}/index.shtml"


COLUMNS = (
    Col("gkzn", "政府信息公开指南", "single", 1),
    Col("gzdt", "工作动态", "static", 13),
    Col("tzgg", "通知公告", "info_api", 9),
    Col("zcwj", "政策文件", "catalogue", 10),
    Col("rsxx", "人事信息", "gbk", 7),
)
COL = {c.code: c for c in COLUMNS}
STATIC_PAGE = 5
INFO_PAGE = 6
CAT_PAGE = 4
GBK_PAGE = 5


def paragraphs(rng: random.Random, topic: str, n: int) -> tuple[str, ...]:
    out = []
    for _ in range(n):
        street, dept = rng.choice(STREETS), rng.choice(DEPTS)
        s = [
            f"{street}围绕{topic}工作，细化{rng.randint(3, 20)}项具体举措，压实各方责任。",
            f"截至{rng.randint(1, 12)}月底，全区累计完成{topic}项目{rng.randint(5, 90)}个，完成投资{rng.randint(1, 50)}.{rng.randint(0, 9)}亿元。",
            f"{dept}会同相关部门开展联合检查{rng.randint(2, 30)}次，督促整改问题{rng.randint(10, 300)}处。",
            f"下一步，姑苏区将持续推进{topic}，努力打造古城保护更新的“姑苏样板”。",
            f"{street}共走访居民{rng.randint(100, 9000)}户，收集意见建议{rng.randint(10, 500)}条。",
            f"会议要求，各街道、各部门要提高站位，把{topic}摆在更加突出的位置，确保取得实效。",
        ]
        out.append("".join(rng.sample(s, rng.randint(3, 5))))
    return tuple(out)


def when(rng: random.Random, start=datetime(2021, 3, 1), days=900) -> datetime:
    t = start + timedelta(days=rng.randrange(days), seconds=rng.randrange(8 * 3600))
    return t.replace(hour=8 + t.hour % 10)


def build_docs() -> list[Doc]:
    docs: list[Doc] = []
    rng = random.Random("gusu-gkzn")
    docs.append(Doc("gkzn", hexid("gkzn"), "政府信息公开指南", datetime(2021, 2, 1, 9, 0, 0), (
        "为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制姑苏区人民政府信息公开指南。",
        "一、主动公开。姑苏区人民政府主动公开的政府信息，自该信息形成或者变更之日起20个工作日内予以公开。",
        "二、依申请公开。公民、法人或者其他组织可以向姑苏区人民政府办公室申请获取相关政府信息。",
    ), source="区政府办"))
    rng = random.Random("gusu-gzdt")
    for i in range(COL["gzdt"].count):
        topic = TOPICS[i % len(TOPICS)]
        t = when(rng)
        title = rng.choice([f"姑苏区召开{topic}推进会", f"{rng.choice(STREETS)}扎实推进{topic}工作",
                            f"{t.year}年{topic}工作取得阶段性成效"]) + f"（{i + 1}）"
        docs.append(Doc("gzdt", hexid("gzdt", i), title, t, paragraphs(rng, topic, rng.randint(2, 5)),
                        source=rng.choice([None, "区融媒体中心", "区政府办", "姑苏发布"])))
    rng = random.Random("gusu-tzgg")
    for i in range(COL["tzgg"].count):
        topic = TOPICS[(i * 5) % len(TOPICS)]
        t = when(rng)
        docs.append(Doc("tzgg", hexid("tzgg", i), f"关于开展{t.year}年{topic}专项工作的通知（第{i + 1}号）", t,
                        paragraphs(rng, topic, rng.randint(2, 4)), source=rng.choice(DEPTS)))
    rng = random.Random("gusu-zcwj")
    for i in range(COL["zcwj"].count):
        topic = TOPICS[(i * 3) % len(TOPICS)]
        t = when(rng, datetime(2021, 1, 4))
        office = i % 2 == 0
        publisher = "苏州市姑苏区人民政府办公室" if office else "苏州市姑苏区人民政府"
        doc_no = f"姑苏府{'办' if office else ''}〔{t.year}〕{rng.randint(1, 90)}号"
        written = t - timedelta(days=rng.randint(2, 9))
        atts: tuple[Att, ...] = ()
        if i % 3 == 1:
            atts = (Att(f"附件1：姑苏区{topic}工作任务分解表.xlsx", "xlsx", hexid("file", i, 0)),
                    Att(f"附件2：姑苏区{topic}政策解读.pdf", "pdf", hexid("file", i, 1)))
        elif i % 3 == 2:
            atts = (Att(f"姑苏区{topic}实施细则.pdf", "pdf", hexid("file", i, 0)),)
        meta = {"index_no": f"014152419/{t.year}-{i + 1:05d}", "category": rng.choice(corpus.CATEGORIES),
                "publisher": publisher, "written": f"{written:%Y-%m-%d}", "published": f"{t:%Y-%m-%d}",
                "doc_no": doc_no, "validity": "有效"}
        title = (f"苏州市姑苏区人民政府办公室关于印发《姑苏区{topic}三年行动计划》的通知" if office
                 else f"苏州市姑苏区人民政府关于进一步加强{topic}工作的意见")
        docs.append(Doc("zcwj", hexid("zcwj", i), title, t, paragraphs(rng, topic, rng.randint(3, 6)),
                        source=publisher, meta=meta, attachments=atts))
    rng = random.Random("gusu-rsxx")
    for i in range(COL["rsxx"].count):
        t = when(rng).replace(hour=0, minute=0, second=0)
        names = "、".join(rng.choice("王李张刘陈杨黄赵") + rng.choice("伟芳娜敏静丽强磊军") for _ in range(2))
        title = f"{names}等同志任职前公示（{t:%Y}年第{i + 1}批）"
        paras = (f"根据《党政领导干部选拔任用工作条例》有关规定，现将{names}等同志拟任职情况予以公示。",
                 f"公示时间：{t:%Y年%m月%d日}至{t + timedelta(days=5):%Y年%m月%d日}。",
                 "公示期间，对公示对象有情况反映的，可通过来电、来信、来访等方式向区委组织部反映。",
                 "举报电话：0512-65223512。")
        docs.append(Doc("rsxx", hexid("rsxx", i), title, t, paras, source="区委组织部"))
    return docs


class GusuSite:
    hosts = (HOST, TWIN)

    def __init__(self) -> None:
        self.docs = build_docs()
        self.by_path = {d.path: d for d in self.docs}
        self.dead_path = f"/gsq/gzdt/202206/{hexid('withdrawn')}.shtml"

    # ---- expectations for the checker ------------------------------------
    def expected(self) -> list[dict]:
        out = []
        for d in self.docs:
            e = {"url": f"http://{HOST}{d.path}", "title": d.title, "column": COL[d.column].name,
                 "published": d.published, "source": d.source, "paragraphs": list(d.paragraphs),
                 "attachments": [f"http://{HOST}{d.att_path(a)}" for a in d.attachments],
                 "attachment_names": [a.name for a in d.attachments]}
            if d.meta:
                e.update(publisher=d.meta["publisher"], index_no=d.meta["index_no"], doc_no=d.meta["doc_no"],
                         category=d.meta["category"])
            out.append(e)
        return out

    def column_docs(self, code: str) -> list[Doc]:
        return sorted((d for d in self.docs if d.column == code), key=lambda d: d.published, reverse=True)

    # ---- routing ---------------------------------------------------------
    def handle(self, method, host, path, query, body) -> Reply:
        params = {k: v[-1] for k, v in parse_qs(query).items()}
        if method == "POST" and body:
            params.update({k: v[-1] for k, v in parse_qs(body.decode("utf-8", "replace")).items()})
        if path == "/robots.txt":
            return Reply.text("User-agent: *\nDisallow: /gsq/manage/\n")
        if path == "/":
            return Reply.redirect("/gsq/index.shtml", 302)
        if path == "/gsq/index.shtml":
            return Reply.html(self.chrome("首页_" + SITE, None, f'<div class="home"><a href="{ROOT}">政府信息公开</a></div>'))
        if path in (ROOT, "/gsq/zfxxgk/"):
            return Reply.html(self.root_page())
        if path == "/gsq/xxgkml/index.shtml":
            return self.catalogue_shell(params)
        if path == "/szinf/info/getInfoCommon/":
            return self.info_api(params)
        if path == "/appsearch/gsapi/list/":
            return self.cat_api(params)
        if path == "/szinf/getChannelList/":
            return Reply.json({"channellist": [{"channel_id": c.channel_id, "channel_name": c.name} for c in COLUMNS]})
        if path.startswith("/gsq/search/"):
            return Reply.html(self.chrome("搜索_" + SITE, None, "<ul class='search-result'></ul>"))
        if path.startswith("/gsq/print/"):
            doc = self.by_path.get("/gsq/" + path[len("/gsq/print/"):])
            return Reply.html(f"<html><body><h1>{esc(doc.title)}</h1></body></html>") if doc else Reply.not_found()
        if path.startswith("/gsq/js/") or path.startswith("/gsq/css/"):
            return Reply.text("/* static */", "application/javascript")
        doc = self.by_path.get(path)
        if doc:
            if doc.column == "rsxx":
                return Reply(200, self.article_page(doc).encode("gbk"), {"Content-Type": "text/html"})
            return Reply.html(self.article_page(doc))
        if path == "/gsq/gzdt/index.shtml":
            return self.static_list(1)
        if path.startswith("/gsq/gzdt/index_") and path.endswith(".shtml"):
            n = path[len("/gsq/gzdt/index_"):-6]
            return self.static_list(int(n)) if n.isdigit() and int(n) >= 2 else Reply.not_found()
        if path == "/gsq/tzgg/index.shtml":
            return self.info_shell()
        if path == "/gsq/rsxx/list.shtml":
            return self.gbk_list(0)
        if path.startswith("/gsq/rsxx/list_") and path.endswith(".shtml"):
            n = path[len("/gsq/rsxx/list_"):-6]
            return self.gbk_list(int(n)) if n.isdigit() else Reply.not_found()
        if "/files/" in path:
            for d in self.docs:
                for a in d.attachments:
                    if d.att_path(a) == path:
                        ct = {"pdf": "application/pdf", "xlsx": "application/vnd.ms-excel"}[a.ext]
                        return Reply(200, b"%PDF-1.4\n%" + a.file_id.encode() + b"\n%%EOF\n", {"Content-Type": ct})
        return Reply.not_found()

    # ---- chrome ----------------------------------------------------------
    def position(self, col: Col | None, extra: str = "") -> str:
        parts = ['<a href="/gsq/index.shtml">首页</a>', f'<a href="{ROOT}">政府信息公开</a>']
        if col:
            parts.append(f'<a href="{esc(col.entry)}">{col.name}</a>')
        if extra:
            parts.append(f"<span>{extra}</span>")
        return '<div class="position wrap"><span class="pos-label">当前位置：</span>' + " &gt; ".join(parts) + "</div>"

    def menu(self) -> str:
        items = "".join(f'<li class="menu-item"><a href="{esc(c.entry)}" title="{c.name}">{c.name}</a></li>' for c in COLUMNS)
        items += '<li class="menu-item"><a href="http://www.suzhou.gov.cn/szsrmzf/zfxxgkndbg/nav_list.shtml">政府信息公开年报</a></li>'
        return f'<div class="zfxxgk-menu"><div class="menu-title">政府信息公开</div><ul class="menu-list">{items}</ul></div>'

    def chrome(self, title: str, col: Col | None, main: str, head: str = "", charset: str = "utf-8",
               crumb_extra: str = "") -> str:
        meta_cs = (f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
                   if charset != "utf-8" else '<meta charset="utf-8">')
        return f"""<!DOCTYPE html>
<html>
<head>
{meta_cs}
<title>{esc(title)}</title>
<meta name="SiteName" content="{SITE}">
<meta name="SiteDomain" content="{HOST}">
<meta name="SiteIDCode" content="3205080002">
{head}<link rel="stylesheet" href="/gsq/css/main.css">
<script src="/gsq/js/jquery-1.11.3.min.js"></script>
<script src="/gsq/js/createPageHTML.js"></script>
</head>
<body>
<div class="gs-topbar"><div class="wrap"><span>今天是：<em id="today"></em></span>
<a href="javascript:void(0)" id="wzaBtn">无障碍浏览</a> <a href="javascript:void(0)" onclick="zh_tran('t')">繁体版</a>
<a href="/gsq/yddh/index.shtml">移动版</a></div></div>
<div class="gs-head"><div class="wrap"><a class="logo" href="/gsq/index.shtml"><img src="/gsq/images/gs_logo.png" alt="苏州市姑苏区人民政府"></a>
<div class="gs-search"><form action="/gsq/search/index.shtml" method="get" target="_blank"><input name="searchword" placeholder="请输入搜索内容"><input type="submit" value="搜 索"></form></div></div></div>
<div class="gs-nav"><div class="wrap"><a href="/gsq/index.shtml">首页</a><a href="/gsq/zjgs/index.shtml">走进姑苏</a>
<a href="{ROOT}" class="on">政务公开</a><a href="/gsq/zwfw/index.shtml">政务服务</a><a href="/gsq/hdjl/index.shtml">互动交流</a><a href="/gsq/gcbh/index.shtml">古城保护</a></div></div>
{self.position(col, crumb_extra)}
<div class="gs-main wrap">
{main}
</div>
<div class="gs-foot"><div class="wrap">
<div class="foot-links">友情链接：<a href="http://www.suzhou.gov.cn/">苏州市人民政府</a> <a href="http://www.jiangsu.gov.cn/">江苏省人民政府</a></div>
<p>主办：苏州市姑苏区人民政府　承办：苏州市姑苏区人民政府办公室　联系电话：0512-68726820</p>
<p><a href="https://beian.miit.gov.cn/">苏ICP备12034521号-1</a>　网站标识码：3205080002　<img src="/gsq/images/ga.png">苏公网安备 32050802010567号</p>
<p><a href="/gsq/wzdt/index.shtml">网站地图</a> | <a href="/gsq/lxwm/index.shtml">联系我们</a></p>
</div></div>
<script>$("#today").text(new Date().toLocaleDateString());</script>
</body>
</html>
"""

    def root_page(self) -> str:
        gz = self.column_docs("gzdt")
        tz = self.column_docs("tzgg")
        zc = self.column_docs("zcwj")
        latest = [(f"https://{HOST}{gz[0].path}", gz[0].title), (f"http://{TWIN}{tz[0].path}", tz[0].title),
                  (zc[0].path + "?uid=88", zc[0].title), (f"/gsq/print/{gz[1].path[5:]}", gz[1].title + "（打印）")]
        items = "".join(f'<li><a href="{esc(u)}" title="{esc(t)}">{esc(t)}</a></li>' for u, t in latest)
        main = f"""<div class="gk-left">{self.menu()}</div>
<div class="gk-right">
<div class="gk-box"><div class="gk-box-title"><span>最新公开</span></div><ul class="gk-new">{items}</ul></div>
<div class="gk-box"><div class="gk-box-title">公开目录检索</div>
<form action="/gsq/search/index.shtml"><input name="searchword"><select name="channel"><option>全部</option></select><button>检索</button></form></div>
</div>"""
        return self.chrome("政府信息公开_" + SITE, None, main)

    # ---- lists -----------------------------------------------------------
    def static_list(self, n: int) -> Reply:
        col = COL["gzdt"]
        docs = self.column_docs("gzdt")
        rows = []
        for i, d in enumerate(docs):
            href = d.path
            if i % 4 == 1:
                href = f"./{d.month}/{d.doc_id}.shtml"
            elif i % 4 == 2:
                href = f"https://{HOST}{d.path}"
            elif i % 4 == 3:
                href = f"//{TWIN}{d.path}"
            rows.append((href, d.title, f"{d.published:%Y-%m-%d}"))
        rows.insert(6, (self.dead_path, "姑苏区2022年第二季度重点工作进展情况", "2022-06-30"))
        total = len(rows)
        pages = math.ceil(total / STATIC_PAGE)
        if n > pages:
            return Reply.not_found()
        chunk = rows[(n - 1) * STATIC_PAGE:n * STATIC_PAGE]
        lis = "\n".join(f'<li><a href="{esc(h)}" title="{esc(t)}" target="_blank">{esc(t)}</a><span class="date">{dt}</span></li>'
                        for h, t, dt in chunk)
        main = f"""<div class="gk-left">{self.menu()}</div>
<div class="gk-right"><div class="list-title"><h3>{col.name}</h3></div>
<ul class="infolist list-news">
{lis}
</ul>
<div class="pagination" id="pageBar"></div>
<script type="text/javascript">createPageHTML('pageBar',{pages},{n},'index','shtml',{total});</script>
</div>"""
        return Reply.html(self.chrome(f"{col.name}_{SITE}", col, main))

    def info_shell(self) -> Reply:
        col = COL["tzgg"]
        main = f"""<div class="gk-left">{self.menu()}</div>
<div class="gk-right"><div class="list-title"><h3>{col.name}</h3></div>
<ul class="news-ul" id="newsList"></ul>
<div id="laypage"></div>
<script type="text/javascript">
var channelId = "{col.channel_id}";
var pagesize = {INFO_PAGE};
function getList(curr){{
  $.ajax({{ url: "/szinf/info/getInfoCommon/", type: "get", dataType: "json",
    data: {{ pagesize: pagesize, currpage: curr, channelid: channelId }},
    success: function (res) {{
      var html = "";
      $.each(res.infolist, function (i, item) {{
        html += '<li><a href="' + item.url + '" target="_blank" title="' + item.title + '">' + item.title + '</a><span>' + item.addtime + '</span></li>';
      }});
      $("#newsList").html(html);
      laypage.render({{ elem: "laypage", count: res.totalcount, limit: pagesize, curr: curr,
        jump: function (obj, first) {{ if (!first) getList(obj.curr); }} }});
    }} }});
}}
getList(1);
</script></div>"""
        return Reply.html(self.chrome(f"{col.name}_{SITE}", col, main))

    def info_api(self, params: dict) -> Reply:
        col = next((c for c in COLUMNS if c.channel_id == params.get("channelid")), None)
        if col is None:
            return Reply.json({"infolist": [], "totalcount": 0})
        size = int(params.get("pagesize") or INFO_PAGE)
        page = int(params.get("currpage") or 1)
        docs = self.column_docs(col.code)
        rows = [{"title": d.title, "url": d.path, "addtime": f"{d.published:%Y-%m-%d}",
                 "channel_name": col.name} for d in docs]
        return Reply.json({"infolist": rows[(page - 1) * size:page * size], "totalcount": len(rows)})

    def catalogue_shell(self, params: dict) -> Reply:
        col = next((c for c in COLUMNS if c.channel_id == params.get("channel_id")), None)
        if col is None:
            return Reply.not_found()
        main = f"""<div class="gk-left">{self.menu()}</div>
<div class="gk-right"><div class="gkml-search">标题：<input id="kw"> 文号：<input id="wh"> <button onclick="load(1)">查询</button></div>
<table class="gkml-table"><thead><tr><th width="60%">名称</th><th>文号</th><th>发布日期</th></tr></thead><tbody id="gkmlBody"></tbody></table>
<div id="gkmlPage"></div>
<script>
var channel_id = "{col.channel_id}";
var pageSize = {CAT_PAGE};
function load(page) {{
  $.post("/appsearch/gsapi/list/", {{cxtype: 1, channel_id: channel_id, keywords: $("#kw").val(), wh: $("#wh").val(), pageSize: pageSize, currentPage: page}}, function (res) {{
    var rows = "";
    $.each(res.data.list, function (i, o) {{ rows += "<tr><td><a href='" + o.url + "' target='_blank'>" + o.title + "</a></td><td>" + (o.qw_wh||"") + "</td><td>" + o.published_time + "</td></tr>"; }});
    $("#gkmlBody").html(rows);
  }}, "json");
}}
load(1);
</script></div>"""
        return Reply.html(self.chrome(f"{col.name}_{SITE}", col, main))

    def cat_api(self, params: dict) -> Reply:
        col = next((c for c in COLUMNS if c.channel_id == params.get("channel_id")), None)
        if col is None:
            return Reply.json({"data": {"list": [], "allRow": 0}})
        size = int(params.get("pageSize") or CAT_PAGE)
        page = int(params.get("currentPage") or 1)
        entries = [(d, col) for d in self.column_docs(col.code)]
        stray = self.column_docs("tzgg")[3]
        entries.insert(5, (stray, COL["tzgg"]))
        rows = [{"title": d.title, "url": f"http://{HOST}{d.path}",
                 "published_time": f"{d.published:%Y-%m-%d %H:%M:%S}", "channel_id": c.channel_id,
                 "channel_name": c.name, "qw_wh": d.meta.get("doc_no", ""),
                 "qw_xcscrq": f"{d.published:%Y-%m-%d}"} for d, c in entries]
        return Reply.json({"data": {"list": rows[(page - 1) * size:page * size], "allRow": len(rows)}})

    def gbk_list(self, n: int) -> Reply:
        col = COL["rsxx"]
        docs = self.column_docs("rsxx")
        pages = math.ceil(len(docs) / GBK_PAGE)
        if n >= pages:
            return Reply.not_found()
        chunk = docs[n * GBK_PAGE:(n + 1) * GBK_PAGE]
        lis = "\n".join(f'<li><a href="{esc(d.path)}" title="{esc(d.title)}">{esc(d.title)}</a>'
                        f'<span class="time">{d.published:%Y年%m月%d日}</span></li>' for d in chunk)
        main = f"""<div class="gk-left">{self.menu()}</div>
<div class="gk-right"><div class="list-title"><h3>{col.name}</h3></div>
<ul class="infolist">
{lis}
</ul>
<div class="page"><script language="javascript">createPageHTML({pages}, {n}, "list", "shtml");</script></div>
</div>"""
        page = self.chrome(f"{col.name}_{SITE}", col, main, charset="gb2312")
        return Reply(200, page.encode("gbk"), {"Content-Type": "text/html"})

    # ---- articles --------------------------------------------------------
    def meta_table(self, d: Doc) -> str:
        m = d.meta
        return f"""<div class="xxgkml-content gk-info"><table class="gk-info-table" cellpadding="0" cellspacing="0">
<tr><td class="tit">索&nbsp;引&nbsp;号</td><td class="con">{esc(m['index_no'])}</td><td class="tit">主题分类</td><td class="con">{esc(m['category'])}</td></tr>
<tr><td class="tit">发布机构</td><td class="con">{esc(m['publisher'])}</td><td class="tit">成文日期</td><td class="con">{m['written']}</td></tr>
<tr><td class="tit">发文字号</td><td class="con">{esc(m['doc_no'])}</td><td class="tit">发布日期</td><td class="con">{m['published']}</td></tr>
<tr><td class="tit">名&emsp;&emsp;称</td><td class="con" colspan="3">{esc(d.title)}</td></tr>
<tr><td class="tit">有&nbsp;效&nbsp;性</td><td class="con" colspan="3">{m['validity']}</td></tr>
</table></div>"""

    def article_page(self, d: Doc) -> str:
        col = COL[d.column]
        ps = "\n".join(f"<p style=\"text-indent:2em\">{esc(p)}</p>" for p in d.paragraphs)
        legacy = d.column == "rsxx"
        pub = f"{d.published:%Y年%m月%d日}" if legacy else f"{d.published:%Y-%m-%d %H:%M:%S}"
        head = "" if legacy else (f'<meta name="ArticleTitle" content="{esc(d.title)}">\n'
                                  f'<meta name="PubDate" content="{d.published:%Y-%m-%d %H:%M}">\n'
                                  f'<meta name="ContentSource" content="">\n'
                                  f'<meta name="ColumnName" content="{col.name}">\n')
        attach = ""
        if d.attachments:
            links = "".join(f'<li><a href="{esc(d.att_path(a) if k else "./" + d.doc_id + "/files/" + a.file_id + "." + a.ext)}" '
                            f'target="_blank">{esc(a.name)}</a></li>' for k, a in enumerate(d.attachments))
            attach = f'<div class="article-attach"><span class="attach-title">相关附件：</span><ul>{links}</ul></div>'
        docs = self.column_docs(d.column) if d.column != "gkzn" else [d]
        i = docs.index(d)
        prev_ = f'<a href="{docs[i - 1].path}">{esc(docs[i - 1].title)}</a>' if i > 0 else "无"
        next_ = f'<a href="{docs[i + 1].path}">{esc(docs[i + 1].title)}</a>' if i + 1 < len(docs) else "无"
        main = f"""<div class="detail-box">
{self.meta_table(d) if d.meta else ""}
<h1 class="detail-title"><UCAPTITLE>{esc(d.title)}</UCAPTITLE></h1>
<div class="detail-info"><span>发布时间：<publishtime>{pub}</publishtime></span><span>来源：{esc(d.source or "")}</span><span>浏览次数：<em id="viewCount"></em></span>
<span class="font-size">字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></span></div>
<div class="detail-content" id="zoom"><UCAPCONTENT>
{ps}
</UCAPCONTENT></div>
{attach}
<div class="detail-share">分享到：<a href="javascript:void(0)" class="wx">微信</a><a href="javascript:void(0)" class="wb">微博</a></div>
<div class="detail-tools"><a href="/gsq/print/{d.path[5:]}" target="_blank">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a><a href="#top">【返回顶部】</a></div>
<div class="prev-next"><p>上一篇：{prev_}</p><p>下一篇：{next_}</p></div>
</div>
<script>var manuscriptId = "{d.doc_id}"; $.get("/szinf/visit/count?id=" + manuscriptId, function(r){{ $("#viewCount").text(r.count); }});</script>"""
        return self.chrome(f"{d.title}_{SITE}", col, main, head, charset="gbk" if legacy else "utf-8",
                           crumb_extra="正文")


def make_site(edition: int = 1) -> GusuSite:
    return GusuSite()
