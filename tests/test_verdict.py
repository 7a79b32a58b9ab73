"""The verdict on every goal, written from standings (pure: no database)."""

import pytest

from dashboard.reports.standing import OutflowStanding, RegionStanding, Standing
from dashboard.reports.verdict import GoalStatus, region_goals, verdict_sentence
from dashboard.rules.region_metrics import OutflowCohort

pytestmark = pytest.mark.zuiver


def standing(started=None, outflow_pct=None, outflow_status="geen gegevens", learning=None, cases=None):
    def paced(value, expected, status):
        return Standing(value, 100.0, expected, status)

    return RegionStanding(
        code="AM09",
        name="Achterhoek",
        province="Gelderland",
        starts=paced(started, 75.0, "op koers" if started else "geen gegevens"),
        pct_goal=None,
        pct_pace=None,
        outflow=OutflowStanding(
            OutflowCohort(2025, 2026, True), 100, 36, outflow_pct, None, 40.0, outflow_status
        ),
        learning=Standing(learning, 3.0, 2.25, "achter" if learning is not None else "geen gegevens"),
        cases=Standing(cases, 10.0, 7.5, "ver achter" if cases is not None else "geen gegevens"),
    )


def test_the_sentence_groups_goals_by_verdict_with_their_figures():
    goals = region_goals(
        standing(started=78, outflow_pct=36.0, outflow_status="onder doel", learning=2, cases=4)
    )
    assert [g.behind for g in goals] == [False, True, True, True]
    assert verdict_sentence(goals, 13) == (
        "Op koers voor trajecten (78 van 100), achter op duurzame uitstroom (36 % van 40 %), "
        "leerbijeenkomsten (2 van 3) en casusbesprekingen (4 van 10); "
        "13 regio's liggen achter op twee of meer doelen."
    )


def test_no_data_and_an_immature_cohort_get_no_verdict():
    goals = (
        GoalStatus("trajecten", None, 100.0, "geen gegevens"),
        GoalStatus("duurzaam", 12.0, 40.0, "nog niet uitontwikkeld"),
        GoalStatus("leer", 3.0, 3.0, "op koers"),
        GoalStatus("casus", 9.0, 10.0, "op koers"),
    )
    assert not any(g.behind for g in goals)
    assert verdict_sentence(goals, 1) == (
        "Op koers voor leerbijeenkomsten (3 van 3) en casusbesprekingen (9 van 10), "
        "trajecten: geen gegevens, duurzame uitstroom: nog niet uitontwikkeld; "
        "1 regio ligt achter op twee of meer doelen."
    )
