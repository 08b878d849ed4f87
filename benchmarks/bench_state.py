"""Deduplication state at scale, and near-duplicate precision/recall on a labelled replica set.

    python -m benchmarks.bench_state [--documents N] [--near N1,N2] [--no-write]

1. Exact state: N synthetic documents (realistic URLs) in one site's store; bytes per
   document of the SQLite file, and URL and content-hash lookups per second.
   Target: at most 200 bytes per document at 10^6.
2. Near-duplicate lookups with signatures at two corpus sizes: the time per lookup
   must not grow with the corpus (LSH buckets are index probes).
3. Precision and recall of "is a copy" (same hash, or MinHash ≥ threshold with numbers
   agreeing, found through the LSH index) on pairs built from the replica: print views, mirror
   copies, copies in another column, tracking-parameter addresses (positives);
   templated notices and every pair of distinct documents (negatives).
   Targets: precision 100 %, recall ≥ 99 %.
"""

from __future__ import annotations

import argparse
import itertools
import random
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.common import append_result
from crawler.dedup.fingerprint import NUM_PERM, content_hash, fingerprint, hash_key, normalise
from crawler.dedup.store import StateStore, url_key
from crawler.items import Page
from crawler.settings import DEDUP_NEAR_THRESHOLD
from tests.helpers import PipelineRunner
from tests.replica.hosts.mirror import MirrorSite
from tests.replica.hosts.szwz import HOST, SzwzSite, doc_path


def synthetic_url(n: int) -> str:
    """A URL shaped like the platform's: channel, month folder, 32-hex id."""
    article = n * 2654435761 % 16**32
    return f"http://www.szwz.gov.cn/szwz/qzfzdgz/2023{n % 12 + 1:02d}/{article:032x}.shtml"


def exact_state(count: int, directory: Path) -> dict[str, float]:
    store = StateStore(directory / "exact.sqlite")
    store.begin_run("bench")
    started = time.perf_counter()
    for n in range(count):
        store.save_document(synthetic_url(n), n * 7919 - (1 << 62), None, 0, 20230101)
    insert_seconds = time.perf_counter() - started
    store.publish([])
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = (directory / "exact.sqlite").stat().st_size
    rng = random.Random(1)
    probes = [rng.randrange(count) for _ in range(20000)]
    started = time.perf_counter()
    for n in probes:
        store.document(synthetic_url(n))
    url_rate = len(probes) / (time.perf_counter() - started)
    started = time.perf_counter()
    for n in probes:
        store.by_hash(n * 7919 - (1 << 62), 0)
    hash_rate = len(probes) / (time.perf_counter() - started)
    store.close()
    return {"bytes_per_document": size / count, "url_lookups_per_s": url_rate,
            "hash_lookups_per_s": hash_rate, "inserts_per_s": count / insert_seconds}


def near_lookups(count: int, directory: Path) -> float:
    """Milliseconds per nearest() lookup in a store of ``count`` signed documents."""
    store = StateStore(directory / f"near-{count}.sqlite")
    store.begin_run("bench")
    rng = np.random.default_rng(2)
    for n in range(count):
        sig = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint64).astype(np.uint32)
        store.save_document(synthetic_url(n), n, sig, 0, 20230101)
    queries = [rng.integers(0, 2**32, NUM_PERM, dtype=np.uint64).astype(np.uint32)
               for _ in range(2000)]
    started = time.perf_counter()
    for sig in queries:
        store.nearest(sig, DEDUP_NEAR_THRESHOLD, 0)
    elapsed = (time.perf_counter() - started) / len(queries) * 1000
    store.close()
    return elapsed


def labelled_pairs() -> tuple[list[tuple[str, str]], list[tuple[str, str]], dict[str, str]]:
    """(positives, negatives, url → cleaned body) from the replica, bodies from our pipelines."""
    site = SzwzSite()
    mirror = MirrorSite(site)
    runner = PipelineRunner(until="pipelines.fingerprint.FingerprintPipeline")
    bodies: dict[str, str] = {}

    def clean(url: str, html: str) -> None:
        page = Page(url=url, body=html.encode(), content_type="text/html; charset=utf-8",
                    crawled_at="2026-01-01T00:00:00+00:00")
        item = runner.run(page)
        bodies[url] = item["body"] or item["title"]

    official = {d.doc_id: f"http://{HOST}{doc_path(d)}" for d in site.corpus.docs if d.paragraphs}
    for doc in site.corpus.docs:
        if doc.doc_id in official:
            clean(official[doc.doc_id], site.article_page(doc))
    positives = []
    for doc in site.corpus.articles:
        if doc.doc_id not in official:
            continue
        print_url = f"http://{HOST}/szwz/print" + doc_path(doc)[len("/szwz"):]
        clean(print_url, site.print_page(doc))
        positives.append((print_url, official[doc.doc_id]))
    for path, doc in mirror.mirrored.items():
        clean(f"http://www.cpcoupon.com{path}", mirror.page(doc))
        positives.append((f"http://www.cpcoupon.com{path}", official[doc.doc_id]))
    originals = [site.corpus.by_id[site.corpus.traps.cross_listed],
                 site.corpus.column_docs("qzfzdgz")[15]]
    for copy, original in zip(site.corpus.copies, originals, strict=True):
        clean(f"http://{HOST}{doc_path(copy)}", site.article_page(copy))
        positives.append((f"http://{HOST}{doc_path(copy)}", official[original.doc_id]))
    for doc_id in site.corpus.traps.tracking:
        variant = official[doc_id] + "?uid=" + doc_id[:6]
        clean(variant, site.article_page(site.corpus.by_id[doc_id]))
        positives.append((variant, official[doc_id]))
    negatives = list(itertools.combinations(sorted(official.values()), 2))
    return positives, negatives, bodies


def precision_recall(directory: Path) -> dict[str, float]:
    positives, negatives, bodies = labelled_pairs()
    store = StateStore(directory / "labelled.sqlite")
    store.begin_run("bench")
    hashes = {url: hash_key(content_hash(normalise(b))) for url, b in bodies.items()}
    sigs = {url: fingerprint(normalise(b)) for url, b in bodies.items()}
    officials = {a for pair in negatives for a in pair}
    for url in sorted(officials):
        store.save_document(url, hashes[url], sigs[url], 0, None)

    def judged_copy(url: str, of: str) -> bool:
        if hashes[url] == hashes[of]:
            return True
        if sigs[url] is None:
            return False
        near = store.nearest(sigs[url], DEDUP_NEAR_THRESHOLD, url_key(url))
        return near is not None and near[0].url == of

    true_positive = sum(judged_copy(a, b) for a, b in positives)
    false_positive = sum(judged_copy(a, b) for a, b in negatives)
    store.close()
    return {"positives": len(positives), "negatives": len(negatives),
            "recall": true_positive / len(positives),
            "precision": true_positive / max(1, true_positive + false_positive),
            "false_positives": false_positive}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--near", default="10000,50000", help="two corpus sizes for LSH lookups")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.near.split(",")]
    with tempfile.TemporaryDirectory(prefix="zwgk-bench-") as tmp:
        directory = Path(tmp)
        exact = exact_state(args.documents, directory)
        near = {size: near_lookups(size, directory) for size in sizes}
        quality = precision_recall(directory)
    lines = [
        f"- exact state, {args.documents:,} documents: {exact['bytes_per_document']:.0f} bytes per "
        f"document (target ≤ 200); {exact['url_lookups_per_s']:,.0f} URL lookups/s, "
        f"{exact['hash_lookups_per_s']:,.0f} content-hash lookups/s, "
        f"{exact['inserts_per_s']:,.0f} inserts/s",
        "- near-duplicate lookup (16 LSH buckets + verification), ms per lookup: "
        + ", ".join(f"{size:,} documents {ms:.3f}" for size, ms in near.items()),
        f"- labelled replica set ({quality['positives']} copies, {quality['negatives']:,} distinct "
        f"pairs, threshold {DEDUP_NEAR_THRESHOLD}): precision {quality['precision']:.2%}, "
        f"recall {quality['recall']:.2%} (targets 100 % / ≥ 99 %), "
        f"{quality['false_positives']} false positives",
    ]
    print("\n".join(lines))
    if not args.no_write:
        append_result("Deduplication state and near-duplicate quality", lines,
                      ("datasketch", "numpy"))
    return {"exact": exact, "near": near, "quality": quality}


if __name__ == "__main__":
    main()
