"""Load test: many concurrent users replaying real interactions against a running server."""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import numpy as np

from bench.dash_client import UPDATE, Call

# An HTTP request of an interaction: method, path, JSON body (None for a GET) and a name for reports.
Request = tuple[str, str, bytes | None, str]


@dataclass
class Tally:
    """What all users saw, gathered under one lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: list[float] = field(default_factory=list)
    interactions: list[float] = field(default_factory=list)
    errors: int = 0
    failed: Counter[str] = field(default_factory=Counter)


def as_requests(page: str | None, calls: list[Call]) -> list[Request]:
    """The HTTP requests of one interaction: the page itself (for a page load), then its callbacks."""
    requests: list[Request] = [("GET", page, None, page)] if page else []
    return requests + [("POST", UPDATE, json.dumps(c.body).encode(), c.name) for c in calls]


def _user(
    base: str,
    interactions: list[list[Request]],
    stop_at: float,
    think: tuple[float, float],
    seed: int,
    tally: Tally,
) -> None:
    rng = random.Random(seed)
    host = urlsplit(base)
    connection = http.client.HTTPConnection(host.hostname or "127.0.0.1", host.port, timeout=60)
    # Users arrive spread over one think time, not all in the same millisecond.
    time.sleep(rng.uniform(0, think[1]))
    headers = {"Content-Type": "application/json", "Accept-Encoding": "gzip"}
    while time.monotonic() < stop_at:
        requests = rng.choice(interactions)
        begin = time.perf_counter()
        for method, path, body, name in requests:
            start = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                failed = response.status not in (200, 204)
            except (OSError, http.client.HTTPException):
                failed = True
                connection.close()
            with tally.lock:
                tally.latencies.append(time.perf_counter() - start)
                tally.errors += failed
                if failed:
                    tally.failed[name] += 1
        with tally.lock:
            tally.interactions.append(time.perf_counter() - begin)
        time.sleep(rng.uniform(*think))
    connection.close()


@dataclass(frozen=True)
class LoadOutcome:
    """Request and interaction latencies (ms) and the error count of one load test."""

    requests: int
    errors: int
    p50_ms: float
    p95_ms: float
    interaction_p95_ms: float
    failed: dict[str, int]


def run_load(
    base: str, interactions: list[list[Request]], users: int, seconds: float, think: tuple[float, float]
) -> LoadOutcome:
    """``users`` threads, each choosing a random interaction and then thinking, for ``seconds``."""
    tally = Tally()
    stop_at = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_user, args=(base, interactions, stop_at, think, seed, tally), daemon=True)
        for seed in range(users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 180)
    latencies = np.array(tally.latencies or [0.0]) * 1000
    return LoadOutcome(
        requests=len(tally.latencies),
        errors=tally.errors,
        p50_ms=float(np.percentile(latencies, 50)),
        p95_ms=float(np.percentile(latencies, 95)),
        interaction_p95_ms=float(np.percentile(np.array(tally.interactions or [0.0]) * 1000, 95)),
        failed=dict(tally.failed),
    )
