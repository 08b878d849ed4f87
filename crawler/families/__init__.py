"""The platform families the crawler knows, and how it picks one for a page."""

from __future__ import annotations

from crawler.families.base import Family
from crawler.families.jiyuehua import Jiyuehua

FAMILIES: dict[str, type[Family]] = {cls.name: cls for cls in (Jiyuehua,)}
DETECTION_THRESHOLD = 40


def family_class(name: str) -> type[Family]:
    try:
        return FAMILIES[name]
    except KeyError:
        raise ValueError(f"unknown platform family {name!r}; known: {sorted(FAMILIES)}") from None


def detect_family(url: str, text: str) -> tuple[str | None, int]:
    """The best-scoring family for a page and its score; None below the threshold."""
    scored = sorted(((cls.detect(url, text), name) for name, cls in FAMILIES.items()), reverse=True)
    score, name = scored[0]
    return (name if score >= DETECTION_THRESHOLD else None), score


def is_cms_document_url(url: str) -> bool:
    """Whether any known platform would publish a document at this address."""
    return any(cls.is_document_url(url) for cls in FAMILIES.values())
