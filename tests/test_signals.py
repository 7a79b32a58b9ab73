"""Signals on fixed data: each rule raises exactly the expected signal, and clears when the data changes.

Every test builds its own small region AM09 dataset through the real import path, so the day a
condition starts and stops is known to the day.
"""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.auth.viewer import PUBLIC_VIEWER, Viewer
from dashboard.i18n import use_language
from dashboard.reports.signals import signals_for
from dashboard.rules import signals as rules
from tests.helpers import load, trajectory

D = dt.date
NATIONAL = Viewer("landelijk", "landelijk")
JUNE_30 = D(2026, 6, 30)


def _of(db, day, rule, region="AM09", viewer=NATIONAL):
    return [s for s in signals_for(db, viewer, day) if s.rule == rule and s.region == region]


def _meetings(db, *rows, today=JUNE_30):
    load(
        db,
        "bijeenkomsten",
        [{"regio": "AM09", "soort": kind, "datum": day} for kind, day in rows],
        today=today,
    )


def test_case_discussion_45_days_ago_is_no_signal_46_is_and_a_new_one_clears_it(db):
    load(db, "trajecten", [trajectory("T1", "2026-01-10")], today=D(2026, 1, 31))
    _meetings(db, ("casusbespreking", "2026-06-10"))
    assert _of(db, D(2026, 7, 25), rules.CASES) == []
    [signal] = _of(db, D(2026, 7, 26), rules.CASES)
    assert signal.started == D(2026, 7, 26) and signal.severity == "middel"
    assert signal.key == "casus:AM09:2026-07-26"
    assert signal.link == "/regio/AM09?jaar=2026&peildatum=2026-07-26"
    assert "10 juni 2026, 46 dagen geleden" in str(signal.text)
    # Past twice the limit the rhythm has stopped.
    assert _of(db, D(2026, 9, 9), rules.CASES)[0].severity == "hoog"
    _meetings(db, ("casusbespreking", "2026-08-01"), today=D(2026, 8, 2))
    assert _of(db, D(2026, 8, 2), rules.CASES) == []


def test_a_missing_quarterly_delivery_is_a_signal_the_day_after_the_deadline(db):
    load(db, "trajecten", [trajectory("T1", "2026-01-15", organisatie="GGZ X")], today=D(2026, 2, 1))
    assert _of(db, D(2026, 8, 11), rules.DELIVERY) == []  # the deadline day of K2 is still in time
    [signal] = _of(db, D(2026, 8, 12), rules.DELIVERY)
    assert signal.organisation == "GGZ X" and signal.started == D(2026, 8, 12)
    assert signal.key.startswith("levering:AM09:") and signal.key.endswith(":2026-K2")
    assert signal.link.startswith("/regio/AM09/organisatie/")
    assert "2026-K2" in str(signal.text) and "11 augustus 2026" in str(signal.text)
    # The same signal in English: translated where it is read, quarter and date included.
    with use_language("en"):
        assert str(signal.text) == (
            "GGZ X (AM09) delivered no data for 2026-Q2; the deadline was 11 August 2026. "
            "Without this delivery the region's figures count too low."
        )
    # A region account without the region does not see it; the public sees no signal at all.
    assert _of(db, D(2026, 8, 12), rules.DELIVERY, viewer=Viewer("r", "regio", frozenset({"AM01"}))) == []
    assert signals_for(db, PUBLIC_VIEWER, D(2026, 8, 12)) == []


def test_a_file_by_the_deadline_counts_as_the_quarters_delivery(db):
    load(db, "trajecten", [trajectory("T1", "2026-01-15", organisatie="GGZ X")], today=D(2026, 2, 1))
    # Delivered again on the deadline day, without starts in K2: delivered all the same.
    load(db, "trajecten", [trajectory("T1", "2026-01-15", organisatie="GGZ X")], today=D(2026, 8, 11))
    assert _of(db, D(2026, 8, 12), rules.DELIVERY) == []


def test_two_quarters_missing_is_severe_and_a_delivery_clears_it(db):
    load(db, "trajecten", [trajectory("T1", "2025-11-15", organisatie="GGZ X")], today=D(2025, 12, 1))
    [signal] = _of(db, D(2026, 8, 12), rules.DELIVERY)
    assert signal.severity == "hoog" and signal.started == D(2026, 5, 13)  # K1's deadline + 1
    assert signal.key.endswith(":2026-K1")
    load(db, "trajecten", [trajectory("T2", "2026-05-15", organisatie="GGZ X")], today=D(2026, 8, 20))
    assert _of(db, D(2026, 8, 20), rules.DELIVERY) == []


def _quarters(counts, last_count, organisation="GGZ Y"):
    rows = []
    starts = ["2025-01-15", "2025-04-15", "2025-07-15", "2025-10-15", "2026-01-15"]
    for q, day in enumerate(starts):
        rows += [trajectory(f"Q{q}-{i}", day, organisatie=organisation) for i in range(counts)]
    rows += [trajectory(f"L-{i}", "2026-05-15", organisatie=organisation) for i in range(last_count)]
    return rows


@pytest.mark.parametrize(("last", "signalled"), [(14, False), (15, True), (6, False), (5, True)])
def test_a_quarterly_count_outside_the_mad_band_is_an_anomaly(db, last, signalled):
    # Ten starts in each of five quarters: MAD 0 counts as 1, the band is 10 ± 4.45.
    load(db, "trajecten", _quarters(10, last), today=D(2026, 7, 1))
    found = _of(db, D(2026, 8, 12), rules.ANOMALY)
    assert bool(found) is signalled
    if signalled:
        assert found[0].organisation == "GGZ Y" and found[0].key.endswith(":2026-K2")
        assert "tussen 6 en 14" in str(found[0].text)


def _rows(n, changed=0):
    return [
        trajectory(
            f"R{i}", "2026-04-10", organisatie="GGZ Z", methode="Jobcoaching" if i < changed else "IPS"
        )
        for i in range(n)
    ]


@pytest.mark.parametrize(("changed", "signalled"), [(5, False), (6, True)])
def test_a_redelivery_changing_more_than_a_quarter_of_its_rows_is_a_signal(db, changed, signalled):
    load(db, "trajecten", _rows(20), today=D(2026, 5, 1))
    load(db, "trajecten", _rows(20, changed), today=D(2026, 6, 1))
    found = _of(db, D(2026, 6, 2), rules.REDELIVERY)
    assert bool(found) is signalled
    if signalled:
        assert found[0].started == D(2026, 6, 1) and "30 %" in str(found[0].text)
        # Ninety days later it has run its course.
        assert _of(db, D(2026, 8, 30), rules.REDELIVERY) != []
        assert _of(db, D(2026, 8, 31), rules.REDELIVERY) == []


def _cohort(sustainable, total=10):
    return [
        trajectory(
            f"C{i}",
            "2025-03-01",
            plaatsingsdatum="2025-04-01",
            **({"duurzaam_datum": "2025-10-01"} if i < sustainable else {}),
        )
        for i in range(total)
    ]


@pytest.mark.parametrize(("sustainable", "signalled"), [(4, False), (3, True)])
def test_a_mature_cohort_exactly_on_40_percent_is_no_signal(db, sustainable, signalled):
    load(db, "trajecten", _cohort(sustainable), today=D(2025, 11, 1))
    found = _of(db, D(2026, 7, 1), rules.OUTFLOW)
    assert bool(found) is signalled
    if signalled:
        assert found[0].key == "uitstroom:AM09:2025" and found[0].started == D(2026, 6, 30)
        assert found[0].link == "/regio/AM09?jaar=2026&peildatum=2026-07-01&cohort=2025"
        assert "30 %" in str(found[0].text) and "40 %" in str(found[0].text)


def test_pace_falling_since_the_stuurgroep_is_a_signal_and_clears_when_starts_come_in(db):
    # 25 starts by 31 March is on pace (24.7 asked); by 30 June 49.6 are asked.
    load(db, "trajecten", [trajectory(f"P{i}", "2026-03-01") for i in range(25)], today=D(2026, 3, 20))
    _meetings(db, ("stuurgroep", "2026-03-31"), ("casusbespreking", "2026-06-20"))
    [signal] = _of(db, D(2026, 6, 30), rules.PACE)
    assert signal.key == "tempo:AM09:2026-03-31" and signal.started == D(2026, 4, 1)
    assert signal.severity == "hoog"  # 'op koers' → 'ver achter'
    assert signal.link == "/regio/AM09?jaar=2026&peildatum=2026-06-30&sinds=2026-03-31"
    assert "'op koers' naar 'ver achter'" in str(signal.text)
    load(db, "trajecten", [trajectory(f"P{i}", "2026-05-01") for i in range(25, 50)], today=D(2026, 6, 30))
    assert _of(db, D(2026, 6, 30), rules.PACE) == []


def test_signals_come_most_urgent_first(db):
    load(db, "trajecten", [trajectory("T1", "2025-11-15", organisatie="GGZ X")], today=D(2025, 12, 1))
    found = signals_for(db, NATIONAL, D(2026, 8, 12))
    order = [s.urgency for s in found]
    assert order == sorted(order) and len(set(order)) > 1


def test_a_steering_group_action_past_its_due_date_is_a_signal_until_it_is_done(db):
    from dashboard.data.narrative_checks import ActionInput, NarrativeInput
    from dashboard.data.narratives import save_narrative

    load(db, "trajecten", [trajectory("T1", "2026-05-10")], today=D(2026, 5, 31))
    beheer = Viewer("lex", "beheer")
    action = ActionInput("Werkgevers benaderen in **Doetinchem**", "UWV", D(2026, 6, 15), "open")
    save_narrative(db, beheer, "AM09", "2026-T2", NarrativeInput(actions=(action,)))
    assert _of(db, D(2026, 6, 15), rules.ACTION) == []  # the due day itself is in time
    [signal] = _of(db, D(2026, 6, 16), rules.ACTION)
    assert signal.started == D(2026, 6, 16) and signal.severity == "middel"
    assert "'Werkgevers benaderen in Doetinchem' (UWV) had op 15 juni 2026" in str(signal.text)
    assert _of(db, D(2026, 7, 30), rules.ACTION)[0].severity == "hoog"
    uid = signal.key.split(":")[2]
    done = ActionInput(action.text, "UWV", D(2026, 6, 15), "klaar", uid=uid)
    save_narrative(db, beheer, "AM09", "2026-T2", NarrativeInput(actions=(done,)))
    assert _of(db, D(2026, 6, 20), rules.ACTION) == []
