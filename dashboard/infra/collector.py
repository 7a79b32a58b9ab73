"""Python's cycle collector for a serving process: what the app built at its start is not scanned again.

A process with the app built holds some 275,000 objects for good (modules, boundaries, Plotly's
validators, the callback map, SQLAlchemy's metadata), and a full collection walks all of them: 110 ms
right after the start, 150-200 ms once the caches have filled. On the cached region page at
PostgreSQL scale 100, 2 of 120 requests took 190-200 ms instead of 26, each with a full collection
in it. Frozen, the objects of the start are left out of every collection (a full one then took
about 20 ms), and with the thresholds below none came in those 120 requests.

Garbage in cycles waits longer for a full collection; memory did not grow by it: over 200 answers
of the benchmark's interactions (SQLite scale 1, the cache emptied every fourth round) the process
ended at 325 MB with Python's thresholds and 326 MB with these, with 5 full collections of up to
211 ms against none.
"""

from __future__ import annotations

import gc

# A young collection after 10,000 allocations: with Python's 700, a cached region page answer ran
# 3.6 of them. A full collection after 100 middle ones instead of 10.
THRESHOLDS = (10_000, 20, 100)


def settle_after_start() -> None:
    """Collect once, freeze what is left, and collect less often: call once a serving app is built."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
