"""www.szwz.gov.cn: the Suzhou 集约化 platform flavour (gov-portals.md §1, §5 Host A).

Columns, list styles and traps follow the real site: static ``createPageHTML``
pagination, a JSON-only column, the 信息公开目录 shell backed by the wzapi list
API, PDF-only annual reports, single pages, a form page, print views, tracking
parameters, a no-www twin, a robots.txt rule the nav links into, one flaky, one
slow and one dead article, hacked articles, and cloaked ones (spam only for
Baiduspider or for visitors arriving from Baidu).
"""

from __future__ import annotations

import html
import math
import random
import tomllib
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import cached_property
from urllib.parse import parse_qs, urlsplit

from tests.replica import corpus
from tests.replica.bulk import BULK_COLUMN, BULK_PAGE_SIZE, BulkArticles
from tests.replica.corpus import Attachment, Document
from tests.replica.http import Reply
from tests.replica.inject import (
    GAMBLING_PHRASES,
    PORN_PHRASES,
    SPAM_HOSTS,
    hidden_link_farm,
    inject,
    junk_block,
    keyword_line,
    redirect_script,
)

HOST = "www.szwz.gov.cn"
TWIN = "szwz.gov.cn"
SITE_NAME = "苏州市吴中区政务服务管理办公室"
PAGE_SIZE = 15
ROOT = "/szwz/xxgk/index.shtml"


@dataclass(frozen=True)
class Column:
    code: str
    name: str
    style: str  # static | info_api | wzapi | single | form
    crumbs: tuple[str, ...] = ()
    count: int = 0

    @property
    def channel_id(self) -> str:
        return corpus.hex_id("szwz", "channel", self.code)

    @property
    def entry_path(self) -> str:
        if self.style == "wzapi":
            return f"/szwz/xxgkml.shtml?cxtype=1&channel_id={self.channel_id}"
        if self.style in ("single", "form"):
            return f"/szwz/{self.code}/index.shtml"
        return f"/szwz/{self.code}/nav_list.shtml"


COLUMNS = (
    Column("gkzn", "政府信息公开指南", "single"),
    Column("gkzd", "政府信息公开制度", "single"),
    Column("qzfzdgz", "区政府重点工作", "static", ("重点政务信息", "重点工作"), 40),
    Column("tzgg", "通知公告", "info_api", (), 38),
    Column("zcwj", "政策文件", "wzapi", (), 36),
    Column("ndbg", "政府信息公开年报", "static", (), 6),
    Column("ysqgk", "依申请公开", "form"),
)
COLUMN_BY_CODE = {c.code: c for c in COLUMNS}
SEED_ID = "baeba41be9e24005a3b07d06585549e7"


def doc_path(doc: Document) -> str:
    if COLUMN_BY_CODE[doc.column].style == "single":
        return f"/szwz/{doc.column}/index.shtml"
    return f"/szwz/{doc.column}/{doc.month}/{doc.doc_id}.shtml"


def attachment_path(doc: Document, att: Attachment) -> str:
    return f"/szwz/{doc.column}/{doc.month}/{doc.doc_id}/files/{att.file_id}.{att.ext}"


@dataclass
class Traps:
    """Which documents carry which trap; chosen once, by position, from fixed data."""

    flaky: str = ""  # answers 500 once, then 200
    slow: str = ""  # answers after SLOW_SECONDS
    cross_listed: str = ""  # a qzfzdgz article also listed in tzgg
    dead_path: str = "/szwz/qzfzdgz/202205/" + corpus.hex_id("szwz", "withdrawn") + ".shtml"
    tracking: set[str] = field(default_factory=set)  # listed with ?uid=
    fragment: set[str] = field(default_factory=set)  # listed with #fragment
    hacked: dict[str, str] = field(default_factory=dict)  # doc id → hack (see hack_page)
    cloaked: dict[str, str] = field(default_factory=dict)  # doc id → cloak (see cloaked_reply)


SLOW_SECONDS = 2.0
# Templated notices differ only in names and dates (their posts are the same every time):
# near-duplicate detection must still keep them apart.
TEMPLATED_POSTS = (("区发改委副主任", "木渎镇党委副书记"), ("区财政局副局长", "甪直镇党委副书记"),
                   ("区教育局副局长", "区科技局局长"))
TRAP_NOTICES = tomllib.loads(
    (corpus.DATA_DIR / "trap_notices.toml").read_text(encoding="utf-8"))["notice"]


class SzwzCorpus:
    """The documents of www.szwz.gov.cn, generated from fixed data."""

    def __init__(self, edition: int = 1) -> None:
        self.docs: list[Document] = []
        for column in COLUMNS:
            self.docs.extend(self._column_docs(column))
        self.traps = self._choose_traps()
        self.changed: list[str] = []
        self.added: list[str] = []
        self.withdrawn: list[str] = []
        if edition >= 2:
            self._second_edition()
        self.copies = self._copies()
        self.by_path = {doc_path(d): d for d in self.docs + self.copies}
        self.by_id = {d.doc_id: d for d in self.docs}

    def column_docs(self, code: str) -> list[Document]:
        docs = [d for d in self.docs if d.column == code]
        return sorted(docs, key=lambda d: d.published, reverse=True)

    @property
    def articles(self) -> list[Document]:
        return [d for d in self.docs if COLUMN_BY_CODE[d.column].style != "single"]

    def _column_docs(self, column: Column) -> list[Document]:
        make = {
            "qzfzdgz": self._key_work,
            "tzgg": self._notice,
            "zcwj": self._policy,
            "ndbg": self._annual_report,
        }.get(column.code)
        if column.style == "single":
            return [self._single_page(column)]
        self.rng = random.Random(f"szwz-{column.code}")  # one stream per column: edits stay local
        return [make(i) for i in range(column.count)] if make else []

    def _key_work(self, i: int) -> Document:
        if i == 0:
            return Document(
                "qzfzdgz", SEED_ID, "2022年政府工作总结",
                datetime(2023, 1, 10, 9, 17, 15), corpus.seed_paragraphs(),
            )
        rng = self.rng
        topic = corpus.TOPICS[i % len(corpus.TOPICS)]
        town = rng.choice(corpus.TOWNS)
        title = rng.choice([
            f"区政府召开{topic}专题会议",
            f"{town}扎实推进{topic}工作",
            f"全区{topic}工作推进会召开",
            f"区政府部署{topic}重点任务",
            f"{topic}工作取得阶段性成效",
        ])
        when = corpus.random_time(rng, datetime(2021, 3, 1), 840)
        if i >= len(corpus.TOPICS):
            title = f"{when.year}年{title}"
        return Document(
            "qzfzdgz", corpus.hex_id("szwz", "qzfzdgz", i), title, when,
            corpus.paragraphs_about(topic, rng, rng.randint(3, 6)),
            source=rng.choice(corpus.SOURCES),
        )

    def _notice(self, i: int) -> Document:
        rng = self.rng
        when = corpus.random_time(rng, datetime(2021, 6, 1), 760)
        if i % 6 == 3 and i // 6 < len(TRAP_NOTICES):
            trap = TRAP_NOTICES[i // 6]
            return Document("tzgg", corpus.hex_id("szwz", "tzgg", i), trap["title"], when,
                            tuple(trap["paragraphs"]), source=trap["source"])
        if i % 12 == 5:
            people = [corpus.person_name(rng) for _ in range(3)]
            names = "、".join(people)
            title = f"{names}等同志任职前公示"
            paragraphs = (
                f"根据干部选拔任用工作有关规定，现将{names}等同志拟任职情况予以公示。",
                *(f"{name}，{rng.randint(1972, 1990)}年{rng.randint(1, 12)}月生，大学学历，中共党员，"
                  f"现任{post}，拟任{new_post}。"
                  for name, (post, new_post) in zip(people, TEMPLATED_POSTS, strict=True)),
                f"公示时间：{when:%Y年%m月%d日}至{when + timedelta(days=7):%m月%d日}。",
                "公示期间，对公示对象有情况反映的，可通过来电、来信、来访等方式向区委组织部反映。",
                "反映情况要实事求是，以真实姓名反映情况，并提供联系方式。",
                "联系电话：0512-66553021。",
            )
            return Document("tzgg", corpus.hex_id("szwz", "tzgg", i), title, when, paragraphs,
                            source="区委组织部")
        topic = corpus.TOPICS[(i * 7) % len(corpus.TOPICS)]
        if i >= len(corpus.TOPICS):
            topic = f"{corpus.TOWNS[i % len(corpus.TOWNS)]}{topic}"
        title = rng.choice([
            f"关于开展{when.year}年{topic}工作的通知",
            f"关于做好{topic}有关工作的通知",
            f"关于{topic}专项检查情况的通报",
            f"关于征求《{topic}工作方案》意见的公告",
        ])
        return Document(
            "tzgg", corpus.hex_id("szwz", "tzgg", i), title, when,
            corpus.paragraphs_about(topic, rng, rng.randint(2, 5)),
            source=rng.choice(corpus.SOURCES),
        )

    def _policy(self, i: int) -> Document:
        rng = self.rng
        policy = corpus.POLICIES[i % len(corpus.POLICIES)]
        when = corpus.random_time(rng, datetime(2021, 1, 4), 900)
        office = i % 3 == 0
        doc_no = f"吴政{'办' if office else '发'}〔{when.year}〕{rng.randint(1, 120)}号"
        title = (
            f"苏州市吴中区人民政府办公室关于印发《吴中区{policy}若干措施》的通知"
            if office else f"苏州市吴中区人民政府关于{policy}的实施意见"
        )
        attachments: tuple[Attachment, ...] = ()
        if i % 3 == 1:
            exts = ("pdf", "docx") if i % 2 else ("pdf",)
            attachments = tuple(
                Attachment(f"{'附件' + str(n + 1) + '：' if len(exts) > 1 else ''}"
                           f"吴中区{policy}{'任务分解表' if n else '政策解读'}.{ext}",
                           ext, corpus.hex_id("szwz", "file", i, n))
                for n, ext in enumerate(exts)
            )
        attachment_only = i == 10
        if attachment_only:
            attachments = (Attachment(f"吴中区{policy}实施细则.pdf", "pdf",
                                      corpus.hex_id("szwz", "file", i, "only")),)
        paragraphs = () if attachment_only else corpus.paragraphs_about(
            policy, rng, rng.randint(4, 7))
        meta = {
            "index_no": f"014152419/{when.year}-{i + 1:05d}",
            "category": rng.choice(corpus.CATEGORIES),
            "publisher": corpus.PUBLISHERS[1 if office else 0],
            "written": when.strftime("%Y-%m-%d"),
            "doc_no": doc_no,
            "validity": "有效",
            "summary": f"{policy}相关政策措施。",
        }
        return Document(
            "zcwj", corpus.hex_id("szwz", "zcwj", i), title, when, paragraphs,
            source=corpus.PUBLISHERS[1 if office else 0], meta=meta,
            attachments=attachments, attachment_only=attachment_only,
        )

    def _annual_report(self, i: int) -> Document:
        year = 2022 - i
        title = f"吴中区{year}年政府信息公开工作年度报告"
        att = Attachment(f"{title}.pdf", "pdf", corpus.hex_id("szwz", "ndbg", year))
        return Document(
            "ndbg", corpus.hex_id("szwz", "ndbg", i), title, datetime(year + 1, 1, 28, 10, 0, 0),
            (), source="区政务办", attachments=(att,), attachment_only=True,
        )

    def _single_page(self, column: Column) -> Document:
        rng = random.Random(f"szwz-single-{column.code}")
        if column.code == "gkzn":
            paragraphs = (
                "为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。",
                "一、主动公开。本机关主动公开的政府信息，自该信息形成或者变更之日起20个工作日内予以公开。",
                "二、依申请公开。公民、法人或者其他组织可以向本机关申请获取相关政府信息。",
                "三、监督和救济。公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，"
                "可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报。",
            )
        else:
            paragraphs = ("第一条 为了规范本机关政府信息公开工作，制定本制度。", "第二条 政府信息公开工作坚持以公开为常态、不公开为例外，遵循公正、公平、合法、便民的原则。", "第三条 本机关建立健全政府信息公开保密审查机制，明确审查的程序和责任。", *corpus.paragraphs_about("政务公开", rng, 1))
        return Document(
            column.code, corpus.hex_id("szwz", column.code), column.name,
            datetime(2021, 2, 1, 9, 0, 0), paragraphs, source="区政务办",
        )

    def _copies(self) -> list[Document]:
        """Copies a CMS makes when an article is pushed to a second column: one verbatim
        (the cross-listed article), one re-issued with a correction (a near duplicate)."""
        key_work = self.column_docs("qzfzdgz")
        listed = self.by_id_of(self.traps.cross_listed)
        corrected = key_work[15]
        return [
            replace(listed, column="tzgg", doc_id=corpus.hex_id("szwz", "copy", listed.doc_id)),
            replace(corrected, column="tzgg", doc_id=corpus.hex_id("szwz", "copy", corrected.doc_id),
                    title=corrected.title + "（更正）",
                    published=corrected.published + timedelta(days=2),
                    paragraphs=(*corrected.paragraphs, "特此更正：原文部分数据已核实更新。")),
        ]

    def by_id_of(self, doc_id: str) -> Document:
        return next(d for d in self.docs if d.doc_id == doc_id)

    def _second_edition(self) -> None:
        """What changed on the site by the next night: two articles edited, three added,
        one withdrawn."""
        rng = random.Random("szwz-edition-2")
        withdrawn = self.column_docs("qzfzdgz")[30]
        self.docs.remove(withdrawn)
        self.withdrawn.append(withdrawn.doc_id)
        edits = [self.column_docs("qzfzdgz")[1], self.column_docs("tzgg")[8]]
        for doc in edits:
            self.docs[self.docs.index(doc)] = replace(doc, paragraphs=(
                *doc.paragraphs, "（2023年7月更新）根据最新统计数据，相关指标已作相应调整。"))
            self.changed.append(doc.doc_id)
        for n, (code, topic) in enumerate((("qzfzdgz", "防汛抗旱"), ("qzfzdgz", "高温防暑"),
                                           ("tzgg", "暑期安全"))):
            when = datetime(2023, 7, 3 + n * 4, 10, 30, 0)
            doc = Document(code, corpus.hex_id("szwz", "edition-2", n),
                           f"关于做好2023年{topic}工作的通知", when,
                           corpus.paragraphs_about(topic, rng, 3), source="区政府办")
            self.docs.append(doc)
            self.added.append(doc.doc_id)

    def _choose_traps(self) -> Traps:
        key_work = self.column_docs("qzfzdgz")
        notices = self.column_docs("tzgg")
        policies = self.column_docs("zcwj")
        traps = Traps(
            flaky=key_work[10].doc_id,
            slow=policies[3].doc_id,
            cross_listed=key_work[7].doc_id,
            tracking={key_work[2].doc_id, notices[4].doc_id, policies[9].doc_id},
            fragment={key_work[3].doc_id, notices[6].doc_id},
            hacked={
                key_work[12].doc_id: "hidden_links",
                key_work[14].doc_id: "junk_and_keywords",
                key_work[16].doc_id: "redirect_script",
                key_work[18].doc_id: "stuffing",
                key_work[20].doc_id: "content_spam",
                notices[10].doc_id: "class_hidden_farm",
            },
            cloaked={
                key_work[22].doc_id: "spam_page",
                key_work[24].doc_id: "bot_keywords",
                notices[14].doc_id: "referer_redirect",
            },
        )
        singled_out = [traps.flaky, traps.slow, traps.cross_listed, *traps.hacked,
                       *traps.cloaked]
        assert SEED_ID not in singled_out and len(set(singled_out)) == len(singled_out)
        return traps


def esc(text: str) -> str:
    return html.escape(text, quote=True)


class SzwzSite:
    """Serves www.szwz.gov.cn (and answers for its no-www twin with a 301)."""

    hosts = (HOST, TWIN)

    def __init__(self, robots: str | None = None, edition: int = 1, size: int = 0) -> None:
        """``size``: that many more 重点工作 articles, generated on demand (tests/replica/bulk.py)."""
        self.corpus = SzwzCorpus(edition)
        self.bulk = BulkArticles(size)
        self.robots = robots if robots is not None else "User-agent: *\nDisallow: /szwz/admin/\n"
        self.flaky_served = False

    @cached_property
    def static_routes(self) -> dict[str, callable]:
        return {
            "/robots.txt": lambda q: Reply.text(self.robots),
            "/": lambda q: Reply.redirect("/szwz/index.shtml", 302),
            "/szwz/index.shtml": lambda q: Reply.html(self.home_page()),
            ROOT: lambda q: Reply.html(self.root_page()),
            "/szwz/fggwjjd/zdzwxx.shtml": lambda q: Reply.html(self.root_page()),
            "/szwz/xxgkml.shtml": self.catalogue_shell,
            "/szinf/info/getInfoCommon/": self.info_api,
            "/szinf/getChannelList/": self.channel_api,
            "/appsearch/wzapi/list/": self.wzapi,
            "/szinf/visit/count": self.visit_count,
            "/szwz/search.shtml": self.search_page,
            "/szwz/js/hits.js": lambda q: Reply.text(HITS_JS, "application/javascript"),
            "/szwz/js/jquery.min.js": lambda q: Reply.text("/* jQuery */", "application/javascript"),
            "/szwz/css/style.css": lambda q: Reply.text("body{margin:0}", "text/css"),
            "/szwz/ysqgk/index.shtml": lambda q: Reply.html(self.form_page()),
        }

    def handle(self, method: str, host: str, path: str, query: str, body: bytes) -> Reply:
        if host == TWIN:
            target = f"http://{HOST}{path}" + (f"?{query}" if query else "")
            return Reply.redirect(target)
        params = {k: v[-1] for k, v in parse_qs(query).items()}
        if method == "POST" and body:
            params.update({k: v[-1] for k, v in parse_qs(body.decode("utf-8", "replace")).items()})
        route = self.static_routes.get(path)
        if route:
            return route(params)
        return self.document_route(path)

    def gate(self, host: str, url: str, headers) -> Reply | None:
        """Cloaked pages: what search engines and their visitors get instead (None: the page)."""
        if not self.corpus.traps.cloaked or host != HOST:
            return None
        doc = self.find_doc(urlsplit(url).path)
        cloak = doc and self.corpus.traps.cloaked.get(doc.doc_id)
        if not cloak:
            return None
        agent, referer = headers.get("User-Agent") or "", headers.get("Referer") or ""
        return cloaked_reply(self.article_page(doc), cloak, "spider" in agent.lower(),
                             "baidu.com" in referer, random.Random(f"cloak-{doc.doc_id}"))

    # --- documents -------------------------------------------------------

    def document_route(self, path: str) -> Reply:
        traps = self.corpus.traps
        if path.startswith("/szwz/print/"):
            doc = self.find_doc("/szwz/" + path[len("/szwz/print/"):])
            return Reply.html(self.print_page(doc)) if doc else Reply.not_found()
        doc = self.find_doc(path)
        if doc:
            if doc.doc_id == traps.flaky and not self.flaky_served:
                self.flaky_served = True
                return Reply.html("<html><body>500 Internal Server Error</body></html>", 500)
            delay = SLOW_SECONDS if doc.doc_id == traps.slow else 0.0
            return Reply.html(self.article_page(doc), delay=delay)
        for code, column in COLUMN_BY_CODE.items():
            prefix = f"/szwz/{code}/nav_list"
            if path.startswith(prefix) and path.endswith(".shtml"):
                number = path[len(prefix):-len(".shtml")].lstrip("_") or "1"
                if number.isdigit():
                    return self.list_page(column, int(number))
        if "/files/" in path:
            return self.attachment(path)
        return Reply.not_found()

    def find_doc(self, path: str) -> Document | None:
        return self.corpus.by_path.get(path) or self.bulk.find(path)

    def attachment(self, path: str) -> Reply:
        for doc in self.corpus.docs:
            for att in doc.attachments:
                if attachment_path(doc, att) == path:
                    content_type = {
                        "pdf": "application/pdf",
                        "docx": "application/vnd.openxmlformats-officedocument"
                                ".wordprocessingml.document",
                    }[att.ext]
                    return Reply(200, attachment_bytes(att), {"Content-Type": content_type})
        return Reply.not_found()

    # --- page chrome -----------------------------------------------------

    def crumbs(self, column: Column | None) -> str:
        parts = ['<a href="/szwz/index.shtml">首页</a>', f'<a href="{ROOT}">信息公开</a>']
        if column:
            parts += [f'<a href="/szwz/fggwjjd/zdzwxx.shtml">{c}</a>' for c in column.crumbs]
            parts.append(f'<a href="{column.entry_path}">{column.name}</a>')
        return '<div class="crumb">您当前所在位置: ' + " &gt; ".join(parts) + "</div>"

    def column_nav(self) -> str:
        items = "".join(
            f'<li><a href="{esc(c.entry_path)}">{c.name}</a></li>' for c in COLUMNS
        )
        items += '<li><a href="/szwz/admin/xxgk/yjx.shtml">信息公开意见箱</a></li>'
        return f'<div class="left-nav"><h3>信息公开</h3><ul class="xxgk-nav">{items}</ul></div>'

    def chrome(self, title: str, column: Column | None, main: str, head: str = "") -> str:
        return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{esc(title)}</title>
<meta name="SiteName" content="{SITE_NAME}">
<meta name="SiteDomain" content="{HOST}">
<meta name="SiteIDCode" content="3205060031">
{head}<link rel="stylesheet" href="/szwz/css/style.css">
<style>.wza-hide{{display:none}} .top-bar{{height:30px}}</style>
<script src="/szwz/js/jquery.min.js"></script>
</head>
<body>
<div class="top-bar"><div class="wrap"><span class="welcome">苏州 • 吴中欢迎您!</span>
<a class="login" href="/szwz/admin/login.shtml">用户登录</a>
<a class="fanti" href="javascript:void(0)" onclick="toTraditional()">繁體</a>
<a class="wza" href="javascript:void(0)">无障碍</a></div></div>
<div class="wza-toolbar wza-hide"><a href="javascript:void(0)">无障碍浏览</a><a href="javascript:void(0)">放大</a><a href="javascript:void(0)">缩小</a><a href="javascript:void(0)">语音朗读</a></div>
<div class="mobile-nav" style="display:none"><a href="/szwz/index.shtml">首页</a><a href="{ROOT}">信息公开</a><a href="/szwz/hdjl/index.shtml">互动交流</a><a href="/szwz/bmdt/nav_list.shtml">部门动态</a></div>
<div class="header"><div class="wrap"><img src="/szwz/images/logo.png" alt="img">
<h2>苏州市吴中区政务服务管理办公室</h2><h3>苏州市吴中区政务服务中心</h3>
<h3>苏州吴中经济技术开发区一站式服务中心</h3>
<form class="search" action="/szwz/search.shtml" method="get"><input type="text" name="q" placeholder="请输入关键字"><button type="submit">搜索</button></form>
</div></div>
<div class="main-nav"><ul><li><a href="/szwz/index.shtml">首页</a></li><li><a href="{ROOT}">信息公开</a></li>
<li><a href="/szwz/bmdt/nav_list.shtml">部门动态</a></li><li><a href="/szwz/hdjl/index.shtml">互动交流</a></li></ul></div>
{self.crumbs(column)}
<div class="main wrap">
{main}
</div>
<div class="footer"><div class="wrap">
<p>主办单位:苏州市吴中区人民政府办公室  网站支持IPV6</p>
<p>备案:<a href="https://beian.miit.gov.cn/" target="_blank">苏ICP备10060399号</a> 网站标识码:3205060031 公安部备案号:32050602010344</p>
<a href="http://www.kaipuyun.cn/" style="display:none">Produced By 开普云 政府网站集约化平台</a>
</div></div>
<script>var _hmt = _hmt || [];(function() {{ var hm = document.createElement("script"); hm.src = "https://hm.baidu.com/hm.js?3a7f0c8e5d2b"; var s = document.getElementsByTagName("script")[0]; s.parentNode.insertBefore(hm, s); }})();</script>
</body>
</html>
"""

    # --- pages -----------------------------------------------------------

    def home_page(self) -> str:
        main = (f'<div class="home"><a href="{ROOT}">政府信息公开</a>'
                '<a href="/szwz/bmdt/nav_list.shtml">部门动态</a></div>')
        return self.chrome(SITE_NAME, None, main)

    def root_page(self) -> str:
        traps = self.corpus.traps
        key_work = self.corpus.column_docs("qzfzdgz")
        notices = self.corpus.column_docs("tzgg")
        policies = self.corpus.column_docs("zcwj")
        latest = [
            (f"https://{HOST}{doc_path(key_work[0])}", key_work[0].title),
            (f"http://{TWIN}{doc_path(notices[0])}", notices[0].title),
            (f"{doc_path(policies[9])}?uid=64523", policies[9].title),
            (f"{doc_path(key_work[3])}#top", key_work[3].title),
            (f"/szwz/print{doc_path(key_work[1])[len('/szwz'):]}", key_work[1].title + "（打印版）"),
        ]
        assert policies[9].doc_id in traps.tracking
        items = "".join(f'<li><a href="{esc(u)}" title="{esc(t)}">{esc(t)}</a></li>'
                        for u, t in latest)
        main = f"""{self.column_nav()}
<div class="right-box">
<div class="notice-ticker"><marquee direction="left" scrollamount="3" onmouseover="this.stop()" onmouseout="this.start()"><a href="{doc_path(notices[1])}">{esc(notices[1].title)}</a>　<a href="{doc_path(notices[2])}">{esc(notices[2].title)}</a></marquee></div>
<div class="latest"><h3>最新信息</h3><ul>{items}</ul></div>
<div class="hot-search">热门搜索：<a href="/szwz/search.shtml?q=%E5%B9%B4%E6%8A%A5">年报</a>
<a href="/szwz/search.shtml?q=%E9%80%9A%E7%9F%A5">通知</a></div>
</div>"""
        return self.chrome(f"信息公开_{SITE_NAME}", None, main)

    def list_entries(self, column: Column) -> list[tuple[str, str, datetime]]:
        """(href, title, date) rows as the column's list shows them, newest first."""
        traps = self.corpus.traps
        rows = []
        for n, doc in enumerate(self.corpus.column_docs(column.code)):
            href = doc_path(doc)
            if n % 5 == 1:
                href = f"./{doc.month}/{doc.doc_id}.shtml"
            elif n % 7 == 3:
                href = f"http://{HOST}{href}"
            elif n % 11 == 4:
                href = f"//{HOST}{href}"
            if doc.doc_id in traps.tracking:
                href += "?uid=" + doc.doc_id[:6]
            if doc.doc_id in traps.fragment:
                href += "#p1"
            rows.append((href, doc.title, doc.published))
        if column.code == "qzfzdgz":
            rows.insert(17, (traps.dead_path, "关于2022年第一季度重点工作进展情况的报告",
                             datetime(2022, 5, 6)))
        return rows

    def list_page(self, column: Column, number: int) -> Reply:
        if column.style not in ("static", "info_api"):
            return Reply.not_found()
        if column.style == "info_api":
            if number != 1:
                return Reply.not_found()
            body = f"""<ul class="infolist" id="infolist"></ul><div id="page_div"></div>
<script>var channelId="{column.channel_id}";</script>
<script>
$(function(){{ loadInfoList(1); }});
function loadInfoList(page){{
  $.getJSON("/szinf/info/getInfoCommon/", {{pagesize:{PAGE_SIZE}, currpage:page, channelid:channelId}}, function(res){{
    var html = "";
    $.each(res.infolist, function(i, o){{ html += '<li><a href="'+o.link+'" title="'+o.title+'">'+o.title+'</a><span class="time">'+o.pubtime.substr(0,10)+'</span></li>'; }});
    $("#infolist").html(html);
    createPageHTML('page_div', Math.ceil(res.totalcount/{PAGE_SIZE}), page, 'nav_list', 'shtml', res.totalcount);
  }});
}}
</script>"""
            return Reply.html(self.chrome(f"{column.name}_{SITE_NAME}", column,
                                          self.column_nav() + f'<div class="right-box">{body}</div>'))
        rows = self.list_entries(column)
        bulk = len(self.bulk) if column.code == BULK_COLUMN else 0
        size = BULK_PAGE_SIZE if self.bulk.count else PAGE_SIZE
        total = len(rows) + bulk
        pages = max(1, math.ceil(total / size))
        if number > pages:
            return Reply.not_found()
        first, last = (number - 1) * size, number * size
        chunk = rows[first:last] + self.bulk.rows(first - len(rows), last - len(rows))
        items = "\n".join(
            f'<li><a href="{esc(href)}" title="{esc(title)}" target="_blank">{esc(title)}</a>'
            f'<span class="time">{when:%Y-%m-%d}</span></li>'
            for href, title, when in chunk
        )
        body = f"""<div class="list-box"><ul class="infolist">
{items}
</ul>
<div id="page_div"></div>
<script>createPageHTML('page_div',{pages},{number},'nav_list','shtml',{total});</script>
</div>"""
        return Reply.html(self.chrome(f"{column.name}_{SITE_NAME}", column,
                                      self.column_nav() + f'<div class="right-box">{body}</div>'))

    def metadata_block(self, doc: Document) -> str:
        labels = [
            ("索&ensp;引&ensp;号：", doc.meta["index_no"]),
            ("分&emsp;&emsp;类：", doc.meta["category"]),
            ("发布机构：", doc.meta["publisher"]),
            ("发文日期：", doc.meta["written"]),
            ("文&emsp;&emsp;号：", doc.meta["doc_no"]),
            ("时&emsp;&emsp;效：", doc.meta["validity"]),
            ("内容概述：", doc.meta["summary"]),
        ]
        rows = "".join(
            f'<dd><label><font>{label}</font></label><div class="display-block">{esc(value)}</div></dd>'
            for label, value in labels
        )
        return f'<div class="xxgkml-content"><dl>{rows}</dl></div>'

    def attachment_links(self, doc: Document) -> str:
        links = []
        for n, att in enumerate(doc.attachments):
            href = attachment_path(doc, att)
            href = f"./{doc.doc_id}/files/{att.file_id}.{att.ext}" if n == 0 else href
            links.append(f'<a href="{esc(href)}" target="_blank">{esc(att.name)}</a>')
        if not links:
            return ""
        if doc.attachment_only:
            return "".join(f"<p>{link}</p>" for link in links)
        return '<p>附件：</p>' + "".join(f"<p>{link}</p>" for link in links)

    def neighbours(self, doc: Document) -> str:
        if COLUMN_BY_CODE[doc.column].style == "single":
            return ""
        docs = self.corpus.column_docs(doc.column)
        if doc not in docs:
            return ""
        i = docs.index(doc)
        prev_doc = docs[i - 1] if i > 0 else None
        next_doc = docs[i + 1] if i + 1 < len(docs) else None
        parts = []
        for label, other in (("上一篇", prev_doc), ("下一篇", next_doc)):
            if other:
                parts.append(f'<p>{label}：<a href="{doc_path(other)}">{esc(other.title)}</a></p>')
            else:
                parts.append(f"<p>{label}：没有了</p>")
        return '<div class="article-extended">' + "".join(parts) + "</div>"

    def article_page(self, doc: Document) -> str:
        column = COLUMN_BY_CODE[doc.column]
        pubdate = f"{doc.published:%Y-%m-%d %H:%M:%S}"
        source = doc.source or ""
        head = (f'<meta name="ColumnName" content="{column.name}">\n'
                f'<meta name="ArticleTitle" content="{esc(doc.title)}">\n'
                f'<meta name="PubDate" content="{pubdate}">\n'
                f'<meta name="ContentSource" content="{esc(source)}">\n'
                f'<meta name="Keywords" content="{esc(column.name)}">\n')
        meta_block = self.metadata_block(doc) if doc.meta else ""
        paragraphs = "\n".join(f"<p>{esc(p)}</p>" for p in doc.paragraphs)
        print_path = "/szwz/print" + doc_path(doc)[len("/szwz"):]
        main = f"""{meta_block}<div class="article">
<h1 class="article-title"><UCAPTITLE>{esc(doc.title)}</UCAPTITLE></h1>
<div class="article-info">发布日期:<publishtime>{pubdate}</publishtime>&nbsp; 来源:<span class="ly">{esc(source)}</span> 浏览量:<span id="hits"></span></div>
<div class="article-content" id="zoomcon"><UCAPCONTENT>
{paragraphs}
{self.attachment_links(doc)}
</UCAPCONTENT></div>
{self.neighbours(doc)}
<div class="article-auxiliary"><a href="{print_path}" target="_blank">打印预览</a> <a href="javascript:window.print()">打印此页</a> <a href="javascript:window.close()">关闭窗口</a></div>
<div id="shareNode" style="display:none"><span>分享到：</span><a class="weibo" href="http://service.weibo.com/share/share.php?url=http%3A%2F%2F{HOST}{doc_path(doc)}">新浪微博</a><a class="qzone" href="https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url=http%3A%2F%2F{HOST}{doc_path(doc)}">QQ空间</a><a class="weixin" href="javascript:void(0)">微信</a></div>
</div>
<script>var articleId="{doc.doc_id}";</script>
<script src="/szwz/js/hits.js"></script>"""
        page = self.chrome(f"{doc.title}_{column.name}_{SITE_NAME}", column, main, head)
        hack = self.corpus.traps.hacked.get(doc.doc_id)
        return hack_page(page, hack, random.Random(f"hack-{doc.doc_id}")) if hack else page

    def print_page(self, doc: Document) -> str:
        """The platform's print template: the article's title and content, nothing else."""
        paragraphs = "".join(f"<p>{esc(p)}</p>" for p in doc.paragraphs)
        return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(doc.title)}</title>'
                f'<meta name="ArticleTitle" content="{esc(doc.title)}">'
                f'<meta name="PubDate" content="{doc.published:%Y-%m-%d %H:%M:%S}">'
                f'</head><body onload="window.print()"><h1><UCAPTITLE>{esc(doc.title)}</UCAPTITLE></h1>'
                f'<div class="article-content" id="zoomcon"><UCAPCONTENT>{paragraphs}'
                f'{self.attachment_links(doc)}</UCAPCONTENT></div></body></html>')

    def form_page(self) -> str:
        column = COLUMN_BY_CODE["ysqgk"]
        form = """<div class="right-box"><h2>政府信息公开申请</h2>
<form action="/szwz/admin/ysqgk/submit.shtml" method="post" class="ysqgk-form">
<p><label>申请人姓名：</label><input name="name"></p>
<p><label>联系电话：</label><input name="phone"></p>
<p><label>所需信息内容描述：</label><textarea name="content"></textarea></p>
<p><label>获取信息方式：</label><select name="way"><option>邮寄</option><option>电子邮件</option></select></p>
<p><button type="submit">提交申请</button></p>
</form></div>"""
        return self.chrome(f"{column.name}_{SITE_NAME}", column, self.column_nav() + form)

    def search_page(self, params: dict) -> Reply:
        keyword = params.get("q", "")
        hits = [d for d in self.corpus.articles if keyword and keyword in d.title][:10]
        items = "".join(f'<li><a href="{doc_path(d)}?keyword={esc(keyword)}">{esc(d.title)}</a></li>'
                        for d in hits)
        return Reply.html(self.chrome(f"搜索结果_{SITE_NAME}", None,
                                      f'<ul class="search-result">{items}</ul>'))

    def catalogue_shell(self, params: dict) -> Reply:
        column = next((c for c in COLUMNS if c.channel_id == params.get("channel_id")), None)
        if column is None or column.style != "wzapi":
            return Reply.not_found()
        body = f"""<div class="right-box"><div class="xxgkml-list">
<table class="xxgk-table" id="xxgkTable"><thead><tr><th>索引号</th><th>标题</th><th>文号</th><th>发布日期</th></tr></thead>
<tbody id="xxgkBody"></tbody></table><div id="page_div"></div></div></div>
<script>
var cxtype = "{params.get('cxtype', '1')}";
var channel_id = "{column.channel_id}";
function loadPage(page) {{
  $.post("/appsearch/wzapi/list/?cxtype=" + cxtype + "&channel_id=" + channel_id + "&pageSize={PAGE_SIZE}&currentPage=" + page, function (res) {{
    var rows = "";
    $.each(res.data.list, function (i, o) {{ rows += "<tr><td><a href='" + o.url + "'>" + o.title + "</a></td><td>" + o.published_time + "</td></tr>"; }});
    $("#xxgkBody").html(rows);
  }});
}}
loadPage(1);
</script>"""
        return Reply.html(self.chrome(f"{column.name}_{SITE_NAME}", column,
                                      self.column_nav() + body))

    # --- JSON APIs -------------------------------------------------------

    def info_api(self, params: dict) -> Reply:
        column = next((c for c in COLUMNS if c.channel_id == params.get("channelid")), None)
        if column is None:
            return Reply.json({"infolist": [], "totalcount": 0})
        size = int(params.get("pagesize") or PAGE_SIZE)
        page = int(params.get("currpage") or 1)
        docs = self.corpus.column_docs(column.code)
        if column.code == "tzgg":
            docs = list(docs)
            docs.insert(9, self.corpus.copies[0])
            docs.insert(12, self.corpus.copies[1])
        rows = [
            {"title": d.title, "link": doc_path(d) + self.list_suffix(d),
             "pubtime": f"{d.published:%Y-%m-%d %H:%M:%S}"}
            for d in docs
        ]
        return Reply.json({"infolist": rows[(page - 1) * size:page * size],
                           "totalcount": len(rows)})

    def list_suffix(self, doc: Document) -> str:
        traps = self.corpus.traps
        if doc.doc_id in traps.tracking:
            return "?uid=" + doc.doc_id[:6]
        if doc.doc_id in traps.fragment:
            return "#p1"
        return ""

    def channel_api(self, params: dict) -> Reply:
        return Reply.json({"channellist": [
            {"channel_id": c.channel_id, "channel_name": c.name} for c in COLUMNS
        ]})

    def wzapi(self, params: dict) -> Reply:
        column = next((c for c in COLUMNS if c.channel_id == params.get("channel_id")), None)
        if column is None:
            return Reply.json({"data": {"list": [], "allRow": 0}})
        size = int(params.get("pageSize") or PAGE_SIZE)
        page = int(params.get("currentPage") or 1)
        entries = [(d, column) for d in self.corpus.column_docs(column.code)]
        stray = self.corpus.column_docs("tzgg")[2]
        entries.insert(20, (stray, COLUMN_BY_CODE["tzgg"]))
        rows = [
            {
                "title": d.title, "url": doc_path(d) + self.list_suffix(d),
                "published_time": f"{d.published:%Y-%m-%d %H:%M:%S}",
                "channel_id": c.channel_id, "channel_name": c.name,
                "qw_xcscrq": f"{d.published:%Y-%m-%d}",
            }
            for d, c in entries
        ]
        chunk = rows[(page - 1) * size:page * size]
        if page == 2:
            chunk = [rows[size - 1], *chunk]
        return Reply.json({"data": {"list": chunk, "allRow": len(rows)}})

    def visit_count(self, params: dict) -> Reply:
        doc = self.corpus.by_id.get(params.get("id", ""))
        return Reply.json({"count": 100 + int(doc.doc_id[:4], 16) % 900 if doc else 0})


HITS_JS = """$(function(){ $.getJSON('/szinf/visit/count', {id: articleId}, function(r){ $('#hits').text(r.count); }); });"""


def attachment_bytes(att: Attachment) -> bytes:
    """Small, well-formed stand-ins for the real files (content is never parsed)."""
    if att.ext == "pdf":
        return (b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% " + att.file_id.encode()
                + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    return b"PK\x03\x04" + att.file_id.encode() + b"\x00" * 16


def cloaked_reply(page: str, cloak: str, spider: bool, from_search: bool,
                  rng: random.Random) -> Reply | None:
    """A cloaking hack: search engines (or their visitors) get spam, browsers the page."""
    if cloak == "spam_page" and spider:
        lines = "".join(f"<p>{keyword_line(rng, 'gambling')}</p>" for _ in range(4))
        links = "".join(f'<li><a href="http://{host}/">{phrase}</a></li>'
                        for host, phrase in zip(SPAM_HOSTS, GAMBLING_PHRASES))
        return Reply.html(f"<html><head><title>{'_'.join(GAMBLING_PHRASES[:3])}</title></head>"
                          f"<body><h1>{GAMBLING_PHRASES[0]}</h1>{lines}<ul>{links}</ul>"
                          "</body></html>")
    if cloak == "bot_keywords" and spider:
        page = inject(page, f"<p>{keyword_line(rng, 'porn')}</p>", "after_footer")
        return Reply.html(inject(page, hidden_link_farm(rng), "body_start"))
    if cloak == "referer_redirect" and from_search:
        return Reply.redirect(f"http://{SPAM_HOSTS[1]}/", 302)
    return None


def hack_page(page: str, hack: str, rng: random.Random) -> str:
    """The page as a hacker left it: each hack is one kind of injection from inject.py."""
    if hack == "hidden_links":
        farm = ('<div style="display:none"><a href="http://www.cpcoupon.com/">澳门新葡京官网</a>'
                '<a href="http://www.cpcoupon.com/szwz/">真人百家乐游戏</a></div>')
        return inject(page, farm, "after_footer")
    if hack == "junk_and_keywords":
        page = inject(page, junk_block(rng), "body_start")
        return inject(page, f"<p>{keyword_line(rng, 'porn')}</p>", "after_footer")
    if hack == "redirect_script":
        page = page.replace("</head>", redirect_script(rng, "atob") + "\n</head>", 1)
        return inject(page, '<script src="http://www.8x9k2.com/js/tj.js"></script>', "after_footer")
    if hack == "stuffing":
        stuffed = "_".join(rng.sample(GAMBLING_PHRASES, 3))
        page = page.replace("<title>", f"<title>{stuffed}_", 1)
        keywords = ",".join(rng.sample(GAMBLING_PHRASES + PORN_PHRASES, 6))
        return page.replace('<meta name="Keywords" content="',
                            f'<meta name="Keywords" content="{keywords},', 1)
    if hack == "content_spam":
        page = inject(page, f"<p>{keyword_line(rng, 'gambling')}</p>", "in_content")
        hidden = f'<p style="font-size:0px">{keyword_line(rng, "porn")}</p>'
        return inject(page, hidden, "in_content")
    if hack == "class_hidden_farm":
        page = page.replace("</head>", "<style>.lk8{display:none}</style>\n</head>", 1)
        farm = hidden_link_farm(rng).replace('<div style="display:none">', '<div class="lk8">')
        return page.replace('<div class="footer">', farm + '\n<div class="footer">', 1)
    raise ValueError(hack)
