"""Pause and resume with ``-s JOBDIR``: a crawl killed (SIGKILL) or stopped (Ctrl-C) and then
resumed writes what one uninterrupted crawl writes, fetching again only what it never had."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
from scrapy import Request
from scrapy import signals as scrapy_signals
from scrapy.core.scheduler import Scheduler
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Response
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from crawler import settings as project_settings
from crawler.jobdir import (
    JOB_FILE,
    JOURNAL_FILE,
    Job,
    ReplayScheduler,
    ResponseJournalMiddleware,
    storable,
)
from crawler.publication import Publisher
from tests.conftest import ROOT_URL
from tests.helpers import FAST, ROOT, crawl_command, crawl_env, read_jsonl, run_crawl
from tests.replica.hosts.szwz import HOST
from tests.replica.server import ReplicaServer

LATENCY = 0.02  # slows the replica just enough to kill the crawl where a test wants
COLUMN_URL = f"http://{HOST}/szwz/tzgg/nav_list.shtml"
MARKER_SETTING = "RESUME_TEST_FINALISING_MARKER"
# Fetch times differ between runs and nothing else does: crawled_at is the only field left out.
TIME_DEPENDENT = ("crawled_at",)


class SlowFinalisation:
    """Extension for crawls under test: finalisation stalls after the items file is rewritten
    and the duplicates stream sealed, before anything is committed, so a test can kill it there.
    It touches the file named by ``RESUME_TEST_FINALISING_MARKER`` when it starts stalling."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.marker = Path(crawler.settings[MARKER_SETTING])
        crawler.signals.connect(self.spider_opened, signal=scrapy_signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider) -> None:
        """Registered last (after deduplication's finalizer, built with the pipelines)."""
        Publisher.of(self.crawler).finalizers.append(self.stall)

    def stall(self, items_file: Path) -> list:
        self.marker.touch()
        time.sleep(60)
        return []


# --- helpers ------------------------------------------------------------------


def comparable(records: list[dict]) -> list[dict]:
    return sorted(({k: v for k, v in r.items() if k not in TIME_DEPENDENT} for r in records),
                  key=lambda r: json.dumps(r, sort_keys=True, ensure_ascii=False))


def by_url(items: list[dict]) -> dict[str, dict]:
    return {item["url"]: {k: v for k, v in item.items() if k not in TIME_DEPENDENT}
            for item in items}


def stat(log: str, name: str) -> int:
    found = re.search(rf"'{re.escape(name)}': (\d+)", log)
    return int(found.group(1)) if found else 0


def journaled_urls(jobdir: Path) -> set[str]:
    """GET URLs in the journal a killed crawl left (read after the kill, before resuming)."""
    db = sqlite3.connect(jobdir / JOURNAL_FILE)
    try:
        return {url for (url,) in db.execute("SELECT url FROM responses WHERE method = 'GET'")}
    finally:
        db.close()


def partial_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if ".partial" in p.name]


def job_args(jobdir: Path, start_url: str = ROOT_URL) -> tuple[str, ...]:
    return ("-s", f"JOBDIR={jobdir}", "-a", f"start_url={start_url}")


@contextmanager
def crawl_process(server: ReplicaServer, output: Path, jobdir: Path, log: Path,
                  stall_marker: Path | None = None) -> Iterator[subprocess.Popen]:
    """A crawl with JOBDIR in its own process (killed on the way out if a test failed
    first); with ``stall_marker`` its finalisation stalls (SlowFinalisation), so it
    cannot publish before the test kills it."""
    command = crawl_command(*FAST, "-s", f"OUTPUT_DIR={output}", *job_args(jobdir))
    if stall_marker is not None:
        extensions = {**project_settings.EXTENSIONS, f"{__name__}.SlowFinalisation": 990}
        command += ["-s", f"EXTENSIONS={json.dumps(extensions)}",
                    "-s", f"{MARKER_SETTING}={stall_marker}"]
    with log.open("w") as stderr:
        process = subprocess.Popen(command, cwd=ROOT, env=crawl_env(server.proxy_url),
                                   stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def wait_for(process: subprocess.Popen, ready, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert process.poll() is None, "the crawl ended before it could be interrupted"
        assert time.monotonic() < deadline, "the crawl never reached the point to interrupt"
        time.sleep(0.005)


def settle(server: ReplicaServer) -> int:
    """Requests the server has answered once the interrupted crawl's last ones are logged."""
    time.sleep(10 * LATENCY)
    return len(server.requests)


def assert_same_as_reference(result, reference) -> None:
    assert result.returncode == 0, result.log[-3000:]
    assert by_url(result.items) == by_url(reference.items)
    assert comparable(result.duplicates) == comparable(reference.duplicates)
    summary, expected = result.summary, reference.summary
    assert summary["output"]["published"] is True
    assert summary["items"]["written"] == expected["items"]["written"]
    assert summary["state"]["new"] == expected["state"]["new"]
    assert (summary["dedup"]["written_to_duplicates_stream"]
            == expected["dedup"]["written_to_duplicates_stream"])
    assert partial_files(result.output_dir) == []


# --- killed and resumed -----------------------------------------------------------------


KILL_POINTS = {
    "after_10_requests": lambda total: 10,
    "halfway": lambda total: total // 2,
    "after_the_last_request": lambda total: total,
}


@pytest.mark.parametrize("point", [*KILL_POINTS, "during_finalisation"])
def test_a_killed_crawl_resumes_to_the_uninterrupted_output(tmp_path, full_crawl, point):
    reference, reference_requests = full_crawl
    total = len(reference_requests)
    output, jobdir, marker = tmp_path / "out", tmp_path / "job", tmp_path / "finalising"
    server = ReplicaServer(latency=LATENCY).start()
    try:
        with crawl_process(server, output, jobdir, tmp_path / "killed.log", marker) as process:
            if point == "during_finalisation":
                wait_for(process, marker.exists)
            else:
                enough = KILL_POINTS[point](total)
                wait_for(process, lambda: len(server.requests) >= enough or marker.exists())
            os.kill(process.pid, signal.SIGKILL)
            assert process.wait(timeout=10) == -signal.SIGKILL
        killed = settle(server)
        assert not list(output.rglob("*.jsonl"))
        journaled = journaled_urls(jobdir)
        assert journaled <= {r["url"] for r in server.requests}
        resumed = run_crawl(server, output, *job_args(jobdir))
        again = server.requests[killed:]
    finally:
        server.stop()
    assert_same_as_reference(resumed, reference)
    assert "Resuming the job in" in resumed.log
    assert stat(resumed.log, "jobdir/replayed") > 0
    assert len(again) <= total - killed + project_settings.CONCURRENT_REQUESTS + 3
    assert not journaled & {r["url"] for r in again if r["method"] == "GET"}
    if point == "during_finalisation":
        assert again == []  # everything was journaled: the resumed crawl is pure replay
    assert json.loads((jobdir / JOB_FILE).read_text())["status"] == "finished"
    assert not (jobdir / JOURNAL_FILE).exists()


def test_ctrl_c_pauses_without_publishing_and_the_job_resumes(tmp_path, full_crawl):
    reference, reference_requests = full_crawl
    output, jobdir, log = tmp_path / "out", tmp_path / "job", tmp_path / "paused.log"
    server = ReplicaServer(latency=LATENCY).start()
    try:
        with crawl_process(server, output, jobdir, log) as process:
            wait_for(process, lambda: len(server.requests) >= len(reference_requests) // 2)
            os.kill(process.pid, signal.SIGINT)
            assert process.wait(timeout=60) == 0, log.read_text()[-3000:]
        summary = json.loads(next(output.rglob("*.summary.json")).read_text(encoding="utf-8"))
        assert summary["finish_reason"] == "shutdown"
        assert summary["output"]["published"] is False
        assert not list(output.rglob("*.jsonl"))
        assert partial_files(output) == []
        assert "Crawl paused (shutdown)" in log.read_text()
        state = sqlite3.connect(next((output / ".state").glob("*.sqlite")))
        assert state.execute("SELECT count(*) FROM documents").fetchone() == (0,)
        state.close()
        resumed = run_crawl(server, output, *job_args(jobdir))
    finally:
        server.stop()
    assert_same_as_reference(resumed, reference)
    assert stat(resumed.log, "jobdir/replayed") > 0


def test_a_finished_job_run_again_is_a_new_job(tmp_path):
    output, jobdir = tmp_path / "out", tmp_path / "job"
    server = ReplicaServer().start()
    try:
        first = run_crawl(server, output, *job_args(jobdir, COLUMN_URL))
        first_requests = len(server.requests)
        assert first.returncode == 0, first.log[-3000:]
        first_job = json.loads((jobdir / JOB_FILE).read_text())
        assert first_job["status"] == "finished"
        second = run_crawl(server, output, *job_args(jobdir, COLUMN_URL))
    finally:
        server.stop()
    assert second.returncode == 0, second.log[-3000:]
    assert "Started a new job in" in second.log and "Resuming" not in second.log
    second_job = json.loads((jobdir / JOB_FILE).read_text())
    assert second_job["run_stamp"] != first_job["run_stamp"]
    files = second.item_files
    assert [f.name for f in files] == [f"disclosure-{first_job['run_stamp']}.jsonl",
                                       f"disclosure-{second_job['run_stamp']}.jsonl"]
    assert stat(second.log, "jobdir/replayed") == 0
    # fetched again, not replayed (less the one-shot 500 the first run was answered)
    assert len(server.requests) - first_requests >= first_requests - 1
    earlier, later = (by_url(read_jsonl(f)) for f in files)
    assert {url: {**item, "change": "unchanged"} for url, item in earlier.items()} == later


# --- the journal, with real Scrapy objects -------------------------------------------------


def crawler_for(jobdir: Path | None, start_url: str = "http://www.szwz.gov.cn/"):
    settings = Settings()
    settings.setmodule("crawler.settings")
    if jobdir is not None:
        settings.set("JOBDIR", str(jobdir))
    crawler = get_crawler(settings_dict=settings.copy_to_dict())
    crawler.spider = SimpleNamespace(name="disclosure", start_url=start_url)
    return crawler


def middleware(jobdir: Path | None, start_url: str = "http://www.szwz.gov.cn/"):
    return ResponseJournalMiddleware.from_crawler(crawler_for(jobdir, start_url))


def page(url: str, status: int = 200, body: bytes = b"<html><body>x</body></html>",
         headers: dict | None = None) -> HtmlResponse:
    return HtmlResponse(url, status=status, body=body,
                        headers=headers or {"Content-Type": "text/html; charset=utf-8"})


@pytest.mark.parametrize(("status", "kept"), [
    (200, True), (301, True), (302, True), (304, True), (404, True), (410, True),
    (403, False), (408, False), (412, False), (429, False), (500, False), (502, False),
    (503, False), (521, False),
])
def test_only_final_permanent_responses_are_journaled(status, kept):
    retry_codes = frozenset(project_settings.RETRY_HTTP_CODES)
    assert storable(page("http://www.szwz.gov.cn/a.shtml", status), retry_codes) is kept


def test_a_body_cut_short_is_never_journaled():
    cut = HtmlResponse("http://www.szwz.gov.cn/a.shtml", body=b"<html><bo", flags=["dataloss"])
    assert storable(cut, frozenset(project_settings.RETRY_HTTP_CODES)) is False


def test_a_challenge_page_is_never_journaled(tmp_path):
    journal = middleware(tmp_path)
    challenge = page("http://www.szwz.gov.cn/a.shtml", 200, body=(
        b"<html><script>var arg1='3F1C';document.cookie='acw_sc__v2='+x;"
        b"location.reload()</script></html>"))
    request = Request(challenge.url)
    assert journal.process_response(request, challenge, None) is challenge
    assert journal.job.journal.count() == 0


def test_a_journaled_response_is_replayed_identically(tmp_path):
    url = "http://www.szwz.gov.cn/szwz/tzgg/202301/a.shtml"
    original = page(url, body="<html><body>通知</body></html>".encode("gb18030"), headers={
        "Content-Type": "text/html; charset=gbk", "Set-Cookie": ["a=1", "b=2"]})
    first = middleware(tmp_path)
    first.process_response(Request(url), original, None)
    assert first.stats.get_value("jobdir/journaled") == 1
    first.job.close()

    again = middleware(tmp_path)
    assert again.job.resumed
    request = Request(url)
    replayed = again.process_request(request, None)
    assert type(replayed) is HtmlResponse
    assert (replayed.status, replayed.body, replayed.url) == (200, original.body, url)
    assert replayed.headers == original.headers
    assert replayed.headers.getlist("Set-Cookie") == [b"a=1", b"b=2"]
    assert "replayed" in replayed.flags
    assert request.meta["fetched_at"].endswith("+00:00")
    assert again.process_response(request, replayed, None) is replayed
    assert again.stats.get_value("jobdir/journaled") is None
    assert again.stats.get_value("jobdir/replayed") == 1
    assert again.process_request(Request(url + "?other=1"), None) is None


def test_a_redirect_is_replayed_for_redirect_middleware_to_follow(tmp_path):
    url = "http://szwz.gov.cn/szwz/xxgk/index.shtml"
    moved = Response(url, status=301, headers={"Location": "http://www.szwz.gov.cn/szwz/xxgk/"})
    first = middleware(tmp_path)
    first.process_response(Request(url), moved, None)
    first.job.close()
    replayed = middleware(tmp_path).process_request(Request(url), None)
    assert replayed.status == 301
    assert replayed.headers["Location"] == b"http://www.szwz.gov.cn/szwz/xxgk/"


def test_a_fresh_download_forgets_a_replayed_redirects_time(tmp_path):
    request = Request("http://www.szwz.gov.cn/new.shtml", meta={"fetched_at": "2020-01-01"})
    assert middleware(tmp_path).process_request(request, None) is None
    assert "fetched_at" not in request.meta


def test_no_journal_without_jobdir():
    with pytest.raises(NotConfigured):
        middleware(None)


def test_a_job_is_resumed_until_it_finishes(tmp_path):
    new = Job.of(crawler_for(tmp_path))
    assert not new.resumed and new.status == "running"
    new.journal.put(b"k", "GET", page("http://www.szwz.gov.cn/"), "2026-01-01T00:00:00+00:00")
    new.close()
    resumed = Job.of(crawler_for(tmp_path))
    assert resumed.resumed and resumed.run_stamp == new.run_stamp
    assert resumed.journal.count() == 1
    resumed.finish()
    assert not (tmp_path / JOURNAL_FILE).exists()
    after = Job.of(crawler_for(tmp_path))
    assert not after.resumed and after.journal.count() == 0
    after.close()


def test_another_start_url_starts_a_new_job(tmp_path):
    first = Job.of(crawler_for(tmp_path))
    first.journal.put(b"k", "GET", page("http://www.szwz.gov.cn/"), "2026-01-01T00:00:00+00:00")
    first.close()
    other = Job.of(crawler_for(tmp_path, COLUMN_URL))
    assert not other.resumed and other.journal.count() == 0
    other.close()


def test_the_scheduler_starts_with_an_empty_queue_and_tells_the_close_reason(tmp_path):
    crawler = crawler_for(tmp_path)
    stale = tmp_path / "requests.queue"
    stale.mkdir()
    (stale / "active.json").write_text("[0]")
    (stale / "p0").write_bytes(b"\x00truncated")
    scheduler = ReplayScheduler.from_crawler(crawler)
    assert isinstance(scheduler, Scheduler)
    scheduler.open(crawler.spider)
    assert list(stale.iterdir()) == []
    assert not scheduler.has_pending_requests()
    scheduler.close("shutdown")
    assert Job.of(crawler).close_reason == "shutdown" and Job.of(crawler).paused
    Job.of(crawler).close()
