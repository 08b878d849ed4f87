import pytest

from crawler.extraction.lang import chinese_script, detect_lang


@pytest.mark.parametrize("text,expected", [
    ("2022年,是极不平凡的一年,面对国际国内形势的复杂变化", "zh-Hans"),
    ("2022年,是極不平凡的一年,面對國際國內形勢的復雜變化", "zh-Hant"),
    ("Government information disclosure annual report", "en"),
    ("", None),
    ("  \n ", None),
])
def test_detect_lang(text, expected):
    assert detect_lang(text) == expected


def test_text_without_script_specific_characters_has_no_script():
    assert chinese_script("中人大小上下") is None
