"""URL canonicalisation: one address per document, decided before a request is scheduled.

Government CMSs answer the same document at many addresses (http/https,
www/no-www, tracking parameters, fragments); fetching each address once is the
first line of deduplication.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import safe_url_string

TRACKING_PARAMS = frozenset({
    "uid", "spm", "from", "isappinstalled", "scene", "clicktime", "enterid",
    "keyword", "keywords", "searchword", "wd", "_t", "timestamp", "random",
})
TRACKING_PREFIXES = ("utm_", "wx_", "share_")
NON_HTTP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "about:", "vbscript:", "#")
INDEX_PAGE = re.compile(r"/(?:index|default)\.(?:s?html?|jsp|php|aspx?)$", re.I)


@dataclass(frozen=True)
class UrlPolicy:
    """How one site's URLs are canonicalised: its host names and preferred scheme."""

    canonical_host: str
    aliases: frozenset[str] = field(default_factory=frozenset)
    scheme: str = "http"
    drop_params: frozenset[str] = TRACKING_PARAMS
    # Other hosts of the same site (a department's sub-site): owned, addressed as they are.
    subsites: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def for_start_url(cls, url: str, extra_hosts: tuple[str, ...] = (),
                      subsites: tuple[str, ...] = ()) -> UrlPolicy:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        return cls(host, frozenset({host, www_twin(host), *extra_hosts}), parts.scheme or "http",
                   subsites=frozenset(subsites) - {host})

    @property
    def twins(self) -> frozenset[str]:
        """The names of the canonical host, all rewritten to it."""
        return self.aliases | {self.canonical_host}

    @property
    def hosts(self) -> frozenset[str]:
        return self.twins | self.subsites

    def owns(self, url: str) -> bool:
        return (urlsplit(url).hostname or "").lower() in self.hosts

    def canonical(self, url: str, keep_query: bool = False) -> str:
        """The one address this site's document at ``url`` is known by.

        ``keep_query`` keeps every parameter (list APIs need theirs).
        """
        parts = urlsplit(safe_url_string(url.strip()))
        host = (parts.hostname or "").lower()
        scheme = parts.scheme.lower()
        if host in self.twins:
            host, scheme = self.canonical_host, self.scheme
        netloc = host if parts.port in (None, 80, 443) else f"{host}:{parts.port}"
        query = [
            (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if keep_query or (
                k.lower() not in self.drop_params and not k.lower().startswith(TRACKING_PREFIXES)
            )
        ]
        return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


    def key(self, url: str) -> str:
        """The identity of an address for "fetch once": canonical, index page folded.

        ``/dir/`` and ``/dir/index.html`` are one page on every server this crawler
        meets, so they share a key; the request still goes to the address as linked.
        """
        parts = urlsplit(self.canonical(url))
        return urlunsplit(parts._replace(path=INDEX_PAGE.sub("/", parts.path)))


def address_difference(original: str, canonical: str) -> str | None:
    """Why an address linked as ``original`` was replaced by ``canonical`` (None: same)."""
    linked = urlsplit(original.split("#", 1)[0].strip())
    target = urlsplit(canonical)
    if (linked.scheme.lower(), (linked.hostname or "").lower(), linked.path or "/", linked.query) \
            == (target.scheme, target.hostname, target.path, target.query):
        return None
    if linked.path != target.path:
        return "print_view"
    if linked.query != target.query:
        return "tracking_parameter"
    if (linked.hostname or "").lower() != target.hostname:
        return "host_twin"
    return "scheme"


def www_twin(host: str) -> str:
    """``www.example.gov.cn`` ↔ ``example.gov.cn``."""
    return host[4:] if host.startswith("www.") else f"www.{host}"


def is_followable(href: str | None) -> bool:
    """False for empty, in-page and non-HTTP links (javascript:, mailto:, data: …)."""
    if not href:
        return False
    return not href.strip().lower().startswith(NON_HTTP_SCHEMES)
