"""Peak memory of a crawl ten times larger: RSS must stay nearly flat as the site grows.

    python -m benchmarks.bench_memory [--sizes SMALL,LARGE] [--no-write]

The project's spider and every pipeline crawl the replica grown by SMALL and then by
LARGE articles (tests/replica/bulk.py), each crawl in a fresh process against a
replica in its own process; the peak RSS of the crawl process is read from ``wait4``.
Target: the larger crawl's peak under 1.5 × the smaller one's.
"""

from __future__ import annotations

import argparse

from benchmarks import crawl
from benchmarks.common import append_result


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="articles added: small,large")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.sizes.split(",")]
    runs = {}
    for size in sizes:
        with crawl.replica(size) as proxy:
            runs[size] = crawl.full_crawl(proxy)
    small, large = (runs[size] for size in sizes)
    growth = large.max_rss_mb / small.max_rss_mb
    result = {"pages": [small.pages, large.pages], "max_rss_mb": [small.max_rss_mb,
                                                                  large.max_rss_mb],
              "growth": growth}
    lines = [
        *(f"- replica + {size:,} articles: {run.pages:,} pages, {run.items:,} documents, "
          f"peak RSS {run.max_rss_mb:.0f} MB, {run.pages_per_second:.0f} pages/s"
          for size, run in runs.items()),
        f"- growth: {growth:.2f}× for {large.pages / small.pages:.1f}× the pages "
        f"(target < 1.5×)",
    ]
    print("\n".join(lines))
    if not args.no_write:
        append_result("Peak memory at scale", lines, ("scrapy", "lxml"))
    return result


if __name__ == "__main__":
    main()
