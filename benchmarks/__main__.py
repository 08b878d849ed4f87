"""`make bench`: run every benchmark and append its results to benchmarks/RESULTS.md."""

from benchmarks import bench_extract

BENCHMARKS = (bench_extract,)

for benchmark in BENCHMARKS:
    benchmark.main([])
