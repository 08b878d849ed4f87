"""Stage 6: the content hash and the fingerprint (MinHash + numbers) of the cleaned body.

``content_hash`` is on the item for users (same text, same hash, whatever the
page looked like); the fingerprint stays on the page for deduplication.
"""

from __future__ import annotations

from crawler.dedup.fingerprint import content_hash, fingerprint, load_permutations, normalise
from pipelines.base import PageStage


class FingerprintPipeline(PageStage):
    def open_spider(self, spider):
        load_permutations()  # datasketch takes a second to import: before the first page

    def process_page(self, item, page, spider):
        text = item["body"] or item["title"]
        normal = normalise(text)
        item["content_hash"] = content_hash(normal)
        page.signature = fingerprint(normal)
        return item
