"""Atomic local feed files, stdout output that appears only when complete, and URI params.

Scrapy's FileFeedStorage writes straight to the final path, so a killed crawl
leaves a truncated last line under the name users load. Here every local feed is
written to a hidden temporary file in the same folder and published by the
crawl's Publisher (crawler/publication.py) when it closes cleanly: the final name
either holds a complete file or does not exist. Output to stdout is buffered the
same way, because deduplication may still move a document when the run ends.
"""

from __future__ import annotations

import glob
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import IO, Any

from scrapy.extensions.feedexport import FileFeedStorage

from crawler.clock import run_stamp
from crawler.jobdir import Job
from crawler.paths import safe_host
from crawler.publication import Publisher

logger = logging.getLogger(__name__)
PARTIAL_SUFFIX = ".partial"
OUTPUT_FILES_STAT = "output/files"


def uri_params(params: dict[str, Any], spider) -> dict[str, Any]:
    """Feed URI parameters: ``%(site)s`` (host), ``%(run_stamp)s``, ``%(output_dir)s``,
    ``%(worker)s`` (``WORKER_ID``, set in distributed runs)."""
    params["site"] = safe_host(getattr(spider, "site_host", None), spider.name)
    params["run_stamp"] = getattr(spider, "run_stamp", None) or run_stamp()
    params["output_dir"] = spider.settings.get("OUTPUT_DIR")
    params["worker"] = spider.settings.get("WORKER_ID") or ""
    return params


def partial_file(target: Path) -> tuple[IO[bytes], Path]:
    """A new hidden temporary file beside ``target`` (same folder: the rename is atomic)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=PARTIAL_SUFFIX,
                                    dir=target.parent)
    return os.fdopen(handle, "w+b"), Path(name)


def clear_stale_partials(crawler, target: Path) -> None:
    """Delete the hidden partial files of ``target`` a killed process of this job left.

    Only when resuming a job (crawler/jobdir.py), whose output names are its own:
    otherwise another crawl may be writing into the same folder right now. The
    trailing ``*`` also takes the ``.rewrite`` file of a kill during finalisation.
    """
    job = Job.existing(crawler)
    if job is None or not job.resumed:
        return
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*{PARTIAL_SUFFIX}*"):
        stale.unlink(missing_ok=True)
        logger.info("Removed %s, left by the interrupted process of this job", stale)


def seal(file: IO[bytes], path: Path) -> None:
    """Flush and fsync a finished temporary file and give it ordinary permissions."""
    file.flush()
    os.fsync(file.fileno())
    file.close()
    os.chmod(path, 0o644)


class AtomicFileFeedStorage(FileFeedStorage):
    """Local feed storage that publishes the file only when it is complete."""

    def open(self, spider) -> IO[bytes]:
        target = Path(self.path)
        clear_stale_partials(spider.crawler, target)
        file, self.temp_path = partial_file(target)
        if self.write_mode == "ab" and target.exists():
            with target.open("rb") as existing:
                shutil.copyfileobj(existing, file)
        self.crawler = spider.crawler
        stats = self.crawler.stats
        files = stats.get_value(OUTPUT_FILES_STAT) or []
        stats.set_value(OUTPUT_FILES_STAT, [*files, str(target.resolve())])
        return file

    def store(self, file: IO[bytes]) -> None:
        seal(file, self.temp_path)
        Publisher.of(self.crawler).publish(self.temp_path, Path(self.path))


class BufferedStdoutFeedStorage:
    """``stdout:`` feeds, written to a temporary file and copied out when the run ends."""

    def __init__(self, uri: str, *, feed_options: dict[str, Any] | None = None) -> None:
        self.uri = uri

    def open(self, spider) -> IO[bytes]:
        self.crawler = spider.crawler
        handle, name = tempfile.mkstemp(prefix="zwgk-stdout-", suffix=PARTIAL_SUFFIX)
        self.temp_path = Path(name)
        return os.fdopen(handle, "w+b")

    def store(self, file: IO[bytes]) -> None:
        seal(file, self.temp_path)
        try:
            if Publisher.of(self.crawler).publish(self.temp_path, None):
                with self.temp_path.open("rb") as done:
                    shutil.copyfileobj(done, sys.stdout.buffer)
                sys.stdout.buffer.flush()
        finally:
            self.temp_path.unlink(missing_ok=True)
