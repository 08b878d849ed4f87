"""End to end: `scrapy crawl disclosure` in a real process against the replica server."""

import json

from tests.helpers import run_crawl
from tests.replica.hosts.szwz import HOST, SzwzSite, doc_path

SITE = SzwzSite()
EXPECTED = {f"http://{HOST}{doc_path(d)}": d for d in SITE.corpus.docs}


def test_every_document_exactly_once(full_crawl):
    result, _ = full_crawl
    urls = [item["url"] for item in result.items]
    assert len(urls) == len(set(urls)) == 122
    assert set(urls) == set(EXPECTED)


def test_titles_dates_and_columns_are_exact(full_crawl):
    result, _ = full_crawl
    for item in result.items:
        doc = EXPECTED[item["url"]]
        assert (item["title"], item["published_at"]) == (
            doc.title, doc.published.isoformat() + "+08:00")
    columns = {}
    for item in result.items:
        columns[item["column"]] = columns.get(item["column"], 0) + 1
    assert columns == {"区政府重点工作": 40, "通知公告": 38, "政策文件": 36, "政府信息公开年报": 6,
                       "政府信息公开指南": 1, "政府信息公开制度": 1}


def test_summary_counts(full_crawl):
    result, requests = full_crawl
    summary = result.summary
    assert summary["finish_reason"] == "finished"
    assert summary["family"] == "jiyuehua"
    assert summary["items"]["written"] == 122
    assert summary["items"]["dropped"] + summary["dedup"]["demoted"] == 2  # the two copies
    assert summary["errors"]["by_kind"] == {"http_404": 1}
    dead = SITE.corpus.traps.dead_path
    assert summary["errors"]["failures"] == [{
        "url": f"http://{HOST}{dead}", "kind": "http_404",
        "referer": f"http://{HOST}/szwz/qzfzdgz/nav_list_2.shtml"}]
    assert summary["retries"] == 1
    assert summary["skipped"] == {"robots_txt": 1, "channel_mismatch": 1}
    assert summary["pages"]["by_kind"] == {"document": 124, "form": 1, "list": 12, "section": 1}
    assert summary["pages"]["responses"] == len(requests) == 141
    assert summary["output"]["items"] == str(result.item_files[0])


def test_hacked_pages_are_listed_in_the_summary(full_crawl):
    result, _ = full_crawl
    spam = result.summary["spam"]
    hacked = {f"http://{HOST}{doc_path(SITE.corpus.by_id[i])}" for i in SITE.corpus.traps.hacked}
    assert {page["url"] for page in spam["contaminated_pages"]} == hacked
    assert spam["contaminated"] == 6
    assert spam["removed_by_kind"] == {"hidden_links": 2, "hidden_text": 1, "junk_tags": 1,
                                       "keyword_line": 2, "meta_stuffing": 1,
                                       "script_redirect": 2, "title_stuffing": 1}
    clean = [item for item in result.items if item["url"] not in hacked]
    assert all(item["spam"] == {"contaminated": False, "kinds": [], "removed": [], "mojibake": []}
               for item in clean)


def test_only_the_start_host_was_requested_and_never_a_trap(full_crawl):
    _, requests = full_crawl
    assert {r["host"] for r in requests} == {HOST}
    urls = [r["url"] for r in requests]
    assert [u for u in urls if "/print/" in u or "search.shtml" in u or "/admin/" in u] == []
    assert [u for u in urls if "uid=" in u or "#" in u or u.startswith("https")] == []
    assert [r for r in requests if r["method"] != "GET"] == []


def test_each_document_was_fetched_once_and_the_flaky_one_retried(full_crawl):
    _, requests = full_crawl
    flaky = f"http://{HOST}{doc_path(SITE.corpus.by_id[SITE.corpus.traps.flaky])}"
    counts = {}
    for r in requests:
        counts[r["url"]] = counts.get(r["url"], 0) + 1
    assert {u: n for u, n in counts.items() if n > 1} == {flaky: 2}
    assert [r["status"] for r in requests if r["url"] == flaky] == [500, 200]


def test_user_agent_names_the_project(full_crawl):
    _, requests = full_crawl
    agents = {r["user_agent"] for r in requests}
    assert len(agents) == 1
    [agent] = agents
    assert agent.startswith("zwgk-crawler/")
    assert not any(bot in agent.lower() for bot in ("baiduspider", "googlebot", "bingbot", "spider"))


def test_output_is_complete_json_lines_and_no_partial_file_is_left(full_crawl):
    result, _ = full_crawl
    [items_file] = result.item_files
    assert items_file.parent.name == HOST
    assert items_file.name.startswith("disclosure-") and items_file.name.endswith("Z.jsonl")
    lines = items_file.read_text(encoding="utf-8").splitlines()
    assert all(json.loads(line)["url"] for line in lines)
    assert "政府工作总结" in items_file.read_text(encoding="utf-8")
    assert list(result.output_dir.rglob("*.partial")) == []
    assert items_file.with_name(items_file.name.replace(".jsonl", ".summary.json")).exists()


def test_start_from_the_no_www_twin(replica, tmp_path):
    result = run_crawl(replica, tmp_path, "-a", "start_url=http://szwz.gov.cn/szwz/xxgk/index.shtml")
    assert result.returncode == 0
    assert {item["url"] for item in result.items} == set(EXPECTED)
    assert [r["url"] for r in replica.requests if r["host"] == "szwz.gov.cn"] == [
        "http://szwz.gov.cn/robots.txt", "http://szwz.gov.cn/szwz/xxgk/index.shtml"]
    assert {item["site"] for item in result.items} == {HOST}


def test_start_from_one_column_crawls_that_column(replica, tmp_path):
    result = run_crawl(replica, tmp_path, "-a", f"start_url=http://{HOST}/szwz/tzgg/nav_list.shtml")
    assert sorted(item["column"] for item in result.items) == ["通知公告"] * 40
    copies = {f"http://{HOST}{doc_path(copy)}" for copy in SITE.corpus.copies}
    assert copies <= {item["url"] for item in result.items}
    assert result.summary["pages"]["by_kind"] == {"document": 40, "list": 4}


def test_site_profile(replica, tmp_path):
    result = run_crawl(replica, tmp_path, "-a", "site=szwz")
    summary = result.summary
    assert (summary["profile"], summary["family"], summary["items"]["written"]) == (
        "szwz", "jiyuehua", 122)
    assert summary["skipped"]["column"] == 1
    assert summary["pages"]["by_kind"].get("form") is None


def test_dash_o_writes_where_the_user_asks(replica, tmp_path):
    target = tmp_path / "mine.jsonl"
    result = run_crawl(replica, tmp_path / "default", "-a",
                       f"start_url=http://{HOST}/szwz/ndbg/nav_list.shtml", "-o", str(target))
    assert result.returncode == 0
    assert len(target.read_text(encoding="utf-8").splitlines()) == 6
    assert json.loads((tmp_path / "mine.summary.json").read_text())["items"]["written"] == 6
    assert list((tmp_path / "default").rglob("*.jsonl")) == []
