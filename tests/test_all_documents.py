"""Invariants over every document the replica publishes, extracted by the real pipelines."""

import json
from pathlib import Path

import jsonschema
import pytest

from tests.helpers import PipelineRunner, extract
from tests.replica.hosts.szwz import HOST, SzwzSite, doc_path

SITE = SzwzSite()
DOCS = SITE.corpus.docs
HACK_KINDS = {
    "hidden_links": ["hidden_links"],
    "junk_and_keywords": ["junk_tags", "keyword_line"],
    "redirect_script": ["script_redirect"],
    "stuffing": ["meta_stuffing", "title_stuffing"],
    "content_spam": ["hidden_text", "keyword_line"],
    "class_hidden_farm": ["hidden_links"],
}
SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "crawler" / "schemas" /
                     "document.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def runner():
    return PipelineRunner()


def test_the_replica_publishes_120_articles_and_two_single_pages():
    assert len(SITE.corpus.articles) == 120
    assert len(DOCS) == 122


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: f"{d.column}-{d.doc_id[:8]}")
def test_document_fields_match_what_was_published(doc, runner):
    url = f"http://{HOST}{doc_path(doc)}"
    item = extract(url, SITE.article_page(doc).encode("utf-8"), runner=runner)
    jsonschema.validate(item, SCHEMA)
    assert item["url"] == url
    assert item["title"] == doc.title
    assert item["published_at"] == doc.published.isoformat() + "+08:00"
    assert item["source"] == doc.source
    assert item["doc_no"] == doc.meta.get("doc_no")
    assert item["index_no"] == doc.meta.get("index_no")
    assert item["publisher"] == doc.meta.get("publisher")
    assert item["category"] == doc.meta.get("category")
    lines = item["body"].split("\n")
    assert lines[: len(doc.paragraphs)] == list(doc.paragraphs)
    assert [a["name"] for a in item["attachments"]] == [a.name for a in doc.attachments]
    assert [a["ext"] for a in item["attachments"]] == [a.ext for a in doc.attachments]
    assert item["views"] is None
    assert item["lang"] == "zh-Hans"
    assert item["column"] == item["breadcrumb"][-1]
    hack = SITE.corpus.traps.hacked.get(doc.doc_id)
    assert item["spam"]["kinds"] == HACK_KINDS.get(hack, [])
    assert item["spam"]["contaminated"] is bool(hack)
    assert (item["served_script"], item["mirror_of"]) == ("zh-Hans", None)
