"""Shared test helpers: run the real pipelines on a page, run a real crawl on the replica."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from scrapy.exceptions import DropItem
from scrapy.settings import Settings
from scrapy.utils.misc import build_from_crawler, load_object
from scrapy.utils.reactor import install_reactor, is_reactor_installed
from scrapy.utils.test import get_crawler

from crawler.items import DocumentItem, Page
from crawler.settings import ITEM_PIPELINES
from crawler.spiders.disclosure import DisclosureSpider
from tests.replica.save_fixtures import FIXTURE_DIR, fixture_urls

ROOT = Path(__file__).resolve().parents[1]
SZWZ = "http://www.szwz.gov.cn"


def fixture_url(name: str) -> str:
    return SZWZ + fixture_urls()[name]


def fixture_bytes(name: str) -> bytes:
    return (FIXTURE_DIR / name).read_bytes()


class PipelineRunner:
    """The project's item pipelines, in settings order, on one crawler with real stats."""

    def __init__(self, spider_kwargs: dict | None = None, spider_cls=DisclosureSpider,
                 until: str | None = None) -> None:
        """``until`` names the first stage not to run (e.g. deduplication)."""
        if not is_reactor_installed():
            install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
        settings = Settings()
        settings.setmodule("crawler.settings")
        settings.setdict({"STATE_DIR": ":memory:", "SUMMARY_ENABLED": False,
                          "EXTENSIONS": {"crawler.extensions.state.StateKeeper": 400}})
        self.crawler = get_crawler(spider_cls, settings.copy_to_dict())
        self.spider = spider_cls(**(spider_kwargs or {"start_url": SZWZ + "/"}))
        self.spider.crawler = self.crawler
        self.crawler.spider = self.spider
        order = sorted(ITEM_PIPELINES, key=ITEM_PIPELINES.get)
        if until:
            order = [path for path in order if ITEM_PIPELINES[path] < ITEM_PIPELINES[until]]
        self.pipelines = [build_from_crawler(load_object(path), self.crawler) for path in order]

    @property
    def stats(self) -> dict:
        return self.crawler.stats.get_stats()

    def run(self, page: Page) -> dict:
        item = DocumentItem(page=page)
        for pipeline in self.pipelines:
            item = pipeline.process_item(item, self.spider)
        return dict(item)


def extract(url: str, body: bytes, content_type: str | None = "text/html; charset=utf-8",
            runner: PipelineRunner | None = None, **page_fields) -> dict:
    """Run the full pipeline chain on one page; DropItem propagates."""
    page = Page(url=url, body=body, content_type=content_type,
                crawled_at="2026-01-01T00:00:00+00:00", **page_fields)
    return (runner or PipelineRunner()).run(page)


def extract_fixture(name: str) -> dict:
    return extract(fixture_url(name), fixture_bytes(name))


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@dataclass
class CrawlResult:
    returncode: int
    log: str
    output_dir: Path

    @property
    def item_files(self) -> list[Path]:
        return sorted(p for p in self.output_dir.rglob("*.jsonl")
                      if not p.name.endswith(".duplicates.jsonl"))

    @property
    def items(self) -> list[dict]:
        files = self.item_files
        assert len(files) == 1, files
        return read_jsonl(files[0])

    @property
    def duplicates(self) -> list[dict]:
        files = sorted(self.output_dir.rglob("*.duplicates.jsonl"))
        assert len(files) <= 1, files
        return read_jsonl(files[0]) if files else []

    @property
    def summary(self) -> dict:
        files = sorted(self.output_dir.rglob("*.summary.json"))
        assert len(files) == 1, files
        return json.loads(files[0].read_text(encoding="utf-8"))


def crawl_command(*args: str, spider: str = "disclosure") -> list[str]:
    return [sys.executable, "-m", "scrapy", "crawl", spider, *args]


def crawl_env(proxy_url: str) -> dict[str, str]:
    env = {**os.environ, "http_proxy": proxy_url, "no_proxy": "", "PYTHONUNBUFFERED": "1"}
    env.pop("https_proxy", None)
    env.pop("SPLASH_URL", None)  # a developer's `make splash` must not change other tests
    return env


FAST = ("-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False")


def run_crawl(replica, output_dir: Path, *args: str, timeout: float = 120,
              env: dict[str, str] | None = None) -> CrawlResult:
    """Run ``scrapy crawl disclosure`` in a real process against the replica."""
    command = crawl_command(*FAST, "-s", f"OUTPUT_DIR={output_dir}", *args)
    done = subprocess.run(command, cwd=ROOT, env={**crawl_env(replica.proxy_url), **(env or {})},
                          capture_output=True, text=True, timeout=timeout, check=False)
    return CrawlResult(done.returncode, done.stderr, output_dir)


def crawl_replica(tmp_path_factory, name: str, start_url: str, *args: str):
    """One real crawl from ``start_url`` on a fresh replica server: (result, request log).
    For module fixtures that several tests read."""
    from tests.replica.server import ReplicaServer

    server = ReplicaServer().start()
    try:
        result = run_crawl(server, tmp_path_factory.mktemp(name), "-a", f"start_url={start_url}",
                           *args)
    finally:
        server.stop()
    assert result.returncode == 0, result.log[-3000:]
    return result, server.requests


__all__ = ["DropItem"]
