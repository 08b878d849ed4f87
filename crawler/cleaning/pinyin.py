"""Find and strip pinyin annotations that Traditional-conversion mirrors insert after characters.

Mirrors write a syllable in parentheses right after a Han character, in three styles: tone-marked
``發(fā)``, toneless ``(zheng)`` and with a space inside ``我(wǒ )``, with half- or full-width
parentheses. Real text has parentheses too (``(GDP)``, ``(PM2.5)``, ``(a)``, ``(Eco-island)``),
so an annotation must be exactly one valid syllable in lower case, right after a Han character
(or a ``?`` left by GBK mojibake, as in ``嚴(yán)重?fù)p害``), and a page must show several
before any is removed. The syllable table is data: ``crawler/lexicons/pinyin_syllables.txt``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from crawler.cleaning.hosts import read_lexicon

_SYLLABLES = "pinyin_syllables.txt"
_TONE_MARKS = "\u0304\u0301\u030c\u0300"  # combining macron, acute, caron, grave
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_LETTERS = "a-zü" + _TONED + _TONE_MARKS + "\u0308"  # also decomposed forms
_SPACES = " \u3000\xa0"
_OPEN, _CLOSE = "(（", ")）"
# An annotation follows a Han character, or a mark GBK mojibake left for a lost character in a run
# of Han characters.
_LOST = "?？\ufffd"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HOSTS = _HAN + _LOST
# After a lost character in a Han run the opening parenthesis may have been eaten with it
# (``重?fù)p害``); a ``?`` after Latin text (``index.php?a)``) is a URL, not mojibake.
_ONE = (
    f"(?:[{_OPEN}]|(?<=[{_HOSTS}][{_LOST}]))"
    f"[{_SPACES}]?([{_LETTERS}]{{1,10}})[{_SPACES}]?[{_CLOSE}]"
)
_ANNOTATION = re.compile(_ONE)
# Annotations in a row after one host character: once the first is removed the next one follows
# the host directly, so finding them together keeps stripping idempotent.
_RUN = re.compile(f"(?:(?<=[{_HAN}])|(?<=[{_HOSTS}][{_LOST}]))(?:{_ONE})+")
# Where a run can start: scanning for these first keeps a page without annotations fast.
_CANDIDATE = re.compile(f"[{_OPEN}{_LOST}]")
_SPELLINGS = {"lue": "lüe", "nue": "nüe"}  # common spellings of lüe, nüe
_BARE = re.compile(f"[{_OPEN}{_CLOSE}{_SPACES}{_LOST}]")


@cache
def _syllables() -> frozenset[str]:
    """Valid toneless syllables (ü written ü), loaded once."""
    return frozenset(read_lexicon(_SYLLABLES))


@lru_cache(maxsize=4096)
def _is_syllable(word: str) -> bool:
    """Whether ``word`` is one pinyin syllable: toneless or with one tone mark, ü also as v."""
    decomposed = unicodedata.normalize("NFD", word)
    if sum(decomposed.count(mark) for mark in _TONE_MARKS) > 1:
        return False
    bare = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
    bare = unicodedata.normalize("NFC", bare).replace("v", "ü")
    return _SPELLINGS.get(bare, bare) in _syllables()


def find_pinyin(text: str) -> list[tuple[int, int, str]]:
    """Pinyin annotations in ``text``: (start, end, text[start:end]), parentheses included (only the
    closing one where mojibake ate the opening one, as in ``?fù)``)."""
    found, done = [], 0
    for candidate in _CANDIDATE.finditer(text):
        start = candidate.end() if candidate.group() in _LOST else candidate.start()
        if start < done or (run := _RUN.match(text, start)) is None:
            continue
        done = run.end()
        for m in _ANNOTATION.finditer(text, run.start(), run.end()):
            if not _is_syllable(m.group(1)):
                break  # what follows no longer sits right after a host character
            found.append((m.start(), m.end(), m.group()))
    return found


MIN_SYLLABLES = 3  # distinct syllables on a page before toneless annotations count


def _with_evidence(found: list[tuple[int, int, str]],
                   min_distinct: int) -> list[tuple[int, int, str]]:
    """Tone-marked annotations, and toneless ones only with variety: a mirror annotates every
    character with its own syllable, while a unit written again and again (``面积(ha)``) is one."""
    if len({_BARE.sub("", annotation) for _, _, annotation in found}) >= min_distinct:
        return found
    return [f for f in found if any(ch in _TONED or ch in _TONE_MARKS for ch in f[2])]


DENSE_COUNT = 10  # annotations a page needs before density alone makes them a mirror's
DENSE_HAN_PER_ANNOTATION = 50  # ... at least one per this many Han characters
_HAN_CHAR = re.compile(f"[{_HAN}]")


def _dense(text: str, count: int) -> bool:
    """Annotations a mirror scattered through the text, not a handful of readings of rare
    place names (``甪(lù)直``) or units (``面积(ha)``)."""
    return count >= DENSE_COUNT and count * DENSE_HAN_PER_ANNOTATION >= len(_HAN_CHAR.findall(text))


def strip_pinyin(text: str, min_count: int = 3, mirrored: bool = True) -> tuple[str, list[str]]:
    """``text`` without its pinyin annotations and the removed annotations in order, when there are
    at least ``min_count``; otherwise ``text`` unchanged and []. One ``(a)`` or ``(shi)`` in a real
    sentence is no evidence of a mirror; an injected page has dozens, of many syllables (toneless
    ones need ``min(3, min_count)`` distinct syllables).

    ``mirrored``: the page is otherwise known to be a mirror's (served in Traditional script, on a
    mirror host). Without that, an official page keeps a handful of annotations (a guide to
    reading place names): only dense ones (``_dense``) are removed."""
    found = _with_evidence(find_pinyin(text), min(MIN_SYLLABLES, max(min_count, 1)))
    if len(found) < max(min_count, 1) or not (mirrored or _dense(text, len(found))):
        return text, []
    parts, last = [], 0
    for start, end, _ in found:
        parts.append(text[last:start])
        last = end
    parts.append(text[last:])
    return "".join(parts), [annotation for _, _, annotation in found]
