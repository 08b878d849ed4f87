"""Page URLs that only a list page's script knows: ``createPageHTML(...)`` and friends.

Two conventions share the function name:

* container first (集约化, CSRC, Suqian): ``createPageHTML('page_div', pages, current,
  'list', 'shtml', records)`` → ``list.shtml``, ``list_2.shtml`` … ``list_<pages>.shtml``;
* count first (TRS WCM): ``createPageHTML(pages, current, "index", "html")`` with
  ``current`` counted from 0 → ``index.html``, ``index_1.html`` … ``index_<pages-1>.html``.

The call is often inside an HTML comment or a ``document.write``; it is found in
the raw text either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

_CALL = re.compile(r"createPageHTML\s*\(([^()]*)\)")
_ARG = re.compile(r"""\s*(?:'([^']*)'|"([^"]*)"|([^,\s]+))\s*(?:,|$)""")
MAX_PAGES = 5000


@dataclass(frozen=True)
class ScriptPager:
    pages: int
    prefix: str
    ext: str
    first_suffix_number: int  # the number of the second page's file

    def urls(self, base: str) -> list[str]:
        """Every page's absolute URL, the first one included."""
        names = [f"{self.prefix}.{self.ext}"] + [
            f"{self.prefix}_{n}.{self.ext}"
            for n in range(self.first_suffix_number, self.first_suffix_number + self.pages - 1)
        ]
        return [urljoin(base, name) for name in names]


def _args(raw: str) -> list[str]:
    return [next(g for g in m.groups() if g is not None) for m in _ARG.finditer(raw)
            if any(g is not None for g in m.groups())]


def find_script_pager(text: str) -> ScriptPager | None:
    """The first well-formed ``createPageHTML`` call in ``text``, or None."""
    for match in _CALL.finditer(text):
        args = _args(match.group(1))
        if len(args) >= 5 and not args[0].isdigit() and args[1].isdigit():
            pages, prefix, ext, first = int(args[1]), args[3], args[4], 2
        elif len(args) >= 4 and args[0].isdigit():
            pages, prefix, ext, first = int(args[0]), args[2], args[3], 1
        else:
            continue
        if not re.fullmatch(r"[\w\-]+", prefix) or not re.fullmatch(r"\w+", ext):
            continue
        return ScriptPager(min(max(pages, 1), MAX_PAGES), prefix, ext, first)
    return None
