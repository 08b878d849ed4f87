"""The platform families the crawler knows, and how it picks one for a page.

Every module in this package that defines a ``Family`` subclass with a ``name``
is a family: adding a platform is adding one module (and its replica and tests).
``generic`` is the fallback for layouts no family recognises.
"""

from __future__ import annotations

import importlib
import pkgutil

from crawler.families.base import Family

DETECTION_THRESHOLD = 40
MAX_SCORE = 100  # what Family.detect returns for a certain match
FALLBACK = "generic"


def _discover() -> dict[str, type[Family]]:
    found: dict[str, type[Family]] = {}
    for module in pkgutil.iter_modules(__path__):
        if module.name in ("base", "pagination"):
            continue
        loaded = importlib.import_module(f"{__name__}.{module.name}")
        for value in vars(loaded).values():
            if (isinstance(value, type) and issubclass(value, Family) and value.name
                    and value.__module__ == loaded.__name__):
                found[value.name] = value
    return found


FAMILIES: dict[str, type[Family]] = _discover()


def family_class(name: str) -> type[Family]:
    try:
        return FAMILIES[name]
    except KeyError:
        raise ValueError(f"unknown platform family {name!r}; known: {sorted(FAMILIES)}") from None


def detect_family(url: str, text: str, lowered: str | None = None) -> tuple[str | None, int]:
    """The best-scoring platform family for a page and its score; None below the threshold.

    ``lowered`` is ``text.lower()`` when the caller has it. A tie goes to the later name, so
    families are scored in reverse name order and the first to reach the most a score can
    be (``MAX_SCORE``) wins without scoring the rest.
    """
    lowered = text.lower() if lowered is None else lowered
    best: tuple[int, str] | None = None
    for name in sorted(FAMILIES, reverse=True):
        if name == FALLBACK:
            continue
        scored = (FAMILIES[name].detect(url, text, lowered), name)
        best = scored if best is None else max(best, scored)
        if scored[0] >= MAX_SCORE:
            break
    score, name = best or (0, None)
    return (name if score >= DETECTION_THRESHOLD else None), score


def is_cms_document_url(url: str) -> bool:
    """Whether any known platform would publish a document at this address."""
    return any(cls.is_document_url(url) for cls in FAMILIES.values())
