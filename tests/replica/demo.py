"""`make demo`: start the replica, crawl its disclosure section, stop it, show the result.

The replica runs as its own process on a free loopback port and is stopped by
the PID this script started. The crawler reaches it through ``http_proxy``, so
it crawls the real host name with its real settings; only politeness delays are
turned off, because the replica is on loopback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START_URL = "http://www.szwz.gov.cn/szwz/xxgk/index.shtml"


def start_replica(workdir: Path, log: Path | None = None, *options: str,
                  timeout: float = 30) -> tuple[subprocess.Popen, int]:
    """The replica server in its own process (``options`` go to its command line); its port."""
    port_file = workdir / "replica.port"
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.replica.server", "--port-file", str(port_file),
         *(["--log", str(log)] if log else []), *options],
        cwd=ROOT,
    )
    deadline = time.monotonic() + timeout
    while not port_file.exists() or not port_file.read_text().strip():
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            raise SystemExit("the replica server did not start")
        time.sleep(0.05)
    return process, int(port_file.read_text())


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="zwgk-demo-") as tmp:
        workdir = Path(tmp)
        request_log = workdir / "requests.jsonl"
        replica, port = start_replica(workdir, request_log)
        print(f"Replica site serving on 127.0.0.1:{port} (pid {replica.pid})")
        env = {**os.environ, "http_proxy": f"http://127.0.0.1:{port}", "no_proxy": ""}
        env.pop("https_proxy", None)
        started = time.time()
        try:
            crawl = subprocess.run(
                [sys.executable, "-m", "scrapy", "crawl", "disclosure",
                 "-a", f"start_url={START_URL}",
                 "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
                 "-s", "LOG_LEVEL=WARNING"],
                cwd=ROOT, env=env, check=False,
            )
        finally:
            stop(replica)
        requests = sum(1 for _ in request_log.open(encoding="utf-8"))
    summaries = sorted((ROOT / "output").glob("*/disclosure-*.summary.json"),
                       key=lambda p: p.stat().st_mtime)
    fresh = [p for p in summaries if p.stat().st_mtime >= started]
    if crawl.returncode != 0 or not fresh:
        print("The crawl failed; see the log above.", file=sys.stderr)
        return 1
    summary = json.loads(fresh[-1].read_text(encoding="utf-8"))
    print()
    print(f"Crawled {summary['start_url']} ({summary['family']} platform) "
          f"in {summary['duration_seconds']:.1f} s")
    print(f"  documents written : {summary['items']['written']}")
    print(f"  pages fetched     : {summary['pages']['responses']} "
          f"(replica saw {requests} requests)")
    print(f"  errors            : {summary['errors']['by_kind'] or 'none'}")
    print(f"  skipped           : {summary['skipped']}")
    spam = summary["spam"]
    print(f"  hacked pages      : {spam['contaminated']} "
          f"(removed by kind: {spam['removed_by_kind'] or 'nothing'})")
    dedup, state = summary["dedup"], summary["state"]
    print(f"  copies folded     : {dedup['written_to_duplicates_stream']} written to the duplicates "
          f"stream ({dedup['duplicates'] or 'no fetched copies'}; addresses: "
          f"{dedup['addresses'] or 'none'})")
    print(f"  since last run    : {state['new']} new, {state['updated']} updated, "
          f"{state['unchanged']} unchanged, {state['missing']} missing")
    print(f"  output            : {summary['output']['items']}")
    print(f"  summary           : {summary['output']['summary']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
