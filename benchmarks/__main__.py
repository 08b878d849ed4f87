"""`make bench`: run every benchmark and append its results to benchmarks/RESULTS.md.

About 25 minutes on the project's two-core machines: extraction (7 rounds, under a
minute), deduplication state (10^6 documents, a few minutes), throughput (a
10,000-article replica, a first crawl and 3 alternating rounds, about 8 minutes) and
memory (crawls of 10,000 and 100,000 added articles, about 15 minutes).
"""

from benchmarks import bench_extract, bench_memory, bench_state, bench_throughput

BENCHMARKS = (bench_extract, bench_state, bench_throughput, bench_memory)

for benchmark in BENCHMARKS:
    benchmark.main([])
