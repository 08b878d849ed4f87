"""Spam mirrors: a government CMS page served by a host that is not the government's.

Mirrors re-serve official pages under the same paths, so the path is evidence
(a platform family recognises it as its own) and so is the page itself: the
standard site meta tags (``SiteDomain``), a canonical link, absolute links back
to the official host, the 网站标识码 in the footer, or a known site's path
prefix. The official URL is the same path on the official host.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml import etree

from crawler.cleaning.hosts import is_government_host
from crawler.profiles import Profile, all_profiles

SITE_ID = re.compile(r"(?:网站标识码|網站標識碼|网站识别码)\s*[:：]?\s*([0-9A-Za-z]{10})")
HOST_LIKE = re.compile(r"^[a-z0-9.-]+\.[a-z]{2,}$")


@dataclass(frozen=True)
class MirrorVerdict:
    official_url: str | None
    evidence: str


def _host_of(value: str | None) -> str | None:
    value = (value or "").strip().lower()
    if not value:
        return None
    host = urlsplit(value if "//" in value else "//" + value).hostname
    return host if host and HOST_LIKE.match(host) else None


# Compiled once: ``tree.xpath(text)`` compiles its expression on every call.
_OFFICIAL_HOST_CLAIMS = tuple((etree.XPath(expression), label) for expression, label in (
    ("//meta[@name='SiteDomain']/@content", "SiteDomain meta"),
    ("//link[@rel='canonical']/@href", "canonical link"),
    ("//meta[@property='og:url']/@content", "og:url meta"),
))
_LINK_TARGETS = etree.XPath("//a/@href | //link/@href | //script/@src | //img/@src")


def _from_tree(tree: etree._Element, page_url: str) -> tuple[str | None, str]:
    for expression, label in _OFFICIAL_HOST_CLAIMS:
        for value in expression(tree):
            host = _host_of(str(value))
            if is_government_host(host):
                return host, label
    prefix = "/" + urlsplit(page_url).path.strip("/").split("/")[0] + "/"
    hosts: Counter[str] = Counter()
    for href in _LINK_TARGETS(tree):
        absolute = urljoin(page_url, str(href))
        parts = urlsplit(absolute)
        if is_government_host(parts.hostname) and parts.path.startswith(prefix):
            hosts[parts.hostname] += 1
    if hosts:
        return hosts.most_common(1)[0][0], "links back to the official host"
    return None, ""


def _from_profiles(text: str, path: str, profiles: list[Profile]) -> tuple[str | None, str]:
    ids = set(SITE_ID.findall(text))
    for profile in profiles:
        if profile.site_id and profile.site_id in ids and profile.hosts:
            return profile.hosts[0], f"网站标识码 {profile.site_id}"
    for profile in profiles:
        if profile.path_prefix and path.startswith(profile.path_prefix) and profile.hosts:
            return profile.hosts[0], f"path prefix {profile.path_prefix}"
    return None, ""


def judge_mirror(url: str, tree: etree._Element | None, text: str, cms_path: bool,
                 profiles: list[Profile] | Callable[[], list[Profile]] | None = None,
                 ) -> MirrorVerdict | None:
    """A verdict when ``url`` is a non-government host serving a government page, else None.

    ``cms_path`` says whether a platform family recognises the URL or page as its own.
    ``profiles``: the site profiles, or a function giving them (called only when needed);
    by default every profile file is read.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or is_government_host(parts.hostname):
        return None
    if callable(profiles) or profiles is None:
        profiles = (profiles or all_profiles)()
    if any(parts.hostname in p.hosts for p in profiles):
        return None
    host, evidence = _from_tree(tree, url) if tree is not None else (None, "")
    if host is None:
        host, evidence = _from_profiles(text, parts.path, profiles)
    if host is None and not cms_path:
        return None
    official = urlunsplit(("http", host, parts.path, parts.query, "")) if host else None
    reason = f"government CMS page on {parts.hostname}" + (f"; {evidence}" if evidence else "")
    return MirrorVerdict(official, reason)
