"""Two crawler processes share one crawl through a real Redis (README, "More than one machine")."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import redis

from tests.conftest import ROOT_URL
from tests.helpers import FAST, ROOT, crawl_command, crawl_env, read_jsonl
from tests.replica.server import ReplicaServer

LATENCY = 0.05  # each page takes a while, so both workers have requests in hand at once
LEASE = "3"  # seconds without a heartbeat before a worker counts as dead
WORKERS = ("w1", "w2")
RUN = "zwgk:disclosure:www.szwz.gov.cn:"
STATE = "zwgk:state:www.szwz.gov.cn:"
# What Redis keeps between runs: the site's state store and the last verdicts. The
# seen-set (seen:<run>) is the last finished run's, the baseline of the next ``missing``.
STATE_KEYS = {STATE + name for name in ("alias", "aliases_of:*", "bucket:*", "doc", "hash:*",
                                        "run_count", "run_ids", "runs", "seen:*", "sig")}
CROSS_RUN_KEYS = STATE_KEYS | {RUN + "verdict"}


def key_patterns(client) -> set[str]:
    """The keys in Redis, with numbers (document keys, buckets, runs) as ``*``."""
    return {re.sub(r":-?\d+$", ":*", key.decode()) for key in client.scan_iter()}


def start_worker(server, redis_url: str, output: Path, worker: str, log: Path, *extra: str):
    command = crawl_command(*FAST, "-s", f"OUTPUT_DIR={output}", "-s", f"REDIS_URL={redis_url}",
                            "-s", f"WORKER_ID={worker}", "-s", f"WORKER_LEASE_SECONDS={LEASE}",
                            "-a", f"start_url={ROOT_URL}", *extra)
    with log.open("w") as stream:
        return subprocess.Popen(command, cwd=ROOT, env=crawl_env(server.proxy_url),
                                stdout=subprocess.DEVNULL, stderr=stream)


def outputs(output: Path, worker: str) -> tuple[list[dict], list[dict], dict]:
    folder = next(output.glob("*/"))
    stem = next(folder.glob(f"disclosure-*-{worker}.summary.json")).name
    stem = stem.removesuffix(".summary.json")
    summary = json.loads((folder / f"{stem}.summary.json").read_text(encoding="utf-8"))
    items = folder / f"{stem}.jsonl"
    duplicates = folder / f"{stem}.duplicates.jsonl"
    return (read_jsonl(items) if items.exists() else [],
            read_jsonl(duplicates) if duplicates.exists() else [], summary)


def reference_sets(full_crawl):
    reference, _ = full_crawl
    items = {(i["url"], i["content_hash"], tuple(i["urls"])) for i in reference.items}
    links = sorted((d["url"], d["duplicate_of"], d["duplicate_reason"])
                   for d in reference.duplicates)
    return items, links


def test_two_workers_share_the_crawl_and_write_each_document_once(
        tmp_path, full_crawl, redis_url):
    server = ReplicaServer(latency=LATENCY).start()
    try:
        workers = [start_worker(server, redis_url, tmp_path / "out", name,
                                tmp_path / f"{name}.log") for name in WORKERS]
        codes = [worker.wait(timeout=120) for worker in workers]
    finally:
        server.stop()
    logs = {name: (tmp_path / f"{name}.log").read_text() for name in WORKERS}
    assert codes == [0, 0], {name: log[-3000:] for name, log in logs.items()}
    results = {name: outputs(tmp_path / "out", name) for name in WORKERS}
    items = [item for name in WORKERS for item in results[name][0]]
    duplicates = [d for name in WORKERS for d in results[name][1]]
    reference_items, reference_links = reference_sets(full_crawl)

    assert len(items) == len(reference_items) == 122
    assert {(i["url"], i["content_hash"], tuple(i["urls"])) for i in items} == reference_items
    assert sorted((d["url"], d["duplicate_of"], d["duplicate_reason"])
                  for d in duplicates) == reference_links
    assert {i["change"] for i in items} == {"new"}
    for name in WORKERS:
        worker_items, _, summary = results[name]
        assert len(worker_items) > 0, f"{name} wrote nothing"
        assert summary["pages"]["responses"] > 0
        assert summary["items"]["written"] == len(worker_items)
        assert summary["output"]["published"] is True
        assert summary["distribution"]["worker"] == name
    summaries = [results[name][2] for name in WORKERS]
    assert len({s["distribution"]["run"] for s in summaries}) == 1
    assert sum(s["items"]["written"] for s in summaries) == len(items)
    assert sum(s["state"]["new"] for s in summaries) == len(items)
    assert sum(s["dedup"]["written_to_duplicates_stream"] for s in summaries) == len(duplicates)
    assert sorted(s["distribution"]["started_run"] for s in summaries) == [False, True]
    client = redis.Redis.from_url(redis_url)
    assert key_patterns(client) == CROSS_RUN_KEYS
    assert len(client.keys(STATE + "seen:*")) == 1
    assert all(client.ttl(key) == -1 for key in client.scan_iter())


def wait_until(condition, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_killed_worker_s_share_is_finished_by_the_other(tmp_path, full_crawl, redis_url):
    client = redis.Redis.from_url(redis_url)
    taken = "zwgk:disclosure:www.szwz.gov.cn:taken:"
    server = ReplicaServer(latency=LATENCY).start()
    try:
        survivor = start_worker(server, redis_url, tmp_path / "out", "w1", tmp_path / "w1.log")
        victim = start_worker(server, redis_url, tmp_path / "out", "w2", tmp_path / "w2.log")
        wait_until(lambda: len(server.requests) >= 60 and client.zcard(taken + "w2") >= 10)
        os.kill(victim.pid, signal.SIGKILL)
        assert victim.wait(timeout=10) == -signal.SIGKILL
        code = survivor.wait(timeout=120)
    finally:
        server.stop()
    log = (tmp_path / "w1.log").read_text()
    assert code == 0, log[-3000:]
    items, duplicates, summary = outputs(tmp_path / "out", "w1")
    assert not list((tmp_path / "out").rglob("disclosure-*-w2.*"))
    reference_items, reference_links = reference_sets(full_crawl)
    assert len(items) == 122
    assert {(i["url"], i["content_hash"], tuple(i["urls"])) for i in items} == reference_items
    assert sorted((d["url"], d["duplicate_of"], d["duplicate_reason"])
                  for d in duplicates) == reference_links
    assert "Worker w2 is gone" in log
    assert summary["distribution"]["requeued"] >= 10
    assert summary["items"]["written"] == summary["state"]["new"] == 122
    assert key_patterns(client) == CROSS_RUN_KEYS


def test_an_abandoned_run_s_keys_expire(tmp_path, redis_url):
    """Every worker killed and none started again: the run's keys go after RUN_KEYS_TTL."""
    client = redis.Redis.from_url(redis_url)
    server = ReplicaServer(latency=LATENCY).start()
    try:
        workers = [start_worker(server, redis_url, tmp_path / "out", name,
                                tmp_path / f"{name}.log", "-s", "RUN_KEYS_TTL=5")
                   for name in WORKERS]
        wait_until(lambda: client.hlen(STATE + "doc") >= 20)
        for worker in workers:
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
    finally:
        server.stop()
    # The queue is not required: every request found may be taken (leased) at the kill, and
    # Redis drops an empty list; when it is there, the loop below checks its TTL like the rest.
    per_run = {RUN + name for name in ("seen", "run", "workers")}
    per_run |= {STATE + name for name in ("seen:*", "emitted:*", "sightings:*")}
    assert per_run <= key_patterns(client)
    assert any(key.startswith((RUN + "taken:", RUN + "queue")) for key in key_patterns(client))
    for key in client.scan_iter():
        pattern = re.sub(r":-?\d+$", ":*", key.decode())
        ttl = client.pttl(key)
        if pattern in STATE_KEYS - {STATE + "seen:*"}:
            assert ttl == -1, key
        elif pattern != STATE + "lock":  # the site lock expires on its own (5 s)
            assert 0 < ttl <= 5000, (key, ttl)
    wait_until(lambda: key_patterns(client) <= STATE_KEYS - {STATE + "seen:*"}, timeout=10)


def run_workers(tmp_path, redis_url: str, name: str, size: int) -> dict:
    """One two-worker run of the replica with ``size`` more articles: {worker: (code, summary)}."""
    server = ReplicaServer(latency=LATENCY, size=size).start()
    output, logs = tmp_path / name, tmp_path / f"{name}-logs"
    logs.mkdir()
    try:
        workers = {worker: start_worker(server, redis_url, output, worker,
                                        logs / f"{worker}.log") for worker in WORKERS}
        codes = {worker: process.wait(timeout=120) for worker, process in workers.items()}
    finally:
        server.stop()
    return {worker: (codes[worker], outputs(output, worker)[2],
                     (logs / f"{worker}.log").read_text()) for worker in WORKERS}


def judged(results: dict) -> tuple[str, dict, dict]:
    """The worker that judged the run, its summary, and the other worker's summary."""
    (last, (_, summary, _)), = [(worker, result) for worker, result in results.items()
                                if result[1]["checks"]["item_count"]["scope"] == "run"]
    other, = [result[1] for worker, result in results.items() if worker != last]
    return last, summary, other


def test_the_last_worker_judges_the_run_s_total(tmp_path, redis_url):
    client = redis.Redis.from_url(redis_url)
    first = run_workers(tmp_path, redis_url, "first", size=40)
    assert {code for code, _, _ in first.values()} == {0}
    _, summary, _ = judged(first)
    assert (summary["checks"]["item_count"]["value"], summary["status"]) == (162, "passed")

    same = run_workers(tmp_path, redis_url, "same", size=40)
    assert {code for code, _, _ in same.values()} == {0}, {w: r[2][-2000:] for w, r in same.items()}
    _, summary, other = judged(same)
    count = summary["checks"]["item_count"]
    assert (count["value"], count["previous"], count["workers"]) == (162, 162, 2)
    assert summary["status"] == other["status"] == "passed"
    assert other["checks"]["item_count"]["scope"] == "worker"

    smaller = run_workers(tmp_path, redis_url, "smaller", size=0)
    last, summary, other = judged(smaller)
    assert smaller[last][0] == 3 and {c for w, (c, _, _) in smaller.items() if w != last} == {0}
    assert (summary["status"], summary["failed_checks"]) == ("failed", ["item_count"])
    count = summary["checks"]["item_count"]
    assert (count["value"], count["previous"], count["passed"]) == (122, 162, False)
    assert "ERROR: Check item_count failed: 122 documents in run" in smaller[last][2]
    assert other["status"] == "passed"
    verdict = {k.decode(): json.loads(v) for k, v in client.hgetall(RUN + "verdict").items()}
    assert (verdict["last"]["status"], verdict["last"]["judged_by"]) == ("failed", last)
    assert (verdict["passed"]["run"], verdict["passed"]["documents"]) == (
        same["w1"][1]["distribution"]["run"], 162)
    assert key_patterns(client) == CROSS_RUN_KEYS
