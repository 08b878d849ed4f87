"""Start a server process on a free loopback port, wait until it answers, stop it by its PID.

Each running server leaves ``.run/<name>.json`` (pid, port, command) so that a later
`make <name>-stop`, or a test's teardown, stops exactly the process that was started and
never another one of the same name.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUN_DIR = ROOT / ".run"
# Servers this process started, kept so that stopping one also reaps it.
_CHILDREN: dict[int, subprocess.Popen] = {}


class ServiceError(RuntimeError):
    """A server that did not start, with the end of its log."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class Running:
    """A started server: what ``.run/<name>.json`` records."""

    name: str
    pid: int
    port: int
    log: str
    command: list[str]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def record_path(name: str, run_dir: Path = RUN_DIR) -> Path:
    return run_dir / f"{name}.json"


def start(name: str, command: list[str], port: int, *, ready=None, timeout: float = 60.0,
          env: dict[str, str] | None = None, cwd: Path | None = None,
          run_dir: Path = RUN_DIR) -> Running:
    """Run ``command`` (which must listen on ``port``) in its own process group.

    ``ready`` is a callable taking the port, true once the server serves; by default
    the port accepting connections. Raises ServiceError with the log's tail when the
    process exits or is not ready within ``timeout`` seconds.
    """
    run_dir.mkdir(parents=True, exist_ok=True)
    log_path = run_dir / f"{name}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env,
                                   cwd=cwd, start_new_session=True)
    _CHILDREN[process.pid] = process
    running = Running(name, process.pid, port, str(log_path), command)
    record_path(name, run_dir).write_text(json.dumps(asdict(running), indent=2))
    check = ready or port_open
    deadline = time.monotonic() + timeout
    while not check(port):
        if process.poll() is not None or time.monotonic() > deadline:
            why = "exited" if process.poll() is not None else f"not ready after {timeout:.0f} s"
            stop_pid(process.pid)
            record_path(name, run_dir).unlink(missing_ok=True)
            tail = log_path.read_text(errors="replace")[-3000:]
            raise ServiceError(f"{name} {why}; its log ({log_path}) ends:\n{tail}")
        time.sleep(0.1)
    return running


def running(name: str, run_dir: Path = RUN_DIR) -> Running | None:
    """The recorded server if its process still lives."""
    path = record_path(name, run_dir)
    try:
        found = Running(**json.loads(path.read_text()))
    except (FileNotFoundError, ValueError, TypeError):
        return None
    return found if alive(found.pid) else None


def stop_pid(pid: int, grace: float = 10.0) -> None:
    """SIGTERM the process group ``pid`` leads, SIGKILL it after ``grace`` seconds."""
    child = _CHILDREN.pop(pid, None)
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if (child.poll() is not None) if child else not alive(pid):
                return
            time.sleep(0.05)
    if child is not None:
        child.wait()


def stop(name: str, run_dir: Path = RUN_DIR) -> bool:
    """Stop the server recorded under ``name``; False when none was running."""
    found = running(name, run_dir)
    record_path(name, run_dir).unlink(missing_ok=True)
    if found is None:
        return False
    stop_pid(found.pid)
    return True
