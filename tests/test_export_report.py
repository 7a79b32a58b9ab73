"""The region and meeting exports write the national report's figures, and refuse a URL they cannot use.

The region export is what people take into the steering group beside the map and the ranking:
its outflow, cohort, status and rank must be the report's, cell for cell, for every region.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pandas as pd
import pytest

from dashboard.infra.runtime import runtime
from dashboard.reports.national import NationalReport, national_report
from dashboard.reports.view import View
from dashboard.text.rounding import rounded
from tests.conftest import PEILDATUM
from tests.helpers import load, signed_in_client, trajectory

QUERY = "jaar=2026&peildatum=2026-06-30"


def csv_frame(response: Any) -> pd.DataFrame:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    frame = pd.read_csv(
        io.BytesIO(response.data), sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False
    )
    return frame.set_index("code")


def report_of(app: Any, query: dict[str, str]) -> NationalReport:
    with app.server.app_context():
        return national_report(runtime().db, View.parse(query, PEILDATUM))


def written(value: float | None) -> str:
    """A percentage as the CSV writes it: one decimal, halves away from zero, a decimal comma."""
    return "" if value is None else str(float(rounded(value, 1))).replace(".", ",")


def _cohort(region: str, year: int, started: int, sustainable: int) -> list[dict[str, str]]:
    rows = []
    for n in range(started):
        extra = {}
        if n < sustainable:
            lasting = "2025-12-15" if year == 2025 else "2026-06-01"
            extra = {"plaatsingsdatum": f"{year}-0{n + 1}-20", "duurzaam_datum": lasting}
        rows.append(trajectory(f"{region}-{year}-{n}", f"{year}-0{n + 1}-10", regio=region, **extra))
    return rows


@pytest.fixture
def ranked_app(db, make_app):
    """Peildatum 30 June 2026: cohort 2025 is mature, 2026 is not.

    Cohort 2025: AM01 3 of 4 (75 %), AM09 2 of 4 (50 %), AM02 0 of 2; AM03 started only in 2026.
    Cohort 2026: AM09 3 of 5 (60 %), AM01 1 of 2 (50 %), AM03 0 of 1. AM09 held one case
    discussion, on 1 February 2026; AM01 none ever.
    """
    rows = [
        *_cohort("AM01", 2025, 4, 3),
        *_cohort("AM09", 2025, 4, 2),
        *_cohort("AM02", 2025, 2, 0),
        *_cohort("AM09", 2026, 5, 3),
        *_cohort("AM01", 2026, 2, 1),
        *_cohort("AM03", 2026, 1, 0),
    ]
    load(db, "trajecten", rows, today=PEILDATUM)
    meeting = {"regio": "AM09", "soort": "casusbespreking", "datum": "2026-02-01"}
    load(db, "bijeenkomsten", [meeting], today=PEILDATUM)
    return make_app(suppression_minimum=1)


@pytest.fixture
def demo_app(db, make_app):
    from dashboard.importing.demo import load_demo

    load_demo(db, 2021, PEILDATUM, 25_000_000)
    return make_app()


@pytest.mark.parametrize(
    "query",
    [
        {"jaar": "2026", "peildatum": "2026-06-30"},  # cohort 2025, mature, stands in for 2026
        {"jaar": "2026", "peildatum": "2026-06-30", "cohort": "2026"},  # immature, chosen on purpose
        {"jaar": "2025", "peildatum": "2025-12-31"},  # a past year on its own last day
    ],
)
def test_region_export_and_national_report_agree_for_every_region(demo_app, query):
    report = report_of(demo_app, query)
    frame = csv_frame(signed_in_client(demo_app).get("/export/regios.csv", query_string=query))
    assert list(frame.index) == [s.code for s in report.standings] and len(frame) == 35
    for standing in report.standings:
        row = frame.loc[standing.code]
        outflow = standing.outflow
        rank = "" if outflow.rank is None else str(outflow.rank.place)
        assert (row["duurzaam_pct"], row["startcohort"], row["status_duurzaam"], row["rang_duurzaam"]) == (
            written(outflow.pct),
            str(outflow.cohort.year),
            outflow.status,
            rank,
        ), standing.code
    # The demo data gives every region an outflow: a rank for each, and a spread of places once
    # the cohort had time to work (the immature cohort 2026 is still at 0 % everywhere).
    assert {r.outflow.rank.total for r in report.standings if r.outflow.rank} == {35}
    if report.cohort.mature:
        assert len({r.outflow.rank.place for r in report.standings if r.outflow.rank}) > 20


def test_region_export_names_the_place_the_ranking_gives_and_none_without_outflow(ranked_app):
    # Cohort 2025 (the map's): AM01 75 %, AM09 50 %, AM02 0 %; AM03 has no cohort 2025 at all.
    frame = csv_frame(signed_in_client(ranked_app).get(f"/export/regios.csv?{QUERY}"))
    assert frame.loc[["AM01", "AM09", "AM02", "AM03"], "rang_duurzaam"].tolist() == ["1", "2", "3", ""]
    # The immature cohort 2026 chosen on the region page ranks on its own figures: AM09 60 % first.
    chosen = csv_frame(signed_in_client(ranked_app).get(f"/export/regios.csv?{QUERY}&cohort=2026"))
    assert chosen.loc[["AM09", "AM01", "AM03"], "rang_duurzaam"].tolist() == ["1", "2", "3"]


def test_meetings_export_gives_the_last_case_discussion_up_to_the_day_the_figures_stand_on(ranked_app):
    client = signed_in_client(ranked_app)
    now = csv_frame(client.get(f"/export/bijeenkomsten.csv?{QUERY}"))
    assert now.loc["AM09", "laatste_casusbespreking"] == "2026-02-01"
    assert now.loc["AM01", "laatste_casusbespreking"] == ""  # never held one: empty, no date
    assert report_of(ranked_app, {"jaar": "2026"}).standing("AM09").last_case_discussion == dt.date(
        2026, 2, 1
    )
    # 2025 counts up to 31 December 2025, before AM09's case discussion of February 2026.
    past = csv_frame(client.get("/export/bijeenkomsten.csv?jaar=2025&peildatum=2026-06-30"))
    assert past.loc["AM09", "laatste_casusbespreking"] == ""
    earlier = csv_frame(client.get("/export/bijeenkomsten.csv?jaar=2026&peildatum=2026-01-31"))
    assert earlier.loc["AM09", "laatste_casusbespreking"] == ""


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("jaar=2026&peildatum=morgen", "De peildatum 'morgen' is geen datum."),
        ("jaar=2026&peildatum=2026-02-30", "De peildatum '2026-02-30' is geen datum."),
        ("jaar=1999&peildatum=2026-06-30", "Het jaar '1999' kan niet: kies 2021 t/m 2026."),
        ("jaar=2026&regio=AM99", "'AM99' is geen arbeidsmarktregio."),
    ],
)
@pytest.mark.parametrize("kind", ["regios.csv", "bijeenkomsten.xlsx", "trend.csv"])
def test_export_with_an_unusable_value_gives_a_dutch_400_and_no_file(app, kind, query, reason):
    response = signed_in_client(app).get(f"/export/{kind}?{query}")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and response.mimetype == "text/html"
    assert "Content-Disposition" not in response.headers
    assert "<h1>Geen bestand gemaakt</h1>" in page and reason.replace("'", "&#x27;") in page
    assert "Traceback" not in page


def test_export_refusal_speaks_english_on_an_english_page(app):
    page = signed_in_client(app).get("/export/regios.csv?peildatum=gisteren&lang=en").get_data(as_text=True)
    assert "<h1>No file made</h1>" in page and "lang='en'" in page
    assert "The reference date &#x27;gisteren&#x27; is not a date." in page


def test_export_keeps_the_values_a_page_writes(app):
    # "geen" marks no region (the whole country), an empty peildatum is the latest day, a later
    # peildatum is held at the latest day: all usable, so the file is made.
    client = signed_in_client(app)
    for query in ("regio=geen", "peildatum=", "peildatum=2030-01-01", "jaar=2026&cohort=2026"):
        response = client.get(f"/export/regios.csv?{query}")
        assert response.status_code == 200, query
        assert "regios-2026-tm-2026-06-30" in response.headers["Content-Disposition"]


def test_a_region_in_the_url_of_a_national_table_gives_the_whole_table(app):
    # The trend has no rows per region: the file is the national trend, named without a region.
    response = signed_in_client(app).get(f"/export/trend.csv?{QUERY}&regio=AM09")
    assert response.status_code == 200
    assert 'filename="trend-2026-tm-2026-06-30.csv"' in response.headers["Content-Disposition"]
    assert response.get_data(as_text=True).lstrip("\ufeff").startswith("jaar;")
