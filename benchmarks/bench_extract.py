"""Extraction + cleaning per page, against trafilatura.extract on the same pages, same run.

    python -m benchmarks.bench_extract [--rounds N] [--no-write]

Pages: every document page of the replica (official and hacked) and the spam
mirror's copies, as bytes. Ours is the item pipeline from bytes up to deduplication
(decode, parse, sanitize, family detection and extraction, mirror check, clean);
trafilatura's is ``extract(bytes)``, which decodes and parses too. The two alternate
round by round; times are the thread's CPU time, so other processes do not skew them.
Target: ours at most a quarter of trafilatura's time per page.
"""

from __future__ import annotations

import argparse
import statistics
import time

import trafilatura

from benchmarks.common import append_result, spread, timed
from crawler.items import Page
from tests.helpers import PipelineRunner
from tests.replica.hosts.mirror import MirrorSite
from tests.replica.hosts.szwz import HOST, SzwzSite, doc_path


def replica_pages(limit: int | None = None) -> list[tuple[str, bytes]]:
    site = SzwzSite()
    mirror = MirrorSite(site)
    pages = [(f"http://{HOST}{doc_path(d)}", site.article_page(d).encode())
             for d in site.corpus.docs]
    pages += [(f"http://www.cpcoupon.com{path}", mirror.page(d).encode())
              for path, d in mirror.mirrored.items()]
    return pages[:limit] if limit else pages


def ours(runner: PipelineRunner, pages: list[tuple[str, bytes]], family: str | None = None) -> None:
    """``family``: known in advance, as in a crawl (the spider detects it on the start page)."""
    for url, body in pages:
        runner.run(Page(url=url, body=body, content_type="text/html; charset=utf-8",
                        crawled_at="2026-01-01T00:00:00+00:00", family=family))


def theirs(pages: list[tuple[str, bytes]]) -> None:
    for url, body in pages:
        trafilatura.extract(body, url=url)


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--pages", type=int, default=None, help="use only the first N pages")
    parser.add_argument("--no-write", action="store_true", help="do not append to RESULTS.md")
    args = parser.parse_args(argv)
    pages = replica_pages(args.pages)
    runner = PipelineRunner(until="pipelines.fingerprint.FingerprintPipeline")
    ours(runner, pages[:3])
    theirs(pages[:3])
    mine, known, other = [], [], []
    for _ in range(args.rounds):
        mine.append(timed(ours, runner, pages, clock=time.thread_time) / len(pages) * 1000)
        other.append(timed(theirs, pages, clock=time.thread_time) / len(pages) * 1000)
        known.append(timed(ours, runner, pages, "jiyuehua", clock=time.thread_time)
                     / len(pages) * 1000)
    ratios = [a / b for a, b in zip(mine, other)]
    known_ratios = [a / b for a, b in zip(known, other)]
    result = {"ours_ms": statistics.median(mine), "trafilatura_ms": statistics.median(other),
              "ratio": statistics.median(ratios), "ratio_family_known": statistics.median(
                  known_ratios)}
    lines = [
        f"- pages: {len(pages)} replica pages (official, hacked, mirror), "
        f"{args.rounds} alternating rounds",
        f"- ours (item pipeline from bytes up to deduplication), CPU ms/page: {spread(mine)}",
        f"- trafilatura.extract, CPU ms/page: {spread(other)}",
        f"- ratio ours/trafilatura: {spread(ratios)} (target ≤ 0.25)",
        f"- the same with the family known, as in a crawl: {spread(known)} ms/page, ratio "
        f"{spread(known_ratios)}",
    ]
    print("\n".join(lines))
    if not args.no_write:
        append_result("Extraction + cleaning vs trafilatura", lines,
                      ("scrapy", "lxml", "opencc", "trafilatura"))
    return result


if __name__ == "__main__":
    main()
