"""`scrapy extract` counts as bad inputs only what it could not read, never a readable page
that no platform family claims (the generic family's pages are counted apart)."""

from pathlib import Path

from tests.test_extract_command import run_extract, write

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"


def test_generic_pages_are_no_bad_inputs(tmp_path):
    root = tmp_path / "mirror"
    generic = UNSEEN / "21_generic_slash_date_prevnext_qr_inside.html"
    write(root / "www.jsxc.gov.cn" / "xwzx/bmdt/content_98765.html", generic.read_bytes())
    hanweb = UNSEEN / "meta_30_huzhou_hanweb_no_pubdate_custom_info.html"
    write(root / "www.huzhou.gov.cn" / "art/2023/11/14/art_1229213482_59012345.html",
          hanweb.read_bytes())
    write(root / "www.jsxc.gov.cn" / "xwzx/empty.html", b"  \n")
    code, items, stderr = run_extract(root)
    assert code == 0
    assert sorted(item["title"] for item in items) == ["区城管局开展市容环境集中整治行动",
                                                      "湖州市开展根治欠薪冬季专项行动"]
    assert "extract: 2 documents (0 contaminated), 0 dropped, 1 bad inputs, 0 assets skipped" in stderr
