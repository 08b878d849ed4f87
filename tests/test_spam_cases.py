"""Red-team spam pages (tests/fixtures/spam_cases/): each injection is removed and reported with
its kind, position and text, and every paragraph of the real document is kept."""

import json
from pathlib import Path

from tests.helpers import extract

CASES_DIR = Path(__file__).parent / "fixtures" / "spam_cases"
CASES = json.loads((CASES_DIR / "cases.json").read_text(encoding="utf-8"))


def run(name: str) -> dict:
    item = extract(CASES[name]["url"], (CASES_DIR / f"{name}.html").read_bytes(), content_type=None)
    body = item["body"].split("\n")
    assert [paragraph for paragraph in CASES[name]["keep"] if paragraph not in body] == []
    assert item["title"] == CASES[name]["title"]
    return item


def removed(item: dict) -> list[tuple[str, str, str]]:
    return [(r["kind"], r["where"], r["text"]) for r in item["spam"]["removed"]]


def test_keyword_tail_and_inline_spam_links_in_real_paragraphs():
    item = run("s03_glued_tail")
    assert removed(item) == [
        ("keyword_line", "inside p", "皇冠体育 真人百家乐 国产精品久久 无码中文字幕"),
        ("keyword_line", "inside ucapcontent", "澳门新葡京|真人百家乐|开元棋牌|时时彩平台|注册送彩金"),
    ]
    assert "二是古城保护更新扎实推进。完成平江历史街区、山塘历史街区保护整治项目12个，修缮控保建筑27处，" \
           "新增开放古典园林2座。" in item["body"].split("\n")


def test_evasively_hidden_link_farms():
    item = run("s05_hidden_evasive")
    assert item["spam"]["kinds"] == ["hidden_links"]
    assert [where for _, where, _ in removed(item)] == [
        f"hidden {tag} (4 off-site links ({host}))" for tag, host in [
            ("div", "j1.bg-spam.com"), ("div.ft-x8q1", "k2.cmp-spam.com"),
            ("div", "l3.em-spam.com"), ("div", "m4.sc-spam.com"), ("div", "n5.px1-spam.com"),
            ("div", "o6.clp-spam.com"), ("ul", "p7.desc-spam.com"), ("div", "q8.wh-spam.com"),
            ("div", "r9.zi-spam.com")]]
    assert removed(item)[0][2].startswith('<div style="color:#ffffff;background:#ffffff">')


def test_evasive_redirect_scripts():
    item = run("s07_scripts_evasive")
    assert [where for _, where, _ in removed(item)] == [
        "script in head (referrer_redirect: document.referrer tested for baidu; "
        "html -> http://www.ifr-spam.com/)",
        "script in head (referrer_redirect: document.referrer tested for baidu; "
        "frame -> http://www.ce-spam.com/)",
        "script in head (referrer_redirect: document.referrer tested for sogou; "
        "location -> http://www.to-spam.com/)",
        "script in head (referrer_redirect: document.referrer tested for baidu; "
        "location -> http://www.join-spam.com)",
        "script in head (obfuscated_redirect: decoded referrer_redirect: document.referrer tested "
        "for so.com; location -> http://www.idx-spam.com/)",
        "script in head (referrer_redirect: document.referrer tested for baidu; "
        "location -> https://www.loop-spam.com/?f=)",
        "meta refresh (to www.refresh-spam.com)",
    ]


def test_bracketed_title_prefix():
    item = run("s09_title_brackets")
    assert removed(item) == [
        ("title_stuffing", "<title>", "澳门新葡京 | 真人百家乐"),
        ("keyword_line", "inside h2.article_title", "皇冠体育 开元棋牌 时时彩"),
    ]


def test_keyword_lines_with_brackets_exclamation_emoji_and_domains():
    item = run("s14_kw_punct")
    assert removed(item) == [
        ("keyword_line", "top of page", "【澳门新葡京】官网注册送38元！真人百家乐|开元棋牌|www.js8899.com"),
        ("keyword_line", "inside ucapcontent",
         "国产精品久久久久久久久久（无码）日韩AV中文字幕 一区二区三区 🔞 在线观看：www.av1688.xyz"),
        ("keyword_line", "inside body",
         "威尼斯人娱乐城 — 百家乐 — 老虎机 — 注册送彩金 — 首存100送100 — 24小时提款秒到账！"),
    ]
