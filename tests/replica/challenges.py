"""Anti-bot challenge pages as the vendors serve them to a client without their cookie.

瑞数 (Rivers Security) answers 412 with an ``FSSBBIl1UgzbN7N80S`` cookie, a meta
blob and an obfuscated loader script; 加速乐 (Jiasule) answers 521 with a
``__jsluid`` cookie and a script that assembles ``__jsl_clearance_s`` from
fragments and reloads; Alibaba Cloud WAF answers 200 with a script that
computes ``acw_sc__v2`` and reloads. None holds any of the page's content.
"""

from __future__ import annotations

import hashlib

from tests.replica.http import Reply

VENDORS = ("rivers", "jiasule", "aliyun")


def _token(url: str, size: int) -> str:
    return hashlib.sha256(url.encode()).hexdigest()[:size]


def challenge(vendor: str, url: str) -> Reply:
    """The challenge ``vendor`` serves for ``url``."""
    token = _token(url, 32)
    if vendor == "rivers":
        blob = (token * 12)[:380]
        body = (
            '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; '
            f'charset=utf-8"><meta id="9DhefwqGPrzGxEp9hPaoag" content="{blob}" r="m">'
            "<script type=\"text/javascript\" r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};"
            f'$_ts.nsd=41728;$_ts.cd="{blob[:200]}";</script>'
            '<script type="text/javascript" charset="utf-8" '
            f"src=\"/9DhefwqGPrzG/{token[:8]}.b4c45da.js\" r='m'></script></head><body></body></html>"
        )
        return Reply(412, body.encode(), {
            "Content-Type": "text/html; charset=utf-8",
            "Set-Cookie": f"FSSBBIl1UgzbN7N80S={token}; Path=/; expires=Fri, 01 Jan 2100 00:00:00 GMT; HttpOnly",
        })
    if vendor == "jiasule":
        pieces = "+".join(f"('{c}')" for c in "__jsl_clearance_s=")
        body = (f"<script>document.cookie={pieces}+('{token[:10]}|0|')+('{token[10:30]}')"
                "+(';Max-age=3600; path = /');location.href=location.pathname+location.search"
                "</script>")
        return Reply(521, body.encode(), {
            "Content-Type": "text/html; charset=utf-8",
            "Set-Cookie": f"__jsluid_h={token}; max-age=31536000; path=/; HttpOnly",
        })
    if vendor == "aliyun":
        body = (
            f"<html><script>\nvar arg1='{token.upper()}{token[:8].upper()}';\n"
            "var _0x4818=['\\x63\\x6f\\x6f\\x6b\\x69\\x65'];var l=function(x){return x;};\n"
            "document.cookie='acw_sc__v2='+l(arg1)+'; expires=Wed, 31 Dec 2099 00:00:00 GMT; "
            "domain=.gov.cn; path=/';\ndocument.location.reload();\n</script></html>"
        )
        return Reply(200, body.encode(), {
            "Content-Type": "text/html",
            "Set-Cookie": f"acw_tc={token}; path=/; HttpOnly; Max-Age=1800",
        })
    raise ValueError(f"no challenge vendor {vendor!r}; known: {', '.join(VENDORS)}")
