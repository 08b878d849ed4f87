"""Keyword-line detection: real spam lines are found, government lines with the same words are not."""

from pathlib import Path

import pytest

from crawler.cleaning.hosts import read_lexicon
from crawler.cleaning.keywords import (
    _BENIGN_PHRASES,
    SpamScore,
    has_spam_vocabulary,
    is_keyword_line,
    keyword_tail,
    normalise,
    spam_score,
)

SEED = Path(__file__).parent / "fixtures" / "seed" / "000_9196038d9fe0d08e.txt"
SEED_LINES = SEED.read_text(encoding="utf-8").splitlines()
SEED_SPAM = SEED_LINES[-1]
GAMBLING = "澳门新葡京官网_百家乐真人平台_皇冠体育下载_棋牌娱乐官网"

KEYWORD_LINES = [
    SEED_SPAM,
    GAMBLING,
    # porn, ASCII commas
    "国产精品视频,日韩中文字幕,一区二区三区,午夜福利在线观看",
    # zero-width characters inside words
    "国产\u200b精品|日\u200d韩无\u2060码|久久\ufeff综合|人\u200c妻",
    # full-width Latin and spaced hyphens
    "日韩ＡＶ无码 - 亚洲ＡＶ在线 - 国产ＡＶ精品",
    # jargon spellings
    "博cai平台_菠菜网站_bo彩官网_黄se网站",
    # Traditional spam (as a Traditional mirror shows it)
    "國產精品久久|日韓無碼中文字幕|亞洲綜合色",
    # Simplified spam as on the seed's Traditional page, full-width bars
    "国产自拍偷拍｜人妻无码中文字幕｜久久精品国产",
    # mixed porn and gambling, spaces
    "澳门银河娱乐 真人视讯 老虎机 人妻熟女 无码av",
    # ideographic comma
    "时时彩、北京赛车pk10、六合彩开奖、网上赌场",
    # slashes
    "亚洲精品/欧美日韩/国产自拍/偷拍视频/av女优",
    # full-width commas
    "午夜福利，国产精品，无码中文字幕，日韩av",
    # one long phrase without separators
    "国产精品久久久久无码中文字幕",
    # gambling with one strong morpheme and many weak ones
    "澳门新葡京_真人娱乐_体育平台_官网下载",
]

GOVERNMENT_LINES = [
    "首页 | 新闻 | 视频 | 下载 | 体育",
    "国家体育总局 | 中国福利彩票发行管理中心 | 澳门特别行政区政府",
    "吴中区,政府信息公开,通知公告",
    "近日，市公安局破获一起利用百家乐开设赌场的网络赌博案件，抓获犯罪嫌疑人12名。",
    "严厉打击网络赌博百家乐老虎机等违法犯罪活动",
    "关于开展打击百家乐、老虎机、时时彩等网络赌博活动的通告",
    "远离赌博 | 网上赌场 | 老虎机 | 时时彩 | 六合彩",
    "全市“扫黄打非”办公室共查处色情淫秽出版物案件3起，关闭淫秽色情网站15个。",
    "扫黄打非,淫秽色情,网络直播,专项整治",
    "成人教育 | 继续教育 | 职业培训 | 老年大学",
    "成人高考 / 自学考试 / 研究生考试 / 教师资格",
    "乳制品质量安全监管工作方案",
    "奶业振兴 乳制品 奶牛养殖 饲草料",
    "澳门特别行政区与内地经贸合作 澳门 横琴 粤澳深度合作区",
    "性别平等 妇女儿童权益保障 反家庭暴力",
    "综合执法 | 精品线路 | 体育赛事 | 服务平台 | 下载中心 | 官网",
    "【视频】2023年政府工作报告解读（高清在线观看）",
    "本届选美大赛共有30名美女选手参加总决赛，评出冠军1名、亚军2名。",
    "主办单位:苏州市吴中区人民政府办公室  网站支持IPV6",
    "备案:苏ICP备10060399号 网站标识码:3205060031 公安部备案号:32050602010344",
    "主辦單位:蘇州市吳中區人民政府辦公室  網站支持IPV6",
    "相关链接：中国政府网 | 江苏省人民政府 | 苏州市人民政府 | 国家体育总局",
    "中国政府网 | 国家体育总局 | 国家体育总局棋牌运动管理中心 | 中国体育彩票",
    "持之以恒、久久为功，推动生态环境质量持续改善",
    "中日韩自贸区 | 东北亚经贸合作 | 中日韩地方政府交流会议",
    "社区棋牌室、阅览室、健身房全部免费开放",
    "2022年全区福利彩票销售额3.2亿元，体育彩票销售额2.8亿元，同比增长5%。",
    "关于开展成人预防接种门诊规范化建设的通知",
    "文化 | 体育 | 旅游 | 娱乐 | 演出 | 非遗",
    "克服浮躁心态，狠抓工作落实，久久为功抓好各项任务",
    "澳门回归祖国25周年 澳门新闻 澳门特区政府 澳门基本法",
    "公益电影 | 中文字幕 | 高清 | 免费观看",
    "澳门葡京酒店 澳门威尼斯人酒店 澳门银河酒店",
    "面向日韩市场 | 欧美市场 | 东南亚市场 | 一带一路沿线",
    "日韩 | 欧美 | 亚洲 | 非洲 | 大洋洲",
    "体彩开奖 | 福彩开奖 | 彩票销售网点查询 | 中奖公告",
    "视频新闻 | 图片新闻 | 免费下载 | 高清图集 | 直播回顾",
    "政府信息公开指南 政府信息公开制度 法定主动公开内容 政府信息公开年报",
    "国家免费孕前优生健康检查项目实施方案",
    "进出口交易会 | 争做爱国守法公民 | 室内射击馆 | 其中出现问题",
    "打造特色综合体 精彩金句 对口支援交流 所有码头",
    "网上投诉 | 在线咨询 | 下载专区 | 办事平台 | 官方网站",
    "关于公布2023年第一批成人高等学历教育招生计划的公告",
    "国产化替代 国产品牌 精品工程 综合管廊",
    "2022年,深入学习贯彻党的二十大精神,坚定拥护“两个确立”,坚决做到“两个维护”。",
]


@pytest.mark.parametrize("line", KEYWORD_LINES)
def test_keyword_lines_are_found(line):
    assert is_keyword_line(line) is True


@pytest.mark.parametrize("line", GOVERNMENT_LINES)
def test_government_lines_are_kept(line):
    assert is_keyword_line(line) is False


def test_one_strong_morpheme_needs_four_distinct_weak_ones():
    assert is_keyword_line("澳门新葡京_真人娱乐_体育平台") is True
    assert is_keyword_line("澳门新葡京_真人娱乐") is False
    assert is_keyword_line("澳门葡京_澳门葡京_澳门葡京_澳门葡京") is False


def test_sentence_with_keyword_tail_is_judged_whole():
    line = "全面推进审计全覆盖。" + SEED_SPAM
    assert is_keyword_line(line) is False
    assert is_keyword_line(line.rsplit("。", 1)[1]) is True


def test_short_or_empty_lines_are_never_keyword_lines():
    assert is_keyword_line("") is False
    assert is_keyword_line("人妻|无码|久久") is False
    assert is_keyword_line("人妻|无码|久久|日韩") is True


def test_seed_page_has_exactly_one_keyword_line():
    assert [line for line in SEED_LINES if is_keyword_line(line)] == [SEED_SPAM]


def test_spam_score_of_seed_line():
    assert spam_score(SEED_SPAM) == SpamScore(
        strong=8,
        weak=9,
        categories=frozenset({"porn"}),
        matched=(
            "国产", "极品", "美女", "扒开", "粉嫩", "泬", "国产", "综合", "久久", "久久",
            "日韩", "av", "无码", "中文字幕", "狠狠躁", "天天躁", "中文字",
        ),
    )
    assert spam_score(SEED_SPAM).score == 33


def test_spam_score_of_gambling_line():
    score = spam_score(GAMBLING)
    assert score.matched == (
        "澳门", "新葡京", "官网", "百家乐", "真人", "平台", "皇冠体育", "下载", "棋牌娱乐", "官网",
    )
    assert (score.strong, score.weak, score.score) == (3, 7, 16)
    assert score.categories == frozenset({"gambling"})


def test_spam_score_skips_benign_phrases_and_mixes_categories():
    assert spam_score("持之以恒、久久为功").matched == ()
    assert spam_score("中日韩合作").matched == ()
    mixed = spam_score("人妻\u200b无码_老虎机")
    assert mixed.matched == ("人妻", "无码", "老虎机")
    assert mixed.categories == frozenset({"porn", "gambling"})


def test_latin_morphemes_need_word_boundaries():
    assert spam_score("日韩av").matched == ("日韩", "av")
    assert spam_score("java avenue AVS标准").matched == ()


def test_plain_ascii_strong_morphemes_do_not_suffice():
    assert spam_score("日韩av|亚洲av|欧美av|国产av|在线观看").strong == 4
    assert is_keyword_line("日韩av|亚洲av|欧美av|国产av|在线观看") is False
    assert is_keyword_line("日韩av|亚洲av|欧美av|国产av|无码") is True


def test_normalise():
    assert normalise("國產\u200b精品ＡＶ｜日韓\u2060無碼，１２３") == "国产精品av|日韩无码,123"
    assert normalise("") == ""


def test_has_spam_vocabulary():
    seed_text = "\n".join(SEED_LINES)
    clean_text = "\n".join(SEED_LINES[:-1])
    assert has_spam_vocabulary(seed_text) is True
    assert has_spam_vocabulary(clean_text) is False
    assert has_spam_vocabulary("\n".join(GOVERNMENT_LINES[:3])) is False
    assert has_spam_vocabulary("人\u200b妻") is True
    assert has_spam_vocabulary("國產精品") is True
    assert has_spam_vocabulary("日韩ＡＶ无码") is True
    assert has_spam_vocabulary("<div class='nav'>AV porn bet365</div>") is False
    assert has_spam_vocabulary("java avenue AVS标准") is False


@pytest.mark.parametrize("line", KEYWORD_LINES)
def test_prefilter_never_misses_a_keyword_line(line):
    assert has_spam_vocabulary(line) is True


def test_lexicon_file():
    path = Path(__file__).parents[1] / "crawler" / "lexicons" / "spam_morphemes.tsv"
    assert path.read_text(encoding="utf-8").startswith("# ")
    rows = [line.split("\t") for line in read_lexicon("spam_morphemes.tsv")]
    assert 100 < len(rows) < 400
    assert all(len(row) == 3 for row in rows)
    assert {row[1] for row in rows} == {"porn", "gambling"}
    assert {row[2] for row in rows} == {"strong", "weak"}
    assert [row[0] for row in rows if normalise(row[0]) != row[0]] == []
    assert [p for p in _BENIGN_PHRASES if normalise(p) != p] == []


def test_replica_trap_notices_are_not_keyword_lines():
    import tomllib

    path = Path(__file__).parent / "replica" / "data" / "trap_notices.toml"
    notices = tomllib.loads(path.read_text(encoding="utf-8"))["notice"]
    lines = [line for n in notices for line in [n["title"], n["source"], *n["paragraphs"]]]
    assert len(lines) > 20
    assert [line for line in lines if is_keyword_line(line)] == []


@pytest.mark.parametrize("line", [
    "【澳门新葡京】官网注册送38元！真人百家乐|开元棋牌|www.js8899.com",
    "国产精品久久久久久久久久（无码）日韩AV中文字幕 一区二区三区 🔞 在线观看：www.av1688.xyz",
    "威尼斯人娱乐城 — 百家乐 — 老虎机 — 注册送彩金 — 首存100送100 — 24小时提款秒到账！",
])
def test_decorated_keyword_lines(line):
    assert is_keyword_line(line) is True


@pytest.mark.parametrize("line", [
    "严厉打击网络赌博！真人百家乐、棋牌游戏、时时彩平台均属违法",
    "（一）重点整治：真人百家乐、网络棋牌游戏、时时彩平台",
    "温馨提示：真人百家乐、开元棋牌、时时彩平台均为赌博网站",
])
def test_decoration_does_not_lift_the_law_enforcement_veto(line):
    assert is_keyword_line(line) is False


def test_keyword_tail_glued_to_a_sentence():
    text = ("二是古城保护更新扎实推进。完成保护整治项目12个，新增开放古典园林2座。"
            "澳门新葡京|真人百家乐|开元棋牌|时时彩平台|注册送彩金")
    assert keyword_tail(text) == "澳门新葡京|真人百家乐|开元棋牌|时时彩平台|注册送彩金"
    assert keyword_tail("新增开放古典园林2座。") is None
    assert keyword_tail("依法打击以下行为：真人百家乐、开元棋牌、时时彩平台、注册送彩金") is None
    assert keyword_tail("现通告如下。重点打击真人百家乐、开元棋牌、时时彩平台") is None


@pytest.mark.parametrize("line", [
    "金沙娱乐会所、银河娱乐KTV、皇冠娱乐城",
    "威尼斯人娱乐中心、澳门路欢乐颂KTV、永利娱乐会所",
    "金沙娱乐会所、银河娱乐KTV、皇冠娱乐城、威尼斯人娱乐中心、永利娱乐会所",
    "金沙娱乐城、银河娱乐城、永利娱乐城",
])
def test_list_of_venue_names_is_not_a_keyword_line(line):
    assert not is_keyword_line(line)


def test_brand_before_a_venue_word_counts_as_weak():
    assert spam_score("金沙娱乐会所").strong == 0
    assert spam_score("银河娱乐KTV").strong == 0
    assert spam_score("金沙娱乐官网").strong == 1
    assert spam_score("金沙娱乐城").strong == 1


@pytest.mark.parametrize("line", [
    "金沙娱乐城|银河娱乐城|永利娱乐城",
    "金沙娱乐官网、银河娱乐开户、永利娱乐注册送38元",
    "澳门新葡京＿www．js8899．com／皇冠体育８８８｜真人百家乐ｖｉｐ＿太阳城集团７７７",
    "澳门新葡京_www.js8899.com/皇冠体育|真人百家乐_太阳城集团|开元棋牌",
])
def test_brand_lists_and_domains_without_spaces_are_keyword_lines(line):
    assert is_keyword_line(line)
