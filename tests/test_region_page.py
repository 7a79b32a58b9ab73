"""Region and organisation level against a small hand-made dataset whose answers are known.

AM09 (Achterhoek), peildatum 30 June 2026:

- GGZ A: T1 referred 2025-12-20, started 2026-01-10, placed 2026-02-01 (IPS, UWV), still running;
  T2 started 2026-02-10 without referral date, dropped out 2026-03-01 (Jobcoaching, Gemeente);
  T3 referred 2026-01-01, started 01-02, placed 01-03, sustainable and ended 06-03 (IPS, UWV).
- UWV B: T5 referred 2026-03-01, started 2026-04-01 (WaBZ, no funding stream), running;
  T6 started 2025-05-01, placed 2025-06-01, sustainable 2025-12-15 (cohort 2025).
- Gemeente C: only named at a meeting, no trajectories: *geen gegevens*, never zeros.
- AM01 (Groningen), GGZ Noord: four starts in 2026, one of them sustainable.

So cohort 2026 in AM09: referred 3 (T1, T3, T5), started 4, placed 2, sustainable 1, running 2
(T1, T5), ended without sustainable work 1 (T2), one start without referral date; nationally 8
started. GGZ A has 3 of the region's 4 starts (75 %), outflow 1 of 3.
"""

import datetime as dt

import pytest
from dash import html, no_update

from callbacks.organisation import (
    organisation_link,
    update_deliveries,
    update_organisation,
    update_organisation_figures,
    update_organisations,
)
from callbacks.region import update_comparison, update_funnels, update_mix, update_region
from dashboard.data.cohorts import funnel_by_organisation, method_mix, organisation_ref
from dashboard.data.progress import monthly_starts
from dashboard.infra.runtime import runtime
from dashboard.reports.region import cohort_funnel
from layouts.pages import organisation_page, region_page
from tests.conftest import PEILDATUM
from tests.helpers import signed_in_client
from tests.test_callbacks import text_of


def funnel_counts(*args):
    # The funnel of a start cohort as the region report reads it.
    return cohort_funnel(runtime().db, *args)


def run(app, fn, *args):
    with app.server.app_context():
        return fn(*args)


def org_id(db, name: str) -> int:
    frame = funnel_by_organisation(db, "AM09", 2026, PEILDATUM)
    return int(frame.loc[frame["organisatie"] == name, "id"].iloc[0])


def test_region_funnel_counts_each_step_once(known, region_app):
    counts = run(region_app, funnel_counts, 2026, PEILDATUM, "AM09")
    assert counts == {
        "aangemeld": 3,
        "gestart": 4,
        "geplaatst": 2,
        "duurzaam": 1,
        "lopend": 2,
        "uitgevallen": 1,
        "zonder_aanmelding": 1,
    }
    national = run(region_app, funnel_counts, 2026, PEILDATUM)
    assert national["gestart"] == 8 and national["duurzaam"] == 2
    # The 2025 cohort keeps maturing after its year: sustainable only counts from 15 December.
    assert run(region_app, funnel_counts, 2025, PEILDATUM, "AM09")["duurzaam"] == 1
    assert run(region_app, funnel_counts, 2025, dt.date(2025, 9, 30), "AM09")["duurzaam"] == 0
    assert run(region_app, funnel_counts, 2026, PEILDATUM, "AM02") is None


def test_organisations_add_up_to_the_region_and_silence_is_not_zero(known):
    frame = funnel_by_organisation(known, "AM09", 2026, PEILDATUM).set_index("organisatie")
    assert set(frame.index) == {"Gemeente C", "GGZ A", "UWV B"}
    assert frame.loc["GGZ A", ["gestart", "geplaatst", "duurzaam", "uitgevallen"]].tolist() == [3, 2, 1, 1]
    assert frame.loc["UWV B", ["gestart", "lopend"]].tolist() == [1, 1]
    assert not frame.loc["Gemeente C", "geleverd"] and frame.loc["GGZ A", "geleverd"]
    assert int(frame["gestart"].sum()) == 4


def test_method_mix_and_monthly_starts(known):
    mix = method_mix(known, 2026, PEILDATUM, region="AM09")
    got = {
        (r.methode, r.financiering if isinstance(r.financiering, str) else None): (r.gestart, r.duurzaam)
        for r in mix.itertuples()
    }
    assert got == {("IPS", "UWV"): (2, 1), ("Jobcoaching", "Gemeente"): (1, 0), ("WaBZ", None): (1, 0)}
    monthly = monthly_starts(known, 2025, PEILDATUM, region="AM09")
    assert [tuple(r) for r in monthly.itertuples(index=False)] == [
        (2025, 5, 1),
        (2026, 1, 2),
        (2026, 2, 1),
        (2026, 4, 1),
    ]
    one = monthly_starts(known, 2026, PEILDATUM, organisation=org_id(known, "UWV B"))
    assert [tuple(r) for r in one.itertuples(index=False)] == [(2026, 4, 1)]


def test_region_gauges_heading_and_url(region_app):
    cards, heading, _links, trail, query = run(
        region_app, update_region, "2026", "AM09", "2026-06-30", "2026"
    )
    text = text_of(cards)
    assert "4 van 100" in text
    assert "Duurzame uitstroom, cohort 2026" in text and "1 van 4 duurzaam aan het werk" in text
    assert "nog niet uitontwikkeld" in text
    # Two case discussions of ten by 30 June, the last on 10 June: behind, but not overdue.
    assert "2 van 10" in text and "achterstallig" not in text and "laatste: 10 juni 2026" in text
    assert "1 van 3" in text
    assert heading.endswith("t/m 30 juni 2026 · voorlopig")
    assert query == "?jaar=2026&peildatum=2026-06-30&cohort=2026"
    assert trail.children.children[0].children.href == "/?jaar=2026&peildatum=2026-06-30"
    # On 1 May the last case discussion (1 February) is more than 45 days ago.
    cards, *_rest = run(region_app, update_region, "2026", "AM09", "2026-05-01", "2025")
    assert "achterstallig" in text_of(cards)
    # The default cohort is the newest mature one: 2025 at 30 June 2026.
    *_rest, query = run(region_app, update_region, "2026", "AM09", "2026-06-30", None, "?jaar=2025")
    assert query == "?jaar=2026&peildatum=2026-06-30&cohort=2025"
    # An address that already shows the view is not written again (Back keeps working).
    *_rest, query = run(region_app, update_region, "2026", "AM09", "2026-06-30", "2025", "?jaar=2026")
    assert query is no_update


def test_region_without_data_says_so(region_app):
    cards, *_rest = run(region_app, update_region, "2026", "AM02", "2026-06-30", "2026")
    text = text_of(cards)
    assert text.count("geen gegevens") >= 3 and "0 van 100" not in text and "ver achter" not in text


def test_funnels_side_by_side_and_their_text(region_app):
    region, national, text, links = run(region_app, update_funnels, "2026", "AM09", "2026-06-30", "2026")
    assert links.children[2].href == "/export/trechter.csv?jaar=2026&peildatum=2026-06-30&regio=AM09"
    steps = dict(zip(region.data[0].y, region.data[0].x, strict=True))
    assert steps == {"Aangemeld": 3, "Gestart": 4, "Geplaatst (betaald werk)": 2, "Duurzaam aan het werk": 1}
    beside = dict(zip(region.data[1].y, region.data[1].x, strict=True))
    assert beside == {"Nog lopend": 2, "Gestopt zonder duurzaam werk": 1}
    assert national.data[0].x[1] == 8
    assert "4 gestart, 2 geplaatst en 1 duurzaam aan het werk (25 %)" in text
    assert "1 gestarte trajecten hebben geen aanmelddatum" in text and "nog niet uitontwikkeld" in text


def test_mix_table_has_the_same_numbers(region_app):
    _figure, tables, _links = run(region_app, update_mix, "2026", "AM09", "2026-06-30", "2026")
    text = text_of(tables)
    assert "IPS 2 1 50 %" in text and "WaBZ 1 0 0 %" in text and "Onbekend 1 25 %" in text


def test_comparison_uses_the_chosen_cohort_for_outflow(region_app):
    grid, figure, text = run(region_app, update_comparison, "2026", "AM09", "2026-06-30", "2026")
    table_text = text_of(grid)
    assert "Duurzame uitstroom % (cohort 2026)" in table_text
    assert "Trajecten gestart 4" in table_text
    assert "Achterhoek: 25 %" in text


def test_organisations_grid_and_drill_down_links(known, region_app):
    rows, links, options = run(region_app, update_organisations, "2026", "AM09", "2026-06-30")
    by_name = {row["organisatie"]: row for row in rows}
    assert by_name["GGZ A"]["gestart"] == 3 and by_name["GGZ A"]["aandeel_pct"] == 75
    # Outflow of the page's start cohort, 2025 by default: GGZ A has no trajectory in it, and UWV B's
    # one (T6) is not published as a percentage.
    assert by_name["GGZ A"]["duurzaam_pct"] is None and by_name["UWV B"]["duurzaam_pct"] is None
    chosen = run(region_app, update_organisations, "2026", "AM09", "2026-06-30", "2026")[0]
    assert {row["organisatie"]: row for row in chosen}["GGZ A"]["duurzaam_pct"] == pytest.approx(100 / 3)
    assert (
        by_name["Gemeente C"]["gestart"] is None
        and by_name["Gemeente C"]["laatst_aangeleverd"] == "geen gegevens"
    )
    assert (
        links.children[2].href
        == "/export/organisaties.csv?jaar=2026&peildatum=2026-06-30&regio=AM09&cohort=2025"
    )
    ggz = org_id(known, "GGZ A")
    assert {"label": "GGZ A", "value": str(ggz)} in options
    # A click on a row opens the address the row carries (in the browser: assets/navigation.js).
    url = by_name["GGZ A"]["adres"]
    assert url == f"/regio/AM09/organisatie/{ggz}?jaar=2026&peildatum=2026-06-30"
    link = run(region_app, organisation_link, str(ggz), "AM09", "2026", "2026-06-30")
    assert link.href == url and link.children == "Open GGZ A"
    # An organisation of another region is not reachable under this one.
    noord = int(funnel_by_organisation(known, "AM01", 2026, PEILDATUM)["id"].iloc[0])
    assert run(region_app, organisation_link, str(noord), "AM09", "2026", "2026-06-30") is None


def test_organisation_page_agrees_with_the_region(known, region_app):
    ggz = org_id(known, "GGZ A")
    tiles, heading, trail, query = run(
        region_app, update_organisation, "2026", ggz, "2026-06-30", "?jaar=2025"
    )
    text = text_of(tiles)
    assert "Trajecten gestart 3" in text and "Geplaatst 2" in text and "Duurzaam aan het werk 1" in text
    assert "Duurzame uitstroom 33 %" in text and "Aandeel in de regio 75 %" in text
    assert run(region_app, update_organisation, "2026", ggz, "2026-06-30", "")[3] is no_update
    labels = [
        item.children if isinstance(item.children, str) else item.children.children
        for item in trail.children.children
    ]
    assert labels == ["Nederland", "Achterhoek", "GGZ A"] and query == "?jaar=2026&peildatum=2026-06-30"
    funnel, summary, monthly, _mix, _tables = run(
        region_app, update_organisation_figures, "2026", ggz, "2026-06-30"
    )
    assert list(funnel.data[0].x) == [2, 3, 2, 1]
    assert [t.name for t in monthly.data] == ["2026"]  # no goal line for an organisation
    deliveries = text_of(run(region_app, update_deliveries, ggz, "2026-06-30"))
    assert "test-trajecten.csv" in deliveries and "geleverd" in deliveries


def test_organisation_without_data_shows_no_zeros(known, region_app):
    silent = org_id(known, "Gemeente C")
    tiles, *_rest = run(region_app, update_organisation, "2026", silent, "2026-06-30")
    assert "geen gegevens" in text_of(tiles) and " 0 " not in f" {text_of(tiles)} "
    funnel, summary, *_rest = run(region_app, update_organisation_figures, "2026", silent, "2026-06-30")
    assert funnel.layout.annotations[0].text == "geen gegevens"
    assert "geen gegevens" in text_of(run(region_app, update_deliveries, silent, "2026-06-30"))


def test_unknown_region_or_organisation_gives_a_friendly_page(known, region_app):
    ggz = org_id(known, "GGZ A")
    with region_app.server.app_context():
        shown = organisation_page(code="AM09", org=str(ggz))
        assert [c.children for c in shown.children if isinstance(c, html.H1)] == ["GGZ A"]
        for code, org in [("AM01", str(ggz)), ("AM09", "999999"), ("AM09", "abc"), ("XX", str(ggz))]:
            page = organisation_page(code=code, org=org)
            assert page.children[0].children == "Organisatie niet gevonden"
        assert region_page(code="AM99").children[0].children == "Regio niet gevonden"
    assert organisation_ref(known, 999999) is None


@pytest.mark.traag
def test_downloads_behind_the_region_figures_match_the_screen(region_app):
    client = signed_in_client(region_app)
    funnel = client.get("/export/trechter.csv?jaar=2026&peildatum=2026-06-30&regio=AM09").get_data(
        as_text=True
    )
    lines = funnel.lstrip("\ufeff").splitlines()
    assert (
        lines[0]
        == "code;regio;aangemeld;gestart;geplaatst;duurzaam;lopend;uitgevallen;zonder_aanmelding;startcohort"
        ";publicatie"
    )
    # Nothing is published here: each line says its figures are provisional.
    provisional = "Voorlopige cijfers t/m 30 juni 2026 (nog niet gepubliceerd)"
    assert lines[1] == f"AM09;Achterhoek;3;4;2;1;2;1;1;2026;{provisional}"
    everyone = client.get("/export/trechter.csv?jaar=2026&peildatum=2026-06-30").get_data(as_text=True)
    assert f"AM02;Friesland;;;;;;;;2026;{provisional}" in everyone  # no data is empty, not zero
    methods = client.get("/export/methoden.csv?jaar=2026&peildatum=2026-06-30&regio=AM09").get_data(
        as_text=True
    )
    assert "AM09;Achterhoek;IPS;UWV;2;1;2026" in methods and "WaBZ;onbekend;1;0" in methods
    organisations = client.get("/export/organisaties.xlsx?jaar=2026&peildatum=2026-06-30&regio=AM09")
    assert organisations.status_code == 200 and organisations.data[:2] == b"PK"
    meetings = client.get("/export/bijeenkomstenlijst.csv?jaar=2026&peildatum=2026-06-30&regio=AM09")
    assert meetings.get_data(as_text=True).count("AM09;Achterhoek;2026-") == 3


@pytest.mark.traag
def test_small_numbers_are_suppressed_at_organisation_level(known, make_app):
    app = make_app()  # the default threshold: counts 1 to 4 show as x
    rows, *_rest = run(app, update_organisations, "2026", "AM09", "2026-06-30")
    by_name = {row["organisatie"]: row for row in rows}
    assert by_name["GGZ A"]["gestart"] == "x" and by_name["UWV B"]["gestart"] == "x"
    assert by_name["GGZ A"]["duurzaam_pct"] is None and by_name["GGZ A"]["onderdrukt"]
    assert by_name["Gemeente C"]["gestart"] is None  # no data stays no data
    # The region level is not suppressed: its total is public.
    cards, *_rest = run(app, update_region, "2026", "AM09", "2026-06-30", "2026")
    assert "4 van 100" in text_of(cards)
    ggz = org_id(known, "GGZ A")
    tiles, *_rest = run(app, update_organisation, "2026", ggz, "2026-06-30")
    assert "Trajecten gestart x" in text_of(tiles) and "Trajecten gestart 3" not in text_of(tiles)
    funnel, text, monthly, mix, mix_table = run(app, update_organisation_figures, "2026", ggz, "2026-06-30")
    # Every step of GGZ A is small: empty bars labelled with their marker, no number anywhere.
    assert list(funnel.data[0].x) == [0, 0, 0, 0] and set(funnel.data[0].text) <= {"x"}
    assert "x" in text
    # Starts per month (2, 1) and per method (2 IPS, 1 Jobcoaching) are small too.
    assert monthly.data == () and monthly.layout.annotations[0].text == "kleine aantallen niet getoond"
    assert mix.data == () and mix_table is None
    export = signed_in_client(app).get("/export/organisaties.csv?jaar=2026&peildatum=2026-06-30&regio=AM09")
    lines = export.get_data(as_text=True).splitlines()
    ggz_line = next(line for line in lines if ";GGZ A;" in line)
    assert ";x;" in ggz_line and ";3;" not in ggz_line
