import pytest

from crawler.cleaning.stuffing import destuff_title, is_stuffed_meta


def test_spam_segments_are_removed_and_separators_kept():
    assert destuff_title("澳门新葡京官网_百家乐真人平台_2022年政府工作总结_区政府重点工作",
                         "2022年政府工作总结") == (
        "2022年政府工作总结_区政府重点工作", ["澳门新葡京官网", "百家乐真人平台"])


def test_segment_inside_the_real_title_is_kept():
    assert destuff_title("澳门新葡京官网 - 关于澳门博彩业的通报", "关于澳门博彩业的通报") == (
        "关于澳门博彩业的通报", ["澳门新葡京官网"])


@pytest.mark.parametrize("title", ["2022年政府工作总结_区政府重点工作_苏州市吴中区政务服务管理办公室",
                                   "关于2023年福利彩票和体育彩票销售网点设置规划的公示_通知公告",
                                   "国家体育总局 - 体育彩票管理中心", "吴中区与澳门特别行政区文化旅游合作座谈会召开"])
def test_clean_titles_are_untouched(title):
    assert destuff_title(title) == (title, [])


def test_meta_stuffing():
    assert is_stuffed_meta("澳门新葡京官网,真人百家乐游戏,国产综合久久久久") is True
    assert is_stuffed_meta("吴中区,政府信息公开,通知公告,彩票,体育,福利") is False
    assert is_stuffed_meta("打击网络赌博,百家乐,六合彩,专项行动") is False
    assert is_stuffed_meta("") is False


@pytest.mark.parametrize("content", [
    "打击赌博,网络赌博,真人百家乐,棋牌游戏,娱乐场所",  # an anti-gambling notice's own CMS keywords
    "扫黄打非,淫秽色情,偷拍偷窥,网络直播,净网2023",
    "防偷拍,针孔摄像头,偷拍偷窥,隐私保护",
    "吴中区,政府信息公开,通知公告,真人百家乐,体育,福利",  # one spam phrase among real keywords
])
def test_meta_is_judged_over_all_its_parts(content):
    assert is_stuffed_meta(content) is False


def test_meta_stuffing_prepended_to_real_keywords():
    assert is_stuffed_meta("澳门新葡京,葡京娱乐官网,真人百家乐,开元棋牌,时时彩平台,注册送彩金") is True
    assert is_stuffed_meta("澳门新葡京官网,真人百家乐游戏,国产综合久久久久,通知公告") is True


def test_bracketed_title_prefix_without_separator():
    title = "【澳门新葡京|真人百家乐】国家发展改革委关于做好2023年中央预算内投资计划实施工作的通知"
    assert destuff_title(title) == (
        "国家发展改革委关于做好2023年中央预算内投资计划实施工作的通知", ["澳门新葡京", "真人百家乐"])
    assert destuff_title("【政策解读】关于做好2023年春节期间安全生产工作的通知") == (
        "【政策解读】关于做好2023年春节期间安全生产工作的通知", [])


def test_u4e28_separates_title_segments_like_keyword_lines():
    title = "区住建局召开老旧小区改造工作推进会丨澳门威尼斯人娱乐城丨金沙娱乐官网丨永利娱乐开户送38元"
    assert destuff_title(title) == (
        "区住建局召开老旧小区改造工作推进会", ["澳门威尼斯人娱乐城", "金沙娱乐官网", "永利娱乐开户送38元"])


def test_a_title_made_only_of_spam_is_kept_and_reported():
    title = "澳门威尼斯人娱乐城丨金沙娱乐官网丨永利娱乐开户送38元"
    assert destuff_title(title) == (title, ["澳门威尼斯人娱乐城", "金沙娱乐官网", "永利娱乐开户送38元"])
