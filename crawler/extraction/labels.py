"""Disclosure metadata read by its labels (索引号, 文号, 发布机构 …).

Every platform lays the 信息公开 metadata out differently (a ``dl`` of label and
value, a 4-column table, a line of text), but the labels are the same few words,
padded with spaces, ``&ensp;``, ``\\u3000`` or ``&nbsp;`` and followed by a colon.
So the block is read as a sequence of text segments, and a segment that starts
with a known label takes its value from the rest of the segment or, when that is
empty, from the next segment that is not itself a label.
"""

from __future__ import annotations

import re

import opencc
from lxml import etree

from crawler.extraction.text import SKIP_TAGS, squash

LABELS: dict[str, tuple[str, ...]] = {
    "index_no": ("索引号", "信息索引号", "索取号"),
    "category": ("主题分类", "信息分类", "分类", "组配分类", "体裁分类"),
    "publisher": ("发布机构", "发文机关", "发布单位", "公开主体", "公开机构", "制发机关"),
    "published": ("发布日期", "公开日期", "发布时间", "公开时间"),
    "written": ("成文日期", "发文日期", "印发日期"),
    "doc_no": ("发文字号", "文号", "发文文号"),
    "source": ("信息来源", "文章来源", "来源"),
    "validity": ("时效", "有效性", "效力状态"),
    "title": ("名称", "标题", "文件名称"),
    "summary": ("内容概述", "摘要", "主题词"),
    "views": ("浏览量", "浏览次数", "访问量", "点击数", "阅读次数", "点击量", "阅读量"),
}
# Common words that are labels only when standing alone: 日期 ends 生效日期/截止日期 and 时间
# ends 公示时间, which are other dates, so these never match right after a Chinese character.
# 日期/时间 say publication only where no better label does (the reader decides).
WORD_LABELS: dict[str, tuple[str, ...]] = {
    "date": ("日期", "时间"),
    "views": ("阅读",),
}
_PAD = r"[\s\u3000\xa0\u2002\u2003\u2009]*"


def _with_traditional(labels: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Each alias also in Traditional script, as mirrors and HK/Macao/Taiwan pages write it.

    Both phrase-level conversion (发布 → 發佈) and the character-by-character conversion
    spam mirrors use (发布 → 發布) are covered.
    """
    converters = [opencc.OpenCC(config) for config in ("s2t", "s2tw", "s2hk")]
    out = {}
    for field, aliases in labels.items():
        variants = list(aliases)
        for alias in aliases:
            for converter in converters:
                for converted in (converter.convert(alias),
                                  "".join(converter.convert(ch) for ch in alias)):
                    if converted not in variants:
                        variants.append(converted)
        out[field] = tuple(variants)
    return out


LABELS = _with_traditional(LABELS)
WORD_LABELS = _with_traditional(WORD_LABELS)
_WORDS = frozenset(alias for aliases in WORD_LABELS.values() for alias in aliases)


def _label_pattern(label: str) -> str:
    """The label with padding allowed between its characters. A word label checks the
    character before it only after its own first one: a pattern that starts with a literal
    lets ``re`` skip ahead to candidate characters (30 times faster on prose)."""
    chars = [re.escape(ch) for ch in label]
    if label in _WORDS:
        chars[0] += rf"(?<![\u3400-\u9fff]{chars[0]})"
    return _PAD.join(chars)


_ALIASES = sorted(
    ((alias, field) for table in (LABELS, WORD_LABELS)
     for field, aliases in table.items() for alias in aliases),
    key=lambda pair: -len(pair[0]),
)
_LABEL_RE = re.compile(
    "(" + "|".join(_label_pattern(alias) for alias, _ in _ALIASES) + f"){_PAD}[:：]"
)
_BARE_LABEL_RE = re.compile("|".join(_label_pattern(alias) for alias, _ in _ALIASES))
_FIELD_BY_ALIAS = {alias: field for alias, field in _ALIASES}
_PAD_RE = re.compile(_PAD[:-1] + "+")  # runs of padding: no empty match at every position


def _cells(row: etree._Element) -> list[etree._Element]:
    return [cell for cell in row if cell.tag in ("td", "th")]


def _is_label_cell(cell: etree._Element) -> bool:
    return _PAD_RE.sub("", "".join(cell.itertext())).rstrip(":：") in _FIELD_BY_ALIAS


def _column_pairs(element: etree._Element) -> dict[etree._Element, etree._Element]:
    """Rows of nothing but labels → the row below holding their values, column by column.

    Zhejiang Hanweb tables (``table.xxgk_top``) put three labels in one row and their
    values in the next; read in document order, each label would take its neighbour.
    """
    pairs = {}
    for row in element.iter("tr"):
        labels = _cells(row)
        below = row.getnext()
        if not labels or below is None or below.tag != "tr":
            continue
        values = _cells(below)
        if (len(values) == len(labels) and all(_is_label_cell(c) for c in labels)
                and not any(_is_label_cell(c) for c in values)):
            pairs[row] = below
    return pairs


def _segments(element: etree._Element) -> list[str]:
    out: list[str] = []
    pairs = _column_pairs(element)
    value_rows = set(pairs.values())

    def walk(el: etree._Element) -> None:
        tag = el.tag
        if isinstance(tag, str) and tag.lower() not in SKIP_TAGS and el not in value_rows:
            out.append(el.text)
            if el in pairs:
                for label, value in zip(_cells(el), _cells(pairs[el])):
                    walk(label)
                    walk(value)
            else:
                for child in el:
                    walk(child)
        out.append(el.tail)

    tail, element.tail = element.tail, None
    try:
        walk(element)
    finally:
        element.tail = tail
    return [s for s in (squash(x) for x in out if x) if s]


def _split_labels(segment: str) -> list[tuple[str | None, str]]:
    """Cut one text segment at every label: [(field or None, text after it)].

    A segment that is nothing but a label (a table cell, colon or not) is a label.
    """
    bare = _PAD_RE.sub("", segment).rstrip(":：")
    if bare in _FIELD_BY_ALIAS:
        return [(_FIELD_BY_ALIAS[bare], "")]
    parts: list[tuple[str | None, str]] = []
    position = 0
    pending: str | None = None
    for match in _LABEL_RE.finditer(segment):
        before = segment[position:match.start()].strip()
        if before or pending is not None:
            parts.append((pending, before))
        pending = _FIELD_BY_ALIAS[_PAD_RE.sub("", match.group(1))]
        position = match.end()
    rest = segment[position:].strip()
    if rest or pending is not None:
        parts.append((pending, rest))
    return parts


def has_label(text: str) -> bool:
    """Whether any known label occurs in ``text`` (colon or not)."""
    return _BARE_LABEL_RE.search(text) is not None


def read_labelled(element: etree._Element) -> dict[str, str | None]:
    """Field → value for every known label inside ``element`` (first occurrence wins)."""
    return _assign(_segments(element))


def leading_text(element: etree._Element) -> str:
    """The unlabelled text before the element's first label ("" when it has none).

    An info line under the title often starts with the bare date
    (``2023年3月15日　来源：…``); the caller decides whether the element is such a line.
    """
    lead: list[str] = []
    for segment in _segments(element):
        for field, value in _split_labels(segment):
            if field is not None:
                return " ".join(lead)
            lead.append(value)
    return ""


def read_labelled_text(text: str) -> dict[str, str | None]:
    """The same, for one line of plain text."""
    return _assign([squash(text)])


def _assign(segments: list[str]) -> dict[str, str | None]:
    pieces: list[tuple[str | None, str]] = []
    for segment in segments:
        pieces.extend(_split_labels(segment))
    found: dict[str, str | None] = {}
    for i, (field, value) in enumerate(pieces):
        if field is None or field in found:
            continue
        if not value and i + 1 < len(pieces) and pieces[i + 1][0] is None:
            value = pieces[i + 1][1]
        found[field] = value or None
    return found
