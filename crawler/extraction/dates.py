"""Dates as Chinese government pages write them → ISO 8601 in China Standard Time."""

from __future__ import annotations

import re
from datetime import datetime

_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:[T\s]*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})(?:\s*[:：分]\s*(?P<S>\d{1,2}))?)?"
)
CST = "+08:00"


def parse_date(text: str | None) -> str | None:
    """The first date (and time, if given) in ``text`` as ``YYYY-MM-DDTHH:MM:SS+08:00``.

    A date without a time is given as midnight; an impossible date gives None.
    """
    if not text:
        return None
    match = _DATE.search(text)
    if not match:
        return None
    parts = {k: int(v) if v else 0 for k, v in match.groupdict().items()}
    try:
        moment = datetime(parts["y"], parts["m"], parts["d"], parts["H"], parts["M"], parts["S"])
    except ValueError:
        return None
    return moment.isoformat() + CST
