"""The Redis backends against a real Redis: state store, seen-set, the shared run's leases."""

from types import SimpleNamespace

import redis
from scrapy import Request
from scrapy.utils.test import get_crawler

from crawler.dedup.fingerprint import content_hash, hash_key, normalise, signature
from crawler.dedup.redis_store import RUN_KEYS, RedisStateStore
from crawler.dedup.store import url_key
from crawler.distributed.dupefilter import RedisDupeFilter
from crawler.distributed.run import RunTotals, SharedRun
from crawler.urls import UrlPolicy

SITE = "http://www.szwz.gov.cn"
TTL = 60.0
TEXT = ("为进一步加强乳制品质量安全监管，保障婴幼儿配方乳粉质量安全，促进奶业健康发展，决定在全区开展"
        "乳制品质量安全专项检查。检查对象包括辖区内乳制品生产企业、婴幼儿配方乳粉经营者及学校食堂等"
        "集中用餐单位。各镇（街道）市场监管分局要于6月30日前将检查情况报区市场监管局食品生产科。") * 2


def store(redis_url, stamp="run1"):
    opened = RedisStateStore.from_url(redis_url, "www.szwz.gov.cn", stamp, run_ttl=TTL)
    opened.begin_run(SITE + "/")
    return opened


def save(state, url, text, rank=0, published=20230101):
    normal = normalise(text)
    return state.save_document(url, hash_key(content_hash(normal)), signature(normal), rank,
                               published)


def test_changes_across_runs_and_the_same_answer_when_a_page_is_redone(redis_url):
    first = store(redis_url, "run1")
    assert save(first, SITE + "/a.shtml", TEXT) == "new"
    assert save(first, SITE + "/a.shtml", TEXT) == "new"  # a dead worker's page, redone
    first.publish([])
    second = store(redis_url, "run2")
    assert second.run == first.run + 1
    assert store(redis_url, "run2").run == second.run  # every worker of a run: one number
    assert second.previous_run(SITE + "/") == first.run
    assert save(second, SITE + "/a.shtml", TEXT) == "unchanged"
    assert save(second, SITE + "/b.shtml", TEXT + "特此更正。") == "new"
    second.publish([])
    third = store(redis_url, "run3")
    assert save(third, SITE + "/a.shtml", TEXT + "补充一句。") == "updated"
    assert save(third, SITE + "/a.shtml", TEXT + "补充一句。") == "updated"
    assert third.missing(third.previous_run(SITE + "/")) == [SITE + "/b.shtml"]


def test_copies_found_by_hash_and_by_signature_and_superseded(redis_url):
    state = store(redis_url)
    save(state, SITE + "/z.shtml", TEXT)
    normal = normalise(TEXT)
    found = state.by_hash(hash_key(content_hash(normal)), url_key(SITE + "/a.shtml"))
    assert found.url == SITE + "/z.shtml"
    near, score = state.nearest(signature(normalise(TEXT + "特此更正。")), 0.9, 0)
    assert near.url == SITE + "/z.shtml" and score >= 0.9
    state.supersede(found, SITE + "/a.shtml", "exact")
    assert save(state, SITE + "/a.shtml", TEXT) == "new"
    assert state.document(SITE + "/z.shtml") is None
    assert state.canonical_of(SITE + "/z.shtml").url == SITE + "/a.shtml"
    assert state.demotions() == {SITE + "/z.shtml": (SITE + "/a.shtml", "exact")}
    assert state.addresses(url_key(SITE + "/a.shtml")) == [SITE + "/z.shtml"]


def test_sightings_are_resolved_by_every_worker_and_reported_by_one(redis_url):
    one, two = store(redis_url), store(redis_url)
    save(one, SITE + "/a.shtml", TEXT)
    one.sighting(SITE + "/print/a.shtml", SITE + "/a.shtml", "print_view")
    two.sighting(SITE + "/a.shtml?uid=3", SITE + "/a.shtml", "tracking_parameter")
    assert len(list(one.sightings())) == 2
    assert one.addresses(url_key(SITE + "/a.shtml")) == [SITE + "/a.shtml?uid=3",
                                                         SITE + "/print/a.shtml"]
    assert list(two.sightings()) == []


def test_who_wrote_a_document_in_this_run_is_recorded(redis_url):
    one = RedisStateStore.from_url(redis_url, "www.szwz.gov.cn", "run1", "w1", run_ttl=TTL)
    one.begin_run(SITE + "/")
    assert one.written_by(SITE + "/a.shtml") is None
    one.emitted(url_key(SITE + "/a.shtml"))
    assert store(redis_url).written_by(SITE + "/a.shtml") == "w1"
    assert store(redis_url, "run2").written_by(SITE + "/a.shtml") is None


def test_the_site_lock_admits_one_holder(redis_url):
    one, two = store(redis_url), store(redis_url)
    one.lock()
    one.lock()  # re-entrant in one process
    client = redis.Redis.from_url(redis_url)
    assert client.set(one.key("lock"), "other", nx=True) is None
    one.unlock()
    two.lock()
    assert client.get(two.key("lock")).decode() == two._lock_token
    two.unlock()
    assert client.get(two.key("lock")) is None


def dupefilter(redis_url):
    crawler = get_crawler()
    crawler.spider = SimpleNamespace(urls=UrlPolicy.for_start_url(SITE + "/"))
    return RedisDupeFilter(crawler, redis.Redis.from_url(redis_url), "test:seen", 60_000)


def test_the_shared_seen_set_keys_on_canonical_addresses(redis_url):
    one, two = dupefilter(redis_url), dupefilter(redis_url)
    first = SITE + "/szwz/xxgk/index.shtml"
    assert one.request_seen(Request(first)) is False
    assert two.request_seen(Request(first + "?uid=7")) is True
    assert two.request_seen(Request("https://szwz.gov.cn/szwz/xxgk/")) is True
    start = "http://szwz.gov.cn/szwz/tzgg/"
    assert one.request_seen(Request(start)) is False
    moved = Request(SITE + "/szwz/tzgg/index.shtml", meta={"redirect_urls": [start]})
    assert two.request_seen(moved) is False  # redirected to another address of the same page


def run(redis_url, worker, lease=30.0):
    return SharedRun(redis.Redis.from_url(redis_url), "test:run", worker, lease, TTL)


def test_popped_requests_are_leased_and_a_dead_worker_s_go_back(redis_url):
    one, two = run(redis_url, "one"), run(redis_url, "two", lease=0.2)
    assert one.join("s1", SITE + "/").created is True
    assert two.join("s2", SITE + "/").stamp == "s1"
    for n, data in enumerate((b"a", b"b", b"c")):
        one.client.zadd(one.queue_key, {data: -n})
    assert two.pop() == b"c" and two.pop() == b"b"
    assert two.client.zcard(two.taken_key) == 2
    assert one.idle() == 0  # two is busy
    two.client.delete(two.alive_key)  # two's heartbeat stopped
    assert one.reap() == {"two": 2}
    assert two.beat() is False and two.pop() is None
    assert [one.pop(), one.pop(), one.pop(), one.pop()] == [b"c", b"b", b"a", None]
    assert one.idle() == 1
    assert one.release(published=True, documents=3) == RunTotals(3, 1, 0)
    assert one.client.keys("test:run:*") == []


def test_a_request_is_marked_seen_and_queued_in_one_step(redis_url):
    one = run(redis_url, "one")
    assert one.push_unseen(7, b"a", -1) is True
    assert one.push_unseen(7, b"a-again", -1) is False  # seen: neither marked nor queued
    assert one.push_unseen(None, b"b", 0) is True  # unchecked (dont_filter, a redirect twin)
    assert one.client.smembers(one.seen_key) == {b"7"}
    assert one.client.zrange(one.queue_key, 0, -1) == [b"a", b"b"]
    assert 0 < one.client.pttl(one.queue_key) <= TTL * 1000
    assert 0 < one.client.pttl(one.seen_key) <= TTL * 1000


def test_a_worker_that_stops_early_gives_its_requests_back(redis_url):
    one, two = run(redis_url, "one"), run(redis_url, "two")
    one.join("s1", SITE + "/")
    two.join("s1", SITE + "/")
    one.client.zadd(one.queue_key, {b"a": 0})
    assert two.pop() == b"a"
    assert two.release(published=False) is None
    assert one.workers() == {"one": "busy"}
    assert one.pop() == b"a"
    assert one.idle() == 1


def test_a_run_s_keys_expire_until_its_last_worker_deletes_them(redis_url):
    one = run(redis_url, "one")
    one.join("s1", SITE + "/")
    one.push(b"a", 0)
    assert one.pop() == b"a"
    one.push(b"b", 0)
    keys = [one.run_key, one.workers_key, one.queue_key, one.taken_key]
    assert all(0 < one.client.pttl(key) <= TTL * 1000 for key in keys)
    assert one.pop() == b"b" and one.idle() == 1
    assert one.release(published=True, documents=2) == RunTotals(2, 1, 0)
    assert one.client.keys("test:run:*") == []


def test_the_baseline_is_the_last_passed_run_of_the_same_start_url(redis_url):
    one = run(redis_url, "one")
    assert one.baseline(SITE + "/") is None
    one.record_verdict({"run": "s1", "start_url": SITE + "/", "documents": 9}, passed=True)
    one.record_verdict({"run": "s2", "start_url": SITE + "/", "documents": 1}, passed=False)
    assert one.baseline(SITE + "/")["run"] == "s1"
    assert one.baseline(SITE + "/other/") is None


def test_the_state_store_s_run_keys_expire_and_end_with_the_run(redis_url):
    client = redis.Redis.from_url(redis_url)
    first = store(redis_url, "run1")
    save(first, SITE + "/z.shtml", TEXT)
    first.sighting(SITE + "/z.shtml?uid=1", SITE + "/z.shtml", "tracking_parameter")
    first.emitted(url_key(SITE + "/z.shtml"))
    first.supersede(first.document(SITE + "/z.shtml"), SITE + "/a.shtml", "exact")
    list(first.sightings())
    run_keys = [first.key(name, first.run) for name in RUN_KEYS]
    assert all(0 < client.pttl(key) <= TTL * 1000 for key in run_keys)
    first.publish([])
    first.end_run()
    assert [key for key in run_keys if client.exists(key)] == [first.key("seen", first.run)]
    assert client.ttl(first.key("seen", first.run)) == -1
    second = store(redis_url, "run2")
    save(second, SITE + "/a.shtml", TEXT)
    second.publish([])
    second.end_run()
    assert client.keys(first.key("seen", "*")) == [second.key("seen", second.run).encode()]
