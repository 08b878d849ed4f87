"""The per-page shortcuts of issue 7 give the answers the long way gives."""

import re

import pytest

from crawler import families
from crawler.cleaning import hidden
from crawler.cleaning.junk_tags import Positions
from crawler.cleaning.mirror import judge_mirror
from crawler.extraction import lang
from crawler.extraction.text import block_text
from crawler.htmltree import _CONTROL, _CONTROL_CHARS, parse_html
from crawler.memo import SHORT, remember_short
from crawler.profiles import all_profiles, load_profile
from pipelines.mirror import MirrorPipeline

ASKED: list[str] = []  # the families detection scored, in order


class _Fixed(families.Family):
    """A family whose score is set by the test."""

    score = 0

    @classmethod
    def detect(cls, url, text, lowered=None):
        ASKED.append(cls.name)
        return cls.score


def _family(name: str, score: int) -> type[families.Family]:
    return type(name, (_Fixed,), {"name": name, "score": score})


def test_detection_stops_at_a_certain_match_and_ties_go_to_the_later_name(monkeypatch):
    monkeypatch.setattr(families, "FAMILIES", {
        "alpha": _family("alpha", 100), "beta": _family("beta", 100), "gamma": _family("gamma", 60),
        "generic": _family("generic", 100)})
    ASKED.clear()
    assert families.detect_family("http://a.gov.cn/", "") == ("beta", 100)
    assert ASKED == ["gamma", "beta"]


def test_detection_below_certainty_scores_every_family(monkeypatch):
    monkeypatch.setattr(families, "FAMILIES", {
        "alpha": _family("alpha", 70), "beta": _family("beta", 30), "gamma": _family("gamma", 70)})
    ASKED.clear()
    assert families.detect_family("http://a.gov.cn/", "") == ("gamma", 70)
    assert ASKED == ["gamma", "beta", "alpha"]
    monkeypatch.setattr(families, "FAMILIES", {"generic": _family("generic", 100)})
    assert families.detect_family("http://a.gov.cn/", "") == (None, 0)


def test_class_counts_are_shared_read_only_for_the_same_sample():
    text = "政府信息公开條例" * 300  # 2,400 characters: the sample is the first 1,500
    counts = lang._class_counts(text)
    assert counts.tolist() == [0, 1126, 0, 187, 187]  # 條 Traditional only, 开 Simplified only
    assert lang._class_counts(text[:1500] + "x") is counts
    with pytest.raises(ValueError):
        counts[lang.HAN] = 0
    assert lang.chinese_script(text) == "zh-Hans"
    assert lang.detect_lang(text) == "zh-Hans"


def test_control_characters_are_those_of_the_regex():
    every = "".join(map(chr, range(0x10000)))
    assert "".join(_CONTROL.findall(every)) == _CONTROL_CHARS
    assert len(_CONTROL_CHARS) == 29
    tree = parse_html("<html><body><p>a\x01b\x1fc\td</p></body></html>")
    assert tree.findtext(".//p") == "abc\td"


def test_hidden_candidates_come_from_one_union_in_document_order():
    finder = hidden._finder(frozenset({"x", "y"}), frozenset({"z"}), False)
    assert finder.path == (
        "descendant-or-self::*/@style/.. | descendant-or-self::*/@hidden/.. | "
        "descendant-or-self::marquee | "
        "descendant-or-self::*/@class[contains(.,'x') or contains(.,'y')]/.. | "
        "descendant-or-self::*/@id[.='z']/..")
    tree = parse_html(
        '<body><p class="y" style="a">1</p><marquee>2</marquee><i id="z">3</i>'
        '<b hidden>4</b><u class="xx">5</u><s class="q">6</s></body>')
    assert [e.text for e in hidden._candidates(tree, {"x", "y"}, {"z"})] == ["1", "2", "3", "4"]
    only_styles = hidden._finder(frozenset(), frozenset(), True)
    assert only_styles.path == "descendant-or-self::*/@style/.."


def test_positions_are_measured_at_the_first_question():
    tree = parse_html("<body><i id='a'></i><p>text</p><b id='b'></b><p>more</p><u></u></body>")
    positions = Positions(tree)
    assert positions.order is None
    where = {e.get("id") or e.tag: positions.where(e) for e in tree.iter("i", "b", "u")}
    assert where == {"a": "top of page", "b": "inside body", "u": "bottom of page"}
    assert (positions.first_text, positions.last_text) == (3, 5)


def test_block_text_skips_whitespace_only_lines():
    tree = parse_html("<div>\n <p> a </p>\n\n<p>\u3000</p><p>b<!-- c -->\n</p> \x1f</div>")
    assert block_text(tree.find(".//div")) == "a\nb"


def test_mirror_stage_reads_the_profiles_once():
    stage = MirrorPipeline(stats=None)
    first = stage.profiles()
    assert stage.profiles() is first
    assert [p.name for p in first] == [p.name for p in all_profiles()]


def test_judge_mirror_asks_for_profiles_only_when_needed():
    asked = []

    def profiles():
        asked.append(1)
        return [load_profile("szwz")]

    assert judge_mirror("http://www.szwz.gov.cn/szwz/a.shtml", None, "", True, profiles) is None
    assert asked == []
    verdict = judge_mirror("http://m.example.com/szwz/a.shtml", None, "", False, profiles)
    assert asked == [1]
    assert verdict.official_url == "http://www.szwz.gov.cn/szwz/a.shtml"
    assert re.search("path prefix /szwz/", verdict.evidence)


def test_remember_short_caches_only_short_arguments():
    calls = []

    @remember_short(maxsize=8)
    def size(text, other=None):
        calls.append(len(text))
        return len(text) + (len(other) if other else 0)

    short, long = "a" * SHORT, "b" * (SHORT + 1)
    assert [size(short), size(short), size(short, None), size(long), size(long)] == [
        512, 512, 512, 513, 513]
    assert calls == [512, 512, 513, 513]  # (short) and (short, None) are two calls
    assert size(short, long) == 1025 and size(short, long) == 1025
    assert calls == [512, 512, 513, 513, 512, 512]
    assert size.cache_info().currsize == 2
