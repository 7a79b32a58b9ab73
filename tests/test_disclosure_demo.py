"""The disclosure audit over the demo data: every region, start cohort and role at the demo's peildatum."""

import datetime as dt
import time

import numpy as np
import pytest

from dashboard.auth.viewer import ADMIN, NATIONAL, REGIONAL, Viewer
from dashboard.data import access, published
from dashboard.data.cohorts import funnel_by_organisation, funnel_by_region
from dashboard.importing.demo import load_demo
from dashboard.rules import domain
from dashboard.rules.disclosure import COLUMNS, audit, baseline
from dashboard.rules.moments import published_moment
from geodata import region_refs
from tests.conftest import PEILDATUM

# Every region and cohort, each with its chain of quarter ends: minutes.
pytestmark = pytest.mark.traag

MINIMUM = 5


# SQLite only: the audit works on the numbers the data layer returns, which the data tests check
# on both databases; the second database would double a run of minutes and test nothing new.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_no_hidden_cell_or_difference_can_be_worked_out_for_any_region_cohort_or_role(db, record_property):
    load_demo(db, 2021, PEILDATUM, 25_000_000)
    moment = published_moment(PEILDATUM)
    hidden = primary = cells = tables = 0
    slowest = 0.0
    for year in range(domain.FIRST_YEAR, PEILDATUM.year + 1):
        totals = funnel_by_region(db, year, moment).set_index("code")
        for ref in region_refs():
            started = time.perf_counter()
            steps = published.chain(db, ref.code, year, moment, MINIMUM)
            slowest = max(slowest, (time.perf_counter() - started) / max(len(steps), 1))
            tables += len(steps)
            if not steps:
                continue
            last = steps[-1][1]
            earlier = steps[-2][1].table if len(steps) > 1 else None
            without = ~funnel_by_organisation(db, ref.code, year, moment)["geleverd"].to_numpy(dtype=bool)
            # The audit afresh, with the reader's whole system: region totals, relations, the quarter before.
            required = baseline(last.table, MINIMUM, without, earlier)
            assert not audit(last.table, MINIMUM, earlier, required=required).exposed, (ref.code, year)
            assert last.safe
            if ref.code in totals.index:
                # The region totals the audit assumes are the trechter's.
                assert (last.values.sum(axis=0) == totals.loc[ref.code, list(COLUMNS)].to_numpy()).all()
            hidden += int(last.hidden.sum())
            primary += last.primary
            cells += int((~without).sum()) * len(COLUMNS)
    assert 0 < primary <= hidden < cells
    # The audit's figures, for the record (pytest --junitxml keeps them).
    for name, value in {"tables": tables, "cells": cells, "hidden": hidden, "primary": primary}.items():
        record_property(name, value)
    record_property("slowest_table_seconds", round(slowest, 3))


def test_every_role_but_beheer_gets_the_audited_table_of_the_quarter_end(db):
    load_demo(db, 2021, PEILDATUM + dt.timedelta(days=40), 25_000_000)
    day = PEILDATUM + dt.timedelta(days=40)
    regional = Viewer("r", REGIONAL, frozenset({"AM09"}))
    national = Viewer("n", NATIONAL)
    admin = Viewer("b", ADMIN)
    shown = access.organisation_table(regional, db, "AM09", 2026, day, MINIMUM)
    assert shown.equals(access.organisation_table(national, db, "AM09", 2026, day, MINIMUM))
    at_moment = funnel_by_organisation(db, "AM09", 2026, published_moment(day))
    cells = np.array([[shown[c].iloc[r] for c in COLUMNS] for r in range(len(shown))], dtype=object)
    visible = cells != "x"
    assert (cells[visible].astype(int) == at_moment[list(COLUMNS)].to_numpy()[visible]).all()
    # beheer sees the day itself, every number.
    own = access.organisation_table(admin, db, "AM09", 2026, day, MINIMUM)
    assert not own[[f"{c}_onderdrukt" for c in COLUMNS]].to_numpy().any()
    assert (
        own[list(COLUMNS)].to_numpy()
        == funnel_by_organisation(db, "AM09", 2026, day)[list(COLUMNS)].to_numpy()
    ).all()
