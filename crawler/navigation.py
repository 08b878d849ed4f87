"""Stops pagination that never ends or repeats itself.

Broken and hostile sites serve a "next page" forever: page 9999 of a column
returns the last real page again, an empty list, or a calendar that always has
a day before. The dupefilter cannot see it (every address is new), and a depth
limit would also cut real columns with thousands of pages. What these traps
share is that they stop bringing documents: a list page is *stale* when it links
no document, or exactly the documents another list page already linked. After
``STALE_LIST_LIMIT`` stale list pages in a row, the pages a stale one links are
not followed (its documents still are), counted under
``nav/skipped/stale_pagination``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging

from crawler.families.base import DOCUMENT, Link

logger = logging.getLogger(__name__)
STALE_LIST_LIMIT = 6  # section trees nest four or five list-less levels deep


def _digest(urls: list[str]) -> int:
    joined = "\n".join(sorted({u.split("#", 1)[0] for u in urls}))
    return int.from_bytes(hashlib.blake2b(joined.encode("utf-8"), digest_size=8).digest(), "big")


class PaginationGuard:
    def __init__(self, limit: int = STALE_LIST_LIMIT) -> None:
        self.limit = limit
        self.seen_lists: set[int] = set()

    def guard(self, response, links: list[Link], stats=None) -> list[Link]:
        """``links`` of a non-document page, each carrying the page's stale run."""
        documents = [link.url for link in links if link.kind == DOCUMENT]
        stale = not documents
        if documents:
            digest = _digest(documents)
            stale = digest in self.seen_lists
            self.seen_lists.add(digest)
        run = response.meta.get("stale_run", 0) + 1 if stale else 0
        if run >= self.limit:
            onward = [link for link in links if link.kind != DOCUMENT]
            if onward:
                if stats is not None:
                    stats.inc_value("nav/skipped/stale_pagination", len(onward))
                logger.info("%d list pages in a row brought no new document; not following "
                            "the %d pages linked from %s", run, len(onward), response.url)
            return [link for link in links if link.kind == DOCUMENT]
        return [dataclasses.replace(link, stale_run=run) if link.kind != DOCUMENT else link
                for link in links]
