"""The import date is the day in Amsterdam, whatever the host's clock and time zone say."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from sqlalchemy import select

from dashboard.cli import cli, run
from dashboard.data.meta import data_status, reference_date
from dashboard.data.models import Trajectory
from dashboard.infra import clock

HEADER = "traject_id;regio;organisatie;methode;startdatum\n"


@pytest.fixture
def utc_host(monkeypatch):
    """A host in UTC whose clock stands at 2026-03-14 23:30 UTC: 00:30 on 15 March in Amsterdam."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    monkeypatch.setattr(clock, "utc_now", lambda: dt.datetime(2026, 3, 14, 23, 30, tzinfo=dt.UTC))
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def cli_db(db, monkeypatch):
    monkeypatch.setenv("HZW_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
    return db


def test_at_half_past_midnight_in_amsterdam_todays_dates_are_accepted(utc_host, cli_db, tmp_path, capsys):
    assert clock.today() == dt.date(2026, 3, 15)
    today = tmp_path / "vandaag.csv"
    today.write_text(HEADER + "A1;AM09;GGZ Test;IPS;2026-03-15\n", encoding="utf-8")
    assert run(cli, ["import", "trajecten", str(today)]) == 0
    assert "1 nieuw" in capsys.readouterr().out
    # The import date is exactly the Amsterdam day: tomorrow there is still refused.
    tomorrow = tmp_path / "morgen.csv"
    tomorrow.write_text(HEADER + "A2;AM09;GGZ Test;IPS;2026-03-16\n", encoding="utf-8")
    assert run(cli, ["import", "trajecten", str(tomorrow)]) == 1
    assert "na de importdatum" in capsys.readouterr().err
    with cli_db.engine.connect() as connection:
        assert connection.execute(select(Trajectory.traject_id)).scalars().all() == ["A1"]
    # The data date of that import is the same Dutch day.
    assert reference_date(data_status(cli_db), None) == dt.date(2026, 3, 15)


@pytest.mark.zuiver
def test_one_minute_before_midnight_in_amsterdam_it_is_still_the_day_before(monkeypatch):
    monkeypatch.setattr(clock, "utc_now", lambda: dt.datetime(2026, 3, 14, 22, 59, tzinfo=dt.UTC))
    assert clock.today() == dt.date(2026, 3, 14)
    # Summer time: 22:30 UTC on 30 June is 00:30 on 1 July in Amsterdam.
    monkeypatch.setattr(clock, "utc_now", lambda: dt.datetime(2026, 6, 30, 22, 30, tzinfo=dt.UTC))
    assert clock.today() == dt.date(2026, 7, 1)
