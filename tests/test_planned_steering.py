"""Planned stuurgroep days: the data layer, ``hzw stuurgroep gepland``, the packs due before them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, inspect, select

from dashboard.auth import store
from dashboard.cli import cli, run
from dashboard.data import kept_packs, planned_steering
from dashboard.data.models import AuditEvent, PlannedSteering
from dashboard.data.steering import region_steering_groups
from dashboard.infra import clock
from dashboard.infra.db import Database
from tests.helpers import load
from tests.test_migration_sessions import _migrate

TODAY = dt.date(2027, 3, 1)


@pytest.fixture
def cli_db(db, monkeypatch):
    monkeypatch.setenv("HZW_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
    return db


def _count(db: Database, model: type) -> int:
    with db.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(model)).scalar_one())


def test_plan_list_and_remove(db):
    assert planned_steering.plan(db, "AM09", dt.date(2027, 3, 12), "lex")
    assert not planned_steering.plan(db, "AM09", dt.date(2027, 3, 12), "kim")  # once per region and day
    assert planned_steering.plan(db, "AM09", dt.date(2027, 1, 20), "lex")
    assert planned_steering.plan(db, "AM01", dt.date(2027, 3, 12), "kim")
    own = planned_steering.planned(db, "AM09")
    assert [(p.region, p.day, p.by) for p in own] == [
        ("AM09", dt.date(2027, 1, 20), "lex"),
        ("AM09", dt.date(2027, 3, 12), "lex"),
    ]
    assert own[0].recorded is not None
    assert [(p.region, p.day) for p in planned_steering.planned(db)] == [
        ("AM01", dt.date(2027, 3, 12)),
        ("AM09", dt.date(2027, 1, 20)),
        ("AM09", dt.date(2027, 3, 12)),
    ]
    window = planned_steering.upcoming(db, dt.date(2027, 3, 1), dt.date(2027, 3, 12), ("AM09",))
    assert window == [("AM09", dt.date(2027, 3, 12))]
    assert planned_steering.remove(db, "AM09", dt.date(2027, 3, 12))
    assert not planned_steering.remove(db, "AM09", dt.date(2027, 3, 12))
    assert [p.day for p in planned_steering.planned(db, "AM09")] == [dt.date(2027, 1, 20)]


def test_due_takes_planned_days_in_the_window_once_and_not_after_the_pack_is_kept(db):
    # A stuurgroep held on the import day is also a meeting row; planned on that day too, it is due once.
    load(db, "bijeenkomsten", [{"regio": "AM02", "soort": "stuurgroep", "datum": "2027-03-01"}], today=TODAY)
    planned_steering.plan(db, "AM02", TODAY, "lex")
    planned_steering.plan(db, "AM09", dt.date(2027, 3, 5), "lex")  # inside the 7 days
    planned_steering.plan(db, "AM01", dt.date(2027, 3, 9), "lex")  # one day too far
    planned_steering.plan(db, "AM03", dt.date(2027, 2, 28), "lex")  # already past
    assert kept_packs.due(db, TODAY, 7) == [("AM02", TODAY), ("AM09", dt.date(2027, 3, 5))]
    assert kept_packs.due(db, TODAY, 7, ("AM09",)) == [("AM09", dt.date(2027, 3, 5))]
    assert kept_packs.due(db, TODAY, 8)[-1] == ("AM01", dt.date(2027, 3, 9))
    kept_packs.keep(db, "AM09", dt.date(2027, 3, 5), TODAY, "pdf", "vergaderstuk.pdf", b"%PDF")
    assert kept_packs.due(db, TODAY, 7) == [("AM02", TODAY)]


def test_a_planned_day_is_no_meeting_held(db):
    planned_steering.plan(db, "AM09", dt.date(2027, 3, 5), "lex")
    assert region_steering_groups(db, "AM09", dt.date(2030, 1, 1)) == []


def test_the_command_records_lists_and_removes_with_an_audit_line(cli_db, capsys):
    day = clock.today() + dt.timedelta(days=30)
    assert run(cli, ["stuurgroep", "gepland"]) == 0
    assert "Nog geen stuurgroep gepland." in capsys.readouterr().out
    assert run(cli, ["stuurgroep", "gepland", "am09", day.isoformat()]) == 0
    assert "Stuurgroep van AM09 op" in capsys.readouterr().out
    assert run(cli, ["stuurgroep", "gepland", "AM09", day.isoformat()]) == 0
    assert "was al gepland; er is niets gewijzigd" in capsys.readouterr().out
    assert run(cli, ["stuurgroep", "gepland", "AM01", day.isoformat()]) == 0
    capsys.readouterr()
    assert run(cli, ["stuurgroep", "gepland", "AM09"]) == 0
    listed = capsys.readouterr().out
    assert f"AM09  {day.isoformat()}" in listed and "AM01" not in listed
    assert run(cli, ["stuurgroep", "gepland"]) == 0
    assert capsys.readouterr().out.count(day.isoformat()) == 2
    log = store.audit_log(cli_db)
    assert sorted(log["gebeurtenis"]) == ["stuurgroep gepland", "stuurgroep gepland"]
    assert f"AM09 {day.isoformat()}" in set(log["detail"])
    assert run(cli, ["stuurgroep", "gepland", "AM09", day.isoformat(), "--schrap"]) == 0
    assert "geschrapt" in capsys.readouterr().out
    assert [p.region for p in planned_steering.planned(cli_db)] == ["AM01"]
    assert store.audit_log(cli_db)["gebeurtenis"].iloc[0] == "geplande stuurgroep geschrapt"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["XX99", "2099-03-12"], "Onbekende regio: XX99"),
        (["AM09", "12-03-2099"], "'12-03-2099' is geen datum"),
        (["AM09", "2020-03-12"], "is al voorbij"),
        (["AM09", "2099-03-12", "--schrap"], "geen stuurgroep gepland"),
        (["AM09", "--schrap"], "Geef de regio en de datum"),
        (["XX99"], "Onbekende regio: XX99"),
    ],
)
def test_refusals_say_why_and_write_nothing(cli_db, capsys, arguments, message):
    assert run(cli, ["stuurgroep", "gepland", *arguments]) == 1
    err = capsys.readouterr().err
    assert message in err and "Er is niets gewijzigd." in err and "Traceback" not in err
    assert _count(cli_db, PlannedSteering) == 0 and _count(cli_db, AuditEvent) == 0


def test_the_table_comes_and_goes_with_0017(database_url):
    db = Database(database_url)
    try:
        _migrate(db, "0016_jobs")
        assert "planned_steering" not in inspect(db.engine).get_table_names()
        _migrate(db, "head")
        db.sync_regions()
        assert planned_steering.plan(db, "AM09", dt.date(2027, 3, 12), "lex")
        _migrate(db, "0016_jobs", down=True)
        assert "planned_steering" not in inspect(db.engine).get_table_names()
        _migrate(db, "head")
        assert planned_steering.planned(db) == []
    finally:
        db.dispose()
