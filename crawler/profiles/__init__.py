"""Site profiles: the few facts that pin one site (start URL, family, overrides).

A profile is a small TOML file in this folder, named after the site; nothing
about a site lives in code. ``scrapy crawl disclosure -a site=<name>`` runs one.
Folders named in ``ZWGK_PROFILES`` (``os.pathsep``-separated) are searched first, so a
deployment or a test can add profiles without changing the package.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from crawler.rendering.rules import renders

# Read as package data, so profiles are found inside the egg scrapyd runs too.
PROFILE_DIR = files(__name__)
PROFILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")  # a name, never a path


@dataclass(frozen=True)
class Column:
    """A column singled out by its path, e.g. to render its lists (``render = "splash"``)."""

    path: str
    name: str | None = None
    render: str | None = None


@dataclass(frozen=True)
class Profile:
    name: str
    start_url: str
    family: str | None = None
    hosts: tuple[str, ...] = ()  # names of one host (www twin …), rewritten to the start URL's
    subsites: tuple[str, ...] = ()  # other hosts of the site, crawled under their own names
    list_api: str | None = None
    site_id: str | None = None  # 网站标识码, printed in every page footer
    path_prefix: str | None = None  # the site's code in document paths, e.g. /szwz/
    skip_columns: tuple[str, ...] = ()
    selectors: dict[str, Any] = field(default_factory=dict)
    render: str | None = None  # "splash": every page of the site needs a browser
    columns: tuple[Column, ...] = ()


def profile_dirs() -> list:
    extra = [Path(d) for d in os.environ.get("ZWGK_PROFILES", "").split(os.pathsep) if d]
    return [*extra, PROFILE_DIR]


def available() -> list[str]:
    return sorted({p.name.removesuffix(".toml") for d in profile_dirs() if d.is_dir()
                   for p in d.iterdir() if p.name.endswith(".toml")})


def all_profiles() -> list[Profile]:
    return [load_profile(name) for name in available()]


def load_profile(name: str) -> Profile:
    if not PROFILE_NAME.match(name or ""):
        raise ValueError(f"bad site profile name {name!r}: letters, digits, - and _ only "
                         f"(profiles are the files in {PROFILE_DIR})")
    path = next((d / f"{name}.toml" for d in profile_dirs() if (d / f"{name}.toml").is_file()),
                None)
    if path is None:
        raise ValueError(f"no site profile {name!r}; available: {', '.join(available())}")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    unknown = set(data) - set(Profile.__dataclass_fields__)
    if unknown:
        raise ValueError(f"{path.name}: unknown keys {sorted(unknown)}")
    data.setdefault("name", name)
    for key in ("hosts", "subsites", "skip_columns"):
        data[key] = tuple(data.get(key, ()))
    data["columns"] = tuple(Column(**column) for column in data.get("columns", ()))
    for value in (data.get("render"), *(c.render for c in data["columns"])):
        renders(value)
    return Profile(**data)
