"""Run the benchmark: ``python -m bench`` (see bench/README.md); prints the table and writes RESULTS.md."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import dash
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench import browser, load, plans, report, server, services
from bench.measure import (
    INTERACTIONS,
    METRIC,
    NATIONAL,
    REGION_PAGE,
    YEAR,
    Bench,
    Repetitions,
)
from dashboard.app import create_app
from dashboard.data.meta import trajectory_count
from dashboard.importing.demo import load_demo
from dashboard.infra.collector import settle_after_start
from dashboard.infra.config import PROJECT_ROOT
from dashboard.infra.db import Database
from dashboard.infra.runtime import EXTENSION

log = logging.getLogger("bench")
HERE = Path(__file__).resolve().parent
SEED = 2021
# A fixed data date keeps runs comparable; the demo data runs up to it.
DAY = dt.date(2026, 9, 30)


@dataclass(frozen=True)
class Options:
    """What to measure and how often."""

    scales: list[int]
    databases: list[str]
    reps: Repetitions
    postgres_url: str
    redis_url: str
    browser_runs: int
    users: int
    seconds: float
    think: tuple[float, float]
    workers: int
    plans: bool
    output: Path | None


def boundaries() -> Path | None:
    """A configured boundary file, or None for the copy shipped with the package."""
    configured = os.environ.get("HZW_GEODATA_FILE", "")
    return Path(configured) if configured else None


def build_app(url: str) -> dash.Dash:
    """The monitor on ``url`` with the benchmark's fixed data date and an in-process cache."""
    # Dash keeps pages in a process-wide registry; every app built here starts from a clean one.
    dash.page_registry.clear()
    return create_app(
        {"database_url": url, "peildatum": DAY, "geodata_file": boundaries(), "log_level": "WARNING"}
    )


@contextmanager
def fresh_database(kind: str, scale: int, postgres_admin: str, folder: Path) -> Iterator[str]:
    """An empty database to load one scale into, removed afterwards."""
    if kind == "sqlite":
        path = folder / f"schaal-{scale}.sqlite3"
        try:
            yield f"sqlite:///{path}"
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    admin_url = make_url(postgres_admin).set(drivername="postgresql+psycopg")
    name = f"hzw_bench_{scale}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def load_scale(url: str, kind: str, scale: int) -> report.LoadTime:
    """Create the schema and load ``scale`` times the demo volume, timed; then settle it."""
    db = Database(url)
    try:
        db.upgrade()
        start = time.perf_counter()
        load_demo(db, SEED, DAY, 50_000_000, scale)
        seconds = time.perf_counter() - start
        settle_database(db)
        return report.LoadTime(kind, scale, trajectory_count(db), seconds)
    finally:
        db.dispose()


def settle_database(db: Database) -> None:
    """Write a freshly loaded PostgreSQL database out to disk before it is measured.

    Loading a large scale leaves gigabytes of changed pages that PostgreSQL's checkpointer writes
    out over the next minutes, spread so as not to disturb; a database in use has long done so,
    and pages measured meanwhile shared the machine's disk and processors with that writing.
    """
    if db.engine.dialect.name != "postgresql":
        return
    with db.engine.begin() as connection:
        connection.execute(text("CHECKPOINT"))


def measure_database(url: str, kind: str, scale: int, options: Options, results: report.Results) -> Bench:
    """Load one scale into ``url`` and measure every interaction on it; returns the bench for reuse."""
    log.info("%s schaal %d: laden", kind, scale)
    loaded = load_scale(url, kind, scale)
    results.loads.append(loaded)
    log.info("%s schaal %d: %d trajecten in %.1f s; meten", kind, scale, loaded.trajectories, loaded.seconds)
    app = build_app(url)
    # As dashboard.wsgi settles each serving process once its app is built.
    settle_after_start()
    bench = Bench(app, DAY, options.reps)
    results.rows += bench.measure_all(kind, scale, loaded.trajectories, lambda _name: True)
    return bench


def server_measurements(
    url: str, kind: str, scale: int, bench: Bench, options: Options, results: report.Results
) -> None:
    """Browser drawing time and the load test, against gunicorn with Redis on this database."""
    with ExitStack() as stack:
        redis_url = options.redis_url or stack.enter_context(services.redis())
        import redis as redis_client

        flush = redis_client.Redis.from_url(redis_url).flushdb
        base = stack.enter_context(server.gunicorn(url, redis_url, DAY, boundaries(), options.workers))
        query = f"?jaar={DAY.year}&peildatum={DAY.isoformat()}"
        if options.browser_runs:
            log.info("browser: landelijke pagina")
            # Fresh workers pay for their first figures and connections once; users never see that.
            browser.time_to_drawn(base + "/" + query, 1)
            uncached = browser.time_to_drawn(base + "/" + query, options.browser_runs, flush)
            cached = browser.time_to_drawn(base + "/" + query, options.browser_runs)
            returning = browser.time_to_drawn(base + "/" + query, options.browser_runs, flush, returning=True)
            results.browser = report.BrowserResult(uncached, cached, kind, scale, returning)
        if options.users:
            log.info("belastingstest: %d gebruikers, %.0f s", options.users, options.seconds)
            calls = bench.interactions()
            pages = {NATIONAL: "/" + query, REGION_PAGE: "/regio/AM09" + query}
            # The server runs as the public monitor, which shows no organisation page: its
            # callbacks would answer 403 to every simulated user and count as errors.
            interactions = [
                load.as_requests(pages.get(name), calls[name])
                for name in (NATIONAL, METRIC, YEAR, REGION_PAGE)
            ]
            flush()
            outcome = load.run_load(base, interactions, options.users, options.seconds, options.think)
            results.load = report.LoadResult(
                options.users,
                options.seconds,
                options.workers,
                options.think,
                outcome.requests,
                outcome.errors,
                outcome.p50_ms,
                outcome.p95_ms,
                outcome.interaction_p95_ms,
                kind,
                scale,
            )
            if outcome.failed:
                results.notes.append(f"Fouten in de belastingstest: {outcome.failed}.")


def redis_version() -> str:
    """The installed redis-server version."""
    found = subprocess.run(["redis-server", "--version"], capture_output=True, text=True, check=False).stdout
    return next((w.split("=", 1)[1] for w in found.split() if w.startswith("v=")), "onbekend")


def code_version() -> str:
    """The commit measured, marked when the working tree differs from it."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "onbekend"
    return f"{commit} met lokale wijzigingen" if git("status", "--porcelain") else commit


def run(options: Options) -> report.Results:
    """Measure every database and scale, then browser, load test and query plans on the largest."""
    results = report.Results()
    results.versions["redis"] = redis_version()
    results.versions["code"] = code_version()
    results.notes.append(f"Belasting van de machine bij de start: {os.getloadavg()[0]:.1f} (1 min).")
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="hzw-bench-")))
        postgres_admin = ""
        if "postgres" in options.databases:
            postgres_admin = options.postgres_url or stack.enter_context(services.postgres())
            results.versions["postgres"] = services.postgres_version(postgres_admin)
        # PostgreSQL at the largest scale matters most, so it goes first and gets browser and load test.
        order = sorted(options.databases, key=lambda kind: kind != "postgres")
        for kind in order:
            for scale in options.scales:
                with fresh_database(kind, scale, postgres_admin, folder) as url:
                    bench = measure_database(url, kind, scale, options, results)
                    if kind == order[0] and scale == options.scales[-1]:
                        results.patch = bench.metric_switch_is_patch()
                        if options.plans and kind == "postgres":
                            found = plans.explain(bench.db, DAY)
                            where = f"PostgreSQL {results.versions['postgres']}, schaal {scale}"
                            (options.output or HERE / "RESULTS.md").with_name("PLANS.md").write_text(
                                plans.markdown(found, where), encoding="utf-8"
                            )
                        if options.browser_runs or options.users:
                            server_measurements(url, kind, scale, bench, options, results)
                    bench.db.dispose()
                    bench.app.server.extensions[EXTENSION].db.dispose()
    results.notes.append(f"Belasting van de machine aan het eind: {os.getloadavg()[0]:.1f} (1 min).")
    return results


def _list(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


def parse(argv: Sequence[str] | None) -> Options:
    """Options from the command line."""
    parser = argparse.ArgumentParser(prog="python -m bench", description="Prestatiebenchmark van de monitor.")
    parser.add_argument(
        "--schalen", default="1,10,100", help="schalen, komma-gescheiden (standaard 1,10,100)"
    )
    parser.add_argument("--databases", default="sqlite,postgres", help="sqlite en/of postgres")
    parser.add_argument("--snel", action="store_true", help="rooktest: schaal 1, weinig herhalingen, kort")
    parser.add_argument(
        "--herhalingen", type=int, default=10, help="herhalingen zonder cache (met cache: 3×)"
    )
    parser.add_argument("--postgres-url", default=os.environ.get("HZW_BENCH_POSTGRES_URL", ""))
    parser.add_argument("--redis-url", default=os.environ.get("HZW_BENCH_REDIS_URL", ""))
    parser.add_argument(
        "--browser-runs", type=int, default=3, help="keren de pagina laden in Chromium (0: niet)"
    )
    parser.add_argument(
        "--gebruikers", type=int, default=50, help="gelijktijdige gebruikers (0: geen belastingstest)"
    )
    parser.add_argument("--duur", type=float, default=60, help="seconden belastingstest")
    parser.add_argument(
        "--denktijd", default="0.5-1.5", help="seconden tussen twee interacties van één gebruiker"
    )
    parser.add_argument("--workers", type=int, default=server.default_workers())
    parser.add_argument("--geen-plannen", action="store_true", help="geen EXPLAIN ANALYZE (bench/PLANS.md)")
    parser.add_argument(
        "--uitvoer", default=str(HERE / "RESULTS.md"), help="Markdown-bestand ('-': niet schrijven)"
    )
    args = parser.parse_args(argv)
    low, high = (float(x) for x in args.denktijd.split("-"))
    reps = Repetitions(
        args.herhalingen, 3 * args.herhalingen, args.herhalingen, max(1, args.herhalingen // 3)
    )
    scales = [int(s) for s in _list(args.schalen)]
    if args.snel:
        reps, scales = Repetitions(2, 3, 2, 1), [1]
    return Options(
        scales=sorted(scales),
        databases=_list(args.databases),
        reps=reps,
        postgres_url=args.postgres_url,
        redis_url=args.redis_url,
        browser_runs=min(args.browser_runs, 1) if args.snel else args.browser_runs,
        users=min(args.gebruikers, 5) if args.snel else args.gebruikers,
        seconds=min(args.duur, 5) if args.snel else args.duur,
        think=(low, high),
        workers=args.workers,
        plans=not args.geen_plannen,
        output=None if args.uitvoer == "-" else Path(args.uitvoer),
    )


def _stop_cleanly(_signal: int, _frame: object) -> None:
    # Turns a TERM into SystemExit, so the PostgreSQL, Redis and gunicorn started here are stopped.
    raise SystemExit(143)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    signal.signal(signal.SIGTERM, _stop_cleanly)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s: %(message)s")
    log.setLevel(logging.INFO)
    # A failing callback is counted and named in the table; its traceback would print whole figures.
    logging.getLogger("dashboard.app").setLevel(logging.CRITICAL)
    options = parse(argv)
    results = run(options)
    command = "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:])
    text_ = report.markdown(results, command.strip())
    sys.stdout.write(text_ + "\n")
    if options.output is not None:
        options.output.write_text(text_, encoding="utf-8")
    missing = {r.interaction for r in results.rows} ^ set(INTERACTIONS)
    return 1 if missing or any(r.errors for r in results.rows) else 0


if __name__ == "__main__":
    sys.exit(main())
