"""Page furniture inside a document's content container, left out of the body.

Templates put toolbars (【打印本页】【关闭窗口】, 字体 大 中 小, 分享到 …, 扫一扫在手机打开当前页),
previous/next links (上一篇：…) and a trailing 相关链接 list inside the element that holds the
article, so selecting the right container is not enough. Every rule is structural: a
whole block (or a whole line) made only of toolbar words, a block that is only a
上一篇/下一篇 label and links, a 相关… heading followed only by links with nothing after it.
A sentence that merely mentions 打印 or 相关文件 is never touched. The tree is not
changed (later stages read it); the blocks are skipped when the text is taken.
"""

from __future__ import annotations

import re

from lxml import etree

from crawler.extraction.attachments import attachment_ext
from crawler.extraction.text import BLOCK_TAGS, SKIP_TAGS, block_text, image_captions

# Substrings one of which every furniture block contains: pages without any are not scanned
# (the last two for a 相关链接 block, the others for toolbars and previous/next links).
TRIGGERS = ("打印", "关闭", "字体", "字号", "分享", "收藏", "扫一扫", "二维码", "返回顶部",
            "上一篇", "下一篇", "上一条", "下一条", "相关", "阅读")
_SEPARATORS = re.compile(r"[\s\u3000\xa0【】\[\]〔〕（）()|｜/·•:：,，、\-—_>＞<＜]+")
_STRONG = (r"打印(?:本页|此页|本文|正文|文章|页面)?|关闭(?:本页|此页|窗口|页面)?|字[体号]"
           r"|分享(?:到|至)?|收藏(?:本页|此页)?|加入收藏|返回顶部|(?:手机)?扫一扫|(?:扫描|微信扫描)?二维码"
           r"|在手机上?(?:打开|浏览|查看)(?:当前|本)页面?")
_WEAK = (r"大|中|小|默认|标准|放大|缩小|还原|微信|朋友圈|新浪微博|腾讯微博|微博|QQ空间|QQ好友|QQ"
         r"|人人网|豆瓣|复制链接|顶部|返回|护眼模式|视力保护色|保护视力色|背景色")
_TOOLBAR = re.compile(rf"(?:{_STRONG}|{_WEAK})+")
_STRONG_RE = re.compile(_STRONG)
_PREV_NEXT = re.compile(r"^(?:[上下前后]一[篇条则]|没有了|无|暂无)+$")
_PREV_NEXT_START = re.compile(r"^[上下前后]一[篇条则]")
_RELATED = re.compile(r"^(?:相关(?:链接|文件|阅读|新闻|稿件|信息|文章|报道|解读|政策)"
                      r"|延伸阅读|推荐阅读)$")
# A 相关… heading is a line of the container's text of its own (most prose says 相关部门).
_RELATED_LINE = re.compile(r"(?m)^\W*(?:相关(?:链接|文件|阅读|新闻|稿件|信息|文章|报道|解读|政策)"
                           r"|延伸阅读|推荐阅读)\W*$")
_LINK_ROW_REST = re.compile(r"^[\d年月日.\-/]*$")  # what a related row may hold besides links
_MAX_FURNITURE_CHARS = 120
# Blocks only: a data table's cell is never dropped alone (its row would lose a column).
_CANDIDATES = BLOCK_TAGS


def _bare(text: str) -> str:
    return _SEPARATORS.sub("", text)


def _short_text(element: etree._Element) -> str | None:
    """The element's text, or None as soon as it is longer than furniture ever is: a
    deeply nested page must not cost a walk of each subtree per level."""
    pieces, size = [], 0
    for piece in element.itertext():
        size += len(piece)
        if size > 2 * _MAX_FURNITURE_CHARS:
            return None
        pieces.append(piece)
    return "".join(pieces)


def is_toolbar_text(text: str) -> bool:
    """Whether ``text`` is nothing but toolbar words (at least one unambiguous one)."""
    bare = _bare(text)
    return (0 < len(bare) <= _MAX_FURNITURE_CHARS and _TOOLBAR.fullmatch(bare) is not None
            and _STRONG_RE.search(bare) is not None)


def _non_link_text(element: etree._Element) -> str:
    return "".join(element.xpath(".//text()[not(ancestor::a)]"))


def _is_prev_next(element: etree._Element, text: str) -> bool:
    """上一篇：<a>…</a> 下一篇：<a>…</a> (or 没有了): labels and links only."""
    bare = _bare(text)
    return (_PREV_NEXT_START.match(bare) is not None
            and _PREV_NEXT.fullmatch(_bare(_non_link_text(element))) is not None)


def _furniture(element: etree._Element, found: list[etree._Element]) -> None:
    """Toolbar and previous/next blocks, outermost first (a match is not searched inside)."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS:
            continue
        if tag in _CANDIDATES:
            text = _short_text(child)
            if text is not None and (is_toolbar_text(text) or _is_prev_next(child, text)):
                found.append(child)
                continue
        _furniture(child, found)


def _has_links(element: etree._Element) -> bool:
    """Links to pages (an attachment list is content, not furniture)."""
    links = [a for a in element.iter("a") if a.get("href")]
    return bool(links) and not any(attachment_ext(a.get("href") or "") for a in links)


def _is_link_row(element: etree._Element) -> bool:
    return (_has_links(element)
            and _LINK_ROW_REST.match(_bare(_non_link_text(element))) is not None)


def _has_text(element: etree._Element, skipped: set[etree._Element]) -> bool:
    if not isinstance(element.tag, str) or element.tag in SKIP_TAGS or element in skipped:
        return False
    return any(piece.strip() for piece in element.itertext())


def _nothing_after(element: etree._Element, container: etree._Element,
                   skipped: set[etree._Element]) -> bool:
    """No text follows ``element`` inside ``container`` other than furniture."""
    node = element
    while node is not container:
        if (node.tail or "").strip():
            return False
        for sibling in node.itersiblings():
            if _has_text(sibling, skipped) or (sibling.tail or "").strip():
                return False
        node = node.getparent()
    return True


def _related_block(heading: etree._Element, container: etree._Element) -> list[etree._Element]:
    """The heading and the link rows after it, or their wrapper when it holds nothing else."""
    own = _bare(_short_text(heading) or "")
    while (heading.getparent() is not container and heading.getparent() is not None
           and _bare(_short_text(heading.getparent()) or "") == own):
        heading = heading.getparent()
    rows = [s for s in heading.itersiblings() if isinstance(s.tag, str)]
    if not rows or not all(_is_link_row(row) for row in rows):
        return []
    parent = heading.getparent()
    if (parent is not container and not (parent.text or "").strip()
            and not any(_has_text(s, set()) for s in heading.itersiblings(preceding=True))):
        return [parent]
    return [heading, *rows]


def _related(container: etree._Element, skipped: set[etree._Element]) -> list[etree._Element]:
    """A trailing 相关链接 heading with only links after it."""
    for text in container.xpath(".//text()[contains(., '相关') or contains(., '阅读')]"):
        if not text.is_text or not _RELATED.match(_bare(text)):
            continue
        heading = text.getparent()
        if heading is container:
            continue
        if _bare(_short_text(heading) or "") == _bare(text):
            block = _related_block(heading, container)
        else:  # <div>相关链接：<ul>…</ul></div>: the heading is the wrapper's own text
            only_links = _bare(_non_link_text(heading)) == _bare(text)
            block = [heading] if only_links and _has_links(heading) else []
        if block and _nothing_after(block[-1], container, skipped):
            return block
    return []


def furniture(container: etree._Element, text: str) -> list[etree._Element]:
    """The furniture blocks inside ``container``; ``text`` is its text, for the prefilter."""
    found: list[etree._Element] = []
    if any(trigger in text for trigger in TRIGGERS[:-2]):
        _furniture(container, found)
    if _RELATED_LINE.search(text):
        found += _related(container, set(found))
    return found


def _drop_toolbar_lines(text: str) -> tuple[str, int]:
    """Lines (``<br>``-separated, not blocks of their own) made only of toolbar words."""
    lines = text.split("\n")
    kept = [line for line in lines if not (len(line) <= _MAX_FURNITURE_CHARS
                                           and is_toolbar_text(line))]
    return "\n".join(kept), len(lines) - len(kept)


def body_text(container: etree._Element) -> tuple[str, int]:
    """The container's text without its furniture, and how many blocks and lines that was.
    An image-only article (一图读懂) reads as its images' captions (docs/decisions.md)."""
    text = block_text(container) or image_captions(container)
    blocks = furniture(container, text)
    if blocks:
        text = block_text(container, skip=frozenset(blocks))
    if any(trigger in text for trigger in TRIGGERS[:9]):
        text, lines = _drop_toolbar_lines(text)
        return text, len(blocks) + lines
    return text, len(blocks)
