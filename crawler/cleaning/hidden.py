"""Hidden text and hidden link farms (暗链/黑链).

Hacked pages hide spam from visitors but not from search engines: inline
``display:none``, ``visibility:hidden``, zero opacity, a 0–1 px font, huge negative
indents or offsets, zero-size boxes with ``overflow:hidden``, ``scale(0)``, clipping,
text in the background colour, one-pixel marquees, or a selector of the page's
``<style>`` that hides it. Clean pages hide things too (mobile menus, share panels,
toolbars, hover dropdowns, tabs and accordions of prose, a CMS's "Produced By" link), so
being hidden is not enough: a hidden element is spam when its text is spam (prose judged
line by line, like keyword lines; and not about spam), or when it links off-site, away
from governmental and benign hosts (crawler/lexicons/benign_hosts.txt), to hosts that
look machine-made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from crawler.cleaning.host_shape import generated_family, looks_generated
from crawler.cleaning.hosts import is_benign_host, link_host, same_site
from crawler.cleaning.keywords import (
    about_spam,
    has_spam_vocabulary,
    is_keyword_line,
    is_spam_phrase,
    keyword_tail,
    spam_score,
)
from crawler.extraction.text import block_text, squash
from crawler.memo import remember_short

_NUM = r"-?\d*\.?\d+"
_HIDING = re.compile(
    r"display:none|visibility:hidden|visibility:collapse|opacity:0*\.?0+(?:;|$|!)"
    r"|font-size:(?:0*\.?0+(?:px|pt|em|rem|%)?|0*1(?:\.0+)?(?:px|pt)|0*\.\d+(?:px|pt))(?:;|$|!)"
    r"|(?:text-indent|left|top|right|margin-left|margin-top)"
    r":-(?:\d{3,}|(?:[5-9]\d|\d{3,})(?:\.\d+)?r?em)"
    r"|clip:rect\(0(?:px)?,?0(?:px)?,?0(?:px)?,?0(?:px)?\)"
    r"|clip-path:inset\((?:[5-9]\d|100)(?:\.\d+)?%|transform:scale\(0*\.?0+(?:,0*\.?0+)?\)"
)
_ZERO_BOX = re.compile(r"(?:height|width):(?:0|1)(?:px)?(?:;|$|!)")
# Text in the background colour: ``color`` and ``background(-color)`` both set, to one colour.
_COLOURS = re.compile(r"(?:^|;)(color|background(?:-color)?):([#\w]+)(?=;|$|!)")
_COLOUR_NAMES = {"white": "#ffffff", "black": "#000000"}
_STYLE_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR = re.compile(r"^\s*([.#])([\w-]+)\s*$")
MIN_FARM_LINKS = 3
_WHITESPACE = re.compile(r"\s+")
# Sentence punctuation: hidden text with it is prose (a tab, an accordion answer), not a phrase.
_PROSE = re.compile("[。，；？！：,;?]")
_MAX_PHRASE_CHARS = 80  # longer hidden text is judged line by line, like prose


@remember_short()
def _hides(style: str) -> bool:
    """Whether CSS declarations hide their element (remembered: a site repeats its styles)."""
    style = _WHITESPACE.sub("", style.lower())
    if _HIDING.search(style):
        return True
    if "background" in style and _same_colours(style):
        return True
    return bool(_ZERO_BOX.search(style)) and "overflow:hidden" in style


def _colour(value: str) -> str:
    """``#fff``, ``#FFFFFF`` and ``white`` as one ``#rrggbb`` spelling."""
    value = _COLOUR_NAMES.get(value, value)
    if len(value) == 4 and value.startswith("#"):
        return "#" + "".join(c * 2 for c in value[1:])
    return value


def _same_colours(style: str) -> bool:
    """Text colour equal to the background colour: text no visitor can read."""
    found = {name.startswith("b"): _colour(value) for name, value in _COLOURS.findall(style)}
    return len(found) == 2 and found[True] == found[False] and found[True] != "transparent"


def hidden_selectors(tree: etree._Element) -> tuple[set[str], set[str], list[str]]:
    """Classes and ids that a page's own ``<style>`` blocks hide (simple selectors), and the
    other hiding selectors (``div.ft-x8q1``, ``#ad ul``) for ``_selected``."""
    classes: set[str] = set()
    ids: set[str] = set()
    compound: list[str] = []
    for style in tree.iter("style"):
        for selectors, declarations in _STYLE_RULE.findall(style.text or ""):
            if not _hides(declarations):
                continue
            for selector in selectors.split(","):
                match = _SIMPLE_SELECTOR.match(selector)
                if match:
                    (classes if match.group(1) == "." else ids).add(match.group(2))
                elif selector.strip() and ":" not in selector and "@" not in selector:
                    compound.append(selector.strip())
    return classes, ids, compound


@lru_cache(maxsize=1024)
def _selector_xpath(selector: str) -> etree.XPath | None:
    """A CSS selector as a compiled XPath, or None when cssselect cannot read it."""
    from cssselect import GenericTranslator, SelectorError

    try:
        return etree.XPath(GenericTranslator().css_to_xpath(selector))
    except (SelectorError, etree.XPathError):
        return None


def _selected(tree: etree._Element, selectors: list[str]) -> set[etree._Element]:
    """Elements a page's compound or descendant hiding selectors match."""
    found: set[etree._Element] = set()
    for selector in selectors[:50]:
        xpath = _selector_xpath(selector)
        if xpath is not None:
            found.update(e for e in xpath(tree) if isinstance(e, etree._Element))
    return found


def is_hidden(element: etree._Element, classes: set[str], ids: set[str],
              selected: set[etree._Element] = frozenset()) -> bool:
    if element.get("hidden") is not None or _hides(element.get("style") or ""):
        return True
    if element in selected:
        return True
    tiny = ("0", "1", "0px", "1px")
    if element.tag == "marquee" and any((element.get(a) or "").strip() in tiny
                                        for a in ("height", "width")):
        return True
    if element.get("id") in ids:
        return True
    return bool(classes.intersection((element.get("class") or "").split()))


@dataclass(frozen=True)
class HiddenSpam:
    element: etree._Element
    kind: str  # hidden_links | hidden_text
    reason: str


@lru_cache(maxsize=8192)
def _foreign(host: str | None, site: str | None) -> bool:
    """Neither the site itself, nor governmental, nor a benign service."""
    return not same_site(host, site) and not is_benign_host(host)


def _offsite_links(element: etree._Element, site: str | None) -> list[str]:
    """Hosts of the absolute links in ``element`` that point somewhere foreign."""
    out = []
    for a in element.iter("a"):
        host = link_host(a.get("href"))
        if host and _foreign(host, site):
            out.append(host)
    return out


def _looks_like_farm(offsite: list[str], links: int) -> bool:
    """Off-site links without spam words: a farm only when they are many, most of the element's
    links, and their hosts look machine-made (a local-media or lottery-centre dropdown does not)."""
    if len(offsite) < MIN_FARM_LINKS or len(offsite) * 2 < links:
        return False
    generated = sum(1 for host in set(offsite) if looks_generated(host))
    return generated * 2 >= len(set(offsite)) or generated_family(offsite)


def _spam_text(element: etree._Element, text: str) -> bool:
    """Spam in hidden text. Short text: a spam phrase, or a strong morpheme with a second one.
    Prose (sentence punctuation or long text) is what tabs, accordions and media panes hide
    (``掌声久久不息``, ``国产精品游戏``): it needs one of its lines to be a keyword line, a keyword
    tail glued to a sentence or, without punctuation, a spam phrase."""
    if not _PROSE.search(text) and len(text) <= _MAX_PHRASE_CHARS:
        score = spam_score(text)
        return is_spam_phrase(text) or (score.strong >= 1 and score.strong + score.weak >= 2)
    return any(
        is_keyword_line(line) or keyword_tail(line) is not None
        or (not _PROSE.search(line) and is_spam_phrase(line))
        for line in block_text(element).split("\n") if has_spam_vocabulary(line))


def judge_hidden(element: etree._Element, base_url: str, site: str | None) -> HiddenSpam | None:
    """Whether one hidden element carries spam, and which kind.

    Hidden text about spam (a share description of an anti-gambling notice) is vetoed like a
    keyword line with law-enforcement words.
    """
    text = squash(" ".join(element.itertext()))
    links = list(element.iter("a"))
    offsite = _offsite_links(element, site) if links else []
    spammy_text = False
    if text and (offsite or has_spam_vocabulary(text)):
        spammy_text = _spam_text(element, text) and not about_spam(text)
    if offsite and (spammy_text or _looks_like_farm(offsite, len(links))):
        hosts = ", ".join(sorted(set(offsite))[:5])
        return HiddenSpam(element, "hidden_links", f"{len(offsite)} off-site links ({hosts})")
    if spammy_text:
        return HiddenSpam(element, "hidden_text", "spam vocabulary in hidden text")
    return None


@lru_cache(maxsize=256)
def _finder(classes: frozenset[str], ids: frozenset[str], only_styles: bool) -> etree.XPath:
    """libxml2 picks out every element that may be hidden (and a few more). Names come from
    ``_SIMPLE_SELECTOR`` (no quotes).

    A union of attribute steps (``*/@style/..``): libxml2 evaluates an ``or`` of tests on
    every element several times slower than it walks the attributes, and the union keeps
    document order without duplicates.
    """
    steps = ["*/@style/.."] if only_styles else ["*/@style/..", "*/@hidden/..", "marquee"]
    if classes:
        tests = " or ".join(f"contains(.,'{name}')" for name in sorted(classes))
        steps.append(f"*/@class[{tests}]/..")
    if ids:
        tests = " or ".join(f".='{name}'" for name in sorted(ids))
        steps.append(f"*/@id[{tests}]/..")
    return etree.XPath(" | ".join(f"descendant-or-self::{step}" for step in steps))


def _candidates(tree: etree._Element, classes: set[str], ids: set[str],
                only_styles: bool = False) -> list[etree._Element]:
    """Elements that may be hidden, in document order.

    ``only_styles``: the page has no ``hidden`` attribute and no marquee, so only inline
    styles (and the classes and ids its style rules hide) can hide anything. The XPath
    finder returns a superset (a class name as a substring); the test here is exact.
    """
    finder = _finder(frozenset(classes), frozenset(ids), only_styles)
    out = []
    for body in tree.iter("body"):
        for element in finder(body):
            get = element.get
            if (get("style") is not None or get("hidden") is not None or element.tag == "marquee"
                    or (ids and get("id") in ids)
                    or (classes and get("class") and not classes.isdisjoint(get("class").split()))):
                out.append(element)
    return out


def find_hidden_spam(tree: etree._Element, base_url: str, site: str | None,
                     lowered_source: str | None = None) -> list[HiddenSpam]:
    """Outermost hidden elements that carry spam, in document order.

    ``lowered_source``, the page's HTML in lower case, lets a page without the words
    "hidden" and "marquee" skip the search for those.
    """
    classes, ids, compound = hidden_selectors(tree)
    only_styles = (lowered_source is not None and "hidden" not in lowered_source
                   and "marquee" not in lowered_source)
    selected = _selected(tree, compound) if compound else set()
    candidates = _candidates(tree, classes, ids, only_styles)
    if selected:
        order = {e: i for i, e in enumerate(tree.iter())}
        candidates = sorted(set(candidates) | selected, key=lambda e: order.get(e, -1))
    found: list[HiddenSpam] = []
    inside: set[etree._Element] = set()
    for element in candidates:
        if element.tag in ("script", "style", "title", "meta"):
            continue
        if inside and any(a in inside for a in element.iterancestors()):
            continue
        if is_hidden(element, classes, ids, selected):
            verdict = judge_hidden(element, base_url, site)
            if verdict:
                found.append(verdict)
                inside.add(element)
    return found
