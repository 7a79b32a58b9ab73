import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from dashboard.data.national import national_summary
from dashboard.data.progress import progress_by_region
from dashboard.importing import demo
from dashboard.importing.rules import validate_frame
from dashboard.rules.metrics import PaceStatus, expected_by, pace_status

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def frames():
    return demo.generate(2021, TODAY)


def started_per_region_year(frames) -> pd.DataFrame:
    trajectories = frames["trajecten"]
    return (
        trajectories.groupby([trajectories.regio, trajectories.startdatum.str[:4].astype(int)])
        .size()
        .unstack()
    )


@pytest.mark.traag
@pytest.mark.zuiver
def test_same_seed_same_data_other_seed_other_data(frames):
    again = demo.generate(2021, TODAY)
    for kind in frames:
        pd.testing.assert_frame_equal(frames[kind], again[kind])
    other = demo.generate(7, TODAY)
    assert not frames["trajecten"].equals(other["trajecten"])


@pytest.mark.zuiver
def test_every_row_obeys_the_import_contract(frames):
    for kind, frame in frames.items():
        records, problems = validate_frame(kind, frame, TODAY)
        assert problems == [], (kind, problems[:3])
        assert len(records) == len(frame)


@pytest.mark.zuiver
def test_all_35_regions_with_realistic_volumes(frames):
    table = started_per_region_year(frames)
    assert len(table) == 35
    full_years = table[[2023, 2024, 2025]]
    assert full_years.min().min() >= 40
    assert full_years.max().max() <= 180
    assert 90 <= full_years.mean().mean() <= 130


@pytest.mark.zuiver
def test_one_region_only_started_in_2023(frames):
    table = started_per_region_year(frames)
    late = table[table[2021].isna()].index.tolist()
    assert late == [demo.LATE_START_REGION]
    assert table.loc[demo.LATE_START_REGION, 2023] > 0


@pytest.mark.zuiver
def test_nothing_is_dated_after_today(frames):
    trajectories = frames["trajecten"]
    for column in ("aanmelddatum", "startdatum", "plaatsingsdatum", "duurzaam_datum", "einddatum"):
        dates = pd.to_datetime(trajectories[column].replace("", None)).dropna()
        assert dates.max().date() <= TODAY
    assert pd.to_datetime(frames["bijeenkomsten"].datum).max().date() <= TODAY


@pytest.mark.zuiver
def test_funnels_are_monotone_and_show_running_and_dropped_out(frames):
    t = frames["trajecten"]
    t = t.assign(jaar=t.startdatum.str[:4])
    for (_region, _year), cohort in t.groupby([t.regio, t.jaar]):
        started = len(cohort)
        placed = (cohort.plaatsingsdatum != "").sum()
        sustainable = (cohort.duurzaam_datum != "").sum()
        referred = (cohort.aanmelddatum != "").sum()
        assert started >= placed >= sustainable
        assert referred <= started
    running = (t.einddatum == "").sum()
    dropped = (t.eindreden == "uitval").sum()
    assert running > 0 and dropped > 0
    mature = t[t.jaar <= "2024"]
    share = (mature.duurzaam_datum != "").mean()
    assert 0.25 <= share <= 0.55  # around the 40 % goal, with regions on both sides


@pytest.mark.zuiver
def test_method_and_funding_mixes(frames):
    t = frames["trajecten"]
    assert set(t.methode) == {"IPS", "Jobcoaching", "WaBZ", "Overig"}
    assert t.methode.value_counts().idxmax() == "IPS"
    assert set(t.financiering) == {"UWV", "Gemeente", "Zorgverzekeraar", "Combinatie", "Overig"}


@pytest.mark.zuiver
def test_organisation_mix_per_region(frames):
    t = frames["trajecten"]
    per_region = t.groupby("regio").organisatie_type.agg(lambda s: s.value_counts().to_dict())
    for types in per_region:
        assert "GGZ" in types and "UWV" in types and "Gemeente" in types


@pytest.mark.zuiver
def test_some_organisations_deliver_nothing_in_a_quarter(frames):
    t = frames["trajecten"]
    t = t.assign(kwartaal=pd.PeriodIndex(pd.to_datetime(t.startdatum), freq="Q").astype(str))
    delivered = (
        t[t.kwartaal.str.startswith(("2025", "2026"))]
        .groupby(["organisatie", "kwartaal"])
        .size()
        .unstack(fill_value=0)
    )
    # The current quarter is still young, so judge the complete quarters only.
    complete = delivered.drop(columns=["2026Q4"])
    # Small organisations skip quarters by chance; a regular deliverer falling silent is the signal.
    regular = complete[complete.median(axis=1) >= 5]
    silent = regular[(regular == 0).any(axis=1)]
    assert 3 <= len(silent) <= 8


@pytest.mark.traag
def test_demo_loads_through_the_import_path_with_varied_regions(db):
    results = demo.load_demo(db, 2021, TODAY, 25_000_000)
    assert [r.soort for r in results] == ["trajecten", "bijeenkomsten", "doelen"]
    assert all(r.nieuw > 0 for r in results)
    regions = progress_by_region(db, 2026, TODAY)
    statuses = [
        pace_status(int(r.gestart), expected_by(r.doel_trajecten, 2026, TODAY)) for r in regions.itertuples()
    ]
    assert statuses.count(PaceStatus.OP_KOERS) >= 5
    assert statuses.count(PaceStatus.VER_ACHTER) >= 2
    summary = national_summary(db, 2026, TODAY)
    assert summary.started == int(
        (demo.generate(2021, TODAY)["trajecten"].startdatum.str[:4] == "2026").sum()
    )


def test_demo_data_up_to_a_past_day_was_delivered_that_day(db):
    from dashboard.data.meta import data_status, reference_date

    day = dt.date(2022, 3, 31)
    results = demo.load_demo(db, 2021, day, 25_000_000)
    status = data_status(db)
    assert len(results) == 3 and status.imports == 3
    last = status.last_import if status.last_import.tzinfo else status.last_import.replace(tzinfo=dt.UTC)
    assert last.astimezone(ZoneInfo("Europe/Amsterdam")).date() == day
    # The data date is the day itself, so the default peildatum is that day, not the day of loading.
    assert reference_date(status, None) == day
