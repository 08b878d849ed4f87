"""One site's state in Redis, shared by every worker of a run and kept between runs.

The same records as the SQLite store (crawler/dedup/store.py): documents with
their content hash, rank and history, their other addresses, MinHash signatures
and LSH buckets, runs. What differs is that several processes write at once and
any of them may be killed, so there is no run transaction to roll back. Instead
every write of a run is idempotent: a document records the change (new, updated,
unchanged) the run found, and processing its page again in the same run (a dead
worker's request redone by another) gives the same answer. Two workers never
judge copies of one document at the same time: pipelines/exclusive.py holds the
site's lock from deduplication to the state stage. The run's demotions (a
document written by one worker, superseded by a better copy another found) are
shared, so each worker moves its own superseded items when it publishes.

The keys of one run (``RUN_KEYS``, suffixed with its number) expire ``run_ttl``
after their last write or heartbeat, so a run abandoned by all its workers does
not stay forever; ``end_run`` deletes them once every worker has published,
keeping only the run's seen-set, which the next run's ``missing`` needs.
"""

from __future__ import annotations

import json
import logging
import os
import time
import uuid
from collections.abc import Iterator

import numpy as np
import redis

from crawler.dedup.fingerprint import band_keys, closest
from crawler.dedup.store import CanonicalLookup, Document, url_key

logger = logging.getLogger(__name__)
RUN_KEYS = ("seen", "demoted", "sightings", "reported", "emitted")
LOCK_MS = 5000  # a lock outlives a killed holder by at most this; items take milliseconds
UNLOCK = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
RUN_ID = """
local id = redis.call('HGET', KEYS[1], ARGV[1])
if id then return tonumber(id) end
id = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[1], ARGV[1], id)
redis.call('HSET', KEYS[3], id, ARGV[2])
return id
"""


def _load(raw) -> dict | None:
    return json.loads(raw) if raw else None


class RedisStateStore(CanonicalLookup):
    """The interface of StateStore, for ``STATE_URL=redis://…``."""

    def __init__(self, client: redis.Redis, site: str, run_stamp: str, worker: str = "", *,
                 run_ttl: float) -> None:
        self.db = client
        self.worker = worker
        self.run_ttl_ms = int(run_ttl * 1000)
        self.site = site
        self.run_stamp = run_stamp
        self.prefix = f"zwgk:state:{site}"
        self.run: int | None = None
        self._reported: set[str] = set()
        self._lock_token: str | None = None
        self._unlock = client.register_script(UNLOCK)
        self._run_id = client.register_script(RUN_ID)

    @classmethod
    def from_url(cls, url: str, site: str, run_stamp: str, worker: str = "", *,
                 run_ttl: float) -> RedisStateStore:
        return cls(redis.Redis.from_url(url), site, run_stamp, worker, run_ttl=run_ttl)

    def key(self, *parts) -> str:
        return ":".join((self.prefix, *map(str, parts)))

    def _run_write(self, name: str, command: str, *args):
        """``command`` on this run's key ``name``, whose expiry it renews (one round trip)."""
        key = self.key(name, self.run)
        with self.db.pipeline(transaction=False) as pipe:
            getattr(pipe, command)(key, *args)
            pipe.pexpire(key, self.run_ttl_ms)
            return pipe.execute()[0]

    # --- runs and publication -------------------------------------------

    def begin_run(self, start_url: str | None) -> int:
        """The run's number: the same for every worker of the run (keyed by its stamp)."""
        record = json.dumps({"start_url": start_url, "stamp": self.run_stamp,
                             "status": "running"})
        self.run = int(self._run_id(keys=[self.key("run_ids"), self.key("run_count"),
                                          self.key("runs")], args=[self.run_stamp, record]))
        return self.run

    def previous_run(self, start_url: str | None) -> int | None:
        found = [int(run) for run, raw in self.db.hgetall(self.key("runs")).items()
                 if int(run) < self.run and (record := json.loads(raw))["status"] == "published"
                 and record["start_url"] == start_url]
        return max(found, default=None)

    def publish(self, outputs: list[tuple[str, str]]) -> None:
        """Move this worker's files into place and mark the run published."""
        for temp, final in outputs:
            os.replace(temp, final)
        raw = self.db.hget(self.key("runs"), self.run)
        record = json.loads(raw) if raw else {"stamp": self.run_stamp, "start_url": None}
        record["status"] = "published"
        self.db.hset(self.key("runs"), self.run, json.dumps(record))

    def refresh_run(self) -> None:
        """Renew the expiry of this run's keys: a worker's heartbeat while the run goes on."""
        with self.db.pipeline(transaction=False) as pipe:
            for name in RUN_KEYS:
                pipe.pexpire(self.key(name, self.run), self.run_ttl_ms)
            pipe.execute()

    def end_run(self) -> None:
        """The run of this store's stamp is over for every worker: delete its keys.

        Its seen-set stays, without expiry, as the baseline of the next run of the
        same start URL (``missing``); the older runs' seen-sets go.
        """
        run = self.db.hget(self.key("run_ids"), self.run_stamp)
        if run is None:
            return
        run = int(run)
        records = {int(r): json.loads(raw) for r, raw in self.db.hgetall(self.key("runs")).items()}
        start_url = records.get(run, {}).get("start_url")
        older = [self.key("seen", r) for r, record in records.items()
                 if r < run and record.get("start_url") == start_url]
        self.db.delete(*(self.key(name, run) for name in RUN_KEYS if name != "seen"), *older)
        self.db.persist(self.key("seen", run))

    def abandon(self) -> None:
        """Nothing to roll back: the run's writes are redone, identically, by whoever redoes it."""
        self.unlock()

    def close(self) -> None:
        self.unlock()
        self.db.close()

    # --- the site lock ------------------------------------------------------

    def lock(self) -> None:
        """Hold the site's lock (waiting for it); re-entrant within this process."""
        if self._lock_token is not None:
            return
        token = uuid.uuid4().hex
        while not self.db.set(self.key("lock"), token, nx=True, px=LOCK_MS):
            time.sleep(0.002)
        self._lock_token = token

    def unlock(self) -> None:
        if self._lock_token is not None:
            self._unlock(keys=[self.key("lock")], args=[self._lock_token])
            self._lock_token = None

    # --- documents -------------------------------------------------------

    def _record(self, key: int) -> dict | None:
        return _load(self.db.hget(self.key("doc"), key))

    def _write(self, key: int, record: dict) -> None:
        self.db.hset(self.key("doc"), key, json.dumps(record))

    @staticmethod
    def _document(key: int, record: dict | None) -> Document | None:
        if record is None:
            return None
        return Document(key, record["url"], record["hash"], record["rank"], record["published"],
                        record["first_run"], record["first_seen"], record["seen_run"])

    def document(self, url: str) -> Document | None:
        return self.document_by_key(url_key(url))

    def document_by_key(self, key: int) -> Document | None:
        return self._document(key, self._record(key))

    def _documents(self, keys) -> list[Document]:
        keys = [int(k) for k in keys]
        if not keys:
            return []
        raws = self.db.hmget(self.key("doc"), keys)
        return [self._document(k, _load(raw)) for k, raw in zip(keys, raws, strict=True) if raw]

    def by_hash(self, content: int, exclude: int) -> Document | None:
        found = [d for d in self._documents(self.db.smembers(self.key("hash", content)))
                 if d.key != exclude]
        return min(found, key=Document.precedence, default=None)

    def nearest(self, sig: np.ndarray, threshold: float, exclude: int
                ) -> tuple[Document, float] | None:
        buckets = [self.key("bucket", b) for b in band_keys(sig)]
        candidates = [int(k) for k in self.db.sunion(buckets) if int(k) != exclude]
        if not candidates:
            return None
        blobs = self.db.hmget(self.key("sig"), candidates)
        best = closest(sig, zip(candidates, blobs, strict=True), threshold)
        if best is None:
            return None
        document = self.document_by_key(best[0])
        return (document, best[1]) if document else None

    def save_document(self, url: str, content: int, sig: np.ndarray | None, rank: int,
                      published: int | None, inherited: Document | None = None) -> str:
        """Insert or refresh a canonical document; return new, updated or unchanged.

        A document already seen in this run answers what the run first found.
        """
        now = int(time.time())
        key = url_key(url)
        record = self._record(key)
        if record is None:
            record = {"url": url, "hash": content, "rank": rank, "published": published,
                      "first_run": inherited.first_run if inherited else self.run,
                      "first_seen": inherited.first_seen if inherited else now,
                      "last_seen": now, "last_changed": now, "seen_run": self.run,
                      "change": "new"}
            self._write(key, record)
            self._drop_alias(key)
            self.db.sadd(self.key("hash", content), key)
            self._index(key, sig)
        else:
            if record["seen_run"] != self.run:
                record["change"] = "unchanged" if record["hash"] == content else "updated"
            if record["hash"] != content:
                self.db.srem(self.key("hash", record["hash"]), key)
                self.db.sadd(self.key("hash", content), key)
                self._unindex(key)
                self._index(key, sig)
                record.update(hash=content, last_changed=now)
            record.update(last_seen=now, seen_run=self.run, rank=rank)
            self._write(key, record)
        self._run_write("seen", "sadd", key)
        return record["change"]

    def _index(self, key: int, sig: np.ndarray | None) -> None:
        if sig is None:
            return
        self.db.hset(self.key("sig"), key, sig.tobytes())
        for bucket in band_keys(sig):
            self.db.sadd(self.key("bucket", bucket), key)

    def _unindex(self, key: int) -> None:
        blob = self.db.hget(self.key("sig"), key)
        if blob:
            for bucket in band_keys(np.frombuffer(blob, dtype=np.uint32)):
                self.db.srem(self.key("bucket", bucket), key)
            self.db.hdel(self.key("sig"), key)

    def supersede(self, old: Document, new_url: str, reason: str) -> None:
        """``new_url`` becomes the canonical copy of ``old``'s document; old is its alias."""
        new_key = url_key(new_url)
        for alias in self.db.smembers(self.key("aliases_of", old.key)):
            record = _load(self.db.hget(self.key("alias"), alias))
            if record:
                record["doc"] = new_key
                self.db.hset(self.key("alias"), alias, json.dumps(record))
                self.db.sadd(self.key("aliases_of", new_key), alias)
        self.db.delete(self.key("aliases_of", old.key))
        self._unindex(old.key)
        self.db.srem(self.key("hash", old.hash), old.key)
        self.db.hdel(self.key("doc"), old.key)
        self.save_alias(old.url, new_key, reason)
        demoted = self.key("demoted", self.run)
        self._run_write("demoted", "hset", old.url, json.dumps([new_url, reason]))
        for url, raw in self.db.hgetall(demoted).items():
            into, why = json.loads(raw)
            if into == old.url:
                self.db.hset(demoted, url, json.dumps([new_url, why]))

    # --- aliases and sightings --------------------------------------------

    def alias(self, url: str) -> tuple[Document, str] | None:
        record = _load(self.db.hget(self.key("alias"), url_key(url)))
        if not record:
            return None
        document = self.document_by_key(record["doc"])
        return (document, record["reason"]) if document else None

    def _drop_alias(self, key: int) -> None:
        record = _load(self.db.hget(self.key("alias"), key))
        if record:
            self.db.srem(self.key("aliases_of", record["doc"]), key)
            self.db.hdel(self.key("alias"), key)

    def save_alias(self, url: str, doc: int, reason: str) -> bool:
        """Record ``url`` as another address of ``doc``; True when it is new in this run and
        this process has not reported it yet (a redone page reports it again)."""
        record = self._save_alias(url, doc, reason)
        if record is None:
            return False
        new = record["first_run"] == self.run and url not in self._reported
        self._reported.add(url)
        return new

    def _save_alias(self, url: str, doc: int, reason: str) -> dict | None:
        key = url_key(url)
        if key == doc:
            return None
        record = _load(self.db.hget(self.key("alias"), key))
        if record is None:
            record = {"url": url, "doc": doc, "reason": reason, "first_seen": int(time.time()),
                      "first_run": self.run, "seen_run": self.run}
        elif record["doc"] != doc:
            self.db.srem(self.key("aliases_of", record["doc"]), key)
        record.update(doc=doc, seen_run=self.run)
        self.db.hset(self.key("alias"), key, json.dumps(record))
        self.db.sadd(self.key("aliases_of", doc), key)
        return record

    def sighting(self, url: str, target: str, reason: str) -> None:
        """An address seen in a link and never fetched, recorded for the whole run."""
        self._run_write("sightings", "hsetnx", url_key(url), json.dumps([url, target, reason]))

    def sightings(self) -> Iterator[tuple[str, str, str]]:
        """The run's sightings this worker reports, once the crawl is over.

        Every worker first records all of them as addresses (whoever saw them), so
        the ``urls`` it writes are complete; each one is then reported in the
        duplicates stream by the first worker to claim it.
        """
        found = sorted(json.loads(raw) for raw in
                       self.db.hvals(self.key("sightings", self.run)))
        for url, target, reason in found:
            document = self.canonical_of(target)
            if document is not None:
                self._save_alias(url, document.key, reason)
        for url, target, reason in found:
            if self._run_write("reported", "sadd", url_key(url)):
                yield url, target, reason

    # --- this run's output -------------------------------------------------

    def emitted(self, key: int) -> None:
        """Record who wrote the document in this run (see ``written_by``)."""
        self._run_write("emitted", "hset", key, self.worker)

    def written_by(self, url: str) -> str | None:
        """The worker that wrote this document in this run, if any.

        A request fetched twice in one run (a retry queued by a worker that then died,
        and that worker's own request redone) must not write its document twice.
        """
        owner = self.db.hget(self.key("emitted", self.run), url_key(url))
        return owner.decode() if owner is not None else None

    def demotions(self) -> dict[str, tuple[str, str]]:
        return {url.decode(): tuple(json.loads(raw)) for url, raw in
                self.db.hgetall(self.key("demoted", self.run)).items()}

    def addresses(self, key: int) -> list[str]:
        aliases = [int(k) for k in self.db.smembers(self.key("aliases_of", key))]
        if not aliases:
            return []
        records = [_load(raw) for raw in self.db.hmget(self.key("alias"), aliases)]
        return sorted(r["url"] for r in records if r and r["seen_run"] == self.run)

    def missing(self, previous: int | None) -> list[str]:
        if previous is None:
            return []
        return sorted(d.url for d in self._documents(self.db.smembers(self.key("seen", previous)))
                      if d.seen_run == previous)

    def counts(self) -> dict[str, int]:
        return {"documents": self.db.hlen(self.key("doc")),
                "aliases": self.db.hlen(self.key("alias"))}
