"""Site profiles: the few facts that pin one site (start URL, family, overrides).

A profile is a small TOML file in this folder, named after the site; nothing
about a site lives in code. ``scrapy crawl disclosure -a site=<name>`` runs one.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROFILE_DIR = Path(__file__).resolve().parent
PROFILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")  # a name, never a path


@dataclass(frozen=True)
class Profile:
    name: str
    start_url: str
    family: str | None = None
    hosts: tuple[str, ...] = ()
    list_api: str | None = None
    site_id: str | None = None  # 网站标识码, printed in every page footer
    path_prefix: str | None = None  # the site's code in document paths, e.g. /szwz/
    skip_columns: tuple[str, ...] = ()
    selectors: dict[str, Any] = field(default_factory=dict)


def available() -> list[str]:
    return sorted(p.stem for p in PROFILE_DIR.glob("*.toml"))


def all_profiles() -> list[Profile]:
    return [load_profile(name) for name in available()]


def load_profile(name: str) -> Profile:
    if not PROFILE_NAME.match(name or ""):
        raise ValueError(f"bad site profile name {name!r}: letters, digits, - and _ only "
                         f"(profiles are the files in {PROFILE_DIR})")
    path = PROFILE_DIR / f"{name}.toml"
    if not path.is_file():
        raise ValueError(f"no site profile {name!r}; available: {', '.join(available())}")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(data) - set(Profile.__dataclass_fields__)
    if unknown:
        raise ValueError(f"{path.name}: unknown keys {sorted(unknown)}")
    data.setdefault("name", name)
    for key in ("hosts", "skip_columns"):
        data[key] = tuple(data.get(key, ()))
    return Profile(**data)
