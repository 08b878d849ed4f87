"""Fault switches of the replica server: what a flaky or guarded government server does.

A fault matches request URLs (a regular expression searched in
``http://host/path?query``), affects a share of them (``rate``, chosen by a hash
of the URL so a run is reproducible), and fails each affected URL ``times``
times before serving it normally (``times=None``: always). Kinds:

- ``status``: an HTTP error (``status``, default 503), with ``Retry-After`` if given;
- ``reset``: the connection is closed with a TCP reset before any response;
- ``delay``: the response is held ``delay`` seconds (a timeout when above the client's);
- ``challenge``: an anti-bot challenge page of ``vendor`` (tests/replica/challenges.py).

On the command line: ``--fault kind=status,status=503,rate=0.2,times=1,match=/szwz/``.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import Counter
from dataclasses import dataclass, fields

from tests.replica.challenges import challenge
from tests.replica.http import Reply

KINDS = ("status", "reset", "delay", "challenge")


@dataclass(frozen=True)
class Fault:
    kind: str
    rate: float = 1.0
    times: int | None = 1
    match: str = ""
    status: int = 503
    retry_after: str | None = None
    delay: float = 0.0
    vendor: str = "rivers"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"fault kind {self.kind!r}; known: {', '.join(KINDS)}")

    @classmethod
    def parse(cls, spec: str) -> Fault:
        """``kind=status,rate=0.2,...`` → Fault (``times=always`` for a permanent fault)."""
        types = {f.name: f.type for f in fields(cls)}
        values: dict[str, object] = {}
        for pair in filter(None, spec.split(",")):
            name, _, raw = pair.partition("=")
            if name not in types:
                raise ValueError(f"unknown fault field {name!r} in {spec!r}")
            if name == "times":
                values[name] = None if raw == "always" else int(raw)
            elif name in ("rate", "delay"):
                values[name] = float(raw)
            elif name == "status":
                values[name] = int(raw)
            else:
                values[name] = raw
        return cls(**values)

    def affects(self, url: str) -> bool:
        if self.match and not re.search(self.match, url):
            return False
        if self.rate >= 1:
            return True
        salted = f"{self.kind}:{self.status}:{self.vendor}:{url}"  # faults pick independently
        share = int.from_bytes(hashlib.blake2b(salted.encode(), digest_size=4).digest(), "big")
        return share / 2**32 < self.rate

    def reply(self, url: str) -> Reply:
        if self.kind == "status":
            headers = {"Content-Type": "text/html; charset=utf-8"}
            if self.retry_after is not None:
                headers["Retry-After"] = self.retry_after
            body = f"<html><body><h1>{self.status}</h1><p>服务器繁忙，请稍后再试</p></body></html>"
            return Reply(self.status, body.encode(), headers)
        if self.kind == "reset":
            return Reply(reset=True)
        return challenge(self.vendor, url)


class Faults:
    """The server's active faults; ``apply`` is called for every request before the site answers."""

    def __init__(self, faults: list[Fault] | tuple[Fault, ...] = ()) -> None:
        self.faults = list(faults)
        self.attempts: Counter[tuple[int, str]] = Counter()
        self.injected: Counter[str] = Counter()
        self._lock = threading.Lock()

    def set(self, *faults: Fault) -> None:
        with self._lock:
            self.faults = list(faults)
            self.attempts.clear()

    def apply(self, url: str) -> tuple[Reply | None, float]:
        """A fault's reply (or None to let the site answer) and extra delay in seconds."""
        delay = 0.0
        with self._lock:
            for index, fault in enumerate(self.faults):
                if not fault.affects(url):
                    continue
                key = (index, url)
                if fault.times is not None and self.attempts[key] >= fault.times:
                    continue
                self.attempts[key] += 1
                self.injected[fault.kind] += 1
                if fault.kind == "delay":
                    delay += fault.delay
                    continue
                return fault.reply(url), delay
        return None, delay
