"""What every benchmark records: when, on what machine, with which versions, and where."""

from __future__ import annotations

import os
import platform
import statistics
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return (f"{platform.system()} {platform.release()}, {os.cpu_count()} CPUs ({cpu}), "
            f"Python {platform.python_version()}")


def versions(*packages: str) -> str:
    return ", ".join(f"{name} {version(name)}" for name in packages)


def timed(function, *args, clock=time.perf_counter) -> float:
    """Seconds ``function(*args)`` takes; ``clock=time.thread_time`` counts only this thread's
    CPU, so other processes on a shared two-core machine do not skew a CPU-bound comparison."""
    start = clock()
    function(*args)
    return clock() - start


def spread(values: list[float]) -> str:
    return f"min {min(values):.3f} / median {statistics.median(values):.3f} / max {max(values):.3f}"


def append_result(title: str, lines: list[str], packages: tuple[str, ...]) -> None:
    """Append one dated section to benchmarks/RESULTS.md."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = [f"## {title} — {stamp}", "", f"- machine: {machine()}",
               f"- versions: {versions(*packages)}", *lines, ""]
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write("\n".join(section) + "\n")
