"""Publishing a run's output once, complete, and in step with the state store.

A run's files (the items, the duplicates stream) are written to temporary files
while the crawl runs. When Scrapy stores the feed, the publisher lets finalizers
rewrite the items file (deduplication moves documents a better copy superseded,
and completes each document's ``urls``), commits every state store with the
list of files it is about to publish, and only then renames the files into
place. A crash before the commit loses nothing (the state is unchanged and the
next run repeats the work); a crash after it is finished by the next open of the
store (crawler/dedup/store.py). With JOBDIR, a crawl that closed before it
finished (Ctrl-C, a CLOSESPIDER limit) publishes nothing and commits nothing:
it is paused, and resuming it redoes the work from its journal (crawler/jobdir.py).
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
        self.withheld = False
        self.published = False
        self.job = None  # crawler.jobdir.Job, with JOBDIR: a paused job publishes nothing

    @classmethod
    def of(cls, crawler) -> Publisher:
        if not hasattr(crawler, "publisher"):
            crawler.publisher = cls()
        return crawler.publisher

    def publish(self, temp: Path, final: Path | None) -> bool:
        """Finalize the items file, commit state, and move every file into place.

        ``final`` is None when the items go elsewhere (stdout): then only the side
        files (duplicates stream) are moved. Returns False when a paused job
        withheld everything instead.
        """
        outputs: list[tuple[str, str]] = [(str(temp), str(final))] if final else []
        for finalizer in self.finalizers:
            outputs += finalizer(temp)
        if not self.commit(outputs):
            return False
        for _temp, done in outputs:
            fsync_directory(Path(done).parent)
            logger.info("Wrote %s", done)
        return True

    def commit(self, outputs: list[tuple[str, str]]) -> bool:
        """Commit the stores (once) and rename the outputs; the first store records them.

        A job closed before it finished withholds them instead (False). A finished
        job is marked so before the commit: a kill in between starts a new job
        that crawls again, rather than resuming one whose output is published
        (docs/decisions.md, "Pause and resume").
        """
        if self.job is not None and self.job.paused:
            self.withhold(outputs)
            return False
        self.published = True
        if self.committed:
            for temp, final in outputs:
                os.replace(temp, final)
            return True
        self.committed = True
        if self.job is not None:
            self.job.finish()
        if not self.stores:
            for temp, final in outputs:
                os.replace(temp, final)
            return True
        first, *others = self.stores
        for store in others:
            store.publish([])
        first.publish(outputs)
        return True

    def withhold(self, outputs: list[tuple[str, str]]) -> None:
        """A paused job publishes nothing: delete its files and roll its state back.

        The resumed crawl replays the journal and redoes all of it, so its output
        equals an uninterrupted crawl's.
        """
        for temp, _final in outputs:
            Path(temp).unlink(missing_ok=True)
        if self.withheld:
            return
        self.withheld = True
        for store in self.stores:
            store.abandon()
        logger.warning("Crawl paused (%s): nothing published, state unchanged; %s",
                       self.job.close_reason, self.job.resume_hint())
