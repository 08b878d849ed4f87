"""Fields from a plain-text dump of a page (what "save as text" or a scraper's dump gives).

A dump has no markup, only the page's lines in order: header, the location
trail (您当前所在位置: …), the title, an information line (发布日期: … 来源: …),
the document's paragraphs, then the footer (打印此页, 主办单位 …). Lines are
matched in Simplified and Traditional alike.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import opencc

from crawler.extraction.dates import parse_date
from crawler.extraction.labels import read_labelled_text
from crawler.extraction.text import squash

CRUMB = re.compile(r"^(?:您)?(?:当前|现在)?(?:所在)?(?:的)?位置\s*[:：]\s*(.+)$")
CRUMB_SPLIT = re.compile(r"\s*(?:>|＞|›|»|→)\s*")
INFO = re.compile(r"(?:发布|公开|更新)(?:日期|时间)\s*[:：]")
END_MARKERS = ("打印此页", "打印本页", "关闭窗口", "关闭本页", "【打印】", "【关闭】", "【TOP】",
               "主办单位", "版权所有", "网站标识码", "上一篇", "下一篇", "分享到", "相关链接",
               "扫一扫在手机打开")


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _parse_crumb(value: str) -> list[str]:
    return [part for part in CRUMB_SPLIT.split(value.strip()) if part]


def extract_text_dump(text: str) -> dict[str, Any]:
    """Item fields of a text dump; the body is every line between the info line and the footer."""
    lines = [squash(line) for line in text.splitlines()]
    simplified = [_t2s().convert(line) for line in lines]
    crumb_at = next((i for i, s in enumerate(simplified) if CRUMB.match(s)), None)
    start = crumb_at + 1 if crumb_at is not None else 0
    info_at = next((i for i in range(start, len(lines)) if INFO.search(simplified[i])), None)
    breadcrumb = []
    if crumb_at is not None:
        breadcrumb = _parse_crumb(re.split(r"[:：]", lines[crumb_at], maxsplit=1)[-1])
    title = None
    meta: dict[str, str | None] = {}
    if info_at is not None:
        title = next((lines[i] for i in range(info_at - 1, start - 1, -1) if lines[i]), None)
        meta = read_labelled_text(lines[info_at])
        body_start = info_at + 1
    else:
        body_start = start
        title = next((line for line in lines[start:] if line), None)
        if title is not None:
            body_start = lines.index(title, start) + 1
    body_end = next((i for i in range(body_start, len(lines))
                     if any(m in simplified[i] for m in END_MARKERS)), len(lines))
    body = "\n".join(line for line in lines[body_start:body_end] if line)
    return {
        "title": title,
        "published_at": parse_date(meta.get("published")),
        "source": meta.get("source"),
        "publisher": meta.get("publisher"),
        "index_no": meta.get("index_no"),
        "doc_no": meta.get("doc_no"),
        "category": meta.get("category"),
        "breadcrumb": breadcrumb,
        "column": breadcrumb[-1] if breadcrumb else None,
        "body": body,
        "attachments": [],
        "views": None,
    }
