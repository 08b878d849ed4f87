"""A www.szwz.gov.cn as large as a benchmark asks: extra 重点工作 articles, made on demand.

``SzwzSite(size=N)`` adds N articles to the static column 区政府重点工作, all older
than the column's own, so the base site's documents and traps keep their places.
Nothing is held in memory: article ``i`` is generated from its index (seeded like
the rest of the replica), its id carries the index so a request finds it without a
table, and list pages render only their own rows. With a bulk column, static lists
show ``BULK_PAGE_SIZE`` rows a page (100,000 articles stay under the crawler's
5,000-page pagination cap).
"""

from __future__ import annotations

import random
import re
from datetime import datetime, timedelta

from tests.replica import corpus
from tests.replica.corpus import Document

BULK_COLUMN = "qzfzdgz"
BULK_PAGE_SIZE = 50
# Before the first base article of the column (2021-03-01): bulk rows list after the base rows.
NEWEST = datetime(2021, 2, 28, 18, 0, 0)
STEP = timedelta(minutes=37)
_PATH = re.compile(rf"^/szwz/{BULK_COLUMN}/\d{{6}}/([0-9a-f]{{8}})[0-9a-f]{{24}}\.shtml$")


class BulkArticles:
    """``count`` generated articles, newest first; ``[i]`` builds article ``i``."""

    def __init__(self, count: int) -> None:
        self.count = count

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, i: int) -> Document:
        if not 0 <= i < self.count:
            raise IndexError(i)
        rng = random.Random(f"szwz-bulk-{i}")
        topic = corpus.TOPICS[i % len(corpus.TOPICS)]
        return Document(
            BULK_COLUMN, self.doc_id(i), self.title(i), self.published(i),
            corpus.paragraphs_about(topic, rng, rng.randint(3, 6)),
            source=rng.choice(corpus.SOURCES),
        )

    @staticmethod
    def doc_id(i: int) -> str:
        return f"{i:08x}" + corpus.hex_id("szwz", "bulk", i)[8:]

    @staticmethod
    def title(i: int) -> str:
        topic = corpus.TOPICS[i % len(corpus.TOPICS)]
        town = corpus.TOWNS[i // len(corpus.TOPICS) % len(corpus.TOWNS)]
        return f"{town}{topic}工作简报（第{i + 1}期）"

    @staticmethod
    def published(i: int) -> datetime:
        return NEWEST - i * STEP

    def path(self, i: int) -> str:
        return f"/szwz/{BULK_COLUMN}/{self.published(i):%Y%m}/{self.doc_id(i)}.shtml"

    def rows(self, start: int, stop: int) -> list[tuple[str, str, datetime]]:
        """(path, title, date) of articles ``start`` to ``stop``, as a list page shows them
        (without generating their text)."""
        return [(self.path(i), self.title(i), self.published(i))
                for i in range(max(start, 0), min(stop, self.count))]

    def find(self, path: str) -> Document | None:
        """The article served at ``path``, if it is one of these."""
        match = _PATH.match(path)
        i = int(match.group(1), 16) if match else self.count
        return self[i] if i < self.count and path == self.path(i) else None
