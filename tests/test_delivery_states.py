"""Delivery as a fact: "geleverd", "geleverd, geen trajecten" and "niet geleverd", and who may say so."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from sqlalchemy import select

from dashboard.auth.viewer import Viewer
from dashboard.cli import cli, run
from dashboard.data.delivery_states import (
    DeliveryError,
    completeness,
    empty_quarters,
    not_delivered,
    record_empty,
)
from dashboard.data.models import AuditEvent, Organisation
from dashboard.data.organisations import covered_quarters, delivery_status
from dashboard.infra import clock
from dashboard.reports.signals import signals_for
from dashboard.rules import signals as rules
from tests.helpers import load, trajectory

D = dt.date
ADMIN = Viewer("beheerder", "beheer")
NATIONAL = Viewer("landelijk", "landelijk")
AM09 = Viewer("regio-am09", "regio", frozenset({"AM09"}))
SEPTEMBER_30 = D(2026, 9, 30)


def _org(db, name: str) -> int:
    with db.engine.connect() as connection:
        return connection.execute(select(Organisation.id).where(Organisation.naam == name)).scalar_one()


def _record(db, viewer, org, year, quarter, day):
    moment = dt.datetime.combine(day, dt.time(12), tzinfo=clock.AMSTERDAM).astimezone(dt.UTC)
    with mock.patch.object(clock, "utc_now", return_value=moment):
        record_empty(db, viewer, org, year, quarter)


@pytest.fixture
def three(db):
    """Three organisations that delivered in 2026-K1, and nothing since."""
    load(db, "trajecten", [trajectory("A1", "2026-01-15", organisatie="GGZ A")], today=D(2026, 2, 1))
    load(db, "trajecten", [trajectory("B1", "2026-01-15", organisatie="UWV B")], today=D(2026, 2, 1))
    load(
        db,
        "trajecten",
        [trajectory("C1", "2026-01-15", regio="AM01", organisatie="GGZ C")],
        today=D(2026, 2, 1),
    )
    return db


def test_an_empty_delivery_is_distinct_from_no_delivery_on_the_national_list(three):
    db = three
    _record(db, ADMIN, _org(db, "UWV B"), 2026, 2, D(2026, 7, 10))
    listed = not_delivered(db, NATIONAL, SEPTEMBER_30, quarter="2026-K2")
    assert [tuple(r) for r in listed[["code", "organisatie", "status"]].itertuples(index=False)] == [
        ("AM01", "GGZ C", "niet geleverd"),
        ("AM09", "GGZ A", "niet geleverd"),
        ("AM09", "UWV B", "geleverd, geen trajecten"),
    ]
    # Filtered by region; K3 is missing for all three (recording K2 in July delivered nothing for K3).
    in_am09 = not_delivered(db, NATIONAL, SEPTEMBER_30, region="AM09", quarter="2026-K3")
    assert list(in_am09["status"]) == ["niet geleverd", "niet geleverd"]
    # A region account sees its own region's organisations only.
    assert set(not_delivered(db, AM09, SEPTEMBER_30)["code"]) == {"AM09"}
    # The status table, which the Data page and the signals read, no longer calls K2 missing.
    status = delivery_status(db, SEPTEMBER_30).set_index("organisatie")
    assert (status.loc["UWV B", "2026-K2"], status.loc["GGZ A", "2026-K2"]) == (0, -1)
    # Known from the day it was recorded, not before.
    assert empty_quarters(db, D(2026, 7, 9)) == set()
    with db.engine.connect() as connection:
        audit = connection.execute(select(AuditEvent.gebeurtenis, AuditEvent.detail)).all()
    assert ("lege levering", "AM09 UWV B: 2026-K2") in [tuple(a) for a in audit]


def test_an_empty_delivery_is_no_missing_delivery_signal(three):
    db = three
    day = D(2026, 8, 12)  # the day after K2's deadline
    missing = {s.organisation for s in signals_for(db, NATIONAL, day) if s.rule == rules.DELIVERY}
    assert missing == {"GGZ A", "UWV B", "GGZ C"}
    _record(db, AM09, _org(db, "UWV B"), 2026, 2, D(2026, 8, 1))
    missing = {s.organisation for s in signals_for(db, NATIONAL, day) if s.rule == rules.DELIVERY}
    assert missing == {"GGZ A", "GGZ C"}


def test_who_may_record_an_empty_delivery(three):
    db = three
    other_region = _org(db, "GGZ C")
    for viewer in (AM09, NATIONAL):
        with pytest.raises(DeliveryError):
            _record(db, viewer, other_region, 2026, 2, D(2026, 7, 10))
    with pytest.raises(DeliveryError):
        _record(db, ADMIN, 999_999, 2026, 2, D(2026, 7, 10))
    with pytest.raises(DeliveryError):
        _record(db, ADMIN, other_region, 2026, 5, D(2026, 7, 10))
    _record(db, ADMIN, other_region, 2026, 2, D(2026, 7, 10))
    with pytest.raises(DeliveryError, match="al vastgelegd"):
        _record(db, ADMIN, other_region, 2026, 2, D(2026, 7, 11))
    assert empty_quarters(db, SEPTEMBER_30) == {("AM01", "GGZ C", "2026-K2")}


def test_a_file_by_the_deadline_counts_for_the_quarter_before_as_the_signal_judges_it(db):
    load(db, "trajecten", [trajectory("A1", "2026-01-15", organisatie="GGZ A")], today=D(2026, 2, 1))
    # Re-delivered on 10 August, before K2's deadline (11 August): K2 and K3 are delivered.
    load(db, "trajecten", [trajectory("A1", "2026-01-15", organisatie="GGZ A")], today=D(2026, 8, 10))
    status = delivery_status(db, SEPTEMBER_30).set_index("organisatie")
    assert (status.loc["GGZ A", "2026-K2"], status.loc["GGZ A", "2026-K3"]) == (0, 0)
    assert not_delivered(db, NATIONAL, SEPTEMBER_30).empty
    assert [s for s in signals_for(db, NATIONAL, D(2026, 8, 12)) if s.rule == rules.DELIVERY] == []
    # On 12 August the file would have been late for K2.
    assert covered_quarters(D(2026, 8, 12)) == ["2026-K3"]
    assert covered_quarters(D(2026, 8, 11)) == ["2026-K3", "2026-K2"]
    assert covered_quarters(D(2027, 1, 5)) == ["2027-K1", "2026-K4"]


def test_completeness_counts_the_last_judged_quarter(three):
    db = three
    _record(db, ADMIN, _org(db, "UWV B"), 2026, 2, D(2026, 7, 10))
    national = completeness(db, SEPTEMBER_30)
    assert (national.quarter, national.delivered, national.empty, national.missing) == ("2026-K2", 0, 1, 2)
    assert national.expected == 3
    region = completeness(db, SEPTEMBER_30, "AM01")
    assert (region.delivered, region.empty, region.missing) == (0, 0, 1)


def test_the_cli_records_an_empty_delivery(three, database_url, monkeypatch, capsys):
    db = three
    monkeypatch.setenv("HZW_DATABASE_URL", database_url)
    org = _org(db, "GGZ C")
    assert run(cli, ["organisatie", "leeg", str(org), "2026-k2"]) == 0
    assert f"Vastgelegd: organisatie {org} over 2026-K2: geleverd, geen trajecten." in capsys.readouterr().out
    assert run(cli, ["organisatie", "leeg", str(org), "2026-K2"]) == 1
    assert "al vastgelegd" in capsys.readouterr().err
    assert run(cli, ["organisatie", "leeg", str(org), "K2"]) == 1
    assert "Kwartaal als 2026-K2" in capsys.readouterr().err
    assert {q for _c, _n, q in empty_quarters(db, dt.date.today() + dt.timedelta(days=1))} == {"2026-K2"}
