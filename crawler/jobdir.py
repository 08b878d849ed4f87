"""The job directory (``-s JOBDIR=…``): a crawl paused or killed, even with SIGKILL, resumes.

Scrapy's own JOBDIR does not survive SIGKILL: its disk queues write their size
header, and the scheduler its ``active.json``, only when the crawl closes, so a
killed crawl's pending requests are lost while the seen-set that refuses them
again survives. Here no navigation state is kept at all. Every final response
is journaled as it arrives (``responses.sqlite``, one autocommitted row each);
a resumed process walks the section again from the start page with the
journal answering every request it holds, so the spider, the pipelines,
deduplication and the state store see exactly what an uninterrupted crawl
sees, and only pages never fetched go to the network. ``job.json`` keeps the
job's run stamp, so the resumed crawl writes to the same output names.

See docs/decisions.md, "Pause and resume (JOBDIR)".
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from scrapy import signals
from scrapy.core.scheduler import Scheduler
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Request, Response
from scrapy.responsetypes import responsetypes
from scrapy.utils.job import job_dir

from crawler.clock import run_stamp, utc_now
from crawler.middlewares.challenge import challenge_vendor
from crawler.publication import Publisher, fsync_directory

logger = logging.getLogger(__name__)

JOB_FILE = "job.json"
JOURNAL_FILE = "responses.sqlite"
RUNNING, FINISHED = "running", "finished"
REPLAYED = "replayed"  # response flag
NOT_STORED_FLAGS = frozenset({REPLAYED, "dataloss"})  # dataloss: a body cut short
FETCHED_AT = "fetched_at"  # request meta: when the response was really downloaded
DONT_JOURNAL = "dont_journal"  # request meta: a second look at a URL (its key is the page's)
PERMANENT_ERRORS = frozenset({404, 410})
JOURNAL_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key BLOB PRIMARY KEY,
    method TEXT NOT NULL,
    url TEXT NOT NULL,
    status INTEGER NOT NULL,
    headers TEXT NOT NULL,
    body BLOB NOT NULL,
    fetched_at TEXT NOT NULL
)
"""


def storable(response: Response, retry_codes: frozenset[int]) -> bool:
    """A final, permanent answer: asking again would get the same one.

    Successes and redirects, and 404/410; never what a retry or a later run may
    change (statuses in RETRY_HTTP_CODES, 403, 412, 429, 5xx), never an anti-bot
    challenge page (its status is often 200), never a body cut short (with
    DOWNLOAD_FAIL_ON_DATALOSS off), never a response replayed from here.
    """
    status = response.status
    if NOT_STORED_FLAGS.intersection(response.flags) or status in retry_codes:
        return False
    if status >= 400 and status not in PERMANENT_ERRORS:
        return False
    return challenge_vendor(status, response.headers, response.body) is None


def remove_database(path: Path) -> None:
    """Delete an SQLite file with its WAL and shared-memory companions."""
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
        (path.parent / name).unlink(missing_ok=True)


@dataclass(frozen=True)
class Journaled:
    """One journaled response, as stored."""

    url: str
    status: int
    headers: Headers
    body: bytes
    fetched_at: str

    def response(self, request: Request) -> Response:
        """The response rebuilt for ``request``, of the class its headers and body call for."""
        cls = responsetypes.from_args(headers=self.headers, url=self.url, body=self.body)
        return cls(url=self.url, status=self.status, headers=self.headers, body=self.body,
                   request=request, flags=[REPLAYED])


class ResponseJournal:
    """The job's final responses in SQLite: WAL and one autocommitted row per response.

    A committed row is in the WAL file before ``put`` returns, so killing the
    process never loses it (``synchronous=NORMAL`` only risks the last rows on a
    power cut, and those pages are then fetched again). Bodies are zlib level 1:
    cheap to write, about a quarter of the size for HTML.
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(JOURNAL_SCHEMA)

    def get(self, key: bytes) -> Journaled | None:
        row = self.db.execute("SELECT url, status, headers, body, fetched_at FROM responses "
                              "WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        url, status, headers, body, fetched_at = row
        restored = Headers()
        for name, value in json.loads(headers):
            restored.appendlist(name, value)
        return Journaled(url, status, restored, zlib.decompress(body), fetched_at)

    def put(self, key: bytes, method: str, response: Response, fetched_at: str) -> None:
        headers = [[name.decode("latin-1"), value.decode("latin-1")]
                   for name, values in response.headers.items() for value in values]
        self.db.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (key, method, response.url, response.status, json.dumps(headers),
                         zlib.compress(response.body, 1), fetched_at))

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM responses").fetchone()[0]

    def close(self) -> None:
        self.db.close()


@dataclass
class Job:
    """The crawl kept in JOBDIR: its run stamp, what it crawls, whether it finished.

    ``job.json`` is rewritten atomically (temporary file, fsync, rename); the
    journal beside it lives until the job finishes.
    """

    directory: Path
    run_stamp: str
    spider: str
    start_url: str | None
    started_at: str
    status: str = RUNNING
    resumed: bool = False
    close_reason: str | None = None
    _journal: ResponseJournal | None = field(default=None, repr=False)

    @classmethod
    def of(cls, crawler, spider=None) -> Job | None:
        """The crawl's job, decided on first use and kept on the crawler; None without JOBDIR.

        ``spider`` is for the spider's own ``from_crawler``, before ``crawler.spider`` is set.
        """
        if getattr(crawler, "job", None) is None:
            directory = job_dir(crawler.settings)
            if directory is None:
                return None
            crawler.job = cls.take_up(Path(directory), spider or crawler.spider)
            crawler.job.attach(crawler)
        return crawler.job

    @classmethod
    def existing(cls, crawler) -> Job | None:
        """The crawl's job if it has one (never decides one)."""
        return getattr(crawler, "job", None)

    @classmethod
    def take_up(cls, directory: Path, spider) -> Job:
        """Resume the unfinished job in ``directory`` if it is this crawl's; else start one."""
        start_url = getattr(spider, "start_url", None)
        found = cls.load(directory)
        if found is not None and found.status == RUNNING:
            if (found.spider, found.start_url) == (spider.name, start_url):
                found.resumed = True
                logger.info("Resuming the job in %s started %s: %d responses journaled",
                            directory, found.run_stamp, found.journal.count())
                return found
            logger.warning("%s held an unfinished job of %s (%s); starting a new one",
                           directory, found.spider, found.start_url)
        remove_database(directory / JOURNAL_FILE)
        job = cls(directory, run_stamp(), spider.name, start_url, utc_now())
        job.save()
        logger.info("Started a new job in %s (run %s)", directory, job.run_stamp)
        return job

    @classmethod
    def load(cls, directory: Path) -> Job | None:
        path = directory / JOB_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(directory, data["run_stamp"], data["spider"], data["start_url"],
                       data["started_at"], data["status"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as problem:
            logger.warning("Unreadable %s (%s): starting a new job", path, problem)
            return None

    def attach(self, crawler) -> None:
        """Tell the publisher (it withholds a paused job's output) and close with the engine."""
        Publisher.of(crawler).job = self
        crawler.signals.connect(self.close, signals.engine_stopped)

    def save(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        record = {"run_stamp": self.run_stamp, "spider": self.spider,
                  "start_url": self.start_url, "status": self.status,
                  "started_at": self.started_at}
        path = self.directory / JOB_FILE
        temp = path.with_name(JOB_FILE + ".tmp")
        with temp.open("w", encoding="utf-8") as file:
            json.dump(record, file, ensure_ascii=False, indent=2)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
        fsync_directory(self.directory)

    @property
    def journal(self) -> ResponseJournal:
        if self._journal is None:
            self._journal = ResponseJournal(self.directory / JOURNAL_FILE)
        return self._journal

    @property
    def paused(self) -> bool:
        """The crawl closed before it finished (Ctrl-C, a CLOSESPIDER_* limit …)."""
        return self.close_reason is not None and self.close_reason != "finished"

    def resume_hint(self) -> str:
        return (f"run the same command with -s JOBDIR={self.directory} to resume: the "
                f"{self.journal.count()} responses journaled are replayed, not fetched again")

    def finish(self) -> None:
        """Mark the job finished and delete its journal: the next crawl here is a new job."""
        self.status = FINISHED
        self.save()
        self.close()
        remove_database(self.directory / JOURNAL_FILE)
        logger.info("Job in %s finished; its journal is deleted", self.directory)

    def close(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None


class ResponseJournalMiddleware:
    """Downloader middleware nearest the downloader: journal final responses, replay them.

    A journaled request is answered from the journal (flag ``replayed``, meta
    ``fetched_at`` = when it was really downloaded) and never downloaded again;
    redirects are journaled too, and RedirectMiddleware follows a replayed one
    as usual. A request marked ``dont_journal`` (the cloaking probe: the same URL
    under other headers, so the same key) is neither answered nor journaled.
    """

    def __init__(self, crawler, job: Job) -> None:
        self.job = job
        self.stats = crawler.stats
        self.fingerprint = crawler.request_fingerprinter.fingerprint
        self.retry_codes = frozenset(int(code) for code in
                                     crawler.settings.getlist("RETRY_HTTP_CODES"))

    @classmethod
    def from_crawler(cls, crawler):
        job = Job.of(crawler)
        if job is None:
            raise NotConfigured  # bare: Scrapy logs a reason as a warning in every crawl
        return cls(crawler, job)

    def process_request(self, request: Request, spider) -> Response | None:
        if DONT_JOURNAL in request.meta:
            return None
        journaled = self.job.journal.get(self.fingerprint(request))
        if journaled is None:
            request.meta.pop(FETCHED_AT, None)  # a replayed redirect's time is not this page's
            return None
        request.meta[FETCHED_AT] = journaled.fetched_at
        self.stats.inc_value("jobdir/replayed")
        return journaled.response(request)

    def process_response(self, request: Request, response: Response, spider) -> Response:
        if DONT_JOURNAL not in request.meta and storable(response, self.retry_codes):
            fetched_at = utc_now()
            self.job.journal.put(self.fingerprint(request), request.method, response, fetched_at)
            request.meta[FETCHED_AT] = fetched_at
            self.stats.inc_value("jobdir/journaled")
        return response


class ReplayScheduler(Scheduler):
    """Scrapy's scheduler that starts every process with an empty queue and tells the job
    why the crawl closed.

    After a kill the queue files in ``JOBDIR/requests.queue`` are unreliable, and
    the replay regenerates every request anyway; the disk queue still keeps a large
    site's pending requests out of memory while the crawl runs. The close reason
    (``finished``, ``shutdown``, ``closespider_…``) decides whether the run's
    output is published; ``close`` runs before ``spider_closed``, when the feeds
    are stored.
    """

    def open(self, spider):
        if self.dqdir:
            shutil.rmtree(self.dqdir, ignore_errors=True)
            Path(self.dqdir).mkdir(parents=True)
        return super().open(spider)

    def close(self, reason: str):
        job = Job.of(self.crawler)
        if job is not None:
            job.close_reason = reason
        return super().close(reason)
