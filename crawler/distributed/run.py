"""The shared run in Redis: who works on it, what each worker has taken, when it is over.

Every request a worker pops moves, in the same Lua call, into that worker's
``taken`` set: a lease held until the worker's output files are published. A
worker whose heartbeat key expired is dead; any other worker puts everything it
had taken back on the queue, because its unpublished output died with it. The
run is over when the queue is empty and every worker still alive is idle (an
idle Scrapy engine has nothing in flight: no download, no callback, no item in
the pipelines), checked in one Lua call, so no request can be popped between
the two tests. The last worker to publish deletes the run's keys; the next
crawl is a new run.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

logger = logging.getLogger(__name__)
BUSY, IDLE, PUBLISHED = "busy", "idle", "published"

JOIN = """
local stamp = redis.call('HGET', KEYS[1], 'stamp')
local created = 0
if not stamp then
  redis.call('HSET', KEYS[1], 'stamp', ARGV[2], 'start_url', ARGV[3])
  stamp = ARGV[2]
  created = 1
end
redis.call('HSET', KEYS[2], ARGV[1], 'busy')
redis.call('SET', KEYS[3], '1', 'PX', ARGV[4])
return {stamp, redis.call('HGET', KEYS[1], 'start_url'), created}
"""

POP = """
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 0 then return false end
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
redis.call('ZADD', KEYS[2], top[2], top[1])
redis.call('HSET', KEYS[3], ARGV[1], 'busy')
return top[1]
"""

REQUEUE = """
local function requeue(queue, taken)
  local items = redis.call('ZRANGE', taken, 0, -1, 'WITHSCORES')
  for i = 1, #items, 2 do redis.call('ZADD', queue, items[i + 1], items[i]) end
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
    local count = requeue(KEYS[1], ARGV[1] .. ':taken:' .. worker)
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
return 1
"""

RELEASE = REQUEUE + """
local registered = redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1
if registered and ARGV[3] == '1' then
  redis.call('HSET', KEYS[2], ARGV[1], 'published')
  redis.call('DEL', KEYS[4])
elseif registered then
  requeue(KEYS[1], KEYS[4])
  redis.call('HDEL', KEYS[2], ARGV[1])
end
redis.call('DEL', KEYS[5])
if redis.call('ZCARD', KEYS[1]) > 0 then return 0 end
local all = redis.call('HGETALL', KEYS[2])
if #all == 0 then return 0 end
for i = 1, #all, 2 do
  if all[i + 1] ~= 'published' then return 0 end
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[6])
return 1
"""


@dataclass(frozen=True)
class Joined:
    stamp: str
    start_url: str
    created: bool


class SharedRun:
    """One worker's handle on the run kept under ``prefix`` (spider and site)."""

    def __init__(self, client, prefix: str, worker: str, lease_seconds: float) -> None:
        self.client = client
        self.prefix = prefix
        self.worker = worker
        self.lease_ms = int(lease_seconds * 1000)
        self.queue_key = f"{prefix}:queue"
        self.seen_key = f"{prefix}:seen"
        self.run_key = f"{prefix}:run"
        self.workers_key = f"{prefix}:workers"
        self.alive_key = f"{prefix}:alive:{worker}"
        self.taken_key = f"{prefix}:taken:{worker}"
        self._join = client.register_script(JOIN)
        self._pop = client.register_script(POP)
        self._reap = client.register_script(REAP)
        self._idle = client.register_script(IDLE)
        self._beat = client.register_script(BEAT)
        self._release = client.register_script(RELEASE)

    def join(self, stamp: str, start_url: str) -> Joined:
        """Join the running run, or start one with ``stamp``; the worker starts busy."""
        found, url, created = self._join(
            keys=[self.run_key, self.workers_key, self.alive_key],
            args=[self.worker, stamp, start_url, self.lease_ms])
        return Joined(found.decode(), url.decode(), bool(created))

    def pop(self) -> bytes | None:
        """The queue's first request, leased to this worker (None: empty, or no longer ours)."""
        return self._pop(keys=[self.queue_key, self.taken_key, self.workers_key],
                         args=[self.worker]) or None

    def reap(self) -> dict[str, int]:
        """Put the requests of dead workers back on the queue: {worker: requests}."""
        flat = self._reap(keys=[self.queue_key, self.workers_key], args=[self.prefix])
        return {flat[i].decode(): int(flat[i + 1]) for i in range(0, len(flat), 2)}

    def idle(self) -> int:
        """Mark this worker idle. 1: the run is over; 0: not yet; -1: we were reaped."""
        return int(self._idle(keys=[self.queue_key, self.workers_key],
                              args=[self.worker, self.prefix]))

    def beat(self) -> bool:
        """Renew the heartbeat; False when this worker was declared dead and reaped."""
        return bool(self._beat(keys=[self.workers_key, self.alive_key],
                               args=[self.worker, self.lease_ms]))

    def registered(self) -> bool:
        return bool(self.client.hexists(self.workers_key, self.worker))

    def release(self, published: bool) -> bool:
        """End this worker's lease: kept work (published) or given back to the queue.

        True when this was the last worker and the run's keys were deleted.
        """
        return bool(self._release(
            keys=[self.queue_key, self.workers_key, self.run_key, self.taken_key,
                  self.alive_key, self.seen_key],
            args=[self.worker, self.prefix, "1" if published else "0"]))

    def workers(self) -> dict[str, str]:
        return {k.decode(): v.decode() for k, v in self.client.hgetall(self.workers_key).items()}
