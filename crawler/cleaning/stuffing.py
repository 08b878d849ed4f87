"""Title and meta stuffing: spam phrases packed into ``<title>`` and meta tags.

``<title>某某娱乐_官网下载 - 2022年政府工作总结</title>``: the real title is one of
the segments; the others are keyword phrases. Segments are judged like keyword
lines, and a segment equal to (or contained in) the page's real title is never
removed.
"""

from __future__ import annotations

import re

from crawler.cleaning.keywords import TITLE_SEPARATORS as _PHRASE_SEPARATORS
from crawler.cleaning.keywords import (
    about_spam,
    has_spam_vocabulary,
    is_keyword_line,
    is_spam_phrase,
)

# keywords.TITLE_SEPARATORS (and their full-width forms: ｜＿), so a separator that splits a
# keyword line (丨) also splits a title; brackets too: ``【澳门新葡京|真人百家乐】real title`` has
# no other separator before the title; dashes only with spaces around (``2022-2023年``).
_WIDE = "".join(chr(ord(c) + 0xFEE0) for c in _PHRASE_SEPARATORS if "!" <= c <= "~")
TITLE_SEPARATORS = re.compile(
    r"\s*(?:[" + re.escape(_PHRASE_SEPARATORS + _WIDE) + r"【】〖〗\[\]]|\s[-–—]\s|——|--)\s*")
STUFFED_META = ("keywords", "description")
_META_PARTS = re.compile(r"[,，、|;；\s]+")
_MIN_META_SPAM_PARTS = 2


def split_title(title: str) -> list[str]:
    return [part for part in TITLE_SEPARATORS.split(title) if part.strip()]


def destuff_title(title: str, real_title: str | None = None) -> tuple[str, list[str]]:
    """The title without its spam segments, and the spam segments.

    Kept segments keep the separator that was written before them. A title made only of spam
    segments comes back unchanged (with its segments, for the report): a document is never lost
    for want of a title.
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
    spam_parts = [p.strip() for p, is_spam in zip(parts, verdicts) if is_spam]
    if all(is_spam for p, is_spam in zip(parts, verdicts) if p.strip()):
        return title, spam_parts  # nothing would be left: keep what was served, report it
    kept = ""
    for index, (part, is_spam) in enumerate(zip(parts, verdicts)):
        if is_spam:
            continue
        kept += (separators[index - 1] if kept and index else "") + part
    return kept.strip(), spam_parts


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
