"""Run Splash 3.5 on today's stack: four runtime fixes, then Splash's own ``main()``.

Runs inside the Splash venv (Debian's Python with its PyQt5/QtWebKit packages), never
inside the crawler's venv. Splash 3.5 dates from 2020; on Debian 12's Python 3.11, Qt 5.15
and a current lupa it needs (docs/decisions.md, "Rendering"):

1. ``QTWEBENGINE_DISABLE_SANDBOX=1`` when running as root, or Chromium refuses to start;
2. ``json.loads`` ignoring the ``encoding`` keyword (gone since Python 3.9), or every JSON
   POST, which is what scrapy-splash sends, fails in ``splash/render_options.py``;
3. ``lupa`` aliased to ``lupa.lua52`` before Splash imports it: its Lua sandbox breaks on
   Lua 5.4 and 5.5, the default of current lupa wheels;
4. ``QTimer.start`` given an int: Splash passes float milliseconds, which PyQt5 now rejects,
   so ``splash:wait`` fails.

    python -m services.splash_launcher --port 8050 --ip 127.0.0.1 [Splash's options]
"""

from __future__ import annotations

import json
import os
import sys


def _json_loads_without_encoding(loads):
    def patched(text, *args, encoding=None, **kwargs):
        return loads(text, *args, **kwargs)
    return patched


def _int_interval(start):
    def patched(self, *args):
        if args and isinstance(args[0], float):
            args = (int(args[0]), *args[1:])
        return start(self, *args)
    return patched


def apply_fixes() -> None:
    """The four fixes, before anything imports Splash."""
    if os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    json.loads = _json_loads_without_encoding(json.loads)
    import lupa.lua52

    sys.modules["lupa"] = lupa.lua52
    from PyQt5.QtCore import QTimer

    QTimer.start = _int_interval(QTimer.start)


def main() -> None:
    apply_fixes()
    from splash.server import main as splash_main

    splash_main(argv=["splash", *sys.argv[1:]])


if __name__ == "__main__":
    main()
