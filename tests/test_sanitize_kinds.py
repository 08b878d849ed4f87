"""Each kind of injection, in several positions and encodings, on a clean replica page.

The body must come out exactly as the clean page's, and the report must name the
kind and hold the injected text.
"""

import random

import pytest

from tests.helpers import extract
from tests.replica.hosts.szwz import HOST, SzwzSite, doc_path
from tests.replica.inject import (
    hidden_link_farm,
    inject,
    junk_block,
    keyword_line,
    redirect_script,
)

SITE = SzwzSite()
DOC = SITE.corpus.column_docs("qzfzdgz")[4]
URL = f"http://{HOST}{doc_path(DOC)}"
CLEAN = SITE.article_page(DOC)
CLEAN_BODY = "\n".join(DOC.paragraphs)


def gbk_page(html):
    """GBK has no code for the header's bullet; GBK sites write the middle dot instead."""
    return html.replace("•", "·")


ENCODINGS = {
    "utf-8": lambda html: html.encode("utf-8"),
    "gbk-meta": lambda html: gbk_page(html).replace('<meta charset="utf-8">', '<meta charset="gbk">').encode("gbk"),
    "gb18030-undeclared": lambda html: gbk_page(html).replace('<meta charset="utf-8">', "").encode("gb18030"),
}


def run(html, encoding="utf-8"):
    content_type = "text/html; charset=utf-8" if encoding == "utf-8" else "text/html"
    return extract(URL, ENCODINGS[encoding](html), content_type)


def removed_of(item, kind):
    return [r for r in item["spam"]["removed"] if r["kind"] == kind]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_clean_page_in_every_encoding_is_clean(encoding):
    item = run(CLEAN, encoding)
    assert item["body"] == CLEAN_BODY
    assert item["spam"] == {"contaminated": False, "kinds": [], "removed": [], "mojibake": []}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("position", ["before_html", "body_start", "in_content", "after_footer", "after_html"])
def test_junk_tag_block(position, encoding):
    block = junk_block(random.Random(position))
    item = run(inject(CLEAN, block, position), encoding)
    assert item["body"] == CLEAN_BODY
    assert item["spam"]["kinds"] == ["junk_tags"]
    junk_id = block.split('id="', 1)[1][:5]
    removed = "".join(r["text"] for r in removed_of(item, "junk_tags"))
    assert removed.count(f'id="{junk_id}"') == block.count(f'id="{junk_id}"')


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("position", ["before_html", "body_start", "in_content", "after_footer", "after_html"])
@pytest.mark.parametrize("category", ["porn", "gambling"])
def test_keyword_line(position, encoding, category):
    line = keyword_line(random.Random(position + category), category)
    item = run(inject(CLEAN, f"<p>{line}</p>", position), encoding)
    assert item["body"] == CLEAN_BODY
    assert item["spam"]["kinds"] == ["keyword_line"]
    assert [r["text"] for r in removed_of(item, "keyword_line")] == [line]


@pytest.mark.parametrize("position", ["body_start", "in_content", "after_footer"])
@pytest.mark.parametrize("style", ["display:none", "visibility: hidden", "position:absolute;left:-9999px",
                                   "font-size:0", "height:0;overflow:hidden", "text-indent:-99999px"])
def test_hidden_link_farm(position, style):
    farm = hidden_link_farm(random.Random(style), style)
    item = run(inject(CLEAN, farm, position))
    assert item["body"] == CLEAN_BODY
    assert item["spam"]["kinds"] == ["hidden_links"]
    [removal] = removed_of(item, "hidden_links")
    assert removal["text"].count("<a href=") == farm.count("<a href=")


def test_hidden_text_without_links():
    hidden = f'<span style="display:none">{keyword_line(random.Random(1), "porn")}</span>'
    item = run(inject(CLEAN, hidden, "in_content"))
    assert item["body"] == CLEAN_BODY
    assert item["spam"]["kinds"] == ["hidden_text"]


def test_class_hidden_link_farm():
    page = CLEAN.replace("</head>", "<style>.x9{display:none}</style></head>")
    farm = hidden_link_farm(random.Random(2)).replace('style="display:none"', 'class="x9"')
    item = run(inject(page, farm, "after_footer"))
    assert item["spam"]["kinds"] == ["hidden_links"]


@pytest.mark.parametrize("style", ["plain", "atob", "unescape", "charcode"])
@pytest.mark.parametrize("position", ["head", "body_start", "after_footer"])
def test_redirect_script(style, position):
    script = redirect_script(random.Random(style), style)
    page = (CLEAN.replace("</head>", script + "</head>") if position == "head"
            else inject(CLEAN, script, position))
    item = run(page)
    assert item["body"] == CLEAN_BODY
    assert item["spam"]["kinds"] == ["script_redirect"]
    [removal] = removed_of(item, "script_redirect")
    assert removal["text"] in script


def test_offsite_script_source():
    item = run(inject(CLEAN, '<script src="http://www.8x9k2.com/js/tj.js"></script>', "after_footer"))
    assert [r["text"] for r in removed_of(item, "script_redirect")] == ["http://www.8x9k2.com/js/tj.js"]


def test_title_stuffing_keeps_the_real_title():
    page = CLEAN.replace("<title>", "<title>澳门新葡京官网_百家乐真人平台_皇冠体育下载_", 1)
    item = run(page)
    assert item["title"] == DOC.title
    assert [r["text"] for r in removed_of(item, "title_stuffing")] == [
        "澳门新葡京官网 | 百家乐真人平台 | 皇冠体育下载"]


def test_meta_stuffing():
    stuffed = "澳门新葡京官网,真人百家乐游戏,国产综合久久久久,日韩av无码中文字幕"
    page = CLEAN.replace('<meta name="Keywords" content="', f'<meta name="Keywords" content="{stuffed},')
    item = run(page)
    assert item["spam"]["kinds"] == ["meta_stuffing"]
    assert removed_of(item, "meta_stuffing")[0]["where"] == "meta[name=keywords]"


def test_zero_width_characters_inside_spam_words():
    line = "国\u200b产综\u200c合久久|日\u200d韩av无码|中文\ufeff字幕在线"
    item = run(inject(CLEAN, f"<p>{line}</p>", "in_content"))
    assert item["body"] == CLEAN_BODY
    assert item["spam"]["kinds"] == ["keyword_line"]


def test_a_zero_width_line_leaves_no_blank_line_behind():
    item = run(inject(CLEAN, "<p>\ufeff\u200b</p>", "in_content"))
    assert item["body"] == CLEAN_BODY
    assert item["spam"]["kinds"] == ["zero_width"]


def test_every_kind_at_once_leaves_the_body_intact():
    rng = random.Random(7)
    page = inject(CLEAN, junk_block(rng), "before_html")
    page = inject(page, f"<p>{keyword_line(rng)}</p>", "after_footer")
    page = inject(page, hidden_link_farm(rng), "body_start")
    page = inject(page, redirect_script(rng, "atob"), "in_content")
    page = page.replace("<title>", "<title>澳门新葡京官网_真人百家乐游戏_", 1)
    item = run(page, "gbk-meta")
    assert item["body"] == CLEAN_BODY
    assert item["spam"]["kinds"] == ["hidden_links", "junk_tags", "keyword_line", "script_redirect",
                                     "title_stuffing"]
    assert item["spam"]["contaminated"] is True
