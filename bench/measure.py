"""Latency of the main interactions (uncached and cached), their bare SQL floor, and the bytes they send."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from dash import Dash
from sqlalchemy import Engine, event, func, select

from bench.dash_client import Call, DashClient, Response, decode
from dashboard.auth import sessions, store
from dashboard.data.models import Organisation, Trajectory
from dashboard.importing import import_file
from dashboard.importing.demo import generate
from dashboard.infra.cache import cache
from dashboard.infra.db import Database
from dashboard.infra.runtime import EXTENSION
from dashboard.reports.publication import publish

REGION = "AM09"
IMPORT_ROWS = 10_000
# Interaction names as the tables show them (Dutch, like everything a reader of the results sees).
NATIONAL, METRIC, YEAR, REGION_PAGE, ORGANISATION_PAGE, IMPORT = (
    "Landelijke pagina laden",
    "Maat wisselen",
    "Jaar wisselen",
    "Regiopagina (AM09)",
    "Organisatiepagina",
    "Import 10.000 rijen",
)
# The same two pages read from a snapshot published at the data date (a landelijk account's default).
PUBLISHED_NATIONAL, PUBLISHED_REGION = ("Landelijke pagina, gepubliceerd", "Regiopagina (AM09), gepubliceerd")
INTERACTIONS = (
    NATIONAL,
    METRIC,
    YEAR,
    REGION_PAGE,
    ORGANISATION_PAGE,
    PUBLISHED_NATIONAL,
    PUBLISHED_REGION,
    IMPORT,
)
# A statement as the driver received it: SQL text, parameters, and whether it was an executemany.
Statement = tuple[str, Any, bool]


@dataclass(frozen=True)
class Repetitions:
    """How often each kind of measurement is repeated."""

    uncached: int = 10
    cached: int = 30
    floor: int = 10
    imports: int = 3


@dataclass
class Row:
    """One line of the results table: one interaction on one database at one scale."""

    database: str
    scale: int
    trajectories: int
    interaction: str
    requests: int = 0
    uncached: list[float] = field(default_factory=list)
    cached: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    bytes_plain: int | None = None
    bytes_gzip: int | None = None
    errors: int = 0
    slowest: str = ""
    note: str = ""

    @staticmethod
    def _pct(samples: list[float], q: float) -> float | None:
        return float(np.percentile(samples, q)) * 1000 if samples else None

    def ms(self, which: str, q: float) -> float | None:
        """Percentile ``q`` of ``uncached``, ``cached`` or ``floor`` in milliseconds."""
        return self._pct(getattr(self, which), q)

    @property
    def ratio(self) -> float | None:
        """Uncached p50 over the SQL floor's p50: how much the app adds to its queries."""
        unc, flo = self.ms("uncached", 50), self.ms("floor", 50)
        return unc / flo if unc is not None and flo else None


BENCH_ACCOUNT = "benchmark-landelijk"


class FlaskTransport:
    """Requests through Flask's test client: the real WSGI app, without sockets."""

    def __init__(self, app: Dash) -> None:
        """Wrap ``app``'s server, signed in as a national account (its lookup is part of every request)."""
        self.client = app.server.test_client()
        db = app.server.extensions[EXTENSION].db
        account = next((a for a in store.list_users(db) if a.name == BENCH_ACCOUNT), None)
        account = account or store.add_user(db, BENCH_ACCOUNT, "landelijk", [], secrets.token_urlsafe(24))
        with self.client.session_transaction() as session:
            session["_user_id"] = sessions.start(db, account.id, "wachtwoord")

    def get(self, path: str) -> Response:
        """GET ``path``."""
        return self.client.get(path)

    def post(self, path: str, body: dict[str, Any], gzip_ok: bool) -> Response:
        """POST ``body`` as JSON; with ``gzip_ok`` the client accepts a compressed answer."""
        headers = {"Accept-Encoding": "gzip"} if gzip_ok else {"Accept-Encoding": "identity"}
        return self.client.post(path, data=json.dumps(body), content_type="application/json", headers=headers)


@contextmanager
def captured_sql(engine: Engine) -> Iterator[list[Statement]]:
    """Record every statement sent to the driver while the block runs."""
    statements: list[Statement] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool) -> None:
        statements.append((statement, parameters, many))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def replay(engine: Engine, statements: list[Statement], setup: tuple[str, ...] = ()) -> float:
    """Seconds to run ``statements`` on a bare driver connection, fetching every row, then roll back.

    This is the floor under an interaction: the same SQL without SQLAlchemy, pandas, figures or
    JSON. Rolling back lets the writes of an import be replayed too; ``setup`` runs untimed first.
    """
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        for statement in setup:
            cursor.execute(statement)
        start = time.perf_counter()
        for statement, parameters, many in statements:
            if many:
                cursor.executemany(statement, parameters)
            else:
                cursor.execute(statement, parameters)
            if cursor.description is not None:
                cursor.fetchall()
        elapsed = time.perf_counter() - start
        raw.rollback()
        cursor.close()
    finally:
        raw.close()
    return elapsed


def largest_organisation(db: Database, region: str) -> int:
    """The organisation of ``region`` with the most trajectories (the heaviest organisation page)."""
    query = (
        select(Organisation.id)
        .join(Trajectory, Trajectory.organisation_id == Organisation.id)
        .where(Organisation.region_code == region)
        .group_by(Organisation.id)
        .order_by(func.count().desc(), Organisation.id)
        .limit(1)
    )
    with db.engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


class Bench:
    """Measures the interactions of one app on one database."""

    def __init__(self, app: Dash, day: dt.date, reps: Repetitions) -> None:
        """Measure ``app`` (built on the database to measure) with data up to ``day``."""
        self.app = app
        self.db: Database = app.server.extensions[EXTENSION].db
        self.day = day
        self.reps = reps
        self.client = DashClient(FlaskTransport(app))

    def clear_cache(self) -> None:
        """Forget every cached data result, as after a deploy or an import."""
        with self.app.server.app_context():
            cache.clear()

    def _send_all(
        self, calls: list[Call], gzip_ok: bool = False
    ) -> tuple[float, list[Response], list[float]]:
        responses, times = [], []
        start = time.perf_counter()
        for call in calls:
            begin = time.perf_counter()
            responses.append(self.client.send(call, gzip_ok))
            times.append(time.perf_counter() - begin)
        return time.perf_counter() - start, responses, times

    def interactions(self) -> dict[str, list[Call]]:
        """The callback requests of each interaction in the browser's order."""
        year = self.day.year
        query = f"jaar={year}&peildatum={self.day.isoformat()}"
        national, load = self.client.open(f"/?{query}")
        metric = self.client.change(national, "national-metric.value", "duurzaam")
        national, _ = self.client.open(f"/?{query}")
        change_year = self.client.change(national, "national-year.value", str(year - 1))
        _, region = self.client.open(f"/regio/{REGION}?{query}")
        org = largest_organisation(self.db, REGION)
        _, organisation = self.client.open(f"/regio/{REGION}/organisatie/{org}?{query}")
        return {
            NATIONAL: load,
            METRIC: metric,
            YEAR: change_year,
            REGION_PAGE: region,
            ORGANISATION_PAGE: organisation,
        }

    def measure_calls(self, row: Row, calls: list[Call]) -> Row:
        """Fill ``row`` with uncached and cached latency, the SQL floor and bytes for ``calls``."""
        row.requests = len(calls)
        per_call: dict[str, list[float]] = {}
        failed: set[str] = set()
        for _ in range(self.reps.uncached):
            self.clear_cache()
            elapsed, responses, times = self._send_all(calls)
            row.uncached.append(elapsed)
            row.errors += sum(r.status_code not in (200, 204) for r in responses)
            failed |= {
                c.name for c, r in zip(calls, responses, strict=True) if r.status_code not in (200, 204)
            }
            for call, took in zip(calls, times, strict=True):
                per_call.setdefault(call.name, []).append(took)
        name, took = max(((n, float(np.median(t))) for n, t in per_call.items()), key=lambda x: x[1])
        row.slowest = f"{name} ({took * 1000:.0f} ms)"
        self.clear_cache()
        with captured_sql(self.db.engine) as statements:
            self._send_all(calls)
        row.floor = [replay(self.db.engine, statements) for _ in range(self.reps.floor)]
        _, plain, _ = self._send_all(calls)
        for _ in range(self.reps.cached):
            elapsed, responses, _ = self._send_all(calls)
            row.cached.append(elapsed)
            row.errors += sum(r.status_code not in (200, 204) for r in responses)
        _, zipped, _ = self._send_all(calls, gzip_ok=True)
        row.bytes_plain = sum(len(r.data) for r in plain)
        row.bytes_gzip = sum(len(r.data) for r in zipped)
        if failed:
            row.note = "fout in " + ", ".join(sorted(failed))
        return row

    def measure_import(self, row: Row) -> Row:
        """Import a fresh 10,000-row trajectories file per repetition; floor from a checked-only run."""
        base = generate(2021, self.day)["trajecten"].head(IMPORT_ROWS)
        with tempfile.TemporaryDirectory(prefix="hzw-bench-import-") as folder:

            def file(label: str) -> Path:
                frame = base.assign(traject_id=base["traject_id"] + f"-{label}")
                path = Path(folder) / f"trajecten-{label}.csv"
                frame.to_csv(path, sep=";", index=False)
                return path

            def run(path: Path, check_only: bool = False) -> None:
                import_file(
                    self.db,
                    "trajecten",
                    path,
                    user="bench",
                    max_bytes=50_000_000,
                    today=self.day,
                    check_only=check_only,
                )

            stamp = time.strftime("%H%M%S")
            row.requests = 1
            for rep in range(self.reps.imports):
                path = file(f"B{stamp}{rep}")
                start = time.perf_counter()
                run(path)
                row.uncached.append(time.perf_counter() - start)
            with captured_sql(self.db.engine) as statements:
                run(file(f"C{stamp}"), check_only=True)
            # PostgreSQL does not hand out the rolled-back import_log id again; the replayed rows
            # refer to it, so the sequence is set back to where the checked-only import found it.
            setup = (
                (
                    "SELECT setval(pg_get_serial_sequence('import_log', 'id'), "
                    "(SELECT max(id) FROM import_log))",
                )
                if self.db.engine.dialect.name == "postgresql"
                else ()
            )
            row.floor = [replay(self.db.engine, statements, setup) for _ in range(self.reps.imports)]
        row.note = "nieuwe rijen per herhaling; geen cache"
        return row

    def measure_all(
        self, database: str, scale: int, trajectories: int, only: Callable[[str], bool]
    ) -> list[Row]:
        """Every interaction's row (the import last: it adds rows and changes the data version)."""
        rows = []
        for name, calls in self.interactions().items():
            if only(name):
                rows.append(self.measure_calls(Row(database, scale, trajectories, name), calls))
        published = {PUBLISHED_NATIONAL: NATIONAL, PUBLISHED_REGION: REGION_PAGE}
        if any(only(name) for name in published):
            seconds = self.publish()
            pages = self.interactions()
            for name, page in published.items():
                if only(name):
                    row = self.measure_calls(Row(database, scale, trajectories, name), pages[page])
                    row.note = row.note or f"publiceren duurde {seconds:.1f} s"
                    rows.append(row)
        if only(IMPORT):
            rows.append(self.measure_import(Row(database, scale, trajectories, IMPORT)))
        return rows

    def publish(self) -> float:
        """Publish a snapshot at the data date (the pages of a landelijk account then read it); seconds."""
        minimum = self.app.server.extensions[EXTENSION].settings.suppression_minimum
        start = time.perf_counter()
        publish(self.db, self.day, "bench", minimum, "Benchmark")
        return time.perf_counter() - start

    def metric_switch_is_patch(self) -> bool:
        """Whether the map answers a metric switch with a Patch rather than a whole figure."""
        calls = self.interactions()[METRIC]
        call = next(c for c in calls if "national-map.figure" in c.body["output"])
        body = decode(self.client.send(call))
        return "__dash_patch_update" in json.dumps(body["response"]["national-map"]["figure"])[:200]
