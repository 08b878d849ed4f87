"""Title and meta stuffing: spam phrases packed into ``<title>`` and meta tags.

``<title>某某娱乐_官网下载 - 2022年政府工作总结</title>``: the real title is one of
the segments; the others are keyword phrases. Segments are judged like keyword
lines, and a segment equal to (or contained in) the page's real title is never
removed.
"""

from __future__ import annotations

import re

from crawler.cleaning.keywords import (
    about_spam,
    has_spam_vocabulary,
    is_keyword_line,
    is_spam_phrase,
)

# Brackets too: ``【澳门新葡京|真人百家乐】real title`` has no other separator before the title.
TITLE_SEPARATORS = re.compile(r"\s*(?:[_|｜【】〖〗\[\]]|\s[-–—]\s|——|--)\s*")
STUFFED_META = ("keywords", "description")
_META_PARTS = re.compile(r"[,，、|;；\s]+")
_MIN_META_SPAM_PARTS = 2


def split_title(title: str) -> list[str]:
    return [part for part in TITLE_SEPARATORS.split(title) if part.strip()]


def destuff_title(title: str, real_title: str | None = None) -> tuple[str, list[str]]:
    """The title without its spam segments, and the segments removed.

    Kept segments keep the separator that was written before them.
    """
    parts = TITLE_SEPARATORS.split(title)
    separators = TITLE_SEPARATORS.findall(title)

    def spam(segment: str) -> bool:
        stripped = segment.strip()
        if not stripped or (real_title and (stripped in real_title or real_title in stripped)):
            return False
        return is_spam_phrase(stripped)

    verdicts = [spam(part) for part in parts]
    if not any(verdicts):
        return title, []
    kept = ""
    for index, (part, is_spam) in enumerate(zip(parts, verdicts)):
        if is_spam:
            continue
        kept += (separators[index - 1] if kept and index else "") + part
    return kept.strip(), [p.strip() for p, is_spam in zip(parts, verdicts) if is_spam]


def is_stuffed_meta(content: str) -> bool:
    """Meta keywords/description whose content is keyword spam.

    Judged over all its parts: spam phrases must be at least two and half of the parts, so one
    CMS keyword (``真人百家乐`` among an anti-gambling notice's keywords) is not enough; and a
    law-enforcement word in any part (打击, 扫黄, 净网, 防偷拍) protects the whole meta.
    """
    if not content.strip() or not has_spam_vocabulary(content) or about_spam(content):
        return False
    if is_keyword_line(content):
        return True
    parts = [p for p in _META_PARTS.split(content) if p]
    spam = sum(1 for p in parts if len(p) >= 4 and is_spam_phrase(p))
    return spam >= _MIN_META_SPAM_PARTS and 2 * spam >= len(parts)
