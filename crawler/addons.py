"""Settings that depend on other settings, applied after the command line.

* DefaultFeeds: every crawl writes ``output/<site>/<spider>-<stamp>.jsonl`` unless
  the user names an output (``-o``/``-O``/``FEEDS``). Scrapy merges FEEDS across
  priorities, so a default in settings.py would be written *beside* ``-o``.
* SplashSwitch: scrapy-splash needs several settings changed together; keeping
  them behind ``SPLASH_ENABLED`` means a user flips one setting and cannot
  half-enable it. Its dupefilter is not used: ours (crawler/dupefilter.py) keys
  on canonical addresses and keeps its seen-set on disk.
"""

from scrapy.settings import BaseSettings

SPLASH_DOWNLOADER_MIDDLEWARES = {
    "scrapy_splash.SplashCookiesMiddleware": 723,
    "scrapy_splash.SplashMiddleware": 725,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": 810,
}
SPLASH_SPIDER_MIDDLEWARES = {"scrapy_splash.SplashDeduplicateArgsMiddleware": 100}


class DefaultFeeds:
    """Use ``DEFAULT_FEEDS`` when no feed was configured."""

    def update_settings(self, settings: BaseSettings) -> None:
        if not settings.getdict("FEEDS"):
            settings.set("FEEDS", settings.getdict("DEFAULT_FEEDS"), "addon")


class SplashSwitch:
    """Add scrapy-splash's components when ``SPLASH_ENABLED`` is true."""

    def update_settings(self, settings: BaseSettings) -> None:
        if not settings.getbool("SPLASH_ENABLED"):
            return
        settings["DOWNLOADER_MIDDLEWARES"].update(SPLASH_DOWNLOADER_MIDDLEWARES, "addon")
        settings["SPIDER_MIDDLEWARES"].update(SPLASH_SPIDER_MIDDLEWARES, "addon")
        settings.set(
            "REQUEST_FINGERPRINTER_CLASS", "scrapy_splash.SplashRequestFingerprinter", "addon"
        )
