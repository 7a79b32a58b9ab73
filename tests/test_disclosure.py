"""The disclosure audit and the complementary suppression it drives, on hand-made tables."""

import numpy as np
import pandas as pd
import pytest

from dashboard.rules.disclosure import COLUMNS, MOMENT_RELATIONS, ROW_RELATIONS, Table, audit, baseline
from dashboard.rules.protection import MOST_OF_ROW, protect, published_frame
from dashboard.rules.suppression import HIDDEN, SuppressionRule

pytestmark = pytest.mark.zuiver

# Four organisations of one region (start cohort at mid-year): aangemeld, gestart, geplaatst,
# duurzaam, lopend, uitgevallen, zonder_aanmelding.
REGION = np.array(
    [
        [25, 26, 7, 0, 21, 5, 1],
        [11, 11, 2, 0, 11, 0, 0],
        [14, 15, 2, 0, 14, 1, 1],
        [10, 10, 0, 0, 10, 0, 0],
    ]
)
IDS = (1, 2, 3, 4)
NONE_MISSING = np.zeros(len(IDS), dtype=bool)
# What the rules before the audit published for it ("<5" and "x" both hidden): they did not know
# that every start has a referral or none, so gestart ≤ aangemeld + zonder_aanmelding.
OLD_HIDDEN = np.array(
    [
        [0, 0, 0, 0, 1, 1, 1],
        [0, 0, 1, 0, 1, 1, 0],
        [0, 0, 1, 0, 1, 1, 1],
        [0, 0, 0, 0, 1, 1, 0],
    ],
    dtype=bool,
)


def test_the_rules_left_a_start_without_referral_recoverable():
    found = audit(Table(IDS, REGION, OLD_HIDDEN), 5)
    exact = {(f.row, f.column): f.low for f in found.exposed if f.low == pytest.approx(f.high)}
    # 26 started on 25 referred: at least 1 without referral, twice; the region total is 2.
    assert exact == {(0, "zonder_aanmelding"): 1, (2, "zonder_aanmelding"): 1}


def test_the_audit_protects_every_small_count_of_that_table():
    protection = protect(IDS, REGION, NONE_MISSING, 5, None)
    assert protection.safe and protection.primary == 5
    assert not audit(protection.table, 5).exposed
    small = (REGION > 0) & (REGION < 5)
    assert (protection.hidden[small]).all()
    # Every hidden small count can, for the reader, still be 0 and 5 (or the region total).
    system_checked = audit(protection.table, 5, required=None)
    assert system_checked.protected >= {("nu", IDS[r], c) for r, c in zip(*np.nonzero(small), strict=True)}


def test_a_zero_is_hidden_only_as_a_complement_and_then_counts_as_protected():
    protection = protect(IDS, REGION, NONE_MISSING, 5, None)
    zeros = (REGION == 0) & protection.hidden
    shown = published_frame(_frame(REGION), protection, SuppressionRule())
    for r, c in zip(*np.nonzero(zeros), strict=True):
        assert shown[COLUMNS[c]].iloc[r] == HIDDEN
    # Nothing the audit found is left: a hidden 0 is not a 0 the reader can read off.
    assert not audit(protection.table, 5).exposed


def test_a_region_with_one_organisation_shows_no_more_than_its_region_total():
    values = np.array([[3, 3, 1, 0, 2, 1, 0]])
    protection = protect((1,), values, np.zeros(1, dtype=bool), 5, None)
    # Its row is the region's total, public anyway: the audit asks no more than that total allows.
    assert baseline(protection.table, 5, np.zeros(1, dtype=bool)) == {
        ("nu", 1, c): (float(v), float(v)) for c, v in enumerate(values[0]) if 0 < v < 5
    }
    # Five of its seven counts are small: the row goes whole, and that is enough.
    required = baseline(protection.table, 5, np.zeros(1, dtype=bool))
    assert protection.safe and protection.whole_rows == (0,)
    assert not audit(protection.table, 5, required=required).exposed


def test_most_of_a_row_hidden_hides_the_row_with_a_reason():
    values = np.array(
        [
            [4, 4, 2, 1, 3, 1, 0],
            [30, 30, 12, 6, 20, 5, 2],
            [40, 41, 15, 7, 30, 6, 3],
            [50, 52, 20, 9, 38, 8, 4],
            [45, 45, 18, 8, 30, 9, 0],
        ]
    )
    protection = protect((1, 2, 3, 4, 5), values, np.zeros(5, dtype=bool), 5, None)
    assert 0 in protection.whole_rows and protection.hidden[0].all()
    shown = published_frame(_frame(values), protection, SuppressionRule())
    assert shown["toelichting"].iloc[0] is not None and shown["toelichting"].iloc[4] is None
    assert shown["gestart"].iloc[0] == HIDDEN and shown["gestart"].iloc[4] == 45
    assert protection.safe and not audit(protection.table, 5).exposed
    assert all(row.sum() < MOST_OF_ROW or row.all() for row in protection.hidden)


def _started(starts: list[int]) -> np.ndarray:
    # Every start referred and still running: aangemeld = gestart = lopend, the rest 0.
    return np.array([[s, s, 0, 0, s, 0, 0] for s in starts])


def test_a_small_difference_between_moments_is_protected():
    ids, none = (1, 2, 3), np.zeros(3, dtype=bool)
    earlier = protect(ids, _started([3, 20, 30]), none, 5, None)
    assert earlier.hidden[:, 1].tolist() == [True, True, False]
    # A quarter later organisation 2 started 2 more (20 → 22), organisation 3 five (30 → 35).
    later = _started([3, 22, 35])
    alone = protect(ids, later, none, 5, None)
    together = protect(ids, later, none, 5, earlier.table)
    required = baseline(Table(ids, later, together.hidden), 5, none, earlier.table)
    # Protected on its own, the later table gives the 2 away beside the earlier one: the totals
    # grew by 7, of which organisation 3 shows 5 (and organisation 1 cannot shrink).
    exposed = audit(alone.table, 5, earlier.table, required=required).exposed
    assert [(f.row, f.column, f.moment, f.value) for f in exposed if f.column == "gestart"] == [
        (1, "gestart", "verschil", 2)
    ]
    assert not audit(together.table, 5, earlier.table, required=required).exposed
    assert together.safe and together.hidden[2, 1]


def test_every_relation_holds_on_the_definitions():
    # A trajectory-level check of the relations: each is true for any mix of these trajectories.
    assert len(ROW_RELATIONS) == 7 and len(MOMENT_RELATIONS) == 8
    rows = _frame(REGION)[list(COLUMNS)].to_numpy()
    for relation in ROW_RELATIONS:
        sums = [sum(k * row[COLUMNS.index(c)] for c, k in relation.terms) for row in rows]
        assert all(s <= 0 for s in sums), relation.why


def _frame(values: np.ndarray) -> pd.DataFrame:
    frame = pd.DataFrame(values, columns=list(COLUMNS))
    frame.insert(0, "id", range(1, len(values) + 1))
    frame.insert(1, "organisatie", [f"org {i}" for i in range(len(values))])
    frame.insert(2, "soort", "GGZ")
    frame["geleverd"] = True
    frame["laatst_aangeleverd"] = None
    return frame
