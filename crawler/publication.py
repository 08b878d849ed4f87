"""Publishing a run's output once, complete, and in step with the state store.

A run's files (the items, the duplicates stream) are written to temporary files
while the crawl runs. When Scrapy stores the feed, the publisher lets finalizers
rewrite the items file (deduplication moves documents a better copy superseded,
and completes each document's ``urls``), commits every state store with the
list of files it is about to publish, and only then renames the files into
place. A crash before the commit loses nothing (the state is unchanged and the
next run repeats the work); a crash after it is finished by the next open of the
store (crawler/dedup/store.py).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

logger = logging.getLogger(__name__)
Finalizer = Callable[[Path], list[tuple[str, str]]]


def fsync_directory(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Publisher:
    """One per crawler: finalizers and state stores register; the feed storage publishes."""

    def __init__(self) -> None:
        self.finalizers: list[Finalizer] = []
        self.stores: list = []
        self.committed = False

    @classmethod
    def of(cls, crawler) -> Publisher:
        if not hasattr(crawler, "publisher"):
            crawler.publisher = cls()
        return crawler.publisher

    def publish(self, temp: Path, final: Path | None) -> None:
        """Finalize the items file, commit state, and move every file into place.

        ``final`` is None when the items go elsewhere (stdout): then only the side
        files (duplicates stream) are moved.
        """
        outputs: list[tuple[str, str]] = [(str(temp), str(final))] if final else []
        for finalizer in self.finalizers:
            outputs += finalizer(temp)
        self.commit(outputs)
        for _temp, done in outputs:
            fsync_directory(Path(done).parent)
            logger.info("Wrote %s", done)

    def commit(self, outputs: list[tuple[str, str]]) -> None:
        """Commit the stores (once) and rename the outputs; the first store records them."""
        if self.committed:
            for temp, final in outputs:
                os.replace(temp, final)
            return
        self.committed = True
        if not self.stores:
            for temp, final in outputs:
                os.replace(temp, final)
            return
        first, *others = self.stores
        for store in others:
            store.publish([])
        first.publish(outputs)
