"""Remembering pure functions of short strings across pages, never a page-sized string."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

T = TypeVar("T")
SHORT = 512  # characters; hostile pages carry megabyte styles and URLs, which stay uncached


def remember_short(maxsize: int = 4096) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """``lru_cache`` for calls whose string arguments are all at most ``SHORT`` long.

    Styles, script sources and hosts repeat on every page of a site; a long argument is
    worked out each time, so the cache stays small whatever a page holds.
    """
    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        cached = lru_cache(maxsize=maxsize)(function)

        @wraps(function)
        def call(*args: str | None) -> T:
            if all(arg is None or len(arg) <= SHORT for arg in args):
                return cached(*args)
            return function(*args)

        call.cache_info = cached.cache_info
        return call
    return decorate
