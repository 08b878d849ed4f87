"""Recognise injected redirect, cloaking and hijack scripts by static analysis of their text.

Hacked government pages carry scripts that send visitors arriving from a search engine (or only
crawlers) to a spam site, hijack the back button, or load an off-site script. Clean pages carry
analytics counters, pagers, mobile redirects to their own site and links to other government
sites, so a verdict needs a redirect (or a write of off-site markup) whose target leaves the site,
and for the gated kinds a referrer, User-Agent or popstate condition next to it. Nothing is
executed: layers that can be undone statically (base64, %xx, escapes, fromCharCode,
concatenation, string arrays, the Dean Edwards packer) are decoded by ``deobfuscate`` and the
decoded text is judged again. Hot patterns start with a literal so ``re`` can skip ahead fast.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from lxml import etree

from crawler.cleaning.hidden import find_hidden_spam
from crawler.cleaning.host_shape import looks_generated
from crawler.cleaning.hosts import is_benign_host, same_site
from crawler.cleaning.keywords import has_spam_vocabulary, is_keyword_line, keyword_tail
from crawler.extraction.text import squash
from crawler.memo import remember_short

MAX_OUTPUT = 1_000_000  # characters; decoding never grows text beyond this
_MAX_MARKUP = 100_000  # characters of written markup parsed per script
_MARKUP_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)


@dataclass(frozen=True)
class ScriptVerdict:
    reason: str
    evidence: str


# Without one of these words (or ``window[``-style indexing) a script can neither redirect,
# write markup, load a script nor hide any of that; `in` is much faster than a regex alternation.
_DECODERS = ("eval", "atob", "scape", "decodeURI", "CharCode", "Function", ".join(", "\\")
_TRIGGERS = ("location", "open", "write", "src", "HTML", *_DECODERS)
_GLOBAL_INDEX = re.compile(
    r"\[(?:(?<=window\[)|(?<=top\[)|(?<=self\[)|(?<=this\[)|(?<=document\[)|(?<=location\[))"
)
_CONCAT = re.compile(r"\+(?:(?<=[\"']\+)|(?<=[\"'] \+))\s*[\"']")  # "a" + "b"
_Q = r"(?:\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*')"  # a terminated string literal
_LIT = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"?|'(?:[^'\\\n]|\\.)*'?", re.S)  # unterminated too
_PLUS = re.compile(r"\s*\+\s*")
_ESCAPE = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|u\{([0-9a-fA-F]{1,6})\}|/)")
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_CALL = re.compile(rf"(atob|unescape|decodeURIComponent|decodeURI)\s*\(\s*({_Q})\s*\)")
_EVAL = re.compile(rf"(?:eval|(?:new\s+)?Function)\s*\(\s*({_Q})\s*\)(?:\s*\(\s*\))?")
_NUMS = r"((?:0[xX][0-9a-fA-F]+|\d+)(?:\s*,\s*(?:0[xX][0-9a-fA-F]+|\d+))*)"
_CHARCODES = re.compile(
    rf"String\.fromCharCode\s*(?:\(\s*{_NUMS}\s*\)|\.apply\s*\(\s*\w+\s*,\s*\[\s*{_NUMS}\s*\]\s*\))"
)
_ARRAY = re.compile(rf"=\s*\[\s*({_Q}(?:\s*,\s*{_Q})*)\s*,?\s*\]")
_JOIN = re.compile(rf"\[\s*({_Q}(?:\s*,\s*{_Q})*)\s*,?\s*\]\s*\.join\(\s*({_Q})?\s*\)")
# ``k = "location"`` then ``window[k]``: a property name kept in a variable.
_NAME_VALUE = re.compile(r"(?<![\w$.])([A-Za-z_$][\w$]*)\s*=\s*([\"'])([A-Za-z_$][\w$]*)\2")
_NAME_INDEX = re.compile(r"(?<=[\w$\])])\[\s*([A-Za-z_$][\w$]*)\s*\]")
_NAME_BEFORE = re.compile(r"([A-Za-z_$][\w$]*)\s*$")
_BRACKET = re.compile(r"\[\s*([\"'])([A-Za-z_$][\w$]*)\1\s*\]")
_PACKER = re.compile(
    r"eval\s*\(\s*function\s*\(\s*p\s*,\s*a\s*,\s*c\s*,\s*k\s*,\s*e\s*,\s*[dr]\s*\).{0,1000}?\}\s*\(\s*"
    r"'((?:[^'\\]|\\.)*)'\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*'((?:[^'\\]|\\.)*)'\.split\('\|'\)"
    r"(?:\s*,\s*0\s*,\s*\{\}\s*\)\s*\))?",
    re.S,
)
_WORD = re.compile(r"\b\w+\b", re.A)
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

_ARG = r"\s*(\"[^\"\n]*\"|'[^'\n]*'|[\w$.]+)?"
_SINKS = (  # (kind, pattern); each pattern starts with a literal
    ("location", re.compile(r"location(?:(?:\.href|\[[\"']href[\"']\])?\s*=(?!=)"
                            r"|\.(?:replace|assign)\s*\()" + _ARG)),
    ("open", re.compile(r"open\s*\(" + _ARG)),
    ("location", re.compile(r"navigate\s*\(" + _ARG)),
    ("write", re.compile(r"document\.write(?:ln)?\s*\(")),
    ("html", re.compile(r"(?:inner|outer)HTML\s*\+?=(?!=)|insertAdjacentHTML\s*\(")),
)
# Kinds whose target is only known from the markup or URL they carry: without an off-site one
# they are ordinary DOM updates, even next to a referrer test.
_MARKUP_SINKS = ("html", "frame")
_FRAME_SRC = re.compile(r"\.src\s*=(?!=)" + _ARG)
_OPEN_OWNER = re.compile(r"(?:^|[^\w$.]|(?:window|top|self|parent)\.)$")
_SELF = re.compile(r"(?:window\.|self\.|top\.|document\.)?(?:location|URL)\b")
_HOST = r"([a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9-]+)+)"
_ABS_URL = re.compile(r"//" + _HOST)
_GLUE = re.compile(r"[\"']\s*\+\s*[\w$.]+(?:\([^()]{0,40}\))?\s*\+\s*[\"']")
_TAG = re.compile(r"<(script|iframe|frame|embed|object|meta|a)\b[^<>]{0,600}", re.I)
_ATTR = re.compile(r"\b(?:src|href|data|url)\s*=\s*\\?[\"']?\s*([^\"'\s<>\\;]+)", re.I)
_BARE_HOST = re.compile(r"((?:[a-z0-9-]+\.)+[a-z]{2,})(?=[/:])", re.I)
_HIDDEN = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|(?:left|top|text-indent)\s*:\s*-\d{3,}"
    r"|font-size\s*:\s*0|(?:width|height)\s*[:=]\s*\\?[\"']?[01](?:px)?\b",
    re.I,
)
_SCRIPT_SRC = re.compile(
    r"(?:src(?:\s*=(?!=)|[\"']\s*,)|getScript\s*\()\s*(\"[^\"\n]*\"|'[^'\n]*')"
)
_ENGINES = re.compile(
    r"baidu|sogou|so\.com|sm\.cn|google|(?<![a-z])bing|(?<![\d.])360(?!\d)|soso|youdao|yahoo|haosou"
    r"|shenma|toutiao",
    re.I,
)
_SPIDERS = re.compile(r"spider|bot(?![a-z])|crawl|slurp", re.I)
_HISTORY = re.compile(r"pushState|replaceState")
_NEAR = 600  # a gate's keywords must appear within this many characters of each other


def deobfuscate(code: str, max_depth: int = 3) -> str:
    """Undo the obfuscation layers that need no execution, at most ``max_depth`` rounds."""
    text = (code or "")[:MAX_OUTPUT]
    for _ in range(max(0, max_depth)):
        decoded = _one_round(text)[:MAX_OUTPUT]
        if decoded == text:
            break
        text = decoded
    return text


def _one_round(text: str) -> str:
    budget = [MAX_OUTPUT - len(text)]  # characters that substitutions may still add
    text = _sub(_PACKER, _unpack, text, budget)
    text = _ESCAPE.sub(_unescape_one, text) if "\\" in text else text
    text = _sub(_CHARCODES, lambda m: _quote(_charcodes(m.group(1) or m.group(2))), text, budget)
    text = _fold_concatenation(text) if _CONCAT.search(text) else text
    if any(name in text for name in ("atob", "unescape", "decodeURI")):
        text = _sub(_CALL, _decode_call, text, budget)
    if ".join(" in text:
        text = _sub(_JOIN, _join, text, budget)
    text = _inline_arrays(text, budget)
    text = _BRACKET.sub(r".\2", text)
    text = _inline_names(text) if "[" in text else text
    if "eval" not in text and "Function" not in text:
        return text
    return _sub(_EVAL, lambda m: _unquote(m.group(1)), text, budget)


def _sub(pattern: re.Pattern, repl, text: str, budget: list[int]) -> str:
    """``pattern.sub`` that keeps a match whose replacement fails or would exceed the budget."""

    def bounded(m: re.Match) -> str:
        try:
            new = repl(m)
        except (ValueError, IndexError, OverflowError, binascii.Error):
            return m.group(0)
        grow = len(new) - len(m.group(0))
        if grow > budget[0]:
            return m.group(0)
        budget[0] -= max(grow, 0)
        return new

    return pattern.sub(bounded, text)


def _unescape_one(m: re.Match) -> str:
    """\\xHH, \\uHHHH and \\/ as characters; quotes, backslashes and controls stay escaped."""
    if m.group(0) == "\\/":
        return "/"
    value = int(m.group(1) or m.group(2) or m.group(3), 16)
    if value > 0x10FFFF or value < 0x20 or 0xD800 <= value <= 0xDFFF:
        return m.group(0)
    return "\\" + chr(value) if chr(value) in "\"'\\" else chr(value)


def _unquote(literal: str) -> str:
    """The value of a terminated JavaScript string literal."""
    body = literal[1:-1]
    if "\\" not in body:
        return body
    body = _ESCAPE.sub(_unescape_one, body)
    return re.sub(r"\\(.)", lambda m: _SIMPLE_ESCAPES.get(m[1], m[1]), body, flags=re.S)


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _charcodes(numbers: str) -> str:
    return "".join(chr(int(n, 16 if "x" in n.lower() else 10)) for n in numbers.split(","))


def _fold_concatenation(text: str) -> str:
    """Join ``"a" + 'b' + "c"`` into one literal; one linear pass over the literals."""
    out, pos, group = [], 0, []
    for m in [*_LIT.finditer(text), None]:
        closed = m is not None and len(m[0]) > 1 and m[0][-1] == m[0][0]
        if closed and group and _PLUS.fullmatch(text, group[-1].end(), m.start()):
            group.append(m)
            continue
        if len(group) > 1:
            out += [text[pos : group[0].start()], _quote("".join(_unquote(g[0]) for g in group))]
            pos = group[-1].end()
        group = [m] if closed else []
    return "".join(out) + text[pos:] if out else text


def _decode_call(m: re.Match) -> str:
    """atob/unescape/decodeURI of a literal, as a literal; invalid input raises ValueError."""
    name, value = m[1], _unquote(m[2])
    if name == "atob":
        raw = base64.b64decode(re.sub(r"\s+", "", value), validate=True)
        try:
            return _quote(raw.decode("utf-8"))
        except UnicodeDecodeError:
            return _quote(raw.decode("latin-1"))
    if name == "unescape":
        value = re.sub(r"%u([0-9a-fA-F]{4})", lambda u: chr(int(u[1], 16)), value)
        return _quote(re.sub(r"%([0-9a-fA-F]{2})", lambda u: chr(int(u[1], 16)), value))
    return _quote(unquote(value, errors="replace"))


def _inline_arrays(text: str, budget: list[int]) -> str:
    """Replace ``name[3]`` by the literal when ``name = ["..", ..]`` is an array of strings."""
    for m in list(_ARRAY.finditer(text))[:20]:
        name = _NAME_BEFORE.search(text, max(0, m.start() - 100), m.start())
        if name:
            items = [_quote(_unquote(lit[0])) for lit in _LIT.finditer(m[1])]
            ref = re.compile(rf"{re.escape(name[1])}\s*\[\s*(0[xX][\da-fA-F]+|\d+)\s*\]")
            text = _sub(ref, lambda r, items=items: _item(r, items), text, budget)
    return text


def _item(ref: re.Match, items: list[str]) -> str:
    """The array element for ``name[i]``, unless ``name`` is the tail of a longer name."""
    before = ref.string[ref.start() - 1 : ref.start()]
    return ref[0] if before and (before.isalnum() or before in "$._") else items[int(ref[1], 0)]


def _join(m: re.Match) -> str:
    """``["h","t"].join("")`` as the joined literal."""
    separator = _unquote(m[2]) if m[2] else ","
    return _quote(separator.join(_unquote(lit[0]) for lit in _LIT.finditer(m[1])))


def _inline_names(text: str) -> str:
    """``obj[k]`` as ``obj.location`` when ``k`` is only ever assigned the literal "location"."""
    values: dict[str, str | None] = {}
    for m in _NAME_VALUE.finditer(text):
        values[m[1]] = m[3] if values.get(m[1], m[3]) == m[3] else None
    if not values:
        return text
    return _NAME_INDEX.sub(lambda m: "." + v if (v := values.get(m[1])) else m[0], text)


def _unpack(m: re.Match) -> str:
    """Dean Edwards packer: each payload word is a base-``a`` index into the keyword list."""
    payload, radix, count, keys = m[1], int(m[2]), int(m[3]), m[4].split("|")
    if not 2 <= radix <= 62 or count > 100_000:
        raise ValueError("unsupported packer")

    def encode(n: int) -> str:
        return (encode(n // radix) if n >= radix else "") + _DIGITS[n % radix]

    table = {encode(i): k for i, k in enumerate(keys[:count]) if k}
    budget = [MAX_OUTPUT]
    code = re.sub(r"\\(.)", r"\1", payload)
    return _sub(_WORD, lambda w: table.get(w[0], w[0]), code, budget)


def judge_script(code: str | None, src: str | None, page_host: str | None) -> ScriptVerdict | None:
    """Why a script looks injected, or None; a relative ``src`` is on the page's own site.

    A script loaded from an unknown host is evidence only when the host looks machine-made
    (``host_shape.looks_generated``): pages load counters, share buttons and libraries from
    more ordinary hosts than a benign list can name."""
    if src and _suspect_source(host := _url_host(src.strip()), page_host):
        return _verdict("offsite_script", f"script src {src.strip()} ({host})")
    if not code:
        return None
    indexed = _GLOBAL_INDEX.search(code)
    if not indexed and not any(word in code for word in _TRIGGERS):
        return None
    plain = _judge_text(code, page_host)
    if not (indexed or any(w in code for w in _DECODERS) or _CONCAT.search(code)):
        return plain
    decoded = deobfuscate(code, max_depth=6)
    hidden = _judge_text(decoded, page_host) if decoded != code else None
    if hidden is None or hidden == plain:
        return plain
    if plain is None:
        return _verdict("obfuscated_redirect", f"decoded {hidden.reason}: {hidden.evidence}")
    return hidden


def _judge_text(text: str, page_host: str | None) -> ScriptVerdict | None:
    """Gated redirects first (their condition is the strongest evidence), then ungated ones."""
    sinks = _sinks(text)
    tags = list(_TAG.finditer(_GLUE.sub("", text))) if "write" in text or "HTML" in text else []
    written = [a[1] for tag in tags for a in _ATTR.finditer(tag[0])]
    targets = [t for _, t in sinks if t] + written + _absolute_urls(text)
    bad = next((t for t in targets if _offsite(_url_host(t), page_host)), None)
    gated = sinks if bad else [sink for sink in sinks if sink[0] not in _MARKUP_SINKS]
    if gated and (bad or not targets):
        kind = next((kind for kind, target in sinks if target == bad), gated[0][0])
        where = f"{kind} -> {bad or 'computed target'}"
        if gate := _gate(text, "referrer", _ENGINES):
            return _verdict("referrer_redirect", f"document.referrer tested for {gate}; {where}")
        if gate := _gate(text, "userAgent", _SPIDERS):
            return _verdict("spider_cloaking", f"userAgent tested for {gate}; {where}")
        if _gate(text, "popstate", _HISTORY):
            return _verdict("history_hijack", f"popstate handler after pushState; {where}")
    for kind, target in sinks:
        if kind == "location" and _offsite(host := _url_host(target), page_host):
            return _verdict("offsite_redirect", f"redirect to {target} ({host})")
    if any(kind in ("write", "html") for kind, _ in sinks):
        for tag in tags:
            host = next((h for a in _ATTR.finditer(tag[0]) if (h := _url_host(a[1]))), "")
            kind = tag[1].lower()
            if _offsite(host, page_host) and (kind != "a" or _HIDDEN.search(tag[0])):
                return _verdict("offsite_write", f"document.write <{kind}> from {host}")
        if verdict := _judge_written(text, page_host):
            return verdict
    dynamic = "createElement" in text and "script" in text
    for m in _SCRIPT_SRC.finditer(text) if dynamic or "getScript" in text else ():
        if text[m.start() - 1 : m.start()] not in ".\"'":
            continue  # an attribute inside written markup, handled above
        if _suspect_source(host := _url_host(m[1][1:-1]), page_host):
            return _verdict("offsite_script", f"script loaded from {m[1][1:-1]} ({host})")
    return None


def _judge_written(text: str, page_host: str | None) -> ScriptVerdict | None:
    """Markup a script writes, judged like the page's own: parsed, then a hidden element with
    spam or a link farm (``<div style="left:-9999px"><a href="http://www.js8899.top/">澳门新葡京``)
    or a keyword line in its text. The string literals holding ``<`` are the markup."""
    markup = "".join(_unquote(m[0]) for m in _LIT.finditer(text)
                     if len(m[0]) > 1 and m[0][-1] == m[0][0] and "<" in m[0])[:_MAX_MARKUP]
    if not markup or (not has_spam_vocabulary(markup) and "href" not in markup):
        return None
    tree = etree.fromstring(f"<html><body>{markup}</body></html>", _MARKUP_PARSER)
    if tree is None:
        return None
    for spam in find_hidden_spam(tree, "", page_host):
        return _verdict("hidden_write", f"document.write hidden <{spam.element.tag}> "
                                        f"({spam.kind}: {spam.reason})")
    written = squash(" ".join(tree.itertext()))
    if has_spam_vocabulary(written) and (is_keyword_line(written) or keyword_tail(written)):
        return _verdict("spam_write", f"document.write keyword line {written}")
    return None


def _sinks(text: str) -> list[tuple[str, str]]:
    """(kind, target) of each redirect or write; a target the analysis cannot resolve is ''."""
    found: dict[tuple[str, str | None], str] = {}  # distinct sinks, their targets resolved once
    for kind, pattern in _SINKS:
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 8) : m.start()]
            if kind == "open" and not _OPEN_OWNER.search(before):
                continue  # xhr.open(...), reopen(...)
            arg = m.group(1) if pattern.groups else None
            if (kind, arg) not in found and len(found) < 50:
                found[kind, arg] = _resolve(arg, text)
    if "createElement" in text and "frame" in text:
        for m in _FRAME_SRC.finditer(text):
            if ("frame", m[1]) not in found and len(found) < 50:
                found["frame", m[1]] = _resolve(m[1], text)
    return [(kind, target) for (kind, _), target in found.items()]


def _resolve(arg: str | None, text: str) -> str:
    """A literal's value, a variable's literal value, ``/`` for the page itself, else ''."""
    if not arg:
        return ""
    if arg[0] in "\"'":
        return arg[1:-1]
    if _SELF.match(arg):
        return "/"
    for m in re.finditer(rf"{re.escape(arg)}\s*=\s*(\"[^\"\n]*\"|'[^'\n]*')", text):
        if not re.match(r"[\w$.]", text[m.start() - 1 : m.start()]):
            return m[1][1:-1]
    return ""


def _absolute_urls(text: str) -> list[str]:
    """``http://host``, ``"//host``: a ``//`` after a scheme or a quote, not a comment."""
    return [
        "//" + m[1]
        for m in _ABS_URL.finditer(text)
        if text[max(0, m.start() - 1) : m.start()] in ("'", '"', "(", "=") or
        text[max(0, m.start() - 6) : m.start()].lower().endswith(("http:", "https:"))
    ]


def _gate(text: str, keyword: str, terms: re.Pattern) -> str | None:
    """A term of ``terms`` near one of the first 20 occurrences of ``keyword``: the condition."""
    start = text.find(keyword)
    for _ in range(20):
        if start < 0:
            return None
        if m := terms.search(text, max(0, start - _NEAR), start + _NEAR):
            return m[0]
        start = text.find(keyword, start + 1)
    return None


@remember_short()
def _url_host(url: str) -> str:
    """Host of an absolute or protocol-relative URL, or of ``host.tld/..`` after a glued scheme.

    Remembered: the same script sources and analytics URLs recur on every page of a site."""
    url = url.replace("\\/", "/").strip()
    if re.match(r"(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//", url):
        try:
            return urlsplit(url).hostname or ""
        except ValueError:
            return ""
    m = _BARE_HOST.match(url)
    return m[1].lower() if m and not re.search(r"\.(?:s?html?|js|css|php|jsp|aspx?)$", m[1]) else ""


@remember_short()
def _offsite(host: str, page_host: str | None) -> bool:
    """Neither the page's own site nor a government or known harmless host."""
    if not host:
        return False
    return not is_benign_host(host) and not (page_host and same_site(host, page_host))


def _suspect_source(host: str, page_host: str | None) -> bool:
    """An off-site script source whose host looks machine-made."""
    return _offsite(host, page_host) and looks_generated(host)


def _verdict(reason: str, evidence: str) -> ScriptVerdict:
    return ScriptVerdict(reason, " ".join(evidence.split())[:200])
