"""The replica grown for benchmarks: extra articles made on demand, the base site unchanged."""

from tests.replica.hosts.szwz import COLUMN_BY_CODE, SzwzSite, doc_path

KEY_WORK = COLUMN_BY_CODE["qzfzdgz"]


def test_bulk_articles_are_listed_after_the_base_ones_and_served():
    site = SzwzSite(size=120)
    first = site.list_page(KEY_WORK, 1).body.decode()
    assert "createPageHTML('page_div',4,1,'nav_list','shtml',161)" in first
    last = site.list_page(KEY_WORK, 4).body.decode()
    article = site.bulk[119]
    assert doc_path(article) in last and site.bulk.path(119) == doc_path(article)
    served = site.document_route(doc_path(article))
    assert served.status == 200 and article.title in served.body.decode()
    assert site.list_page(KEY_WORK, 5).status == 404
    assert site.document_route(doc_path(article).replace(article.doc_id[8:], "0" * 24)).status == 404


def test_bulk_articles_are_distinct_and_older_than_the_column():
    site = SzwzSite(size=300)
    oldest_base = min(d.published for d in site.corpus.column_docs("qzfzdgz"))
    articles = [site.bulk[i] for i in range(300)]
    assert len({a.doc_id for a in articles}) == len({a.title for a in articles}) == 300
    assert all(a.published < oldest_base for a in articles)


def test_no_size_is_the_base_site():
    assert SzwzSite().list_page(KEY_WORK, 1).body == SzwzSite(size=0).list_page(KEY_WORK, 1).body
    assert "createPageHTML('page_div',3,1,'nav_list','shtml',41)" in (
        SzwzSite().list_page(KEY_WORK, 1).body.decode())
