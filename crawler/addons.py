"""Settings that depend on other settings, applied after the command line.

* DefaultFeeds: every crawl writes ``output/<site>/<spider>-<stamp>.jsonl`` unless
  the user names an output (``-o``/``-O``/``FEEDS``). Scrapy merges FEEDS across
  priorities, so a default in settings.py would be written *beside* ``-o``.
* SplashSwitch: scrapy-splash needs several settings changed together; keeping
  them behind ``SPLASH_URL`` means a user sets one setting and cannot half-enable
  it. Only the renderer (crawler/rendering/splash.py) makes Splash requests, and
  cookies stay in Scrapy's jar, so scrapy-splash's cookie and argument-cache
  middlewares are not used; nor is its dupefilter: ours (crawler/dupefilter.py)
  keys on canonical addresses and keeps its seen-set on disk.
"""

from scrapy.settings import BaseSettings

SPLASH_DOWNLOADER_MIDDLEWARES = {
    "scrapy_splash.SplashMiddleware": 725,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": 810,
}


class DefaultFeeds:
    """Use ``DEFAULT_FEEDS`` when no feed was configured."""

    def update_settings(self, settings: BaseSettings) -> None:
        if not settings.getdict("FEEDS"):
            settings.set("FEEDS", settings.getdict("DEFAULT_FEEDS"), "addon")


class SplashSwitch:
    """Add scrapy-splash's components when ``SPLASH_URL`` names a Splash server."""

    def update_settings(self, settings: BaseSettings) -> None:
        if not settings.get("SPLASH_URL"):
            return
        settings["DOWNLOADER_MIDDLEWARES"].update(SPLASH_DOWNLOADER_MIDDLEWARES, "addon")
        settings.set(
            "REQUEST_FINGERPRINTER_CLASS", "scrapy_splash.SplashRequestFingerprinter", "addon"
        )
