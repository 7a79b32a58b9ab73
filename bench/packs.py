"""The load test's page p95 with and without 35 region packs building in the background.

``python -m bench.packs --postgres-url postgresql://…/postgres --redis-url redis://…/N`` loads the
demo data (scale 1) into a fresh PostgreSQL database, serves it with gunicorn the production way,
queues the 35 regions' meeting packs through the same job service the pages use, and runs the load
test in alternating windows: the Celery worker (at low priority, one job at a time, as the Procfile
starts it) paused, then drawing. Alternating keeps the machine's other load out of the difference.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bench import load, server
from bench.measure import METRIC, NATIONAL, REGION_PAGE, YEAR, Bench, Repetitions
from bench.run import DAY, boundaries, build_app, fresh_database, load_scale
from dashboard.auth.viewer import SYSTEM_VIEWER
from dashboard.infra.config import PROJECT_ROOT
from dashboard.infra.runtime import EXTENSION
from dashboard.jobs.web import JOBS_KEY
from geodata import region_refs


def _load(base: str, bench: Bench, users: int, seconds: float) -> load.LoadOutcome:
    calls = bench.interactions()
    query = f"?jaar={DAY.year}&peildatum={DAY.isoformat()}"
    pages = {NATIONAL: "/" + query, REGION_PAGE: "/regio/AM09" + query}
    interactions = [load.as_requests(pages.get(n), calls[n]) for n in (NATIONAL, METRIC, YEAR, REGION_PAGE)]
    return load.run_load(base, interactions, users, seconds, (0.5, 1.5))


def _measure(app: object, bench: Bench, base: str, worker: subprocess.Popen[bytes], options: object) -> None:
    """The median p95 of windows with the worker paused and of windows with it drawing.

    Alternating the two lets the machine's other load fall on both alike.
    """
    jobs = app.server.extensions[EXTENSION].extras[JOBS_KEY]  # type: ignore[attr-defined]
    ids = []
    for ref in region_refs():
        query = {"jaar": str(DAY.year), "peildatum": DAY.isoformat(), "regios": ref.code}
        job_id, _new = jobs.submit(
            "vergaderstuk", {"query": query, "formaat": "pdf"}, SYSTEM_VIEWER, "nl", "bench"
        )
        ids.append(job_id)
    time.sleep(5)  # the worker has started and is drawing
    alone: list[float] = []
    busy: list[float] = []
    users, seconds = options.gebruikers, options.duur  # type: ignore[attr-defined]
    for round_ in range(options.rondes):  # type: ignore[attr-defined]
        os.killpg(worker.pid, signal.SIGSTOP)
        without = _load(base, bench, users, seconds)
        os.killpg(worker.pid, signal.SIGCONT)
        active = sum(1 for i in ids if jobs.state(i).active)
        with_packs = _load(base, bench, users, seconds)
        alone.append(without.p95_ms)
        busy.append(with_packs.p95_ms)
        print(  # noqa: T201
            f"ronde {round_ + 1}: zonder {without.p95_ms:.0f} ms ({without.requests} verzoeken), "
            f"met {with_packs.p95_ms:.0f} ms ({with_packs.requests} verzoeken; {active} stukken te gaan)",
            flush=True,
        )
    states = Counter(jobs.state(i).toestand for i in ids)
    a, b = statistics.median(alone), statistics.median(busy)
    print(f"mediaan p95 zonder vergaderstukken: {a:.0f} ms; met 35 op de achtergrond: {b:.0f} ms", flush=True)  # noqa: T201
    print(f"verschil: {100 * (b / a - 1):+.1f} %; stukken: {dict(states)}", flush=True)  # noqa: T201


def main(argv: Sequence[str] | None = None) -> int:
    """Measure both and print them."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres-url", required=True)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--gebruikers", type=int, default=10)
    parser.add_argument("--duur", type=float, default=20, help="seconden per meetvenster")
    parser.add_argument("--rondes", type=int, default=3, help="paren van vensters zonder en met")
    parser.add_argument("--workers", type=int, default=server.default_workers())
    parser.add_argument("--cpu", type=int, default=100, help="HZW_JOB_CPU_PERCENT van de werker")
    options = parser.parse_args(argv)
    queue = f"hzw-bench-{uuid.uuid4().hex[:6]}"
    os.environ |= {
        "HZW_CELERY_BROKER": options.redis_url,
        "HZW_CELERY_QUEUE": queue,
        "HZW_LOG_LEVEL": "WARNING",
        # A paused worker is silent for a window; it must not count as a worker that died.
        "HZW_JOB_STALE_SECONDS": str(int(options.duur * 4)),
    }
    with tempfile.TemporaryDirectory(prefix="hzw-bench-packs-") as folder:
        with fresh_database("postgres", 1, options.postgres_url, Path(folder)) as url:
            loaded = load_scale(url, "postgres", 1)
            print(f"geladen: {loaded.trajectories} trajecten in {loaded.seconds:.0f} s", flush=True)  # noqa: T201
            app = build_app(url)
            bench = Bench(app, DAY, Repetitions(1, 1, 1, 1))
            with server.gunicorn(url, options.redis_url, DAY, boundaries(), options.workers) as base:
                _load(base, bench, options.gebruikers, 10)  # warm-up: first figures and connections
                env = {**os.environ, "HZW_DATABASE_URL": url, "HZW_PEILDATUM": DAY.isoformat()}
                env["PYTHONPATH"] = str(PROJECT_ROOT)
                env["HZW_JOB_CPU_PERCENT"] = str(options.cpu)
                # As the Procfile starts it: an idle-class task, one job at a time.
                command = [
                    "chrt",
                    "--idle",
                    "0",
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "dashboard.worker:celery",
                ]
                command += ["worker", "--loglevel", "WARNING", "--concurrency", "1"]
                log = Path(folder) / "worker.log"
                with log.open("wb") as out:
                    # A session of its own: the worker, its pool and its Chromium pause and go on together.
                    worker = subprocess.Popen(
                        command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
                    )
                try:
                    _measure(app, bench, base, worker, options)
                finally:
                    os.killpg(worker.pid, signal.SIGCONT)
                    worker.terminate()
                    worker.wait(timeout=60)
                    problems = [line for line in log.read_text().splitlines() if "ERROR" in line]
                    print("\n".join(problems[:20]), flush=True)  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
