"""Atomic output: the final file name holds a complete file or nothing, even after SIGKILL."""

import os
import signal
import subprocess
import time
from types import SimpleNamespace

from crawler.extensions.summary import summary_path_for
from crawler.feeds import AtomicFileFeedStorage
from tests.helpers import FAST, ROOT, crawl_command, crawl_env
from tests.replica.server import ReplicaServer


class Stats(dict):
    def get_value(self, key, default=None):
        return self.get(key, default)

    def set_value(self, key, value):
        self[key] = value


def spider_stub():
    return SimpleNamespace(crawler=SimpleNamespace(stats=Stats()))


def test_nothing_under_the_final_name_until_the_feed_is_stored(tmp_path):
    target = tmp_path / "site" / "run.jsonl"
    storage = AtomicFileFeedStorage(str(target), feed_options={"overwrite": True})
    spider = spider_stub()
    file = storage.open(spider)
    file.write(b'{"a": 1}\n')
    assert not target.exists()
    assert [p.name.endswith(".partial") for p in target.parent.iterdir()] == [True]
    storage.store(file)
    assert target.read_bytes() == b'{"a": 1}\n'
    assert [p.name for p in target.parent.iterdir()] == ["run.jsonl"]
    assert spider.crawler.stats["output/files"] == [str(target.resolve())]


def test_append_mode_keeps_what_was_there(tmp_path):
    target = tmp_path / "run.jsonl"
    target.write_bytes(b'{"old": 1}\n')
    storage = AtomicFileFeedStorage(str(target), feed_options={"overwrite": False})
    file = storage.open(spider_stub())
    file.write(b'{"new": 2}\n')
    assert target.read_bytes() == b'{"old": 1}\n'
    storage.store(file)
    assert target.read_bytes() == b'{"old": 1}\n{"new": 2}\n'


def test_summary_sits_beside_the_items():
    assert str(summary_path_for("/o/site/disclosure-20260101T000000Z.jsonl")) == (
        "/o/site/disclosure-20260101T000000Z.summary.json")
    assert str(summary_path_for("mine.jl")) == "mine.summary.json"


def test_a_crawl_killed_with_sigkill_leaves_no_truncated_output(tmp_path):
    server = ReplicaServer(latency=0.05).start()
    try:
        process = subprocess.Popen(
            crawl_command(*FAST, "-s", f"OUTPUT_DIR={tmp_path}",
                          "-a", "start_url=http://www.szwz.gov.cn/szwz/xxgk/index.shtml"),
            cwd=ROOT, env=crawl_env(server.proxy_url),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while sum(r["path"].count("/20") for r in server.requests) < 40:
            assert process.poll() is None, "the crawl ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=10) == -signal.SIGKILL
    finally:
        server.stop()
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert [p for p in files if p.name.endswith((".jsonl", ".summary.json"))] == []
    partial = [p for p in files if p.name.endswith(".partial") and ".duplicates." not in p.name]
    assert len(partial) == 1
    assert partial[0].name.startswith(".disclosure-") and ".jsonl." in partial[0].name
