"""The seed page, through `scrapy extract` exactly as a user runs it (../shared/seed/README.md)."""

import json
import subprocess
import sys

import pytest

from tests.helpers import ROOT

SEED = ROOT / "tests" / "fixtures" / "seed" / "000_9196038d9fe0d08e.txt"
MIRROR_URL = "http://www.cpcoupon.com/szwz/qzfzdgz/202301/baeba41be9e24005a3b07d06585549e7.shtml"
GENUINE = (ROOT / "tests" / "replica" / "data" / "seed_article.txt").read_text(encoding="utf-8").split("\n")
# What the mirror's GBK round trip destroyed for good: characters lost as "?" (no repair can
# know them) and one stray character before the damaged 互联网.
UNRECOVERABLE = [
    ("吴中人民医院互联网医院", "吴中人民医院盖?互联网医院"),
    ("落地见效。纵深推进", "落地见效?纵深推进"),
    ("信用企业。“放管服”", "信用企业?“放管服”"),
    ("更显质效。科学划定", "更显质效?科学划定"),
    ("开工建设。“苏州太湖", "开工建设?“苏州太湖"),
    ("1000人。“双减”", "1000人?“双减”"),
    ("980户。“养老服务", "980户?“养老服务"),
    ("光福“冲山”", "光?“冲山”"),
]


@pytest.fixture(scope="module")
def seed():
    done = subprocess.run([sys.executable, "-m", "scrapy", "extract", str(SEED), "--url", MIRROR_URL],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    [line] = done.stdout.splitlines()
    return json.loads(line)


def test_title(seed):
    assert seed["title"] == "2022年政府工作总结"


def test_published_at(seed):
    assert seed["published_at"] == "2023-01-10T09:17:15+08:00"


def test_source_and_views_are_null(seed):
    assert (seed["source"], seed["views"]) == (None, None)


def test_breadcrumb_in_simplified(seed):
    assert seed["breadcrumb"] == ["首页", "信息公开", "重点政务信息", "重点工作", "区政府重点工作"]
    assert seed["column"] == "区政府重点工作"


def test_body_is_the_genuine_text_restored_to_simplified(seed):
    expected = "\n".join(GENUINE).strip()
    for before, after in UNRECOVERABLE:
        assert expected.count(before) == 1
        expected = expected.replace(before, after)
    assert seed["body"] == expected


def test_body_paragraphs_whole(seed):
    lines = seed["body"].split("\n")
    assert len(lines) == 9
    assert lines[0].startswith("2022年,是极不平凡的一年,")
    assert [line[:2] for line in lines[1:8]] == [f"{n}." for n in range(1, 8)]
    assert lines[1].startswith("1.有效应对疫情冲击,") and lines[7].startswith("7.凝心聚力改善民生,")
    assert lines[8].startswith("2022年,深入学习贯彻党的二十大精神,")
    assert lines[8].endswith("完善预算绩效管理体系,335家单位纳入预算绩效目标管理。")


@pytest.mark.parametrize("absent", [
    "dlf5r", "<video", "delect", "国产", "久久", "日韩av", "无码", "中文字幕", "狠狠", "粉嫩",
    "欢迎您", "用户登录", "政务服务管理办公室", "打印此页", "关闭窗口", "主办单位", "苏ICP备",
    "网站标识码", "公安部备案号", "您当前所在位置",
])
def test_body_holds_none_of_the_injections_or_page_chrome(seed, absent):
    assert absent not in seed["body"]
    assert absent not in seed["title"]


def test_spam_report(seed):
    spam = seed["spam"]
    assert spam["contaminated"] is True
    assert spam["kinds"] == ["junk_tags", "keyword_line", "mirror_host", "mojibake",
                             "traditional_conversion"]
    junk, keywords = spam["removed"]
    assert (junk["kind"], junk["where"]) == ("junk_tags", "lines 1-11")
    assert junk["text"].count('id="dlf5r"') == SEED.read_text(encoding="utf-8").count('id="dlf5r"') == 53
    assert keywords == {"kind": "keyword_line", "where": "line 48", "text":
                        "国产极品美女扒开粉嫩小泬91|国产综合久久久久|日韩av无码中文字幕|狠狠躁天天躁中文字"}


def test_mojibake_spots_with_positions_and_unique_repairs(seed):
    spots = seed["spam"]["mojibake"]
    repaired = [s["repaired"] for s in spots if s["repaired"]]
    assert repaired == ["互联网", "纵深", "“放管服”改革蹄疾步稳", "科学", "“苏州", "“双", "“养老", "“冲"]
    assert [s["text"] for s in spots if s["repaired"] is None] == ["?"] * 8
    body = seed["body"]
    for spot in spots:
        shown = spot["repaired"] or spot["text"]
        assert body[spot["offset"]:spot["offset"] + len(shown)] == shown
    first = spots[1]
    assert first == {"text": ";ヂ摼W", "offset": body.index("互联网医院"), "repaired": "互联网"}


def test_served_script_mirror_and_lang(seed):
    assert seed["served_script"] == "zh-Hant"
    assert seed["mirror_of"] == (
        "http://www.szwz.gov.cn/szwz/qzfzdgz/202301/baeba41be9e24005a3b07d06585549e7.shtml")
    assert (seed["lang"], seed["site"], seed["url"]) == ("zh-Hans", "www.cpcoupon.com", MIRROR_URL)
