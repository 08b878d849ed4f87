"""Recognise injected porn and gambling keyword lines.

Spam mirrors and hacked pages add lines such as ``国产精品久久|日韩av无码中文字幕``
or ``澳门新葡京官网_百家乐真人平台``: short phrases built from spam morphemes,
joined by separators, without sentence punctuation. Government text uses many of the
same words (赌博 and 百家乐 in a police notice, 体育, 彩票, 澳门, 成人教育), so a line
is judged by how much of it is spam vocabulary, whether strong morphemes are present and
whether it is shaped like a phrase list, never by one word. The morphemes are data:
``crawler/lexicons/spam_morphemes.tsv``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from crawler.cleaning.hosts import read_lexicon

_LEXICON = "spam_morphemes.tsv"
_VENUES = "venue_suffixes.txt"
# Separators other than 、 and spaces: a venue list uses none of them.
_VENUE_LIST_SEPARATOR = re.compile("[|_,/\\\\·•~+#丨│┃¦—–★☆◆◇■□●○※-]")
_CATEGORIES = frozenset({"porn", "gambling"})
_WEIGHTS = frozenset({"strong", "weak"})
_STRONG_WEIGHT = 3  # one strong morpheme is worth three weak ones in ``SpamScore.score``

# Invisible characters spammers put inside words to dodge filters.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u2061\u2062\u2063\u2064"
_ZW_RE = re.compile(f"[{ZERO_WIDTH}]+")
# Phrases that contain a morpheme but are ordinary government vocabulary. They are matched like
# morphemes (longest first) so the morpheme inside them is not counted, and score nothing.
_BENIGN_PHRASES = (
    "久久为功", "中日韩", "福利彩票", "体育彩票", "成人教育", "成人高考", "成人高等", "棋牌室",
    "棋牌运动",
)
# Separators between phrases, as they look after NFKC (full-width forms become ASCII).
# TITLE_SEPARATORS never occur inside a title's own words; stuffing.py splits titles on them
# (and on brackets and spaced dashes) so the two modules agree on what separates phrases.
TITLE_SEPARATORS = "|_丨│┃¦★☆◆◇■□●○※"
_SEPARATORS = TITLE_SEPARATORS + ",-/\\、·•~+#—– \t\n\r"
_SEP_RUN = re.compile("[" + re.escape(_SEPARATORS) + "]+")
# Sentence punctuation, or words of law enforcement, warning and reporting: either means text
# about spam (a police notice, a 扫黄打非 report, an anti-gambling poster), never injected spam.
# (Two regexes: each starts with a known character set, which re scans for in C.)
# ``!`` and brackets are not in it: spam lines use them as decoration (``【澳门新葡京】官网！``),
# and a real sentence nearly always also has 。 or ; . A colon counts unless a URL or domain
# follows (``在线观看：www.av1688.xyz``).
_SENTENCE_PUNCTUATION = re.compile(
    "[。;?“”‘’\"《》「」『』…]|:(?!//|\\s*(?:www\\.|[a-z0-9-]+\\.[a-z]))"
)
_ABOUT_SPAM = re.compile(
    "打击|整治|查处|取缔|严禁|禁止|举报|违法|犯罪|扫黄|打非|破获|抓获|专项|治理|防范|警惕|诈骗"
    "|谨防|警示|远离|拒绝|危害|宣传|赌博|黄赌毒|淫秽|公安|警方|民警|净网|防偷|反诈|涉黄|涉赌|执法"
)
# Decoration around keyword phrases, cut like separators: brackets, exclamation marks, symbols
# (emoji), and domains (``www.js8899.com``), which are no prose.
_DECORATION = re.compile(
    "[【】〖〗\\[\\]()!\U0001f000-\U0001faff\u2600-\u27bf]+"
    "|(?:https?://)?(?:www\\.)?[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:com|net|cn|cc|top|xyz|vip|org|me|tv|app|bet)\\b"
    "(?:[/?#][a-z0-9._~%/?#=&+-]*)?"  # a path in URL characters: stops at a separator or Han
)
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz")
# Lookarounds after a Latin first letter (no letter right before it) and a Latin last letter.
_LATIN_GUARDS = ("(?<![a-z].)", "(?![a-z])")
# The most frequent Han characters of government pages (counted on the test fixtures and the seed):
# poor anchors for the prefilter, which stops at every occurrence of an anchor.
_GOV_FREQUENT = frozenset(
    "的一是在了和与中国人大年区市县镇村政府公开务工作发展业信息成实办进增产动建服关民化体文重部"
    "管项件完经个通点推生于施网加家策设长理站济态元地首亿案意保持数位入安用心制备技创页会改省级"
    "见交合度规平学效知控落集防号资等行上城系科主投范门提获高情面护更障专率流有要力群评企术道示"
    "坚性深医措升任定各标支老能环户无互日质报优字现万院治立总续出台置量程计同检联方识机强划条三"
    "第水放前分预"
)
_RAW_LETTER = "[a-zA-Z\uff21-\uff3a\uff41-\uff5a]"

_MIN_CHARS = 8  # content characters (separators excluded) below which a line is never judged
_MIN_COVERAGE = 0.5  # share of content characters inside spam morphemes
_MAX_MEAN_SEGMENT = 16  # keyword phrases are short
_SINGLE_PHRASE_COVERAGE = 0.75  # a line without separators must be almost all spam ...
_SINGLE_PHRASE_MAX = 40  # ... and short
_PHRASE_COVERAGE = 0.75  # share of a short phrase inside spam morphemes (is_spam_phrase)


@dataclass(frozen=True)
class SpamScore:
    """Spam morphemes found in a text: counts by weight, categories, the morphemes in order."""

    strong: int
    weak: int
    categories: frozenset[str]
    matched: tuple[str, ...]

    @property
    def score(self) -> int:
        """Strong morphemes count three times: one is rarer in real text than several weak ones."""
        return _STRONG_WEIGHT * self.strong + self.weak


@dataclass(frozen=True)
class _Lexicon:
    entries: dict[str, tuple[str, str]]  # normalised morpheme -> (category, weight)
    matcher: re.Pattern[str]


@cache
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


def normalise(text: str) -> str:
    """Text as spam morphemes are matched: no zero-width characters, NFKC (full-width Latin and
    punctuation become ASCII), lower case, Traditional converted to Simplified."""
    text = unicodedata.normalize("NFKC", _ZW_RE.sub("", text)).lower()
    return _t2s().convert(text) if text else text


def _trie(words) -> dict:
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return root


def _trie_regex(node: dict, first: bool = True) -> str:
    """A regex matching the longest word of a trie at a position.

    Alternatives are keyed by their first character and a shorter word is the fallback of a longer
    one, so ``re`` finds the leftmost-longest match; as every top-level alternative starts with a
    literal, ``re`` skips ahead with a character-set scan instead of trying each word everywhere.
    A Latin word (av, app) must not touch other Latin letters.
    """
    alts = []
    for ch in sorted(k for k in node if k):
        child = node[ch]
        rest = _trie_regex(child, first=False) if len(child) > ("" in child) else ""
        end = (_LATIN_GUARDS[1] if ch in _LATIN else "") if "" in child else None
        if rest and end is not None:
            tail = f"(?:{rest}|{end})"
        elif rest:
            tail = f"(?:{rest})"
        else:
            tail = end or ""
        guard = _LATIN_GUARDS[0] if first and ch in _LATIN else ""
        alts.append(re.escape(ch) + guard + tail)
    return "|".join(alts)


@cache
def _lexicon() -> _Lexicon:
    """Load and check the morpheme lexicon once per process."""
    entries: dict[str, tuple[str, str]] = {}
    for line in read_lexicon(_LEXICON):
        fields = line.split("\t")
        if len(fields) != 3 or fields[1] not in _CATEGORIES or fields[2] not in _WEIGHTS:
            raise ValueError(f"{_LEXICON}: bad line {line!r}")
        morpheme = normalise(fields[0].strip())
        if morpheme in entries:
            raise ValueError(f"{_LEXICON}: duplicate morpheme {morpheme!r}")
        entries[morpheme] = (fields[1], fields[2])
    words = list(entries) + [normalise(p) for p in _BENIGN_PHRASES]
    return _Lexicon(entries, re.compile(_trie_regex(_trie(words))))


def _morphemes(norm: str) -> list[str]:
    """Spam morphemes of normalised text in order: non-overlapping, leftmost-longest."""
    entries = _lexicon().entries
    return [w for w in _lexicon().matcher.findall(norm) if w in entries]


@cache
def _venue_words() -> tuple[str, ...]:
    """Words that end a venue's name (crawler/lexicons/venue_suffixes.txt), longest first."""
    return tuple(sorted((normalise(w) for w in read_lexicon(_VENUES)), key=len, reverse=True))


@cache
def _venue_suffix() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, _venue_words())))


def _weighted(norm: str) -> list[tuple[str, bool]]:
    """Spam morphemes of normalised text with whether each occurrence counts as strong.

    A gambling brand right before a venue word (金沙娱乐会所, 银河娱乐KTV) names a licensed
    venue in an inspection list, so that occurrence counts as weak; 官网, 开户 or a domain
    after the brand keep it strong."""
    lexicon, venue = _lexicon(), _venue_suffix()
    out = []
    for m in lexicon.matcher.finditer(norm):
        category, weight = lexicon.entries.get(m.group(), ("", ""))
        if weight:
            strong = weight == "strong" and not (
                category == "gambling" and venue.match(norm, m.end()))
            out.append((m.group(), strong))
    return out


def _is_venue_list(norm: str) -> bool:
    """A 、-separated list of business names (``金沙娱乐会所、银河娱乐KTV、皇冠娱乐城``): every item
    ends in a venue word or 城. Injected lines join phrases with | _ or spaces, and end them in
    官网, 开户 or a domain, not in a venue."""
    if "、" not in norm or _VENUE_LIST_SEPARATOR.search(norm):
        return False
    endings = (*_venue_words(), "城")
    return all(item.strip().endswith(endings) for item in norm.split("、") if item.strip())


def spam_score(text: str) -> SpamScore:
    """Spam morphemes in ``text``, matched on its normalised form."""
    weighted = _weighted(normalise(text))
    entries = _lexicon().entries
    strong = sum(1 for _, is_strong in weighted if is_strong)
    categories = frozenset(entries[w][0] for w, _ in weighted)
    matched = tuple(w for w, _ in weighted)
    return SpamScore(strong, len(matched) - strong, categories, matched)


def is_keyword_line(text: str) -> bool:
    """Whether one line or text segment (a text node, a ``<p>``, a line of a dump) is, as a whole,
    an injected keyword line.

    True needs all of: no sentence punctuation and no law-enforcement words; at least 8 content
    characters; a strong morpheme that is not plain ASCII, and a second distinct strong morpheme
    or four distinct weak ones; spam morphemes covering at least half of the content; short
    phrases between separators (or, without separators, one short phrase that is nearly all spam).

    Brackets, ``!``, emoji and domains are decoration, cut like separators. A line that mixes a
    real sentence with a keyword tail is judged as a whole, and its sentence punctuation makes it
    False: ``keyword_tail`` finds such a tail.
    """
    norm = normalise(text).strip()
    if _SENTENCE_PUNCTUATION.search(norm) or _ABOUT_SPAM.search(norm):
        return False
    norm = _DECORATION.sub(" ", norm)
    segments = [s for s in _SEP_RUN.split(norm) if s]
    content = sum(map(len, segments))
    if content < _MIN_CHARS:
        return False
    if _is_venue_list(norm):
        return False
    weighted = _weighted(norm)
    matched = [w for w, _ in weighted]
    distinct = set(matched)
    strong = {w for w, is_strong in weighted if is_strong}
    if all(w.isascii() for w in strong):  # av, porn, bet365 alone are too close to codes
        return False
    if not (len(strong) >= 2 or len(distinct) - len(strong) >= 4):
        return False
    coverage = sum(map(len, matched)) / content
    if len(segments) >= 2:
        return coverage >= _MIN_COVERAGE and content / len(segments) <= _MAX_MEAN_SEGMENT
    return coverage >= _SINGLE_PHRASE_COVERAGE and content <= _SINGLE_PHRASE_MAX


@cache
def _variants() -> dict[str, set[str]]:
    """Raw characters that normalise to each Simplified character (Traditional forms, compatibility
    ideographs, radicals), built once from OpenCC over the CJK blocks."""
    ranges = ((0x2E80, 0x2FDF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
    raw = [chr(c) for lo, hi in ranges for c in range(lo, hi + 1)]
    nfkc = [unicodedata.normalize("NFKC", c) for c in raw]
    simplified = _t2s().convert("\n".join(nfkc)).split("\n")
    table: dict[str, set[str]] = {}
    for c, s in zip(raw, simplified):
        if len(s) == 1 and s != c:
            table.setdefault(s, set()).add(c)
    return table


def _raw_forms(ch: str) -> str:
    """A character class of the raw characters that normalise to ``ch``."""
    if "a" <= ch <= "z" or "0" <= ch <= "9":
        forms = {ch, ch.upper(), chr(ord(ch) + 0xFEE0), chr(ord(ch.upper()) + 0xFEE0)}
    else:
        forms = {ch} | _variants().get(ch, set())
    return "".join(sorted(forms))


def _char_cost(ch: str, counts: dict[str, int]) -> int:
    """How often a character is expected in page text: by the number of common words that contain
    it, plus a penalty for the characters that fill government pages; ASCII never (it fills codes,
    URLs and markup)."""
    if ch.isascii():
        return 1 << 30
    return counts.get(ch, 0) + (1 << 16) * (ch in _GOV_FREQUENT)


def _dispatch(groups: list[tuple[str, str]]) -> str:
    """Choose among (character class, regex) pairs by the character just matched, in a balanced
    tree of lookbehinds: a few checks per stop where an alternation would try every anchor."""
    if len(groups) == 1:
        return groups[0][1]
    left, right = groups[: len(groups) // 2], groups[len(groups) // 2 :]
    chars = "".join(chars for chars, _ in left)
    return f"(?:(?<=[{chars}]){_dispatch(left)}|(?<![{chars}]){_dispatch(right)})"


@cache
def _prefilter() -> re.Pattern[str]:
    """One regex for every strong morpheme with a non-ASCII character, as it may appear in raw
    text (any case, full width, Traditional), anchored on its least frequent non-ASCII character.

    The regex starts with the class of all anchor characters, so ``re`` scans the page for them in
    C and stops rarely on a clean page, even in markup; at a stop, a lookbehind tree picks the
    anchor's morphemes, whose characters before the anchor are checked by a fixed-width lookbehind.
    """
    counts: dict[str, int] = {}
    for word in read_lexicon("common_words.txt"):
        for ch in word:
            counts[ch] = counts.get(ch, 0) + 1
    by_anchor: dict[str, list[str]] = {}
    for morpheme, (_, weight) in _lexicon().entries.items():
        if weight != "strong" or morpheme.isascii():
            continue
        cost = [_char_cost(ch, counts) for ch in morpheme]
        i = cost.index(min(cost))
        before = "".join(f"[{re.escape(_raw_forms(ch))}]" for ch in morpheme[:i])
        after = "".join(f"[{re.escape(_raw_forms(ch))}]" for ch in morpheme[i + 1 :])
        check = f"(?<={before}.)" if before else ""
        if morpheme[0] in _LATIN:
            check += f"(?<!{_RAW_LETTER}{before}.)"
        if morpheme[-1] in _LATIN:
            after += f"(?!{_RAW_LETTER})"
        by_anchor.setdefault(morpheme[i], []).append(check + after)
    groups = [
        (re.escape(_raw_forms(anchor)), "(?:" + "|".join(sorted(tails)) + ")")
        for anchor, tails in sorted(by_anchor.items())
    ]
    every = "".join(chars for chars, _ in groups)
    return re.compile(f"[{every}]{_dispatch(groups)}")


def has_spam_vocabulary(text: str) -> bool:
    """Fast page-level prefilter on raw text or HTML: whether it contains a strong morpheme with a
    non-ASCII character, which every keyword line has. False means no line of the page can be a
    keyword line; True only means its lines are worth testing with ``is_keyword_line``."""
    # One regex pass finds zero-width characters in a short text; in a whole page, a
    # substring search for each is faster.
    if (_ZW_RE.search(text) if len(text) < 2000 else any(z in text for z in ZERO_WIDTH)):
        text = _ZW_RE.sub("", text)
    return _prefilter().search(text) is not None


def about_spam(text: str) -> bool:
    """Whether a text speaks about spam (law enforcement, regulation, warnings): a police notice
    or a 扫黄打非 report lists spam words, and such a text is never treated as injected."""
    return _ABOUT_SPAM.search(normalise(text)) is not None


_SENTENCE_END = re.compile("[。！？；!?;]")


def keyword_tail(text: str) -> str | None:
    """The part of ``text`` after its last sentence end when that part alone is a keyword line
    (``…新增开放古典园林2座。澳门新葡京|真人百家乐|…``), else None. The sentence is the page's,
    the tail was glued to it. A list introduced by a sentence (``严厉打击以下行为：…``) keeps
    its colon and law-enforcement words in the tail, which vetoes it."""
    ends = list(_SENTENCE_END.finditer(text))
    if not ends:
        return None
    tail = text[ends[-1].end():]
    return tail if len(tail.strip()) >= _MIN_CHARS and is_keyword_line(tail) else None


def is_spam_phrase(text: str) -> bool:
    """A short phrase (a title segment, a meta keyword, a hidden link's text) made almost
    entirely of spam morphemes, with a strong one or three weak ones.

    Such phrases are too short for the keyword-line shape test; coverage decides
    (``国家体育总局`` and ``澳门葡京酒店`` are not spam phrases, ``百家乐真人平台`` is); two strong
    morphemes need only cover half of it (``狠狠躁天天躁中文字``).
    """
    normal = normalise(text)
    if not _morphemes(normal):  # the common case, decided with one normalisation
        return False
    if is_keyword_line(text):
        return True
    score = spam_score(text)
    content = len(re.sub(r"[\W_]+", "", normal))
    covered = sum(len(m) for m in score.matched)
    if not content:
        return False
    if score.strong >= 2 and covered >= _MIN_COVERAGE * content:
        return True
    return covered >= _PHRASE_COVERAGE * content and (score.strong >= 1 or score.weak >= 3)
