"""Figures and their one-sentence summaries in English: texts from the catalogue, English numbers."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.data.cadence import Gap
from dashboard.data.organisations import quarter_heading
from dashboard.data.progress import REGION_COLUMNS
from dashboard.i18n import use_language
from dashboard.rules.comparison import compare_region
from dashboard.rules.ranking import Rank
from dashboard.rules.region_metrics import outflow_cohort, region_metrics
from layouts.figures.cadence import cadence_figure, cadence_summary
from layouts.figures.funnel import funnel_figure, funnel_summary
from layouts.figures.funnel_plot import funnel_plot_figure, funnel_plot_summary
from layouts.figures.maps import map_values
from layouts.figures.ranking import ranking_figure
from layouts.metric_specs import METRICS
from tests.helpers import FUNNEL_COUNTS

pytestmark = pytest.mark.zuiver

PEILDATUM = dt.date(2026, 6, 30)
COUNTS = {**FUNNEL_COUNTS, "zonder_aanmelding": 2}
MEETINGS = pd.DataFrame(
    {
        "datum": [dt.date(2026, 1, 20), dt.date(2026, 3, 5)],
        "soort": ["casusbespreking", "leerbijeenkomst"],
        "deelnemers": pd.array([None, 1234], dtype="Int64"),
        "onderwerp": ["", ""],
    }
)
GAPS = [Gap(dt.date(2026, 1, 20), PEILDATUM, 161, True)]


def regions() -> pd.DataFrame:
    """Learning sessions of a past year: Groningen on track, Twente behind, Achterhoek far behind."""
    return pd.DataFrame(
        [
            ["AM01", "Groningen", "Groningen", 100, 40.0, 3, 10, 60, 30, 3, 5, True, True],
            ["AM09", "Achterhoek", "Gelderland", 100, 40.0, 3, 10, 2000, 300, 0, 1, True, True],
            ["AM05", "Twente", "Overijssel", 100, 40.0, 4, 10, 10, 1, 3, 2, True, True],
        ],
        columns=REGION_COLUMNS,
    )


def test_funnel_summary_and_figure_in_english_with_english_numbers():
    with use_language("en"):
        text = funnel_summary("Achterhoek", COUNTS, 2025)
        figure = funnel_figure(COUNTS, "Achterhoek, start cohort 2025")
    assert text == (
        "Achterhoek, start cohort 2025: 1,234 started, 600 placed and 300 in sustainable work (24%); "
        "700 ongoing, 234 stopped without sustainable work. Started trajectories without a referral date: 2."
    )
    steps, beside = figure.data
    assert list(steps.y) == ["Referred", "Started", "Placed (paid work)", "In sustainable work"]
    assert steps.text[2] == "600 (49%)" and steps.customdata[2] == "600 (49% of previous step)"
    assert list(beside.y) == ["Ongoing", "Stopped without sustainable work"]
    assert figure.layout.xaxis.title.text == "Trajectories" and figure.layout.separators == ".,"
    assert figure.layout.title.subtitle.text == "in brackets: % of previous step"
    assert funnel_summary("Achterhoek", COUNTS, 2025).startswith(
        "Achterhoek, startcohort 2025: 1.234 gestart"
    )
    assert funnel_figure(COUNTS, "x").data[0].customdata[2] == "600 (49 % van vorige stap)"


def test_an_empty_funnel_says_no_data_in_the_language_of_the_request():
    with use_language("en"):
        assert funnel_figure(None, "x").layout.annotations[0].text == "no data"
    assert funnel_figure(None, "x").layout.annotations[0].text == "geen gegevens"


def test_cadence_figure_and_summary_in_english():
    with use_language("en"):
        figure = cadence_figure(MEETINGS, GAPS, 2026, PEILDATUM)
        text = cadence_summary(MEETINGS, GAPS, 2026, PEILDATUM, 3, 10)
    traces = {t.name: t for t in figure.data}
    assert traces["Learning session"].text[0] == "Learning session<br>5 March 2026<br>1,234 participants"
    assert traces["Case discussion"].text[0].endswith("20 January 2026<br>participants unknown")
    assert [a.text for a in figure.layout.annotations] == ["161 days so far", "reference date"]
    assert figure.layout.annotations[0].hovertext == "no case discussion for 161 days so far"
    assert figure.layout.xaxis.ticktext[:3] == ("Jan", "Feb", "Mar")
    assert text == (
        "In 2026 up to 30 June: 1 of 3 learning sessions and 1 of 10 case discussions; "
        "1 period of more than 45 days without a case discussion, which is still going on."
    )
    assert cadence_summary(MEETINGS, GAPS, 2026, PEILDATUM, 3, 10).startswith("In 2026 t/m 30 juni: 1 van 3")


def test_funnel_plot_and_comparison_in_english():
    frame = regions()
    with use_language("en"):
        figure = funnel_plot_figure(frame, "AM09", immature=True)
        summary = funnel_plot_summary(frame, "AM09")
        above = funnel_plot_summary(frame, "AM01")
        compared = compare_region(frame, "AM09", 2025, PEILDATUM)
    names = [t.name for t in figure.data]
    assert names[:2] == ["95% limits", "99.8% limits"] and "Other regions" in names
    assert names[2].startswith("National: ") and names[2].endswith("%")
    assert figure.layout.yaxis.ticksuffix == "%"
    assert "Cohort not yet mature: percentages not yet final" in [a.text for a in figure.layout.annotations]
    assert summary == (
        "Achterhoek: 15% sustainable outflow from 2,000 trajectories, within the 95% limits around the "
        "national figure of 16%."
    )
    assert above.startswith("Groningen: 50% sustainable outflow from 60 trajectories, above the 95% limit ")
    # The measure stays Dutch (callers match on it); the rank is written for the reader.
    assert list(compared["maat"])[0] == "Trajecten gestart" and compared["rang"].iloc[0] == Rank(1, 3)
    assert compare_region(frame, "AM09", 2025, PEILDATUM)["rang"].iloc[0] == Rank(1, 3)
    assert funnel_plot_summary(frame, "AM09").startswith(
        "Achterhoek: 15 % duurzame uitstroom bij 2.000 trajecten"
    )


def test_map_and_ranking_show_statuses_and_cohorts_in_english():
    frame = region_metrics(regions(), 2025, PEILDATUM)
    with use_language("en"):
        values = map_values(frame, METRICS["leer"])
        cohort = outflow_cohort(2026, PEILDATUM)
        ranking = ranking_figure(frame, METRICS["duurzaam"], "AM09", cohort)
        heading = quarter_heading("2026-K1")
    statuses = {row[1]: row[4] for row in values.customdata}
    assert statuses == {"Groningen": "on track", "Achterhoek": "far behind", "Twente": "behind"}
    assert values.ticktext[0] == "no data" and "<br>Status: " in values.hovertemplate
    assert "cohort 2025 (latest mature)" in ranking.layout.annotations[0].text
    assert ranking.data[0].customdata[0][3] == "at or above target"
    assert heading == "2026-Q1" and quarter_heading("2026-K1") == "2026-K1"
    assert map_values(frame, METRICS["leer"]).customdata[0][4] == "op koers"
