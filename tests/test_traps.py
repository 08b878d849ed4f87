"""Legitimate pages that look like spam to a naive filter come out untouched and uncontaminated."""

import json
from pathlib import Path

import pytest

from tests.helpers import extract
from tests.replica.save_fixtures import TRAP_DIR
from tests.replica.traps import trap_pages

TRAPS = trap_pages()


def test_there_are_at_least_ten_traps():
    assert len(TRAPS) >= 10


@pytest.mark.parametrize("trap", TRAPS, ids=lambda t: t.name)
def test_saved_trap_page_is_current(trap):
    assert (TRAP_DIR / f"{trap.name}.html").read_text(encoding="utf-8") == trap.html


@pytest.mark.parametrize("trap", TRAPS, ids=lambda t: t.name)
def test_trap_page_is_untouched_and_uncontaminated(trap):
    item = extract(trap.url, (TRAP_DIR / f"{trap.name}.html").read_bytes())
    assert item["body"] == "\n".join(trap.doc.paragraphs)
    assert item["title"] == trap.doc.title
    assert item["spam"] == {"contaminated": False, "kinds": list(trap.expected_kinds),
                            "removed": [], "mojibake": []}
    assert item["served_script"] == trap.served_script
    assert item["mirror_of"] is None


SPAM_CASES = Path(__file__).parent / "fixtures" / "spam_cases"
CASES = json.loads((SPAM_CASES / "cases.json").read_text(encoding="utf-8"))
# Red-team pages a naive filter flags: a CMS keywords meta and a hidden share description with
# gambling words on an anti-gambling notice, 偷拍 keywords on police pages, 360/Sina/JiaThis
# scripts and a hidden local-media dropdown, hectares written ``(ha)``, a hidden dropdown of the
# official lottery sites.
RED_TEAM_TRAPS = ["t01_police_gambling", "t02_saohuang", "t07_legit_hidden_scripts",
                  "t11_planning_units", "t12_hanweb_gbk_police", "t13_trs_tiyucaipiao"]


@pytest.mark.parametrize("name", RED_TEAM_TRAPS)
def test_red_team_trap_page_is_untouched_and_uncontaminated(name):
    case = CASES[name]
    item = extract(case["url"], (SPAM_CASES / f"{name}.html").read_bytes(), content_type=None)
    assert item["spam"] == {"contaminated": False, "kinds": [], "removed": [], "mojibake": []}
    assert item["title"] == case["title"]
    body = item["body"].split("\n")
    for paragraph in case["keep"]:
        assert paragraph in body


ROUND2_DIR = SPAM_CASES / "round2"
ROUND2 = json.loads((ROUND2_DIR / "cases.json").read_text(encoding="utf-8"))
# Round-2 red-team traps: venue names with casino brands in an inspection table and a dump
# (金沙娱乐会所、银河娱乐KTV), a site's own tag links, hidden tabs, accordions and media panes
# whose prose uses 国产精品游戏 / 一区二区三园 / 掌声久久不息 / 电子游艺, units (ha)(a)(min) and a
# guide to reading place names (甪(lù)直) on official Simplified pages.
ROUND2_TRAPS = ["a01_culture_market_names", "a03_digital_culture_gbk", "a07_yiqu_erqu",
                "a09_units", "a11_place_name_pinyin", "a13_jiujiu_hidden_tab",
                "a16_faq_accordion", "c04_legit_dump"]


@pytest.mark.parametrize("name", ROUND2_TRAPS)
def test_round2_trap_page_is_untouched_and_uncontaminated(name):
    case = ROUND2[name]
    item = extract(case["url"], (ROUND2_DIR / case["file"]).read_bytes(), content_type=None)
    assert item["spam"] == {"contaminated": False, "kinds": [], "removed": [], "mojibake": []}
    assert item["title"] == case["title"]
    lines = item["body"].split("\n")
    # A table cell is kept inside its row's line, the rest as whole paragraphs.
    cells = case["keep"][3:5] if name == "a01_culture_market_names" else []
    assert [p for p in case["keep"] if p not in lines and p not in cells] == []
    assert [cell for cell in cells if cell not in item["body"]] == []
