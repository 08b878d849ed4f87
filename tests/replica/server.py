"""The replica server: every replica host, on one loopback port.

It answers both as an HTTP proxy (absolute-URI request lines, which Scrapy sends
when ``http_proxy`` is set) and by ``Host`` header, so the crawler runs against
it with real host names and unchanged code. Every request is logged, so tests
can assert what the crawler did and did not fetch.

    python -m tests.replica.server --port-file PATH [--port N] [--log PATH] [--latency S]
                                   [--edition 2] [--size N] [--fault kind=status,rate=0.2,...]...

Fault switches (tests/replica/faults.py) make it fail like a real server:
errors, ``Retry-After``, delays, connection resets and anti-bot challenges.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import pkgutil
import signal
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from tests.replica import hosts
from tests.replica.faults import Fault, Faults
from tests.replica.hosts.mirror import MirrorSite
from tests.replica.hosts.szwz import SzwzSite
from tests.replica.http import Reply


def build_sites(edition: int = 1, size: int = 0) -> dict[str, object]:
    """Host name → site object for every replica host (``edition`` 2: the next night's site;
    ``size``: that many more szwz articles, for benchmarks).

    Besides www.szwz.gov.cn and its mirror, every module in tests/replica/hosts/ that
    defines ``make_site(edition)`` adds its host: a new platform's replica is one module.
    """
    szwz = SzwzSite(edition=edition, size=size)
    found = [szwz, MirrorSite(szwz)]
    for module in pkgutil.iter_modules(hosts.__path__):
        make_site = getattr(importlib.import_module(f"{hosts.__name__}.{module.name}"),
                            "make_site", None)
        if make_site:
            found.append(make_site(edition))
    return {host: site for site in found for host in site.hosts}


class QuietServer(ThreadingHTTPServer):
    """A client that hangs up (a killed crawler) is normal here, not worth a traceback."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class ReplicaServer:
    """A threaded HTTP server over the replica sites; start() returns once it listens."""

    def __init__(self, port: int = 0, latency: float = 0.0, log_path: Path | None = None,
                 edition: int = 1, faults: list[Fault] | tuple[Fault, ...] = (), size: int = 0):
        self.sites = build_sites(edition, size)
        self.latency = latency
        self.faults = Faults(faults)
        self.log_path = log_path
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        self.httpd = QuietServer(("127.0.0.1", port), _handler_for(self))
        self.httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ReplicaServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def record(self, entry: dict) -> None:
        with self._lock:
            self.requests.append(entry)
            if self.log_path:
                with self.log_path.open("a", encoding="utf-8") as log:
                    log.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def reply(self, method: str, host: str, path: str, query: str, body: bytes,
              headers=None) -> Reply:
        site = self.sites.get(host)
        if site is None:
            return Reply(502, b"replica: no such host", {"Content-Type": "text/plain"})
        url = f"http://{host}{path}" + (f"?{query}" if query else "")
        fault, delay = self.faults.apply(url)
        # A host that answers by the visitor's headers: an anti-bot gate (cookies), cloaking.
        gate = getattr(site, "gate", None)
        reply = (fault or (gate and gate(host, url, headers))
                 or site.handle(method, host, path, query, body))
        return dataclasses.replace(reply, delay=reply.delay + delay) if delay else reply


def _handler_for(server: ReplicaServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the request log is the record."""

        def do_CONNECT(self) -> None:
            self._send(Reply(405, b"replica: no TLS tunnels", {"Content-Type": "text/plain"}))

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def do_HEAD(self) -> None:
            self._serve("HEAD")

        def _serve(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if self.path.startswith(("http://", "https://")):
                parts = urlsplit(self.path)
                host = parts.hostname or ""
            else:
                parts = urlsplit(self.path)
                host = (self.headers.get("Host") or "").split(":")[0]
            host = host.lower()
            path, query = parts.path or "/", parts.query
            reply = server.reply(method, host, path, query, body, self.headers)
            server.record({
                "method": method,
                "url": f"http://{host}{path}" + (f"?{query}" if query else ""),
                "host": host,
                "path": path,
                "query": query,
                "user_agent": self.headers.get("User-Agent", ""),
                "headers": dict(self.headers.items()),
                "body": body.decode("utf-8", "replace"),
                "status": "reset" if reply.reset else reply.status,
                "time": time.monotonic(),  # when the request arrived
            })
            delay = server.latency + reply.delay
            if delay:
                time.sleep(delay)
            if reply.reset:
                self._reset()
                return
            self._send(reply, head_only=method == "HEAD")

        def _reset(self) -> None:
            """Abort the connection: SO_LINGER 0 makes close() send a TCP RST."""
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()

        def _send(self, reply: Reply, head_only: bool = False) -> None:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if not head_only:
                self.wfile.write(reply.body)

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", type=Path, required=True)
    parser.add_argument("--log", type=Path)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--edition", type=int, default=1, help="2: some articles edited, some added")
    parser.add_argument("--size", type=int, default=0,
                        help="that many more szwz articles, generated on demand (benchmarks)")
    parser.add_argument("--fault", type=Fault.parse, action="append", default=[],
                        help="a fault switch, e.g. kind=status,status=503,rate=0.2,times=1")
    args = parser.parse_args()
    server = ReplicaServer(args.port, args.latency, args.log, args.edition, args.fault, args.size)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.stop).start())
    args.port_file.write_text(str(server.port))
    server.httpd.serve_forever()
    server.httpd.server_close()


if __name__ == "__main__":
    main()
