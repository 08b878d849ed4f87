"""Redis for distributed crawls: the shared queue, seen-set, run state and stores.

Debian's ``redis-server`` runs in the foreground (not daemonized) so that
services/process.py owns its PID, bound to loopback, on a free port, with
persistence off: a test or demo server is thrown away with its data.

    python -m services.redis start    # prints REDIS_URL=redis://127.0.0.1:PORT/0
    python -m services.redis stop
"""

from __future__ import annotations

import shutil
import sys

from services import process

NAME = "redis"


def command(port: int) -> list[str]:
    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    return [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "",
            "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes"]


def url(running: process.Running) -> str:
    return f"redis://127.0.0.1:{running.port}/0"


def start(run_dir=process.RUN_DIR, name: str = NAME) -> process.Running:
    """A running Redis: the one already recorded under ``name``, or a new one."""
    found = process.running(name, run_dir)
    if found is not None:
        return found
    port = process.free_port()
    return process.start(name, command(port), port, timeout=30, run_dir=run_dir)


def stop(run_dir=process.RUN_DIR, name: str = NAME) -> bool:
    return process.stop(name, run_dir)


def main(argv: list[str]) -> int:
    action = argv[0] if argv else "start"
    if action == "start":
        print(f"REDIS_URL={url(start())}")
        return 0
    if action == "stop":
        print("stopped" if stop() else "no Redis was running")
        return 0
    print("usage: python -m services.redis start|stop", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
