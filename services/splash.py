"""Install and run a real Splash 3.5 server on loopback: `make splash`, `make splash-stop`.

Docker is not available here, so Splash runs from the package registries: Debian's
PyQt5/QtWebKit packages (APT_PACKAGES in the Makefile) and Splash's own Python package,
in a venv on Debian's Python with its system site packages (PyQt5 is built for that
Python, not for the crawler's). services/splash_launcher.py applies the runtime fixes
Splash 3.5 needs today. The tests start and stop Splash through this module too.

    python -m services.splash install    # create .splash-venv (a no-op when up to date)
    python -m services.splash start      # install, start, print SPLASH_URL
    python -m services.splash stop
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import urllib.request
from pathlib import Path

from services import process

NAME = "splash"
VENV = process.ROOT / ".splash-venv"
PYTHON = VENV / "bin" / "python"
SYSTEM_PYTHON = "/usr/bin/python3"  # the Python Debian's python3-pyqt5 packages are built for
# lupa: the newest release that still ships the Lua 5.2 runtime Splash's sandbox needs.
REQUIREMENTS = ("splash==3.5", "lupa==2.8")
STAMP = VENV / ".installed"
DEFAULT_PORT = 8050
START_TIMEOUT = 90.0


def installed() -> bool:
    return STAMP.is_file() and STAMP.read_text().split() == list(REQUIREMENTS)


def install() -> None:
    """Create the Splash venv with Splash and lupa, unless it is already there."""
    if installed():
        return
    if not PYTHON.exists():
        subprocess.run([SYSTEM_PYTHON, "-m", "venv", "--system-site-packages", str(VENV)],
                       check=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet",
                    "--disable-pip-version-check", *REQUIREMENTS], check=True)
    STAMP.write_text(" ".join(REQUIREMENTS) + "\n")


def answers(port: int) -> bool:
    """Splash is up once its ``/_ping`` says ok (the port opens a little earlier)."""
    try:
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(
                f"http://127.0.0.1:{port}/_ping", timeout=2) as reply:
            return json.load(reply).get("status") == "ok"
    except (OSError, ValueError):
        return False


def start(port: int | None = None, slots: int = 8,
          run_dir: Path = process.RUN_DIR) -> process.Running:
    """Start Splash on ``port`` (default: 8050 when free, else any free port); ``run_dir``
    holds its record and log (the tests keep theirs apart from `make splash`'s)."""
    install()
    if port is None:
        port = DEFAULT_PORT if not process.port_open(DEFAULT_PORT) else process.free_port()
    command = [str(PYTHON), "-m", "services.splash_launcher", "--port", str(port),
               "--ip", "127.0.0.1", "--slots", str(slots), "--disable-ui",
               "--max-timeout", "120"]
    return process.start(NAME, command, port, ready=answers, timeout=START_TIMEOUT,
                         cwd=process.ROOT, run_dir=run_dir)


def stop(run_dir: Path = process.RUN_DIR) -> bool:
    return process.stop(NAME, run_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("install", "start", "stop"))
    parser.add_argument("--port", type=int)
    args = parser.parse_args(argv)
    if args.action == "install":
        install()
        return 0
    if args.action == "stop":
        print("Splash stopped" if stop() else "Splash was not running")
        return 0
    found = process.running(NAME)
    running = found if found and answers(found.port) else start(args.port)
    print(f"Splash {'is running' if found is running else 'started'} (pid {running.pid}, log "
          f"{running.log}); crawl with:\n  export SPLASH_URL={running.url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
