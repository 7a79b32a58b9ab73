"""The national methods report against a plain pandas count of the same hand-made rows.

Eight trajectories in three regions, three methods and three funding streams (one left empty),
started in 2025 (the mature cohort at 30 June 2026) and 2026 (the view's year).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.data.cohorts import method_mix, method_mix_by_region
from dashboard.reports.methods import UNKNOWN, methods_report
from dashboard.reports.view import View
from dashboard.rules import domain
from dashboard.rules.region_metrics import OutflowCohort
from tests.helpers import load, trajectory

PEILDATUM = dt.date(2026, 6, 30)
# (id, start, region, method, funding, sustainable on)
ROWS = [
    ("A1", "2025-02-01", "AM09", "IPS", "UWV", "2025-09-01"),
    ("A2", "2025-03-01", "AM09", "IPS", "Gemeente", ""),
    ("A3", "2025-04-01", "AM01", "Jobcoaching", "UWV", "2026-01-10"),
    ("A4", "2025-05-01", "AM01", "IPS", "", "2025-12-01"),
    ("B1", "2026-01-05", "AM09", "IPS", "UWV", ""),
    ("B2", "2026-02-05", "AM09", "WaBZ", "Zorgverzekeraar", "2026-06-20"),
    ("B3", "2026-03-05", "AM01", "IPS", "Gemeente", ""),
    ("B4", "2026-04-05", "AM25", "Jobcoaching", "", ""),
]


@pytest.fixture
def mixed(db):
    rows = []
    for key, start, region, method, funding, sustainable in ROWS:
        extra = {"methode": method, "financiering": funding}
        if sustainable:
            extra |= {"plaatsingsdatum": start, "duurzaam_datum": sustainable}
        rows.append(trajectory(key, start, regio=region, organisatie=f"GGZ {region}", **extra))
    load(db, "trajecten", rows, today=PEILDATUM)
    return db


def plain(cohort: int) -> pd.DataFrame:
    """The hand-made rows of one start cohort, counted by pandas."""
    frame = pd.DataFrame(ROWS, columns=["id", "start", "code", "methode", "financiering", "duurzaam_op"])
    frame = frame[frame["start"].str.startswith(str(cohort))]
    sustainable = (frame["duurzaam_op"] != "") & (frame["duurzaam_op"] <= PEILDATUM.isoformat())
    return frame.assign(gestart=1, duurzaam=sustainable.astype(int))


def view() -> View:
    return View.parse({"jaar": "2026", "peildatum": PEILDATUM.isoformat()}, PEILDATUM)


def test_report_counts_starts_of_the_year_and_outflow_of_the_mature_cohort(mixed):
    report = methods_report(mixed, view())
    assert report.year == 2026 and report.outflow == OutflowCohort(2025, 2026, True)
    starts, outflow = plain(2026), plain(2025)
    by_method = report.by_method().set_index("methode")
    assert list(by_method.index) == list(domain.METHODS)
    expected_starts = starts.groupby("methode")["gestart"].sum().reindex(domain.METHODS, fill_value=0)
    assert by_method["gestart"].tolist() == expected_starts.tolist()  # IPS 2, Jobcoaching 1, WaBZ 1
    cohort = outflow.groupby("methode")[["gestart", "duurzaam"]].sum().reindex(domain.METHODS, fill_value=0)
    assert by_method["cohort_gestart"].tolist() == cohort["gestart"].tolist()
    assert by_method["duurzaam"].tolist() == cohort["duurzaam"].tolist()
    assert by_method.loc["IPS", "duurzaam_pct"] == pytest.approx(200 / 3)  # A1 and A4 of A1, A2, A4
    # No starts of a method in the cohort: no percentage, not 0 %.
    assert (
        pd.isna(by_method.loc["WaBZ", "duurzaam_pct"]) and by_method.loc["Jobcoaching", "duurzaam_pct"] == 100
    )


def test_funding_streams_count_an_empty_stream_as_unknown(mixed):
    funding = methods_report(mixed, view()).by_funding().set_index("financiering")
    starts = plain(2026).replace({"financiering": {"": UNKNOWN}}).groupby("financiering")["gestart"].sum()
    assert list(funding.index) == [*domain.FUNDING_STREAMS, UNKNOWN]
    assert funding["gestart"].to_dict() == starts.reindex(funding.index, fill_value=0).to_dict()
    assert funding.loc[UNKNOWN, ["cohort_gestart", "duurzaam"]].tolist() == [1, 1]  # A4


def test_every_region_gets_every_method_and_matches_the_per_region_query(mixed):
    report = methods_report(mixed, view())
    regions = report.regions()
    assert len(regions) == 35 * len(domain.METHODS)
    am09 = regions[regions["code"] == "AM09"].set_index("methode")
    assert am09.loc["IPS", ["gestart", "cohort_gestart", "duurzaam"]].tolist() == [1, 2, 1]
    assert am09.loc["WaBZ", "gestart"] == 1 and am09["regio"].iloc[0] == "Achterhoek"
    quiet = regions[regions["code"] == "AM02"]
    assert quiet["gestart"].sum() == 0 and quiet["duurzaam_pct"].isna().all()
    # The one query for all regions gives each region what the per-region query gives it.
    everyone = method_mix_by_region(mixed, 2025, PEILDATUM)
    for code in ("AM01", "AM09", "AM25"):
        one = method_mix(mixed, 2025, PEILDATUM, region=code)
        part = everyone[everyone["code"] == code].drop(columns="code").reset_index(drop=True)
        assert rows(part) == rows(one) and (code == "AM25" or rows(one))


def rows(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    """Rows as plain tuples in a fixed order (an empty funding stream as "")."""
    return sorted(tuple(row) for row in frame.fillna("").itertuples(index=False))
