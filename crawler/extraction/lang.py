"""Which language and Chinese script a text is written in.

Traditional and Simplified are told apart by characters that exist in only one
of the two scripts, taken from OpenCC's own conversion tables (so the decision
agrees with the converter the cleaning stage uses).
"""

from __future__ import annotations

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


def han_ratio(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum("\u4e00" <= ch <= "\u9fff" for ch in letters) / len(letters)


def chinese_script(text: str) -> str | None:
    """'zh-Hant' or 'zh-Hans' by majority of script-specific characters, else None."""
    traditional, simplified = script_only_chars()
    trad = sum(ch in traditional for ch in text)
    simp = sum(ch in simplified for ch in text)
    if trad == simp == 0:
        return None
    return "zh-Hant" if trad > simp else "zh-Hans"


def detect_lang(text: str) -> str | None:
    """A BCP 47 tag for ``text``: zh-Hans / zh-Hant for Chinese, 'en' for Latin text."""
    if not text.strip():
        return None
    if han_ratio(text) >= 0.3:
        return chinese_script(text) or "zh-Hans"
    if any(ch.isascii() and ch.isalpha() for ch in text):
        return "en"
    return None
