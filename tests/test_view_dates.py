"""Which day a view's figures stand on, and that nothing delivered after the peildatum shows in it.

Start cohort 2025 in AM09 (GGZ Test), delivered by 30 June 2026:

- P1 started 2025-03-01, placed 05-01, sustainable 2025-11-01;
- P2 started 2025-06-01, placed 08-01, sustainable 2026-02-01 (after the year it started in);
- P3 started 2025-09-01, still running;
- P4 started 2026-02-01 (cohort 2026).

Year 2025 at peildatum 30 June 2026: 3 started (up to 31 December 2025), and of those 2 in
sustainable work by the peildatum (1 by 31 December 2025). The cohort is followed past its year,
so the view names both days.
"""

import datetime as dt

import pandas as pd
import pytest

from callbacks.national import update_national
from callbacks.organisation import update_deliveries, update_organisation, update_organisations
from callbacks.region import update_comparison, update_region
from callbacks.upload import update_delivery
from dashboard.auth.viewer import Viewer
from dashboard.data.cohorts import funnel_by_organisation, organisation_imports
from dashboard.data.organisations import delivery_status
from tests.conftest import PEILDATUM
from tests.helpers import load, signed_in_client, trajectory, viewing_as
from tests.test_callbacks import text_of

PAST_YEAR_LABEL = "31 december 2025 (uitstroom t/m 30 juni 2026)"


def run(app, fn, *args):
    with app.server.app_context():
        return fn(*args)


@pytest.fixture
def cohort_2025(db, make_app):
    rows = [
        trajectory("P1", "2025-03-01", plaatsingsdatum="2025-05-01", duurzaam_datum="2025-11-01"),
        trajectory("P2", "2025-06-01", plaatsingsdatum="2025-08-01", duurzaam_datum="2026-02-01"),
        trajectory("P3", "2025-09-01"),
        trajectory("P4", "2026-02-01"),
    ]
    load(db, "trajecten", rows, today=PEILDATUM)
    # Every count shown: these are a handful of trajectories, and the counts are what is tested.
    return make_app(suppression_minimum=1)


def org_id(db) -> int:
    return int(funnel_by_organisation(db, "AM09", 2025, PEILDATUM)["id"].iloc[0])


def test_national_past_year_names_the_day_outflow_is_counted_to(cohort_2025):
    tiles, heading, _verdict = run(cohort_2025, update_national, "2025", "2026-06-30")
    text = text_of(tiles)
    assert heading == f"Voortgang 2025 · cijfers t/m {PAST_YEAR_LABEL} · voorlopig"
    # Starts end with the year; the cohort's outflow is followed to the peildatum, and says so.
    assert "Trajecten gestart 3 van 3.500" in text
    assert "Cohort 2025: 2 van 3 duurzaam aan het werk" in text
    assert f"Cijfers t/m {PAST_YEAR_LABEL}" in text
    assert "Leerbijeenkomsten" in text and text.count("Cijfers t/m 31 december 2025 ") >= 3
    # At the end of the year itself the same cohort had one in sustainable work, and one date.
    tiles, heading, _verdict = run(cohort_2025, update_national, "2025", "2025-12-31")
    assert heading == "Voortgang 2025 · cijfers t/m 31 december 2025 · voorlopig"
    assert "(1 van 3)" in text_of(tiles) and "uitstroom t/m" not in text_of(tiles)
    # The current year counts everything to the peildatum: one date.
    _tiles, heading, _verdict = run(cohort_2025, update_national, "2026", "2026-06-30")
    assert heading == "Voortgang 2026 · cijfers t/m 30 juni 2026 · voorlopig"


def test_region_page_past_year_names_the_day_outflow_is_counted_to(cohort_2025):
    cards, heading, *_rest = run(cohort_2025, update_region, "2025", "AM09", "2026-06-30", "2025")
    assert heading.endswith(f"voortgang 2025, t/m {PAST_YEAR_LABEL} · voorlopig")
    assert "2 van 3 duurzaam aan het werk" in text_of(cards)
    grid, _figure, _text = run(cohort_2025, update_comparison, "2025", "AM09", "2026-06-30", "2025")
    assert f"Achterhoek vergeleken, 2025 t/m {PAST_YEAR_LABEL}." in text_of(grid)
    _cards, heading, *_rest = run(cohort_2025, update_region, "2026", "AM09", "2026-06-30", "2025")
    assert heading.endswith("voortgang 2026, t/m 30 juni 2026 · voorlopig")


def test_organisation_page_past_year_names_the_day_outflow_is_counted_to(cohort_2025, db):
    tiles, heading, *_rest = run(cohort_2025, update_organisation, "2025", org_id(db), "2026-06-30")
    assert heading == f"Startcohort 2025, cijfers t/m {PAST_YEAR_LABEL}"
    text = text_of(tiles)
    assert "Trajecten gestart 3" in text and "Duurzaam aan het werk 2" in text
    _tiles, heading, *_rest = run(cohort_2025, update_organisation, "2025", org_id(db), "2025-12-31")
    assert heading == "Startcohort 2025, cijfers t/m 31 december 2025"


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("jaar=2025&peildatum=2026-06-30", "organisaties-2025-tm-2025-12-31-peildatum-2026-06-30.csv"),
        (
            "jaar=2025&peildatum=2026-06-30&regio=AM09",
            "organisaties-AM09-2025-tm-2025-12-31-peildatum-2026-06-30.csv",
        ),
        ("jaar=2025&peildatum=2025-12-31", "organisaties-2025-tm-2025-12-31.csv"),
        ("jaar=2026&peildatum=2026-06-30", "organisaties-2026-tm-2026-06-30.csv"),
    ],
)
def test_export_names_say_the_days_its_figures_stand_on(cohort_2025, query, name):
    response = signed_in_client(cohort_2025, "beheer").get(f"/export/organisaties.csv?{query}")
    assert response.status_code == 200
    assert f'filename="{name}"' in response.headers["Content-Disposition"]


def test_export_of_a_past_year_has_the_outflow_its_name_says(cohort_2025):
    client = signed_in_client(cohort_2025, "beheer")
    later = client.get("/export/organisaties.csv?jaar=2025&peildatum=2026-06-30&regio=AM09")
    frame = pd.read_csv(pd.io.common.BytesIO(later.data), sep=";", encoding="utf-8-sig")
    assert frame.loc[0, ["gestart", "duurzaam"]].tolist() == [3, 2]


# Delivery facts at a peildatum: a file that came in after it is not part of that view.
FIRST = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
LATER = dt.datetime(2026, 6, 20, 9, 0, tzinfo=dt.UTC)
BEFORE_LATER = dt.date(2026, 5, 15)


@pytest.fixture
def two_deliveries(db, app):
    load(db, "trajecten", [trajectory("D1", "2026-01-15"), trajectory("D2", "2026-02-15")], at=FIRST)
    load(db, "trajecten", [trajectory("D3", "2026-06-01")], at=LATER)
    return app


def test_last_delivery_respects_the_peildatum(two_deliveries, db):
    day = BEFORE_LATER.isoformat()
    rows, *_rest = run(two_deliveries, update_organisations, "2026", "AM09", day)
    assert rows[0]["laatst_aangeleverd"] == "10 maart 2026"
    tiles, *_rest = run(two_deliveries, update_organisation, "2026", org_id(db), day)
    assert "Laatst aangeleverd 10 maart 2026" in text_of(tiles)
    # At the day the second file came in, it is the last delivery.
    rows, *_rest = run(two_deliveries, update_organisations, "2026", "AM09", "2026-06-30")
    assert rows[0]["laatst_aangeleverd"] == "20 juni 2026"


def test_delivery_status_and_files_respect_the_peildatum(two_deliveries, db):
    frame = delivery_status(db, BEFORE_LATER).set_index("organisatie")
    assert frame.loc["GGZ Test", "2026-K1"] == 2  # two started in the quarter
    # Nothing started in the second quarter by 15 May, and the June file had not come in yet.
    assert frame.loc["GGZ Test", "2026-K2"] == -1
    last = pd.Timestamp(frame.loc["GGZ Test", "laatst_aangeleverd"])
    assert (last.tz_localize("UTC") if last.tzinfo is None else last) == pd.Timestamp(FIRST)
    assert delivery_status(db, PEILDATUM).set_index("organisatie").loc["GGZ Test", "2026-K2"] == 1
    assert len(organisation_imports(db, org_id(db), BEFORE_LATER)) == 1
    assert len(organisation_imports(db, org_id(db), PEILDATUM)) == 2
    text = text_of(run(two_deliveries, update_deliveries, org_id(db), BEFORE_LATER.isoformat()))
    assert "10 maart 2026 10:00" in text and "20 juni 2026" not in text


def test_a_delivery_counts_on_its_day_in_amsterdam(db):
    # 23:30 in Amsterdam on 15 May is still that day; 00:30 on 16 May is not.
    load(
        db, "trajecten", [trajectory("L1", "2026-01-15")], at=dt.datetime(2026, 5, 15, 21, 30, tzinfo=dt.UTC)
    )
    load(
        db, "trajecten", [trajectory("L2", "2026-01-16")], at=dt.datetime(2026, 5, 15, 22, 30, tzinfo=dt.UTC)
    )
    last = pd.Timestamp(delivery_status(db, BEFORE_LATER).loc[0, "laatst_aangeleverd"])
    last = last.tz_localize("UTC") if last.tzinfo is None else last
    assert last == pd.Timestamp("2026-05-15 21:30", tz="UTC")


def test_data_page_names_no_delivery_after_the_peildatum(db, app):
    load(db, "trajecten", [trajectory("D1", "2026-01-15")], at=FIRST)
    # Started before the peildatum (30 June), but its file came in on 10 July.
    late = [trajectory("D2", "2026-01-20", organisatie="GGZ Laat")]
    load(db, "trajecten", late, at=dt.datetime(2026, 7, 10, 9, 0, tzinfo=dt.UTC))
    with viewing_as(app, Viewer("beheerder", "beheer")):
        text = text_of(update_delivery("AM09"))
    assert "10 maart 2026" in text and "10 juli 2026" not in text
    assert "GGZ Laat GGZ – – – – – – geleverd geen levering geen gegevens" in text
