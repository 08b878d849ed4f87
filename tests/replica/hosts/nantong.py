"""fgw.nantong.gov.cn: a second TRS WCM site, templates unlike trs.replica.

* root /xxgk/index.html: columns as child dirs ./tzgg/ ./zcwj/ ./gzdt/ ./rsxx/ ./jgzn/ in
  div.gk-left ul; 最新公开 box with article links; top nav to /xwzx/ (outside); search /was5/web/search.
* 通知公告 /xxgk/tzgg/: 10 docs, 4/page, createPageHTML(3, n, "index", "html") inside
  <script><!-- … //--></script>; rows ul li a + span "[2023-03-15]"; links ./YYYYMM/t…html.
* 政策文件 /xxgk/zcwj/: landing page (no list) linking sub-columns ./fgwwj/ (4 docs, 3/page,
  var countPage = 2 document.write pager, table rows) and ./zfwj/ (2 docs, 1 page, no pager script).
  Articles: xxgk info table class "tb-info" (labels padded with \u3000), TRS_Editor with a
  <style> block and TRS_PreAppend, nested in div.article-con; attachments ./P0….pdf inside the
  editor (even docs) or in a div.appendix after it (odd docs).
* 工作动态 /xxgk/gzdt/: 7 docs, 3/page, createPageHTML(countPage, currentPage, "index", "html")
  with the vars in another script; rows <li><span class=date>…</span><a …></li>, hrefs absolute
  /xxgk/gzdt/… and ../gzdt/…; articles: TRS_Editor inside div#zoom inside div.main-txt; two
  articles lack PubDate meta (date only in the info line).
* 人事信息 /xxgk/rsxx/: GBK (no charset header; meta gb2312), 2 docs, createPageHTML(1, 0, …).
* 机构职能 /xxgk/jgzn/: the column page is the document.
"""
from __future__ import annotations

import random
from datetime import datetime

from tests.replica.district import TOPICS, Att, Doc, esc, expected_entry, paragraphs, when
from tests.replica.http import Reply

HOST = "fgw.nantong.gov.cn"
SITE = "南通市发展和改革委员会"
ROOT = "/xxgk/index.html"

# code: (name, parent, count, perpage, pager-style)
COLS = {
    "tzgg": ("通知公告", "", 10, 4, "comment_script"),
    "fgwwj": ("委文件", "zcwj/", 4, 3, "countpage"),
    "zfwj": ("转发文件", "zcwj/", 2, 3, "none"),
    "gzdt": ("工作动态", "", 7, 3, "vars"),
    "rsxx": ("人事信息", "", 2, 10, "gbk"),
    "jgzn": ("机构职能", "", 1, 0, "single"),
}


class NantongSite:
    hosts = (HOST,)

    def __init__(self) -> None:
        self.docs: list[Doc] = []
        docid = 4830000
        for code, (name, parent, count, _pp, style) in COLS.items():
            rng = random.Random(f"nt-{code}")
            base = f"/xxgk/{parent}{code}/"
            for i in range(count):
                docid += 1
                topic = TOPICS[(i * 4 + len(code)) % len(TOPICS)]
                t = when(rng, datetime(2022, 1, 3), 700)
                src = rng.choice(["市发改委", "综合处", "南通发布", "市价格监测中心"])
                if style == "single":
                    d = Doc(code, name, "南通市发展和改革委员会主要职责", datetime(2021, 6, 1, 10, 0),
                            ("贯彻执行国家、省关于国民经济和社会发展的方针政策和法律法规。",
                             "拟订并组织实施全市国民经济和社会发展战略、中长期规划和年度计划。",
                             "统筹协调经济社会发展，研究分析全市经济形势，提出宏观调控的目标和政策建议。"),
                            source="市发改委")
                    d.path = base + "index.html"
                else:
                    if code in ("fgwwj", "zfwj"):
                        title = (f"市发展改革委关于印发《南通市{topic}工作方案》的通知" if code == "fgwwj"
                                 else f"转发省发展改革委关于做好{topic}工作的通知")
                        d = Doc(f"t{docid}", name, title, t, paragraphs(rng, topic, rng.randint(3, 5), "南通"),
                                source="南通市发展和改革委员会",
                                meta={"index_no": f"01401454-X/{t.year}-{i + 1:05d}", "category": "发展规划",
                                      "publisher": "南通市发展和改革委员会",
                                      "doc_no": f"通发改{'规' if i % 2 else ''}〔{t.year}〕{rng.randint(1, 200)}号"})
                    elif code == "rsxx":
                        d = Doc(f"t{docid}", name, f"南通市发展和改革委员会{t.year}年公开招聘工作人员拟聘用人员公示（{i + 1}）", t,
                                (f"根据《事业单位公开招聘人员暂行规定》，现将拟聘用人员名单予以公示（第{i + 1}批）。",
                                 "公示期为7个工作日。如有异议，请向市发改委人事处反映。", "联系电话：0513-85098765。"),
                                source="人事处")
                    elif code == "tzgg":
                        d = Doc(f"t{docid}", name, f"关于开展{t.year}年度{topic}专项检查的通知（{i + 1}）", t,
                                paragraphs(rng, topic, rng.randint(2, 4), "南通"), source=src)
                    else:
                        d = Doc(f"t{docid}", name, f"南通市召开{topic}工作推进会（{i + 1}）", t,
                                paragraphs(rng, topic, rng.randint(2, 4), "南通"), source=src)
                    d.path = f"{base}{t:%Y%m}/t{t:%Y%m%d}_{docid}.html"
                d.url = f"http://{HOST}{d.path}"
                d.code = code
                d.no_pubdate = code == "gzdt" and i in (1, 4)
                if code in ("fgwwj", "zfwj") and i != 1:
                    n = 1 if i % 2 == 0 else 2
                    for k in range(n):
                        ext = ["pdf", "docx"][k]
                        fn = f"P0{t:%Y%m%d}{docid % 1000:03d}{k}{i}58372{k}.{ext}"
                        nm = f"附件{k + 1}：南通市{topic}工作方案{'（解读）' if k else ''}.{ext}" if n > 1 else f"南通市{topic}工作方案.{ext}"
                        d.attachments.append(Att(nm, f"./{fn}", f"http://{HOST}{base}{t:%Y%m}/{fn}"))
                self.docs.append(d)
        self.by_path = {d.path: d for d in self.docs}

    def expected(self, code=None):
        return [expected_entry(d) for d in self.docs if code is None or d.code in code]

    def col_docs(self, code):
        return sorted([d for d in self.docs if d.code == code], key=lambda d: d.published, reverse=True)

    def handle(self, method, host, path, query, body):
        if path == "/robots.txt":
            return Reply.text("User-agent: *\nDisallow: /was5/\n")
        if path in ("/", "/index.html"):
            return Reply.html(self.chrome(SITE, [], f'<a href="{ROOT}">信息公开</a>'))
        if path in (ROOT, "/xxgk/"):
            return Reply.html(self.root_page())
        if path in ("/xxgk/zcwj/", "/xxgk/zcwj/index.html"):
            return Reply.html(self.landing())
        d = self.by_path.get(path)
        if d is not None:
            page = self.article(d)
            if d.code == "rsxx":
                return Reply(200, page.encode("gbk"), {"Content-Type": "text/html"})
            return Reply.html(page)
        if "/P0" in path:
            for d in self.docs:
                for a in d.attachments:
                    if a.url.endswith(path):
                        return Reply(200, b"%PDF-1.4\n%%EOF\n", {"Content-Type": "application/octet-stream"})
        for code, (_name, parent, count, pp, style) in COLS.items():
            base = f"/xxgk/{parent}{code}/"
            if not path.startswith(base):
                continue
            rest = path[len(base):]
            if style == "single" and rest in ("", "index.html"):
                return Reply.html(self.article(self.col_docs(code)[0]))
            n = None
            if rest in ("", "index.html"):
                n = 0
            elif rest.startswith("index_") and rest.endswith(".html") and rest[6:-5].isdigit():
                n = int(rest[6:-5])
            if n is not None:
                pages = max(1, -(-count // pp))
                if n >= pages:
                    return Reply.not_found()
                page = self.list_page(code, n)
                if style == "gbk":
                    return Reply(200, page.encode("gbk"), {"Content-Type": "text/html"})
                return Reply.html(page)
        return Reply.not_found()

    # ---- chrome
    def chrome(self, title, crumbs, main, head="", charset="utf-8"):
        trail = '<a href="/" class="CurrChnlCls">首页</a>'
        for href, name in crumbs:
            trail += f'&nbsp;&gt;&nbsp;<a href="{href}" target="_self" class="CurrChnlCls">{name}</a>'
        cs = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}" />'
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
{cs}
<title>{esc(title)}</title>
<meta name="SiteName" content="{SITE}" /><meta name="SiteDomain" content="{HOST}" /><meta name="SiteIDCode" content="3206000037" />
{head}<link href="/images/nt_fgw.css" rel="stylesheet" type="text/css" />
<script type="text/javascript" src="/images/jquery.min.js"></script>
</head><body>
<div class="top"><div class="w1100"><span>南通市发展和改革委员会</span> <a href="javascript:;">无障碍浏览</a></div></div>
<div class="header"><div class="w1100"><img src="/images/logo.png" alt="{SITE}" />
<form name="searchform" action="/was5/web/search" method="get" target="_blank"><input type="hidden" name="channelid" value="231546" /><input name="searchword" /><input type="submit" value="搜索" /></form></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/xwzx/">新闻中心</a></li><li><a href="{ROOT}">信息公开</a></li><li><a href="http://www.nantong.gov.cn/">南通市政府</a></li></ul></div>
<div class="w1100"><div class="location">当前位置：{trail}</div>
{main}
</div>
<div class="footer"><div class="w1100"><p>主办单位：南通市发展和改革委员会　地址：南通市世纪大道6号</p>
<p><a href="https://beian.miit.gov.cn">苏ICP备05086569号</a>　网站标识码：3206000037</p></div></div>
</body></html>
"""

    def left(self):
        lis = "".join(f'<li><a href="./{c}/" target="_self">{COLS[c][0]}</a></li>' for c in ("tzgg", "gzdt", "rsxx", "jgzn"))
        lis = lis.replace('./gzdt/"', './gzdt/index.html"')
        lis = '<li><a href="./zcwj/">政策文件</a></li>' + lis
        return f'<div class="gk-left"><div class="gk-left-tit">信息公开目录</div><ul>{lis}</ul></div>'

    def root_page(self):
        latest = sorted([d for d in self.docs if d.code in ("tzgg", "gzdt")], key=lambda d: d.published, reverse=True)[:5]
        items = "".join(f'<li><a href=".{d.path[5:]}" title="{esc(d.title)}">{esc(d.title)}</a><span>{d.published:%Y-%m-%d}</span></li>' for d in latest)
        main = f"""{self.left()}
<div class="gk-right"><div class="gk-box"><div class="gk-box-tit">最新公开</div><ul class="gk-new">{items}</ul></div>
<div class="gk-box"><a href="../xwzx/tpxw/">图片新闻</a> <a href="/was5/web/search?channelid=231546&searchword=%E5%85%AC%E5%BC%80">公开目录检索</a></div></div>"""
        return self.chrome(f"信息公开_{SITE}", [(ROOT, "信息公开")], main)

    def landing(self):
        main = """<div class="gk-right"><div class="sub-col"><div class="tit"><a href="./fgwwj/">委文件</a></div><div class="tit"><a href="./zfwj/index.html">转发文件</a></div></div></div>"""
        return self.chrome(f"政策文件_{SITE}", [(ROOT, "信息公开"), ("/xxgk/zcwj/", "政策文件")], main)

    def list_page(self, code, n):
        name, parent, count, pp, style = COLS[code]
        docs = self.col_docs(code)
        pages = max(1, -(-count // pp))
        chunk = docs[n * pp:(n + 1) * pp]
        crumbs = [(ROOT, "信息公开")] + ([("/xxgk/zcwj/", "政策文件")] if parent else []) + [(f"/xxgk/{parent}{code}/", name)]
        if code in ("fgwwj", "zfwj"):
            rows = "".join(f'<tr><td class="t"><a href="./{d.path.split("/")[-2]}/{d.path.split("/")[-1]}" target="_blank" title="{esc(d.title)}">{esc(d.title)}</a></td>'
                           f'<td>{esc(d.meta["doc_no"])}</td><td>{d.published:%Y-%m-%d}</td></tr>' for d in chunk)
            listing = f'<table class="zcwj-tb"><tr><th>标题</th><th>文号</th><th>发布日期</th></tr>{rows}</table>'
        elif code == "gzdt":
            rows = []
            for k, d in enumerate(chunk):
                href = d.path if k % 2 == 0 else "../gzdt/" + "/".join(d.path.split("/")[-2:])
                rows.append(f'<li><span class="date">{d.published:%Y-%m-%d}</span><a href="{href}" target="_blank">{esc(d.title)}</a></li>')
            listing = f'<ul class="news-list">{"".join(rows)}</ul>'
        else:
            rows = "".join(f'<li><a href="./{d.path.split("/")[-2]}/{d.path.split("/")[-1]}" target="_blank" title="{esc(d.title)}">{esc(d.title)}</a><span>[{d.published:%Y-%m-%d}]</span></li>' for d in chunk)
            listing = f'<ul class="list">{rows}</ul>'
        if style == "comment_script":
            pager = f'<div class="page"><script language="JavaScript">\n<!--\ncreatePageHTML({pages}, {n}, "index", "html");\n//-->\n</script></div>'
        elif style == "countpage":
            pager = f"""<div class="page"><script>
var currentPage = {n};//所在页从0开始
var prevPage = currentPage-1//上一页
var nextPage = currentPage+1//下一页
var countPage = {pages}//共多少页
document.write("共"+countPage+"页&nbsp;&nbsp;");
if(countPage>1&&currentPage!=0&&currentPage!=1) document.write("<a href=\\"index"+"_" + prevPage + "."+"html\\">上一页</a>");
else if(countPage>1&&currentPage==1) document.write("<a href=\\"index.html\\">上一页</a>");
if(countPage>1&&currentPage!=(countPage-1)) document.write("<a href=\\"index"+"_" + nextPage + "."+"html\\">下一页</a>");
</script></div>"""
        elif style == "vars":
            pager = (f'<script type="text/javascript">var currentPage = {n}; var countPage = {pages};</script>\n'
                     '<div class="page"><script type="text/javascript">createPageHTML(countPage, currentPage, "index", "html");</script></div>')
        elif style == "gbk":
            pager = f'<script>createPageHTML({pages}, {n}, "index", "html");</script>'
        else:
            pager = ""
        main = f"""{self.left().replace('./', '/xxgk/')}
<div class="gk-right"><div class="gk-col-tit">{name}</div>
{listing}
{pager}
</div>"""
        return self.chrome(f"{name}_{SITE}", crumbs, main, charset="gb2312" if style == "gbk" else "utf-8")

    def meta_table(self, d):
        m = d.meta
        return f"""<div class="gkxx"><table class="tb-info" width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><td class="lab">索\u3000引\u3000号：</td><td>{esc(m['index_no'])}</td><td class="lab">主题分类：</td><td>{esc(m['category'])}</td></tr>
<tr><td class="lab">发文机关：</td><td>{esc(m['publisher'])}</td><td class="lab">成文日期：</td><td>{d.published:%Y年%m月%d日}</td></tr>
<tr><td class="lab">标\u3000\u3000题：</td><td colspan="3">{esc(d.title)}</td></tr>
<tr><td class="lab">文\u3000\u3000号：</td><td>{esc(m['doc_no'])}</td><td class="lab">发布日期：</td><td>{d.published:%Y年%m月%d日}</td></tr>
</table></div>"""

    def article(self, d):
        ps = "\n".join(f'<p style="text-indent: 2em; font-family: 仿宋_GB2312; font-size: 16pt;">{esc(p)}</p>' for p in d.paragraphs)
        inside = outside = ""
        idx = int(d.key[1:]) if d.key[1:].isdigit() else 0
        if d.attachments:
            links = "".join(f'<p><a href="{esc(a.href)}" OLDSRC="/protect/P0/{a.href[2:]}">{esc(a.name)}</a></p>' for a in d.attachments)
            if idx % 2 == 0:
                inside = f"\n<p>附件：</p>{links}"
            else:
                outside = ('<div class="appendix"><span>附件下载：</span><ul>'
                           + "".join(f'<li><a href="{esc(a.href)}" target="_blank">{esc(a.name)}</a></li>' for a in d.attachments)
                           + "</ul></div>")
        head = f'<meta name="ArticleTitle" content="{esc(d.title)}" />\n'
        if not getattr(d, "no_pubdate", False):
            head += f'<meta name="PubDate" content="{d.published:%Y-%m-%d %H:%M}" />\n'
        head += f'<meta name="ContentSource" content="{esc(d.source or "")}" />\n<meta name="ColumnName" content="{d.column}" />\n'
        editor = (f'<div class="TRS_Editor"><style type="text/css">\n.TRS_Editor P{{margin-top:0;margin-bottom:12px;line-height:1.8;font-family:宋体;font-size:12pt;}}'
                  f'.TRS_Editor DIV{{margin-top:0;}}.TRS_Editor TD{{font-size:12pt;}}\n</style>'
                  f'<div class="TRS_PreAppend" style="overflow-x: hidden; word-break: break-all">{ps}{inside}</div></div>')
        info = (f'<div class="info"><span>发布时间：{d.published:%Y-%m-%d %H:%M}</span><span>来源：{esc(d.source or "")}</span>'
                f'<span>浏览次数：<span id="ReadCount"></span></span><span>【字体：<a href="javascript:;">大</a> <a href="javascript:;">中</a> <a href="javascript:;">小</a>】</span></div>')
        if d.code == "gzdt":
            body = f'<div class="main-txt"><div id="zoom">{editor}</div></div>'
        else:
            body = f'<div class="article-con">{editor}</div>'
        table = self.meta_table(d) if d.meta else ""
        parent = COLS[d.code][1]
        crumbs = [(ROOT, "信息公开")] + ([("/xxgk/zcwj/", "政策文件")] if parent else []) + [(f"/xxgk/{parent}{d.code}/", d.column)]
        main = f"""<div class="article">
{table}
<h1 class="article-title">{esc(d.title)}</h1>
{info}
{body}
{outside}
<div class="tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<script>var _docid = "{d.key[1:]}"; $.get("/was5/web/count?docid=" + _docid, function(n){{$("#ReadCount").text(n);}});</script>"""
        cs = "gb2312" if d.code == "rsxx" else "utf-8"
        return self.chrome(f"{d.title}_{SITE}", crumbs, main, head, charset=cs)


def make_site(edition: int = 1) -> NantongSite:
    return NantongSite()
