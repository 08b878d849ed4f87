"""The settings a careful Scrapy user expects, as the crawler actually applies them."""

from scrapy.crawler import CrawlerRunner
from scrapy.utils.project import get_project_settings

from crawler.items import EXPORT_FIELDS
from crawler.spiders.disclosure import DisclosureSpider


def applied(**overrides):
    settings = get_project_settings()
    settings.setdict(overrides, priority="cmdline")
    crawler = CrawlerRunner(settings).create_crawler(DisclosureSpider)
    crawler._apply_settings()
    return crawler.settings


def test_polite_and_honest_defaults():
    settings = applied()
    assert settings.getbool("ROBOTSTXT_OBEY") is True
    assert settings.getbool("AUTOTHROTTLE_ENABLED") is True
    assert settings.getfloat("DOWNLOAD_DELAY") >= 0.5
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 2
    agent = settings.get("USER_AGENT")
    assert agent.startswith("zwgk-crawler/")
    assert not any(bot in agent.lower() for bot in ("baidu", "google", "bing", "spider", "mozilla"))


def test_no_listener_no_cache_and_utf8_feeds():
    settings = applied()
    assert settings.getbool("TELNETCONSOLE_ENABLED") is False
    assert settings.getbool("HTTPCACHE_ENABLED") is False
    assert settings.get("FEED_EXPORT_ENCODING") == "utf-8"
    assert settings.getlist("FEED_EXPORT_FIELDS") == EXPORT_FIELDS
    assert settings.getint("DOWNLOAD_MAXSIZE") == 32 * 1024 * 1024


def test_default_feed_only_when_the_user_names_none():
    assert list(applied().getdict("FEEDS")) == [
        "%(output_dir)s/%(site)s/%(name)s-%(run_stamp)s.jsonl"]
    assert list(applied(FEEDS={"mine.jsonl": {"format": "jsonlines"}}).getdict("FEEDS")) == [
        "mine.jsonl"]


def test_splash_is_one_switch():
    off = applied()
    assert "scrapy_splash.SplashMiddleware" not in off.getdict("DOWNLOADER_MIDDLEWARES")
    on = applied(SPLASH_URL="http://127.0.0.1:8050")
    assert on.getdict("DOWNLOADER_MIDDLEWARES")["scrapy_splash.SplashMiddleware"] == 725
    assert on.get("DUPEFILTER_CLASS") == "crawler.dupefilter.DiskDupeFilter"
    assert on.get("REQUEST_FINGERPRINTER_CLASS") == "scrapy_splash.SplashRequestFingerprinter"
