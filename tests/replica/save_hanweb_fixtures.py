"""Save chosen pages of the Hanweb replica under tests/fixtures/hanweb/.

    python -m tests.replica.save_hanweb_fixtures

tests/test_family_hanweb.py checks that the saved files equal what the replica serves
now, so a change to the replica shows up as a fixture diff in review.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from tests.replica.hosts import hanweb
from tests.replica.http import Reply

FIXTURE_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "hanweb"
BASE = f"http://{hanweb.HOST}"


@dataclass(frozen=True)
class Saved:
    path: str  # path and query
    method: str = "GET"
    body: str = ""

    @property
    def url(self) -> str:
        return BASE + self.path


def form(cid: int) -> str:
    """The form body the column page's ``param_<unitid>`` gives, as the browser posts it."""
    return urlencode(hanweb.HanwebSite.ajax_param(hanweb.BY_CID[cid]))


def group(cid: int, number: int) -> Saved:
    size = hanweb.BY_CID[cid].group
    query = urlencode({"startrecord": (number - 1) * size + 1, "endrecord": number * size,
                       "perpage": hanweb.BY_CID[cid].per_page})
    return Saved(f"{hanweb.PROXY}?{query}", "POST", form(cid))


def fixtures() -> dict[str, Saved]:
    """File name → the request it was saved from."""
    corpus = hanweb.HanwebCorpus()
    traps = corpus.traps
    hacked = {kind: doc_id for doc_id, kind in traps.hacked.items()}

    def doc(cid: int, n: int) -> Saved:
        return Saved(hanweb.doc_path(corpus.by_id[str(hanweb.article_id(cid, n))]))

    return {
        "root.html": Saved(hanweb.ROOT),
        "column_tzgg.html": Saved("/col/col11/index.html"),
        "column_zcwj.html": Saved("/col/col12/index.html"),
        "column_gzdt.html": Saved("/col/col13/index.html"),
        "column_legacy.html": Saved("/col/col999/index.html"),
        "dataproxy_tzgg_2.xml": group(11, 2),
        "dataproxy_gzdt_2.xml": group(13, 2),
        "dataproxy_gzdt_4.xml": group(13, 4),
        "policy_article.html": doc(12, 0),
        "policy_pdfurl.html": Saved(hanweb.doc_path(corpus.by_id[traps.pdfurl])),
        "notice_article.html": doc(11, 8),
        "work_cross_listed.html": Saved(hanweb.doc_path(corpus.by_id[traps.cross_listed])),
        "legacy_article.html": doc(999, 3),
        "guide_single.html": Saved("/col/col15/index.html"),
        "hacked_junk.html": Saved(hanweb.doc_path(corpus.by_id[hacked["junk_and_keywords"]])),
        "hacked_farm.html": Saved(hanweb.doc_path(corpus.by_id[hacked["hidden_farm_in_content"]])),
        "hacked_content.html": Saved(hanweb.doc_path(corpus.by_id[hacked["content_spam"]])),
    }


def serve(saved: Saved) -> Reply:
    path, _, query = saved.path.partition("?")
    return hanweb.HanwebSite().handle(saved.method, hanweb.HOST, path, query,
                                      saved.body.encode("utf-8"))


def render(saved: Saved) -> bytes:
    reply = serve(saved)
    assert reply.status == 200, (saved, reply.status)
    return reply.body


def main() -> None:
    FIXTURE_DIR.mkdir(parents=True, exist_ok=True)
    for name, saved in fixtures().items():
        (FIXTURE_DIR / name).write_bytes(render(saved))
        print(f"saved {name} ← {saved.method} {saved.url}")


if __name__ == "__main__":
    main()
