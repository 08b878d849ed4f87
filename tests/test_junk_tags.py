from lxml import etree

from crawler.cleaning.junk_tags import find_junk_elements, junk_tag_lines, serialise
from crawler.htmltree import parse_html


def junk_in(html):
    return [serialise([e]) for e in find_junk_elements(parse_html(html), html)]


def test_shared_random_id_on_several_tags():
    block = '<video id="ab12x"></video><dl id="ab12x"><delect id="ab12x"></delect></dl><i id="ab12x"></i>'
    assert junk_in(f"<html><body>{block}<p>正文</p></body></html>") == [
        '<video id="ab12x"></video>', '<dl id="ab12x"><delect id="ab12x"></delect></dl>',
        '<i id="ab12x"></i>']


def test_junk_inside_raw_text_elements_is_still_junk():
    html = '<html><body><xmp id="q1w2e"><menuitem id="q1w2e"></menuitem></xmp><dl id="q1w2e"></dl><i id="q1w2e"></i><p>正文</p></body></html>'
    assert len(junk_in(html)) == 3


def test_cluster_of_invalid_tags_without_ids():
    html = "<html><body><delect></delect><gfhk></gfhk><zzq></zzq><p>正文</p></body></html>"
    assert junk_in(html) == ["<delect></delect>", "<gfhk></gfhk>", "<zzq></zzq>"]


def test_repeated_id_on_one_tag_is_a_sloppy_template_not_junk():
    html = '<html><body><span id="hits"></span><span id="hits"></span><span id="hits"></span><p>正文</p></body></html>'
    assert junk_in(html) == []


def test_elements_with_text_or_media_are_never_junk():
    html = ('<html><body><div id="x"><p>正文</p></div><i id="x"></i><img id="x" src="a.png">'
            '<dl id="x"></dl><ucapcontent><p>正文</p></ucapcontent><publishtime>2023</publishtime></body></html>')
    assert junk_in(html) == []


def test_junk_removal_keeps_the_following_text():
    html = '<html><body><p>前<i id="k9k9k"></i>后</p><dl id="k9k9k"></dl><b id="k9k9k"></b></body></html>'
    tree = parse_html(html)
    from crawler.cleaning.junk_tags import drop
    for element in find_junk_elements(tree, html):
        drop(element)
    assert etree.tostring(tree, encoding="unicode", method="html") == "<html><body><p>前后</p></body></html>"


def test_literal_tag_lines_in_a_text_dump():
    lines = ['<video id="dlf5r"></video><dl id="dlf5r"></dl>', '<i id="dlf5r"></i>', "标题",
             "<br>", "正文<b>加粗</b>", '<p class="a"></p><p class="b"></p><p class="c"></p>']
    assert junk_tag_lines(lines) == [(0, 1)]
