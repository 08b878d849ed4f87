"""The spam report every item carries: what was removed, where, and why.

Auditors read it to see which pages of a site were hacked; nothing the cleaner
takes out of a page goes unrecorded. Kinds split in two: injections (content
someone added to the page) make a page *contaminated*; damage and conversions
(mojibake, Traditional script, zero-width characters) are reported but do not,
because an official page can show them without being hacked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

INJECTION_KINDS = frozenset({
    "junk_tags", "keyword_line", "hidden_text", "hidden_links", "script_redirect",
    "title_stuffing", "meta_stuffing", "pinyin", "mirror_host", "cloaking",
})
CONDITION_KINDS = frozenset({"traditional_conversion", "mojibake", "zero_width"})
KINDS = INJECTION_KINDS | CONDITION_KINDS
MAX_FRAGMENT_CHARS = 20000


@dataclass(frozen=True)
class Removal:
    kind: str
    where: str
    text: str

    def as_dict(self) -> dict[str, str]:
        text = self.text
        if len(text) > MAX_FRAGMENT_CHARS:
            text = text[:MAX_FRAGMENT_CHARS] + f"…[{len(self.text) - MAX_FRAGMENT_CHARS} more]"
        return {"kind": self.kind, "where": self.where, "text": text}


@dataclass
class SpamReport:
    removed: list[Removal] = field(default_factory=list)
    found: set[str] = field(default_factory=set)
    mojibake: list[dict[str, Any]] = field(default_factory=list)

    def remove(self, kind: str, where: str, text: str) -> None:
        """Record one removed fragment."""
        assert kind in KINDS, kind
        self.removed.append(Removal(kind, where, text))
        self.found.add(kind)

    def note(self, kind: str) -> None:
        """Record a kind found on the page that removes nothing by itself."""
        assert kind in KINDS, kind
        self.found.add(kind)

    @property
    def contaminated(self) -> bool:
        return bool(self.found & INJECTION_KINDS)

    @property
    def kinds(self) -> list[str]:
        return sorted(self.found)

    def as_dict(self) -> dict[str, Any]:
        return {
            "contaminated": self.contaminated,
            "kinds": self.kinds,
            "removed": [r.as_dict() for r in self.removed],
            "mojibake": list(self.mojibake),
        }
