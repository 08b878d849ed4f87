"""Save chosen pages of the TRS replica host under tests/fixtures/trs/.

    python -m tests.replica.save_trs_fixtures

tests/test_family_trs.py checks that the saved files equal what the replica serves now,
so a change to the replica shows up as a fixture diff in review.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from tests.replica.hosts import trs

FIXTURE_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "trs"


@cache
def _corpus() -> trs.TrsCorpus:
    return trs.TrsCorpus()


def _doc(code: str, index: int) -> str:
    """The path of the ``index``-th document of a column, newest first."""
    return trs.doc_path(_corpus().column_docs(code)[index])


def fixture_urls() -> dict[str, str]:
    """File name → the replica path (and query) it was saved from."""
    return {
        "root.html": trs.ROOT,
        "list_tzgg_1.html": "/xxgk/tzgg/index.html",
        "list_tzgg_2.html": "/xxgk/tzgg/index_1.html",
        "list_zcwj_1.html": "/xxgk/zcwj/index.html",
        "list_gzdt_1.html": "/xxgk/gzdt/index.html",
        "list_gzdt_4.html": "/xxgk/gzdt/index_3.html",
        "list_ghxx_1.html": "/xxgk/ghxx/index.html",
        "list_ghxx_3.html": "/xxgk/ghxx/index_2.html",
        "list_ndbg.html": "/xxgk/ndbg/index.html",
        "policy_article.html": _doc("zcwj", 1),
        "policy_ueditor.html": _doc("zcwj", 0),
        "policy_attachment_only.html": _doc("zcwj", 5),
        "policy_print.html": _doc("zcwj", 1) + "?print=1",
        "notice_article.html": _doc("tzgg", 0),
        "news_preappend.html": _doc("gzdt", 4),
        "news_hacked.html": _doc("gzdt", 5),
        "notice_hacked.html": _doc("tzgg", 7),
        "annual_report.html": _doc("ndbg", 0),
    }


@cache
def _site() -> trs.TrsSite:
    return trs.TrsSite()


def render(path_and_query: str) -> bytes:
    site = _site()
    path, _, query = path_and_query.partition("?")
    reply = site.handle("GET", trs.HOST, path, query, b"")
    assert reply.status == 200, (path_and_query, reply.status)
    return reply.body


def main() -> None:
    FIXTURE_DIR.mkdir(parents=True, exist_ok=True)
    for name, path in fixture_urls().items():
        (FIXTURE_DIR / name).write_bytes(render(path))
        print(f"saved trs/{name} ← http://{trs.HOST}{path}")


if __name__ == "__main__":
    main()
