"""Save chosen replica pages under tests/fixtures/szwz/ and the trap pages under traps/.

    python -m tests.replica.save_fixtures

tests/test_replica.py checks that the saved files equal what the replica serves
now, so a change to the replica shows up as a fixture diff in review.
"""

from __future__ import annotations

from pathlib import Path

from tests.replica import corpus
from tests.replica.hosts import szwz
from tests.replica.traps import trap_pages

FIXTURE_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "szwz"
TRAP_DIR = FIXTURE_DIR.parent / "traps"


def _doc(code: str, index: int) -> str:
    return szwz.doc_path(szwz.SzwzCorpus().by_id[corpus.hex_id("szwz", code, index)])


def fixture_urls() -> dict[str, str]:
    """File name → the replica path (and query) it was saved from."""
    channel = {c.code: c.channel_id for c in szwz.COLUMNS}
    return {
        "root.html": szwz.ROOT,
        "list_qzfzdgz_1.html": "/szwz/qzfzdgz/nav_list.shtml",
        "list_qzfzdgz_2.html": "/szwz/qzfzdgz/nav_list_2.shtml",
        "list_tzgg.html": "/szwz/tzgg/nav_list.shtml",
        "catalogue_zcwj.html": f"/szwz/xxgkml.shtml?cxtype=1&channel_id={channel['zcwj']}",
        "api_info_tzgg_1.json":
            f"/szinf/info/getInfoCommon/?pagesize=15&currpage=1&channelid={channel['tzgg']}",
        "api_wz_zcwj_1.json":
            f"/appsearch/wzapi/list/?cxtype=1&channel_id={channel['zcwj']}&pageSize=15&currentPage=1",
        "api_wz_zcwj_2.json":
            f"/appsearch/wzapi/list/?cxtype=1&channel_id={channel['zcwj']}&pageSize=15&currentPage=2",
        "form_ysqgk.html": "/szwz/ysqgk/index.shtml",
        "seed_article.html": f"/szwz/qzfzdgz/202301/{szwz.SEED_ID}.shtml",
        "policy_article.html": _doc("zcwj", 1),
        "policy_attachment_only.html": _doc("zcwj", 10),
        "notice_article.html": _doc("tzgg", 1),
        "annual_report.html": _doc("ndbg", 0),
        "guide_single.html": "/szwz/gkzn/index.shtml",
    }


def render(path_and_query: str) -> bytes:
    site = szwz.SzwzSite()
    path, _, query = path_and_query.partition("?")
    reply = site.handle("GET", szwz.HOST, path, query, b"")
    assert reply.status == 200, (path_and_query, reply.status)
    return reply.body


def main() -> None:
    FIXTURE_DIR.mkdir(parents=True, exist_ok=True)
    for name, path in fixture_urls().items():
        (FIXTURE_DIR / name).write_bytes(render(path))
        print(f"saved {name} ← http://{szwz.HOST}{path}")
    TRAP_DIR.mkdir(exist_ok=True)
    for trap in trap_pages():
        (TRAP_DIR / f"{trap.name}.html").write_text(trap.html, encoding="utf-8")
        print(f"saved traps/{trap.name}.html ({trap.url})")


if __name__ == "__main__":
    main()
