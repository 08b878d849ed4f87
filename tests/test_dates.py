import pytest

from crawler.extraction.dates import parse_date


@pytest.mark.parametrize("text,expected", [
    ("2023-01-10 09:17:15", "2023-01-10T09:17:15+08:00"),
    ("发布日期:2023-01-10 09:17", "2023-01-10T09:17:00+08:00"),
    ("2023-01-10", "2023-01-10T00:00:00+08:00"),
    ("2023年1月5日", "2023-01-05T00:00:00+08:00"),
    ("2023年01月05日 14时30分", "2023-01-05T14:30:00+08:00"),
    ("2021/12/20", "2021-12-20T00:00:00+08:00"),
    ("[2022.03.08]", "2022-03-08T00:00:00+08:00"),
    ("2023-02-30", None),
    ("no date here", None),
    ("", None),
    (None, None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected
