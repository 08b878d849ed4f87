"""The small response type every replica host returns."""

from __future__ import annotations

import json
from dataclasses import dataclass, field


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    reset: bool = False  # close the connection with a TCP reset instead of answering

    @classmethod
    def html(cls, text: str, status: int = 200, charset: str = "utf-8", **kw) -> Reply:
        content_type = f"text/html; charset={charset}" if charset else "text/html"
        return cls(status, text.encode(charset or "utf-8"), {"Content-Type": content_type}, **kw)

    @classmethod
    def json(cls, data: object) -> Reply:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        return cls(200, body, {"Content-Type": "application/json;charset=UTF-8"})

    @classmethod
    def text(cls, text: str, content_type: str = "text/plain; charset=utf-8") -> Reply:
        return cls(200, text.encode("utf-8"), {"Content-Type": content_type})

    @classmethod
    def redirect(cls, location: str, status: int = 301) -> Reply:
        return cls(status, b"", {"Location": location})

    @classmethod
    def not_found(cls) -> Reply:
        return cls.html("<html><body><h1>404 Not Found</h1></body></html>", status=404)
