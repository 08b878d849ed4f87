"""Scrapy settings for the disclosure crawler.

Every value here is a deliberate choice for crawling government sites politely and
writing auditable output; see docs/settings.md for the reasoning behind each group.
"""

import os
from pathlib import Path

from crawler import __version__
from crawler.items import EXPORT_FIELDS

BOT_NAME = "zwgk"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Identify ourselves honestly; never impersonate a search-engine crawler.
USER_AGENT = f"zwgk-crawler/{__version__} (government information-disclosure archiver)"

# Politeness.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# A page yields at most one item and the pipelines are synchronous: Scrapy's default (100)
# only builds 100 cooperative tasks per response, a third of the crawl's CPU (issue 7).
CONCURRENT_ITEMS = 1
DOWNLOAD_DELAY = 0.5
RANDOMIZE_DOWNLOAD_DELAY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30

# Transient failures are retried with backoff (crawler/middlewares/retry.py); 429/503 wait
# for Retry-After. What still fails is reported in the summary.
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF_BASE = 0.5
RETRY_AFTER_MAX = 120.0
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.retry.BackoffRetryMiddleware": 550,
    # Pages a profile marks for rendering, and cookie challenges a browser passes
    # (crawler/rendering/); just above the challenge detector.
    "crawler.middlewares.rendering.RenderingMiddleware": 590,
    "crawler.middlewares.challenge.ChallengeMiddleware": 580,
    "crawler.middlewares.redirects.OffsiteRedirectMiddleware": 610,
    # PROXY_URL: one HTTP proxy for every request, set per job (scrapyd) rather than by env.
    "crawler.middlewares.proxy.SettingProxyMiddleware": 700,
    # With -s JOBDIR=…: every final response journaled, replayed on resume (crawler/jobdir.py).
    "crawler.jobdir.ResponseJournalMiddleware": 950,
    # With -s CLOAK_PROBE=1: each document fetched again as Baiduspider; below the retry
    # middleware, so it sees the final answer (crawler/middlewares/cloaking.py).
    "crawler.middlewares.cloaking.CloakProbeMiddleware": 540,
}
# Cloaking check, off by default (it doubles document requests): compare each document
# with what Baiduspider arriving from a Baidu result is served (docs/cleaning.md).
CLOAK_PROBE = False
CLOAK_SIMILARITY = 0.7  # visible-text similarity below which the two count as different
REDIRECT_MAX_TIMES = 10
# No DEPTH_LIMIT: real columns paginate thousands of pages deep; endless and repeating
# pagination is stopped by crawler/navigation.py instead. Meta refreshes are read by the
# spider (same-site: followed) and the cleaner (off-site: an injected redirect), never
# followed blindly: hacked pages use them to send visitors to spam.
METAREFRESH_ENABLED = False

# Hostile bodies (gzip bombs, endless pages) must not exhaust memory.
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024

# No network listener opened by the crawler.
TELNETCONSOLE_ENABLED = False

HTTPCACHE_ENABLED = False

PROXY_URL = ""  # empty: the environment's http_proxy, as Scrapy does (crawler/middlewares/proxy.py)

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

ITEM_PIPELINES = {
    "pipelines.decode.DecodePipeline": 100,
    "pipelines.sanitize.SanitizePipeline": 200,
    "pipelines.cloaking.CloakingPipeline": 250,
    "pipelines.extract.ExtractPipeline": 300,
    "pipelines.mirror.MirrorPipeline": 350,
    "pipelines.clean.CleanPipeline": 400,
    "pipelines.fingerprint.FingerprintPipeline": 500,
    "pipelines.dedup.DedupPipeline": 600,
    "pipelines.state.StatePipeline": 700,
    "pipelines.finalize.FinalizePipeline": 900,
}

EXTENSIONS = {
    "crawler.extensions.state.StateKeeper": 400,
    "crawler.extensions.monitor.RunMonitor": 450,
    "crawler.extensions.summary.CrawlSummary": 500,
}
SUMMARY_ENABLED = True
# Checks judged at the end of every crawl (crawler/extensions/monitor.py): a failed one
# marks the summary "failed" and `scrapy crawl` exits 3. Reasons: docs/decisions.md.
MONITOR_ENABLED = True
MONITOR_MAX_DOCUMENT_DROP = 0.2  # documents seen, against the previous passed run
MONITOR_COVERAGE_FIELDS = ["title", "published_at", "body"]
MONITOR_MIN_FIELD_COVERAGE = 0.99
MONITOR_MAX_ERROR_RATE = 0.05  # requests failed for good / requests made
MONITOR_MAX_CONTAMINATED = 0.25  # documents carrying injected spam / documents seen
LOG_FORMATTER = "crawler.logformatter.LogFormatter"

# Deduplication and cross-run state (pipelines/dedup.py, pipelines/state.py).
STATE_DIR = "%(output_dir)s/.state"  # one SQLite file per site; empty: this run only
DEDUP_NEAR_THRESHOLD = 0.9  # MinHash Jaccard of 5-grams; templated notices stay below it
DUPLICATES_FILE = None  # default: <items file stem>.duplicates.jsonl beside the items
DUPEFILTER_CLASS = "crawler.dupefilter.DiskDupeFilter"
SCHEDULER = "crawler.jobdir.ReplayScheduler"  # with JOBDIR: a fresh queue in every process

# More than one machine (crawler/distributed/): -s REDIS_URL=redis://host:port/0 makes this
# process one worker of a run shared through Redis; STATE_URL puts the state and dedup
# store there (the default with REDIS_URL). README.md, "More than one machine".
REDIS_URL = None
REDIS_KEY = "zwgk:%(spider)s:%(site)s"  # the run's queue, seen-set, workers and leases
STATE_URL = None  # redis://…: the state store in Redis; unset: SQLite under STATE_DIR
WORKER_ID = None  # default: host name and PID
WORKER_LEASE_SECONDS = 30.0  # a worker silent this long is dead; its requests are redone
RUN_KEYS_TTL = 7 * 24 * 3600.0  # a run's keys in Redis expire this long after its last
# heartbeat: a run all of whose workers died and that no worker resumes is forgotten

# Output: one JSON-lines file per crawl, written atomically (see crawler/feeds.py).
# output/ of the checkout; run from the egg scrapyd deploys (a zip file), output/ in the
# job's working directory, unless scheduled with -d setting=OUTPUT_DIR=… (README.md).
OUTPUT_DIR = str((PROJECT_ROOT if PROJECT_ROOT.is_dir() else Path.cwd()) / "output")
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORT_FIELDS = EXPORT_FIELDS
FEED_STORAGES = {
    "": "crawler.feeds.AtomicFileFeedStorage",
    "file": "crawler.feeds.AtomicFileFeedStorage",
    "stdout": "crawler.feeds.BufferedStdoutFeedStorage",
}
FEED_URI_PARAMS = "crawler.feeds.uri_params"
# Written when no -o/-O/FEEDS names another output (crawler/addons.py: DefaultFeeds).
DEFAULT_FEEDS = {
    "%(output_dir)s/%(site)s/%(name)s-%(run_stamp)s.jsonl": {
        "format": "jsonlines",
        "encoding": "utf-8",
        "overwrite": True,
    },
}

# Rendering (crawler/rendering/, README.md § Rendering): pages a profile marks
# `render = "splash"` and JavaScript cookie challenges go to Splash at SPLASH_URL (`make
# splash` prints it; the environment's SPLASH_URL is the default). Empty: those pages are
# skipped and listed in the summary. crawler/addons.py turns scrapy-splash on with it.
ADDONS = {"crawler.distributed.addon.Distribution": -1,
          "crawler.addons.DefaultFeeds": 0, "crawler.addons.SplashSwitch": 0}
SPLASH_URL = os.environ.get("SPLASH_URL", "")
RENDERER = "crawler.rendering.splash.SplashRenderer"
RENDER_WAIT = 0.5  # seconds a rendered page's scripts get after it loaded
RENDER_TIMEOUT = 30.0
RENDER_CHALLENGE_RETRIES = 2  # renders more per host when a clearance cookie is refused

LOG_LEVEL = "INFO"
