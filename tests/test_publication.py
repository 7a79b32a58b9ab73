"""Published snapshots: frozen figures, withdrawal, quarter ends, and revisions by late deliveries.

Uses the hand-made dataset ``known`` (tests/conftest.py): AM09 has 4 starts in 2026 at 30 June
(GGZ A 3, UWV B 1). A late delivery on 2 August adds 3 starts of GGZ A dated in May.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from dashboard.auth import store
from dashboard.auth.viewer import Viewer
from dashboard.cli import cli, run
from dashboard.data import access, snapshots
from dashboard.reports import national, publication, region, revision
from dashboard.reports.region import region_report
from geodata import region_refs
from tests.conftest import PEILDATUM
from tests.helpers import load, trajectory

ADMIN = Viewer("b", "beheer")
NATIONAL = Viewer("l", "landelijk")
LATE = dt.date(2026, 8, 2)

# Each publication works out every region's report: seconds, not milliseconds.
pytestmark = pytest.mark.traag


def late_correction(db):
    rows = [trajectory(f"L{i}", f"2026-05-0{i + 1}", organisatie="GGZ A") for i in range(3)]
    load(db, "trajecten", rows, today=LATE)


def test_a_snapshot_keeps_its_figures_and_the_revision_names_the_late_delivery(known):
    number = publication.publish(known, PEILDATUM, "test", 5, "Stuurgroep juli")
    late_correction(known)
    view = publication.snapshot_view(PEILDATUM)
    stored = region.stored_region(known, number, "AM09")
    assert stored is not None and stored.standing.starts.value == 4
    assert region_report(known, view, "AM09").standing.starts.value == 7
    assert national.stored_national(known, number).summary.started == 4 + 4  # AM09 and AM01
    found = snapshots.publication(known, number)
    result = revision.revision(known, found, ADMIN, 5, "AM09")
    am09 = result.detail
    started = next(c for c in am09.changes if c.measure == "gestart")
    assert (started.then, started.now, started.delta) == (4, 7, 3)
    overview = {r.code: r for r in result.regions}
    assert overview["AM09"].revised and overview["AM09"].late_files == 1
    assert not overview["AM01"].revised and len(overview) == 35
    (cause,) = am09.causes
    assert (cause.organisation, cause.started, cause.quarter, cause.delivered) == (
        "GGZ A",
        3,
        "K2 2026",
        LATE,
    )
    assert revision.cause_text(cause) == (
        "+3 trajecten door late aanlevering van GGZ A (K2 2026, geleverd 2 augustus 2026)"
    )
    assert next(c for c in result.national if c.measure == "gestart").delta == 3
    (org,) = am09.organisations
    assert org.name == "GGZ A" and org.changes[0].delta == 3


def test_others_see_the_published_organisation_table_and_beheer_the_current_one(known):
    publication.publish(known, PEILDATUM, "test", 5)
    before = access.organisation_table(NATIONAL, known, "AM09", 2026, PEILDATUM, 5)
    late_correction(known)
    for day in (PEILDATUM, dt.date(2026, 8, 14)):  # a day that is no published moment shows 30 June
        shown = access.organisation_table(NATIONAL, known, "AM09", 2026, day, 5)
        pd.testing.assert_frame_equal(shown, before)
    admin = access.organisation_table(ADMIN, known, "AM09", 2026, PEILDATUM, 5)
    assert int(admin.loc[admin["organisatie"] == "GGZ A", "gestart"].iloc[0]) == 6


def test_a_withdrawn_snapshot_stays_listed_and_no_longer_counts(known):
    number = publication.publish(known, PEILDATUM, "test", 5)
    assert snapshots.current_at(known, PEILDATUM).id == number
    assert snapshots.withdraw(known, number, "test", "verkeerde aanlevering meegenomen")
    assert not snapshots.withdraw(known, number, "test", "nog eens")
    (listed,) = snapshots.publications(known)
    assert listed.withdrawn and listed.reden == "verkeerde aanlevering meegenomen"
    assert snapshots.current_at(known, PEILDATUM) is None
    assert "ingetrokken: verkeerde aanlevering meegenomen" in publication.label(listed)


def test_others_write_while_a_publication_is_being_made(known):
    # Making the reports of 35 regions takes a while; on SQLite a write transaction locks the whole
    # database, so a sign-in or the job's own progress beside it must not wait for that work.
    written: list[int] = []

    def beside(done: int, total: int) -> None:
        if done in (1, total - 1):
            with known.brief_transaction(0.5) as connection:
                store.write_audit(connection, [store.audit_line("aangemeld", "landelijk")])
            written.append(done)

    number = publication.publish(known, PEILDATUM, "test", 5, on_region=beside)
    assert written == [1, len(region_refs()) - 1]
    assert snapshots.current_at(known, PEILDATUM).id == number


def test_quarter_ends_are_published_once_after_the_delivery_deadline(known):
    # 30 June + 42 days = 11 August: on that day the second quarter is not yet due.
    assert publication.due_quarter(dt.date(2026, 8, 11), 42) == dt.date(2026, 3, 31)
    assert publication.due_quarter(dt.date(2026, 8, 12), 42) == PEILDATUM
    first = publication.publish_due_quarter(known, dt.date(2026, 8, 12), 42, 5)
    assert first is not None
    assert publication.publish_due_quarter(known, dt.date(2026, 8, 13), 42, 5) is None
    (listed,) = snapshots.publications(known)
    assert (listed.naam, listed.soort, listed.peildatum) == ("K2 2026", "kwartaal", PEILDATUM)


def test_a_stored_part_of_an_unknown_format_is_refused():
    with pytest.raises(snapshots.UnknownFormat):
        snapshots.load(snapshots.FORMAT + 1, snapshots.dump({"a": 1}))
    assert snapshots.load(snapshots.FORMAT, snapshots.dump({"a": 1})) == {"a": 1}


def test_cli_publishes_lists_withdraws_and_refuses_bad_input_in_dutch(known, monkeypatch, capsys):
    monkeypatch.setenv("HZW_DATABASE_URL", str(known.engine.url.render_as_string(hide_password=False)))
    assert run(cli, ["publiceer", "--peildatum", "2026-13-01"]) == 1
    assert "geen datum" in capsys.readouterr().err
    assert run(cli, ["publiceer", "--peildatum", "2026-06-30", "--naam", "Stuurgroep juli"]) == 0
    assert "Publicatie 1 gemaakt" in capsys.readouterr().out
    assert run(cli, ["publiceer", "intrekken", "1", "--reden", "verkeerd bestand"]) == 0
    assert run(cli, ["publiceer", "intrekken", "1", "--reden", "nog eens"]) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert run(cli, ["publiceer", "lijst"]) == 0
    assert "INGETROKKEN: verkeerd bestand" in capsys.readouterr().out
    assert [p.naam for p in snapshots.publications(known)] == ["Stuurgroep juli"]
    # Withdrawn once, audited once: the second, refused attempt wrote nothing.
    log = store.audit_log(known)
    assert list(log.loc[log["gebeurtenis"] == "publicatie ingetrokken", "detail"]) == ["1"]


def test_since_the_stuurgroep_compares_with_the_figures_published_for_it(known):
    stuurgroep = dt.date(2026, 3, 1)
    load(
        known,
        "bijeenkomsten",
        [{"regio": "AM09", "soort": "stuurgroep", "datum": "2026-03-01"}],
        today=PEILDATUM,
    )
    view = publication.snapshot_view(PEILDATUM)
    before = region_report(known, view, "AM09").changes.goal("gestart")
    assert before.then == 3 and region_report(known, view, "AM09").compared_with.day == stuurgroep
    number = publication.publish(known, stuurgroep, "test", 5, "Stuurgroep maart")
    # Two starts of February arrive late: the stuurgroep of 1 March saw 3 starts, and so does the comparison.
    load(
        known,
        "trajecten",
        [trajectory(f"F{i}", f"2026-02-1{i}", organisatie="GGZ A") for i in range(2)],
        today=LATE,
    )
    after = region_report(known, view, "AM09").changes.goal("gestart")
    assert (after.then, after.now) == (3, 6)
    # Without the snapshot (withdrawn) the comparison is worked out from the current data again.
    snapshots.withdraw(known, number, "test", "proef")
    assert region_report(known, view, "AM09").changes.goal("gestart").then == 5


def _same(stored, live, where=""):
    """Deep equality of report objects (dataclasses, frames, containers), naming the first difference."""
    assert type(stored) is type(live), where
    if isinstance(live, pd.DataFrame):
        pd.testing.assert_frame_equal(stored, live, check_exact=True, obj=where)
    elif isinstance(live, pd.Series):
        pd.testing.assert_series_equal(stored, live, check_exact=True, obj=where)
    elif dataclasses.is_dataclass(live):
        for field in dataclasses.fields(live):
            _same(getattr(stored, field.name), getattr(live, field.name), f"{where}.{field.name}")
    elif isinstance(live, dict):
        assert list(stored) == list(live), where
        for key in live:
            _same(stored[key], live[key], f"{where}[{key!r}]")
    elif isinstance(live, list | tuple):
        assert len(stored) == len(live), where
        for at, (a, b) in enumerate(zip(stored, live, strict=True)):
            _same(a, b, f"{where}[{at}]")
    elif isinstance(live, np.ndarray):
        assert np.array_equal(stored, live), where
    elif isinstance(live, float) and np.isnan(live):
        assert np.isnan(stored), where
    else:
        assert stored == live, f"{where}: {stored!r} != {live!r}"


def test_every_stored_part_is_what_the_live_pages_draw_at_the_peildatum(known):
    number = publication.publish(known, PEILDATUM, "test", 5)
    view = publication.snapshot_view(PEILDATUM)
    _same(national.stored_national(known, number), national.national_report(known, view), "landelijk")
    codes = [ref.code for ref in region_refs()]
    for code in codes:
        live = region_report(known, view, code)
        _same(region.stored_region(known, number, code), live, code)
    hidden = 0
    for code in codes:
        for year in sorted({view.year, view.cohort}):
            for viewer in publication.PUBLISHERS:
                rule = viewer.suppression(5)
                live = access.live_table(known, code, year, access.moment_for(viewer, PEILDATUM), rule)
                stored = publication.stored_table(known, number, code, year, rule.minimum)
                if live is None:
                    key = snapshots.table_key(code, year, rule.minimum)
                    assert snapshots.stored(known, number, "organisaties", key) == snapshots.WITHHELD
                else:
                    _same(stored, live, f"{code}:{year}:{rule.minimum}")
                    hidden += int((live == "x").to_numpy().sum())
    # The small counts of AM09 are hidden in the table others see: the audit ran on the stored one.
    assert hidden > 0
