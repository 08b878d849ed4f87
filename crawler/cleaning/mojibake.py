"""Find and repair GBK mojibake left by spam mirrors.

Mirrors re-serve Chinese pages through a damaged GBK round trip: a character is lost as ``?``,
a lead byte loses its high bit (``!`` for 0xA1, ``;`` for 0xBB, ``?`` for 0xBF), a byte is
inserted or dropped. After the error the decoder reads trail bytes as lead bytes ("out of step")
and emits rare characters, kana or private-use characters until a single-byte character (an ASCII
letter, ``€``, ``?``) puts it back in step.

Repair works on bytes: re-encode the out-of-step run, undo one error at its start, decode again.
The rest of the run comes back whatever byte is put at the error, so the character made there
(the "junction") must itself form a known word or a quote pair. Errors undone without guessing
(restore a high bit, drop a byte) are tried first; guessing a lost byte (126 or 190 values) needs
stronger words. A ``?`` for a lost character stays (a spot with ``repaired=None``) unless one
value of its lost byte is clearly best. Words come from a bundled Simplified word list (compared
through a per-character Traditional-to-Simplified table) and from bigrams elsewhere on the page.
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib.resources import files
from itertools import chain

_WORDS_FILE = files("crawler") / "lexicons" / "common_words.txt"  # package data (eggs too)
_LEADS = range(0x81, 0xFF)
_TRAILS = tuple(chain(range(0x40, 0x7F), range(0x80, 0xFF)))
_QMARKS = "?\ufffd"
_ODD = r"\ufffd\u3040-\u30ff\u3100-\u312f\ue000-\uf8ff\u2500-\u257f\u20ac\x01-\x08\x0b\x0c\x0e-\x1f"
# Not Chinese running text: kana, bopomofo, private use, box drawing, Greek, Cyrillic, a stray
# ASCII or accented letter between two non-ASCII characters (not the '_' and '|' of page titles),
# ASCII punctuation between a '?' and non-ASCII text.
_GARBAGE = re.compile(
    rf"[{_ODD}\u0391-\u03c9\u0401-\u0451]"
    r"|(?<=[^\x00-\x7f])[@-Z\\^`-{}~\u00c0-\u024f](?=[^\x00-\x7f])|(?<=[?\ufffd])[!-~](?=[^\x00-\x7f])"
)
# Where to look closer: garbage, a '?' next to non-ASCII text, an ASCII letter after non-ASCII
# text and one ASCII character. A clean page has no match, so the common path is one scan for
# _CANDIDATE, the characters a trigger can start with.
_TRIGGER = re.compile(
    r"(?:(?<=[^\x00-\x7f])|(?<=[^\x00-\x7f] )|(?<=[^\x00-\x7f][!-~]))\?|\?(?= ?[^\x00-\x7f])"
    r"|(?<=[^\x00-\x7f][ -~])[@-~](?=[^\x00-\x7f])|" + _GARBAGE.pattern
)
_CANDIDATE = re.compile(rf"[?@-~{_ODD}\u00c0-\u024f\u0391-\u03c9\u0401-\u0451]")
_PUNCT = frozenset(
    "，。、；：？！“”‘’（）《》〈〉【】—…·％\u3000\xa0" + "".join(map(chr, range(0xFF10, 0xFF5B)))
)
_JUNCTION_PUNCT = frozenset("，。、；：！？…—")
_FOUR_BYTE = re.compile(rb"[\x81-\xfe][\x30-\x39]")  # where gb18030 could read four bytes
_QUOTES = re.compile("[^\u201c\u201d]+")
_PINYIN = re.compile(r"\(?[a-zA-Zāáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜü]{1,6}\)")
_QUESTION = re.compile(
    r"[嗎吗呢吧麼么否何誰谁哪幾几啊呀嘛]$|是否|能否|可否|請問|请问|難道|难道|多少|怎|為何|为何"
)
_CLAUSE_END = re.compile(r"[。！？!?；;\n]")
_HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")  # as _is_han
_CORE = 12000  # the most frequent words; only these two-character words vouch for a junction
_MAX_RUN = 64  # longest out-of-step run considered
_BACK = 8  # how far before a trigger an error without a visible marker may start
# Repair is for a page damaged in places (the seed has 22 places to look at); a body garbled
# throughout (the wrong charset, a flood of U+FFFD) would cost about a millisecond per place.
# Past this many, the rest is only reported (its runs of '?' and U+FFFD), not repaired.
_MAX_TRIGGERS = 1000
_CTX = 4  # context characters on each side when scoring
# (score gain over the garbled text, margin over the runner-up, word-score gain, quote pairs count
# as evidence). A word of k characters scores k*k: a guess must add a three-character word.
_SURE = (4, 3, 4, True)
_GUESS = (9, 5, 9, False)
_GARBLED = 16  # score gain that shows a run is garbled even when its repair is ambiguous


@dataclass(frozen=True)
class MojibakeSpot:
    """A garbled substring ``text == page[start:end]`` and its repair (None: no unique repair)."""

    start: int
    end: int
    text: str
    repaired: str | None


@dataclass(frozen=True)
class _Model:
    decode: dict[int, str]  # two-byte code -> character (gb18030 two-byte table)
    encode: dict[str, bytes]  # character -> two-byte code
    to_simplified: dict[int, int]  # str.translate table, one character to one character
    words: frozenset[str]  # the word list: every word scores
    core: frozenset[str]  # its most frequent words (see _CORE)
    chars: frozenset[str]  # characters of the words, with punctuation


@lru_cache(maxsize=1)
def _model() -> _Model:
    """Build the code tables and load the word list, once per process (about 50 ms)."""
    from opencc import OpenCC

    decode, encode = {}, {}
    for lead in _LEADS:
        for trail in _TRAILS:
            ch = bytes((lead, trail)).decode("gb18030")
            decode[lead << 8 | trail] = ch
            encode.setdefault(ch, bytes((lead, trail)))
    del encode["\u20ac"]  # in mirror output '€' is the single byte 0x80 (WHATWG gbk)
    chars = list(encode)
    simplified = OpenCC("t2s").convert("\n".join(chars)).split("\n")
    table = {ord(t): ord(s) for t, s in zip(chars, simplified) if len(s) == 1 and s != t}
    words = _WORDS_FILE.read_text(encoding="utf-8").split()  # most frequent first
    known = frozenset("".join(words)) | _PUNCT
    return _Model(decode, encode, table, frozenset(words), frozenset(words[:_CORE]), known)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def _lost_at(text: str, i: int) -> bool:
    """Whether the '?' at i may stand for a lost character: it follows a Han character and the
    clause before it has no question word."""
    j = i - 1 if text[i - 1 : i] != " " else i - 2
    if j < 0 or not _is_han(text[j]):
        return False
    start = max(
        (mt.end() for mt in _CLAUSE_END.finditer(text, max(0, j - 40), j)), default=max(0, j - 40)
    )
    return not _QUESTION.search(text, start, j + 1)


def _decode(data: bytes, m: _Model) -> str | None:
    """Strict decode with the mirror's rules; None if any byte sequence is invalid."""
    if b"\x80" not in data and not _FOUR_BYTE.search(data):  # Python's codec agrees: fast path
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            return None
    out, i, n = [], 0, len(data)
    while i < n:
        b = data[i]
        if b < 0x81:
            out.append(chr(b) if b < 0x80 else "\u20ac")
            i += 1
        elif b == 0xFF or i + 1 == n or (ch := m.decode.get(b << 8 | data[i + 1])) is None:
            return None
        else:
            out.append(ch)
            i += 2
    return "".join(out)


def _quote_cost(s: str) -> int:
    """2 per curly double quote without a partner (mojibake often eats one), -1 per pair."""
    bad = depth = pairs = 0
    for q in s:
        if q == "\u201c":
            bad, depth = bad + depth, 1
        elif q == "\u201d":
            bad, depth, pairs = bad + 1 - depth, 0, pairs + depth
    return 2 * (bad + depth) - pairs


def _supported(window: str, pos: int, level: str, covered: dict, line: tuple[str, str]) -> bool:
    """Whether the junction at ``pos`` has evidence of its own.

    "strong" (a guessed byte): inside a word of three or more characters or a bigram used three
    times elsewhere on the page; "word": inside a frequent word, or a curly quote whose partner
    follows (or precedes) with no quote in between; "lead" (a restored lead byte): also CJK
    punctuation.
    """
    ch = window[pos]
    if covered.get(pos, 0) >= (2 if level == "strong" else 1):
        return True
    if level == "strong":
        return False
    if ch == "\u201c":
        return (_QUOTES.sub("", window[pos + 1 :]) + line[1])[:1] == "\u201d"
    if ch == "\u201d":
        return (line[0] + _QUOTES.sub("", window[:pos]))[-1:] == "\u201c"
    return level == "lead" and ch in _JUNCTION_PUNCT


def _compatible(a: str, b: str) -> bool:
    """Same text except where one of them still has a ``?``."""
    return len(a) == len(b) and all(x == y or x == "?" or y == "?" for x, y in zip(a, b))


class _Doc:
    """One page: its text, the evidence it gives (bigrams, characters) and the scoring."""

    def __init__(self, text: str, triggers: list[int], m: _Model) -> None:
        self.text, self.triggers, self.m = text, triggers, m
        self.seen: dict[str, int] = {}  # how often a character occurs on the page

    @cached_property
    def pairs(self) -> Counter[str]:
        """Bigrams of the page outside the garbled windows, which must not vouch for themselves
        (counted when a candidate first gets scored, never on a clean page)."""
        masked = list(self.text.translate(self.m.to_simplified))
        for p in self.triggers:
            masked[max(0, p - 12) : p + 12] = " " * len(masked[max(0, p - 12) : p + 12])
        runs = _HAN_RUN.findall("".join(masked))  # Han bigrams lie inside runs of Han
        return Counter(chain.from_iterable(map(operator.add, run, run[1:]) for run in runs))

    def rare(self, s: str) -> int:
        """Characters that neither the word list nor the rest of the page use."""
        known, seen = self.m.chars, self.seen
        pairs = zip(s, s.translate(self.m.to_simplified))
        return sum(
            t > "\x7f" and t not in known and seen.setdefault(c, self.text.count(c)) < 2
            for c, t in pairs
        )

    def suspect(self, s: str) -> bool:
        return bool(_GARBAGE.search(s) or self.rare(s))

    def wordy(self, s: str) -> bool:
        s = s.translate(self.m.to_simplified)
        pieces = [s[i : i + k] for k in (2, 3, 4) for i in range(len(s) - k + 1)]
        return any(w in self.m.words or (len(w) == 2 and w in self.pairs) for w in pieces)

    def dominated(self, c: tuple, by: tuple) -> bool:
        """Same repair as ``by`` but leaving some junk (ASCII, '?', garbage) unexplained."""
        if c is by or c[3] != by[3] or not by[0] <= c[0] <= c[1] <= by[1] or c[2] > by[2]:
            return False
        extra = self.text[by[0] : c[0]] + self.text[c[1] : by[1]]
        return all(ch < "\x80" or self.suspect(ch) for ch in extra)

    def score(self, window: str, line: tuple[str, str]) -> tuple[int, int, int, dict[int, int]]:
        """(score, word score, quote cost, covered) of a window; ``line`` is the text around it.

        ``covered`` maps each position inside a known word to its weight as evidence (see
        ``_supported``): 2 for a word of three or more characters or a bigram seen three times
        elsewhere on the page, 1 for another frequent word, 0 for the rest.
        """
        s, pairs = window.translate(self.m.to_simplified), self.pairs
        best, back = [0] * (len(s) + 1), [0] * (len(s) + 1)
        for i in range(1, len(s) + 1):
            best[i] = best[i - 1]
            for k in range(2, min(i, 4) + 1):
                w = s[i - k : i]
                if best[i - k] + k * k > best[i] and (w in self.m.words or (k == 2 and w in pairs)):
                    best[i], back[i] = best[i - k] + k * k, k
        covered, i = {}, len(s)
        while i:
            if k := back[i]:
                w = s[i - k : i]
                weight = 2 if k > 2 or pairs[w] >= 3 else int(w in self.m.core)
                covered.update((j, weight) for j in range(i - k, i))
            i -= k or 1
        quoting = _quote_cost(line[0] + window + line[1])
        bad = 3 * len(_GARBAGE.findall(window)) + 2 * self.rare(window) + 3 * quoting
        return best[-1] - bad, best[-1], quoting, covered

    def choose(self, cands, gain: int, margin: int, evidence: int, quotes: bool, base=None):
        """Pick a repair: ``("fix", start, end, text)``, ``("garbled", start, end)`` or None.

        Candidates are (start, end, text, check): ``check`` is None when nothing was invented,
        "free" when not even new words are needed (a control character restored to a lead byte),
        else (offset of the junction in ``text``, "strong" | "word" | "lead"). The pick must
        score ``gain`` above ``base`` (default: the text as it is), add ``evidence`` to the word
        score (or pair up quotes), have a supported junction and beat the others by ``margin``.
        Candidates that differ only where one keeps a ``?`` do not compete: the one that claims
        less wins, so a lost character is never filled in without evidence of its own.
        """
        t = self.text
        cands = [c for c in cands if t[c[0] : c[1]] != c[2] and not self.suspect(c[2])]
        if not cands:
            return None
        a, b = min(c[0] for c in cands), max(c[1] for c in cands)
        ls, le = t.rfind("\n", 0, a) + 1, t.find("\n", b)
        le = len(t) if le < 0 else le
        a, b = max(ls, a - _CTX), min(le, b + _CTX)
        line = _QUOTES.sub("", t[ls:a]), _QUOTES.sub("", t[b:le])  # only the quotes matter
        ref = t[a:b] if base is None else t[a : base[0]] + base[2] + t[base[1] : b]
        ref_score, ref_words, ref_quoting, _ = self.score(ref, line)
        pool: dict[str, tuple[int, int, int, str]] = {}
        weak = (0, 0, 0)  # (score gain, start, end) of the best candidate lacking evidence
        for s, e, repl, check in cands:
            window = t[a:s] + repl + t[e:b]
            score, words, quoting, covered = self.score(window, line)
            need = 0 if check == "free" else evidence
            ok = words >= ref_words + need or (
                quotes and words >= ref_words and quoting < ref_quoting
            )
            if ok and check not in (None, "free"):
                ok = _supported(window, s - a + check[0], check[1], covered, line)
            if not ok:
                if words >= ref_words + min(need, 4):
                    weak = max(weak, (score - ref_score, s, e))
            elif window not in pool or pool[window][1] - pool[window][0] > e - s:
                pool[window] = (s, e, score, repl)
        if not pool:
            return ("garbled", *weak[1:]) if weak[0] >= gain else None
        top = max(c[2] for c in pool.values())
        near = [w for w, c in pool.items() if top - c[2] < margin]
        near = [w for w in near if not any(self.dominated(pool[w], pool[v]) for v in near)]
        pick = max(near, key=lambda w: (w.count("?"), pool[w][2]))
        s, e, score, repl = pool[pick]
        if all(_compatible(pick, w) for w in near):
            return ("fix", s, e, repl) if score - ref_score >= gain else None
        if top - ref_score >= _GARBLED:
            return "garbled", min(pool[w][0] for w in near), max(pool[w][1] for w in near)
        return None


def _run(text: str, r: int, head: bytes, m: _Model) -> tuple[int, bytes, int | None] | None:
    """Original bytes of the out-of-step run starting at r, given the bytes before it.

    Returns (end, bytes, dangling): the run ends at a single-byte character that completes its
    last character, or before a ``?`` that stands for the lost trail byte of ``dangling``.
    """
    n, e = len(text), r
    while e < n and e - r < _MAX_RUN and text[e] in m.encode:
        e += 1
    if e - r == _MAX_RUN:
        return None
    body = head + b"".join(m.encode[c] for c in text[r:e])
    nxt = text[e : e + 1]
    if _decode(body, m) is not None:
        return e, body, None
    if nxt == "\u20ac" or "@" <= nxt <= "~":
        return e + 1, body + (b"\x80" if nxt == "\u20ac" else nxt.encode()), None
    if nxt and nxt in _QMARKS and len(body) > 1:
        return e, body[:-1], body[-1]
    return None


def _repair_at(doc: _Doc, p: int, lo: int):
    """Repair of the garbled run around the trigger at p (see ``_Doc.choose``)."""
    text, m = doc.text, doc.m
    n = len(text)
    q = p - 1  # the run holding p starts after q, the nearest single-byte character
    while q >= lo and p - q <= _MAX_RUN and text[q] in m.encode:
        q -= 1
    # A repair may not start in clean text (a known word before the trigger): shifting clean
    # text and then garbage again would "repair" it into garbage followed by a clean tail.
    markers = [
        s for s in sorted({q - 1, q, p, p + 1}) if lo <= s < n and not doc.wordy(text[s + 1 : p])
    ]
    starts = [  # an error without a visible marker: no garbage may come before it in the run
        s
        for s in range(max(q + 1, p - _BACK, lo), min(p + 3, n))
        if text[s] in m.encode
        and not doc.suspect(text[max(q + 1, s - _BACK) : s])
        and not doc.wordy(text[s:p])
    ]
    sure: dict[tuple, tuple[tuple[int, int] | None, int | None]] = {}

    def add(s: int, run, check, left: tuple[int, int] | None = None) -> None:
        if run and (repl := _decode(run[1], m)) is not None:
            sure.setdefault((s, run[0], repl, check), (left, run[2]))

    for s in markers:  # a lead byte that lost its high bit
        c = text[s]
        if " " <= c <= "~" or ("\x01" <= c <= "\x1f" and c not in "\t\n\r"):
            # A lone '?' read as 0xBF is a guess; after another '?' it is the mirror's usual
            # damage (a lost character, then a lead byte without its high bit).
            level = "strong" if c == "?" and text[s - 1 : s] != "?" else "lead"
            add(s, _run(text, s + 1, bytes((ord(c) | 0x80,)), m), "free" if c < " " else (0, level))
    for s in starts:
        code = m.encode[text[s]]
        run = _run(text, s + 1, code[:1], m)  # a stray byte after the lead byte
        if run and run[1][1:2] != code[1:]:  # (else the character would stay as it was)
            add(s, run, (0, "word" if doc.suspect(text[s]) else "strong"))
        if s > lo and text[s - 1] in _QMARKS:  # '?' is the lost lead byte of code[0]
            add(s, _run(text, s + 1, code[1:], m), None, (s - 1, code[0]))
    hit = doc.choose(list(sure), *_SURE)
    if hit and hit[0] == "fix":
        return _fill(doc, hit, *next(v for k, v in sure.items() if k[:3] == hit[1:]))
    if not doc.suspect(text[max(lo, p - _BACK) : p + _BACK]):
        return hit  # guessing is costly and pointless without garbage nearby

    guesses = []
    for s in markers:  # a lead byte lost as '?', perhaps followed by inserted ASCII or pinyin
        if text[s] in _QMARKS:
            skips = {0, 1 if s + 1 < n and "!" <= text[s + 1] <= "?" else 0}
            if junk := _PINYIN.match(text, s + 1):
                skips.add(len(junk.group()))
            guesses += [(s, _run(text, s + 1 + k, bytes((u,)), m)) for k in skips for u in _LEADS]
    for s in starts:  # a dropped lead or trail byte
        code = m.encode[text[s]]
        guesses += [(s, _run(text, s, bytes((u,)), m)) for u in _LEADS]
        guesses += [
            (s, _run(text, s + 1, bytes((code[0], u, code[1])), m)) for u in _TRAILS if u != code[1]
        ]
    cands = {
        (s, run[0], repl, (0, "strong"))
        for s, run in guesses
        if run and (repl := _decode(run[1], m))
    }
    return doc.choose(list(cands), *_GUESS) or hit


def _fill(doc: _Doc, hit, left: tuple[int, int] | None, lead: int | None):
    """Try to recover the lost character next to a repair (its lead byte or its trail byte)."""
    _, s, e, repl = hit
    m, cands = doc.m, []
    if left is not None:
        qs, trail = left
        cands += [
            (qs, e, ch + repl, (0, "strong"))
            for u in _LEADS
            if (ch := m.decode.get(u << 8 | trail))
        ]
    if lead is not None and e < len(doc.text):
        end = (len(repl), "strong")
        cands += [(s, e + 1, repl + ch, end) for u in _LEADS if (ch := m.decode.get(lead << 8 | u))]
    better = doc.choose([*cands, (*hit[1:], None)], *_GUESS, base=hit[1:]) if cands else None
    return better if better and better[0] == "fix" else hit


def _lost_marks(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of ``?`` (outside the spots taken) that stand for lost characters, not a question."""
    edges, found = {x for span in taken for x in span}, []
    for mt in re.finditer(r"[?\ufffd]+", text):
        pieces = [mt.span()]
        for s, e in taken:
            pieces = [
                (a, b) for x, y in pieces for a, b in ((x, min(y, s)), (max(x, e), y)) if a < b
            ]
        for s, e in pieces:
            after = text[e : e + 2].lstrip(" ")[:1] or "a"
            odd = _is_han(after) or after in "“‘《（【" or _GARBAGE.match(text, e)
            if "\ufffd" in text[s:e] or s in edges or e in edges or (odd and _lost_at(text, s)):
                found.append((s, e))
    return found


def _to_word_end(text: str, end: int, repaired: str, m: _Model) -> tuple[int, str]:
    """Widen a repair over intact characters that finish its last word (縱 + 深 → 縱深).

    A reader checks a repair by the word it restores, so spots end at word boundaries.
    """
    for _ in range(2):
        if end >= len(text) or not _is_han(text[end]):
            break
        pair = (repaired[-1] + text[end]).translate(m.to_simplified)
        if pair not in m.words:
            break
        repaired += text[end]
        end += 1
    return end, repaired


def find_mojibake(text: str) -> list[MojibakeSpot]:
    """Garbled spots in order, non-overlapping; ``repaired`` is set only for a unique repair."""
    triggers = [mt.start() for mt in _CANDIDATE.finditer(text) if _TRIGGER.match(text, mt.start())]
    if not triggers:
        return []
    m = _model()
    doc = _Doc(text, triggers, m)
    spots: list[MojibakeSpot] = []
    lo = 0
    for p in triggers[:_MAX_TRIGGERS]:
        if p >= lo and (hit := _repair_at(doc, p, lo)):
            s, e = hit[1], hit[2]
            repaired = hit[3] if hit[0] == "fix" else None
            if repaired:
                e, repaired = _to_word_end(text, e, repaired, m)
            spots.append(MojibakeSpot(s, e, text[s:e], repaired))
            lo = e
    spans = [(sp.start, sp.end) for sp in spots]
    spots += [MojibakeSpot(s, e, text[s:e], None) for s, e in _lost_marks(text, spans)]
    return sorted(spots, key=lambda sp: sp.start)


def repair_text(text: str) -> tuple[str, list[MojibakeSpot]]:
    """Text with every uniquely repaired spot replaced; spot offsets refer to the input."""
    spots = find_mojibake(text)
    parts, pos = [], 0
    for sp in spots:
        if sp.repaired is not None:
            parts += [text[pos : sp.start], sp.repaired]
            pos = sp.end
    return "".join(parts) + text[pos:], spots
