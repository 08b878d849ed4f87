"""Host names that look machine-made: what spam farms and injected scripts link to.

A government page links to and loads scripts from many ordinary commercial hosts (local media,
lottery centres, CDNs) that no list can name in full. Spam hosts are different in shape: cheap
top-level domains (crawler/lexicons/cheap_tlds.txt), labels that mix letters and digits at random
(``8x9k2``), and families generated from one template (``a1.x-spam.com``, ``b2.x-spam.com``;
``shop1.com``, ``shop2.com``). Shape is evidence only together with a hidden or off-site link.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from crawler.cleaning.hosts import read_lexicon

_SECOND_LEVEL = frozenset({"com", "net", "org", "gov", "edu", "ac", "co"})
_SWITCH = re.compile(r"[a-z](?=\d)|\d(?=[a-z])")
_DIGITS = re.compile(r"\d+")
MIN_SWITCHES = 3  # letter/digit alternations in one label: 8x9k2 has four, 2500sz and js8899 one
MIN_FAMILY = 3  # hosts from one template before they count as generated


@cache
def _cheap_tlds() -> frozenset[str]:
    return frozenset(read_lexicon("cheap_tlds.txt"))


def registrable(host: str) -> str:
    """The registrable part of a host: ``www.jschina.com.cn`` -> ``jschina.com.cn``."""
    labels = host.lower().rstrip(".").split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


@lru_cache(maxsize=4096)
def looks_generated(host: str) -> bool:
    """A cheap top-level domain, or a registrable label of randomly mixed letters and digits."""
    name = registrable(host)
    if name.rsplit(".", 1)[-1] in _cheap_tlds():
        return True
    return len(_SWITCH.findall(name.split(".", 1)[0])) >= MIN_SWITCHES


def _pool_key(host: str) -> str | None:
    """The registrable domain of a subdomain whose first label has a digit (``a1.x-spam.com``):
    wildcard-DNS spider pools number their subdomains; a media site's ``news.``/``v.`` do not."""
    first = host.split(".", 1)[0]
    name = registrable(host)
    return name if host != name and any(c.isdigit() for c in first) else None


def _template_key(host: str) -> str:
    return _DIGITS.sub("#", host.removeprefix("www."))


def generated_family(hosts: list[str]) -> bool:
    """Several distinct hosts from one template: numbered subdomains of one registrable domain
    (wildcard DNS) or names equal up to their digits (``shop1.com``, ``shop2.com``)."""
    distinct = set(hosts)
    if len(distinct) < MIN_FAMILY:
        return False
    for key in (_pool_key, _template_key):
        counts: dict[str | None, int] = {}
        for host in distinct:
            counts[key(host)] = counts.get(key(host), 0) + 1
        counts.pop(None, None)
        if counts and max(counts.values()) >= MIN_FAMILY:
            return True
    return False
