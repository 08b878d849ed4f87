"""The one crawl spider: a disclosure section, every column, every document, once.

    scrapy crawl disclosure -a start_url=URL     # section root or any column page
    scrapy crawl disclosure -a site=PROFILE      # a pinned site profile
    (optional) -a family=NAME                    # skip detection

The spider only navigates: it canonicalises and filters links, asks the
platform family what each page is, and hands document pages to the item
pipelines as ``DocumentItem(page=Page(...))``. It never judges content.
"""

from __future__ import annotations

import logging
from typing import Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError
from twisted.python.failure import Failure

from crawler.clock import run_stamp, utc_now
from crawler.extensions.state import StateKeeper
from crawler.families import FALLBACK, detect_family, family_class
from crawler.families.base import API, DOCUMENT, Family, Link, Reading
from crawler.htmltree import BinaryDocument, EmptyDocument, load_html
from crawler.items import DocumentItem, Page
from crawler.profiles import Profile, load_profile
from crawler.urls import UrlPolicy, address_difference

logger = logging.getLogger(__name__)
MAX_RECORDED_FAILURES = 1000


class DisclosureSpider(scrapy.Spider):
    name = "disclosure"

    def __init__(self, start_url: str | None = None, site: str | None = None,
                 family: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.profile: Profile | None = load_profile(site) if site else None
        self.start_url = start_url or (self.profile.start_url if self.profile else None)
        if not self.start_url:
            raise ValueError("give the section to crawl: -a start_url=URL or -a site=PROFILE")
        self.family_name = family or (self.profile.family if self.profile else None)
        if self.family_name:
            family_class(self.family_name)
        hosts = self.profile.hosts if self.profile else ()
        self.urls = UrlPolicy.for_start_url(self.start_url, hosts)
        self.site_host = self.urls.canonical_host
        self.allowed_domains = sorted(self.urls.hosts)
        self.run_stamp = run_stamp()
        self.failures: list[dict[str, Any]] = []
        self._families: dict[str, Family] = {}

    async def start(self):
        yield scrapy.Request(self.start_url, callback=self.parse_page, errback=self.on_error,
                             dont_filter=True, meta={"role": "start"})

    def family(self, name: str) -> Family:
        if name not in self._families:
            self._families[name] = family_class(name)(self.profile)
        return self._families[name]

    # --- callbacks -------------------------------------------------------

    def parse_page(self, response: Response):
        stats = self.crawler.stats
        content_type = response.headers.get("Content-Type", b"").decode("latin-1") or None
        try:
            decoded, tree = load_html(response.body, content_type)
        except (BinaryDocument, EmptyDocument) as problem:
            kind = "binary" if isinstance(problem, BinaryDocument) else "empty"
            stats.inc_value(f"pages/{kind}")
            logger.warning("%s body at %s, not parsed", kind.capitalize(), response.url)
            return
        if response.meta.get("role") == "start":
            self._settle_on(response.url)
        name = response.meta.get("family") or self.family_name
        if name is None:
            name = self._detect(response.url, decoded.text)
        family = self.family(name)
        reading = family.read_page(response.url, tree)
        self._count(reading)
        item = None
        if reading.document:
            item = DocumentItem(page=Page(
                url=self.urls.canonical(response.url), body=response.body,
                status=response.status, content_type=content_type, family=family.name,
                kind=reading.document, hints=response.meta.get("hints") or {},
                crawled_at=utc_now(), decoded=decoded, tree=tree,
            ))
        elif reading.kind in ("unknown", "form"):
            logger.info("Not a document or list (%s): %s", reading.note, response.url)
        yield from self.follow(reading.links, family)
        if item is not None:
            yield item

    def parse_api(self, response: Response):
        family = self.family(response.meta["family"])
        reading = family.read_api(response.url, response.body, response.meta.get("hints") or {})
        self._count(reading)
        if reading.kind == "error":
            self.record_failure(response.url, "bad_api_response", reading.note)
        yield from self.follow(reading.links, family)

    def _settle_on(self, final_url: str) -> None:
        """Adopt the host and scheme the start URL redirected to as the canonical ones."""
        if self.urls.owns(final_url):
            policy = UrlPolicy.for_start_url(final_url, tuple(self.urls.hosts))
            if policy.canonical_host != self.urls.canonical_host:
                logger.info("Start URL redirected; documents are addressed as %s://%s/…",
                            policy.scheme, policy.canonical_host)
            self.urls = policy

    def _detect(self, url: str, text: str) -> str:
        name, score = detect_family(url, text)
        if name is None:
            logger.warning("No known platform family recognised at %s (best score %d): using "
                           "the generic fallback; pin one with -a family=NAME", url, score)
            name = FALLBACK
        else:
            logger.info("Platform family %s detected at %s (score %d)", name, url, score)
        self.family_name = name
        return name

    def _count(self, reading: Reading) -> None:
        stats = self.crawler.stats
        stats.inc_value(f"pages/{reading.kind}")
        for reason, count in reading.skipped.items():
            stats.inc_value(f"nav/skipped/{reason}", count)

    # --- following links -------------------------------------------------

    def follow(self, links: list[Link], family: Family):
        stats = self.crawler.stats
        skip_columns = set(self.profile.skip_columns) if self.profile else set()
        for link in links:
            url = self.urls.canonical(link.url, keep_query=link.kind == API)
            article = family.document_for_print(url) if link.kind != API else None
            if article:
                link = Link(link.url, DOCUMENT, hints=link.hints)
            if link.kind == DOCUMENT and self.urls.owns(url):
                self.note_address(link.url, article or url, "print_view" if article else None)
            url = article or url
            if url != link.url:
                stats.inc_value("nav/canonicalised")
            if not url.startswith(("http://", "https://")):
                reason = "scheme"
            elif not self.urls.owns(url):
                reason = "offsite"
            elif link.hints.get("column") in skip_columns and link.kind != DOCUMENT:
                reason = "column"
            else:
                reason = family.skip_reason(url)
            if reason:
                stats.inc_value(f"nav/skipped/{reason}")
                logger.debug("Skipped (%s): %s", reason, url)
                continue
            yield scrapy.Request(
                url, method=link.method, body=link.body, headers=link.headers or None,
                callback=self.parse_api if link.kind == API else self.parse_page,
                errback=self.on_error, priority=1 if link.kind == DOCUMENT else 0,
                meta={"family": family.name, "hints": link.hints, "link_kind": link.kind},
            )

    def note_address(self, linked: str, canonical: str, reason: str | None) -> None:
        """Remember an address that names a document under another form (never fetched)."""
        reason = reason or address_difference(linked, canonical)
        if reason is None:
            return
        self.crawler.stats.inc_value(f"nav/addresses/{reason}")
        keeper = self.crawler.get_extension(StateKeeper)
        if keeper is not None:
            keeper.store_for(self.site_host).sighting(linked.split("#", 1)[0], canonical, reason)

    # --- failures --------------------------------------------------------

    def on_error(self, failure: Failure) -> None:
        request = failure.request
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            logger.debug("Not fetched (%s): %s", failure.value, request.url)
            return
        if failure.check(HttpError):
            status = failure.value.response.status
            kind = f"http_{status}"
        elif failure.check(TimeoutError, TCPTimedOutError):
            kind = "timeout"
        elif failure.check(DNSLookupError):
            kind = "dns"
        else:
            kind = failure.type.__name__
        referer = (request.headers.get("Referer") or b"").decode("latin-1") or None
        if kind in ("http_404", "http_410"):
            logger.warning("Dead link %s (linked from %s)", request.url, referer)
        else:
            logger.error("Failed %s: %s", request.url, failure.getErrorMessage() or kind)
        self.record_failure(request.url, kind, referer=referer)

    def record_failure(self, url: str, kind: str, note: str = "", referer: str | None = None):
        self.crawler.stats.inc_value(f"errors/{kind}")
        if len(self.failures) < MAX_RECORDED_FAILURES:
            entry = {"url": url, "kind": kind}
            if referer:
                entry["referer"] = referer
            if note:
                entry["note"] = note
            self.failures.append(entry)
