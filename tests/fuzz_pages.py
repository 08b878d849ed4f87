"""Generated pages for tests/test_fuzz_pages.py.

Hypothesis draws small *recipes* (which paragraph shells, wrappers, noise, spam, charset,
cut point, oversized parts) and this module builds the page each one describes, from a real
replica page (the 集约化 article template of www.szwz.gov.cn, or the hand-made template of the
generic site). A failing example is printed as its recipe, which hypothesis shrinks, not as
megabytes of HTML; ``Sample.describe()`` adds the page around what went wrong.

Every sample knows what the page must give back (its real paragraphs, in the form the output
should have them) and what must not come back (the spam strings it injected).
"""

from __future__ import annotations

import codecs
import html
import random
import re
from dataclasses import dataclass, field

import opencc
from hypothesis import strategies as st

from tests.replica import inject
from tests.replica.hosts import generic, szwz

S2T = opencc.OpenCC("s2tw")  # Taiwan forms: every character of the corpus exists in Big5
T2S = opencc.OpenCC("t2s")
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = re.compile(rf"[\s{ZERO_WIDTH}]+")


def to_traditional(text: str) -> str:
    """Simplified → Taiwan Traditional. OpenCC's s2tw drops text after a NUL, so NUL splits."""
    return "\x00".join(S2T.convert(part) for part in text.split("\x00"))


def normalise(text: str) -> str:
    """Text with whitespace and zero-width characters removed, for containment checks.

    A source line break between two Chinese characters is dropped and other whitespace is
    collapsed by the extractor (crawler/extraction/text.py); zero-width characters are
    stripped by the clean stage. Neither is a lost word.
    """
    return _INVISIBLE.sub("", text)


def esc(text: str) -> str:
    return html.escape(text, quote=False)


# --- the real pages the recipes start from --------------------------------------------


@dataclass(frozen=True)
class Template:
    family: str  # jiyuehua | generic
    url: str
    page: str  # the page as the replica serves it
    standard: str  # the paragraphs as the replica writes them: replaced by generated content
    paragraphs: tuple[str, ...]
    title: str

    @property
    def key(self) -> str:
        """How recipes name it (failing examples print recipes, not whole pages)."""
        return f"{self.family}:{self.url.rsplit('/', 1)[-1].split('.')[0][:8]}"


def _templates() -> list[Template]:
    site = szwz.SzwzSite()
    docs = [d for d in site.corpus.docs if d.paragraphs and not d.attachment_only
            and d.doc_id not in site.corpus.traps.hacked]
    out = [Template("jiyuehua", f"http://{szwz.HOST}{szwz.doc_path(d)}", site.article_page(d),
                    "\n".join(f"<p>{szwz.esc(p)}</p>" for p in d.paragraphs), d.paragraphs, d.title)
           for d in docs[::9]]
    gsite = generic.GenericSite()
    out += [Template("generic", f"http://{generic.HOST}{generic.doc_path(d)}", gsite.article(d),
                     "".join(f"<p>{generic.esc(p)}</p>" for p in d.paragraphs), d.paragraphs,
                     d.title)
            for d in gsite.docs[::7] if d.paragraphs]
    for t in out:
        assert t.page.count(t.standard) == 1, t.url
    assert len({t.key for t in out}) == len(out)
    return out


TEMPLATES = {t.key: t for t in _templates()}

# --- how the real paragraphs are written ------------------------------------------------

# (open, close) of each wrapper a paragraph can sit in.
WRAPPERS = {
    "div": ("<div>", "</div>"),
    "span": ('<span style="font-family:宋体">', "</span>"),
    "table": ('<table width="100%"><tr><td>', "</td></tr></table>"),
    "td": ("<table><tbody><tr><td></td><td valign=top>", "</td></tr></tbody></table>"),
    "font": ('<font face="仿宋_GB2312" size="3">', "</font>"),
    "center": ("<center>", "</center>"),
    "section": ('<section class="sec">', "</section>"),
    "b": ("<b>", "</b>"),
    "strong": ("<strong>", "</strong>"),
    "ul": ("<ul><li>", "</li></ul>"),
}
# The generic family reads the element whose own paragraph-like children hold the most text
# (crawler/families/generic.py); a paragraph inside a div or section wrapper is not such a
# child, so per-paragraph wrappers there are limited to the ones it counts as paragraphs.
GENERIC_BLOCK_WRAPPERS = ("span", "table", "font")
SHELLS = ("p", "div", "p_open", "br", "misnested", "li")
# Written between paragraphs; none of them is text of the document.
INTERSTITIALS = {
    "comment": "<!-- 旧版正文 <p>已删除的段落</p> -- x -->",
    "cdata": "<![CDATA[ 旧版数据 a&b ]]>",
    "script": ("<script>var t = \"</div><p>\" + '</p>' + \"</span>\"; "
               "if (a </b) { b = \"<\\/script>\"; }</script>"),
    "style": '<style>p.x:after{content:"</p>"} div > span{color:red}</style>',
    "stray": "",  # closing tags of elements that are not open: filled in by _stray()
    "empty": '<p></p><p>&nbsp;</p><br><hr><img src="/images/x.png" alt="">',
    "control": "\x01\x08\x0b\x0c\x1f",
    "nul": "\x00",
    "bom": "\ufeff",
    "space": "\n\t \r\n",
    "entity_flood": "<span>" + "&#x3000;" * 300 + "&#160;" * 300 + "</span>",
}
STRAY_TAGS = ("span", "font", "b", "strong", "em", "td", "tr", "table", "center", "section",
              "li", "ul", "p", "a")
# Put inside a paragraph's text, before the character at the drawn index.
NOISE = ("comment", "inline", "entity", "control", "nul", "zero_width", "newline")
CONTROL_CHARS = "\x01\x02\x08\x0b\x0c\x0e\x1f"


@dataclass(frozen=True)
class Block:
    """How one real paragraph is written."""

    shell: str = "p"
    wrappers: tuple[str, ...] = ()  # outermost first
    unclosed: int = 0  # innermost wrappers left open: they swallow what follows
    noise: tuple[tuple[int, str], ...] = ()
    before: tuple[str, ...] = ()  # interstitials written before it


@dataclass(frozen=True)
class Content:
    """The content area: wrappers around all paragraphs, and each paragraph's block."""

    outer: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = (Block(),)  # paragraph i is written as blocks[i % len]
    stray_div_at_body_start: bool = False


def _noisy(text: str, noise: tuple[tuple[int, str], ...], seed: int) -> str:
    rng = random.Random(seed)
    kinds: dict[int, str] = {}
    for i, kind in noise if len(text) > 1 else ():
        kinds.setdefault(min(max(i, 1), len(text) - 1), kind)
    cuts = sorted(kinds)
    out, start = [], 0
    for cut in cuts:
        out.append(esc(text[start:cut]))
        kind, char = kinds[cut], text[cut]
        if kind == "comment":
            out.append("<!-- 注释 -->")
        elif kind == "inline":
            out.append(f'<span style="color:#333">{esc(char)}</span>')
            cut += 1
        elif kind == "entity":
            out.append(f"&#x{ord(char):x};" if rng.random() < 0.5 else f"&#{ord(char)};")
            cut += 1
        elif kind == "control":
            out.append(rng.choice(CONTROL_CHARS))
        elif kind == "nul":
            out.append("\x00")
        elif kind == "zero_width":
            out.append(rng.choice(ZERO_WIDTH))
        elif kind == "newline":
            out.append("\n")
        start = cut
    out.append(esc(text[start:]))
    return "".join(out)


def _stray(outer: tuple[str, ...]) -> str:
    """Closing tags for elements that are not open here.

    No ``</div>``: a stray one closes the nearest open div, which is the content container
    itself when no wrapper div is open (browsers do the same, HTML "any other end tag"), so
    the paragraphs after it would rightly be outside the content. Nor the tags of the wrappers
    around the whole content, for the same reason.
    """
    used = {t for name in outer for t in re.findall(r"</(\w+)>", WRAPPERS[name][1])}
    return "".join(f"</{t}>" for t in STRAY_TAGS if t not in used)


def render_block(block: Block, text: str, seed: int, outer: tuple[str, ...],
                 spam_inside: str = "") -> str:
    body = _noisy(text, block.noise, seed)
    shell = {
        "p": f"<p>{body}</p>",
        "div": f"<div>{body}</div>",
        "p_open": f"<p>{body}",
        "br": f"{body}<br>",
        "misnested": f"<b><p>{body}</b></p>",
        "li": f"<ul><li>{body}</ul>",
    }[block.shell]
    opens = "".join(WRAPPERS[w][0] for w in block.wrappers)
    keep = len(block.wrappers) - min(block.unclosed, len(block.wrappers))
    closes = "".join(WRAPPERS[w][1] for w in reversed(block.wrappers[:keep]))
    before = "".join(_stray(outer) if name == "stray" else INTERSTITIALS[name]
                     for name in block.before)
    return f"{before}\n{opens}{spam_inside}{shell}{closes}\n"


# --- injected spam ----------------------------------------------------------------------

SPAM_KINDS = ("junk", "keywords", "farm", "class_farm", "redirect", "title", "meta")
PAGE_POSITIONS = ("before_html", "head", "body_start", "content_end", "after_footer",
                  "after_html")
HIDING_STYLES = ("display:none", "visibility:hidden", "position:absolute;left:-9999px",
                 "font-size:0", "height:0;overflow:hidden", "text-indent:-9999px", "opacity:0")
KEYWORD_TAGS = ("p", "div", "span", "font", "a", "h3", "li", "")
SCRIPT_STYLES = ("plain", "atob", "unescape", "charcode", "src")
SPAM_STRINGS = inject.PORN_PHRASES + inject.GAMBLING_PHRASES + inject.SPAM_HOSTS


@dataclass(frozen=True)
class Spam:
    """One injection: its kind, where it goes (a page position, ``before:<k>`` or
    ``inside:<k>`` for paragraph k), a seed for inject.py's generators and a variant."""

    kind: str
    where: str
    seed: int = 0
    variant: int = 0

    def fragment(self) -> str:
        rng = random.Random(self.seed)
        if self.kind == "junk":
            return inject.junk_block(rng, lines=rng.randint(1, 15))
        if self.kind == "keywords":
            line = inject.keyword_line(rng)
            tag = KEYWORD_TAGS[self.variant % len(KEYWORD_TAGS)]
            if not tag:
                # Bare text, set off by line breaks: spam run into a sentence's own text node
                # cannot be cut out without cutting the sentence.
                return f"<br>\n{line}\n<br>"
            href = f' href="http://{rng.choice(inject.SPAM_HOSTS)}/"' if tag == "a" else ""
            return f"<{tag}{href}>{line}</{tag}>"
        if self.kind == "farm":
            return inject.hidden_link_farm(rng, HIDING_STYLES[self.variant % len(HIDING_STYLES)])
        if self.kind == "class_farm":
            return inject.hidden_link_farm(rng).replace('<div style="display:none">',
                                                        f'<div class="{self.class_name}">')
        if self.kind == "redirect":
            style = SCRIPT_STYLES[self.variant % len(SCRIPT_STYLES)]
            if style == "src":
                return f'<script src="http://{rng.choice(inject.SPAM_HOSTS)}/js/tj.js"></script>'
            return inject.redirect_script(rng, style)
        if self.kind == "title":
            return "_".join(rng.sample(inject.GAMBLING_PHRASES, 3))
        if self.kind == "meta":
            return ",".join(rng.sample(inject.GAMBLING_PHRASES + inject.PORN_PHRASES, 6))
        raise ValueError(self.kind)

    @property
    def class_name(self) -> str:
        return f"lk{self.seed % 97}x"

    def strings(self) -> list[str]:
        """The spam strings this injection puts on the page."""
        fragment = self.fragment()
        return [s for s in SPAM_STRINGS if s in fragment]


def _apply_page_spam(page: str, spam: Spam, fragment: str) -> str:
    if spam.kind == "title":
        return re.sub(r"<title>", lambda m: m.group(0) + fragment + "_", page, count=1)
    if spam.kind == "meta":
        return page.replace("</head>", f'<meta name="keywords" content="{fragment}">\n</head>', 1)
    if spam.kind == "class_farm":
        page = page.replace("</head>", f"<style>.{spam.class_name}{{display:none}}</style>\n"
                            "</head>", 1)
    where = spam.where
    if where == "before_html":
        return fragment + "\n" + page
    if where == "after_html":
        return page + "\n" + fragment
    if where == "head":
        return page.replace("</head>", fragment + "\n</head>", 1)
    if where == "body_start":
        return re.sub(r"<body[^>]*>", lambda m: m.group(0) + fragment, page, count=1)
    if where == "after_footer":
        return page.replace("</body>", fragment + "\n</body>", 1)
    return page  # before:/inside:/content_end are written with the content


# --- charsets ---------------------------------------------------------------------------

ENCODINGS = ("utf-8", "gbk", "gb18030", "big5", "utf-8-sig", "utf-16le", "utf-16be")
BOMS = {"utf-8-sig": codecs.BOM_UTF8, "utf-16le": codecs.BOM_UTF16_LE,
        "utf-16be": codecs.BOM_UTF16_BE}
CODECS = {"utf-8-sig": "utf-8", "utf-16le": "utf-16-le", "utf-16be": "utf-16-be"}
RIGHT_LABELS = {"utf-8": ("utf-8", "UTF8"), "utf-8-sig": ("utf-8",), "utf-16le": ("utf-16",),
                "utf-16be": ("utf-16", "utf-16be"),
                "gbk": ("gbk", "gb2312", "GB2312", "x-gbk", "gb18030"),
                "gb18030": ("gb18030", "GBK"), "big5": ("big5", "Big5", "big5-hkscs", "x-x-big5")}
# Lies that real servers tell. GBK bytes declared Big5 are left out: GBK bytes often decode
# under Big5 too, so the bytes are not unambiguous and no rule can promise the right answer.
WRONG_LABELS = {"utf-8": ("gbk", "gb2312", "big5", "iso-8859-1"),
                "utf-8-sig": ("gbk", "iso-8859-1"), "utf-16le": ("utf-8", "gbk"),
                "utf-16be": ("utf-8", "utf-16le"),
                "gbk": ("utf-8", "iso-8859-1", "windows-1252"),
                "gb18030": ("utf-8", "ISO-8859-1"), "big5": ("utf-8", "iso-8859-1")}
DECLARATIONS = ("right", "wrong", "none")
META_STYLES = ('<meta charset="{}">', '<meta http-equiv="Content-Type" content="text/html; '
               'charset={}">', "<meta content='text/html;charset={}' http-equiv=Content-Type>")
_CHARSET_META = re.compile(r"<meta[^>]*charset=[^>]*>", re.I)


@dataclass(frozen=True)
class Charset:
    """How the page is encoded and what its HTTP header and ``<meta>`` say."""

    encoding: str = "utf-8"
    header: str = "right"  # right | wrong | none (text/html) | absent (no Content-Type)
    meta: str = "right"  # right | wrong | none
    label: int = 0
    meta_style: int = 0

    @property
    def settled(self) -> Charset:
        """The charset as generated: a Big5 page always declares Big5 somewhere.

        Big5 bytes are valid GB18030 too (every Big5 lead and trail byte is a GB18030 one),
        so an undeclared Big5 page is ambiguous; crawler/encoding.py promises Big5 only when
        the page says so.
        """
        if self.encoding == "big5" and "right" not in (self.header, self.meta):
            return Charset(self.encoding, self.header, "right", self.label, self.meta_style)
        return self

    def name(self, which: str) -> str | None:
        if which == "right":
            labels = RIGHT_LABELS[self.encoding]
        elif which == "wrong":
            labels = WRONG_LABELS[self.encoding]
        else:
            return None
        return labels[self.label % len(labels)]

    @property
    def content_type(self) -> str | None:
        if self.header == "absent":
            return None
        name = self.name(self.header)
        return f"text/html; charset={name}" if name else "text/html"

    def meta_tag(self) -> str:
        name = self.name(self.meta)
        return META_STYLES[self.meta_style % len(META_STYLES)].format(name) if name else ""

    @property
    def traditional(self) -> bool:
        return self.encoding == "big5"

    @property
    def expected_encoding(self) -> tuple[str, str | None]:
        """(encoding, how) crawler/encoding.py promises for these bytes."""
        return {"utf-8": ("utf-8", "utf-8"), "utf-8-sig": ("utf-8", "bom"),
                "utf-16le": ("utf-16-le", "bom"), "utf-16be": ("utf-16-be", "bom"),
                "gbk": ("gb18030", None), "gb18030": ("gb18030", None),
                "big5": ("big5hkscs", "declared")}[self.encoding]

    @property
    def bom(self) -> bytes:
        return BOMS.get(self.encoding, b"")

    def encode(self, text: str) -> bytes:
        """Bytes as a server in this charset sends them (characters outside it as &#…;)."""
        return text.encode(CODECS.get(self.encoding, self.encoding), "xmlcharrefreplace")

    def decode(self, body: bytes) -> str:
        return body.decode(CODECS.get(self.encoding, self.encoding))


# --- oversized parts --------------------------------------------------------------------

HUGE_KINDS = ("attribute", "long_line", "siblings", "links", "deep", "entities", "one_line")
HUGE_ATTRIBUTES = ("class", "style", "href", "data-x", "title")
DEEP_TAGS = ("div", "span", "font", "table", "b")
DEEP_WHERE = ("body_start", "around_content", "in_content", "footer", "unclosed_before",
              "unclosed_body_start")


@dataclass(frozen=True)
class Huge:
    """One oversized part: an attribute of ``size`` characters, a long line, ``size``
    siblings or links, ``size`` levels of nesting, or a flood of ``size`` entities."""

    kind: str
    size: int
    variant: int = 0
    where: int = 0

    def attribute_value(self) -> str:
        name = HUGE_ATTRIBUTES[self.variant % len(HUGE_ATTRIBUTES)]
        unit = {"class": "c-x1 wrap_ ", "style": "color:#333;line-height:2;",
                "href": "a%2Fb", "data-x": "Zm9vYmFy+/", "title": "说明 "}[name]
        value = (unit * (self.size // len(unit) + 1))[:self.size]
        if name == "href":
            value = "/szwz/fujian/x.html?q=" + value
        return f'{name}="{value}"'


# --- a whole sample ---------------------------------------------------------------------


@dataclass(frozen=True)
class Cut:
    """Where the bytes end: ``offset`` bytes after the start of paragraph ``paragraph``'s
    block (so most cuts fall in the content, where they matter), or, with ``permille``, that
    share of the whole page."""

    paragraph: int = 0
    offset: int = 0
    permille: int | None = None

    def position(self, page: str, blocks: list[str], charset: Charset, size: int) -> int:
        if self.permille is not None:
            return max(1, size * self.permille // 1000)
        block = blocks[self.paragraph % len(blocks)]
        start = _byte_end(page, block, charset)
        if start is None:
            return size
        start -= len(charset.encode(block))
        return max(1, min(size, start + self.offset))


@dataclass(frozen=True)
class Recipe:
    template: str  # a key of TEMPLATES
    content: Content = Content()
    spam: tuple[Spam, ...] = ()
    charset: Charset = Charset()
    cut: Cut | None = None
    huge: Huge | None = None
    seed: int = 0


@dataclass
class Sample:
    """A generated page and what it must and must not give back."""

    recipe: Recipe
    url: str
    text: str  # the page as a string, before encoding
    body: bytes
    content_type: str | None
    paragraphs: list[str]  # expected in the output body (output script)
    title: str  # expected output title
    spam_strings: list[str]  # must not be in any text field (output script and as served)
    exempt: list[str] = field(default_factory=list)  # spam cut by truncation: may survive
    encoded_text: str = ""  # what decoding the bytes must give back (no BOM, cut applied)

    def __repr__(self) -> str:
        return repr(self.recipe)

    def describe(self, around: str | None = None, width: int = 600) -> str:
        """The page (or the part around ``around``) for failure messages."""
        text = self.text
        if around:
            at = text.find(around)
            if at >= 0:
                return f"...{text[max(0, at - width):at + len(around) + width]!r}..."
        if len(text) > 4 * width:
            return f"{text[:2 * width]!r} ... [{len(text)} chars] ... {text[-2 * width:]!r}"
        return repr(text)


def _render_content(recipe: Recipe) -> tuple[str, list[str]]:
    """The content area's HTML, and each paragraph's block as written (to locate it)."""
    template, content = TEMPLATES[recipe.template], recipe.content
    spam_before: dict[int, list[str]] = {}
    spam_inside: dict[int, list[str]] = {}
    spam_end: list[str] = []
    n = len(template.paragraphs)
    for spam in recipe.spam:
        if spam.kind in ("title", "meta"):
            continue
        where, _, k = spam.where.partition(":")
        if where == "before":
            spam_before.setdefault(int(k) % n, []).append(spam.fragment())
        elif where == "inside":
            spam_inside.setdefault(int(k) % n, []).append(spam.fragment())
        elif where == "content_end":
            spam_end.append(spam.fragment())
    blocks = []
    out = []
    for i, paragraph in enumerate(template.paragraphs):
        block = content.blocks[i % len(content.blocks)]
        if template.family == "generic":
            block = Block(block.shell if block.shell in ("p", "div", "p_open") else "p",
                          tuple(w for w in block.wrappers if w in GENERIC_BLOCK_WRAPPERS),
                          block.unclosed, block.noise, block.before)
        rendered = render_block(block, paragraph, recipe.seed + i, content.outer,
                                "".join(spam_inside.get(i, [])))
        out.append("".join(f"\n{f}\n" for f in spam_before.get(i, [])))
        out.append(rendered)
        blocks.append(rendered)
    out.extend(f"\n{f}\n" for f in spam_end)
    opens = "".join(WRAPPERS[w][0] for w in content.outer)
    closes = "".join(WRAPPERS[w][1] for w in reversed(content.outer))
    return opens + "".join(out) + closes, blocks


def _apply_huge(page: str, content_html: str, huge: Huge, template: Template) -> tuple[str, str]:
    """(page, content) with the oversized part put in.

    Outside the article, big blocks of text sit in page chrome (a footer, a side list): the
    generic family reads the biggest block of text outside chrome as the content, so a flood
    of 200 000 characters anywhere else would rightly be taken for the document.
    """
    size = huge.size
    if huge.kind == "attribute":
        attribute = huge.attribute_value()
        spots = ("content_wrapper", "paragraph", "link", "meta", "body")
        spot = spots[huge.where % len(spots)]
        if spot == "content_wrapper":
            content_html = f"<div {attribute}>{content_html}</div>"
        elif spot == "paragraph":
            content_html = content_html.replace("<p>", f"<p {attribute}>", 1)
        elif spot == "link":
            content_html += f'<p><a {attribute} href="/szwz/x.html">相关链接</a></p>'
        elif spot == "meta":
            page = page.replace("</head>", f'<meta name="description" {attribute}>\n</head>', 1)
        else:
            page = re.sub(r"<body", lambda m: f"<body {attribute}", page, count=1)
    elif huge.kind == "long_line":
        # One line of ``size`` characters of prose-like filler in the footer.
        filler = ("吴中区" * (size // 3 + 1))[:size]
        page = page.replace("</body>", f"<div class=\"footer-x\">{filler}</div></body>", 1)
    elif huge.kind == "one_line":
        page = page.replace("\r", " ").replace("\n", " ")
        content_html = content_html.replace("\n", " ")
    elif huge.kind == "siblings":
        tags = ("<span>·</span>", "<p></p>", "<br>", "<td>格</td>", "<li>项</li>")
        unit = tags[huge.variant % len(tags)]
        spots = ("content_end", "footer", "body_start")
        sibling_block = f'<div class="side-many">{unit * size}</div>'
        spot = spots[huge.where % len(spots)]
        if spot == "content_end":
            content_html += sibling_block
        elif spot == "footer":
            page = page.replace("</body>", sibling_block + "</body>", 1)
        else:
            page = re.sub(r"<body[^>]*>", lambda m: m.group(0) + sibling_block, page, count=1)
    elif huge.kind == "links":
        hrefs = ("/szwz/x/{}.html", "/szwz/files/{}.pdf", "http://www.suzhou.gov.cn/{}.html")
        href = hrefs[huge.variant % len(hrefs)]
        links = "".join(f'<a href="{href.format(n)}">链接{n}</a> ' for n in range(size))
        # The generic family reads the block with the most text *outside links* as the
        # content, so for it a link flood inside the article would rightly win: it gets it in
        # the page chrome only (crawler/families/generic.py).
        if huge.where % 2 and template.family != "generic":
            content_html += f"<p>{links}</p>"
        else:
            page = page.replace("</body>", f'<div class="links">{links}</div></body>', 1)
    elif huge.kind == "deep":
        tag = DEEP_TAGS[huge.variant % len(DEEP_TAGS)]
        open_, close = (("<table><tr><td>", "</td></tr></table>") if tag == "table"
                        else (f"<{tag}>", f"</{tag}>"))
        where = DEEP_WHERE[huge.where % len(DEEP_WHERE)]
        if where == "body_start":
            page = re.sub(r"<body[^>]*>", lambda m: m.group(0) + open_ * size + "深" + close * size,
                          page, count=1)
        elif where == "around_content":
            content_html = open_ * size + content_html + close * size
        elif where == "in_content":
            content_html = open_ * size + "深" + close * size + content_html
        elif where == "footer":
            page = page.replace("</body>", open_ * size + "深" + close * size + "</body>", 1)
        elif where == "unclosed_before":  # never closed: the paragraphs are nested inside
            content_html = open_ * size + content_html
        else:  # never closed, at the top: the whole page, content block included, inside
            page = re.sub(r"<body[^>]*>", lambda m: m.group(0) + open_ * size, page, count=1)
    elif huge.kind == "entities":
        flood = "".join(("&#x4e2d;", "&#20013;", "&amp;", "&#x1F600;", "&#0;", "&#xFFFFFF;")
                        [(n + huge.variant) % 6] for n in range(size))
        if huge.where % 2:
            content_html += f"<p>{flood}</p>"
        else:
            page = page.replace("</body>", f'<div class="footer-x">{flood}</div></body>', 1)
    return page, content_html


def build(recipe: Recipe) -> Sample:
    template, charset = TEMPLATES[recipe.template], recipe.charset.settled
    content_html, blocks = _render_content(recipe)
    page = template.page
    if recipe.huge is not None:
        page, content_html = _apply_huge(page, content_html, recipe.huge, template)
    page = page.replace(template.standard, content_html, 1)
    if recipe.content.stray_div_at_body_start:
        page = re.sub(r"<body[^>]*>", lambda m: m.group(0) + "</div></div>", page, count=1)
    for spam in recipe.spam:
        page = _apply_page_spam(page, spam, spam.fragment())
    page = _CHARSET_META.sub(lambda m: charset.meta_tag(), page, count=1)
    paragraphs = list(template.paragraphs)
    title = template.title
    spam_strings = [s for spam in recipe.spam for s in spam.strings()]
    if charset.traditional:
        page = to_traditional(page)
        blocks = [to_traditional(b) for b in blocks]
        # Served in Traditional on a mainland host, so the output is restored to Simplified.
        paragraphs = [T2S.convert(to_traditional(p)) for p in paragraphs]
        title = T2S.convert(to_traditional(title))
        spam_strings += [T2S.convert(to_traditional(s)) for s in spam_strings]
    encoded = charset.encode(page)
    body = charset.bom + encoded
    encoded_text = charset.decode(encoded)  # what decoding must give back
    exempt: list[str] = []
    if recipe.cut is not None:
        cut = recipe.cut.position(page, blocks, charset, len(body))
        body = body[:cut]
        # Truncation keeps exactly the paragraphs written completely before the cut, and the
        # injections written completely before it (a cut one may leave half a keyword line,
        # which by itself is no longer a keyword line).
        kept = []
        for paragraph, block in zip(paragraphs, blocks):
            end = _byte_end(page, block, charset)
            if end is not None and end <= cut:
                kept.append(paragraph)
        paragraphs = kept
        for spam in recipe.spam:
            fragment = spam.fragment()
            if charset.traditional:
                fragment = to_traditional(fragment)
            end = _byte_end(page, fragment, charset)
            if end is None or end > cut:
                exempt += spam.strings()
        encoded_text = ""
    return Sample(recipe, template.url, page, body, charset.content_type, paragraphs, title,
                  spam_strings, exempt, encoded_text)


def _byte_end(page: str, part: str, charset: Charset) -> int | None:
    at = page.rfind(part)
    if at < 0:
        return None
    return len(charset.bom) + len(charset.encode(page[:at + len(part)]))


# --- strategies ---------------------------------------------------------------------------

def _blocks(generic_family: bool):
    wrappers = GENERIC_BLOCK_WRAPPERS if generic_family else tuple(WRAPPERS)
    return st.builds(
        Block,
        shell=st.sampled_from(SHELLS),
        wrappers=st.lists(st.sampled_from(wrappers), max_size=4).map(tuple),
        unclosed=st.integers(0, 4),
        noise=st.lists(st.tuples(st.integers(1, 300), st.sampled_from(NOISE)),
                       max_size=4).map(tuple),
        before=st.lists(st.sampled_from(tuple(INTERSTITIALS)), max_size=3).map(tuple),
    )


@st.composite
def contents(draw, template: Template):
    generic_family = template.family == "generic"
    outer_choices = ("div", "center", "section", "table", "font", "span") if generic_family \
        else tuple(WRAPPERS)
    return Content(
        outer=tuple(draw(st.lists(st.sampled_from(outer_choices), max_size=4))),
        blocks=tuple(draw(st.lists(_blocks(generic_family), min_size=1, max_size=6))),
        stray_div_at_body_start=draw(st.booleans()),
    )


@st.composite
def spams(draw, paragraphs: int, positions: bool = True):
    kind = draw(st.sampled_from(SPAM_KINDS))
    where = "head"
    if kind not in ("title", "meta"):
        where = draw(st.one_of(
            st.sampled_from(PAGE_POSITIONS),
            st.builds(lambda k: f"before:{k}", st.integers(0, paragraphs - 1)),
            st.builds(lambda k: f"inside:{k}", st.integers(0, paragraphs - 1)),
        )) if positions else "body_start"
    return Spam(kind, where, draw(st.integers(0, 2**16)), draw(st.integers(0, 7)))


charsets = st.builds(Charset, encoding=st.sampled_from(ENCODINGS),
                     header=st.sampled_from((*DECLARATIONS, "absent")),
                     meta=st.sampled_from(DECLARATIONS), label=st.integers(0, 4),
                     meta_style=st.integers(0, 2))
SIZES = {"attribute": (100_000, 500_000, 2_000_000), "long_line": (100_000, 1_000_000),
         "one_line": (0,), "siblings": (1000, 20_000), "links": (1000, 10_000),
         "deep": (255, 300, 1000, 5000), "entities": (10_000, 200_000)}


@st.composite
def huges(draw) -> Huge:
    kind = draw(st.sampled_from(HUGE_KINDS))
    return Huge(kind, draw(st.sampled_from(SIZES[kind])), draw(st.integers(0, 5)),
                draw(st.integers(0, 5)))


# Every oversized part at its largest, each variant and place at least once.
HUGE_CASES = (
    [Huge("attribute", 2_000_000, i, i) for i in range(5)]
    + [Huge("attribute", 500_000, i, i + 2) for i in range(5)]
    + [Huge("long_line", 1_000_000), Huge("one_line", 0)]
    + [Huge("siblings", 20_000, i, i) for i in range(5)]
    + [Huge("links", 10_000, i, i) for i in range(3)]
    + [Huge("deep", size, i, i) for size in (255, 5000) for i in range(5)]
    + [Huge("deep", size, i, i + 1) for size in (300, 1000) for i in range(5)]
    + [Huge("deep", size, i, 5) for size in (1000, 5000) for i in range(5)]
    + [Huge("entities", 200_000, i, i // 2) for i in range(4)]
)


cuts = st.one_of(
    st.builds(Cut, st.integers(0, 30), st.integers(0, 800)),
    st.builds(Cut, permille=st.integers(1, 1000)),
)


@st.composite
def recipes(draw, *, nesting: bool = True, spam: bool = True, charset=None,
            cut: bool = False, huge: bool = False, max_spam: int = 4) -> Recipe:
    template = TEMPLATES[draw(st.sampled_from(sorted(TEMPLATES)))]
    n = len(template.paragraphs)
    return Recipe(
        template=template.key,
        content=draw(contents(template)) if nesting else Content(),
        spam=tuple(draw(st.lists(spams(n), max_size=max_spam))) if spam else (),
        charset=draw(charset) if charset is not None else Charset(),
        cut=draw(cuts) if cut else None,
        huge=draw(huges()) if huge else None,
        seed=draw(st.integers(0, 1000)),
    )


