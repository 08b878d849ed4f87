"""Which hosts are governmental, and which off-site hosts are harmless to link to."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

# Package data, readable inside the egg scrapyd runs as well as from a checkout.
LEXICON_DIR = files("crawler") / "lexicons"
GOVERNMENT_SUFFIXES = (".gov.cn", ".gov.hk", ".gov.mo", ".gov.tw", ".gov")
NON_MAINLAND_SUFFIXES = (".hk", ".mo", ".tw")


def read_lexicon(name: str) -> list[str]:
    """Non-comment, non-blank lines of a data file in crawler/lexicons/."""
    lines = (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@cache
def benign_hosts() -> frozenset[str]:
    return frozenset(read_lexicon("benign_hosts.txt"))


def _domain_match(host: str, domains: frozenset[str]) -> bool:
    """``host`` is one of ``domains`` or a subdomain of one."""
    parts = host.split(".")
    return any(".".join(parts[i:]) in domains for i in range(len(parts)))


def is_government_host(host: str | None) -> bool:
    host = (host or "").lower().rstrip(".")
    return host in ("gov.cn",) or host.endswith(GOVERNMENT_SUFFIXES)


def is_mainland_host(host: str | None) -> bool:
    """False for Hong Kong, Macao and Taiwan hosts, whose pages are Traditional by right."""
    return not (host or "").lower().endswith(NON_MAINLAND_SUFFIXES)


def is_benign_host(host: str | None) -> bool:
    host = (host or "").lower().rstrip(".")
    return is_government_host(host) or _domain_match(host, benign_hosts())


def same_site(host: str | None, site: str | None) -> bool:
    """Same host, or one is a subdomain of the other's registrable part (www twins, m. sites)."""
    a = (host or "").lower().removeprefix("www.")
    b = (site or "").lower().removeprefix("www.")
    return bool(a and b) and (a == b or a.endswith("." + b) or b.endswith("." + a))


_ABSOLUTE_HOST = re.compile(r"(?:https?:)?//(?:[^@/?#]*@)?([^/:?#\\]+)", re.I)


def link_host(href: str | None) -> str | None:
    """The host an absolute or protocol-relative link names (lower case); None for a
    relative one."""
    match = _ABSOLUTE_HOST.match((href or "").strip())
    return match.group(1).lower() if match else None
