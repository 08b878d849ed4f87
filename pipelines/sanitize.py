"""Stage 2: remove injected content from the whole page before fields are extracted.

Works on the shared tree (HTML) or on the lines of a text dump. Everything it
removes is recorded in the page's spam report with its kind and position and
counted in stats under ``spam/removed/<kind>``: junk-tag blocks, injected
scripts and off-site meta refreshes, hidden spam, title/meta stuffing, and
keyword lines anywhere on the page (also outside the content area, so auditors
see every injection).
"""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import urlsplit

from lxml import etree

from crawler.cleaning.hidden import find_hidden_spam
from crawler.cleaning.hosts import is_benign_host, link_host, same_site
from crawler.cleaning.junk_tags import (
    Positions,
    describe,
    drop,
    find_junk_elements,
    group_adjacent,
    junk_tag_lines,
    serialise,
)
from crawler.cleaning.keywords import has_spam_vocabulary, is_keyword_line, keyword_tail
from crawler.cleaning.report import SpamReport
from crawler.cleaning.scripts import judge_script
from crawler.cleaning.stuffing import STUFFED_META, destuff_title, is_stuffed_meta
from crawler.extraction.text import BLOCK_TAGS, SKIP_TAGS, squash
from crawler.htmltree import meta_refreshes
from pipelines.base import PageStage

# noscript too: its text never reaches the body, but injected spam there is recorded whole.
KEYWORD_BLOCK_TAGS = BLOCK_TAGS | {"a", "span", "font", "marquee", "b", "strong", "em", "i", "u",
                                   "noscript"}
MAX_KEYWORD_BLOCK_CHARS = 2000
# Han characters written as numeric entities hide spam words from a pass over the source.
_HAN_ENTITY = re.compile(r"&#(?:[xX][4-9a-fA-F][0-9a-fA-F]{3}|[1-4][0-9]{4});")
# What may stand between the links of one injected run: whitespace and phrase separators.
KEPT_TITLE = "kept: every segment is spam"
_MARKUP = re.compile(r"<[^<>]*>")
_BETWEEN_LINKS = re.compile(r"[\s|_,，、/\\·•~+#丨│┃¦—–-]*")


class SanitizePipeline(PageStage):
    def process_page(self, item, page, spider):
        before = len(page.spam.removed)
        if page.tree is None:
            page.decoded = dataclasses.replace(
                page.decoded, text=sanitize_lines(page.decoded.text, page.spam))
        else:
            sanitize_tree(page.tree, page.decoded.text, page.url, page.spam,
                          page.decoded.lowered)
        for removal in page.spam.removed[before:]:
            self.stats.inc_value(f"spam/removed/{removal.kind}")
        return item


def sanitize_lines(text: str, report: SpamReport) -> str:
    """A text dump without its junk-tag lines and keyword lines."""
    lines = text.splitlines()
    drop_lines: set[int] = set()
    for first, last in junk_tag_lines(lines):
        block = "\n".join(lines[first:last + 1])
        report.remove("junk_tags", f"lines {first + 1}-{last + 1}", block)
        drop_lines.update(range(first, last + 1))
    if has_spam_vocabulary(text):
        for number, line in enumerate(lines):
            if number not in drop_lines and is_keyword_line(line):
                report.remove("keyword_line", f"line {number + 1}", line.strip())
                drop_lines.add(number)
    return "\n".join(line for number, line in enumerate(lines) if number not in drop_lines)


def sanitize_tree(tree: etree._Element, source: str, url: str, report: SpamReport,
                  lowered: str | None = None) -> None:
    """Remove every injected element from the tree, recording each.

    ``source`` is the page's HTML (``lowered``: the same in lower case, when the caller
    has it); cheap passes over it decide which detectors can fire at all, so a clean
    page costs little more than its parse.
    """
    site = urlsplit(url).hostname
    _remove_junk_tags(tree, source, report)
    _remove_scripts(tree, site, report)
    _remove_offsite_refreshes(tree, url, site, report)
    for spam in find_hidden_spam(tree, url, site, lowered):
        report.remove(spam.kind, f"hidden {describe(spam.element)} ({spam.reason})",
                      serialise([spam.element]))
        drop(spam.element)
    if has_spam_vocabulary(source) or (
            _HAN_ENTITY.search(source) and has_spam_vocabulary(" ".join(tree.itertext()))):
        _destuff_head(tree, report)
        _remove_keyword_lines(tree, site, report)
        _remove_spam_comments(tree, report)


def _remove_junk_tags(tree: etree._Element, source: str, report: SpamReport) -> None:
    junk = find_junk_elements(tree, source)
    if not junk:
        return
    positions = Positions(tree, set(junk))
    for run in group_adjacent(junk):
        report.remove("junk_tags", positions.where(run[0]), serialise(run))
        for element in run:
            drop(element)


def _remove_scripts(tree: etree._Element, site: str | None, report: SpamReport) -> None:
    for script in list(tree.iter("script")):
        verdict = judge_script(script.text, script.get("src"), site)
        if verdict:
            where = "script in head" if any(a.tag == "head" for a in script.iterancestors()) \
                else "script in body"
            text = script.get("src") or (script.text or "").strip()
            where = f"{where} ({verdict.reason}: {verdict.evidence})"
            report.remove("script_redirect", where, text)
            drop(script)


def _remove_offsite_refreshes(tree: etree._Element, url: str, site: str | None,
                               report: SpamReport) -> None:
    """A meta refresh that leaves the site is a redirect injection, like a script one."""
    for meta, target in meta_refreshes(tree, url):
        host = urlsplit(target).hostname
        if host and not same_site(host, site) and not is_benign_host(host):
            report.remove("script_redirect", f"meta refresh (to {host})", serialise([meta]))
            drop(meta)


def _destuff_head(tree: etree._Element, report: SpamReport) -> None:
    real = next((str(v).strip() for v in tree.xpath("//meta[@name='ArticleTitle']/@content")
                 if str(v).strip()), None)
    for title in tree.iter("title"):
        text = squash(title.text or "")
        clean, removed = destuff_title(text, real)
        if removed:
            where = "<title>" if clean != text else f"<title> ({KEPT_TITLE})"
            report.remove("title_stuffing", where, " | ".join(removed))
            title.text = clean
    for meta in list(tree.iter("meta")):
        name = (meta.get("name") or "").lower()
        if name in STUFFED_META and is_stuffed_meta(meta.get("content") or ""):
            report.remove("meta_stuffing", f"meta[name={name}]", meta.get("content"))
            drop(meta)


def _remove_keyword_lines(tree: etree._Element, site: str | None, report: SpamReport) -> None:
    body = next(iter(tree.iter("body")), None)
    if body is None:
        return
    positions = Positions(tree)
    containers = {a for block in body.iter(*BLOCK_TAGS) for a in block.iterancestors()}
    dropped: set[etree._Element] = set()
    for element in list(body.iter(*KEYWORD_BLOCK_TAGS)):
        if element in containers or (
                dropped and any(a in dropped for a in element.iterancestors())):
            continue
        text = squash(" ".join(element.itertext()))
        if 6 <= len(text) <= MAX_KEYWORD_BLOCK_CHARS and has_spam_vocabulary(text) \
                and is_keyword_line(text) and not _site_navigation(element, text, site):
            report.remove("keyword_line", positions.where(element), text)
            dropped.add(element)
            drop(element)
    _remove_link_runs(body, site, positions, report)
    for element in body.iter(etree.Element):
        if element.tag in SKIP_TAGS:
            continue
        for attribute in ("text", "tail"):
            value = getattr(element, attribute)
            if not (value and len(value.strip()) >= 6 and has_spam_vocabulary(value)):
                continue
            if is_keyword_line(value):
                report.remove("keyword_line", positions.where(element), squash(value))
                setattr(element, attribute, None)
            elif tail := keyword_tail(value):
                report.remove("keyword_line", positions.where(element), squash(tail))
                setattr(element, attribute, value[: len(value) - len(tail)])


def _link_runs(body: etree._Element):
    """Runs of two or more sibling links with nothing but separators between them."""
    seen: set[etree._Element] = set()
    for link in body.iter("a"):
        if link in seen:
            continue
        run = [link]
        while (_BETWEEN_LINKS.fullmatch(run[-1].tail or "")
               and (after := run[-1].getnext()) is not None and after.tag == "a"):
            run.append(after)
        seen.update(run)
        if len(run) >= 2:
            yield run


def _remove_link_runs(body: etree._Element, site: str | None, positions: Positions,
                      report: SpamReport) -> None:
    """Spam links appended one by one (``…托育机位620个。<a>皇冠体育</a> <a>真人百家乐</a>…``): each
    anchor is too short to judge, their joined text is one keyword line. A run of links to the
    site's own pages is its navigation (tag or search links), not an injection."""
    for run in list(_link_runs(body)):
        text = " ".join(squash(" ".join(link.itertext())) for link in run)
        if has_spam_vocabulary(text) and is_keyword_line(text) \
                and not all(_own_page(link.get("href"), site) for link in run):
            report.remove("keyword_line", positions.where(run[0]), text)
            for link in run:
                drop(link)


def _own_page(href: str | None, site: str | None) -> bool:
    """A link to a page of the site itself: a relative path, or an absolute URL on the site."""
    href = (href or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:")):
        return False
    host = link_host(href)
    return same_site(host, site) if host else ":" not in href.split("/")[0]


def _site_navigation(element: etree._Element, text: str, site: str | None) -> bool:
    """Whether a keyword-shaped element is mostly links to the site's own pages, like a tag
    line (``相关标签 数字经济 | 网络直播 | 棋牌游戏``): a site links its own tag and search
    pages; injected link runs point off-site."""
    links = list(element.iter("a"))
    if len(links) < 2 or not all(_own_page(a.get("href"), site) for a in links):
        return False
    linked = sum(len(squash(" ".join(a.itertext()))) for a in links)
    return 2 * linked >= len(text)


def _remove_spam_comments(tree: etree._Element, report: SpamReport) -> None:
    """Keyword lines hidden in HTML comments. Comments never reach the body; they are removed
    and recorded so auditors see the injection."""
    root = tree.getroottree().getroot()
    comments = [*root.itersiblings(preceding=True), *root.iter(etree.Comment),
                *root.itersiblings()]
    for comment in comments:
        if not isinstance(comment, etree._Comment) or not comment.text:
            continue
        text = squash(_MARKUP.sub(" ", comment.text))
        if has_spam_vocabulary(text) and (is_keyword_line(text) or keyword_tail(text)):
            report.remove("keyword_line", "comment", text)
            if comment.getparent() is not None:
                drop(comment)
