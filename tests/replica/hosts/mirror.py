"""www.cpcoupon.com: a spam mirror re-serving szwz pages under the same paths.

Like the mirror the seed page came from, it converts each page to Traditional
Chinese, prepends a junk-tag block whose elements share one random id, and
appends a porn or gambling keyword line. The seed article is served with the
seed's own garbled text, so the mirror copy of it is the seed page itself.
"""

from __future__ import annotations

import random
from functools import cached_property
from pathlib import Path

import opencc

from tests.replica.hosts import szwz
from tests.replica.http import Reply
from tests.replica.inject import junk_block, keyword_line

HOST = "www.cpcoupon.com"
SEED_KEYWORD_LINE = "国产极品美女扒开粉嫩小泬91|国产综合久久久久|日韩av无码中文字幕|狠狠躁天天躁中文字"
SEED_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "seed" / "000_9196038d9fe0d08e.txt"
class MirrorSite:
    hosts = (HOST,)

    def __init__(self, origin: szwz.SzwzSite) -> None:
        self.origin = origin
        self.s2t = opencc.OpenCC("s2t")

    @cached_property
    def mirrored(self) -> dict[str, szwz.Document]:
        corpus = self.origin.corpus
        docs = [corpus.by_id[szwz.SEED_ID], corpus.column_docs("qzfzdgz")[1], corpus.column_docs("qzfzdgz")[6], corpus.column_docs("tzgg")[0], corpus.column_docs("zcwj")[0]]
        return {szwz.doc_path(d): d for d in docs}

    def handle(self, method: str, host: str, path: str, query: str, body: bytes) -> Reply:
        if path == "/robots.txt":
            return Reply.text("User-agent: *\nAllow: /\n")
        if path == "/":
            links = "".join(f'<li><a href="{p}">{self.s2t.convert(d.title)}</a></li>'
                            for p, d in self.mirrored.items())
            return Reply.html(f"<html><head><title>{keyword_line(random.Random(HOST))}</title></head>"
                              f"<body><ul>{links}</ul></body></html>")
        doc = self.mirrored.get(path)
        if doc is None:
            return Reply.not_found()
        return Reply.html(self.page(doc))

    def page(self, doc: szwz.Document) -> str:
        rng = random.Random(f"mirror-{doc.doc_id}")
        page = self.s2t.convert(self.origin.article_page(doc))
        if doc.doc_id == szwz.SEED_ID:
            page = self._with_seed_text(page, doc)
        page = page.replace(f"http://{szwz.HOST}", f"http://{HOST}")
        line = SEED_KEYWORD_LINE if doc.doc_id == szwz.SEED_ID else keyword_line(rng)
        page = page.replace("</body>", f"<p>{line}</p>\n</body>")
        return junk_block(rng) + "\n" + page

    def _with_seed_text(self, page: str, doc: szwz.Document) -> str:
        """Put the seed's own garbled Traditional paragraphs in place of the clean ones."""
        seed = SEED_FILE.read_text(encoding="utf-8")
        garbled = seed[seed.index("2022年,是極"):seed.index("打印此頁")].strip()
        paragraphs = [p for p in garbled.splitlines() if p.strip()]
        for clean, dirty in zip(doc.paragraphs, paragraphs, strict=True):
            page = page.replace(f"<p>{self.s2t.convert(clean)}</p>", f"<p>{dirty}</p>", 1)
        return page.replace("蘇州 • 吳中", "蘇州 ? 吳中")
