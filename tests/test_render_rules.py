"""Which requests are rendered, how profiles say so, and the replica's 加速乐 gate."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import Headers

from crawler.middlewares.challenge import challenge_vendor
from crawler.middlewares.rendering import for_jar
from crawler.profiles import Column, Profile, load_profile
from crawler.rendering.rules import needs_rendering
from tests.replica.hosts import rendered

SITE = "http://www.example.gov.cn"
COLUMN = Profile("x", f"{SITE}/zwgk/index.html",
                 columns=(Column("/zwgk/zcjd/", "政策解读", "splash"), Column("/zwgk/tzgg/")))
WHOLE_SITE = Profile("y", f"{SITE}/zwgk/index.html", render="splash",
                     columns=(Column("/zwgk/static/", render="none"),))


def request(path: str, kind: str | None = "page", method: str = "GET", **meta) -> Request:
    if kind:
        meta["link_kind"] = kind
    return Request(SITE + path, method=method, meta=meta)


@pytest.mark.parametrize("profile, req, expected", [
    (COLUMN, request("/zwgk/zcjd/index.html"), True),
    (COLUMN, request("/zwgk/zcjd/list_2.html"), True),
    (COLUMN, request("/zwgk/zcjd/2023/0928/abc.html", "document"), False),
    (COLUMN, request("/zwgk/zcjd/data.json", "api"), False),
    (COLUMN, request("/zwgk/zcjd/index.html", method="POST"), False),
    (COLUMN, request("/zwgk/tzgg/index.html"), False),
    (COLUMN, request("/zwgk/index.html", None, role="start"), False),
    (WHOLE_SITE, request("/zwgk/index.html", None, role="start"), True),
    (WHOLE_SITE, request("/zwgk/tzgg/index.html"), True),
    (WHOLE_SITE, request("/zwgk/static/index.html"), False),
    (WHOLE_SITE, request("/robots.txt", None), False),
    (None, request("/zwgk/zcjd/index.html"), False),
])
def test_profiles_choose_the_pages_to_render(profile, req, expected):
    assert needs_rendering(profile, req) is expected


def test_a_profile_names_render_columns(tmp_path, monkeypatch):
    (tmp_path / "mine.toml").write_text(
        'start_url = "http://a.gov.cn/zwgk/"\n[[columns]]\npath = "/zwgk/js/"\nrender = "splash"\n')
    (tmp_path / "bad.toml").write_text('start_url = "http://a.gov.cn/"\nrender = "chrome"\n')
    monkeypatch.setenv("ZWGK_PROFILES", str(tmp_path))
    assert load_profile("mine").columns == (Column("/zwgk/js/", None, "splash"),)
    with pytest.raises(ValueError, match=r"render = 'chrome'; known: \['none', 'splash'\]"):
        load_profile("bad")
    assert load_profile("szwz").render is None


def test_the_replica_gate_challenges_until_the_cookie_is_right():
    site = rendered.RenderedSite()
    url = rendered.list_url(rendered.BY_CODE["rsxx"])
    reply = site.gate(rendered.GUARDED_HOST, url, {})
    assert reply.status == 521
    assert challenge_vendor(reply.status, Headers(reply.headers), reply.body) == "jiasule"
    visitor = reply.headers["Set-Cookie"].split(";")[0].split("=", 1)[1]
    assert rendered.clearance_for(visitor).encode() not in reply.body  # computed by the script
    good = f"__jsluid_h={visitor}; __jsl_clearance_s={rendered.clearance_for(visitor)}"
    assert site.gate(rendered.GUARDED_HOST, url, {"Cookie": good}) is None
    wrong = f"__jsluid_h=other; __jsl_clearance_s={rendered.clearance_for(visitor)}"
    assert site.gate(rendered.GUARDED_HOST, url, {"Cookie": wrong}).status == 521
    assert site.gate(rendered.HOST, rendered.ROOT_URL, {}) is None


def test_the_script_built_list_holds_no_links():
    site = rendered.RenderedSite()
    page = site.handle("GET", rendered.HOST, "/zwgk/zcjd/index.html", "", b"").body.decode()
    for doc in site.column_docs("zcjd"):
        assert doc.title not in page and rendered.doc_path(doc) not in page
    assert "list_2.html" not in page.replace('"list_"+n+".html"', "")


def test_browser_cookies_of_the_page_host_stay_host_only():
    cookies = [{"name": "a", "value": "1", "domain": "x.gov.cn", "path": "/"},
               {"name": "acw_sc__v2", "value": "2", "domain": ".gov.cn", "path": "/"}]
    assert for_jar(cookies, "http://x.gov.cn/p.html") == [
        {"name": "a", "value": "1", "path": "/"},
        {"name": "acw_sc__v2", "value": "2", "domain": ".gov.cn", "path": "/"}]
