"""The two time formats the project writes: ISO instants and file-name stamps."""

from datetime import UTC, datetime


def utc_now() -> str:
    """Now, as an ISO 8601 UTC instant with seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def run_stamp() -> str:
    """Now, as a UTC stamp safe in file names on every OS and sortable as text."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
