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
