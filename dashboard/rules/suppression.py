"""Small-number suppression for organisation figures: small counts, their complements, percentages."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Final

import pandas as pd

# CBS writes "x" for a figure kept secret; a complement is at least the minimum, so "<5" would be untrue.
HIDDEN: Final = "x"


@dataclass(frozen=True)
class SuppressionRule:
    """When a figure about an organisation is too small to publish.

    Counts from 1 to ``minimum - 1`` are hidden; a percentage is hidden when fewer than
    ``percent_base`` trajectories stand under it, or when it would reveal a hidden count.

    Zero is shown as 0. It counts nobody, so nobody can be recognised in it, and regions steer on
    it (an organisation that has placed no one yet). Offices that also protect zeros do so against
    group disclosure: a zero beside a small total says every one of those people shares the
    outcome. Here the small total is hidden itself, so a zero is hidden only as a complement, when
    no shown non-zero cell is left to protect a small count with.
    """

    minimum: int = 5
    percent_base: int = 10

    def __post_init__(self) -> None:
        if self.minimum < 1 or self.percent_base < 0:
            raise ValueError(f"invalid suppression rule: {self}")

    @property
    def marker(self) -> str:
        """What a hidden count below the minimum shows: ``<5``."""
        return f"<{self.minimum}"

    @classmethod
    def from_minimum(cls, minimum: int) -> SuppressionRule:
        """The rule for a configured threshold: percentages need twice as many (5 → 10)."""
        return cls(minimum=minimum, percent_base=2 * minimum)

    def is_small(self, value: int) -> bool:
        """Whether ``value`` is a count that may not be published."""
        return 0 < value < self.minimum


@dataclass(frozen=True)
class Percentage:
    """How a percentage column follows from the count columns of its row.

    ``denominator`` None means a share of the published total of ``numerator`` (the region's).
    """

    numerator: str
    denominator: str | None = None


# Counts that lie inside another count of the same row: sum(parts) <= whole. They hold by the
# definitions in dashboard.data.cohorts (lopend and uitgevallen exclude each other, as do duurzaam
# and uitgevallen), so anyone can use them to narrow down a hidden cell.
FUNNEL_RELATIONS: Final[tuple[tuple[tuple[str, ...], str], ...]] = (
    (("geplaatst",), "gestart"),
    (("duurzaam", "uitgevallen"), "gestart"),
    (("lopend", "uitgevallen"), "gestart"),
)
ORGANISATION_PERCENTAGES: Final[Mapping[str, Percentage]] = {
    "duurzaam_pct": Percentage("duurzaam", "gestart"),
    "aandeel_regio_pct": Percentage("gestart"),
}

Relation = tuple[tuple[str, ...], str]


class _Hidden(Enum):
    SMALL = "small"  # shows the rule's marker: a small count, or a zero taken as complement
    LARGE = "large"  # shows HIDDEN: a complement of at least the minimum


Cell = int | _Hidden


def suppress_count(value: int | None, rule: SuppressionRule) -> int | str | None:
    """One count as it may be published: ``<5`` for 1 to 4, otherwise unchanged.

    Only for a figure that has no siblings in a published table: an organisation's count that is
    also a cell of ``suppress_organisations``' table must be taken from there, or a complement hidden
    in the table would be shown on the organisation's own page.
    """
    if value is None:
        return None
    if value < 0:
        raise ValueError(f"a count cannot be negative: {value}")
    return rule.marker if rule.is_small(value) else value


def suppress_pct(numerator: int | None, denominator: int | None, rule: SuppressionRule) -> float | None:
    """``100 * numerator / denominator``, or None when the base is too small or reveals a small count."""
    if numerator is None or denominator is None or denominator < max(rule.percent_base, 1):
        return None
    if rule.is_small(numerator) or rule.is_small(denominator):
        return None
    return 100 * numerator / denominator


def suppress_organisations(
    frame: pd.DataFrame,
    counts: list[str],
    total_by: str | None,
    rule: SuppressionRule,
    *,
    percentages: Mapping[str, Percentage] = ORGANISATION_PERCENTAGES,
    relations: Sequence[Relation] = FUNNEL_RELATIONS,
) -> pd.DataFrame:
    """The organisation table as it may be published.

    Small counts show ``rule.marker``. Because each column's total per ``total_by`` group (the
    region) is published elsewhere, more cells are hidden until no small count can be worked out
    from that total, the shown cells, the markers and the funnel ``relations``: first the smallest
    shown non-zero cell of the column, then, when none is left, a shown zero. A region where even
    that is not enough (one organisation, or only small cells at their extremes) is reported by
    ``recoverable_cells``: its total must then be hidden where it is published.

    Args:
        frame: One row per organisation; the count columns hold whole numbers or missing values
            (no data, which adds nothing to the total and stays missing).
        counts: The count columns to protect.
        total_by: The column naming the group whose totals are published (the region code), or
            None when the whole frame is one region.
        rule: The thresholds.
        percentages: How each percentage column follows from the counts; a percentage is hidden
            when its base is below ``rule.percent_base`` or a count it uses is hidden.
        relations: Counts inside other counts of the same row, known to anyone reading the table.

    Returns:
        A copy with hidden counts as marker strings, hidden percentages as None, shown values
        unchanged, and a boolean ``<column>_onderdrukt`` after each protected column.

    Raises:
        ValueError: A ``_pct`` column has no entry in ``percentages``, or an entry uses a column
            outside ``counts``.
    """
    _check_percentages(frame, counts, percentages)
    usable = _usable_relations(frame, counts, relations)
    values = {col: [_as_count(v) for v in frame[col].tolist()] for col in counts}
    hidden: dict[str, set[int]] = {col: set() for col in counts}
    group_total: dict[str, list[int]] = {col: [0] * len(frame) for col in counts}
    for positions in _groups(frame, total_by):
        part = {col: [values[col][p] for p in positions] for col in counts}
        for col, ks in _protect_group(part, rule, usable).items():
            hidden[col].update(positions[k] for k in ks)
            total = sum(v or 0 for v in part[col])
            for p in positions:
                group_total[col][p] = total

    out = frame.copy()
    for name, pct in percentages.items():
        if name not in frame.columns:
            continue
        uses = [pct.numerator] if pct.denominator is None else [pct.numerator, pct.denominator]
        base = group_total[pct.numerator] if pct.denominator is None else values[pct.denominator]
        drop = [
            (base[p] or 0) < rule.percent_base or any(p in hidden[col] for col in uses)
            for p in range(len(frame))
        ]
        original = frame[name].tolist()
        shown = [None if d or pd.isna(v) else float(v) for v, d in zip(original, drop, strict=True)]
        flags = [d and not pd.isna(v) for v, d in zip(original, drop, strict=True)]
        _replace(out, name, shown, flags)
    for col in counts:
        cells = [
            (rule.marker if (v or 0) < rule.minimum else HIDDEN) if p in hidden[col] else v
            for p, v in enumerate(values[col])
        ]
        _replace(out, col, cells, [p in hidden[col] for p in range(len(frame))])
    return out


def recoverable_cells(
    after: pd.DataFrame,
    before: pd.DataFrame,
    counts: list[str],
    total_by: str | None = None,
    *,
    rule: SuppressionRule | None = None,
    relations: Sequence[Relation] = FUNNEL_RELATIONS,
) -> list[tuple[Hashable, str]]:
    """Hidden small counts that can be worked out exactly from what ``after`` shows.

    The reader is assumed to know each group's column totals, the shown cells, what the markers
    mean (``<5``: below the minimum, and at least 1 unless zeros were hidden in that column;
    ``x``: at least the minimum) and the ``relations``. Bounds on every hidden cell are narrowed
    through those sums until nothing changes. A full linear-programming audit finds at least these
    cells, in rare tables more.

    Returns:
        ``(index label, column)`` of each such cell, in ``before``'s order.
    """
    rule = rule or SuppressionRule()
    usable = _usable_relations(before, counts, relations)
    found: list[tuple[Hashable, str]] = []
    for positions in _groups(before, total_by):
        values = {col: [_as_count(before[col].iloc[p]) for p in positions] for col in counts}
        cells = {col: [_read_cell(after[col].iloc[p], rule) for p in positions] for col in counts}
        for col, k in _exposed(values, cells, rule, usable):
            found.append((before.index[positions[k]], col))
    return found


def is_recoverable(
    after: pd.DataFrame,
    before: pd.DataFrame,
    counts: list[str],
    total_by: str | None = None,
    *,
    rule: SuppressionRule | None = None,
    relations: Sequence[Relation] = FUNNEL_RELATIONS,
) -> bool:
    """Whether any hidden small count in ``after`` can be worked out (see ``recoverable_cells``)."""
    return bool(recoverable_cells(after, before, counts, total_by, rule=rule, relations=relations))


def _protect_group(
    values: dict[str, list[int | None]], rule: SuppressionRule, relations: Sequence[Relation]
) -> dict[str, set[int]]:
    hidden = {
        col: {k for k, v in enumerate(row) if v is not None and rule.is_small(v)}
        for col, row in values.items()
    }
    while True:
        cells = {col: _cells(row, hidden[col], rule) for col, row in values.items()}
        for col, _ in _exposed(values, cells, rule, relations):
            extra = _complement(values[col], hidden[col])
            if extra is not None:
                hidden[col].add(extra)
                break
        else:
            return hidden


def _complement(row: list[int | None], hidden: set[int]) -> int | None:
    shown = [(v, k) for k, v in enumerate(row) if k not in hidden and v is not None]
    non_zero = [(v, k) for v, k in shown if v > 0]
    if non_zero:
        return min(non_zero)[1]
    return shown[0][1] if shown else None


def _cells(row: list[int | None], hidden: set[int], rule: SuppressionRule) -> list[Cell]:
    def cell(k: int, v: int) -> Cell:
        if k not in hidden:
            return v
        return _Hidden.SMALL if v < rule.minimum else _Hidden.LARGE

    return [cell(k, v or 0) for k, v in enumerate(row)]


def _exposed(
    values: dict[str, list[int | None]],
    cells: dict[str, list[Cell]],
    rule: SuppressionRule,
    relations: Sequence[Relation],
) -> list[tuple[str, int]]:
    lo, hi = _bounds(cells, {col: sum(v or 0 for v in row) for col, row in values.items()}, rule, relations)
    return [
        (col, k)
        for col, row in values.items()
        for k, v in enumerate(row)
        if isinstance(cells[col][k], _Hidden)
        and v is not None
        and rule.is_small(v)
        and lo[col][k] == hi[col][k]
    ]


def _bounds(
    cells: dict[str, list[Cell]], totals: dict[str, int], rule: SuppressionRule, relations: Sequence[Relation]
) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    lo: dict[str, list[int]] = {}
    hi: dict[str, list[int]] = {}
    for col, row in cells.items():
        # Zeros are taken as complements only once no shown non-zero cell is left in the column.
        floor = 1 if any(not isinstance(c, _Hidden) and c > 0 for c in row) else 0
        lo[col] = [
            c if not isinstance(c, _Hidden) else floor if c is _Hidden.SMALL else rule.minimum for c in row
        ]
        hi[col] = [
            c
            if not isinstance(c, _Hidden)
            else min(rule.minimum - 1, totals[col])
            if c is _Hidden.SMALL
            else totals[col]
            for c in row
        ]
    # Every step keeps the true values inside the bounds and only narrows them, so this ends.
    changed = True
    while changed:
        changed = False
        for col, total in totals.items():
            low_sum, high_sum = sum(lo[col]), sum(hi[col])
            for k in range(len(lo[col])):
                narrowed = (
                    max(lo[col][k], total - (high_sum - hi[col][k])),
                    min(hi[col][k], total - (low_sum - lo[col][k])),
                )
                if narrowed != (lo[col][k], hi[col][k]):
                    lo[col][k], hi[col][k] = narrowed
                    changed = True
        for parts, whole in relations:
            for k in range(len(lo[whole])):
                least = max(lo[whole][k], sum(lo[p][k] for p in parts))
                if least != lo[whole][k]:
                    lo[whole][k], changed = least, True
                for p in parts:
                    most = min(hi[p][k], hi[whole][k] - sum(lo[q][k] for q in parts if q != p))
                    if most != hi[p][k]:
                        hi[p][k], changed = most, True
    return lo, hi


def _groups(frame: pd.DataFrame, total_by: str | None) -> list[list[int]]:
    if total_by is None:
        return [list(range(len(frame)))]
    groups: dict[Hashable, list[int]] = {}
    for p, key in enumerate(frame[total_by].tolist()):
        groups.setdefault(None if pd.isna(key) else key, []).append(p)
    return list(groups.values())


def _usable_relations(
    frame: pd.DataFrame, counts: list[str], relations: Sequence[Relation]
) -> list[Relation]:
    # A relation the data break cannot be relied on by a reader either, and would corrupt the bounds.
    usable = []
    for all_parts, whole in relations:
        # Leaving out a part keeps the relation true, since counts are never negative.
        parts = tuple(p for p in all_parts if p in counts)
        if whole not in counts or not parts:
            continue
        wholes = [_as_count(v) or 0 for v in frame[whole].tolist()]
        sums = [sum(_as_count(frame[p].iloc[k]) or 0 for p in parts) for k in range(len(frame))]
        if all(s <= w for s, w in zip(sums, wholes, strict=True)):
            usable.append((parts, whole))
    return usable


def _check_percentages(frame: pd.DataFrame, counts: list[str], percentages: Mapping[str, Percentage]) -> None:
    for name in frame.columns:
        if "_pct" in str(name) and name not in percentages:
            raise ValueError(f"percentage column {name!r} has no Percentage: it could reveal a hidden count")
    for name, pct in percentages.items():
        used = [pct.numerator] if pct.denominator is None else [pct.numerator, pct.denominator]
        if name in frame.columns and any(col not in counts for col in used):
            raise ValueError(f"percentage column {name!r} uses a count outside {counts}")


def _as_count(value: Any) -> int | None:
    if pd.isna(value):
        return None
    if value != int(value) or value < 0:
        raise ValueError(f"not a count: {value!r}")
    return int(value)


def _read_cell(value: Any, rule: SuppressionRule) -> Cell:
    if value == rule.marker:
        return _Hidden.SMALL
    if value == HIDDEN:
        return _Hidden.LARGE
    return _as_count(value) or 0


def _replace(frame: pd.DataFrame, name: str, cells: list[Any], flags: list[bool]) -> None:
    frame[name] = pd.Series(cells, index=frame.index, dtype=object)
    frame.insert(frame.columns.get_loc(name) + 1, f"{name}_onderdrukt", flags)


ORGANISATION_COUNTS: Final = [
    "aangemeld",
    "gestart",
    "geplaatst",
    "duurzaam",
    "lopend",
    "uitgevallen",
    "zonder_aanmelding",
]
