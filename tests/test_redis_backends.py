"""The Redis backends against a real Redis: state store, seen-set, the shared run's leases."""

from types import SimpleNamespace

import redis
from scrapy import Request
from scrapy.utils.test import get_crawler

from crawler.dedup.fingerprint import content_hash, hash_key, normalise, signature
from crawler.dedup.redis_store import RedisStateStore
from crawler.dedup.store import url_key
from crawler.distributed.dupefilter import RedisDupeFilter
from crawler.distributed.run import SharedRun
from crawler.urls import UrlPolicy

SITE = "http://www.szwz.gov.cn"
TEXT = ("为进一步加强乳制品质量安全监管，保障婴幼儿配方乳粉质量安全，促进奶业健康发展，决定在全区开展"
        "乳制品质量安全专项检查。检查对象包括辖区内乳制品生产企业、婴幼儿配方乳粉经营者及学校食堂等"
        "集中用餐单位。各镇（街道）市场监管分局要于6月30日前将检查情况报区市场监管局食品生产科。") * 2


def store(redis_url, stamp="run1"):
    opened = RedisStateStore.from_url(redis_url, "www.szwz.gov.cn", stamp)
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
    one = RedisStateStore.from_url(redis_url, "www.szwz.gov.cn", "run1", "w1")
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
    return RedisDupeFilter(crawler, redis.Redis.from_url(redis_url), "test:seen")


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
    return SharedRun(redis.Redis.from_url(redis_url), "test:run", worker, lease)


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
    assert one.release(published=True) is True
    assert one.client.keys("test:run:*") == []


def test_a_worker_that_stops_early_gives_its_requests_back(redis_url):
    one, two = run(redis_url, "one"), run(redis_url, "two")
    one.join("s1", SITE + "/")
    two.join("s1", SITE + "/")
    one.client.zadd(one.queue_key, {b"a": 0})
    assert two.pop() == b"a"
    assert two.release(published=False) is False
    assert one.workers() == {"one": "busy"}
    assert one.pop() == b"a"
    assert one.idle() == 1
