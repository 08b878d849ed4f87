"""The state of one site, on disk: documents, their other addresses, LSH buckets, runs.

Everything lives in one SQLite file per site so memory stays flat however many
documents a site has; lookups are index probes (a URL key, a content hash, 16
LSH buckets) that do not grow with the corpus.

A run's changes form one transaction, committed only when its output is
published (crawler/publication.py): a crawl killed midway leaves the store as
it was before the run, and the next run does the work again, neither losing nor
repeating a document. Publishing is two-phase: the run is recorded as
``publishing`` with its output files in the same commit, and a later open
finishes any rename that a crash interrupted.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from crawler.dedup.fingerprint import band_keys, closest

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    key INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    hash INTEGER NOT NULL,
    rank INTEGER NOT NULL,
    published INTEGER,
    first_run INTEGER NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    last_changed INTEGER NOT NULL,
    seen_run INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_hash ON documents(hash);
CREATE TABLE IF NOT EXISTS aliases (
    key INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    doc INTEGER NOT NULL,
    reason TEXT NOT NULL,
    first_seen INTEGER NOT NULL,
    seen_run INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS aliases_doc ON aliases(doc);
CREATE TABLE IF NOT EXISTS signatures (doc INTEGER PRIMARY KEY, sig BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS buckets (
    bucket INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (bucket, doc)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    start_url TEXT,
    started INTEGER NOT NULL,
    finished INTEGER,
    status TEXT NOT NULL,
    outputs TEXT
);
"""
RUN_TABLES = """
DROP TABLE IF EXISTS temp.emitted;
DROP TABLE IF EXISTS temp.demoted;
DROP TABLE IF EXISTS temp.sightings;
CREATE TEMP TABLE emitted (doc INTEGER PRIMARY KEY);
CREATE TEMP TABLE demoted (doc INTEGER PRIMARY KEY, url TEXT, into_url TEXT, reason TEXT);
CREATE TEMP TABLE sightings (key INTEGER PRIMARY KEY, url TEXT, target TEXT, reason TEXT);
"""


DOCUMENT_COLUMNS = "key, url, hash, rank, published, first_run, first_seen, seen_run"


def url_key(url: str) -> int:
    """A signed 64-bit key of a URL (the primary key of documents and aliases)."""
    digest = hashlib.blake2b(url.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@dataclass(frozen=True)
class Document:
    key: int
    url: str
    hash: int
    rank: int
    published: int | None
    first_run: int
    first_seen: int
    seen_run: int

    def precedence(self) -> tuple:
        """Sort key of canonical copies: rank, first run seen, earliest published, URL."""
        return (self.rank, self.first_run, self.published or 0, self.url)


class CanonicalLookup:
    """What every state store answers the same way from its ``document`` and ``alias``."""

    def canonical_of(self, url: str) -> Document | None:
        """The canonical document an address belongs to, following aliases."""
        document = self.document(url)
        if document:
            return document
        found = self.alias(url)
        return found[0] if found else None


class StateStore(CanonicalLookup):
    """One site's state. ``begin_run`` opens the run's transaction; ``publish`` ends it."""

    def __init__(self, path: Path | str, readonly: bool = False) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA temp_store=FILE")
        self.db.executescript(SCHEMA)
        self.run: int | None = None
        if not readonly:
            self.recover()

    # --- runs and publication -------------------------------------------

    def recover(self) -> None:
        """Finish the renames of a run that crashed after committing (two-phase publish)."""
        rows = self.db.execute(
            "SELECT id, outputs FROM runs WHERE status = 'publishing'").fetchall()
        for run_id, outputs in rows:
            for temp, final in json.loads(outputs or "[]"):
                if os.path.exists(temp):
                    os.replace(temp, final)
                    logger.warning("Finished publishing %s left by an interrupted run", final)
            self.db.execute("UPDATE runs SET status = 'published' WHERE id = ?", (run_id,))

    def begin_run(self, start_url: str | None) -> int:
        self.db.executescript(RUN_TABLES)  # executescript commits: before the transaction
        self.db.execute("BEGIN IMMEDIATE")
        cursor = self.db.execute(
            "INSERT INTO runs (start_url, started, status) VALUES (?, ?, 'running')",
            (start_url, int(time.time())))
        self.run = cursor.lastrowid
        return self.run

    def previous_run(self, start_url: str | None) -> int | None:
        row = self.db.execute(
            "SELECT max(id) FROM runs WHERE start_url IS ? AND status = 'published' AND id < ?",
            (start_url, self.run)).fetchone()
        return row[0]

    def publish(self, outputs: list[tuple[str, str]]) -> None:
        """Commit the run with its output files, then move them into place."""
        self.db.execute("UPDATE runs SET status = 'publishing', finished = ?, outputs = ? "
                        "WHERE id = ?", (int(time.time()), json.dumps(outputs), self.run))
        self.db.execute("COMMIT")
        for temp, final in outputs:
            os.replace(temp, final)
        self.db.execute("UPDATE runs SET status = 'published' WHERE id = ?", (self.run,))

    def abandon(self) -> None:
        """Roll the run back (nothing was published)."""
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def close(self) -> None:
        self.abandon()
        self.db.close()

    # --- documents -------------------------------------------------------

    def _document(self, row) -> Document | None:
        return Document(*row) if row else None

    def document(self, url: str) -> Document | None:
        return self._document(self.db.execute(
            f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE key = ?",
            (url_key(url),)).fetchone())

    def document_by_key(self, key: int) -> Document | None:
        return self._document(self.db.execute(
            f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE key = ?",
            (key,)).fetchone())

    def by_hash(self, content: int, exclude: int) -> Document | None:
        return self._document(self.db.execute(
            f"SELECT {DOCUMENT_COLUMNS} FROM documents "
            "WHERE hash = ? AND key != ? ORDER BY rank, first_run, published, url LIMIT 1",
            (content, exclude)).fetchone())

    def nearest(self, sig: np.ndarray, threshold: float, exclude: int
                ) -> tuple[Document, float] | None:
        """The most similar document at or above ``threshold``, found through LSH buckets."""
        buckets = band_keys(sig)
        marks = ",".join("?" * len(buckets))
        candidates = self.db.execute(
            f"SELECT DISTINCT s.doc, s.sig FROM buckets b JOIN signatures s ON s.doc = b.doc "
            f"WHERE b.bucket IN ({marks}) AND b.doc != ?", (*buckets, exclude)).fetchall()
        best = closest(sig, candidates, threshold)
        if best is None:
            return None
        document = self.document_by_key(best[0])
        return (document, best[1]) if document else None

    def save_document(self, url: str, content: int, sig: np.ndarray | None, rank: int,
                      published: int | None, inherited: Document | None = None) -> str:
        """Insert or refresh a canonical document; return new, updated or unchanged.

        ``inherited`` is the document this copy supersedes: its history carries over.
        """
        now = int(time.time())
        key = url_key(url)
        row = self.db.execute("SELECT hash FROM documents WHERE key = ?", (key,)).fetchone()
        if row is None:
            first_run = inherited.first_run if inherited else self.run
            first_seen = inherited.first_seen if inherited else now
            self.db.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (key, url, content, rank, published, first_run, first_seen, now, now, self.run))
            self.db.execute("DELETE FROM aliases WHERE key = ?", (key,))
            self._index(key, sig)
            return "new"
        if row[0] == content:
            self.db.execute("UPDATE documents SET last_seen = ?, seen_run = ?, rank = ? "
                            "WHERE key = ?", (now, self.run, rank, key))
            return "unchanged"
        self.db.execute("UPDATE documents SET hash = ?, last_seen = ?, last_changed = ?, "
                        "seen_run = ?, rank = ? WHERE key = ?",
                        (content, now, now, self.run, rank, key))
        self._unindex(key)
        self._index(key, sig)
        return "updated"

    def _index(self, key: int, sig: np.ndarray | None) -> None:
        if sig is None:
            return
        self.db.execute("INSERT OR REPLACE INTO signatures VALUES (?, ?)", (key, sig.tobytes()))
        self.db.executemany("INSERT OR IGNORE INTO buckets VALUES (?, ?)",
                            [(bucket, key) for bucket in band_keys(sig)])

    def _unindex(self, key: int) -> None:
        row = self.db.execute("SELECT sig FROM signatures WHERE doc = ?", (key,)).fetchone()
        if row:
            buckets = band_keys(np.frombuffer(row[0], dtype=np.uint32))
            self.db.executemany("DELETE FROM buckets WHERE bucket = ? AND doc = ?",
                                [(bucket, key) for bucket in buckets])
            self.db.execute("DELETE FROM signatures WHERE doc = ?", (key,))

    def supersede(self, old: Document, new_url: str, reason: str) -> None:
        """``new_url`` becomes the canonical copy of ``old``'s document; old is its alias."""
        new_key = url_key(new_url)
        self.db.execute("UPDATE aliases SET doc = ? WHERE doc = ?", (new_key, old.key))
        self._unindex(old.key)
        self.db.execute("DELETE FROM documents WHERE key = ?", (old.key,))
        self.save_alias(old.url, new_key, reason)
        if self.db.execute("DELETE FROM temp.emitted WHERE doc = ?", (old.key,)).rowcount:
            self.db.execute("INSERT OR REPLACE INTO temp.demoted VALUES (?, ?, ?, ?)",
                            (old.key, old.url, new_url, reason))
        self.db.execute("UPDATE temp.demoted SET into_url = ? WHERE into_url = ?",
                        (new_url, old.url))

    # --- aliases and sightings --------------------------------------------

    def alias(self, url: str) -> tuple[Document, str] | None:
        row = self.db.execute("SELECT doc, reason FROM aliases WHERE key = ?",
                              (url_key(url),)).fetchone()
        if not row:
            return None
        document = self.document_by_key(row[0])
        return (document, row[1]) if document else None

    def save_alias(self, url: str, doc: int, reason: str) -> bool:
        """Record ``url`` as another address of document ``doc``; True when it is a new one."""
        key = url_key(url)
        if key == doc:
            return False
        created = self.db.execute(
            "INSERT OR IGNORE INTO aliases VALUES (?, ?, ?, ?, ?, ?)",
            (key, url, doc, reason, int(time.time()), self.run)).rowcount
        if not created:
            self.db.execute("UPDATE aliases SET doc = ?, seen_run = ? WHERE key = ?",
                            (doc, self.run, key))
        return bool(created)

    def sighting(self, url: str, target: str, reason: str) -> None:
        """An address seen in a link and never fetched, because it names ``target``."""
        self.db.execute("INSERT OR IGNORE INTO temp.sightings VALUES (?, ?, ?, ?)",
                        (url_key(url), url, target, reason))

    def sightings(self) -> Iterator[tuple[str, str, str]]:
        yield from self.db.execute("SELECT url, target, reason FROM temp.sightings ORDER BY url")

    # --- this run's output -------------------------------------------------

    def emitted(self, key: int) -> None:
        self.db.execute("INSERT OR IGNORE INTO temp.emitted VALUES (?)", (key,))

    def demotions(self) -> dict[str, tuple[str, str]]:
        return {url: (into, reason) for url, into, reason in
                self.db.execute("SELECT url, into_url, reason FROM temp.demoted")}

    def addresses(self, key: int) -> list[str]:
        """Every address of a document seen in this run (aliases fetched or linked)."""
        urls = [url for (url,) in self.db.execute(
            "SELECT url FROM aliases WHERE doc = ? AND seen_run = ? ORDER BY url", (key, self.run))]
        return urls

    def missing(self, previous: int | None) -> list[str]:
        """Documents the previous run of the same start URL saw and this run did not."""
        if previous is None:
            return []
        return [url for (url,) in self.db.execute(
            "SELECT url FROM documents WHERE seen_run = ? ORDER BY url", (previous,))]

    def counts(self) -> dict[str, int]:
        return {table: self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("documents", "aliases", "buckets")}
