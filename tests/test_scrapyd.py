"""A real scrapyd on 127.0.0.1: deploy this checkout, schedule the nightly crawl of a site
profile through schedule.json, and read what the job wrote."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from services import scrapyd
from tests.helpers import read_jsonl
from tests.replica.hosts.szwz import HOST
from tests.replica.server import ReplicaServer

FAST = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False"}
DOCUMENTS = 122  # the szwz replica's canonical documents (tests/test_all_documents.py)


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    """scrapyd started by services/scrapyd.py, this checkout deployed to it, and the replica."""
    base = tmp_path_factory.mktemp("scrapyd")
    running = scrapyd.start(work_dir=base / "work", run_dir=base / "run", poll_interval=0.2)
    replica = ReplicaServer().start()
    try:
        deployed = scrapyd.deploy(running.url, version="r1")
        settings = {**FAST, "OUTPUT_DIR": str(base / "output"), "PROXY_URL": replica.proxy_url}
        yield running, deployed, settings, base
    finally:
        replica.stop()
        scrapyd.stop(base / "run")


def run_job(service, **overrides) -> tuple[str, dict]:
    """Schedule the incremental crawl of the szwz profile, wait for it; (job id, summary)."""
    running, _, settings, base = service
    (job,) = scrapyd.nightly(running.url, ["szwz"], {**settings, **overrides})
    scrapyd.wait(running.url, job, timeout=60)
    summaries = sorted((base / "output" / HOST).glob("*.summary.json"),
                       key=lambda path: path.stat().st_mtime)
    return job, json.loads(summaries[-1].read_text(encoding="utf-8"))


def scrapyd_log(service) -> str:
    return Path(service[0].log).read_text(errors="replace")


def test_the_checkout_deploys_as_it_is(service):
    running, deployed, _, _ = service
    assert (deployed["status"], deployed["project"], deployed["version"]) == ("ok", "zwgk", "r1")
    spiders = scrapyd.call(running.url, "listspiders.json?project=zwgk")["spiders"]
    assert spiders == ["disclosure", "saved"]


def test_the_deployed_egg_alone_carries_code_and_data(service):
    """Jobs cannot import the checkout; the egg holds the package and its data files."""
    base = service[3]
    (egg,) = (base / "work" / "eggs" / "zwgk").glob("*.egg")
    probe = ("import sys; sys.path.insert(0, sys.argv[1]) if sys.argv[1:] else None\n"
             "from crawler.profiles import load_profile\n"
             "from crawler.cleaning.hosts import benign_hosts\n"
             "from crawler.cleaning.mojibake import _model; _model()\n"
             "import crawler\n"
             "print(crawler.__file__, load_profile('szwz').start_url, len(benign_hosts()) > 0)")
    outside = subprocess.run([sys.executable, "-I", "-c", probe], cwd=base,
                             capture_output=True, text=True, check=False)
    assert outside.returncode == 1
    assert "ModuleNotFoundError: No module named 'crawler'" in outside.stderr
    inside = subprocess.run([sys.executable, "-I", "-c", probe, str(egg)], cwd=base,
                            capture_output=True, text=True, check=False)
    assert inside.returncode == 0, inside.stderr
    assert inside.stdout.split() == [f"{egg}/crawler/__init__.py",
                                     f"http://{HOST}/szwz/xxgk/index.shtml", "True"]


def test_every_data_file_of_the_packages_is_in_the_egg(service):
    """A data file added without a package-data pattern would fail only in scrapyd jobs."""
    (egg,) = (service[3] / "work" / "eggs" / "zwgk").glob("*.egg")
    root = Path(scrapyd.process.ROOT)
    data = {str(path.relative_to(root)) for package in ("crawler", "pipelines")
            for path in (root / package).rglob("*")
            if path.is_file() and path.suffix not in (".py", ".pyc")}
    with zipfile.ZipFile(egg) as archive:
        assert data - set(archive.namelist()) == set()


def test_nightly_crawls_write_outputs_and_summaries_and_failures_exit_non_zero(service):
    base = service[3]
    first, summary = run_job(service)
    assert summary["status"] == "passed"
    assert summary["failed_checks"] == []
    assert summary["profile"] == "szwz"
    assert summary["state"]["new"] == DOCUMENTS
    assert summary["checks"]["item_count"]["previous"] is None
    items = Path(summary["output"]["items"])
    assert items.parent == base / "output" / HOST
    assert len(read_jsonl(items)) == DOCUMENTS
    assert (base / "output" / ".state" / f"{HOST}.sqlite").is_file()
    job_log = base / "work" / "logs" / "zwgk" / "disclosure" / f"{first}.log"
    assert f"{DOCUMENTS} documents written" in job_log.read_text()

    second, summary = run_job(service)
    assert summary["status"] == "passed"
    assert (summary["state"]["unchanged"], summary["items"]["written"]) == (DOCUMENTS, 0)
    assert summary["checks"]["item_count"]["previous"] == DOCUMENTS
    assert read_jsonl(Path(summary["output"]["items"])) == []

    third, summary = run_job(service, MONITOR_MAX_CONTAMINATED="0")  # alarm on any hacked page
    assert summary["status"] == "failed"
    assert summary["failed_checks"] == ["contaminated"]
    assert (summary["checks"]["contaminated"]["pages"], summary["output"]["published"]) == (
        6, True)
    log = scrapyd_log(service)
    assert f"Process died: exitstatus=3 project='zwgk' spider='disclosure' job='{third}'" in log
    for passed in (first, second):
        assert f"Process finished: project='zwgk' spider='disclosure' job='{passed}'" in log
