"""The one crawl spider: a disclosure section, every column, every document, once.

    scrapy crawl disclosure -a start_url=URL     # section root or any column page
    scrapy crawl disclosure -a site=PROFILE      # a pinned site profile
    (optional) -a family=NAME                    # skip detection

The spider only navigates: it canonicalises and filters links, asks the
platform family what each page is, and hands document pages to the item
pipelines as ``DocumentItem(page=Page(...))``. It never judges content.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.clock import run_stamp, utc_now
from crawler.extensions.state import StateKeeper
from crawler.failures import failure_kind
from crawler.families import FALLBACK, detect_family, family_class
from crawler.families.base import API, DOCUMENT, PAGE, Family, Link, Reading
from crawler.htmltree import BinaryDocument, EmptyDocument, load_html, meta_refreshes
from crawler.items import DocumentItem, Page
from crawler.jobdir import Job
from crawler.middlewares.cloaking import PROBE
from crawler.navigation import PaginationGuard
from crawler.profiles import Profile, load_profile
from crawler.urls import UrlPolicy, address_difference

logger = logging.getLogger(__name__)
MAX_RECORDED_FAILURES = 1000
REDETECT_PAGES = 20  # pages after an undetected start page that may still name its family


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
        subsites = self.profile.subsites if self.profile else ()
        self.urls = UrlPolicy.for_start_url(self.start_url, hosts, subsites)
        self.site_host = self.urls.canonical_host
        self.allowed_domains = sorted(self.urls.hosts)
        self.run_stamp = run_stamp()
        self.failures: list[dict[str, Any]] = []
        self._families: dict[str, Family] = {}
        self.pagination = PaginationGuard()
        self._page_groups: set[bytes] = set()  # digests of page-link sets already followed
        self.undetected_pages = 0  # pages left to look for the family the start page hid

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any):
        """With JOBDIR, the job's run stamp: a resumed crawl writes to the same output names."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        job = Job.of(crawler, spider)
        if job is not None:
            spider.run_stamp = job.run_stamp
        return spider

    async def start(self):
        yield scrapy.Request(self.start_url, callback=self.parse_page, errback=self.on_error,
                             meta={"role": "start"})

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
            self._adopt_site_domain(tree)
        name = response.meta.get("family") or self.family_name
        if name is None:
            name = self._detect(response.url, decoded.text)
        elif name == FALLBACK and self.family_name not in (None, FALLBACK):
            name = self.family_name  # found on a page after this request was made
        elif self.undetected_pages and name == FALLBACK:
            name = self._detect_again(response.url, decoded.text)
        family = self.family(name)
        reading = family.read_page(response.url, tree)
        self._count(reading)
        item = None
        if reading.document:
            item = DocumentItem(page=Page(
                url=self.urls.canonical(response.url), body=response.body,
                status=response.status, content_type=content_type, family=family.name,
                kind=reading.document, hints=response.meta.get("hints") or {},
                crawled_at=response.meta.get("fetched_at") or utc_now(), decoded=decoded,
                tree=tree, probe=response.meta.get(PROBE),
            ))
        elif reading.kind in ("unknown", "form"):
            logger.info("Not a document or list (%s): %s", reading.note, response.url)
        links = reading.links + self._refreshes(response.url, tree)
        if not reading.document:
            links = self._unrepeated(self.pagination.guard(response, links, self.crawler.stats))
        yield from self.follow(links, family)
        if item is not None:
            yield item

    def parse_api(self, response: Response):
        family = self.family(response.meta["family"])
        content_type = response.headers.get("Content-Type", b"").decode("latin-1") or None
        reading = family.read_api(response.url, response.body, response.meta.get("hints") or {},
                                  content_type)
        self._count(reading)
        if reading.kind == "error":
            self.record_failure(response.url, "bad_api_response", reading.note)
        yield from self.follow(
            self._unrepeated(self.pagination.guard(response, reading.links, self.crawler.stats)),
            family)

    def _unrepeated(self, links: list[Link]) -> list[Link]:
        """``links`` without its page links when another list page gave exactly the same ones.

        Every page of a script-paged column links every page of it: a 2,000-page column
        would yield four million requests for the dupefilter to drop, and the crawl would
        slow down as it grew. Each repeated link would be dropped as a duplicate anyway.
        """
        pages = [link for link in links if link.kind != DOCUMENT]
        if len(pages) < 2:
            return links
        key = hashlib.blake2b("\n".join(sorted(
            f"{link.method} {link.url} {link.body or ''}" for link in pages)).encode(),
            digest_size=8).digest()
        if key not in self._page_groups:
            self._page_groups.add(key)
            return links
        self.crawler.stats.inc_value("nav/repeated_page_links", len(pages))
        return [link for link in links if link.kind == DOCUMENT]

    def _refreshes(self, url: str, tree) -> list[Link]:
        """Meta refresh targets, followed as links (Scrapy's MetaRefreshMiddleware is off)."""
        found = [Link(target, PAGE) for _, target in meta_refreshes(tree, url)]
        for link in found:
            self.crawler.stats.inc_value("nav/meta_refresh")
            logger.info("Meta refresh at %s to %s", url, link.url)
        return found

    def _settle_on(self, final_url: str) -> None:
        """Adopt the host and scheme the start URL redirected to as the canonical ones."""
        if self.urls.owns(final_url):
            policy = UrlPolicy.for_start_url(final_url, tuple(self.urls.twins),
                                             tuple(self.urls.subsites))
            if policy.canonical_host != self.urls.canonical_host:
                logger.info("Documents are addressed as %s://%s/… (where the start URL "
                            "redirected, or the host the site names)", policy.scheme,
                            policy.canonical_host)
            self.urls = policy

    def _adopt_site_domain(self, tree) -> None:
        """A site answering on both www and bare names says which is its own in its
        ``SiteDomain`` meta: documents are addressed by that name, whichever one the user
        typed (as when the bare name redirects)."""
        named = next((str(value).strip().lower() for value in
                      tree.xpath("/html/head/meta[@name='SiteDomain']/@content")
                      if str(value).strip()), "")
        host = urlsplit(named if "//" in named else f"//{named}").hostname
        if host and host != self.urls.canonical_host and host in self.urls.twins:
            self._settle_on(f"{self.urls.scheme}://{host}/")

    def _detect(self, url: str, text: str) -> str:
        name, score = detect_family(url, text)
        if name is None:
            logger.warning("No known platform family recognised at %s (best score %d): using "
                           "the generic fallback, looking again on the next %d pages; pin one "
                           "with -a family=NAME", url, score, REDETECT_PAGES)
            name = FALLBACK
            self.undetected_pages = REDETECT_PAGES
        else:
            logger.info("Platform family %s detected at %s (score %d)", name, url, score)
        self.family_name = name
        return name

    def _detect_again(self, url: str, text: str) -> str:
        """A start page can show nothing of its platform (a landing page of sub-column
        links): the first pages it leads to are asked again, and the first family they show
        is taken for the rest of the crawl."""
        self.undetected_pages -= 1
        name, score = detect_family(url, text)
        if name is None:
            return FALLBACK
        logger.info("Platform family %s detected at %s (score %d); the start page showed "
                    "none", name, url, score)
        self.family_name, self.undetected_pages = name, 0
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
            meta = {"family": family.name, "hints": link.hints, "link_kind": link.kind}
            if link.stale_run:
                meta["stale_run"] = link.stale_run
            yield scrapy.Request(
                url, method=link.method, body=link.body, headers=link.headers or None,
                callback=self.parse_api if link.kind == API else self.parse_page,
                errback=self.on_error, priority=1 if link.kind == DOCUMENT else 0, meta=meta,
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
        """Classify a request that produced no response, log it once, list it in the summary."""
        request = failure.request
        kind, note = failure_kind(failure)
        if kind is None:
            logger.debug("Not fetched (%s): %s", failure.value, request.url)
            return
        referer = (request.headers.get("Referer") or b"").decode("latin-1") or None
        url, chain = request.url, request.meta.get("redirect_urls")
        if chain:
            url = chain[0]
            note = " → ".join([*chain, request.url]) + (f"; {note}" if note else "")
        if kind in ("http_404", "http_410"):
            logger.warning("Dead link %s (linked from %s)", url, referer)
        elif kind.startswith("blocked_"):
            logger.warning("Blocked %s: %s", url, note)
        else:
            logger.error("Failed %s (%s): %s", url, kind, note or failure.getErrorMessage())
        self.record_failure(url, kind, note=note, referer=referer)

    def record_failure(self, url: str, kind: str, note: str = "", referer: str | None = None):
        self.crawler.stats.inc_value(f"errors/{kind}")
        if len(self.failures) < MAX_RECORDED_FAILURES:
            entry = {"url": url, "kind": kind}
            if referer:
                entry["referer"] = referer
            if note:
                entry["note"] = note
            self.failures.append(entry)
