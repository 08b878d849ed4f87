"""Which language and Chinese script a text is written in.

Traditional and Simplified are told apart by characters that exist in only one
of the two scripts, taken from OpenCC's own conversion tables (so the decision
agrees with the converter the cleaning stage uses).
"""

from __future__ import annotations

from functools import cache, lru_cache

import numpy as np
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


SAMPLE_CHARS = 1500  # plenty to decide a script or language; keeps long documents cheap
# One class per BMP code point; a numpy lookup counts a sample's classes in one pass, 5× faster
# than two regexes with 3,000-character classes.
OTHER, HAN, LATIN, TRADITIONAL, SIMPLIFIED = range(5)


@cache
def _classes() -> np.ndarray:
    """Code point → class: script-only Han (Traditional, Simplified), other Han, Latin letter."""
    table = np.full(0x10000, OTHER, dtype=np.int8)
    table[0x4E00:0xA000] = HAN
    for letters in ("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"):
        table[[ord(c) for c in letters]] = LATIN
    traditional, simplified = script_only_chars()
    table[[ord(c) for c in traditional]] = TRADITIONAL
    table[[ord(c) for c in simplified]] = SIMPLIFIED
    return table


def _class_counts(text: str) -> np.ndarray:
    """How many characters of each class the sample of ``text`` holds."""
    return _sample_counts(text[:SAMPLE_CHARS])


@lru_cache(maxsize=4)
def _sample_counts(sample: str) -> np.ndarray:
    """Remembered for the last few samples: the cleaning stage asks for the script and then
    the language of the same body. The array is read-only, as it is shared."""
    points = np.frombuffer(sample.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    counts = np.bincount(_classes()[points[points < 0x10000]], minlength=5)
    counts.flags.writeable = False
    return counts


def han_ratio(text: str) -> float:
    """Share of Han characters among Han and Latin letters."""
    counts = _class_counts(text)
    han = int(counts[HAN] + counts[TRADITIONAL] + counts[SIMPLIFIED])
    letters = han + int(counts[LATIN])
    return han / letters if letters else 0.0


def chinese_script(text: str) -> str | None:
    """'zh-Hant' or 'zh-Hans' by majority of script-specific characters, else None."""
    counts = _class_counts(text)
    trad, simp = int(counts[TRADITIONAL]), int(counts[SIMPLIFIED])
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
