"""The benchmark code runs (a smoke test; speed itself is measured by `make bench`, not here)."""

from benchmarks import bench_extract, bench_memory, bench_state, bench_throughput


def test_extraction_benchmark_runs_on_a_few_pages():
    result = bench_extract.main(["--rounds", "1", "--pages", "4", "--no-write"])
    assert set(result) == {"ours_ms", "trafilatura_ms", "ratio", "ratio_family_known"}
    assert result["ours_ms"] > 0 and result["trafilatura_ms"] > 0


def test_state_benchmark_runs_small():
    result = bench_state.main(["--documents", "500", "--near", "200,400", "--no-write"])
    assert result["exact"]["bytes_per_document"] > 0
    assert result["quality"]["precision"] == 1.0
    assert result["quality"]["recall"] >= 0.99


def test_throughput_benchmark_runs_on_the_base_replica():
    result = bench_throughput.main(["--size", "0", "--rounds", "1", "--no-write"])
    assert result["items"] > 100 and result["pages"] > result["items"]
    assert result["full_pages_per_s"][0] > 0 and result["bare_pages_per_s"][0] > 0
    assert result["ratio"] > 0


def test_memory_benchmark_runs_small():
    result = bench_memory.main(["--sizes", "0,30", "--no-write"])
    small, large = result["pages"]
    assert large > small  # 30 more articles, listed 50 a page instead of 15
    assert all(rss > 0 for rss in result["max_rss_mb"]) and result["growth"] > 0
