"""``-s REDIS_URL=…`` switches a crawl to a shared run; the settings change together.

Set: the shared scheduler and the worker extension, the state and deduplication
store in the same Redis unless ``STATE_URL`` names another, the lock that keeps
two workers from judging copies of one document at the same time, a worker id,
and default output names that carry it (two workers on one machine must not
write the same file).
"""

from __future__ import annotations

from scrapy.settings import BaseSettings

from crawler.distributed.worker import worker_id


def worker_feeds(feeds: dict) -> dict:
    """The default feeds, each file name with ``-<worker>`` after the run stamp."""
    return {uri.replace("%(run_stamp)s", "%(run_stamp)s-%(worker)s", 1): options
            for uri, options in feeds.items()}


class Distribution:
    def update_settings(self, settings: BaseSettings) -> None:
        """At the priority REDIS_URL was given with: above settings.py's own values."""
        if settings.get("REDIS_URL"):
            priority = settings.getpriority("REDIS_URL")
            settings.set("WORKER_ID", worker_id(settings), priority)
            settings.set("SCHEDULER", "crawler.distributed.scheduler.SharedScheduler", priority)
            # After CrawlSummary (500): the monitor ends the lease while judging, so the
            # last worker learns the run's total before its summary is written.
            settings["EXTENSIONS"].update({"crawler.distributed.worker.Worker": 550}, priority)
            settings.set("DEFAULT_FEEDS", worker_feeds(settings.getdict("DEFAULT_FEEDS")),
                         priority)
            if not settings.get("STATE_URL"):
                settings.set("STATE_URL", settings["REDIS_URL"], priority)
        if settings.get("STATE_URL"):
            settings["ITEM_PIPELINES"].update({"pipelines.exclusive.SharedStateLock": 590},
                                              settings.getpriority("STATE_URL"))
