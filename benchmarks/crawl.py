"""Crawls for the throughput and memory benchmarks: a large replica, the project's crawl and
the bare one, each in its own process.

The replica runs in a process of its own (its CPU is not the crawler's), started here
and stopped by its PID. Each crawl is a fresh process with a fresh output and state
directory; its peak RSS comes from ``wait4`` on that process alone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.replica.demo import start_replica, stop

ROOT = Path(__file__).resolve().parents[1]
START_URL = "http://www.szwz.gov.cn/szwz/xxgk/index.shtml"
CONCURRENCY = 16  # politeness off on loopback: enough requests in flight for either crawler
FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", f"CONCURRENT_REQUESTS={CONCURRENCY}",
        "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={CONCURRENCY}", "-s", "LOG_LEVEL=WARNING")


@dataclass
class CrawlRun:
    pages: int  # responses received
    seconds: float  # first request to close
    max_rss_mb: float
    items: int = 0

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


@contextmanager
def replica(size: int, log: Path | None = None):
    """A replica server with ``size`` more szwz articles; yields its proxy URL."""
    with tempfile.TemporaryDirectory(prefix="zwgk-bench-replica-") as tmp:
        process, port = start_replica(Path(tmp), log, "--size", str(size), timeout=60)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            stop(process)


def _environment(proxy: str) -> dict[str, str]:
    env = {**os.environ, "http_proxy": proxy, "no_proxy": "", "PYTHONUNBUFFERED": "1"}
    env.pop("https_proxy", None)
    return env


def _run(command: list[str], proxy: str, timeout: float) -> float:
    """Run a crawl process to its end; its peak RSS in MB."""
    process = subprocess.Popen(command, cwd=ROOT, env=_environment(proxy))
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            break
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise TimeoutError(" ".join(command))
        time.sleep(0.05)
    if process.returncode != 0:
        raise RuntimeError(f"crawl failed ({process.returncode}): {' '.join(command)}")
    return usage.ru_maxrss / 1024


def full_crawl(proxy: str, timeout: float = 7200) -> CrawlRun:
    """The project's spider and every pipeline, writing its output to a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="zwgk-bench-full-") as tmp:
        command = [sys.executable, "-m", "scrapy", "crawl", "disclosure",
                   "-a", f"start_url={START_URL}", *FAST, "-s", f"OUTPUT_DIR={tmp}"]
        rss = _run(command, proxy, timeout)
        summary = json.loads(next(Path(tmp).rglob("*.summary.json")).read_text("utf-8"))
    return CrawlRun(summary["pages"]["responses"], summary["duration_seconds"], rss,
                    summary["items"]["written"])


def bare_crawl(proxy: str, requests: list[dict], timeout: float = 7200) -> CrawlRun:
    """Plain Scrapy making ``requests`` (benchmarks/bare_spider.py)."""
    with tempfile.TemporaryDirectory(prefix="zwgk-bench-bare-") as tmp:
        url_file, stats_file = Path(tmp) / "requests.jsonl", Path(tmp) / "stats.json"
        url_file.write_text("".join(json.dumps(r) + "\n" for r in requests), encoding="utf-8")
        command = [sys.executable, "-m", "benchmarks.bare_spider", str(url_file),
                   str(stats_file), "--concurrency", str(CONCURRENCY)]
        rss = _run(command, proxy, timeout)
        stats = json.loads(stats_file.read_text(encoding="utf-8"))
    return CrawlRun(stats["responses"], stats["seconds"], rss)


def made_requests(log: Path) -> list[dict]:
    """The requests a crawl made of the replica, ``{method, url, body}`` in order, each once
    (a retried request is one request), from the replica's log."""
    seen: dict[tuple[str, str, str], None] = {}
    for line in log.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        seen.setdefault((entry["method"], entry["url"], entry["body"]), None)
    return [{"method": m, "url": u, "body": b} for m, u, b in seen]
