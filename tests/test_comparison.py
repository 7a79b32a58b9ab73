import datetime as dt

import numpy as np
import pandas as pd
import pytest

from dashboard.data.progress import REGION_COLUMNS
from dashboard.rules.comparison import (
    NATIONAL_AVERAGE,
    NATIONAL_TOTAL,
    Z_95,
    Z_998,
    comparable_regions,
    compare_outflow,
    compare_region,
    compare_region_with_cohort,
    control_limits,
    outflow_position,
    peer_values,
)
from dashboard.rules.ranking import Rank
from layouts.figures.funnel_plot import IMMATURE_TEXT, funnel_plot_figure, funnel_plot_summary

pytestmark = pytest.mark.zuiver

PAST_YEAR, PEILDATUM = 2025, dt.date(2026, 6, 30)


def region(
    code: str,
    gestart: int,
    duurzaam: int = 0,
    *,
    leer: int = 0,
    casus: int = 0,
    doel: int = 100,
    geleverd: bool = True,
    bijeenkomsten: bool = True,
) -> dict[str, object]:
    return {
        "code": code,
        "naam": f"Regio {code}",
        "provincie": "Gelderland",
        "doel_trajecten": doel,
        "doel_duurzaam_pct": 40.0,
        "doel_leerbijeenkomsten": 3,
        "doel_casusbesprekingen": 10,
        "gestart": gestart,
        "duurzaam": duurzaam,
        "leerbijeenkomsten": leer,
        "casusbesprekingen": casus,
        "geleverd": geleverd,
        "bijeenkomsten_geleverd": bijeenkomsten,
    }


def frame(*rows: dict[str, object]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=REGION_COLUMNS)


# Four regions with data and AM05 without: as zeros it would drag every national figure down.
COMPARED = frame(
    region("AM01", 100, 40, leer=3, casus=10),
    region("AM02", 50, 25, leer=1, casus=13),
    region("AM03", 80, 20, leer=2, casus=6, doel=200),
    region("AM05", 0, 0, geleverd=False, bijeenkomsten=False),
    region("AM06", 60, 30, leer=5, casus=8),
)

# Pooled outflow is 166 / 410 = 40,49 %; AM07 has 60 % but only 10 trajectories.
OUTFLOW = frame(
    region("AM01", 100, 55),
    region("AM02", 100, 25),
    region("AM03", 100, 40),
    region("AM05", 100, 40),
    region("AM06", 0, 0, geleverd=False),
    region("AM07", 10, 6),
)


def by_measure(table: pd.DataFrame) -> dict[str, dict[str, object]]:
    return {row["maat"]: row for row in table.to_dict("records")}


def test_comparable_regions_are_closest_by_target_then_nearest_code_without_regions_lacking_data():
    regions = frame(
        region("AM06", 45, doel=150),
        region("AM03", 10, doel=80),
        region("AM01", 20, doel=100),
        region("AM05", 0, doel=100, geleverd=False),  # same target, but no data
        region("AM08", 5, doel=100),
        region("AM02", 30, doel=130),
        region("AM07", 21, doel=120),
    )
    # Targets 0 away: AM08; 20 away: AM03 and AM07 (AM03 has the nearer code); 30: AM02; 50: AM06.
    assert comparable_regions(regions, "AM01") == ["AM08", "AM03", "AM07", "AM02", "AM06"]
    assert comparable_regions(regions, "AM01", count=2) == ["AM08", "AM03"]
    # A region without data of its own still has a target, so it still has comparable regions.
    # AM08 is 3 codes from AM05, AM01 4; AM03 and AM07 are both 2 away: the lower code first.
    assert comparable_regions(regions, "AM05") == ["AM08", "AM01", "AM03", "AM07", "AM02"]


# AM09 is behind (40 started of a target of 400). Closest in started are AM10, AM11 and AM12,
# themselves behind; closest in target are AM17, AM13, AM16, AM14 and AM15, well ahead.
BEHIND = frame(
    region("AM09", 40, 8, doel=400),
    region("AM10", 38, 10, doel=100),
    region("AM11", 42, 12, doel=110),
    region("AM12", 45, 15, doel=90),
    region("AM13", 380, 150, doel=390),
    region("AM14", 420, 160, doel=420),
    region("AM15", 300, 120, doel=380),
    region("AM16", 350, 140, doel=410),
    region("AM17", 390, 100, doel=395),
)


def test_peers_are_chosen_by_target_not_by_the_started_trajectories_being_judged():
    # 5 away, then 10 (AM13 is nearer AM09 than AM16), then 20 (AM14 before AM15).
    assert comparable_regions(BEHIND, "AM09") == ["AM17", "AM13", "AM16", "AM14", "AM15"]
    started = by_measure(compare_region(BEHIND, "AM09", PAST_YEAR, PEILDATUM))["Trajecten gestart"]
    # Chosen on started, the peers would be AM11, AM10, AM12, AM15, AM16: a mean of 155.
    assert started["vergelijkbaar"] == pytest.approx((390 + 380 + 350 + 420 + 300) / 5)


def test_peer_values_give_each_peer_its_own_value_and_target():
    values = peer_values(BEHIND, BEHIND, "AM09", PAST_YEAR, PAST_YEAR, PEILDATUM)
    assert list(values["code"]) == comparable_regions(BEHIND, "AM09")
    first = values.iloc[0]
    assert (first["code"], first["doel_trajecten"], first["Trajecten gestart"]) == ("AM17", 395, 390)
    assert first["Duurzame uitstroom %"] == pytest.approx(100 * 100 / 390)
    assert first["% van jaardoel"] == pytest.approx(100 * 390 / 395)
    # The comparison's average of the peers is the mean of exactly these values.
    compared = by_measure(compare_region_with_cohort(BEHIND, BEHIND, "AM09", PAST_YEAR, PAST_YEAR, PEILDATUM))
    for measure in ("Trajecten gestart", "% van jaardoel", "Duurzame uitstroom %"):
        assert compared[measure]["vergelijkbaar"] == pytest.approx(values[measure].astype(float).mean())


def test_outflow_of_another_cohort_is_averaged_over_the_years_peers():
    # In the cohort year AM10–AM12 have AM09's target; the page lists (and averages) the year's peers.
    cohort = frame(
        region("AM09", 40, 8, doel=100),
        region("AM10", 40, 20, doel=100),
        region("AM11", 40, 20, doel=100),
        region("AM12", 40, 0, doel=100),
        region("AM13", 100, 10, doel=400),
        region("AM14", 100, 20, doel=400),
        region("AM15", 100, 30, doel=400),
        region("AM16", 100, 40, doel=400),
        region("AM17", 100, 50, doel=400),
    )
    values = peer_values(BEHIND, cohort, "AM09", PAST_YEAR, PAST_YEAR - 1, PEILDATUM)
    assert list(values["code"]) == ["AM17", "AM13", "AM16", "AM14", "AM15"]
    assert list(values["Duurzame uitstroom %"]) == [50.0, 10.0, 40.0, 20.0, 30.0]
    compared = compare_region_with_cohort(BEHIND, cohort, "AM09", PAST_YEAR, PAST_YEAR - 1, PEILDATUM)
    outflow = by_measure(compared)["Duurzame uitstroom %"]
    assert outflow["vergelijkbaar"] == pytest.approx(30)


def test_the_national_figure_says_whether_it_is_an_average_region_or_a_total():
    rows = by_measure(compare_region(COMPARED, "AM03", PAST_YEAR, PEILDATUM))
    kinds = {measure: row["landelijk_soort"] for measure, row in rows.items()}
    assert kinds == {
        "Trajecten gestart": NATIONAL_AVERAGE,
        "% van jaardoel": NATIONAL_TOTAL,
        "% van tempo": NATIONAL_TOTAL,
        "Duurzame uitstroom %": NATIONAL_TOTAL,
        "Leerbijeenkomsten": NATIONAL_AVERAGE,
        "Casusbesprekingen": NATIONAL_AVERAGE,
    }


def test_compare_region_counts_against_average_region_median_and_similar():
    rows = by_measure(compare_region(COMPARED, "AM03", PAST_YEAR, PEILDATUM))
    assert list(rows) == [
        "Trajecten gestart",
        "% van jaardoel",
        "% van tempo",
        "Duurzame uitstroom %",
        "Leerbijeenkomsten",
        "Casusbesprekingen",
    ]
    started = rows["Trajecten gestart"]
    # 290 started over the 4 regions with data; median of 50, 60, 80, 100; AM03's target is 200, the
    # others' 100, so its peers are AM02, AM01 and AM06 (all 100 away, nearest code first).
    assert started["regio"] == 80
    assert started["landelijk"] == pytest.approx(72.5)
    assert started["mediaan"] == pytest.approx(70)
    assert started["vergelijkbaar"] == pytest.approx(70)
    assert started["rang"] == Rank(2, 4)
    learning = rows["Leerbijeenkomsten"]
    assert (learning["regio"], learning["landelijk"], learning["mediaan"]) == (2, 2.75, 2.5)
    assert learning["vergelijkbaar"] == pytest.approx(3)
    assert learning["rang"] == Rank(3, 4)
    cases = rows["Casusbesprekingen"]
    assert (cases["landelijk"], cases["mediaan"], cases["rang"]) == (9.25, 9, Rank(4, 4))
    assert cases["vergelijkbaar"] == pytest.approx(31 / 3)


def test_compare_region_percentages_are_pooled_nationally():
    rows = by_measure(compare_region(COMPARED, "AM03", PAST_YEAR, PEILDATUM))
    target = rows["% van jaardoel"]
    # AM03 has a target of 200; the country 290 of 500 (AM05's 100 does not count).
    assert target["regio"] == pytest.approx(40)
    assert target["landelijk"] == pytest.approx(58)
    assert target["mediaan"] == pytest.approx(55)
    assert target["vergelijkbaar"] == pytest.approx(70)
    assert target["rang"] == Rank(4, 4)
    outflow = rows["Duurzame uitstroom %"]
    assert outflow["regio"] == pytest.approx(25)
    assert outflow["landelijk"] == pytest.approx(100 * 115 / 290)
    assert outflow["mediaan"] == pytest.approx(45)
    assert outflow["vergelijkbaar"] == pytest.approx(140 / 3)


def test_compare_region_pace_uses_the_share_of_the_year():
    # 30 June 2026 is day 181 of 365: a target of 200 expects 99,18 by then.
    rows = by_measure(compare_region(COMPARED, "AM03", 2026, dt.date(2026, 6, 30)))
    pace = rows["% van tempo"]
    assert pace["regio"] == pytest.approx(100 * 80 / (200 * 181 / 365))
    assert pace["landelijk"] == pytest.approx(100 * 290 / (500 * 181 / 365))
    assert rows["% van jaardoel"]["regio"] == pytest.approx(40)


def test_equal_values_share_a_rank():
    rows = by_measure(compare_region(COMPARED, "AM06", PAST_YEAR, PEILDATUM))
    # AM02 and AM06 both have 50 % outflow.
    assert rows["Duurzame uitstroom %"]["rang"] == Rank(1, 4)


def test_region_without_data_shows_none_not_zero():
    table = compare_region(COMPARED, "AM05", PAST_YEAR, PEILDATUM)
    assert table["regio"].isna().all() and table["regio"].map(lambda v: v is None).all()
    assert table["rang"].map(lambda v: v is None).all()
    # Its target is known, so its peers are (AM06, AM02, AM01, AM03): their mean, not none.
    assert by_measure(table)["Trajecten gestart"]["vergelijkbaar"] == pytest.approx(72.5)
    assert by_measure(table)["Trajecten gestart"]["landelijk"] == pytest.approx(72.5)


def test_meetings_compare_only_regions_that_delivered_meetings():
    regions = frame(
        region("AM01", 100, leer=3),
        region("AM02", 50, leer=1, bijeenkomsten=False),
        region("AM03", 80, leer=2),
    )
    learning = by_measure(compare_region(regions, "AM01", PAST_YEAR, PEILDATUM))["Leerbijeenkomsten"]
    assert learning["landelijk"] == pytest.approx(2.5)
    assert learning["rang"] == Rank(1, 2)
    # Comparable to AM01 (same target) are AM02 and AM03, but AM02 has no meeting data: only AM03 counts.
    assert learning["vergelijkbaar"] == pytest.approx(2)


def test_unknown_region_is_an_error():
    with pytest.raises(ValueError, match="AM99"):
        compare_region(COMPARED, "AM99", PAST_YEAR, PEILDATUM)


def test_control_limits_follow_the_binomial_normal_approximation():
    low, high = control_limits(0.4, [100], Z_95)
    # 0,4 ± 1,96 · √(0,24 / 100) = 0,4 ± 0,0960
    assert low[0] == pytest.approx(0.30398, abs=1e-5)
    assert high[0] == pytest.approx(0.49602, abs=1e-5)
    low, high = control_limits(0.4, np.array([100, 1, 0]), Z_998)
    assert low[0] == pytest.approx(0.4 - 3.09 * 0.0489898, abs=1e-6)
    assert high[0] == pytest.approx(0.4 + 3.09 * 0.0489898, abs=1e-6)
    # Tiny and empty groups are clipped to the possible range.
    assert list(low[1:]) == [0.0, 0.0] and list(high[1:]) == [1.0, 1.0]


@pytest.mark.parametrize(
    ("code", "position"),
    [
        ("AM01", "boven de 95 %-grens"),  # 55 % > 50,1 %
        ("AM02", "onder de 95 %-grens"),  # 25 % < 30,9 %
        ("AM03", "binnen de grenzen"),
        ("AM07", "binnen de grenzen"),  # 60 % of 10 is noise: the upper limit there is 70,9 %
        ("AM06", "geen gegevens"),
    ],
)
def test_outflow_position(code, position):
    assert outflow_position(OUTFLOW, code) == position


def scatter(figure, name):
    (trace,) = [t for t in figure.data if t.name == name]
    return trace


def test_funnel_plot_marks_the_selected_region_by_symbol_and_label():
    figure = funnel_plot_figure(OUTFLOW, "AM03", immature=False)
    others = scatter(figure, "Andere regio's")
    selected = scatter(figure, "Regio AM03")
    # Five regions have starts; AM06 has no data and is not drawn.
    assert len(others.x) + len(selected.x) == 5
    assert sorted(others.x) == [10, 100, 100, 100]
    assert (selected.x, selected.y) == ((100,), (40.0,))
    assert selected.marker.symbol != others.marker.symbol
    assert selected.marker.size > others.marker.size
    assert list(selected.customdata[0]) == ["Regio AM03", "40 van 100 duurzaam", "40 %"]
    (label,) = figure.layout.annotations
    assert (label.text, label.x, label.y) == ("<b>Regio AM03</b>", 100, 40)


def test_funnel_plot_draws_national_goal_and_both_limits():
    figure = funnel_plot_figure(OUTFLOW, "AM03", immature=False)
    national = scatter(figure, "Landelijk: 40 %")
    assert national.y[0] == pytest.approx(100 * 166 / 410)
    assert scatter(figure, "Doel: 40 %").y == (40.0, 40.0)
    inner, outer = scatter(figure, "95 %-grenzen"), scatter(figure, "99,8 %-grenzen")
    assert (inner.line.dash, outer.line.dash) == ("dash", "dot")
    assert max(x for x in inner.x if x is not None) >= 100
    inner_y = np.array([y for y in inner.y if y is not None])
    outer_y = np.array([y for y in outer.y if y is not None])
    half = len(inner_y) // 2
    # Upper curves first, then lower: the 99,8 % band contains the 95 % band everywhere.
    assert (outer_y[:half] >= inner_y[:half]).all() and (outer_y[half:] <= inner_y[half:]).all()
    assert inner_y[:half].min() > national.y[0] > inner_y[half:].max()


def test_funnel_plot_says_when_the_cohort_is_immature():
    figure = funnel_plot_figure(OUTFLOW, "AM03", immature=True)
    assert IMMATURE_TEXT in [a.text for a in figure.layout.annotations]


def test_funnel_plot_without_data_says_so():
    regions = frame(region("AM01", 0, geleverd=False), region("AM02", 0, geleverd=False))
    figure = funnel_plot_figure(regions, "AM01", immature=False)
    assert len(figure.data) == 0
    assert [a.text for a in figure.layout.annotations] == ["geen gegevens"]


def test_funnel_plot_notes_a_selected_region_without_data():
    figure = funnel_plot_figure(OUTFLOW, "AM06", immature=False)
    assert "Regio AM06" not in {t.name for t in figure.data}
    assert [a.text for a in figure.layout.annotations] == ["Regio AM06: geen gegevens"]


def test_funnel_plot_summary_in_words():
    assert funnel_plot_summary(OUTFLOW, "AM03") == (
        "Regio AM03: 40 % duurzame uitstroom bij 100 trajecten, "
        "binnen de 95 %-grenzen rond het landelijk cijfer van 40 %."
    )
    assert funnel_plot_summary(OUTFLOW, "AM01") == (
        "Regio AM01: 55 % duurzame uitstroom bij 100 trajecten, "
        "boven de 95 %-grens rond het landelijk cijfer van 40 %."
    )
    assert funnel_plot_summary(OUTFLOW, "AM06") == (
        "Regio AM06: geen gegevens over duurzame uitstroom; landelijk 40 %."
    )


def test_compare_outflow_is_the_outflow_row_of_compare_region():
    full = compare_region(COMPARED, "AM03", PAST_YEAR, PEILDATUM)
    alone = compare_outflow(COMPARED, "AM03", PAST_YEAR, PEILDATUM)
    assert alone.to_dict("records") == full[full["maat"] == "Duurzame uitstroom %"].to_dict("records")
