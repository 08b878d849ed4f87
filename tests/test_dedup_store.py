"""The state store and fingerprints: exact and near lookups, supersession, runs, publication."""

import json
import sqlite3

import numpy as np

from crawler.dedup.fingerprint import (
    content_hash,
    fingerprint,
    hash_key,
    normalise,
    numbers_agree,
    signature,
    similarity,
)
from crawler.dedup.store import StateStore, url_key

TEXT = ("为进一步加强乳制品质量安全监管，保障婴幼儿配方乳粉质量安全，促进奶业健康发展，决定在全区开展"
        "乳制品质量安全专项检查。检查对象包括辖区内乳制品生产企业、婴幼儿配方乳粉经营者及学校食堂等"
        "集中用餐单位。各镇（街道）市场监管分局要于6月30日前将检查情况报区市场监管局食品生产科。") * 2


def test_normalised_text_ignores_whitespace_punctuation_and_width():
    assert normalise("２０２２年，是极不平凡的一年。\n  ABC ") == "2022年是极不平凡的一年abc"
    assert content_hash(normalise("第一段。\n第二段！")) == content_hash(normalise("第一段 第二段"))
    assert content_hash(normalise("第一段")) != content_hash(normalise("第二段"))


def test_signature_similarity_tracks_edits():
    base = signature(normalise(TEXT))
    assert similarity(base, signature(normalise(TEXT + "特此更正。"))) >= 0.9
    assert similarity(base, signature(normalise(TEXT.replace("乳制品", "保健食品")))) < 0.9
    assert signature(normalise("太短的正文")) is None


def test_signature_equals_datasketch_minhash():
    """The vectorised signature stays what stored states hold: datasketch's own MinHash."""
    from datasketch import MinHash

    from crawler.dedup.fingerprint import NUM_PERM, _shingle_hashes

    for text in (TEXT, TEXT.replace("乳制品", "保健食品"), TEXT * 40):
        normal = normalise(text)
        reference = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=int)
        reference.update_batch(_shingle_hashes(normal))
        assert np.array_equal(signature(normal), reference.hashvalues.astype(np.uint32))


def store_with_run(tmp_path, name="site.sqlite"):
    store = StateStore(tmp_path / name)
    store.begin_run("http://example.gov.cn/")
    return store


def save(store, url, text, rank=0, published=20230101):
    normal = normalise(text)
    return store.save_document(url, hash_key(content_hash(normal)), signature(normal), rank, published)


def test_new_updated_unchanged_across_runs(tmp_path):
    store = store_with_run(tmp_path)
    assert save(store, "http://a/1", TEXT) == "new"
    store.publish([])
    store.begin_run("http://example.gov.cn/")
    assert save(store, "http://a/1", TEXT + "（更新）") == "updated"
    assert save(store, "http://a/1", TEXT + "（更新）") == "unchanged"


def test_exact_and_near_lookups_exclude_the_document_itself(tmp_path):
    store = store_with_run(tmp_path)
    save(store, "http://a/1", TEXT)
    exact = store.by_hash(hash_key(content_hash(normalise(TEXT))), url_key("http://a/2"))
    assert exact.url == "http://a/1"
    assert store.by_hash(hash_key(content_hash(normalise(TEXT))), url_key("http://a/1")) is None
    near = store.nearest(signature(normalise(TEXT + "特此更正。")), 0.9, url_key("http://a/2"))
    assert near[0].url == "http://a/1" and near[1] >= 0.9
    far = store.nearest(signature(normalise(TEXT.replace("乳制品", "保健食品"))), 0.9, 0)
    assert far is None


PENALTY = (
    "吴环罚字〔2023〕{n}号。当事人：苏州市吴中区某某精密机械有限公司。我局于2023年{m}月{d}日对你单位进行了"
    "现场检查，发现你单位未按照规定配套建设水污染防治设施，主体工程即投入生产。以上事实，有现场检查"
    "（勘察）笔录、调查询问笔录、现场照片等证据为凭。你单位上述行为违反了《建设项目环境保护管理条例》"
    "第十九条第一款的规定。依据该条例第二十三条第一款的规定，我局向你单位送达了《行政处罚事先（听证）"
    "告知书》，告知你单位陈述申辩和申请听证的权利。你单位在规定期限内未提出陈述申辩意见，也未申请"
    "听证。根据《中华人民共和国行政处罚法》第二十八条第一款的规定，参照《江苏省生态环境行政处罚裁量"
    "基准规定》，我局决定对你单位作出如下行政处罚：罚款人民币{amount}万元。限你单位自收到本处罚决定书"
    "之日起十五日内将罚款缴至指定银行和账号。逾期不缴纳罚款的，我局可以每日按罚款数额的百分之三加处"
    "罚款。你单位如不服本处罚决定，可在收到本处罚决定书之日起六十日内申请行政复议，也可以在六个月内"
    "向人民法院提起行政诉讼。申请行政复议或者提起行政诉讼，不停止行政处罚决定的执行。逾期不申请行政"
    "复议，不提起行政诉讼，又不履行本处罚决定的，我局将依法申请人民法院强制执行。"
)


def test_templated_decisions_that_differ_in_their_numbers_are_not_near_duplicates(tmp_path):
    first = normalise(PENALTY.format(n=15, m=3, d=8, amount=12))
    second = normalise(PENALTY.format(n=16, m=4, d=9, amount=8))
    assert similarity(signature(first), signature(second)) >= 0.9  # MinHash alone would merge
    store = store_with_run(tmp_path)
    store.save_document("http://a/15", hash_key(content_hash(first)), fingerprint(first), 0, None)
    assert store.nearest(fingerprint(second), 0.9, url_key("http://a/16")) is None
    assert not numbers_agree(fingerprint(first), fingerprint(second))


def test_notices_that_differ_only_in_a_date_are_not_near_duplicates(tmp_path):
    first = normalise(PENALTY.format(n=15, m=3, d=8, amount=12))
    second = normalise(PENALTY.format(n=15, m=3, d=9, amount=12))
    assert similarity(signature(first), signature(second)) >= 0.95
    assert not numbers_agree(fingerprint(first), fingerprint(second))


def test_a_copy_with_an_added_line_is_still_a_near_duplicate(tmp_path):
    original = normalise(PENALTY.format(n=15, m=3, d=8, amount=12))
    store = store_with_run(tmp_path)
    store.save_document("http://a/15", hash_key(content_hash(original)), fingerprint(original), 0,
                        None)
    for copy in (PENALTY.format(n=15, m=3, d=8, amount=12) + "（2023年5月18日更新）特此更正。",
                 "国产精品91|bet365体育在线" + PENALTY.format(n=15, m=3, d=8, amount=12)):
        near = store.nearest(fingerprint(normalise(copy)), 0.9, url_key("http://a/copy"))
        assert near[0].url == "http://a/15"
    shorter = normalise(PENALTY.format(n=15, m=3, d=8, amount=12)[20:])  # the original adds 15
    assert store.nearest(fingerprint(shorter), 0.9, url_key("http://a/copy"))[0].url == \
        "http://a/15"


def test_fingerprints_stored_before_the_numbers_sketch_still_match(tmp_path):
    original = normalise(PENALTY.format(n=15, m=3, d=8, amount=12))
    store = store_with_run(tmp_path)
    store.save_document("http://a/15", hash_key(content_hash(original)), signature(original), 0,
                        None)
    copy = normalise(PENALTY.format(n=15, m=3, d=8, amount=12) + "特此更正。")
    assert store.nearest(fingerprint(copy), 0.9, url_key("http://a/copy"))[0].url == "http://a/15"
    assert len(fingerprint(copy)) == 132 and len(signature(copy)) == 128


def test_a_better_copy_supersedes_and_inherits_history(tmp_path):
    store = store_with_run(tmp_path)
    save(store, "http://mirror/1", TEXT, rank=4)
    store.emitted(url_key("http://mirror/1"))
    old = store.document("http://mirror/1")
    store.supersede(old, "http://official/1", "mirror")
    assert store.save_document("http://official/1", old.hash, None, 0, 20230101, old) == "new"
    assert store.document("http://mirror/1") is None
    assert store.alias("http://mirror/1")[0].url == "http://official/1"
    assert store.document("http://official/1").first_seen == old.first_seen
    assert store.demotions() == {"http://mirror/1": ("http://official/1", "mirror")}
    assert store.addresses(url_key("http://official/1")) == ["http://mirror/1"]


def test_missing_documents_of_the_previous_run(tmp_path):
    store = store_with_run(tmp_path)
    save(store, "http://a/1", TEXT)
    save(store, "http://a/2", TEXT + "二")
    store.publish([])
    store.begin_run("http://example.gov.cn/")
    save(store, "http://a/1", TEXT)
    assert store.missing(store.previous_run("http://example.gov.cn/")) == ["http://a/2"]


def test_an_unpublished_run_leaves_no_trace(tmp_path):
    store = store_with_run(tmp_path)
    save(store, "http://a/1", TEXT)
    store.close()
    reopened = StateStore(tmp_path / "site.sqlite")
    assert reopened.counts() == {"documents": 0, "aliases": 0, "buckets": 0}
    assert reopened.db.execute("SELECT count(*) FROM runs").fetchone() == (0,)


def test_publication_interrupted_after_commit_is_finished_on_next_open(tmp_path):
    temp, final = tmp_path / ".out.partial", tmp_path / "out.jsonl"
    temp.write_text("{}\n")
    store = store_with_run(tmp_path)
    save(store, "http://a/1", TEXT)
    store.db.execute("UPDATE runs SET status = 'publishing', outputs = ? WHERE id = ?",
                     (json.dumps([[str(temp), str(final)]]), store.run))
    store.db.execute("COMMIT")
    store.db.close()
    assert not final.exists()
    StateStore(tmp_path / "site.sqlite")
    assert final.read_text() == "{}\n" and not temp.exists()
    with sqlite3.connect(tmp_path / "site.sqlite") as db:
        assert db.execute("SELECT status FROM runs").fetchall() == [("published",)]


def test_state_bytes_per_document_are_small(tmp_path):
    store = store_with_run(tmp_path)
    for n in range(2000):
        url = f"http://www.szwz.gov.cn/szwz/qzfzdgz/2023{n % 12 + 1:02d}/{n:032x}.shtml"
        store.save_document(url, n * 7919, None, 0, 20230101)
    store.publish([])
    store.db.execute("VACUUM")
    used = (tmp_path / "site.sqlite").stat().st_size
    assert used / 2000 < 200, used / 2000
    assert np.dtype(np.uint32).itemsize == 4
