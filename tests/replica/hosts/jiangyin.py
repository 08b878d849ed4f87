"""www.jiangyin.gov.cn: a second Hanweb JCMS site, templates unlike hanweb.replica.

* root /col/col6000/index.html: column tree in div.zfxxgk_left ul.gk-tree (nested <ul>, no
  div.xxgk_nav); top menu links other /col/ columns outside the section (要闻动态 col5001 with
  3 articles); optional (root_store=True) a 最新信息 jpage datastore on the root.
* 通知公告 col6011 (unit 60111): 12 docs, records are bare <tr><td> rows, perPage 5, groupSize 2.
* 工作动态 col6012 (unit 60112): 7 docs, EMPTY embedded datastore; all rows via dataproxy
  (perPage 4, groupSize 1). Articles: ContentStart/ContentEnd meta markers in div.bt_content, no #zoom.
* 政策文件 col6013 (unit 60113): 5 docs, records <div><a><span>title</span><span>date</span></a></div>;
  metadata table class "gk-table" with <th> labels (not xxgk_table), downfile.jsp attachments.
* 人事信息 col6014 (unit 60114): GBK (no charset header, <meta http-equiv gb2312>), perPage 1,
  groupSize 1, dataproxy answering GBK XML.
* 规划计划 col6015 (unit 60115): combined columns 6016+6017 via morecolumndataproxy.jsp, 4 docs.
* 政府信息公开指南 col6019: the column page is the document.
"""
from __future__ import annotations

import math
import random
from datetime import datetime
from urllib.parse import parse_qs, quote

from tests.replica.district import TOPICS, TOWNS, Att, Doc, esc, expected_entry, paragraphs, when
from tests.replica.http import Reply

HOST = "www.jiangyin.gov.cn"
SITE = "江阴市人民政府"
WEBID = 12
ROOT = "/col/col6000/index.html"
PROXY = "/module/web/jpage/dataproxy.jsp"
MPROXY = "/module/web/jpage/morecolumndataproxy.jsp"

# cid: (name, unitid, style, count, perpage, groupsize)
COLS = {
    6011: ("通知公告", 60111, "tr", 12, 5, 2),
    6012: ("工作动态", 60112, "ajax", 7, 4, 1),
    6013: ("政策文件", 60113, "divspan", 5, 15, 3),
    6014: ("人事信息", 60114, "gbk", 3, 1, 1),
    6015: ("规划计划", 60115, "multi", 4, 2, 1),
    6019: ("政府信息公开指南", 0, "single", 1, 0, 0),
}
NEWS_CID = 5001


def art_path(cid, aid, t):
    return f"/art/{t.year}/{t.month}/{t.day}/art_{cid}_{aid}.html"


class JiangyinSite:
    hosts = (HOST,)

    def __init__(self, root_store: bool = False) -> None:
        self.root_store = root_store
        self.docs: list[Doc] = []
        self.news: list[Doc] = []
        self.proxy_calls = []
        aid = 880000
        for cid, (name, _unit, style, count, _pp, _gs) in COLS.items():
            rng = random.Random(f"jy-{cid}")
            for i in range(count):
                aid += 1
                topic = TOPICS[(i * 3 + cid) % len(TOPICS)]
                t = when(rng)
                src = rng.choice(["市发改委", "市政府办", "江阴发布", "市融媒体中心"])
                real_cid = cid
                if style == "multi":
                    real_cid = 6016 + (i % 2)
                if style == "single":
                    d = Doc(f"jy{cid}", name, "江阴市人民政府信息公开指南", datetime(2021, 2, 1, 9, 0),
                            ("为进一步做好政府信息公开工作，根据《中华人民共和国政府信息公开条例》，编制本指南。",
                             "一、主动公开。本机关主动公开的政府信息，自该信息形成或者变更之日起20个工作日内予以公开。",
                             "二、依申请公开。公民、法人或者其他组织可以通过信函、网络等方式向本机关提出申请。"),
                            source="市政府办")
                    d.path = f"/col/col{cid}/index.html"
                elif cid == 6011:
                    d = Doc(f"a{aid}", name, f"关于做好{t.year}年{topic}工作的通知（第{i + 1}期）", t,
                            paragraphs(rng, topic, rng.randint(2, 4)), source=src)
                elif cid == 6012:
                    d = Doc(f"a{aid}", name, f"{rng.choice(TOWNS)}扎实推进{topic}工作（{i + 1}）", t,
                            paragraphs(rng, topic, rng.randint(2, 4)), source=src)
                elif cid == 6013:
                    no = f"澄政发〔{t.year}〕{rng.randint(1, 90)}号"
                    d = Doc(f"a{aid}", name, f"江阴市人民政府关于印发《江阴市{topic}实施方案》的通知", t,
                            paragraphs(rng, topic, rng.randint(3, 5)), source="市政府办",
                            meta={"index_no": f"014000327/{t.year}-{i + 1:05d}", "category": "综合政务",
                                  "publisher": "江阴市人民政府", "doc_no": no,
                                  "written": f"{t:%Y-%m-%d}"})
                    if i % 2 == 0:
                        fid = f"{aid:x}a1b2c3d4e5f6a7b8c9d0e1f2a3b4"[:32]
                        nm = f"江阴市{topic}实施方案.pdf"
                        href = f"/module/download/downfile.jsp?classid=0&filename={fid}.pdf&showname={quote(nm)}"
                        d.attachments.append(Att(nm, href, f"http://{HOST}{href}"))
                elif cid == 6014:
                    d = Doc(f"a{aid}", name, f"{rng.choice('王李张刘陈')}{rng.choice('伟芳敏静强')}等同志任前公示（{i + 1}）", t,
                            (f"根据干部选拔任用有关规定，现将拟任职人选予以公示（第{i + 1}批）。",
                             f"公示时间：{t:%Y年%m月%d日}起5个工作日。", "举报电话：0510-86861234。"),
                            source="市委组织部")
                else:
                    d = Doc(f"a{aid}", name, f"江阴市{topic}“十四五”专项规划（{i + 1}）", t,
                            paragraphs(rng, topic, 3), source="市发改委")
                if not d.path:
                    d.path = art_path(real_cid, aid, t)
                d.url = f"http://{HOST}{d.path}"
                d.cid = cid
                self.docs.append(d)
        rng = random.Random("jy-news")
        for i in range(3):
            aid += 1
            t = when(rng)
            d = Doc(f"n{aid}", "要闻动态", f"江阴要闻：{TOPICS[i]}现场推进会召开", t, paragraphs(rng, TOPICS[i], 2), source="江阴发布")
            d.path = art_path(NEWS_CID, aid, t)
            d.url = f"http://{HOST}{d.path}"
            d.cid = NEWS_CID
            self.news.append(d)
        self.by_path = {d.path: d for d in self.docs + self.news}

    def expected(self, cid=None):
        return [expected_entry(d) for d in self.docs if cid is None or d.cid == cid]

    def col_docs(self, cid):
        src = self.news if cid == NEWS_CID else [d for d in self.docs if d.cid == cid]
        return sorted(src, key=lambda d: d.published, reverse=True)

    # ---- routing
    def handle(self, method, host, path, query, body):
        params = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
        if method == "POST" and body:
            params.update({k: v[-1] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()})
        if path == "/robots.txt":
            return Reply.text("User-agent: *\nDisallow: /jact/\nDisallow: /jsearchfront/\n")
        if path == "/":
            return Reply.html(self.chrome(SITE, None, f'<a href="{ROOT}">政府信息公开</a>'))
        if path in (PROXY, MPROXY):
            self.proxy_calls.append((method, path, query, body))
            return self.dataproxy(path, params)
        if path == "/module/download/downfile.jsp":
            return Reply.redirect(f"/attach/0/{params.get('filename', 'x')}", 302)
        if path.startswith("/attach/0/"):
            return Reply(200, b"%PDF-1.4\n%%EOF\n", {"Content-Type": "application/pdf"})
        if path.startswith("/module/visitcount/"):
            return Reply.text("", "application/javascript")
        if path == ROOT:
            return Reply.html(self.root_page())
        if path.startswith("/col/col") and path.endswith("/index.html"):
            cid = path[8:-11]
            if cid.isdigit():
                cid = int(cid)
                if cid == NEWS_CID:
                    return Reply.html(self.column_page(cid))
                if cid in COLS:
                    if COLS[cid][2] == "single":
                        return Reply.html(self.article(self.col_docs(cid)[0]))
                    page = self.column_page(cid)
                    if COLS[cid][2] == "gbk":
                        return Reply(200, page.encode("gbk"), {"Content-Type": "text/html"})
                    return Reply.html(page)
        d = self.by_path.get(path)
        if d:
            page = self.article(d)
            if d.cid == 6014:
                return Reply(200, page.encode("gbk"), {"Content-Type": "text/html"})
            return Reply.html(page)
        return Reply.not_found()

    # ---- lists
    def record(self, cid, d):
        style = COLS[cid][2] if cid in COLS else "li"
        h, t, dt = esc(d.path), esc(d.title), f"{d.published:%Y-%m-%d}"
        if style == "tr":
            return f"<tr><td class='bt'><a href='{h}' title='{t}' target='_blank'>{t}</a></td><td class='rq' width='90'>{dt}</td></tr>"
        if style == "divspan":
            return f"<div class='list-item'><a href='{h}' target='_blank'><span class='tit'>{t}</span><span class='date'>{dt}</span></a></div>"
        if style == "multi":
            return f"<li><a href='{h}' title='{t}' target='_blank'>{t}</a><span>[{dt}]</span></li>"
        return f"<li><a href='{h}' title='{t}' target='_blank'>{t}</a><span class='bt-data-time'>{dt}</span></li>"

    def store(self, cid, recs, total, nextpage):
        unit = COLS[cid][1] if cid in COLS else 50011
        ng = (f'<a href="{PROXY}?page={nextpage}&appid=1&webid={WEBID}&path=/&columnid={cid}&unitid={unit}'
              f'&webname={quote(SITE)}&permissiontype=0"></a>')
        return (f"<datastore>\n<nextgroup><![CDATA[{ng}]]></nextgroup>\n<recordset>\n"
                + "\n".join(f"<record><![CDATA[\n{r}\n]]></record>" for r in recs)
                + "\n</recordset>\n</datastore>")

    def jpage_block(self, cid, unit, recs_embedded, total, pp, gs, proxy=PROXY, columnid=None, extra=""):
        store = self.store(cid, recs_embedded, total, gs + 1)
        param = (f"col:1,appid:1,webid:{WEBID},path:'/',columnid:'{columnid or cid}',sourceContentType:1,"
                 f"unitid:'{unit}',webname:'{SITE}',permissiontype:0{extra}")
        before, after = ("<table width='100%' class='tb_list'>", "</table>") if COLS.get(cid, ("",0,""))[2] == "tr" else ("<ul>", "</ul>")
        return f"""<div id="{unit}"><script type="text/xml">{store}</script></div>
<script type="text/javascript">
var param_{unit} = {{{param}}};
$(function(){{ $('#{unit}').jpage({{dataStore: $('#{unit} script').html(), totalRecord: {total}, perPage: {pp}, proxyUrl: '{proxy}', ajaxParam: param_{unit}, groupSize: {gs}, dataBefore: "{before}", dataAfter: "{after}", barPosition: 'bottom', showMode: 'full', pageInfo: '共{{totalRecord}}条'}}); }});
</script>"""

    def column_page(self, cid):
        docs = self.col_docs(cid)
        if cid == NEWS_CID:
            name, unit, style, pp, gs = "要闻动态", 50011, "li", 15, 3
        else:
            name, unit, style, _, pp, gs = COLS[cid]
        recs = [self.record(cid, d) for d in docs]
        emb = [] if style == "ajax" else recs[:pp * gs]
        if style == "multi":
            block = self.jpage_block(cid, unit, emb, len(recs), pp, gs, MPROXY, "6016,6017",
                                     ",keyWordCount:'999',sourceContentType:'3'")
        else:
            block = self.jpage_block(cid, unit, emb, len(recs), pp, gs)
        main = f"""<div class="zfxxgk_left">{self.tree()}</div>
<div class="zfxxgk_right"><div class="right-tit"><span>{name}</span></div>
<div class="right-list">{block}</div></div>"""
        cs = "gb2312" if style == "gbk" else "utf-8"
        return self.chrome(f"{name} {SITE}", name, main, charset=cs, cid=cid)

    def dataproxy(self, path, params):
        cols = params.get("columnid", "")
        unit = params.get("unitid", "")
        cid = next((c for c, v in COLS.items() if str(v[1]) == unit), None)
        if cid is None and cols.isdigit():
            cid = int(cols)
        if path == MPROXY:
            cid = 6015 if cols.replace(" ", "") == "6016,6017" else None
        if path == PROXY and cid == 6015:
            cid = None  # the combined list only answers on morecolumndataproxy
        if cid is None or cid not in COLS:
            return self.xml("<datastore><totalrecord>0</totalrecord><totalpage>0</totalpage><recordset></recordset></datastore>", "utf-8")
        _name, unit, style, _count, pp, gs = COLS[cid]
        docs = self.col_docs(cid)
        if "startrecord" in params:
            s = max(int(params["startrecord"] or 1), 1)
            e = int(params.get("endrecord") or s + pp * gs - 1)
            ppq = int(params.get("perpage") or pp)
        else:
            ppq = pp
            s = (max(int(params.get("page") or 1), 1) - 1) * pp + 1
            e = s + pp * gs - 1
        chosen = docs[s - 1:e]
        recs = [self.record(cid, d) for d in chosen]
        total = len(docs)
        nextpage = e // ppq + 1
        text = (f"<datastore>\n<totalrecord>{total}</totalrecord>\n<totalpage>{math.ceil(total / pp)}</totalpage>\n"
                + self.store(cid, recs, total, nextpage)[len("<datastore>\n"):])
        return self.xml(text, "gbk" if style == "gbk" else "utf-8")

    @staticmethod
    def xml(text, enc):
        decl = "GBK" if enc == "gbk" else "UTF-8"
        return Reply(200, (f'<?xml version="1.0" encoding="{decl}"?>\n' + text).encode(enc),
                     {"Content-Type": "text/xml"})

    # ---- chrome
    def tree(self):
        lis = []
        groups = [("法定主动公开内容", [6011, 6012, 6013, 6014, 6015]), ("政府信息公开指南", [6019])]
        for g, cids in groups:
            sub = "".join(f'<li class="level2"><a href="/col/col{c}/index.html" target="_self">{COLS[c][0]}</a></li>' for c in cids)
            lis.append(f'<li class="level1"><a href="javascript:;" class="toggle">{g}</a><ul class="sub">{sub}</ul></li>')
        lis.append('<li class="level1"><a href="/jact/front/mailpublist.do?webid=12&sysid=5">依申请公开</a></li>')
        return f'<div class="tree-tit">政府信息公开</div><ul class="gk-tree">{"".join(lis)}</ul>'

    def chrome(self, title, colname, main, head="", charset="utf-8", cid=6000, visit=""):
        crumb = f'<a href="/">首页</a> &gt; <a href="{ROOT}">政府信息公开</a>' + (f" &gt; <span>{colname}</span>" if colname else "")
        meta_cs = (f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">')
        visit = visit or f"type=1&i_webid={WEBID}&i_columnid={cid}"
        return f"""<!DOCTYPE html>
<html><head>
{meta_cs}
<title>{esc(title)}</title>
<meta name="SiteName" content="{SITE}"><meta name="SiteDomain" content="{HOST}"><meta name="SiteIDCode" content="3202810001">
{head}<script src="/module/jslib/jquery/jquery.js"></script><script src="/module/jslib/jpage/jpage.js"></script>
<link rel="stylesheet" href="/images/jy2022/css/common.css">
</head><body>
<div class="head-top"><div class="w1200"><span>江阴市人民政府欢迎您！</span><a href="javascript:;">无障碍</a><a href="javascript:;">繁体</a></div></div>
<div class="head"><div class="w1200"><img src="/images/jy2022/logo.png" alt="江阴市人民政府">
<form action="/jsearchfront/search.do" target="_blank"><input type="hidden" name="websiteid" value="320281000000000"><input name="q"><input type="submit" value="搜索"></form></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/col/col{NEWS_CID}/index.html">要闻动态</a></li>
<li><a href="{ROOT}">政府信息公开</a></li><li><a href="http://www.jszwfw.gov.cn/col/col1234/index.html">政务服务</a></li>
<li><a href="/jact/front/index.do?webid={WEBID}">政民互动</a></li></ul></div>
<div class="w1200"><div class="dqwz">您当前的位置：{crumb}</div>
{main}
</div>
<div class="foot"><div class="w1200"><p>主办：江阴市人民政府办公室　承办：江阴市大数据管理局</p>
<p><a href="https://beian.miit.gov.cn">苏ICP备05005688号</a>　网站标识码：3202810001　苏公网安备 32028102001016号</p>
<a href='http://www.hanweb.com' style='display:none'>Produced By 大汉网络 大汉版通发布系统</a></div></div>
<iframe src='/module/visitcount/visit.jsp?{visit}' style="display:none" width="0" height="0"></iframe>
</body></html>
"""

    def root_page(self):
        extra = ""
        if self.root_store:
            latest = sorted(self.docs[:-1], key=lambda d: d.published, reverse=True)[:6]
            recs = [f"<li><a href='{esc(d.path)}' title='{esc(d.title)}' target='_blank'>{esc(d.title)}</a><span>{d.published:%m-%d}</span></li>" for d in latest]
            store = ("<datastore><nextgroup><![CDATA[]]></nextgroup><recordset>"
                     + "".join(f"<record><![CDATA[{r}]]></record>" for r in recs) + "</recordset></datastore>")
            extra = f'<div class="zxxx"><div class="tit">最新信息</div><div id="60001"><script type="text/xml">{store}</script></div></div>'
        main = f"""<div class="zfxxgk_left">{self.tree()}</div>
<div class="zfxxgk_right"><div class="gk-intro">根据《中华人民共和国政府信息公开条例》，江阴市人民政府依法公开政府信息。</div>
{extra}
<div class="gk-search"><a href="/module/xxgk/search.jsp?divid=div6000&area=014000327">信息公开目录检索</a></div></div>"""
        return self.chrome(f"政府信息公开 {SITE}", None, main)

    def meta_table(self, d):
        m = d.meta
        return f"""<div class="xxgk_xl"><table class="gk-table" width="100%" cellspacing="0">
<tr><th>索引号：</th><td>{esc(m['index_no'])}</td><th>主题分类：</th><td>{esc(m['category'])}</td></tr>
<tr><th>发文机关：</th><td>{esc(m['publisher'])}</td><th>成文日期：</th><td>{m['written']}</td></tr>
<tr><th>发文字号：</th><td>{esc(m['doc_no'])}</td><th>发布日期：</th><td>{d.published:%Y-%m-%d}</td></tr>
<tr><th>标　　题：</th><td colspan="3">{esc(d.title)}</td></tr>
<tr><th>有 效 性：</th><td colspan="3">有效</td></tr>
</table></div>"""

    def article(self, d):
        cid = d.cid
        ps = "\n".join(f'<p style="text-indent:2em;">{esc(p)}</p>' for p in d.paragraphs)
        if d.attachments:
            ps += "\n" + "".join(f'<p>附件：<a href="{esc(a.href)}" target="_blank">{esc(a.name)}</a></p>' for a in d.attachments)
        icol = 6016 if cid == 6015 else cid
        head = (f'<meta name="ArticleTitle" content="{esc(d.title)}">\n<meta name="PubDate" content="{d.published:%Y-%m-%d %H:%M}">\n'
                f'<meta name="ContentSource" content="{esc(d.source or "")}">\n<meta name="ColumnName" content="{d.column}">\n'
                f'<meta name="i_columnid" content="{icol}"><meta name="i_articleid" content="{d.key[1:]}">\n')
        if cid == 6012:
            content = f'<div class="bt_content"><meta name="ContentStart">\n{ps}\n<meta name="ContentEnd"></div>'
        else:
            content = f'<!--ZJEG_RSS.content.begin--><div id="zoom">\n{ps}\n</div><!--ZJEG_RSS.content.end-->'
        table = self.meta_table(d) if d.meta else ""
        main = f"""<div class="article-box">
{table}
<div class="bt_title"><h1>{esc(d.title)}</h1></div>
<div class="bt_info"><span>发布日期：{d.published:%Y-%m-%d %H:%M}</span><span>信息来源：{esc(d.source or '')}</span><span>浏览次数：<span id="hits"></span></span><span>字体：[<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>]</span></div>
{content}
<div class="bt_share">分享到：<a href="javascript:;">微信</a> <a href="javascript:;">微博</a></div>
<div class="bt_tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
<script src="/module/visitcount/articlehits.jsp?colid={icol}&artid={d.key[1:]}"></script>"""
        cs = "gb2312" if cid == 6014 else "utf-8"
        return self.chrome(f"{d.title} {SITE}", d.column, main, head, charset=cs, cid=icol,
                           visit=f"type=3&i_webid={WEBID}&i_columnid={icol}&i_articleid={d.key[1:]}")


def make_site(edition: int = 1) -> JiangyinSite:
    return JiangyinSite(root_store=True)
