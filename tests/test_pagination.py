from crawler.families.pagination import find_script_pager


def test_container_first_call_counts_pages_from_one():
    pager = find_script_pager("<script>createPageHTML('page_div',3,1,'nav_list','shtml',41);</script>")
    assert pager.urls("http://h/szwz/qzfzdgz/nav_list_3.shtml") == [
        "http://h/szwz/qzfzdgz/nav_list.shtml", "http://h/szwz/qzfzdgz/nav_list_2.shtml",
        "http://h/szwz/qzfzdgz/nav_list_3.shtml"]


def test_trs_call_in_a_comment_counts_from_zero():
    pager = find_script_pager('<!-- createPageHTML(10, 0, "index", "html"); -->')
    urls = pager.urls("https://www.ndrc.gov.cn/xwdt/xwfb/")
    assert urls[:2] == ["https://www.ndrc.gov.cn/xwdt/xwfb/index.html",
                        "https://www.ndrc.gov.cn/xwdt/xwfb/index_1.html"]
    assert urls[-1] == "https://www.ndrc.gov.cn/xwdt/xwfb/index_9.html"


def test_single_page_list_has_only_its_own_page():
    assert find_script_pager("createPageHTML('page_div',1,1,'nav_list','shtml',6)").urls("http://h/") == [
        "http://h/nav_list.shtml"]


def test_calls_computed_at_run_time_are_not_guessed():
    text = "createPageHTML('page_div', Math.ceil(res.totalcount/15), page, 'nav_list', 'shtml', 9);"
    assert find_script_pager(text) is None


def test_absurd_page_counts_are_capped():
    assert find_script_pager("createPageHTML(99999999, 0, 'index', 'html')").pages == 5000
