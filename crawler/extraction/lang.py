"""Which language and Chinese script a text is written in.

Traditional and Simplified are told apart by characters that exist in only one
of the two scripts, taken from OpenCC's own conversion tables (so the decision
agrees with the converter the cleaning stage uses).
"""

from __future__ import annotations

import re
from functools import cache

import opencc

_CJK_BLOCK = "".join(chr(c) for c in range(0x4E00, 0x9FA6))


@cache
def script_only_chars() -> tuple[frozenset[str], frozenset[str]]:
    """(Traditional-only, Simplified-only) characters of the basic CJK block."""
    t2s = opencc.OpenCC("t2s").convert(_CJK_BLOCK)
    s2t = opencc.OpenCC("s2t").convert(_CJK_BLOCK)
    traditional = frozenset(a for a, b in zip(_CJK_BLOCK, t2s, strict=True) if a != b)
    simplified = frozenset(a for a, b in zip(_CJK_BLOCK, s2t, strict=True) if a != b)
    return traditional - simplified, simplified - traditional


_HAN_RUNS = re.compile("[\u4e00-\u9fff]+")
_LATIN_RUNS = re.compile("[A-Za-z]+")
SAMPLE_CHARS = 1500  # plenty to decide a script or language; keeps long documents cheap


def _count(pattern: re.Pattern[str], text: str) -> int:
    """Characters matched by a run pattern (runs keep the match objects few)."""
    return sum(map(len, pattern.findall(text)))


def han_ratio(text: str) -> float:
    """Share of Han characters among Han and Latin letters."""
    sample = text[:SAMPLE_CHARS]
    han = _count(_HAN_RUNS, sample)
    letters = han + _count(_LATIN_RUNS, sample)
    return han / letters if letters else 0.0


@cache
def _script_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    traditional, simplified = script_only_chars()
    return (re.compile("[" + "".join(sorted(traditional)) + "]+"),
            re.compile("[" + "".join(sorted(simplified)) + "]+"))


def chinese_script(text: str) -> str | None:
    """'zh-Hant' or 'zh-Hans' by majority of script-specific characters, else None."""
    traditional, simplified = _script_patterns()
    sample = text[:SAMPLE_CHARS]
    trad = _count(traditional, sample)
    simp = _count(simplified, sample)
    if trad == simp == 0:
        return None
    return "zh-Hant" if trad > simp else "zh-Hans"


def detect_lang(text: str, script: str | None = None) -> str | None:
    """A BCP 47 tag for ``text``: zh-Hans / zh-Hant for Chinese, 'en' for Latin text.

    ``script`` is the Chinese script when the caller already knows it.
    """
    if not text.strip():
        return None
    if han_ratio(text) >= 0.3:
        return script or chinese_script(text) or "zh-Hans"
    if any(ch.isascii() and ch.isalpha() for ch in text):
        return "en"
    return None
