"""Atomic local feed files and the output path parameters.

Scrapy's FileFeedStorage writes straight to the final path, so a killed crawl
leaves a truncated last line under the name users load. Here every local feed
is written to a hidden temporary file in the same folder and renamed into place
(after fsync) only when the feed closes cleanly: the final name either holds a
complete file or does not exist.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Any

from scrapy.extensions.feedexport import FileFeedStorage

from crawler.clock import run_stamp

logger = logging.getLogger(__name__)
PARTIAL_SUFFIX = ".partial"
OUTPUT_FILES_STAT = "output/files"


def uri_params(params: dict[str, Any], spider) -> dict[str, Any]:
    """Feed URI parameters: ``%(site)s`` (host), ``%(run_stamp)s``, ``%(output_dir)s``."""
    params["site"] = getattr(spider, "site_host", None) or spider.name
    params["run_stamp"] = getattr(spider, "run_stamp", None) or run_stamp()
    params["output_dir"] = spider.settings.get("OUTPUT_DIR")
    return params


def fsync_directory(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class AtomicFileFeedStorage(FileFeedStorage):
    """Local feed storage that publishes the file only when it is complete."""

    def open(self, spider) -> IO[bytes]:
        target = Path(self.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=PARTIAL_SUFFIX, dir=target.parent
        )
        file = os.fdopen(handle, "w+b")
        if self.write_mode == "ab" and target.exists():
            with target.open("rb") as existing:
                shutil.copyfileobj(existing, file)
        self.temp_path = Path(temp_name)
        stats = spider.crawler.stats
        files = stats.get_value(OUTPUT_FILES_STAT) or []
        stats.set_value(OUTPUT_FILES_STAT, [*files, str(target.resolve())])
        return file

    def store(self, file: IO[bytes]) -> None:
        file.flush()
        os.fsync(file.fileno())
        file.close()
        os.chmod(self.temp_path, 0o644)
        os.replace(self.temp_path, self.path)
        fsync_directory(Path(self.path).parent)
        logger.info("Wrote %s", self.path)
