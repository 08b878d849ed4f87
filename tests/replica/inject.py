"""Spam as hackers inject it, for the replica's hacked pages and the cleaner's tests.

The phrases here are the replica's own sample of spam vocabulary, kept apart
from the cleaner's lexicon (crawler/lexicons/) so that tests do not grade the
detector with its own word list.
"""

from __future__ import annotations

import base64
import random
import re
from urllib.parse import quote

JUNK_TAGS = ("video", "dl", "i", "font", "noframes", "meter", "delect", "listing", "address",
             "tfoot", "kbd", "ruby", "xmp", "menuitem")
PORN_PHRASES = (
    "国产极品美女扒开粉嫩小泬91", "国产综合久久久久", "日韩av无码中文字幕", "狠狠躁天天躁中文字",
    "亚洲精品一区二区三区", "欧美日韩在线观看", "午夜福利视频免费看", "人妻熟女中文字幕",
    "久久精品国产99", "精品国产自在现线看", "日本高清免费无码", "国产精品视频一区",
)
GAMBLING_PHRASES = (
    "澳门新葡京官网", "百家乐真人平台", "皇冠体育下载", "棋牌娱乐官网", "威尼斯人娱乐城注册",
    "太阳城申博开户", "金沙娱乐场网址", "bet365体育在线", "六合彩开奖结果", "真人百家乐游戏",
)
SEPARATORS = ("|", "_", ",", "-", "/", " ")
SPAM_HOSTS = ("www.cpcoupon.com", "www.8x9k2.com", "m.hgsb88.net", "vip.jinsha777.cc",
              "www.ylc0098.top")
POSITIONS = ("before_html", "body_start", "in_content", "after_footer", "after_html")


def junk_block(rng: random.Random, lines: int = 15) -> str:
    """Lines of empty nested junk tags that all share one 5-character id."""
    junk_id = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(5))

    def element(depth: int) -> str:
        tag = rng.choice(JUNK_TAGS)
        inner = element(depth + 1) if depth < 2 and rng.random() < 0.5 else ""
        return f'<{tag} id="{junk_id}">{inner}</{tag}>'

    return "\n".join("".join(element(0) for _ in range(rng.randint(1, 5))) for _ in range(lines))


def keyword_line(rng: random.Random, category: str | None = None) -> str:
    """A header/footer line of porn or gambling phrases joined by one separator."""
    phrases = {"porn": PORN_PHRASES, "gambling": GAMBLING_PHRASES}[
        category or rng.choice(("porn", "gambling"))]
    return rng.choice(SEPARATORS).join(rng.sample(phrases, rng.randint(3, 5)))


def hidden_link_farm(rng: random.Random, style: str = "display:none") -> str:
    links = "".join(
        f'<a href="http://{rng.choice(SPAM_HOSTS)}/{rng.randint(100, 999)}.html">'
        f"{rng.choice(GAMBLING_PHRASES + PORN_PHRASES)}</a>"
        for _ in range(rng.randint(3, 6))
    )
    return f'<div style="{style}">{links}</div>'


def redirect_script(rng: random.Random, style: str = "plain") -> str:
    """A search-referrer redirect to a spam host, plain or obfuscated."""
    target = f"http://{rng.choice(SPAM_HOSTS)}/"
    code = (f'var r=document.referrer;if(/baidu|sogou|so\\.com|sm\\.cn/.test(r))'
            f'{{window.location.href="{target}";}}')
    if style == "atob":
        code = f'eval(atob("{base64.b64encode(code.encode()).decode()}"));'
    elif style == "unescape":
        code = f'eval(unescape("{quote(code, safe="")}"));'
    elif style == "charcode":
        code = f"eval(String.fromCharCode({','.join(str(ord(c)) for c in code)}));"
    return f'<script type="text/javascript">{code}</script>'


def inject(page: str, fragment: str, position: str) -> str:
    """``page`` with ``fragment`` put where injectors put it; a page without the spot is an error."""
    if position == "before_html":
        return fragment + "\n" + page
    if position == "after_html":
        return page + "\n" + fragment
    spots = {"body_start": (r"<body[^>]*>", lambda m: m.group(0) + fragment),
             "after_footer": (r"</body>", lambda m: fragment + "\n" + m.group(0)),
             "in_content": (r"</UCAPCONTENT>", lambda m: fragment + "\n" + m.group(0))}
    if position not in spots:
        raise ValueError(f"no injection position {position!r}")
    pattern, put = spots[position]
    injected, count = re.subn(pattern, put, page, count=1)
    if not count:
        raise ValueError(f"the page has no {pattern} for position {position!r}")
    return injected
