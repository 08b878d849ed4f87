"""Tests for crawler.cleaning.mojibake: the seed page, synthetic GBK damage, clean text."""

import time
from dataclasses import FrozenInstanceError
from itertools import pairwise
from pathlib import Path

import pytest
from opencc import OpenCC

from crawler.cleaning.mojibake import MojibakeSpot, find_mojibake, repair_text

SEED = Path(__file__).resolve().parent / "fixtures" / "seed" / "000_9196038d9fe0d08e.txt"
TO_TRADITIONAL = OpenCC("s2t")


def mirror_decode(data: bytes) -> str:
    """GBK decode with errors replaced by '?', as the mirror (and browsers, WHATWG gbk) do it:
    two-byte codes from the gb18030 table (private-use ones included), 0x80 is '€', and a lead
    byte without a valid trail byte becomes '?' while the next byte is read again."""
    out, i = [], 0
    while i < len(data):
        b, nxt = data[i], data[i + 1] if i + 1 < len(data) else 0
        if b < 0x81:
            out.append(chr(b) if b < 0x80 else "\u20ac")
            i += 1
        elif b == 0xFF or not 0x40 <= nxt <= 0xFE or nxt == 0x7F:
            out.append("?")
            i += 1
        else:
            out.append(data[i : i + 2].decode("gb18030"))
            i += 2
    return "".join(out)


def garble(text: str, at: str, how: str, byte: int = 0) -> str:
    """Damage the GBK bytes of the first character ``at`` of text, then decode like the mirror.

    strip: its lead byte loses the high bit. lost+strip: also the character before it is lost as
    '?' (the seed's damage). insert: ``byte`` after its lead byte. drop-lead, drop-trail: one of
    its bytes is dropped. lost-lead: its lead byte is replaced by an invalid byte.
    """
    i = text.index(at)
    head, code, tail = text[:i].encode("gbk"), text[i].encode("gbk"), text[i + 1 :].encode("gbk")
    stripped = bytes([code[0] & 0x7F]) + code[1:]
    data = {
        "strip": head + stripped + tail,
        "lost+strip": text[: i - 1].encode("gbk") + b"?" + stripped + tail,
        "insert": head + code[:1] + bytes([byte]) + code[1:] + tail,
        "drop-lead": head + code[1:] + tail,
        "drop-trail": head + code[:1] + tail,
        "lost-lead": head + b"\xff" + code[1:] + tail,
    }[how]
    return mirror_decode(data)


def pairs(spots: list[MojibakeSpot]) -> list[tuple[str, str | None]]:
    return [(sp.text, sp.repaired) for sp in spots]


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


# --- the seed page -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "original, at, garbled",
    [
        ("見效。縱深推進", "縱", "見效??v深推進"),
        ("質效。科學劃定", "科", "質效??茖W劃定"),
        ("企業。“放管服”改革蹄疾步穩。", "“", "企業?!胺殴芊\ue468备母锾慵膊椒€。"),
        ("建設。“蘇州太湖生態島", "“", "建設?!疤K州太湖生態島"),
        ("人。“雙減”", "“", "人?!半p減”"),
        ("戶。“養老服務", "“", "戶?!梆B老服務"),
        ("光福“沖山”", "“", "光?!皼_山”"),
    ],
)
def test_seed_damage_is_a_lost_character_then_a_lead_byte_without_its_high_bit(
    seed, original, at, garbled
):
    assert garble(original, at, "lost+strip") == garbled
    assert garbled in seed


def test_seed_internet_is_a_lead_byte_without_its_high_bit(seed):
    # ';' is 0xBB & 0x7F: the lead byte of 互 (BB A5) lost its high bit; the '?' before it is a
    # lost character of its own.
    assert garble("互聯網醫院", "互", "strip") == ";ヂ摼W醫院"
    assert "蓋?;ヂ摼W醫院" in seed


SEED_SPOTS = [
    ("?", None),
    ("?", None),
    (";ヂ摼W", "互聯網"),
    ("?", None),
    ("?v深", "縱深"),
    ("?", None),
    ("!胺殴芊\ue468备母锾慵膊椒€", "“放管服”改革蹄疾步穩"),
    ("?", None),
    ("?茖W", "科學"),
    ("?", None),
    ("!疤K州", "“蘇州"),
    ("?", None),
    ("!半p", "“雙"),
    ("?", None),
    ("!梆B老", "“養老"),
    ("?", None),
    ("!皼_", "“沖"),
]


def test_seed_spots(seed):
    spots = find_mojibake(seed)
    assert pairs(spots) == SEED_SPOTS
    assert [seed[sp.start : sp.end] for sp in spots] == [sp.text for sp in spots]
    assert all(a.end <= b.start for a, b in pairwise(spots))
    assert [seed[sp.start - 3 : sp.end + 2] for sp in spots[:5]] == [
        "蘇州 ? 吳",
        "醫院蓋?;ヂ",
        "院蓋?;ヂ摼W醫院",
        "地見效??v",
        "見效??v深推進",
    ]


def test_seed_repair_text(seed):
    repaired, spots = repair_text(seed)
    assert pairs(spots) == SEED_SPOTS
    assert len(repaired) == len(seed) - 8
    for fragment in (
        "蘇州 ? 吳中歡迎您",
        "吳中人民醫院蓋?互聯網醫院,",
        "改革落地見效?縱深推進“1+9”",
        "信用企業?“放管服”改革蹄疾步穩。政務服務",
        "規劃設計更顯質效?科學劃定生態保護紅線",
        "開工建設?“蘇州太湖生態島",
        "超1000人?“雙減”和規范",
        "980戶?“養老服務產業發展”",
        "試點。光?“沖山”獲評",
    ):
        assert fragment in repaired
    assert repaired.count("?") == 9


def test_seed_repair_is_idempotent(seed):
    once = repair_text(seed)[0]
    assert repair_text(once)[0] == once
    assert pairs(find_mojibake(once)) == [("?", None)] * 9


# --- synthetic damage ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "original, at, how, byte, spots, repaired",
    [
        (  # the lead byte of 互 without its high bit is ';'
            "全面推進互聯網醫院建設,提升群眾就醫體驗。",
            "互",
            "strip",
            0,
            [(";ヂ摼W", "互聯網")],
            "全面推進互聯網醫院建設,提升群眾就醫體驗。",
        ),
        (  # a simplified run stays out of step until the ASCII comma; the character whose trail
            # byte was read with the comma is lost and stays '?'
            "全面推进互联网医院建设,提升群众就医体验。",
            "互",
            "strip",
            0,
            [(";チ\ue02c\ue265皆航ㄉ", "互联网医院建"), ("?", None)],
            "全面推进互联网医院建?,提升群众就医体验。",
        ),
        (  # 安 = B0 B2: its lead byte becomes the digit '0'
            "区人民政府召开常务会议,研究部署安全生产工作。",
            "安",
            "strip",
            0,
            [("0踩\ue086\ue301\ue308ぷ鳌", "安全生产工作"), ("?", None)],
            "区人民政府召开常务会议,研究部署安全生产工作?",
        ),
        (  # the seed's damage: the restored quote is supported by its partner
            "深入开展“我为群众办实事”实践活动。",
            "“",
            "lost+strip",
            0,
            [
                ("?", None),
                ("!拔椅\ue027褐诎焓凳隆笔导\ue2ac疃\ue1d6", "“我为群众办实事”实践活动"),
                ("?", None),
            ],
            "深入开?“我为群众办实事”实践活动?",
        ),
        (
            "持續深化“放管服”改革,推進政務服務標準化。",
            "“",
            "lost+strip",
            0,
            [("?", None), ("!胺殴芊\ue468备母", "“放管服”改"), ("?", None)],
            "持續深?“放管服”改?,推進政務服務標準化。",
        ),
        (  # an ASCII byte inserted after the lead byte: the lead byte is guessed among 126 values
            "全面推進互聯網醫院建設,提升群眾就醫體驗。",
            "互",
            "insert",
            ord("#"),
            [("?#ヂ摼W", "互聯網")],
            "全面推進互聯網醫院建設,提升群眾就醫體驗。",
        ),
        (
            "建立健全生态环境保护长效机制。",
            "环",
            "insert",
            ord("+"),
            [("?+肪潮；こばЩ\ue325啤", "环境保护长效机制"), ("?", None)],
            "建立健全生态环境保护长效机制?",
        ),
        (  # a dropped lead byte: 互联网 makes 联 the only good guess
            "全面推进互联网医院建设,提升群众就医体验。",
            "联",
            "drop-lead",
            0,
            [("\ue02c\ue265皆航ㄉ", "联网医院建"), ("?", None)],
            "全面推进互联网医院建?,提升群众就医体验。",
        ),
        (  # a lead byte lost as '?': the rest of the run comes back, the lost 长 stays '?'
            "推进长三角一体化发展。",
            "长",
            "lost-lead",
            0,
            [("?", None), ("と\ue426且惶寤\ue1ec⒄埂", "三角一体化发展"), ("?", None)],
            "推进?三角一体化发展?",
        ),
    ],
)
def test_synthetic_damage_is_repaired(original, at, how, byte, spots, repaired):
    garbled = garble(original, at, how, byte)
    text, found = repair_text(garbled)
    assert pairs(found) == spots
    assert text == repaired
    assert repair_text(text)[0] == text


@pytest.mark.parametrize(
    "original, at, how, spots",
    [
        (  # 管理, 总理, 哲理, 受理 ... fit equally well: the run is reported, not guessed
            "完成城区管理网格划定。",
            "管",
            "drop-lead",
            [("芾硗\ue24b窕\ue18dā", None), ("?", None)],
        ),
        (  # a lone '?' read as 0xBF makes 科学, a common word but only two characters
            "加快建设科学城,打造长三角创新高地。",
            "科",
            "strip",
            [("?", None), ("蒲С", None), ("?", None)],
        ),
        (  # the lost lead byte of 损 has several plausible values
            "对生态环境造成严重损害的,依法追究责任。",
            "损",
            "lost-lead",
            [("?", None), ("鸷Φ", None), ("?", None)],
        ),
    ],
)
def test_ambiguous_damage_is_reported_not_guessed(original, at, how, spots):
    garbled = garble(original, at, how)
    text, found = repair_text(garbled)
    assert pairs(found) == spots
    assert text == garbled


def test_pinyin_inside_a_character_is_reported():
    text = "對生態環境造成嚴(yán)重?fù)p害的,依法追究責任。"
    assert pairs(find_mojibake(text)) == [("?fù)p", None)]


def test_replacement_character_is_always_a_spot():
    text = "苏州\ufffd吴中"
    assert find_mojibake(text) == [MojibakeSpot(2, 3, "\ufffd", None)]
    with pytest.raises(FrozenInstanceError):
        find_mojibake(text)[0].repaired = "·"


SWEEP = [
    "区人民政府召开常务会议,研究部署安全生产工作。",
    "全面推进互联网医院建设,提升群众就医体验。",
    "加快建设科学城,打造长三角创新高地。",
    "深入开展“我为群众办实事”实践活动。",
    "进一步优化营商环境,激发市场主体活力。",
    "持续深化“放管服”改革,推进政务服务标准化。",
    "建立健全生态环境保护长效机制。",
]


def restored(text: str, original: str) -> bool:
    """The original text, except that lost characters may still be '?'."""
    return len(text) == len(original) and all(a == b or a == "?" for a, b in zip(text, original))


@pytest.mark.parametrize("original", SWEEP + [TO_TRADITIONAL.convert(s) for s in SWEEP])
def test_stripped_lead_byte_anywhere_is_never_repaired_wrongly(original):
    restored_count = 0
    for ch in original:
        if len(ch.encode("gbk")) != 2:
            continue
        garbled = garble(original, ch, "strip")
        text, spots = repair_text(garbled)
        assert all(sp.repaired in original for sp in spots if sp.repaired is not None), garbled
        assert repair_text(text)[0] == text
        restored_count += restored(text, original)
    assert restored_count >= len(original) // 2


# --- clean text ----------------------------------------------------------------------------

CLEAN = [
    "請問您是否同意?如有異議請於三日內提出。",
    "这是一个问题吗?我们需要讨论。",
    "为什么?因为……",
    "你来吗 ? 我在苏州等你。",
    "他说:“真的吗?!”我不信。",
    "网址:https://www.szwz.gov.cn/szwz/list/?cxtype=1&page=2,欢迎访问。",
    "Email:wzqzwb@szwz.gov.cn 联系人:张三",
    "蝉联全国市辖区GEP首位。",
    "PM2.5平均浓度27.6微克/立方米。",
    "经开国控获评首家3A级信用企业。",
    "新款iPhone手机在苏州上市。",
    "维生素C片和X光检查",
    "开展AI人工智能培训,发行A股和H股。",
    "C919大飞机和5G基站,COVID-19疫情",
    "Suzhou Wuzhong District 苏州市吴中区 Government",
    "日本作家村上春樹的小說《ノルウェイの森》在中國很受歡迎。",
    "渡辺さん来苏州参加交流活动。",
    "苏州 • 吴中欢迎您!用户登录",
    "苏州 · 吴中",
    "全角标点：（一）、【通知】“放管服”改革！？",
    "整治劣Ⅴ类水体58条,①加强领导;②落实责任。",
    "气温达到35℃,湿度80%。",
    "α粒子与β射线的区别",
    "甪(lù)直古镇位于吴中区。",
    "请拨打12345热线|投诉举报_苏州市吴中区人民政府",
    "文件编号:吴政办〔2023〕1号,《中华人民共和国政府信息公开条例》第二十条",
]


@pytest.mark.parametrize("text", CLEAN + [TO_TRADITIONAL.convert(s) for s in CLEAN])
def test_clean_text_has_no_spots(text):
    assert find_mojibake(text) == []
    assert repair_text(text) == (text, [])


def clean_page() -> str:
    """About 30 KB of clean text: the seed page with its damage undone."""
    text = SEED.read_text(encoding="utf-8")
    lines = [
        line for line in text.splitlines() if line and not line.startswith("<") and "|" not in line
    ]
    page = repair_text("\n".join(lines))[0].replace(" ? ", " ").replace("?", "。")
    while len(page.encode("utf-8")) < 30_000:
        page += "\n" + page
    return page[: len(page) * 30_000 // len(page.encode("utf-8"))]


def test_clean_page_takes_well_under_a_millisecond():
    page = clean_page()
    assert 29_000 < len(page.encode("utf-8")) <= 30_000
    assert find_mojibake(page) == []
    runs = 50
    started = time.perf_counter()
    for _ in range(runs):
        find_mojibake(page)
    assert (time.perf_counter() - started) / runs < 0.002
