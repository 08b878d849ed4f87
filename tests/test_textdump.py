from crawler.extraction.textdump import extract_text_dump

DUMP = """苏州 • 吴中欢迎您!用户登录
苏州市吴中区政务服务管理办公室
您当前所在位置: 首页 > 信息公开 > 通知公告
关于做好防汛工作的通知
发布日期:2023-06-01 10:20:30  来源:区水务局浏览量:
各镇（街道）：
现将有关事项通知如下。

打印此页关闭窗口
主办单位:苏州市吴中区人民政府办公室"""


def test_simplified_dump():
    fields = extract_text_dump(DUMP)
    assert fields["title"] == "关于做好防汛工作的通知"
    assert fields["published_at"] == "2023-06-01T10:20:30+08:00"
    assert fields["source"] == "区水务局"
    assert fields["breadcrumb"] == ["首页", "信息公开", "通知公告"]
    assert fields["column"] == "通知公告"
    assert fields["body"] == "各镇（街道）：\n现将有关事项通知如下。"


def test_traditional_dump_labels_are_recognised():
    dump = DUMP.replace("您当前所在位置", "您當前所在位置").replace("发布日期", "發布日期").replace(
        "来源", "來源").replace("打印此页", "打印此頁")
    fields = extract_text_dump(dump)
    assert (fields["title"], fields["source"]) == ("关于做好防汛工作的通知", "区水务局")
    assert fields["body"] == "各镇（街道）：\n现将有关事项通知如下。"


def test_dump_without_an_information_line_starts_at_its_first_line():
    fields = extract_text_dump("标题一行\n第一段。\n第二段。")
    assert (fields["title"], fields["body"], fields["published_at"]) == ("标题一行", "第一段。\n第二段。", None)


def test_a_dump_opening_with_a_junk_block_of_valid_tags_is_not_html():
    from crawler.htmltree import looks_like_html

    junk = ('<div id="x8q1z"><span id="x8q1z"></span><em id="x8q1z"></em></div>\n'
            '<p id="x8q1z"><b id="x8q1z"></b></p><section id="x8q1z"></section>\n')
    assert not looks_like_html(junk + DUMP)
    assert looks_like_html(junk + "<p>第一段。</p>\n<p>第二段。</p>")
    assert looks_like_html("<title>标题</title>" + DUMP)
    assert looks_like_html("<div>\n<p>\n第一段。\n</p>\n</div>")
