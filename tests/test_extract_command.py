"""`scrapy extract` on saved pages: files, wget -x trees, WARC files, and bad inputs."""

import io
import json
import subprocess
import sys

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.helpers import ROOT
from tests.replica.hosts.mirror import MirrorSite
from tests.replica.hosts.szwz import HOST, SEED_ID, SzwzSite, doc_path

SITE = SzwzSite()
MIRROR = MirrorSite(SITE)
SEED_PATH = f"/szwz/qzfzdgz/202301/{SEED_ID}.shtml"


def run_extract(*args, cwd=ROOT):
    done = subprocess.run([sys.executable, "-m", "scrapy", "extract", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120, check=False)
    items = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return done.returncode, items, done.stderr


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_single_gbk_file_without_any_charset_declaration(tmp_path):
    doc = SITE.corpus.column_docs("tzgg")[5]
    html = SITE.article_page(doc).replace('<meta charset="utf-8">', "").replace("•", "·")
    page = write(tmp_path / "notice.html", html.encode("gb18030"))
    code, [item], stderr = run_extract(page, "--url", f"http://{HOST}{doc_path(doc)}")
    assert code == 0
    assert (item["title"], item["body"]) == (doc.title, "\n".join(doc.paragraphs))
    assert item["url"] == f"http://{HOST}{doc_path(doc)}"
    assert "extract: 1 documents (0 contaminated), 0 dropped, 0 bad inputs" in stderr


def test_file_without_url_gets_a_file_url(tmp_path):
    page = write(tmp_path / "a.html", SITE.article_page(SITE.corpus.docs[3]).encode())
    _, [item], _ = run_extract(page)
    assert item["url"] == page.resolve().as_uri()
    assert item["site"] is None


def test_wget_tree_gives_each_file_its_url_and_folds_nothing_away(tmp_path):
    root = tmp_path / "mirror"
    write(root / "www.cpcoupon.com" / SEED_PATH.lstrip("/"), MIRROR.page(SITE.corpus.by_id[SEED_ID]).encode())
    official = SITE.corpus.column_docs("tzgg")[0]
    write(root / HOST / doc_path(official).lstrip("/"), SITE.article_page(official).encode())
    write(root / HOST / "szwz/images/logo.png", b"\x89PNG\r\n\x1a\n....")
    write(root / HOST / "szwz/broken.shtml", b"%PDF-1.4 not a page")
    write(root / HOST / "szwz/empty.shtml", b"  \n")
    code, items, stderr = run_extract(root)
    assert code == 0
    by_url = {item["url"]: item for item in items}
    assert set(by_url) == {f"http://www.cpcoupon.com{SEED_PATH}", f"http://{HOST}{doc_path(official)}"}
    mirror_item = by_url[f"http://www.cpcoupon.com{SEED_PATH}"]
    assert mirror_item["mirror_of"] == f"http://{HOST}{SEED_PATH}"
    assert mirror_item["spam"]["contaminated"] is True
    assert by_url[f"http://{HOST}{doc_path(official)}"]["spam"]["contaminated"] is False
    assert f"Bad input {root / HOST / 'szwz/broken.shtml'}: binary" in stderr
    assert f"Bad input {root / HOST / 'szwz/empty.shtml'}: empty" in stderr
    assert "extract: 2 documents (1 contaminated), 0 dropped, 2 bad inputs, 1 assets skipped" in stderr


def warc_record(writer, url, body, content_type="text/html; charset=utf-8", status="200 OK"):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                  length=len(body), http_headers=headers))


def test_warc_file_each_response_with_its_own_url(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    docs = SITE.corpus.column_docs("qzfzdgz")[:3]
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for doc in docs:
            warc_record(writer, f"http://{HOST}{doc_path(doc)}", SITE.article_page(doc).encode())
        warc_record(writer, f"http://{HOST}/szwz/images/logo.png", b"\x89PNG", "image/png")
        warc_record(writer, f"http://{HOST}/szwz/gone.shtml", b"", status="404 Not Found")
    code, items, stderr = run_extract(path, "-s", "LOG_LEVEL=ERROR")
    assert code == 0
    assert [item["url"] for item in items] == [f"http://{HOST}{doc_path(d)}" for d in docs]
    assert [item["title"] for item in items] == [d.title for d in docs]
    assert stderr.endswith(f"Bad input {path}#http://{HOST}/szwz/gone.shtml: http_404\n"
                           "extract: 3 documents (0 contaminated), 0 dropped, 1 bad inputs, "
                           "1 assets skipped\n")


def test_output_file_is_written_atomically_with_a_summary(tmp_path):
    page = write(tmp_path / "in" / "seed.html", MIRROR.page(SITE.corpus.by_id[SEED_ID]).encode())
    out = tmp_path / "out" / "docs.jsonl"
    code, items, _ = run_extract(page, "--url", f"http://www.cpcoupon.com{SEED_PATH}", "-O", out)
    assert (code, items) == (0, [])
    [item] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    summary = json.loads((tmp_path / "out" / "docs.summary.json").read_text(encoding="utf-8"))
    assert summary["spam"]["contaminated_pages"] == [{"url": item["url"], "kinds": item["spam"]["kinds"]}]
    assert summary["items"]["written"] == 1


def test_nothing_extractable_is_an_error(tmp_path):
    code, items, stderr = run_extract(tmp_path / "missing.html")
    assert (code, items) == (1, [])
    assert "unreadable (no such file)" in stderr


def test_url_needs_a_single_file(tmp_path):
    code, _, stderr = run_extract(tmp_path, "--url", "http://x/")
    assert code == 2
    assert "--url names the URL of a single saved file" in stderr
