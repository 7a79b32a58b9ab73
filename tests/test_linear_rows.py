"""The audit's linear system built in blocks equals the one built term by term, row for row.

The reference below is how the rows were always made: one term at a time. Random tables of one
and of two moments (with organisations that come and go, and shown and hidden cells) must give
the same matrices and right-hand sides, in the same order, bit for bit.
"""

from __future__ import annotations

import numpy as np
import pytest

from dashboard.rules.disclosure import COLUMNS, MOMENT_RELATIONS, ROW_RELATIONS, Table, _System, usable

pytestmark = pytest.mark.zuiver


def _reference(tables, relations):
    pairs = []
    if len(tables) == 2:
        later = {o: j for j, o in enumerate(tables[1].ids)}
        pairs = [(i, later[o]) for i, o in enumerate(tables[0].ids) if o in later]
    index = {}
    for t, table in enumerate(tables):
        for r, c in zip(*np.nonzero(table.hidden), strict=True):
            index[(t, int(r), int(c))] = len(index)

    def linear(terms):
        row, const = np.zeros(len(index)), 0.0
        for t, r, c, k in terms:
            key = index.get((t, r, c))
            if key is None:
                const += k * float(tables[t].values[r, c])
            else:
                row[key] += k
        return row, const

    def row_sum(row, terms):
        return int(sum(k * row[COLUMNS.index(n)] for n, k in terms))

    kept = []
    for rel in relations:
        if rel.earlier:
            if len(tables) < 2:
                continue
            sums = [
                row_sum(tables[1].values[j], rel.terms) + row_sum(tables[0].values[i], rel.earlier)
                for i, j in pairs
            ]
        else:
            sums = [row_sum(row, rel.terms) for table in tables for row in table.values]
        if all(s <= 0 if not rel.equal else s == 0 for s in sums):
            kept.append(rel)
    ub, ub_rhs, eq, eq_rhs = [], [], [], []
    for t, table in enumerate(tables):
        for c in range(len(COLUMNS)):
            row, const = linear([(t, r, c, 1) for r in range(len(table.ids))])
            if row.any():
                eq.append(row)
                eq_rhs.append(float(table.values[:, c].sum()) - const)
        for rel in kept:
            if rel.earlier:
                continue
            for r in range(len(table.ids)):
                row, const = linear([(t, r, COLUMNS.index(n), k) for n, k in rel.terms])
                if row.any():
                    ub.append(row)
                    ub_rhs.append(-const)
    if len(tables) == 2:
        for rel in (x for x in kept if x.earlier):
            for i, j in pairs:
                terms = [(1, j, COLUMNS.index(n), k) for n, k in rel.terms]
                terms += [(0, i, COLUMNS.index(n), k) for n, k in rel.earlier]
                row, const = linear(terms)
                if row.any():
                    ub.append(row)
                    ub_rhs.append(-const)
    return kept, ub, ub_rhs, eq, eq_rhs


def _table(rng, ids, hide):
    gestart = rng.integers(0, 12, len(ids))
    lopend = np.minimum(gestart, rng.integers(0, 6, len(ids)))
    values = np.column_stack(
        [gestart + rng.integers(0, 3, len(ids))]
        + [np.minimum(gestart, rng.integers(0, 9, len(ids))) for _ in COLUMNS[1:]]
    )
    values[:, COLUMNS.index("gestart")] = gestart
    values[:, COLUMNS.index("lopend")] = lopend
    return Table(tuple(ids), values.astype(np.int64), rng.random(values.shape) < hide)


def _same(found, expected):
    if not expected:
        assert found is None
        return
    assert found is not None and found.dtype == np.float64
    assert np.array_equal(found, np.array(expected)) and found.tobytes() == np.array(expected).tobytes()


@pytest.mark.parametrize("seed", range(40))
def test_blocks_equal_the_term_by_term_system(seed):
    rng = np.random.default_rng(seed)
    count = int(rng.integers(0, 9))
    first = _table(rng, range(count), float(rng.choice([0.0, 0.2, 0.6])))
    # The later moment loses one organisation and gains another now and then.
    later_ids = [i for i in range(count) if rng.random() > 0.15] + ([99] if rng.random() < 0.5 else [])
    second = _table(rng, later_ids, float(rng.choice([0.0, 0.3])))
    relations = ROW_RELATIONS + MOMENT_RELATIONS
    for tables in ([first], [first, second]):
        kept, ub, ub_rhs, eq, eq_rhs = _reference(tables, relations)
        system = _System(tables, relations)
        assert usable(relations, tables, system.pairs) == kept
        _same(system.a_ub, ub)
        _same(system.b_ub, ub_rhs)
        _same(system.a_eq, eq)
        _same(system.b_eq, eq_rhs)
        assert system.size == int(sum(t.hidden.sum() for t in tables))
