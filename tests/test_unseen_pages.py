"""Pages of unseen sites a red-team run found fields wrong on (tests/fixtures/unseen/):
each through the full pipeline chain, the fields it got wrong compared exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import PipelineRunner, extract

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"
EXPECTED = json.loads((UNSEEN / "expected.json").read_text(encoding="utf-8"))


def run(name: str, runner: PipelineRunner | None = None) -> dict:
    # No charset from a header, as ``scrapy extract`` reads a saved file.
    return extract(EXPECTED[name]["url"], (UNSEEN / f"{name}.html").read_bytes(), None,
                   runner=runner)


def _cases():
    for name, fields in EXPECTED.items():
        for field in fields:
            if field != "url":
                yield pytest.param(name, field, id=f"{name[:2]}-{field}")


@pytest.mark.parametrize(("name", "field"), list(_cases()))
def test_field_as_expected(name, field):
    item, expected = run(name), EXPECTED[name][field]
    if field == "attachments":
        assert [{k: a[k] for k in ("url", "name", "ext")} for a in item[field]] == expected
    elif field == "body":
        assert item[field].split("\n") == expected.split("\n")
    else:
        assert item[field] == expected


def test_furniture_is_counted_not_reported_as_spam():
    runner = PipelineRunner()
    item = run("10_nantong_hanweb_gbk_toolbars_inside", runner)
    # 【字体：大 中 小】 打印本页, the 相关链接 block, 扫一扫…, 【关闭窗口】
    assert runner.stats["body/boilerplate_removed"] == 4
    assert item["spam"]["removed"] == [] and not item["spam"]["contaminated"]


def test_image_only_article_is_kept_with_its_caption():
    item = run("06_suzhou_image_only")
    assert (item["title"], item["body"], item["attachments"]) == (
        "一图读懂《苏州市生活垃圾分类管理条例》", "一图读懂生活垃圾分类管理条例", [])
