"""Property tests: any generated spam injected into a clean page leaves its body as it was."""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from crawler.items import Page
from tests.helpers import PipelineRunner
from tests.replica.hosts.szwz import HOST, SzwzSite, doc_path
from tests.replica.inject import (
    GAMBLING_PHRASES,
    JUNK_TAGS,
    PORN_PHRASES,
    POSITIONS,
    SEPARATORS,
    SPAM_HOSTS,
)

SITE = SzwzSite()
DOCS = [d for d in SITE.corpus.docs
        if d.paragraphs and d.doc_id not in SITE.corpus.traps.hacked][::6]
RUNNER = PipelineRunner()
# `make test` runs a fixed, reproducible set of examples; PROPERTY_EXAMPLES=3000 explores at random.
EXPLORE = os.environ.get("PROPERTY_EXAMPLES")
PROPERTY_SETTINGS = settings(max_examples=int(EXPLORE or 60), derandomize=not EXPLORE,
                             deadline=None, suppress_health_check=[HealthCheck.too_slow])

junk_ids = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=4, max_size=9)


@st.composite
def junk_blocks(draw):
    junk_id = draw(junk_ids)
    first, second = draw(st.lists(st.sampled_from(JUNK_TAGS), min_size=2, max_size=2, unique=True))
    tags = [first, second, *draw(st.lists(st.sampled_from(JUNK_TAGS), min_size=2, max_size=28))]
    nest = draw(st.lists(st.booleans(), min_size=len(tags), max_size=len(tags)))
    html, open_tags = "", []
    for tag, nested in zip(tags, nest):
        html += f'<{tag} id="{junk_id}">'
        if nested and len(open_tags) < 3:
            open_tags.append(tag)
        else:
            html += f"</{tag}>"
    return html + "".join(f"</{t}>" for t in reversed(open_tags))


keyword_lines = st.builds(
    lambda phrases, sep, tag: f"<{tag}>{sep.join(phrases)}</{tag}>",
    st.lists(st.sampled_from(PORN_PHRASES + GAMBLING_PHRASES), min_size=3, max_size=6, unique=True),
    st.sampled_from(SEPARATORS), st.sampled_from(["p", "div", "span", "td", "li"]))

hiding_styles = st.sampled_from(["display:none", "visibility:hidden", "position:absolute;left:-9999px",
                                 "font-size:0", "height:0;overflow:hidden", "text-indent:-9999px",
                                 "opacity:0"])
link_farms = st.builds(
    lambda style, links: f'<div style="{style}">' + "".join(
        f'<a href="http://{host}/{n}.html">{text}</a>' for host, n, text in links) + "</div>",
    hiding_styles,
    st.lists(st.tuples(st.sampled_from(SPAM_HOSTS), st.integers(1, 999),
                       st.sampled_from(GAMBLING_PHRASES + PORN_PHRASES)), min_size=1, max_size=8))

spam_blocks = st.one_of(junk_blocks(), keyword_lines, link_farms)
injections = st.lists(st.tuples(spam_blocks, st.sampled_from(POSITIONS)), min_size=1, max_size=4)


def inject_all(html, blocks):
    for fragment, position in blocks:
        if position == "before_html":
            html = fragment + html
        elif position == "after_html":
            html = html + fragment
        elif position == "body_start":
            html = html.replace("<body>", "<body>" + fragment, 1)
        elif position == "in_content":
            html = html.replace("</UCAPCONTENT>", fragment + "</UCAPCONTENT>", 1)
        else:
            html = html.replace("</body>", fragment + "</body>", 1)
    return html


def run(doc, html):
    """The pipelines' item, and the page (whose tree they sanitized)."""
    page = Page(url=f"http://{HOST}{doc_path(doc)}", body=html.encode("utf-8"),
                content_type="text/html; charset=utf-8", crawled_at="2026-01-01T00:00:00+00:00")
    return RUNNER.run(page), page


CLEAN = {doc.doc_id: run(doc, SITE.article_page(doc))[0] for doc in DOCS}


def test_the_clean_pages_are_clean():
    assert all(not item["spam"]["removed"] for item in CLEAN.values())
    assert all(item["body"].startswith(doc.paragraphs[0]) for doc, item in zip(DOCS, CLEAN.values()))


@PROPERTY_SETTINGS
@given(doc=st.sampled_from(DOCS), blocks=injections)
def test_injected_spam_never_changes_the_body(doc, blocks):
    item, _ = run(doc, inject_all(SITE.article_page(doc), blocks))
    assert item["body"] == CLEAN[doc.doc_id]["body"]
    assert item["title"] == doc.title
    assert item["spam"]["contaminated"] is True
    for phrase in PORN_PHRASES + GAMBLING_PHRASES:
        assert phrase not in item["body"]


@PROPERTY_SETTINGS
@given(doc=st.sampled_from(DOCS), blocks=injections)
def test_cleaning_is_idempotent(doc, blocks):
    first, page = run(doc, inject_all(SITE.article_page(doc), blocks))
    cleaned_html = etree.tostring(page.tree, encoding="unicode", method="html")
    second, _ = run(doc, cleaned_html)
    assert (second["title"], second["body"]) == (first["title"], first["body"])
    assert second["spam"]["removed"] == []
