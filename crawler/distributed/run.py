"""The shared run in Redis: who works on it, what each worker has taken, when it is over.

Every request a worker pops moves, in the same Lua call, into that worker's
``taken`` set: a lease held until the worker's output files are published. A
worker whose heartbeat key expired is dead; any other worker puts everything it
had taken back on the queue, because its unpublished output died with it. The
run is over when the queue is empty and every worker still alive is idle (an
idle Scrapy engine has nothing in flight: no download, no callback, no item in
the pipelines), checked in one Lua call, so no request can be popped between
the two tests. The last worker to publish deletes the run's keys; the next
crawl is a new run. Every key of the run expires ``RUN_KEYS_TTL`` after its last
write or heartbeat, so a run whose workers were all killed does not stay forever.
The run's document total is summed as workers publish, for the last one to judge
against ``verdict``, the one key kept between runs.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

logger = logging.getLogger(__name__)
BUSY, IDLE, PUBLISHED = "busy", "idle", "published"

JOIN = """
local stamp = redis.call('HGET', KEYS[1], 'stamp')
local created = 0
if not stamp then
  -- what an expired run left behind (its keys expire one by one) is not this run's
  redis.call('DEL', KEYS[2], KEYS[4], KEYS[5], KEYS[6])
  redis.call('HSET', KEYS[1], 'stamp', ARGV[2], 'start_url', ARGV[3])
  stamp = ARGV[2]
  created = 1
end
redis.call('HSET', KEYS[2], ARGV[1], 'busy')
redis.call('SET', KEYS[3], '1', 'PX', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
return {stamp, redis.call('HGET', KEYS[1], 'start_url'), created}
"""

# Mark a request seen and queue it in one call (ARGV[1] '' = no seen-set check).
PUSH_UNSEEN = """
if ARGV[1] ~= '' then
  if redis.call('SADD', KEYS[2], ARGV[1]) == 0 then return 0 end
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
"""

POP = """
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 0 then return false end
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
redis.call('ZADD', KEYS[2], top[2], top[1])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
redis.call('HSET', KEYS[3], ARGV[1], 'busy')
return top[1]
"""

REQUEUE = """
local function requeue(queue, taken, ttl)
  local items = redis.call('ZRANGE', taken, 0, -1, 'WITHSCORES')
  for i = 1, #items, 2 do redis.call('ZADD', queue, items[i + 1], items[i]) end
  if #items > 0 then redis.call('PEXPIRE', queue, ttl) end
  redis.call('DEL', taken)
  return #items / 2
end
"""

REAP = REQUEUE + """
local reaped = {}
local all = redis.call('HGETALL', KEYS[2])
for i = 1, #all, 2 do
  local worker, status = all[i], all[i + 1]
  if status ~= 'published' and redis.call('EXISTS', ARGV[1] .. ':alive:' .. worker) == 0 then
    local count = requeue(KEYS[1], ARGV[1] .. ':taken:' .. worker, ARGV[2])
    redis.call('HDEL', KEYS[2], worker)
    table.insert(reaped, worker)
    table.insert(reaped, count)
  end
end
return reaped
"""

IDLE = """
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then return -1 end
redis.call('HSET', KEYS[2], ARGV[1], 'idle')
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
local all = redis.call('HGETALL', KEYS[2])
for i = 1, #all, 2 do
  local status = all[i + 1]
  if status == 'busy' then return 0 end
  if status == 'idle' and redis.call('EXISTS', ARGV[2] .. ':alive:' .. all[i]) == 0 then
    return 0
  end
end
return 1
"""

BEAT = """
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
for i = 3, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
return 1
"""

RELEASE = REQUEUE + """
local registered = redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1
if registered and ARGV[3] == '1' then
  redis.call('HSET', KEYS[2], ARGV[1], 'published')
  redis.call('DEL', KEYS[4])
  redis.call('HINCRBY', KEYS[7], 'documents', ARGV[5])
  redis.call('HINCRBY', KEYS[7], 'workers', 1)
  redis.call('HINCRBY', KEYS[7], 'failed', ARGV[6])
  redis.call('PEXPIRE', KEYS[7], ARGV[4])
elseif registered then
  requeue(KEYS[1], KEYS[4], ARGV[4])
  redis.call('HDEL', KEYS[2], ARGV[1])
end
redis.call('DEL', KEYS[5])
if redis.call('ZCARD', KEYS[1]) > 0 then return {0} end
local all = redis.call('HGETALL', KEYS[2])
if #all == 0 then return {0} end
for i = 1, #all, 2 do
  if all[i + 1] ~= 'published' then return {0} end
end
local totals = redis.call('HMGET', KEYS[7], 'documents', 'workers', 'failed')
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[6], KEYS[7])
return {1, tonumber(totals[1]) or 0, tonumber(totals[2]) or 0, tonumber(totals[3]) or 0}
"""


@dataclass(frozen=True)
class Joined:
    stamp: str
    start_url: str
    created: bool


@dataclass(frozen=True)
class RunTotals:
    """What the run's published workers added up to, known by the last one to publish."""

    documents: int
    workers: int
    failed: int  # workers whose own summary failed a check


class SharedRun:
    """One worker's handle on the run kept under ``prefix`` (spider and site)."""

    def __init__(self, client, prefix: str, worker: str, lease_seconds: float,
                 ttl_seconds: float) -> None:
        self.client = client
        self.prefix = prefix
        self.worker = worker
        self.lease_ms = int(lease_seconds * 1000)
        self.ttl_ms = int(ttl_seconds * 1000)
        self.queue_key = f"{prefix}:queue"
        self.seen_key = f"{prefix}:seen"
        self.run_key = f"{prefix}:run"
        self.workers_key = f"{prefix}:workers"
        self.totals_key = f"{prefix}:totals"
        self.verdict_key = f"{prefix}:verdict"
        self.alive_key = f"{prefix}:alive:{worker}"
        self.taken_key = f"{prefix}:taken:{worker}"
        self._join = client.register_script(JOIN)
        self._pop = client.register_script(POP)
        self._push_unseen = client.register_script(PUSH_UNSEEN)
        self._reap = client.register_script(REAP)
        self._idle = client.register_script(IDLE)
        self._beat = client.register_script(BEAT)
        self._release = client.register_script(RELEASE)

    def join(self, stamp: str, start_url: str) -> Joined:
        """Join the running run, or start one with ``stamp``; the worker starts busy."""
        found, url, created = self._join(
            keys=[self.run_key, self.workers_key, self.alive_key, self.queue_key,
                  self.seen_key, self.totals_key],
            args=[self.worker, stamp, start_url, self.lease_ms, self.ttl_ms])
        return Joined(found.decode(), url.decode(), bool(created))

    def push(self, data: bytes, score: float) -> None:
        """Queue a request; the queue expires with the run."""
        with self.client.pipeline(transaction=False) as pipe:
            pipe.execute_command("ZADD", self.queue_key, score, data)
            pipe.pexpire(self.queue_key, self.ttl_ms)
            pipe.execute()

    def push_unseen(self, key: int | None, data: bytes, score: float) -> bool:
        """Add ``key`` to the seen-set and queue the request, or neither when it was seen.

        One Lua call: a worker killed between the two steps would leave a page that every
        worker refuses as seen and none will fetch.
        """
        return bool(self._push_unseen(keys=[self.queue_key, self.seen_key],
                                      args=["" if key is None else key, score, data,
                                            self.ttl_ms]))

    def pop(self) -> bytes | None:
        """The queue's first request, leased to this worker (None: empty, or no longer ours)."""
        return self._pop(keys=[self.queue_key, self.taken_key, self.workers_key],
                         args=[self.worker, self.ttl_ms]) or None

    def reap(self) -> dict[str, int]:
        """Put the requests of dead workers back on the queue: {worker: requests}."""
        flat = self._reap(keys=[self.queue_key, self.workers_key],
                          args=[self.prefix, self.ttl_ms])
        return {flat[i].decode(): int(flat[i + 1]) for i in range(0, len(flat), 2)}

    def idle(self) -> int:
        """Mark this worker idle. 1: the run is over; 0: not yet; -1: we were reaped."""
        return int(self._idle(keys=[self.queue_key, self.workers_key],
                              args=[self.worker, self.prefix]))

    def beat(self) -> bool:
        """Renew the heartbeat and the run's expiry; False when this worker was reaped."""
        return bool(self._beat(
            keys=[self.workers_key, self.alive_key, self.run_key, self.queue_key,
                  self.seen_key, self.totals_key, self.taken_key],
            args=[self.worker, self.lease_ms, self.ttl_ms]))

    def registered(self) -> bool:
        return bool(self.client.hexists(self.workers_key, self.worker))

    def release(self, published: bool, documents: int = 0, failed: bool = False
                ) -> RunTotals | None:
        """End this worker's lease: kept work (published, adding ``documents`` to the
        run's total) or given back to the queue.

        The run's totals when this was the last worker and the run's keys were deleted.
        """
        last, *totals = self._release(
            keys=[self.queue_key, self.workers_key, self.run_key, self.taken_key,
                  self.alive_key, self.seen_key, self.totals_key],
            args=[self.worker, self.prefix, "1" if published else "0", self.ttl_ms,
                  documents, int(failed)])
        return RunTotals(*map(int, totals)) if last else None

    def workers(self) -> dict[str, str]:
        return {k.decode(): v.decode() for k, v in self.client.hgetall(self.workers_key).items()}

    # --- the verdict, kept between runs -------------------------------------

    def baseline(self, start_url: str) -> dict | None:
        """The last run of ``start_url`` that passed its checks: what the next is compared with."""
        raw = self.client.hget(self.verdict_key, "passed")
        found = json.loads(raw) if raw else None
        return found if found and found.get("start_url") == start_url else None

    def record_verdict(self, record: dict, passed: bool) -> None:
        """``last``: the newest judged run; ``passed``: the newest that passed (the baseline)."""
        fields = {"last": json.dumps(record, ensure_ascii=False)}
        if passed:
            fields["passed"] = fields["last"]
        self.client.hset(self.verdict_key, mapping=fields)
