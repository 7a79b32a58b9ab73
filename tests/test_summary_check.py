"""`hzw db controleer` proves the trajectory summary against a fresh count and `--herstel` mends it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, insert, select, true, update

from dashboard.cli import cli, run
from dashboard.data import summary, summary_check
from dashboard.data.models import AuditEvent
from dashboard.infra.db import Database
from tests.helpers import load, trajectory

SUMMARY = summary.SUMMARY


@pytest.fixture
def cli_db(db, monkeypatch):
    monkeypatch.setenv("HZW_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
    rows = [
        trajectory("S1", "2026-01-10", plaatsingsdatum="2026-02-01"),
        trajectory("S2", "2026-02-10", methode="WaBZ", aanmelddatum="2025-12-01"),
        trajectory("S3", "2025-05-01", duurzaam_datum="2025-12-15", plaatsingsdatum="2025-06-01"),
        trajectory("S4", "2026-03-03", regio="AM01", organisatie="GGZ Noord"),
    ]
    load(db, "trajecten", rows)
    return db


def _row(db: Database, soort: str, cohort: int) -> tuple[object, ...]:
    with db.engine.connect() as connection:
        query = select(SUMMARY).where(SUMMARY.c.soort == soort, SUMMARY.c.cohort == cohort)
        return tuple(connection.execute(query).one())


def _audit(db: Database) -> list[tuple[str, str]]:
    with db.engine.connect() as connection:
        query = select(AuditEvent.gebeurtenis, AuditEvent.detail).order_by(AuditEvent.id)
        return [(e, d) for e, d in connection.execute(query) if e.startswith("samenvatting")]


def test_a_damaged_summary_is_found_and_mended(cli_db, capsys):
    assert summary_check.last_summary_check(cli_db) is None
    assert run(cli, ["db", "controleer"]) == 0
    assert "De samenvatting klopt" in capsys.readouterr().out
    # Damage on purpose: one count raised, one row gone, one row that counts nothing real.
    raised = _row(cli_db, "geplaatst", 2026)
    gone = _row(cli_db, "aangemeld", 2025)
    with cli_db.engine.begin() as connection:
        key = dict(zip(summary.KEY_COLUMNS, raised, strict=False))
        connection.execute(
            update(SUMMARY)
            .where(*(SUMMARY.c[k] == v for k, v in key.items()))
            .values(aantal=SUMMARY.c.aantal + 7)
        )
        gone_key = dict(zip(summary.KEY_COLUMNS, gone, strict=False))
        connection.execute(delete(SUMMARY).where(*(SUMMARY.c[k] == v for k, v in gone_key.items())))
        connection.execute(insert(SUMMARY).values(**{**key, "jaarmaand": 203001, "aantal": 3}))
    assert run(cli, ["db", "controleer"]) == 1
    captured = capsys.readouterr()
    assert "3 sleutels verschillen" in captured.out
    assert "geplaatst, 2026, 202602, , : 8 → 1" in captured.out  # stored, then the fresh count
    assert "aangemeld, 2025, 202512, , : 0 → 1" in captured.out
    assert "geplaatst, 2026, 203001, , : 3 → 0" in captured.out
    assert "hzw db controleer --herstel" in captured.err and "Traceback" not in captured.err
    last = summary_check.last_summary_check(cli_db)
    assert last is not None and (last.outcome, last.differences) == ("afwijkend", 3)
    assert last.tijdstip.tzinfo is not None
    assert last.tijdstip > dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)

    assert run(cli, ["db", "controleer", "--herstel"]) == 0
    assert "3 verschillende sleutels hersteld" in capsys.readouterr().out
    last = summary_check.last_summary_check(cli_db)
    assert last is not None and (last.outcome, last.differences) == ("hersteld", 3)
    assert run(cli, ["db", "controleer"]) == 0
    with cli_db.engine.connect() as connection:
        stored = {tuple(r[:-1]): r[-1] for r in connection.execute(select(SUMMARY))}
        assert stored == dict(summary.counted(connection, true()))
    assert _audit(cli_db) == [
        ("samenvatting gelijk", "0 verschillende sleutels"),
        ("samenvatting afwijkend", "3 verschillende sleutels"),
        ("samenvatting hersteld", "3 verschillende sleutels"),
        ("samenvatting gelijk", "0 verschillende sleutels"),
    ]


def test_the_check_reports_only_a_few_examples_of_many_differences(cli_db):
    with cli_db.engine.begin() as connection:
        total = len(connection.execute(select(SUMMARY)).all())
        connection.execute(delete(SUMMARY))
        result = summary_check.compare(connection)
    assert total > summary_check.EXAMPLES
    assert result.differences == total and len(result.examples) == summary_check.EXAMPLES
    assert all(example.stored == 0 and example.fresh > 0 for example in result.examples)
    assert [e.key for e in result.examples] == sorted(e.key for e in result.examples)
