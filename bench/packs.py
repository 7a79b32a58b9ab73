"""The load test's page p95 with and without 35 region packs building in the background.

``python -m bench.packs --postgres-url postgresql://…/postgres --redis-url redis://…/N`` loads the
demo data (scale 1) into a fresh PostgreSQL database, serves it with gunicorn the production way,
runs the load test once on its own, then again while a Celery worker (at low priority, one job at
a time) builds the 35 regions' meeting packs queued through the same job service the pages use.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
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


def main(argv: Sequence[str] | None = None) -> int:
    """Measure both and print them."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres-url", required=True)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--gebruikers", type=int, default=10)
    parser.add_argument("--duur", type=float, default=40)
    parser.add_argument("--workers", type=int, default=server.default_workers())
    options = parser.parse_args(argv)
    queue = f"hzw-bench-{uuid.uuid4().hex[:6]}"
    os.environ |= {
        "HZW_CELERY_BROKER": options.redis_url,
        "HZW_CELERY_QUEUE": queue,
        "HZW_LOG_LEVEL": "WARNING",
    }
    with tempfile.TemporaryDirectory(prefix="hzw-bench-packs-") as folder:
        with fresh_database("postgres", 1, options.postgres_url, Path(folder)) as url:
            loaded = load_scale(url, "postgres", 1)
            print(f"geladen: {loaded.trajectories} trajecten in {loaded.seconds:.0f} s", flush=True)  # noqa: T201
            app = build_app(url)
            bench = Bench(app, DAY, Repetitions(1, 1, 1, 1))
            with server.gunicorn(url, options.redis_url, DAY, boundaries(), options.workers) as base:
                _load(base, bench, options.gebruikers, 10)  # warm-up: first figures and connections
                alone = _load(base, bench, options.gebruikers, options.duur)
                print(
                    f"zonder vergaderstukken: p95 {alone.p95_ms:.0f} ms ({alone.requests} verzoeken)",
                    flush=True,
                )  # noqa: T201
                env = {
                    **os.environ,
                    "HZW_DATABASE_URL": url,
                    "HZW_PEILDATUM": DAY.isoformat(),
                    "PYTHONPATH": str(PROJECT_ROOT),
                }
                # As the Procfile starts it: lower priority than the web processes, one job at a time.
                command = [
                    "nice",
                    "-n",
                    "10",
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "dashboard.worker:celery",
                ]
                command += ["worker", "--loglevel", "WARNING", "--concurrency", "1"]
                log = Path(folder) / "worker.log"
                with log.open("wb") as out:
                    worker = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
                try:
                    jobs = app.server.extensions[EXTENSION].extras[JOBS_KEY]
                    ids = []
                    for ref in region_refs():
                        query = {"jaar": str(DAY.year), "peildatum": DAY.isoformat(), "regios": ref.code}
                        job_id, _new = jobs.submit(
                            "vergaderstuk", {"query": query, "formaat": "pdf"}, SYSTEM_VIEWER, "nl", "bench"
                        )
                        ids.append(job_id)
                    time.sleep(5)  # the worker has started and is drawing
                    busy = _load(base, bench, options.gebruikers, options.duur)
                    failed = sum(1 for i in ids if jobs.state(i).toestand == "mislukt")
                    done = sum(1 for i in ids if jobs.state(i).toestand == "klaar")
                    running = sum(1 for i in ids if jobs.state(i).active)
                    print(  # noqa: T201
                        f"met 35 vergaderstukken op de achtergrond: p95 {busy.p95_ms:.0f} ms "
                        f"({busy.requests} verzoeken); na de meting {done} klaar, {running} nog bezig of wachtend, "
                        f"{failed} mislukt",
                        flush=True,
                    )
                    print(f"verschil: {100 * (busy.p95_ms / alone.p95_ms - 1):+.1f} %", flush=True)  # noqa: T201
                finally:
                    worker.terminate()
                    worker.wait(timeout=60)
                    problems = [line for line in log.read_text().splitlines() if "ERROR" in line]
                    print("\n".join(problems[:20]), flush=True)  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
