"""Several crawler processes on several machines sharing one crawl through Redis.

``-s REDIS_URL=redis://host:port/db`` turns it on (crawler/distributed/addon.py):
one request queue and one seen-set per spider and site, a lease on every request
a worker takes, and the run's shared stamp; the state and deduplication store
moves to Redis too (crawler/dedup/redis_store.py). docs/decisions.md,
"More than one machine", gives the reasons.
"""
