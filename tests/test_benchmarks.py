"""The benchmark code runs (a smoke test; speed itself is measured by `make bench`, not here)."""

from benchmarks import bench_extract, bench_state


def test_extraction_benchmark_runs_on_a_few_pages():
    result = bench_extract.main(["--rounds", "1", "--pages", "4", "--no-write"])
    assert set(result) == {"ours_ms", "trafilatura_ms", "ratio"}
    assert result["ours_ms"] > 0 and result["trafilatura_ms"] > 0


def test_state_benchmark_runs_small():
    result = bench_state.main(["--documents", "500", "--near", "200,400", "--no-write"])
    assert result["exact"]["bytes_per_document"] > 0
    assert result["quality"]["precision"] == 1.0
    assert result["quality"]["recall"] >= 0.99
