"""The generic fallback on a layout no family recognises (tests/replica/hosts/generic.py)."""

import math

import pytest

from crawler.families import detect_family
from crawler.families.base import DOCUMENT, PAGE
from crawler.families.generic import Generic, main_content
from crawler.htmltree import parse_html
from tests.helpers import extract, run_crawl
from tests.replica.hosts.generic import COLUMNS, HOST, ROOT, GenericSite, doc_path, list_path
from tests.replica.server import ReplicaServer

SITE = GenericSite()
BASE = f"http://{HOST}"


def family():
    reader = Generic()
    reader.read_page(BASE + ROOT, parse_html(SITE.root()))
    return reader


def pages_of(column):
    return math.ceil(column.count / column.per_page)


def test_no_family_claims_the_layout():
    pages = [SITE.root(), SITE.list_page(COLUMNS[0], 1, 3), SITE.article(SITE.docs[0])]
    assert [detect_family(BASE + ROOT, page) for page in pages] == [(None, 0)] * 3


def test_start_page_is_the_section_and_leads_into_it_only():
    reading = Generic().read_page(BASE + ROOT, parse_html(SITE.root()))
    assert reading.kind == "section"
    urls = {link.url[len(BASE):] for link in reading.links}
    assert {"/zwgk/tzgg/index.html", "/zwgk/zcwj/list_1.html", "/zwgk/rsxx/index.html"} <= urls
    assert all(url.startswith("/zwgk/") for url in urls)


@pytest.mark.parametrize("column", COLUMNS, ids=lambda c: c.code)
def test_list_pages_rows_and_every_pager_style(column):
    number = 2 if pages_of(column) > 1 else 1
    url = BASE + list_path(column, number)
    reading = family().read_page(url, parse_html(SITE.list_page(column, number, pages_of(column))))
    documents = [link.url[len(BASE):] for link in reading.links if link.kind == DOCUMENT]
    expected = [doc_path(d) for d in SITE.column_docs(column.code)[
        (number - 1) * column.per_page:number * column.per_page]]
    if column.code == "tzgg":
        expected.insert(3, SITE.dead_path)
    assert (reading.kind, documents) == ("list", expected)
    pages = sorted({link.url[len(BASE):] for link in reading.links if link.kind == PAGE})
    assert pages == sorted({list_path(column, n) for n in range(1, pages_of(column) + 1)} - {
        list_path(column, number)})


def test_page_functions_of_scripts_are_read():
    script = 'function goPage(n){ location.href = "list_" + n + ".html"; }'
    assert Generic.page_function(script, "goPage", "3") == "list_3.html"
    assert Generic.page_function("function turn(p){window.location='?page='+p}", "turn", "2") == "?page=2"
    assert Generic.page_function(script, "other", "3") is None


def test_main_content_is_the_prose_not_the_sidebar():
    tree = parse_html(SITE.article(SITE.docs[0]))
    assert main_content(tree).get("class") == "article-body"


def test_main_content_reaches_paragraphs_through_a_center_wrapper():
    html = ("<html><body><div class='info'>发布时间：2022-12-10</div><div id='body'><center>"
            + "".join(f"<p>第{n}段正文，内容足够长，用来判断哪里是正文所在的位置。</p>" for n in range(4))
            + "</center></div></body></html>")
    assert main_content(parse_html(html)).get("id") == "body"


@pytest.fixture(scope="module")
def policy():
    doc = SITE.column_docs("zcwj")[0]
    return doc, extract(BASE + doc_path(doc), SITE.article(doc).encode("utf-8"))


def test_title_date_source_from_the_page(policy):
    doc, item = policy
    assert item["title"] == doc.title == "示例县关于推进乡村振兴的实施意见"
    assert item["published_at"] == "2023-06-16T02:14:00+08:00"
    assert item["source"] == "县发改局"


def test_metadata_by_labels(policy):
    _, item = policy
    assert (item["index_no"], item["doc_no"], item["publisher"], item["category"]) == (
        "11320500MB0000/2023-00001", "示政发〔2023〕3号", "示例县人民政府", "综合政务")


def test_breadcrumb_column_body_attachments(policy):
    doc, item = policy
    assert item["breadcrumb"] == ["首页", "政务公开", "政策文件"]
    assert item["column"] == "政策文件"
    assert item["body"] == "\n".join([*doc.paragraphs, "附件：示例县乡村振兴实施细则.pdf"])
    assert item["attachments"] == [{
        "url": BASE + "/uploads/2023/5c9a84c83cd3797ac4f2f6cf796d7e42.pdf",
        "name": "示例县乡村振兴实施细则.pdf", "ext": "pdf", "filename": "示例县乡村振兴实施细则.pdf"}]


@pytest.mark.parametrize("doc", SITE.docs, ids=lambda d: d.doc_id[:8])
def test_every_article_exactly(doc):
    item = extract(BASE + doc_path(doc), SITE.article(doc).encode("utf-8"))
    assert item["title"] == doc.title
    assert item["published_at"] == f"{doc.published:%Y-%m-%dT%H:%M}:00+08:00"
    assert item["body"].split("\n")[:len(doc.paragraphs)] == list(doc.paragraphs)
    assert item["source"] == doc.source
    assert "阅读次数" not in item["body"] and "打印本页" not in item["body"]


def test_crawl_with_only_a_start_url(tmp_path):
    server = ReplicaServer().start()
    try:
        result = run_crawl(server, tmp_path, "-a", f"start_url={BASE}{ROOT}")
    finally:
        server.stop()
    assert result.returncode == 0
    assert sorted(item["url"] for item in result.items) == sorted(BASE + doc_path(d) for d in SITE.docs)
    assert {item["url"]: item["title"] for item in result.items} == {
        BASE + doc_path(d): d.title for d in SITE.docs}
    summary = result.summary
    assert summary["family"] == "generic"
    assert summary["errors"]["by_kind"] == {"http_404": 1}
    paths = [r["path"] for r in server.requests if r["host"] == HOST]
    assert all(p.startswith("/zwgk/") or p == "/robots.txt" for p in paths)
    assert not [r for r in server.requests if r["host"] != HOST]
