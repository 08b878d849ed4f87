"""Pinyin annotations from Traditional-conversion mirrors: found in all three styles, real
parentheses left alone."""

from pathlib import Path

import pytest

from crawler.cleaning.hosts import read_lexicon
from crawler.cleaning.pinyin import find_pinyin, strip_pinyin

SEED = Path(__file__).parent / "fixtures" / "seed" / "000_9196038d9fe0d08e.txt"

LEGIT = [
    "主要指标(预计,下同)全面完成",
    "（一）总体要求",
    "地区生产总值(GDP)增长5%",
    "细颗粒物(PM2.5)平均浓度下降",
    "苹果手机(iPhone)以旧换新",
    "门户网站(www.gov.cn)",
    "咨询电话(Tel):0512-65251234",
    "太湖生态岛(Eco-island)建设",
    "情形如下：(a)未按期申报",
    "（二）(1)依法公开",
]


def test_tone_marked_style():
    text = "我們要發(fā)展(zhǎn)經(jīng)濟(jì)"
    assert strip_pinyin(text) == ("我們要發展經濟", ["(fā)", "(zhǎn)", "(jīng)", "(jì)"])
    assert find_pinyin(text)[0] == (4, 8, "(fā)")


def test_toneless_style():
    text = "堅(jian)持(chi)依(yi)法(fa)治(zhi)國(guo)"
    assert strip_pinyin(text) == (
        "堅持依法治國",
        ["(jian)", "(chi)", "(yi)", "(fa)", "(zhi)", "(guo)"],
    )


def test_space_inside_style():
    text = "我(wǒ )們(men )的(de )家(jiā )鄉(xiāng )"
    assert strip_pinyin(text) == (
        "我們的家鄉",
        ["(wǒ )", "(men )", "(de )", "(jiā )", "(xiāng )"],
    )


def test_full_width_and_mixed_parentheses():
    text = "發（fā）展(zhǎn）中（zhōng)國(guó)"
    assert strip_pinyin(text) == ("發展中國", ["（fā）", "(zhǎn）", "（zhōng)", "(guó)"])


def test_u_umlaut_spellings_and_decomposed_tones():
    text = "綠(lǜ)色(sè)女(nv)略(lüè)掠(lue)路(lu\u0300)"
    assert strip_pinyin(text) == (
        "綠色女略掠路",
        ["(lǜ)", "(sè)", "(nv)", "(lüè)", "(lue)", "(lu\u0300)"],
    )


def test_invalid_syllables_are_not_annotations():
    assert find_pinyin("中(bou)國(xyz)人(zhāngǎ)民(Zhong)") == []


def test_min_count():
    one = "这是(shi)一个句子"
    assert strip_pinyin(one) == (one, [])
    assert strip_pinyin(one, min_count=1) == ("这是一个句子", ["(shi)"])
    three = "發(fā)展(zhǎn)經(jīng)濟"
    assert strip_pinyin(three) == ("發展經濟", ["(fā)", "(zhǎn)", "(jīng)"])
    assert strip_pinyin(three, min_count=4) == (three, [])


@pytest.mark.parametrize("text", LEGIT)
def test_legitimate_parentheses_are_untouched(text):
    assert strip_pinyin(text, min_count=1) == (text, [])


def test_legitimate_parentheses_survive_on_an_injected_page():
    page = "發(fā)展(zhǎn)經(jīng)濟(jì)\n" + "\n".join(LEGIT)
    cleaned, removed = strip_pinyin(page)
    assert cleaned == "發展經濟\n" + "\n".join(LEGIT)
    assert removed == ["(fā)", "(zhǎn)", "(jīng)", "(jì)"]


def test_single_letter_syllable_after_han_is_only_evidence():
    assert find_pinyin("情形(a)") == [(2, 5, "(a)")]
    assert strip_pinyin("情形(a)") == ("情形(a)", [])


def test_inside_mojibake():
    text = "嚴(yán)重?fù)p害"
    assert find_pinyin(text) == [(1, 6, "(yán)"), (8, 11, "fù)")]
    assert strip_pinyin(text, min_count=2) == ("嚴重?p害", ["(yán)", "fù)"])
    assert find_pinyin("縱??v深(shēn)化") == [(5, 11, "(shēn)")]
    assert find_pinyin("见index.php?a)") == []


def test_annotations_in_a_row_after_one_character():
    text = "中(zhōng)(guo)人(rén)民(mín)"
    assert strip_pinyin(text) == ("中人民", ["(zhōng)", "(guo)", "(rén)", "(mín)"])
    assert find_pinyin("中(zhōng)(GDP)(guo)") == [(1, 8, "(zhōng)")]


@pytest.mark.parametrize(
    "text",
    [
        "我們要發(fā)展(zhǎn)經(jīng)濟(jì)",
        "中(zhōng)(guo)人(rén)民(mín)",
        "中(zhōng)(GDP)(guo)國(guó)家(jiā)",
        "發（fā）展(zhǎn）中（zhōng)國(guó)" + "\n".join(LEGIT),
    ],
)
def test_idempotent(text):
    once, _ = strip_pinyin(text)
    assert strip_pinyin(once) == (once, [])


def test_seed_page_has_no_pinyin():
    assert find_pinyin(SEED.read_text(encoding="utf-8")) == []


def test_syllable_table():
    syllables = read_lexicon("pinyin_syllables.txt")
    assert len(syllables) == len(set(syllables)) == 409
    assert {"a", "er", "zhuang", "nü", "lüe", "yo"} <= set(syllables)
    assert not {"m", "n", "ng", "hm", "bou", "v"} & set(syllables)


def test_repeated_unit_in_brackets_is_not_pinyin():
    text = ("用地指标：居住用地面积(ha) 812.4；工业用地面积(ha) 603.7；"
            "公共管理与公共服务用地面积(ha) 215.9；绿地与广场用地面积(ha) 188.2。")
    assert find_pinyin(text) != []  # each looks like one annotation ...
    assert strip_pinyin(text) == (text, [])  # ... but one syllable repeated is no mirror


def test_toneless_annotations_need_variety_tone_marked_do_not():
    assert strip_pinyin("面(mian)积(mian)大(mian)小(mian)")[1] == []
    assert strip_pinyin("發(fā)發(fā)發(fā)") == ("發發發", ["(fā)", "(fā)", "(fā)"])
    assert strip_pinyin("依(yi)法(fa)治(zhi)") == ("依法治", ["(yi)", "(fa)", "(zhi)"])


def test_a_handful_of_annotations_on_an_official_page_is_kept():
    guide = "吴中区的甪(lù)直古镇。高新区的浒(xǔ)墅关。吴江区的莘(shēn)塔社区。"
    assert strip_pinyin(guide, mirrored=False) == (guide, [])
    units = "用地面积(ha)为18.4，设计使用年限(a)为50，单程骑行时间(min)约为120。"
    assert strip_pinyin(units, mirrored=False) == (units, [])
    assert strip_pinyin(guide)[1] == ["(lù)", "(xǔ)", "(shēn)"]


def test_dense_annotations_count_without_other_mirror_evidence():
    text = "我(wǒ)们(men)要(yào)发(fā)展(zhǎn)经(jīng)济(jì)保(bǎo)护(hù)环(huán)境(jìng)"
    assert strip_pinyin(text, mirrored=False) == ("我们要发展经济保护环境", find_and_strip(text))
    sparse = text + "。" + "经济社会保持平稳健康发展" * 50
    assert strip_pinyin(sparse, mirrored=False) == (sparse, [])


def find_and_strip(text: str) -> list[str]:
    return [annotation for _, _, annotation in find_pinyin(text)]
