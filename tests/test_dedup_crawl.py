"""Deduplication and nightly incremental crawls, end to end on the replica."""

import os
import shutil
import signal
import sqlite3
import subprocess
import time

from tests.conftest import ROOT_URL
from tests.helpers import FAST, ROOT, crawl_command, crawl_env, run_crawl
from tests.replica.hosts.szwz import HOST, SzwzSite, doc_path
from tests.replica.server import ReplicaServer

SITE = SzwzSite()
CORPUS = SITE.corpus
URL = {doc.doc_id: f"http://{HOST}{doc_path(doc)}" for doc in CORPUS.docs}


def crawl(output_dir, *args, edition=1):
    server = ReplicaServer(edition=edition).start()
    try:
        result = run_crawl(server, output_dir, "-a", f"start_url={ROOT_URL}", *args)
    finally:
        server.stop()
    assert result.returncode == 0, result.log[-3000:]
    return result


def continued(full_crawl, tmp_path):
    """A copy of the first crawl's state, for a second night."""
    result, _ = full_crawl
    shutil.copytree(result.output_dir / ".state", tmp_path / ".state")
    return tmp_path


def duplicates_by_url(result):
    return {record["url"]: record for record in result.duplicates}


def test_each_document_once_with_every_address_it_was_seen_at(full_crawl):
    result, _ = full_crawl
    items = {item["url"]: item for item in result.items}
    assert set(items) == set(URL.values())
    assert {item["change"] for item in items.values()} == {"new"}
    assert all(item["duplicate_of"] is None for item in items.values())
    seed = items[f"http://{HOST}/szwz/qzfzdgz/202301/baeba41be9e24005a3b07d06585549e7.shtml"]
    assert seed["urls"] == [seed["url"],
                            f"http://{HOST}/szwz/print/qzfzdgz/202301/baeba41be9e24005a3b07d06585549e7.shtml"]


def test_every_print_view_points_at_its_article(full_crawl):
    result, _ = full_crawl
    duplicates = duplicates_by_url(result)
    for doc in CORPUS.articles:
        print_view = f"http://{HOST}/szwz/print" + doc_path(doc)[len("/szwz"):]
        assert duplicates[print_view] == {"url": print_view, "duplicate_of": URL[doc.doc_id],
                                          "duplicate_reason": "print_view"}


def test_tracking_parameters_and_host_and_scheme_variants(full_crawl):
    result, _ = full_crawl
    duplicates = duplicates_by_url(result)
    for doc_id in CORPUS.traps.tracking:
        variant = URL[doc_id] + "?uid=" + doc_id[:6]
        assert duplicates[variant]["duplicate_of"] == URL[doc_id]
        assert duplicates[variant]["duplicate_reason"] == "tracking_parameter"
    no_www = f"http://szwz.gov.cn{doc_path(CORPUS.column_docs('tzgg')[0])}"
    assert duplicates[no_www]["duplicate_reason"] == "host_twin"
    https = "https://" + URL[CORPUS.column_docs("qzfzdgz")[0].doc_id][len("http://"):]
    assert duplicates[https]["duplicate_reason"] == "scheme"
    assert not [url for url in duplicates if "#" in url]


def test_copies_in_another_column_fold_into_the_original(full_crawl):
    result, _ = full_crawl
    duplicates = duplicates_by_url(result)
    verbatim, corrected = CORPUS.copies
    exact = duplicates[f"http://{HOST}{doc_path(verbatim)}"]
    near = duplicates[f"http://{HOST}{doc_path(corrected)}"]
    assert (exact["duplicate_of"], exact["duplicate_reason"]) == (
        URL[CORPUS.traps.cross_listed], "exact")
    assert (near["duplicate_of"], near["duplicate_reason"]) == (
        URL[CORPUS.column_docs("qzfzdgz")[15].doc_id], "near")
    assert exact["title"] == verbatim.title and exact["column"] == "通知公告"
    original = next(i for i in result.items if i["url"] == URL[CORPUS.traps.cross_listed])
    assert exact["url"] in original["urls"]
    assert exact["content_hash"] == original["content_hash"]


def test_templated_notices_are_not_merged(full_crawl):
    result, _ = full_crawl
    notices = [item for item in result.items if item["title"].endswith("任职前公示")]
    assert len(notices) == 3
    assert len({item["content_hash"] for item in notices}) == 3
    assert not [d for d in result.duplicates if d.get("title", "").endswith("任职前公示")]


def test_second_night_everything_unchanged_and_nightly_mode_writes_nothing(full_crawl, tmp_path):
    again = crawl(continued(full_crawl, tmp_path / "full"))
    assert {item["change"] for item in again.items} == {"unchanged"}
    assert len(again.items) == 122
    nightly = crawl(continued(full_crawl, tmp_path / "nightly"), "-a", "incremental=1")
    assert nightly.items == []
    assert nightly.duplicates == []
    state = nightly.summary["state"]
    assert (state["new"], state["updated"], state["unchanged"], state["missing"]) == (0, 0, 122, 0)


def test_after_the_site_changed_exactly_the_edits_and_additions_come_out(full_crawl, tmp_path):
    edited = SzwzSite(edition=2).corpus
    result = crawl(continued(full_crawl, tmp_path), "-a", "incremental=1", edition=2)
    changes = {item["url"]: item["change"] for item in result.items}
    expected = {f"http://{HOST}{doc_path(edited.by_id[i])}": "updated" for i in edited.changed}
    expected |= {f"http://{HOST}{doc_path(edited.by_id[i])}": "new" for i in edited.added}
    assert changes == expected
    assert result.summary["state"]["missing_urls"] == [URL[i] for i in edited.withdrawn]


def test_reset_state_starts_over(full_crawl, tmp_path):
    result = crawl(continued(full_crawl, tmp_path), "-a", "reset_state=1")
    assert {item["change"] for item in result.items} == {"new"}


def documents(state_dir):
    with sqlite3.connect(state_dir / f"{HOST}.sqlite") as db:
        return sorted(db.execute("SELECT url, hash FROM documents"))


def test_a_killed_crawl_rerun_ends_like_an_uninterrupted_one(full_crawl, tmp_path):
    output = tmp_path / "killed"
    server = ReplicaServer(latency=0.05).start()
    try:
        process = subprocess.Popen(
            crawl_command(*FAST, "-s", f"OUTPUT_DIR={output}", "-a", f"start_url={ROOT_URL}"),
            cwd=ROOT, env=crawl_env(server.proxy_url),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while sum("/20" in r["path"] for r in server.requests) < 60:
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        server.stop()
    assert documents(output / ".state") == []
    rerun = crawl(output)
    uninterrupted, _ = full_crawl
    assert documents(output / ".state") == documents(uninterrupted.output_dir / ".state")
    fields = ("url", "content_hash", "change", "urls")
    assert [{f: i[f] for f in fields} for i in sorted(rerun.items, key=lambda i: i["url"])] == [
        {f: i[f] for f in fields} for i in sorted(uninterrupted.items, key=lambda i: i["url"])]
    links = ("url", "duplicate_of", "duplicate_reason")
    assert sorted(tuple(d[f] for f in links) for d in rerun.duplicates) == sorted(
        tuple(d[f] for f in links) for d in uninterrupted.duplicates)
