"""Stage 7: one document per content, within the site and across runs.

A page is a copy of a known document when its address is a known alias, when
it is a mirror of it (``mirror_of``), when its content hash is the same, or when
its MinHash signature is at least ``DEDUP_NEAR_THRESHOLD`` similar (bodies of
200 characters or more; LSH buckets keep the lookup independent of corpus
size). The copy kept is the canonical one: official over mirror, Simplified
over Traditional, article over print view, then the earliest seen (the first
run it was seen in; within a run the earliest published, then the smaller URL,
so a crawl's concurrency never decides). The others go to the duplicates stream
beside the output with ``duplicate_of`` set.

When a better copy arrives after a worse one was written, the worse one is
moved to the duplicates stream when the run's output is published, and every
document's ``urls`` is completed with the addresses seen after it was written
(addresses the spider never fetched because it knew them for copies included).
"""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from scrapy.exceptions import DropItem

from crawler.dedup.fingerprint import hash_key
from crawler.dedup.store import Document, StateStore, url_key
from crawler.extensions.state import StateKeeper, truthy
from crawler.feeds import OUTPUT_FILES_STAT, clear_stale_partials, partial_file, seal
from crawler.items import EXPORT_FIELDS
from crawler.publication import Publisher
from pipelines.base import PageStage

logger = logging.getLogger(__name__)
MIRROR, TRADITIONAL, PRINT_VIEW = 4, 2, 1
_FIRST_URL = re.compile(r'^\{"url": ("(?:[^"\\]|\\.)*")')


def rank(item, page) -> int:
    """Lower is more canonical: official before mirror, Simplified, article before print."""
    return ((MIRROR if item.get("mirror_of") else 0)
            | (TRADITIONAL if item.get("served_script") == "zh-Hant" else 0)
            | (PRINT_VIEW if page.kind == "print" else 0))


def published_key(item) -> int | None:
    """Publication time as a sortable integer (earlier published copies are preferred)."""
    stamp = item.get("published_at")
    return int(stamp[:19].replace("-", "").replace("T", "").replace(":", "")) if stamp else None


def dedup_site(item) -> str | None:
    """Copies are compared within one site: a mirror's copy belongs to the official site."""
    return urlsplit(item.get("mirror_of") or item["url"]).hostname


def duplicate_record(item, duplicate_of: str, reason: str) -> dict:
    """A fetched copy's line in the duplicates stream.

    ``change`` and ``urls`` describe canonical documents and are null here, so a
    copy dropped on arrival and one demoted at publication (already written,
    with both set) read the same: arrival order never shows in the stream.
    """
    record = {name: item.get(name) for name in EXPORT_FIELDS if name != "page"}
    record.update(duplicate_of=duplicate_of, duplicate_reason=reason, change=None, urls=None)
    return record


class DuplicateStream:
    """``<output>.duplicates.jsonl``: written beside the items, published with them."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.file: IO[bytes] | None = None
        self.temp: Path | None = None
        self.final: Path | None = None
        self.opened = False

    def target(self) -> Path | None:
        configured = self.crawler.settings.get("DUPLICATES_FILE")
        if configured:
            return Path(configured)
        outputs = self.crawler.stats.get_value(OUTPUT_FILES_STAT) or []
        if not outputs:
            return None
        items = Path(outputs[0])
        stem = items.name.removesuffix(".jsonl").removesuffix(".jl").removesuffix(".json")
        return items.with_name(stem + ".duplicates.jsonl")

    def write(self, record: dict) -> None:
        if not self.opened:
            self.opened = True
            self.final = self.target()
            if self.final is None:
                logger.warning("Items go to stdout: duplicates are counted, not written "
                               "(set -s DUPLICATES_FILE=path to keep them)")
            else:
                clear_stale_partials(self.crawler, self.final)
                self.file, self.temp = partial_file(self.final)
        self.crawler.stats.inc_value("dedup/duplicates_written")
        if self.file is not None:
            self.file.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")

    def publishable(self) -> list[tuple[str, str]]:
        if self.file is None:
            return []
        seal(self.file, self.temp)
        self.file = None
        return [(str(self.temp), str(self.final))]


class DedupPipeline(PageStage):
    def __init__(self, crawler) -> None:
        super().__init__(crawler.stats)
        self.crawler = crawler
        self.threshold = crawler.settings.getfloat("DEDUP_NEAR_THRESHOLD")
        self.duplicates = DuplicateStream(crawler)
        Publisher.of(crawler).finalizers.append(self.finalize)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def store(self, site: str | None) -> StateStore:
        return StateKeeper.of(self.crawler).store_for(site)

    def copy_of(self, store: StateStore, item, page) -> tuple[Document, str] | None:
        """The known document this page is a copy of, and why; None for a document of its own."""
        url = item["url"]
        if store.document(url):
            return None
        content = hash_key(item["content_hash"])
        found = store.alias(url)
        if found:
            target, reason = found
            if target.hash == content or page.signature is None or reason in (
                    "mirror", "print_view") or store.nearest(page.signature, self.threshold,
                                                             url_key(url)):
                return found
        if item.get("mirror_of"):
            target = store.canonical_of(item["mirror_of"])
            if target:
                return target, "mirror"
        target = store.by_hash(content, url_key(url))
        if target:
            return target, "exact"
        if page.signature is not None:
            near = store.nearest(page.signature, self.threshold, url_key(url))
            if near:
                return near[0], "near"
        return None

    def process_page(self, item, page, spider):
        store = self.store(dedup_site(item))
        page.rank = rank(item, page)
        page.published = published_key(item)
        item["duplicate_of"] = None
        copy = self.copy_of(store, item, page)
        if copy is None:
            return item
        target, reason = copy
        mine = (page.rank, store.run, page.published or 0, item["url"])
        if mine < target.precedence():
            logger.info("%s replaces %s as the canonical copy (%s)",
                        item["url"], target.url, reason)
            store.supersede(target, item["url"], reason)
            page.superseded = target
            self.stats.inc_value(f"dedup/superseded/{reason}")
            return item
        new = store.save_alias(item["url"], target.key, reason)
        self.stats.inc_value(f"dedup/duplicates/{reason}")
        if new or not truthy(getattr(spider, "incremental", False)):
            self.duplicates.write(duplicate_record(item, target.url, reason))
        raise DropItem(f"duplicate of {target.url} ({reason}): {item['url']}", log_level="INFO")

    # --- at publication ----------------------------------------------------

    def finalize(self, items_file: Path) -> list[tuple[str, str]]:
        """Resolve never-fetched addresses, move superseded documents, complete ``urls``."""
        incremental = truthy(getattr(self.crawler.spider, "incremental", False))
        for store in StateKeeper.of(self.crawler).stores.values():
            for url, target, reason in store.sightings():
                document = store.canonical_of(target)
                if document is None:
                    self.stats.inc_value("dedup/addresses/unresolved")
                    continue
                new = store.save_alias(url, document.key, reason)
                self.stats.inc_value(f"dedup/addresses/{reason}")
                if new or not incremental:
                    self.duplicates.write({"url": url, "duplicate_of": document.url,
                                           "duplicate_reason": reason})
        self.rewrite(items_file)
        return self.duplicates.publishable()

    def rewrite(self, items_file: Path) -> None:
        """Rewrite the items file in one pass (JSON lines only; other formats are left)."""
        stores = StateKeeper.of(self.crawler).stores
        if not stores or not items_file.exists():
            return
        demotions = {site: store.demotions() for site, store in stores.items()}
        rewritten = items_file.with_name(items_file.name + ".rewrite")
        with items_file.open("rb") as source, rewritten.open("wb") as out:
            for line in source:
                match = _FIRST_URL.match(line.decode("utf-8", "replace"))
                if match is None:
                    out.write(line)
                    continue
                item = json.loads(line)
                site = dedup_site(item) or "local"
                store = stores.get(site)
                demoted = demotions.get(site, {}).get(item["url"])
                if demoted:
                    self.duplicates.write(duplicate_record(item, *demoted))
                    self.stats.inc_value("dedup/demoted")
                    if item.get("change") == "new":  # counted by whoever wrote it: this process
                        self.stats.inc_value("state/new", -1)
                    continue
                if store:
                    item["urls"] = [item["url"], *store.addresses(url_key(item["url"]))]
                out.write(json.dumps(item, ensure_ascii=False).encode("utf-8") + b"\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(rewritten, items_file)
