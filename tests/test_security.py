"""Security: names from pages are made safe, no listener is opened, profiles are names only."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from lxml import etree

from crawler.families.hanweb import Hanweb
from crawler.feeds import uri_params
from crawler.htmltree import parse_html
from crawler.paths import MAX_NAME_BYTES, safe_host, safe_name
from crawler.profiles import load_profile
from pipelines.finalize import attachment_filename
from tests.conftest import ROOT_URL
from tests.helpers import FAST, ROOT, crawl_command, crawl_env
from tests.replica.server import ReplicaServer


@pytest.mark.parametrize("name, ext, expected", [
    ("附件1：实施细则.pdf", "pdf", "附件1：实施细则.pdf"),
    ("../../etc/passwd", "pdf", "etc_passwd.pdf"),
    ("/etc/cron.d/job", "doc", "etc_cron.d_job.doc"),
    ("..\\..\\windows\\win.ini", "xls", "windows_win.ini.xls"),
    ("C:\\boot.ini", "pdf", "C_boot.ini.pdf"),
    (".bashrc", "txt", "bashrc.txt"),
    ("CON", "pdf", "file_CON.pdf"),
    ("a\x00b\x1fc", "pdf", "a_b_c.pdf"),
    ("", "pdf", "file.pdf"),
    ("..", "zip", "file.zip"),
    ("report.PDF", "pdf", "report.pdf"),
])
def test_names_from_pages_become_one_safe_path_component(name, ext, expected):
    assert safe_name(name, ext=ext) == expected


def test_names_are_bounded_in_bytes_and_end_with_their_type():
    name = safe_name("关于" * 200 + ".pdf", ext="pdf")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name.endswith("关于.pdf")


def test_attachment_filename_falls_back_to_the_url_file_name():
    attachment = {"url": "http://x.gov.cn/files/../%2e%2e/report%20final.pdf", "name": "",
                  "ext": "pdf"}
    assert attachment_filename(attachment) == "report final.pdf"
    hostile = {"url": "http://x.gov.cn/a.pdf", "name": "../../../../root/.ssh/id_rsa", "ext": "pdf"}
    assert attachment_filename(hostile) == "root_.ssh_id_rsa.pdf"


@pytest.mark.parametrize("host, expected", [
    ("www.szwz.gov.cn", "www.szwz.gov.cn"),
    ("..", "site"),
    ("../../tmp", "_._tmp"),
    ("a/b\\c", "a_b_c"),
    ("例子.政务", "xn--fsqu00a.xn--zfr164b"),
    (None, "site"),
])
def test_site_folders_are_safe_host_names(host, expected):
    assert safe_host(host) == expected


def test_output_paths_stay_inside_the_output_folder():
    spider = SimpleNamespace(site_host="../../../etc", name="disclosure", run_stamp="20260101T000000Z",
                             settings={"OUTPUT_DIR": "/srv/out"})
    params = uri_params({}, spider)
    path = Path("{output_dir}/{site}/x.jsonl".format(**params)).resolve()
    assert path.is_relative_to("/srv/out")
    assert params["site"] == "_._._etc"


@pytest.mark.parametrize("name", ["../szwz", "/etc/passwd", "szwz.toml", "a/b", "", ".hidden"])
def test_a_site_profile_is_a_name_never_a_path(name):
    with pytest.raises(ValueError, match="bad site profile name"):
        load_profile(name)


def listening_sockets(pid: int) -> set[str]:
    """Inodes of this process's sockets that are in the LISTEN state (TCP, v4 and v6)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    listening = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:
                listening.add(fields[1])
    return listening


def test_a_running_crawl_opens_no_listening_socket(tmp_path):
    server = ReplicaServer(latency=0.05).start()
    try:
        process = subprocess.Popen(
            crawl_command(*FAST, "-s", f"OUTPUT_DIR={tmp_path}", "-a", f"start_url={ROOT_URL}"),
            cwd=ROOT, env=crawl_env(server.proxy_url),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while len(server.requests) < 30:
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.05)
            assert listening_sockets(process.pid) == set()
            assert listening_sockets(os.getpid()) != set()  # the check sees the replica's own
        finally:
            process.kill()
            process.wait(timeout=10)
    finally:
        server.stop()


LOL = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
HOSTILE_DATASTORE = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    f'<!DOCTYPE datastore [<!ENTITY lol0 "lol">{LOL}<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    "<datastore><nextgroup><![CDATA[]]></nextgroup><recordset>"
    "<record><![CDATA[<li><a href=\"/art/2024/1/2/art_11_7.html\" title=\"&lol9;\">&xxe;关于做好春节值班的通知</a>"
    "<span>2024-01-02</span></li>]]></record>"
    "<record>&lol9;&xxe;</record>"
    "</recordset><totalrecord>2</totalrecord></datastore>"
)


def test_list_xml_entities_are_never_expanded_or_fetched():
    started = time.monotonic()
    hints = {"end": 45, "perpage": 15, "group": 45, "referer": "http://h.gov.cn/col/col11/index.html"}
    reading = Hanweb().read_api("http://h.gov.cn/module/web/jpage/dataproxy.jsp",
                                HOSTILE_DATASTORE.encode(), hints)
    assert time.monotonic() - started < 1.0
    assert [link.url for link in reading.links] == ["http://h.gov.cn/art/2024/1/2/art_11_7.html"]
    hints = reading.links[0].hints
    assert hints["title"] == "&lol9;"
    assert "root:" not in repr(reading)


def test_html_with_an_entity_bomb_parses_flat_and_fast():
    page = HOSTILE_DATASTORE.replace("<datastore>", "<html><body><p>正文</p>") + "</body></html>"
    started = time.monotonic()
    tree = parse_html(page)
    assert time.monotonic() - started < 1.0
    text = etree.tostring(tree, encoding="unicode")
    assert "lollol" not in text and "root:" not in text and "正文" in text
