from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from dashboard.cli import cli, run
from dashboard.data.models import Trajectory, TrajectorySummary
from dashboard.importing.demo import load_demo
from dashboard.infra import backup
from dashboard.infra.db import Database
from tests.conftest import REQUIRE_SERVICES

# Backups copy whole databases loaded with demo data: seconds per test.
pytestmark = pytest.mark.traag

DEMO_DAY = dt.date(2026, 9, 30)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database on SQLite, made once for this module and copied by each test."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = Database(f"sqlite:///{path}")
    db.upgrade()
    load_demo(db, 2021, DEMO_DAY, 25_000_000)
    db.dispose()
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "live.sqlite3"
    shutil.copy(demo_file, path)
    db = Database(f"sqlite:///{path}")
    yield db
    db.dispose()


def _reading(db: Database, stop: threading.Event, seen: list[int], errors: list[BaseException]) -> None:
    # What the dashboard does meanwhile: aggregate queries over the tables being copied.
    try:
        while not stop.is_set():
            with db.engine.connect() as connection:
                seen.append(connection.scalar(select(func.sum(TrajectorySummary.aantal))) or 0)
    except BaseException as error:  # noqa: BLE001 - the test reports whatever the reader met
        errors.append(error)


def test_a_backup_made_while_reads_run_restores_to_the_same_tables(demo, tmp_path):
    stop, seen, errors = threading.Event(), [], []
    readers = [threading.Thread(target=_reading, args=(demo, stop, seen, errors)) for _ in range(3)]
    for reader in readers:
        reader.start()
    try:
        target = tmp_path / "backups" / "hzw-2026-09-30.sqlite3"
        backup.backup(demo, target)
    finally:
        stop.set()
        for reader in readers:
            reader.join()
    assert not errors and len(seen) > 3 and len(set(seen)) == 1
    assert not target.with_name(target.name + ".partial").exists()

    restored = Database(f"sqlite:///{tmp_path / 'nieuw.sqlite3'}")
    result = backup.restore(restored, target)
    assert result.revision == demo.head_revision() and result.upgraded_to is None
    before, after = backup.fingerprints(demo), backup.fingerprints(restored)
    assert after == before
    assert before["trajectory"][0] > 5_000 and before["trajectory_summary"][0] > 1_000
    restored.dispose()


def test_fingerprints_see_a_single_changed_value(demo, tmp_path):
    before = backup.fingerprints(demo)
    with demo.engine.begin() as connection:
        first = connection.scalar(text("SELECT MIN(id) FROM trajectory WHERE methode <> 'IPS'"))
        connection.execute(text("UPDATE trajectory SET methode = 'IPS' WHERE id = :id"), {"id": first})
    after = backup.fingerprints(demo)
    assert after["trajectory"][0] == before["trajectory"][0]
    assert after["trajectory"][1] != before["trajectory"][1]
    assert {k for k in before if before[k] != after[k]} == {"trajectory"}


def _set_revision(path: Path, revision: str) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    connection.close()


def test_a_backup_from_a_newer_version_is_refused_and_nothing_changes(demo, tmp_path):
    saved = tmp_path / "nieuwer.sqlite3"
    backup.backup(demo, saved)
    _set_revision(saved, "0099")
    with demo.engine.begin() as connection:
        connection.execute(text("DELETE FROM trajectory WHERE id IN (SELECT id FROM trajectory LIMIT 10)"))
    before = backup.fingerprints(demo)
    with pytest.raises(backup.BackupError, match="nieuwere versie van de monitor \\(databaseversie 0099\\)"):
        backup.restore(demo, saved)
    assert backup.fingerprints(demo) == before


def test_what_is_no_backup_is_refused_by_name(demo, tmp_path):
    text_file = tmp_path / "notities.txt"
    text_file.write_text("geen backup")
    with pytest.raises(backup.BackupError, match="'notities.txt' is geen backup"):
        backup.restore(demo, text_file)
    with pytest.raises(backup.BackupError, match="bestaat niet"):
        backup.restore(demo, tmp_path / "weg.sqlite3")
    empty = tmp_path / "leeg.sqlite3"
    sqlite3.connect(empty).execute("CREATE TABLE x (y)").connection.close()
    with pytest.raises(backup.BackupError, match="bevat geen database van de monitor"):
        backup.restore(demo, empty)


def test_the_commands_back_up_and_restore_with_an_audit_record(demo, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HZW_DATABASE_URL", demo.engine.url.render_as_string(hide_password=False))
    saved = tmp_path / "backup.sqlite3"
    assert run(cli, ["db", "backup", str(saved)]) == 0
    assert "Backup gemaakt" in capsys.readouterr().out
    with demo.engine.begin() as connection:
        connection.execute(text("DELETE FROM trajectory_summary"))
    assert run(cli, ["db", "herstel", str(saved), "--ja"]) == 0
    assert "Database hersteld uit backup.sqlite3" in capsys.readouterr().out
    with demo.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(TrajectorySummary)) > 1_000
        event = connection.execute(
            text("SELECT gebeurtenis, detail FROM audit_event ORDER BY id DESC")
        ).first()
    assert tuple(event) == ("database hersteld", "backup.sqlite3")
    _set_revision(saved, "0099")
    assert run(cli, ["db", "herstel", str(saved), "--ja"]) == 1
    assert "nieuwere versie" in capsys.readouterr().err


@pytest.mark.postgres
def test_postgres_backup_and_restore_with_pg_dump(postgres_url, tmp_path, request):
    if shutil.which("pg_dump") is None:
        if REQUIRE_SERVICES:
            pytest.fail("pg_dump ontbreekt")
        pytest.skip("pg_dump ontbreekt (apt-get install postgresql-client)")
    db = Database(postgres_url)
    db.upgrade()
    load_demo(db, 2021, dt.date(2025, 3, 31), 25_000_000)
    saved = tmp_path / "hzw.dump"
    backup.backup(db, saved)
    assert backup.backup_revision(saved) == db.head_revision()
    before = backup.fingerprints(db)
    with db.engine.begin() as connection:
        connection.execute(text("DELETE FROM trajectory_summary"))
        connection.execute(text("UPDATE trajectory SET methode = 'IPS'"))
    backup.restore(db, saved)
    assert backup.fingerprints(db) == before
    assert before["trajectory"][0] > 1_000
    with db.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Trajectory)) == before["trajectory"][0]
    sqlite_target = Database(f"sqlite:///{tmp_path / 'ander.sqlite3'}")
    with pytest.raises(backup.BackupError, match="ander soort database"):
        backup.restore(sqlite_target, saved)
    sqlite_target.dispose()
    db.dispose()


def test_a_backup_that_cannot_be_written_is_a_clear_error_and_leaves_nothing(demo, tmp_path):
    blocked = tmp_path / "bestand"
    blocked.write_text("geen map")  # a file where the backup's folder should be
    with pytest.raises(backup.BackupError, match="kon niet worden geschreven"):
        backup.backup(demo, blocked / "hzw.sqlite3")
    assert blocked.read_text() == "geen map"
