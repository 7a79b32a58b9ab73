import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.data import published
from dashboard.rules.disclosure import audit
from dashboard.rules.protection import protect, published_frame
from dashboard.rules.suppression import (
    HIDDEN,
    Percentage,
    SuppressionRule,
    is_recoverable,
    recoverable_cells,
    suppress_count,
    suppress_organisations,
    suppress_pct,
)

pytestmark = pytest.mark.zuiver

RULE = SuppressionRule()
FUNNEL = ["gestart", "geplaatst", "duurzaam", "lopend", "uitgevallen"]


def orgs(**columns):
    size = len(next(iter(columns.values())))
    return pd.DataFrame({"organisatie": [f"org {i}" for i in range(size)], **columns})


def started(values, rule=RULE, **options):
    return suppress_organisations(orgs(gestart=values), ["gestart"], None, rule, **options)


def test_one_small_count_takes_the_smallest_other_cell_with_it():
    out = started([40, 3, 25, 12])
    assert out["gestart"].tolist() == [40, "<5", 25, HIDDEN]
    assert out["gestart_onderdrukt"].tolist() == [False, True, False, True]
    assert list(out.columns) == ["organisatie", "gestart", "gestart_onderdrukt"]


def test_ties_take_the_first_organisation():
    assert started([12, 3, 12])["gestart"].tolist() == [HIDDEN, "<5", 12]


def test_a_complement_that_pins_the_small_count_is_not_enough():
    # 1 + x = 6 with x at least 5 leaves only x = 5, so a third cell must go.
    assert started([1, 5, 40])["gestart"].tolist() == ["<5", HIDDEN, HIDDEN]


def test_two_small_counts_protect_each_other():
    assert started([3, 2, 30, 40])["gestart"].tolist() == ["<5", "<5", 30, 40]


def test_two_ones_are_given_away_by_their_sum():
    assert started([1, 1, 30, 40])["gestart"].tolist() == ["<5", "<5", HIDDEN, 40]


def test_zero_is_shown_as_zero():
    out = started([0, 30, 3, 12])
    assert out["gestart"].tolist() == [0, 30, "<5", HIDDEN]
    assert out["gestart"].iloc[0] == 0 and not isinstance(out["gestart"].iloc[0], str)
    assert not out["gestart_onderdrukt"].iloc[0]


def test_a_zero_is_hidden_when_no_other_cell_can_protect():
    # With every other organisation at 0 the region total would equal the small count.
    assert started([0, 3, 0])["gestart"].tolist() == ["<5", "<5", 0]


def test_missing_counts_stay_missing_and_are_never_complements():
    out = started(pd.array([3, None, 0, 20], dtype="Int64"))
    assert out["gestart"].tolist() == ["<5", None, 0, HIDDEN]
    assert out["gestart_onderdrukt"].tolist() == [True, False, False, True]


def test_percentage_is_hidden_on_a_small_base():
    frame = orgs(gestart=[8, 30, 40], duurzaam=[0, 12, 20], duurzaam_pct=[0.0, 40.0, 50.0])
    out = suppress_organisations(frame, ["gestart", "duurzaam"], None, RULE)
    assert out["gestart"].tolist() == [8, 30, 40]
    assert out["duurzaam_pct"].tolist() == [None, 40.0, 50.0]
    assert out["duurzaam_pct_onderdrukt"].tolist() == [True, False, False]


def test_percentage_is_hidden_when_it_would_give_away_a_hidden_count():
    # 12 starts are enough for a percentage, but they hide as the complement of the 3: 50 % of the
    # shown 6 would give them away.
    frame = orgs(gestart=[3, 12, 40], duurzaam=[0, 6, 20], duurzaam_pct=[0.0, 50.0, 50.0])
    out = suppress_organisations(frame, ["gestart", "duurzaam"], None, RULE)
    assert out["gestart"].tolist() == ["<5", HIDDEN, 40]
    assert out["duurzaam_pct"].tolist() == [None, None, 50.0]
    frame = orgs(gestart=[30, 40, 50], duurzaam=[3, 20, 25], duurzaam_pct=[10.0, 50.0, 50.0])
    out = suppress_organisations(frame, ["gestart", "duurzaam"], None, RULE)
    assert out["duurzaam"].tolist() == ["<5", HIDDEN, 25]
    assert out["duurzaam_pct"].tolist() == [None, None, 50.0]
    assert out["duurzaam_pct_onderdrukt"].tolist() == [True, True, False]


def test_share_of_the_region_follows_its_count_and_the_region_total():
    frame = orgs(gestart=[3, 40, 12], aandeel_regio_pct=[5.5, 72.7, 21.8])
    out = suppress_organisations(frame, ["gestart"], None, RULE)
    assert out["aandeel_regio_pct"].tolist() == [None, 72.7, None]
    small_region = orgs(gestart=[5, 4], aandeel_regio_pct=[55.6, 44.4])
    out = suppress_organisations(small_region, ["gestart"], None, RULE)
    assert out["aandeel_regio_pct"].tolist() == [None, None]


def test_an_unknown_percentage_column_is_refused():
    frame = orgs(gestart=[30, 40], geplaatst_pct=[50.0, 25.0])
    with pytest.raises(ValueError, match="geplaatst_pct"):
        suppress_organisations(frame, ["gestart"], None, RULE)
    out = suppress_organisations(
        frame, ["gestart"], None, RULE, percentages={"geplaatst_pct": Percentage("gestart")}
    )
    assert out["geplaatst_pct"].tolist() == [50.0, 25.0]


def test_the_threshold_is_configurable():
    rule = SuppressionRule(minimum=10, percent_base=20)
    out = started([7, 30, 12, 40], rule=rule)
    assert out["gestart"].tolist() == ["<10", 30, HIDDEN, 40]
    frame = orgs(gestart=[15, 30, 40], duurzaam=[0, 12, 20], duurzaam_pct=[0.0, 40.0, 50.0])
    out = suppress_organisations(frame, ["gestart", "duurzaam"], None, rule)
    assert out["duurzaam_pct"].tolist() == [None, 40.0, 50.0]
    assert suppress_count(9, rule) == "<10" and suppress_count(10, rule) == 10


def test_complements_stay_inside_their_region():
    frame = orgs(code=["R1", "R1", "R2", "R2", "R2"], gestart=[3, 30, 6, 40, 50])
    out = suppress_organisations(frame, ["gestart"], "code", RULE)
    assert out["gestart"].tolist() == ["<5", HIDDEN, 6, 40, 50]


def test_the_funnel_relations_count_as_what_a_reader_knows():
    # Org 1 started at least 5 + 5 = 10 (its duurzaam and uitgevallen exclude each other), so a
    # hidden 10 beside a hidden small count leaves 1 + 10 = 11: one more cell must go.
    frame = orgs(gestart=[1, 10, 40], duurzaam=[0, 5, 10], uitgevallen=[0, 5, 10])
    counts = ["gestart", "duurzaam", "uitgevallen"]
    out = suppress_organisations(frame, counts, None, RULE)
    assert out["gestart"].tolist() == ["<5", HIDDEN, HIDDEN]
    without = suppress_organisations(frame, counts, None, RULE, relations=())
    assert without["gestart"].tolist() == ["<5", HIDDEN, 40]
    assert is_recoverable(without, frame, counts)
    assert not is_recoverable(out, frame, counts)


def test_a_single_organisation_is_its_region_and_is_left_to_the_region_total():
    # Decision: the organisation still shows <5 like everywhere else; its region total gives it
    # away, which recoverable_cells reports so the region page hides that total too.
    frame = orgs(gestart=[3], geplaatst=[0])
    out = suppress_organisations(frame, ["gestart", "geplaatst"], None, RULE)
    assert out["gestart"].tolist() == ["<5"]
    assert out["geplaatst"].tolist() == [0]
    assert recoverable_cells(out, frame, ["gestart", "geplaatst"]) == [(0, "gestart")]
    large = orgs(gestart=[30])
    out = suppress_organisations(large, ["gestart"], None, RULE)
    assert out["gestart"].tolist() == [30]
    assert not is_recoverable(out, large, ["gestart"])


def test_the_audit_sees_a_lone_hidden_cell():
    frame = orgs(gestart=[3, 30, 40])
    naive = frame.astype({"gestart": object})
    naive.loc[0, "gestart"] = "<5"
    assert recoverable_cells(naive, frame, ["gestart"]) == [(0, "gestart")]
    assert not is_recoverable(started([3, 30, 40]), frame, ["gestart"])


@pytest.mark.parametrize(("value", "shown"), [(None, None), (0, 0), (1, "<5"), (4, "<5"), (5, 5), (123, 123)])
def test_suppress_count(value, shown):
    assert suppress_count(value, RULE) == shown


def test_suppress_pct():
    assert suppress_pct(4, 10, RULE) is None  # 40 % of 10 would give away the 4
    assert suppress_pct(5, 9, RULE) is None
    assert suppress_pct(0, 10, RULE) == 0.0
    assert suppress_pct(5, 10, RULE) == pytest.approx(50.0)
    assert suppress_pct(5, None, RULE) is None
    assert suppress_pct(0, 0, SuppressionRule(percent_base=0)) is None


def test_rule_refuses_nonsense():
    with pytest.raises(ValueError):
        SuppressionRule(minimum=0)


@st.composite
def funnel_rows(draw):
    gestart = draw(st.integers(0, 50))
    uitgevallen = draw(st.integers(0, gestart))
    return {
        "gestart": gestart,
        "geplaatst": draw(st.integers(0, gestart)),
        "duurzaam": draw(st.integers(0, gestart - uitgevallen)),
        "lopend": draw(st.integers(0, gestart - uitgevallen)),
        "uitgevallen": uitgevallen,
    }


def feasible(shown, hidden_low, hidden_high, total, rule):
    """Every value each hidden cell can take, by enumerating sums: what a reader can work out."""
    floor = 1 if any(v > 0 for v in shown) else 0
    rest = total - sum(shown)
    ranges = [range(floor, rule.minimum)] * hidden_low + [range(rule.minimum, rest + 1)] * hidden_high
    result = []
    for i, own in enumerate(ranges):
        sums = 1  # bit s set: the other hidden cells can add up to s
        for j, other in enumerate(ranges):
            if j != i:
                grown = 0
                for v in other:
                    grown |= sums << v
                sums = grown & ((1 << (rest + 1)) - 1)
        result.append({v for v in own if 0 <= rest - v and sums >> (rest - v) & 1})
    return result


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(funnel_rows(), min_size=1, max_size=8),
    rule=st.sampled_from([SuppressionRule(), SuppressionRule(minimum=3), SuppressionRule(minimum=10)]),
)
def test_nothing_hidden_can_be_worked_out(rows, rule):
    frame = pd.DataFrame(rows)
    frame["duurzaam_pct"] = [100 * r["duurzaam"] / r["gestart"] if r["gestart"] else None for r in rows]
    out = suppress_organisations(frame, FUNNEL, None, rule)
    for col in FUNNEL:
        cells = out[col].tolist()
        shown = [v for v in cells if not isinstance(v, str)]
        for before, after in zip(frame[col], cells, strict=True):
            if isinstance(after, str):
                assert after == (rule.marker if before < rule.minimum else HIDDEN)
            else:
                assert after == before and (after == 0 or after >= rule.minimum)
        low = [v for v, c in zip(frame[col], cells, strict=True) if c == rule.marker]
        options = feasible(shown, len(low), cells.count(HIDDEN), int(frame[col].sum()), rule)
        for value, possible in zip(low, options, strict=False):
            assert value in possible
            if len(possible) == 1 and value > 0:
                # Only a region whose every organisation is hidden can still give a count away.
                assert not shown
    exposed = recoverable_cells(out, frame, FUNNEL, rule=rule)
    assert all(not any(isinstance(v, int) for v in out[col]) for _, col in exposed)
    if all(out[col].map(lambda v: not isinstance(v, str)).any() for col in FUNNEL):
        assert not is_recoverable(out, frame, FUNNEL, rule=rule)
    for pct, base, count in zip(out["duurzaam_pct"], out["gestart"], out["duurzaam"], strict=True):
        if pct is not None:
            assert isinstance(base, int) and base >= rule.percent_base and isinstance(count, int)


def test_running_is_hidden_when_it_would_give_away_the_dropouts():
    # With duurzaam 0, gestart = lopend + uitgevallen: 23 - 20 would show the hidden 3.
    frame = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "organisatie": ["A", "B", "C"],
            "soort": ["GGZ", "UWV", "Gemeente"],
            "aangemeld": [23, 30, 12],
            "gestart": [23, 30, 12],
            "geplaatst": [10, 12, 6],
            "duurzaam": [0, 8, 5],
            "lopend": [20, 14, 7],
            "uitgevallen": [3, 8, 0],
            "zonder_aanmelding": [0, 0, 0],
            "geleverd": [True, True, True],
            "laatst_aangeleverd": [None, None, None],
        }
    )
    ids, values, without = published.arrays(frame)
    protection = protect(ids, values, without, RULE.minimum, None)
    out = published_frame(frame, protection, RULE)
    assert out["uitgevallen"].tolist()[0] == HIDDEN
    # The audit, which knows gestart = lopend + uitgevallen + (ended in sustainable work), leaves nothing.
    assert protection.safe and not audit(protection.table, RULE.minimum).exposed
    assert sum(out["lopend_onderdrukt"]) + sum(out["gestart_onderdrukt"]) >= 1
