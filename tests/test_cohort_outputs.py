"""Outflow cohort, rank, targets and *geen gegevens* the same in the page, its exports and the pack.

A hand-made dataset, peildatum 30 June 2026: cohort 2025 is mature on that day (six months after
its last possible start), cohort 2026 is not, so the page holds cohort 2025 against the goal.

- AM09 (Achterhoek), GGZ A: cohort 2025 four starts, two sustainable (50 %); cohort 2026 four
  starts, three sustainable. UWV B: one start in 2026, nothing in 2025. So AM09's cohort 2026 is
  5 started, 3 sustainable (60 %). AM09 agreed on an outflow goal of 50 % for 2026. It held a
  case discussion and a learning session in 2026.
- AM01 (Groningen), GGZ Noord: cohort 2025 four starts, three sustainable (75 %); cohort 2026
  two starts, one sustainable (50 %). No meetings ever: *geen gegevens*.
- AM02 (Friesland), GGZ Fries: cohort 2025 two starts, none sustainable (0 %); nothing in 2026.
- AM03 (Drenthe), GGZ Drents: one start in 2026 only, so no cohort 2025 at all.

Cohort 2025 ranks AM01 1, AM09 2, AM02 3 of 3; cohort 2026 would rank AM09 1, AM01 2, AM03 3.
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
import pytest

from callbacks.meeting_pack import meeting_pack
from callbacks.organisation import update_organisation, update_organisations
from callbacks.region import update_comparison, update_region
from dashboard.data.cohorts import funnel_by_organisation
from layouts.presentation import parse_show
from tests.conftest import PEILDATUM
from tests.helpers import load, signed_in_client, trajectory
from tests.test_callbacks import text_of

QUERY = "jaar=2026&peildatum=2026-06-30"


def _cohort(prefix: str, region: str, organisation: str, year: int, started: int, sustainable: int):
    rows = []
    for n in range(started):
        start = f"{year}-0{n + 1}-10"
        extra = {}
        if n < sustainable:
            lasting = "2025-12-15" if year == 2025 else "2026-06-01"
            extra = {"plaatsingsdatum": f"{year}-0{n + 1}-20", "duurzaam_datum": lasting}
        rows.append(trajectory(f"{prefix}{year}-{n}", start, regio=region, organisatie=organisation, **extra))
    return rows


@pytest.fixture
def cohorts(db):
    rows = [
        *_cohort("A", "AM09", "GGZ A", 2025, 4, 2),
        *_cohort("A", "AM09", "GGZ A", 2026, 4, 3),
        *_cohort("B", "AM09", "UWV B", 2026, 1, 0),
        *_cohort("N", "AM01", "GGZ Noord", 2025, 4, 3),
        *_cohort("N", "AM01", "GGZ Noord", 2026, 2, 1),
        *_cohort("F", "AM02", "GGZ Fries", 2025, 2, 0),
        *_cohort("D", "AM03", "GGZ Drents", 2026, 1, 0),
    ]
    load(db, "trajecten", rows, today=PEILDATUM)
    meetings = [
        {"regio": "AM09", "soort": "casusbespreking", "datum": "2026-02-01"},
        {"regio": "AM09", "soort": "leerbijeenkomst", "datum": "2026-03-05"},
    ]
    load(db, "bijeenkomsten", meetings, today=PEILDATUM)
    goal = {"regio": "AM09", "jaar": "2026", "trajecten": "100", "duurzaam_pct": "50"}
    load(db, "doelen", [goal | {"leerbijeenkomsten": "3", "casusbesprekingen": "10"}], today=PEILDATUM)
    return db


@pytest.fixture
def cohort_app(cohorts, make_app):
    return make_app(suppression_minimum=1)  # no suppression: the hand-made numbers are checked as they are


def run(app: Any, fn: Any, *args: Any) -> Any:
    with app.server.app_context():
        return fn(*args)


def csv_frame(response: Any) -> pd.DataFrame:
    assert response.status_code == 200
    return pd.read_csv(
        io.BytesIO(response.data), sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False
    )


def num(cell: str) -> float:
    """A number as an export writes it (decimal point or comma)."""
    return float(cell.replace(",", "."))


def table_rows(component: Any) -> dict[str, list[str]]:
    """The body rows of a ``layouts.tables.table``, keyed by their first cell."""
    body = component.children.children[2].children
    rows = [[text_of(cell) for cell in row.children] for row in body]
    return {row[0]: row[1:] for row in rows}


def page_outflow(app: Any, code: str, cohort: str | None = None) -> list[str]:
    """The outflow row of the region page's comparison: label, region, national, median, similar, rank."""
    grid, _figure, _text = run(app, update_comparison, "2026", code, "2026-06-30", cohort)
    # One StaticHtml holding the comparison, then the comparable regions' own values.
    compared = grid.children.children[0]
    return next([label, *cells] for label, cells in table_rows(compared).items() if "uitstroom" in label)


def pack_outflow(app: Any, code: str) -> list[str]:
    """The outflow row of the region's comparison table in the meeting pack."""
    with app.server.app_context():
        _info, sections = meeting_pack(
            parse_show({"jaar": "2026", "peildatum": "2026-06-30", "regios": code})
        )
    region = next(s for s in sections if s.title.startswith("Regio "))
    compared = next(t for t in region.tables if t.caption.endswith("vergeleken"))
    return next(row for row in compared.rows if "uitstroom" in row[0])


def export_rank(frame: pd.DataFrame, code: str) -> str:
    # 1 = highest outflow among the regions with a value; ties share the best place.
    values = frame.loc[frame["duurzaam_pct"] != "", ["code", "duurzaam_pct"]]
    values = values.assign(pct=values["duurzaam_pct"].map(num)).set_index("code")
    place = int(values["pct"].rank(ascending=False, method="min")[code])
    return f"{place} van {len(values)}"


# --- 1. the region export ---------------------------------------------------------------------


def test_region_export_gives_the_outflow_of_the_cohort_the_map_shows_with_cohort_and_status(cohort_app):
    frame = csv_frame(signed_in_client(cohort_app).get(f"/export/regios.csv?{QUERY}")).set_index("code")
    assert frame.loc["AM09", "startcohort"] == "2025" and frame.loc["AM01", "startcohort"] == "2025"
    assert num(frame.loc["AM09", "duurzaam_pct"]) == 50
    assert num(frame.loc["AM01", "duurzaam_pct"]) == 75
    assert frame.loc["AM09", "status_duurzaam"] == "op of boven doel"
    assert frame.loc["AM02", "status_duurzaam"] == "onder doel"
    # The year's own figures stay those of 2026: five starts in AM09.
    assert num(frame.loc["AM09", "gestart"]) == 5


def test_region_page_export_follows_the_cohort_chosen_on_the_page(cohort_app):
    _cards, _heading, links, *_rest = run(cohort_app, update_region, "2026", "AM09", "2026-06-30", None, "")
    assert links.children[2].href == f"/export/regios.csv?{QUERY}&regio=AM09&cohort=2025"
    client = signed_in_client(cohort_app)
    mature = csv_frame(client.get(links.children[2].href))
    assert list(mature["code"]) == ["AM09"] and mature.loc[0, "startcohort"] == "2025"
    # The immature cohort chosen on purpose: its outflow, flagged as such.
    _cards, _heading, chosen, *_rest = run(
        cohort_app, update_region, "2026", "AM09", "2026-06-30", "2026", ""
    )
    immature = csv_frame(client.get(chosen.children[2].href))
    assert immature.loc[0, "startcohort"] == "2026"
    assert num(immature.loc[0, "duurzaam_pct"]) == 60
    assert immature.loc[0, "status_duurzaam"] == "nog niet uitontwikkeld"


# --- 2. the meeting pack ----------------------------------------------------------------------


def test_pack_comparison_uses_the_cohort_and_rank_of_the_page(cohort_app):
    row = pack_outflow(cohort_app, "AM09")
    # Comparable regions (same target): AM03 (no 2025 starts), AM02 (0 %) and AM01 (75 %): 38 %.
    assert row == [
        "Duurzame uitstroom % (cohort 2025)",
        "50 %",
        "50 % (landelijk totaal)",
        "50 %",
        "38 %",
        "2 van 3",
    ]


@pytest.mark.browser  # kaleido draws the pack's figures in Chromium
def test_pack_pdf_prints_the_outflow_of_the_page_cohort(cohort_app):
    from pypdf import PdfReader

    pdf = signed_in_client(cohort_app).get(f"/vergaderstuk.pdf?{QUERY}&regios=AM09")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Duurzame uitstroom % (cohort 2025)" in text and "2 van 3" in text


# --- all outputs agree ------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "pct", "rank"), [("AM09", "50 %", "2 van 3"), ("AM01", "75 %", "1 van 3")])
def test_page_export_and_pack_agree_on_outflow_cohort_and_rank(cohort_app, code, pct, rank):
    page = page_outflow(cohort_app, code)
    pack = pack_outflow(cohort_app, code)
    everyone = csv_frame(signed_in_client(cohort_app).get(f"/export/regios.csv?{QUERY}"))
    own = everyone.set_index("code").loc[code]
    assert page[0] == pack[0] == "Duurzame uitstroom % (cohort 2025)" and own["startcohort"] == "2025"
    assert page[1] == pack[1] == pct
    assert f"{round(num(own['duurzaam_pct']))} %" == pct
    assert page[-1] == pack[-1] == export_rank(everyone, code) == rank


# --- 3. the organisations grid ----------------------------------------------------------------


def test_organisations_grid_shows_the_outflow_of_the_page_cohort_and_names_it(cohort_app):
    from callbacks.organisation import mount_organisations  # the grid, with the cohort's title

    rows, links, _options = run(cohort_app, update_organisations, "2026", "AM09", "2026-06-30", None)
    by_name = {row["organisatie"]: row for row in rows}
    # Started and sustainable stay the year's counts; the percentage is that of cohort 2025.
    assert by_name["GGZ A"]["gestart"] == 4 and by_name["GGZ A"]["duurzaam"] == 3
    assert by_name["GGZ A"]["duurzaam_pct"] == 50
    assert by_name["UWV B"]["duurzaam_pct"] is None  # no cohort 2025: no data, not zero
    grid = run(cohort_app, mount_organisations, True, "2026", "AM09", "2026-06-30", None)[0]
    assert grid.rowData == rows
    columns = grid.columnDefs
    assert next(c["headerName"] for c in columns if c["field"] == "duurzaam_pct") == "Uitstroom % cohort 2025"
    # The grid's download writes the same percentage and names the cohort.
    export = csv_frame(signed_in_client(cohort_app).get(links.children[2].href)).set_index("organisatie")
    assert export.loc["GGZ A", "startcohort"] == "2025" and num(export.loc["GGZ A", "duurzaam_pct"]) == 50
    assert export.loc["UWV B", "duurzaam_pct"] == ""
    # The immature cohort chosen on purpose: its outflow, flagged in the title.
    rows, _links, _options = run(cohort_app, update_organisations, "2026", "AM09", "2026-06-30", "2026")
    assert {r["organisatie"]: r["duurzaam_pct"] for r in rows}["GGZ A"] == 75
    columns = run(cohort_app, mount_organisations, True, "2026", "AM09", "2026-06-30", "2026")[0].columnDefs
    title = next(c["headerName"] for c in columns if c["field"] == "duurzaam_pct")
    assert title == "Uitstroom % cohort 2026 (nog niet uitontwikkeld)"


# --- 4. the organisation tile's goal ----------------------------------------------------------


def test_organisation_tile_holds_the_region_goal(cohort_app, cohorts):
    frame = funnel_by_organisation(cohorts, "AM09", 2026, PEILDATUM)
    ggz = int(frame.loc[frame["organisatie"] == "GGZ A", "id"].iloc[0])
    tiles, *_rest = run(cohort_app, update_organisation, "2026", ggz, "2026-06-30")
    assert "doel 50 % (nog niet uitontwikkeld)" in text_of(tiles)
    frame = funnel_by_organisation(cohorts, "AM01", 2026, PEILDATUM)
    noord = int(frame["id"].iloc[0])
    tiles, *_rest = run(cohort_app, update_organisation, "2025", noord, "2026-06-30")
    assert "Duurzame uitstroom 75 % doel 40 %" in text_of(tiles)  # no agreed goal: the covenant's


# --- 5. geen gegevens, never 0 ----------------------------------------------------------------


def test_region_export_leaves_no_data_empty_with_its_status_instead_of_zero(cohort_app):
    client = signed_in_client(cohort_app)
    regions = csv_frame(client.get(f"/export/regios.csv?{QUERY}")).set_index("code")
    # AM03 started in 2026 but has no cohort 2025; AM05 has nothing at all.
    assert num(regions.loc["AM03", "gestart"]) == 1
    assert regions.loc["AM03", ["duurzaam", "duurzaam_pct", "status_duurzaam"]].tolist() == [
        "",
        "",
        "geen gegevens",
    ]
    assert regions.loc["AM05", ["gestart", "duurzaam", "status", "status_duurzaam"]].tolist() == [
        "",
        "",
        "geen gegevens",
        "geen gegevens",
    ]
    assert regions.loc["AM01", ["leerbijeenkomsten", "casusbesprekingen"]].tolist() == ["", ""]
    assert regions.loc["AM01", ["status_leerbijeenkomsten", "status_casusbesprekingen"]].tolist() == [
        "geen gegevens",
        "geen gegevens",
    ]
    assert num(regions.loc["AM09", "casusbesprekingen"]) == 1
    assert regions.loc["AM09", "status_casusbesprekingen"] == "ver achter"


def test_meetings_export_leaves_a_region_without_meetings_empty_with_its_status(cohort_app):
    meetings = csv_frame(signed_in_client(cohort_app).get(f"/export/bijeenkomsten.csv?{QUERY}")).set_index(
        "code"
    )
    assert meetings.loc["AM01", ["leerbijeenkomsten", "casusbesprekingen"]].tolist() == ["", ""]
    assert meetings.loc["AM01", ["status_leerbijeenkomsten", "status_casusbesprekingen"]].tolist() == [
        "geen gegevens",
        "geen gegevens",
    ]
    assert meetings.loc["AM09", ["leerbijeenkomsten", "casusbesprekingen"]].tolist() == ["1", "1"]
    assert meetings.loc["AM09", "status_leerbijeenkomsten"] == "ver achter"
