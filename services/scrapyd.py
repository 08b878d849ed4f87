"""scrapyd on a free loopback port, and the three calls a nightly crawl makes to it.

``start`` writes a scrapyd.conf (127.0.0.1, the port, its own eggs/logs/dbs folders,
``items_dir`` off so the crawl writes its own atomic feeds and summaries) into a
working folder and runs scrapyd there; ``deploy`` runs ``scrapyd-deploy`` on this
checkout (the ``[deploy:local]`` target of scrapy.cfg); ``schedule`` posts
``schedule.json``; ``wait`` polls ``listjobs.json``. `make scrapyd`,
`make scrapyd-stop`, `make deploy` and the tests use this module.

    python -m services.scrapyd start|stop|deploy
    python -m services.scrapyd schedule [PROFILE…] [--url URL] [--output DIR] [--proxy URL]
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from services import process

NAME = "scrapyd"
PROJECT = "zwgk"
SPIDER = "disclosure"
DEPLOY_TARGET = "local"
DEPLOY_URL_ENV = "ZWGK_SCRAPYD_URL"
# Calls to scrapyd never go through the proxy a crawl may be given.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))

CONFIG = """\
[scrapyd]
bind_address = 127.0.0.1
http_port = {port}
eggs_dir = {work}/eggs
logs_dir = {work}/logs
dbs_dir = {work}/dbs
items_dir =
jobs_dir =
poll_interval = {poll_interval}
"""


class ScrapydError(RuntimeError):
    """scrapyd answered with an error."""


def call(url: str, endpoint: str, data: dict | list | None = None, timeout: float = 10) -> dict:
    """GET (or POST ``data``) one scrapyd JSON endpoint; its answer, or ScrapydError."""
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    with _OPENER.open(f"{url.rstrip('/')}/{endpoint}", data=body, timeout=timeout) as answer:
        result = json.loads(answer.read())
    if result.get("status") != "ok":
        raise ScrapydError(f"{endpoint}: {result.get('message', result)}")
    return result


def answers(url: str) -> bool:
    try:
        call(url, "daemonstatus.json", timeout=2)
    except (OSError, ValueError, ScrapydError):
        return False
    return True


def start(work_dir: Path | None = None, run_dir: Path = process.RUN_DIR,
          poll_interval: float = 5.0) -> process.Running:
    """Run scrapyd in ``work_dir`` (default ``.run/scrapyd``), where it keeps eggs, logs
    and dbs and where jobs run; jobs inherit this process's environment."""
    work = (work_dir or run_dir / NAME).resolve()
    work.mkdir(parents=True, exist_ok=True)
    port = process.free_port()
    (work / "scrapyd.conf").write_text(
        CONFIG.format(port=port, work=work, poll_interval=poll_interval))
    env = {**os.environ}
    env.pop("PYTHONPATH", None)  # jobs import the deployed egg, never this checkout
    return process.start(NAME, [sys.executable, "-m", "scrapyd"], port, cwd=work, env=env,
                         ready=lambda p: answers(f"http://127.0.0.1:{p}"), run_dir=run_dir)


def stop(run_dir: Path = process.RUN_DIR) -> bool:
    return process.stop(NAME, run_dir)


def deploy(url: str, version: str | None = None) -> dict:
    """``scrapyd-deploy local`` on this checkout (one at a time: it builds in ``build/``)."""
    command = [str(Path(sys.executable).with_name("scrapyd-deploy")), DEPLOY_TARGET]
    if version:
        command += ["--version", version]
    env = {**os.environ, DEPLOY_URL_ENV: url.rstrip("/") + "/"}
    process.RUN_DIR.mkdir(parents=True, exist_ok=True)
    with (process.RUN_DIR / "deploy.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = subprocess.run(command, cwd=process.ROOT, env=env, capture_output=True,
                              text=True, check=False)
    if done.returncode != 0:
        raise ScrapydError(f"scrapyd-deploy failed ({done.returncode}):\n"
                           f"{done.stdout}{done.stderr}")
    return json.loads(done.stdout)


def schedule(url: str, settings: dict[str, str] | None = None, **arguments: str) -> str:
    """Schedule one crawl; ``arguments`` are spider arguments (``site=``, ``incremental=``).
    Returns the job id."""
    data = [("project", PROJECT), ("spider", SPIDER), *arguments.items()]
    data += [("setting", f"{name}={value}") for name, value in (settings or {}).items()]
    return call(url, "schedule.json", data)["jobid"]


def wait(url: str, job: str, timeout: float = 120.0) -> dict:
    """The job's ``listjobs.json`` entry once it finished."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        finished = call(url, f"listjobs.json?project={PROJECT}")["finished"]
        for entry in finished:
            if entry["id"] == job:
                return entry
        time.sleep(0.2)
    raise ScrapydError(f"job {job} not finished after {timeout:.0f} s")


def nightly(url: str, profiles: list[str], settings: dict[str, str] | None = None) -> list[str]:
    """Schedule the incremental crawl of each profile; their job ids."""
    return [schedule(url, settings, site=name, incremental="1") for name in profiles]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m services.scrapyd", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["start", "stop", "deploy", "schedule"])
    parser.add_argument("profiles", nargs="*", help="site profiles to schedule (default: all)")
    parser.add_argument("--output", help="OUTPUT_DIR of the scheduled crawls")
    parser.add_argument("--proxy", help="PROXY_URL of the scheduled crawls")
    parser.add_argument("--url", help="a scrapyd of your own (default: the one `make scrapyd` "
                                      "started)")
    options = parser.parse_args(argv)
    found = process.running(NAME)
    url = options.url or (found.url if found else None)
    if options.action == "start":
        found = found or start()
        print(f"scrapyd at {found.url} (pid {found.pid}, log {found.log})")
    elif options.action == "stop":
        print("scrapyd stopped" if stop() else "scrapyd was not running")
    elif url is None:
        print("scrapyd is not running: make scrapyd, or name yours with --url", file=sys.stderr)
        return 1
    elif options.action == "deploy":
        print(json.dumps(deploy(url)))
    else:
        from crawler.profiles import available

        settings = {"OUTPUT_DIR": options.output, "PROXY_URL": options.proxy}
        settings = {name: value for name, value in settings.items() if value}
        for job in nightly(url, options.profiles or available(), settings):
            print(job)
    return 0


if __name__ == "__main__":
    sys.exit(main())
