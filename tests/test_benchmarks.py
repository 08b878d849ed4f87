"""The benchmark code runs (a smoke test; speed itself is measured by `make bench`, not here)."""

from benchmarks import bench_extract


def test_extraction_benchmark_runs_on_a_few_pages():
    result = bench_extract.main(["--rounds", "1", "--pages", "4", "--no-write"])
    assert set(result) == {"ours_ms", "trafilatura_ms", "ratio"}
    assert result["ours_ms"] > 0 and result["trafilatura_ms"] > 0
