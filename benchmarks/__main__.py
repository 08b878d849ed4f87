"""`make bench`: run every benchmark and append its results to benchmarks/RESULTS.md."""

from benchmarks import bench_extract, bench_state

BENCHMARKS = (bench_extract, bench_state)

for benchmark in BENCHMARKS:
    benchmark.main([])
