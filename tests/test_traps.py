"""Legitimate pages that look like spam to a naive filter come out untouched and uncontaminated."""

import pytest

from tests.helpers import extract
from tests.replica.save_fixtures import TRAP_DIR
from tests.replica.traps import trap_pages

TRAPS = trap_pages()


def test_there_are_at_least_ten_traps():
    assert len(TRAPS) >= 10


@pytest.mark.parametrize("trap", TRAPS, ids=lambda t: t.name)
def test_saved_trap_page_is_current(trap):
    assert (TRAP_DIR / f"{trap.name}.html").read_text(encoding="utf-8") == trap.html


@pytest.mark.parametrize("trap", TRAPS, ids=lambda t: t.name)
def test_trap_page_is_untouched_and_uncontaminated(trap):
    item = extract(trap.url, (TRAP_DIR / f"{trap.name}.html").read_bytes())
    assert item["body"] == "\n".join(trap.doc.paragraphs)
    assert item["title"] == trap.doc.title
    assert item["spam"] == {"contaminated": False, "kinds": list(trap.expected_kinds),
                            "removed": [], "mojibake": []}
    assert item["served_script"] == trap.served_script
    assert item["mirror_of"] is None
