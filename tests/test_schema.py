"""The item contract: the JSON Schema is valid, complete, and rejects what it should."""

import json
from pathlib import Path

import jsonschema
import pytest

from crawler.items import EXPORT_FIELDS, DocumentItem
from tests.helpers import extract_fixture

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "crawler" / "schemas" /
                     "document.schema.json").read_text(encoding="utf-8"))


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_schema_item_class_and_export_order_agree():
    assert SCHEMA["required"] == EXPORT_FIELDS
    assert list(SCHEMA["properties"]) == EXPORT_FIELDS
    assert set(DocumentItem.fields) - {"page"} == set(EXPORT_FIELDS)


@pytest.mark.parametrize("name", ["seed_article.html", "policy_article.html",
                                  "policy_attachment_only.html", "guide_single.html"])
def test_items_validate(name):
    jsonschema.validate(extract_fixture(name), SCHEMA)


@pytest.mark.parametrize("field,value", [
    ("published_at", "2023-01-10 09:17:15"), ("views", "123"), ("title", ""),
    ("attachments", [{"url": "x.pdf", "name": "x", "ext": "pdf"}]), ("extra", 1),
])
def test_schema_rejects_malformed_items(field, value):
    item = extract_fixture("seed_article.html")
    item[field] = value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(item, SCHEMA)
