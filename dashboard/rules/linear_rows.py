"""Whole blocks of the disclosure audit's linear system at once, with numpy instead of cell by cell.

The audit (``dashboard.rules.disclosure``) builds one constraint row per relation and organisation
row; publishing audits thousands of trial tables, so building those rows term by term in Python
was most of a publication's time. These functions give the very same rows, in the same order,
with the same right-hand sides: every coefficient and count is a whole number, so the float sums
are exact whichever order they are added in.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# One side of the constraints: the unknowns' positions of the table (-1: shown), its true counts
# and hidden cells (rows already picked, one per organisation or pair), and one row of
# coefficients per column for each relation.
Side = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def positions(hidden: Sequence[np.ndarray]) -> tuple[list[np.ndarray], int]:
    """Per table, the unknown's number of each hidden cell (-1 where shown); how many there are.

    Numbered table by table and row by row: the order of ``np.nonzero``.
    """
    found, offset = [], 0
    for mask in hidden:
        where = np.full(mask.shape, -1, dtype=np.int64)
        count = int(mask.sum())
        where[mask] = np.arange(offset, offset + count)
        found.append(where)
        offset += count
    return found, offset


def coefficients(terms: Sequence[Sequence[tuple[str, int]]], columns: Sequence[str]) -> np.ndarray:
    """Relations' terms as one row of coefficients per relation, one column per column."""
    weights = np.zeros((len(terms), len(columns)))
    for at, relation in enumerate(terms):
        for column, coefficient in relation:
            weights[at, columns.index(column)] += coefficient
    return weights


def rows(size: int, sides: Sequence[Side]) -> tuple[np.ndarray, np.ndarray]:
    """``Σ coefficient × cell ≤ 0`` per relation and picked row as ``a · unknowns ≤ b``.

    Relation by relation, and within one relation row by row; rows without unknowns left out.
    """
    count = len(sides[0][0])
    relations = len(sides[0][3])
    matrix = np.zeros((relations * count, size))
    const = np.zeros(relations * count)
    for where, values, hidden, weights in sides:
        r, c = np.nonzero(hidden)
        # Within one side every (row, unknown) occurs once, so ``+=`` adds no term twice.
        lines = np.arange(relations)[:, None] * count + r[None, :]
        matrix[lines, np.broadcast_to(where[r, c], lines.shape)] += weights[:, c]
        const += (np.where(hidden, 0.0, values.astype(float)) @ weights.T).T.reshape(-1)
    # A sum of nothing is +0 (as one term at a time from 0.0 gives), never -0.
    const = const + 0.0
    keep = matrix.any(axis=1)
    return matrix[keep], -const[keep]


def column_totals(
    size: int, where: np.ndarray, values: np.ndarray, hidden: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per column with an unknown: ``Σ hidden cells = region total − Σ shown cells``."""
    matrix = np.zeros((values.shape[1], size))
    r, c = np.nonzero(hidden)
    matrix[c, where[r, c]] = 1.0
    totals = values.astype(float).sum(axis=0)
    shown = np.where(hidden, 0.0, values.astype(float)).sum(axis=0)
    keep = matrix.any(axis=1)
    return matrix[keep], (totals - shown)[keep]
