"""Cloaking: a document fetched again as Baiduspider from a Baidu result, and compared.

Judged on pages written here (the comparison does not depend on a platform) and
on the replica's cloaked articles in a real crawl with ``CLOAK_PROBE=1``.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse

from crawler.items import DocumentItem, Page
from crawler.jobdir import DONT_JOURNAL
from crawler.middlewares.cloaking import BAIDUSPIDER, Probe, baidu_referer
from tests.conftest import ROOT_URL
from tests.helpers import PipelineRunner, extract, run_crawl
from tests.replica.hosts.szwz import HOST, doc_path
from tests.test_resume import middleware as journal_middleware

URL = "http://www.example-county.gov.cn/xxgk/2024/0312/c1234a5678.html"
PARAGRAPHS = (
    "为进一步加强农村人居环境整治，县政府决定在全县范围内开展村庄清洁行动。",
    "各乡镇要对照任务清单，逐村明确责任人，确保三月底前完成第一轮集中整治。",
    "县农业农村局负责统筹协调，定期通报进展情况，对工作滞后的乡镇进行督办。",
)
BODY = "\n".join(PARAGRAPHS)
KEYWORD_LINE = "国产精品一区二区|日韩av无码中文字幕|午夜福利视频免费看|久久精品国产99"
OTHER_KEYWORD_LINE = "亚洲精品一区二区三区_人妻熟女中文字幕_精品国产自在现线看_日本高清免费无码"
LINK_FARM = ('<div style="display:none"><a href="http://www.8x9k2.com/1.html">澳门新葡京官网</a>'
             '<a href="http://vip.jinsha777.cc/2.html">真人百家乐游戏</a>'
             '<a href="http://m.hgsb88.net/3.html">皇冠体育下载</a></div>')


def page(extra_top: str = "", extra_bottom: str = "", clock: str = "2024-03-12 08:00") -> bytes:
    paragraphs = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>关于开展村庄清洁行动的通知_某县人民政府</title></head><body>{extra_top}
<div class="header"><a href="/">首页</a> <a href="/xxgk/">信息公开</a></div>
<div class="now">当前时间：{clock}</div>
<h1>关于开展村庄清洁行动的通知</h1>
<div class="info">发布时间：2024-03-12 09:30 来源：县农业农村局</div>
<div class="content">{paragraphs}</div>
<div class="footer">主办单位：某县人民政府办公室</div>{extra_bottom}
</body></html>""".encode()


def probe(body: bytes = b"", status: int = 200, location: str | None = None,
          failed: str | None = None) -> Probe:
    return Probe(BAIDUSPIDER, baidu_referer(URL), status=status, body=body,
                 content_type="text/html; charset=utf-8", location=location, failed=failed)


def judged(visitor: bytes, served: Probe) -> tuple[dict, dict]:
    runner = PipelineRunner()
    item = extract(URL, visitor, runner=runner, probe=served)
    return item, runner.stats


def cloaking_entries(item: dict) -> list[dict]:
    return [entry for entry in item["spam"]["removed"] if entry["kind"] == "cloaking"]


SERVED = "served to Baiduspider/2.0 from a Baidu result"


def test_the_same_page_for_the_search_engine_is_not_cloaking():
    item, stats = judged(page(), probe(page()))
    assert item["spam"] == {"contaminated": False, "kinds": [], "removed": [], "mojibake": []}
    assert item["body"] == BODY
    assert "cloaking/cloaked_pages" not in stats


def test_a_clock_that_changed_between_the_two_fetches_is_not_cloaking():
    item, _ = judged(page(clock="2024-03-12 08:00"), probe(page(clock="2024-03-12 08:01")))
    assert item["spam"]["kinds"] == []


def test_spam_shown_only_to_the_search_engine_is_reported_and_the_page_kept():
    served = page(extra_top=LINK_FARM, extra_bottom=f"<p>{KEYWORD_LINE}</p>")
    item, stats = judged(page(), probe(served))
    assert item["body"] == BODY
    assert item["title"] == "关于开展村庄清洁行动的通知"
    assert item["spam"]["contaminated"] is True
    assert item["spam"]["kinds"] == ["cloaking"]
    entries = cloaking_entries(item)
    assert [entry["where"] for entry in entries] == [
        f"{SERVED}: hidden_links at hidden div (3 off-site links (m.hgsb88.net, "
        "vip.jinsha777.cc, www.8x9k2.com))",
        f"{SERVED}: keyword_line at inside body",
    ]
    assert entries[1]["text"] == KEYWORD_LINE
    assert "澳门新葡京官网" in entries[0]["text"]
    assert stats["cloaking/cloaked_pages"] == 1
    assert stats["spam/removed/cloaking"] == 2
    assert stats["spam/pages/cloaking"] == 1


def test_a_keyword_line_rotated_per_request_is_the_same_hack_not_cloaking():
    visitor = page(extra_bottom=f"<p>{KEYWORD_LINE}</p>")
    item, _ = judged(visitor, probe(page(extra_bottom=f"<p>{OTHER_KEYWORD_LINE}</p>")))
    assert item["spam"]["kinds"] == ["keyword_line"]
    assert item["body"] == BODY


def test_a_whole_spam_page_for_the_search_engine_differs_wholesale():
    spam = ("<html><head><title>澳门新葡京官网_真人百家乐</title></head><body>"
            "<h1>皇冠体育下载</h1><p>注册就送888元，每日首存加赠，提款秒到账。</p>"
            "<p>全网最高返水，真人荷官在线发牌，体育赛事滚球投注。</p></body></html>").encode()
    item, _ = judged(page(), probe(spam))
    assert item["body"] == BODY
    assert item["spam"]["kinds"] == ["cloaking"]
    wholesale = cloaking_entries(item)[-1]
    assert wholesale["where"] == f"{SERVED}: visible text similarity 0.00 (below 0.7)"
    assert wholesale["text"] == ("皇冠体育下载\n注册就送888元，每日首存加赠，提款秒到账。\n"
                                 "全网最高返水，真人荷官在线发牌，体育赛事滚球投注。")


def test_search_visitors_redirected_off_the_site_is_cloaking():
    item, _ = judged(page(), probe(status=302, location="http://www.8x9k2.com/?from=baidu"))
    assert cloaking_entries(item) == [{
        "kind": "cloaking", "where": f"{SERVED}: HTTP 302 redirect to www.8x9k2.com",
        "text": "http://www.8x9k2.com/?from=baidu"}]


def test_a_redirect_within_the_site_is_not_cloaking():
    item, _ = judged(page(), probe(status=301, location=URL.replace("http:", "https:")))
    assert item["spam"]["kinds"] == []


@pytest.mark.parametrize(("served", "stat"), [
    (probe(b"", status=403), "cloaking/probe_status/403"),
    (probe(b""), "cloaking/probe_unreadable"),
])
def test_a_probe_refused_or_empty_is_counted_and_judges_nothing(served, stat):
    item, stats = judged(page(), served)
    assert item["spam"]["kinds"] == []
    assert stats[stat] == 1


def test_a_failed_probe_leaves_the_page_as_it_is():
    item, stats = judged(page(), probe(failed="TimeoutError: took longer than 180.0 seconds"))
    assert (item["body"], item["spam"]["kinds"]) == (BODY, [])
    assert not [key for key in stats if key.startswith(("cloaking/", "spam/"))]


def test_the_probe_is_dropped_from_the_page_after_judging():
    runner = PipelineRunner(until="pipelines.extract.ExtractPipeline")
    item = DocumentItem(page=Page(url=URL, body=page(), probe=probe(page())))
    for pipeline in runner.pipelines:
        item = pipeline.process_item(item, runner.spider)
    assert item["page"].probe is None


def test_a_second_look_at_a_url_is_neither_answered_nor_journaled(tmp_path):
    journal = journal_middleware(tmp_path)
    url = "http://www.szwz.gov.cn/szwz/tzgg/202301/a.shtml"
    journal.process_response(Request(url), HtmlResponse(url, body=b"<html>page</html>"), None)
    second = Request(url, meta={DONT_JOURNAL: True})
    assert journal.process_request(second, None) is None
    journal.process_response(second, HtmlResponse(url, body=b"<html>spam</html>"), None)
    assert journal.job.journal.count() == 1
    assert journal.process_request(Request(url), None).body == b"<html>page</html>"


def test_a_crawl_with_the_probe_reports_exactly_the_cloaked_articles(tmp_path, replica,
                                                                    full_crawl):
    result = run_crawl(replica, tmp_path, "-s", "CLOAK_PROBE=1", "-a", f"start_url={ROOT_URL}")
    assert result.returncode == 0, result.log[-3000:]
    site = replica.sites[HOST]
    cloaked = {f"http://{HOST}{doc_path(site.corpus.by_id_of(doc_id))}": cloak
               for doc_id, cloak in site.corpus.traps.cloaked.items()}
    items = {item["url"]: item for item in result.items}
    found = {url for url, item in items.items() if "cloaking" in item["spam"]["kinds"]}
    assert found == set(cloaked)
    plain = {item["url"]: item for item in full_crawl[0].items}
    assert len(items) == len(plain) == 122
    for url in cloaked:  # what the item keeps is the page the visitor saw
        assert (items[url]["title"], items[url]["body"]) == (plain[url]["title"],
                                                              plain[url]["body"])
        assert items[url]["spam"]["contaminated"] is True
    by_cloak = {cloak: [e["where"] for e in cloaking_entries(items[url])]
                for url, cloak in cloaked.items()}
    assert by_cloak["referer_redirect"] == [f"{SERVED}: HTTP 302 redirect to www.8x9k2.com"]
    assert by_cloak["spam_page"][-1] == f"{SERVED}: visible text similarity 0.00 (below 0.7)"
    assert sorted(w.split(": ")[1].split(" at ")[0] for w in by_cloak["bot_keywords"]) == [
        "hidden_links", "keyword_line"]

    probes = [entry for entry in replica.requests if "Baiduspider" in entry["user_agent"]]
    pages = {entry["url"] for entry in replica.requests  # as the crawler itself fetched them
             if "Baiduspider" not in entry["user_agent"] and entry["status"] == 200
             and entry["method"] == "GET"
             and not entry["path"].startswith(("/szinf/", "/appsearch/", "/robots.txt"))}
    probed = {entry["url"] for entry in probes}
    assert set(items) <= probed  # every document written (and its duplicates) was compared
    assert probed == pages  # every page, and no list API nor robots.txt
    assert len(probes) == len(probed) == result.summary["spam"]["cloaking_probe"]["probes"]
    for entry in probes:
        referer = urlsplit(entry["headers"]["Referer"])
        assert referer.hostname == "www.baidu.com"
        assert parse_qs(referer.query)["wd"] == [entry["url"]]
        assert "Cookie" not in entry["headers"]
    assert result.summary["spam"]["cloaking_probe"]["cloaked_pages"] == 3
    assert result.summary["spam"]["pages_by_kind"]["cloaking"] == 3


def test_no_crawl_poses_as_a_search_engine_unless_probing(full_crawl):
    _, requests = full_crawl
    assert not [entry for entry in requests if "spider" in entry["user_agent"].lower()]
    assert full_crawl[0].summary["spam"]["cloaking_probe"] is None
