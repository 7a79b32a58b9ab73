"""Two imports at once: they run one after the other where they overlap, and count everything once."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, select, text

from dashboard.auth import store
from dashboard.cli import cli, run
from dashboard.data import summary, summary_check
from dashboard.data.models import AuditEvent, Trajectory
from dashboard.data.progress import progress_by_region
from dashboard.importing import ImportBusy, ImportResult, import_frame, locking, writing
from dashboard.importing.service import WAITED
from dashboard.infra.db import Database
from tests.helpers import trajectory

TODAY = dt.date(2026, 6, 30)
ORGANISATIONS = [("AM09", "GGZ Oost"), ("AM09", "UWV Oost"), ("AM09", "Werkbedrijf"), ("AM01", "GGZ Noord")]
ROWS = 600


def _base_rows() -> list[dict[str, str]]:
    rows = []
    for i in range(ROWS):
        region, name = ORGANISATIONS[i % len(ORGANISATIONS)]
        start = dt.date(2025, 1, 1) + dt.timedelta(days=(i * 7) % 540)
        rows.append(trajectory(f"C{i:04d}", start.isoformat(), regio=region, organisatie=name))
    return rows


def _changed_rows() -> list[dict[str, str]]:
    """Every row of the base file changed: other method and funding, and further along the way."""
    rows = _base_rows()
    for i, row in enumerate(rows):
        start = dt.date.fromisoformat(row["startdatum"])
        row.update(methode=("WaBZ", "Jobcoaching", "Overig")[i % 3], financiering="UWV")
        if i % 2 == 0:
            row["plaatsingsdatum"] = min(start + dt.timedelta(days=40), TODAY).isoformat()
        if i % 4 == 0:
            row["duurzaam_datum"] = min(start + dt.timedelta(days=230), TODAY).isoformat()
        if i % 5 == 1:
            row.update(einddatum=min(start + dt.timedelta(days=60), TODAY).isoformat(), eindreden="uitval")
    return rows


BASE = pd.DataFrame(_base_rows())
CHANGED = pd.DataFrame(_changed_rows())


def _import(db: Database, frame: pd.DataFrame, name: str) -> ImportResult:
    return import_frame(db, "trajecten", frame, file_name=name, sha256="0" * 64, user="test", today=TODAY)


def _together(db: Database, frame: pd.DataFrame, count: int = 2) -> list[ImportResult | ImportBusy]:
    """Run ``count`` imports of ``frame`` at the same moment, each on its own connection."""
    start = threading.Barrier(count)
    outcomes: list[ImportResult | ImportBusy | None] = [None] * count
    escaped: list[BaseException] = []

    def work(number: int) -> None:
        start.wait()
        try:
            outcomes[number] = _import(db, frame, f"tegelijk-{number}.csv")
        except ImportBusy as busy:
            outcomes[number] = busy
        except BaseException as error:  # anything else is what this test exists to catch
            escaped.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not escaped, escaped
    assert all(outcome is not None for outcome in outcomes)
    return [outcome for outcome in outcomes if outcome is not None]


def _stored(db: Database) -> dict[tuple[object, ...], int]:
    with db.engine.connect() as connection:
        return {tuple(row[:-1]): row[-1] for row in connection.execute(select(summary.SUMMARY))}


def _figures(db: Database) -> pd.DataFrame:
    return pd.concat([progress_by_region(db, year, dt.date(year, 5, 31)) for year in (2025, 2026)])


def _trajectory_count(db: Database) -> int:
    with db.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(Trajectory)))


@pytest.fixture
def pg_db(postgres_url: str) -> Iterator[Database]:
    database = Database(postgres_url)
    database.upgrade()
    yield database
    database.dispose()


def _check_overlapping_changes(db: Database, rounds: int) -> int:
    """Import BASE, take the sequential result of CHANGED, then import both files twice at once."""
    _import(db, BASE, "basis.csv")
    base_summary, base_figures = _stored(db), _figures(db)
    _import(db, CHANGED, "gewijzigd.csv")
    changed_summary, changed_figures = _stored(db), _figures(db)
    assert changed_summary != base_summary  # the test would not notice a lost change otherwise
    waits = 0
    for _round in range(rounds):
        for frame, summary_after, figures_after in (
            (BASE, base_summary, base_figures),
            (CHANGED, changed_summary, changed_figures),
        ):
            outcomes = _together(db, frame)
            results = [o for o in outcomes if isinstance(o, ImportResult)]
            assert len(results) == 2  # the first holds the locks before it writes: no race is lost
            # One import changed every row; the other ran after it and found nothing left to change.
            assert sorted((r.gewijzigd, r.ongewijzigd) for r in results) == [(0, ROWS), (ROWS, 0)]
            # Outside a request the notice is the Dutch text itself.
            waits += sum(WAITED in r.meldingen for r in results)
            with db.engine.connect() as connection:
                assert summary_check.compare(connection).differences == 0
            assert _stored(db) == summary_after
            pd.testing.assert_frame_equal(_figures(db), figures_after)
    assert _trajectory_count(db) == ROWS
    return waits


def test_overlapping_imports_of_the_same_changed_rows_on_postgresql(pg_db):
    waits = _check_overlapping_changes(pg_db, rounds=20)
    # The imports really overlapped: many of the 40 pairs had one import waiting for the other.
    assert waits >= 5


@pytest.mark.traag
def test_overlapping_imports_of_the_same_changed_rows_on_sqlite(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'hzw.sqlite3'}")
    db.upgrade()
    try:
        _check_overlapping_changes(db, rounds=3)
    finally:
        db.dispose()


def test_the_same_new_rows_twice_at_once_count_once(database_url, tmp_path):
    db = Database(database_url)
    db.upgrade()
    try:
        for round_number in range(5):
            rows = [
                trajectory(f"N{round_number}-{i:04d}", "2026-02-01", organisatie=f"Nieuw {round_number}")
                for i in range(300)
            ]
            outcomes = _together(db, pd.DataFrame(rows))
            done = [o for o in outcomes if isinstance(o, ImportResult)]
            busy = [o for o in outcomes if isinstance(o, ImportBusy)]
            assert [r.nieuw for r in done if r.nieuw] == [300]
            assert all(r.nieuw == 0 and r.ongewijzigd == 300 for r in done if not r.nieuw)
            assert all("Er loopt al een import voor deze organisatie" in str(b) for b in busy)
            assert _trajectory_count(db) == 300 * (round_number + 1)
    finally:
        db.dispose()


def test_without_the_locks_a_forced_interleaving_loses_counts_and_races_end_in_dutch(pg_db, monkeypatch):
    # Both imports read the stored rows before either writes: the interleaving the locks prevent.
    # This shows the other tests would notice the damage, and what a lost unique-key race gives.
    _import(pg_db, BASE, "basis.csv")
    monkeypatch.setattr(locking, "serialise", lambda *args, **kwargs: False)
    both_read = threading.Barrier(2)
    read = writing._existing_trajectories

    def read_then_wait(*args, **kwargs):
        found = read(*args, **kwargs)
        both_read.wait(timeout=30)
        return found

    monkeypatch.setattr(writing, "_existing_trajectories", read_then_wait)
    results = _together(pg_db, CHANGED)
    assert [r.gewijzigd for r in results if isinstance(r, ImportResult)] == [ROWS, ROWS]
    with pg_db.engine.connect() as connection:
        assert summary_check.compare(connection).differences > 0  # both subtracted the same counts
    fresh_rows = pd.DataFrame(
        [trajectory(f"R{i:03d}", "2026-02-01", organisatie="GGZ Oost") for i in range(50)]
    )
    # An organisation that exists: two files creating one would already block at its insert.
    both_read.reset()
    outcomes = _together(pg_db, fresh_rows)
    assert sorted(type(o).__name__ for o in outcomes) == ["ImportBusy", "ImportResult"]
    with pg_db.engine.connect() as connection:
        assert connection.scalar(select(func.count()).where(Trajectory.traject_id.like("R%"))) == 50
        failed = connection.execute(
            select(AuditEvent.detail).where(AuditEvent.gebeurtenis == "import mislukt")
        ).scalars()
        assert [d for d in failed if "er liep al een import" in d]


def test_a_lost_race_is_a_dutch_message_in_the_cli(cli_pg, tmp_path, monkeypatch, capsys):
    path = tmp_path / "nieuw.csv"
    BASE.head(3).to_csv(path, sep=";", index=False)

    def lose(*args, **kwargs):
        raise ImportBusy("nieuw.csv")

    monkeypatch.setattr("dashboard.cli.import_file", lose)
    assert run(cli, ["import", "trajecten", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Fout: Er loopt al een import voor deze organisatie; probeer het zo opnieuw." in err
    assert "Traceback" not in err and "IntegrityError" not in err


@pytest.fixture
def cli_pg(pg_db, monkeypatch):
    monkeypatch.setenv("HZW_DATABASE_URL", pg_db.engine.url.render_as_string(hide_password=False))
    return pg_db


def test_an_import_that_waits_says_so(cli_pg, tmp_path):
    path = tmp_path / "oost.csv"
    BASE.head(20).to_csv(path, sep=";", index=False)
    name = ORGANISATIONS[0]
    env = {**os.environ, "HZW_DATABASE_URL": cli_pg.engine.url.render_as_string(hide_password=False)}
    hzw = Path(sys.executable).with_name("hzw")
    with cli_pg.engine.connect() as holder:
        # Another import of GGZ Oost, as far as the locks can tell, holds its lock until rollback.
        holder.execute(
            text("SELECT pg_advisory_xact_lock(:n)"), {"n": locking.lock_id(locking.organisation_key(*name))}
        )
        process = subprocess.Popen(
            [str(hzw), "import", "trajecten", str(path)],
            env=env,
            stderr=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stderr is not None
        line = process.stderr.readline()
        assert "Wacht op een andere import voor deze organisatie" in line
        assert process.poll() is None and _trajectory_count(cli_pg) == 0
        holder.rollback()
    out, _err = process.communicate(timeout=60)
    assert process.returncode == 0
    assert "20 nieuw" in out and "gewacht tot een andere import" in out
    assert _trajectory_count(cli_pg) == 20


def test_a_summary_rebuild_waits_for_running_imports(pg_db):
    _import(pg_db, BASE, "basis.csv")
    waited = threading.Event()
    with pg_db.engine.connect() as holder:
        holder.execute(
            text("SELECT pg_advisory_xact_lock_shared(:n)"), {"n": locking.lock_id(locking.EVERYTHING)}
        )
        repair = threading.Thread(
            target=summary_check.repair, args=(pg_db, "test"), kwargs={"on_wait": waited.set}
        )
        repair.start()
        assert waited.wait(timeout=30)
        assert summary_check.last_summary_check(pg_db) is None  # still waiting
        holder.rollback()
    repair.join(timeout=60)
    last = summary_check.last_summary_check(pg_db)
    assert last is not None and (last.outcome, last.differences) == ("gelijk", 0)
    assert store.audit_log(pg_db)["gebeurtenis"].iloc[0] == "samenvatting gelijk"


@pytest.mark.zuiver
def test_which_locks_an_import_takes():
    few = [{"regio": "AM09", "organisatie": " GGZ Oost "}, {"regio": "AM09", "organisatie": "ggz oost"}]
    assert locking.import_locks("trajecten", few) == {
        "alle": False,
        "regio:AM09": False,
        "organisatie:AM09:ggz oost": True,
    }
    many = [{"regio": "AM09", "organisatie": f"Org {i}"} for i in range(locking.ORGANISATION_LOCKS_MAX + 1)]
    assert locking.import_locks("trajecten", many) == {"alle": False, "regio:AM09": True}
    meetings = [{"regio": "AM01", "organisaties": "A|B"}, {"regio": "AM02", "organisaties": ""}]
    assert locking.import_locks("bijeenkomsten", meetings) == {
        "alle": False,
        "regio:AM01": True,
        "regio:AM02": True,
    }


def test_a_file_with_many_organisations_waits_for_a_small_import_in_its_region(pg_db):
    rows = [
        trajectory(f"V{i:03d}", "2026-02-01", organisatie=f"Org {i}")
        for i in range(locking.ORGANISATION_LOCKS_MAX + 1)
    ]
    waited = threading.Event()
    outcome: list[ImportResult] = []

    def many() -> None:
        outcome.append(
            import_frame(
                pg_db,
                "trajecten",
                pd.DataFrame(rows),
                file_name="veel.csv",
                sha256="0" * 64,
                user="test",
                today=TODAY,
                on_wait=waited.set,
            )
        )

    with pg_db.engine.connect() as holder:
        # What a small import of one organisation in AM09 holds while it runs.
        holder.execute(text("SELECT pg_advisory_xact_lock_shared(:n)"), {"n": locking.lock_id("regio:AM09")})
        worker = threading.Thread(target=many)
        worker.start()
        assert waited.wait(timeout=30)
        assert _trajectory_count(pg_db) == 0
        holder.rollback()
    worker.join(timeout=60)
    assert outcome and outcome[0].nieuw == len(rows)
