"""Opens each site's state store for a crawl and hands it to the stages that need it.

Crawls keep their state in ``STATE_DIR/<site>.sqlite`` (default ``output/.state``)
across runs; ``-a reset_state=1`` starts a site over. With ``STATE_DIR`` empty
(``scrapy extract``), state lives in a temporary file for the run only, which
still folds duplicates within the run; ``:memory:`` keeps it in memory (tests).
The stores commit when the run's output is published (crawler/publication.py);
if no local file was published they commit when the engine stops, so state
never runs ahead of or behind output.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path

from scrapy import signals

from crawler.dedup.redis_store import RedisStateStore
from crawler.dedup.store import StateStore
from crawler.paths import safe_host
from crawler.publication import Publisher

logger = logging.getLogger(__name__)


def truthy(value) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


class StateKeeper:
    def __init__(self, crawler) -> None:
        self.crawler = crawler
        self.stores: dict[str, StateStore] = {}
        self.temp_dir: str | None = None
        crawler.signals.connect(self.engine_stopped, signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    @classmethod
    def of(cls, crawler) -> StateKeeper:
        keeper = crawler.get_extension(cls)
        if keeper is None:
            raise RuntimeError("crawler.extensions.state.StateKeeper is not enabled")
        return keeper

    def directory(self) -> Path:
        configured = self.crawler.settings.get("STATE_DIR")
        if configured:
            return Path(configured % {"output_dir": self.crawler.settings.get("OUTPUT_DIR")})
        if self.temp_dir is None:
            self.temp_dir = tempfile.mkdtemp(prefix="zwgk-state-")
        return Path(self.temp_dir)

    def store_for(self, site: str | None) -> StateStore:
        """The open store of ``site``, its run begun (opened on first use)."""
        name = site or "local"
        if name not in self.stores:
            spider = self.crawler.spider
            in_memory = self.crawler.settings.get("STATE_DIR") == ":memory:"
            file_name = f"{safe_host(name, 'local')}.sqlite"
            path = Path(":memory:") if in_memory else self.directory() / file_name
            if truthy(getattr(spider, "reset_state", False)) and path.exists():
                logger.warning("Resetting the state of %s (%s)", name, path)
                for stale in path.parent.glob(path.name + "*"):
                    stale.unlink()
            store = self.open_store(name, path)
            store.begin_run(getattr(spider, "start_url", None))
            self.stores[name] = store
            Publisher.of(self.crawler).stores.append(store)
        return self.stores[name]

    def open_store(self, site: str, path: Path):
        """SQLite at ``path``, or the shared store ``STATE_URL`` names (redis_store.py)."""
        settings = self.crawler.settings
        url = settings.get("STATE_URL")
        if not url:
            return StateStore(path)
        return RedisStateStore.from_url(url, site, self.crawler.spider.run_stamp,
                                        settings.get("WORKER_ID") or "",
                                        run_ttl=settings.getfloat("RUN_KEYS_TTL"))

    def engine_stopped(self) -> None:
        """After every feed was stored (feed export finishes asynchronously after spider_closed).

        A Redis store's run ends here when this process is the whole run; with
        REDIS_URL, the run's last worker ends it (crawler/distributed/worker.py).
        """
        publisher = Publisher.of(self.crawler)
        publisher.commit([])
        alone = publisher.published and not self.crawler.settings.get("REDIS_URL")
        for store in self.stores.values():
            if alone and isinstance(store, RedisStateStore):
                store.end_run()
            store.close()
        if self.temp_dir:
            shutil.rmtree(self.temp_dir, ignore_errors=True)
