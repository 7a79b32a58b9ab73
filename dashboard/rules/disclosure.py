"""The disclosure audit: what a reader can work out about hidden organisation cells, by linear programming.

This is the audit statistical offices run on a protected table (τ-ARGUS's audit): every hidden
cell is a variable, every published fact a constraint (shown cells, the region total of every
column, the relations the metric definitions imply between the columns of a row and between two
consecutive published moments, and that counts are whole numbers of at least 0), and two linear
programs per hidden cell give the smallest and largest value the reader can derive for it. The
linear relaxation is the standard audit: its interval contains the integer one, so a cell it
finds protected is protected.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

import numpy as np
from scipy.optimize import linprog

from dashboard.rules import linear_rows
from dashboard.rules.suppression import ORGANISATION_COUNTS

# The published organisation counts, in the order the suppression rules know them.
COLUMNS: Final = tuple(ORGANISATION_COUNTS)


@dataclass(frozen=True)
class Relation:
    """A linear fact about one organisation's row: ``Σ coefficient × cell ≤ 0`` (``= 0`` when ``equal``).

    ``terms`` are cells of the moment itself, ``earlier`` cells of the published moment before it.
    """

    why: str
    terms: tuple[tuple[str, int], ...]
    earlier: tuple[tuple[str, int], ...] = ()
    equal: bool = False


def _le(why: str, *terms: tuple[str, int], earlier: tuple[tuple[str, int], ...] = ()) -> Relation:
    return Relation(why, tuple(terms), earlier)


# Every relation between the published columns that follows from the definitions in
# dashboard.data.cohorts (ended = gestart − lopend; uitgevallen = ended − ended in sustainable
# work, which counts only trajectories whose sustainable date has passed). Besides these, each
# column's region total is published (trechter.csv, the region page): Σ organisations = total.
ROW_RELATIONS: Final[tuple[Relation, ...]] = (
    _le(
        "gestart ≤ aangemeld + zonder_aanmelding",
        ("gestart", 1),
        ("aangemeld", -1),
        ("zonder_aanmelding", -1),
    ),
    _le("zonder_aanmelding ≤ gestart", ("zonder_aanmelding", 1), ("gestart", -1)),
    _le("geplaatst ≤ gestart", ("geplaatst", 1), ("gestart", -1)),
    _le("duurzaam ≤ geplaatst", ("duurzaam", 1), ("geplaatst", -1)),
    # gestart = lopend + uitgevallen + (ended in sustainable work), and that last part lies in 0…duurzaam.
    _le("lopend + uitgevallen ≤ gestart", ("lopend", 1), ("uitgevallen", 1), ("gestart", -1)),
    _le(
        "gestart ≤ lopend + uitgevallen + duurzaam",
        ("gestart", 1),
        ("lopend", -1),
        ("uitgevallen", -1),
        ("duurzaam", -1),
    ),
    _le("duurzaam + uitgevallen ≤ gestart", ("duurzaam", 1), ("uitgevallen", 1), ("gestart", -1)),
)

_CUMULATIVE: Final = ("aangemeld", "gestart", "geplaatst", "duurzaam", "zonder_aanmelding")
_ENDED: Final = (("gestart", 1), ("lopend", -1))
_ENDED_SUSTAINABLE: Final = (("gestart", 1), ("lopend", -1), ("uitgevallen", -1))


def _negated(terms: tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...]:
    return tuple((column, -coefficient) for column, coefficient in terms)


# Between two published moments of the same start cohort: what counts up to the peildatum only grows.
MOMENT_RELATIONS: Final[tuple[Relation, ...]] = (
    *(_le(f"{c} groeit", (c, -1), earlier=((c, 1),)) for c in _CUMULATIVE),
    _le("beëindigd groeit", *_negated(_ENDED), earlier=_ENDED),
    _le("beëindigd in duurzaam werk groeit", *_negated(_ENDED_SUSTAINABLE), earlier=_ENDED_SUSTAINABLE),
    _le(
        "nieuwe starts zonder aanmelding ≤ nieuwe starts",
        ("zonder_aanmelding", 1),
        ("gestart", -1),
        earlier=(("zonder_aanmelding", -1), ("gestart", 1)),
    ),
)


@dataclass(frozen=True)
class Table:
    """One published organisation table: true counts, which cells are hidden, and the row ids.

    ``values`` has one row per organisation and one column per ``COLUMNS`` entry. Rows of
    organisations without data (*geen gegevens*) are passed as shown: the audit then counts their
    true values as known, the safe side.
    """

    ids: tuple[int, ...]
    values: np.ndarray
    hidden: np.ndarray


@dataclass(frozen=True)
class Finding:
    """What a reader can derive about one hidden small cell (or a small difference between moments)."""

    row: int
    column: str
    moment: str  # "nu", "eerder" or "verschil"
    value: int
    low: float
    high: float
    key: tuple[str, int, int] = ("", 0, 0)


def usable(
    relations: Sequence[Relation], tables: Sequence[Table], pairs: Sequence[tuple[int, int]]
) -> list[Relation]:
    """The relations the true data keep (a broken one cannot be relied on by a reader either)."""
    return [
        relation for relation, kept in zip(relations, _kept(relations, tables, pairs), strict=True) if kept
    ]


@functools.lru_cache(maxsize=16)
def _weights(relations: tuple[Relation, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Coefficients of the relations (now, earlier), whether each spans two moments, and whether equal."""
    return (
        linear_rows.coefficients([r.terms for r in relations], COLUMNS),
        linear_rows.coefficients([r.earlier for r in relations], COLUMNS),
        np.array([bool(r.earlier) for r in relations], dtype=bool),
        np.array([r.equal for r in relations], dtype=bool),
    )


def _kept(
    relations: Sequence[Relation], tables: Sequence[Table], pairs: Sequence[tuple[int, int]]
) -> np.ndarray:
    now, before, spans, equal = _weights(tuple(relations))
    first = np.array([i for i, _j in pairs], dtype=np.int64)
    second = np.array([j for _i, j in pairs], dtype=np.int64)
    # Every sum is of whole numbers, so it is exact in floats too.
    within = np.vstack([table.values for table in tables]).astype(float) @ now.T
    sums = within
    if len(tables) == 2:
        between = (
            tables[1].values[second].astype(float) @ now.T + tables[0].values[first].astype(float) @ before.T
        )
    else:
        between = np.zeros((0, len(relations)))
    kept = np.empty(len(relations), dtype=bool)
    for at in range(len(relations)):
        found = between[:, at] if spans[at] else sums[:, at]
        kept[at] = bool(np.all(found == 0) if equal[at] else np.all(found <= 0))
    return kept & ~(spans & (len(tables) < 2))


class _System:
    """The reader's linear system over the hidden cells of one table, or of two consecutive ones."""

    def __init__(self, tables: Sequence[Table], relations: Sequence[Relation]) -> None:
        self.tables = tables
        self.pairs = _pairs(tables)
        self.index: dict[tuple[int, int, int], int] = {}
        for t, table in enumerate(tables):
            for r, c in zip(*np.nonzero(table.hidden), strict=True):
                self.index[(t, int(r), int(c))] = len(self.index)
        now, before, spans, _equal = _weights(tuple(relations))
        kept = _kept(relations, tables, self.pairs)
        where, size = linear_rows.positions([table.hidden for table in tables])
        # Blocks in the order the reader's facts were always listed: per table its column totals,
        # then each row relation for every organisation; last the relations between two moments.
        ub: list[tuple[np.ndarray, np.ndarray]] = []
        eq: list[tuple[np.ndarray, np.ndarray]] = []
        rows = now[kept & ~spans]
        for t, table in enumerate(tables):
            eq.append(linear_rows.column_totals(size, where[t], table.values, table.hidden))
            if len(rows):
                ub.append(linear_rows.rows(size, [(where[t], table.values, table.hidden, rows)]))
        chosen = kept & spans
        if len(tables) == 2 and self.pairs and chosen.any():
            first = [i for i, _j in self.pairs]
            second = [j for _i, j in self.pairs]
            later, earlier = tables[1], tables[0]
            sides = [
                (where[1][second], later.values[second], later.hidden[second], now[chosen]),
                (where[0][first], earlier.values[first], earlier.hidden[first], before[chosen]),
            ]
            ub.append(linear_rows.rows(size, sides))
        self.a_ub, self.b_ub = _stacked(ub, size)
        self.a_eq, self.b_eq = _stacked(eq, size)
        self.size = size

    def _linear(self, terms: Sequence[tuple[int, int, int, int]]) -> tuple[np.ndarray, float]:
        row = np.zeros(len(self.index))
        const = 0.0
        for t, r, c, k in terms:
            key = self.index.get((t, r, c))
            if key is None:
                const += k * float(self.tables[t].values[r, c])
            else:
                row[key] += k
        return row, const

    def outer_bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """Bounds on every unknown by constraint propagation: wider than (or equal to) the programs' ones.

        Cheap, so a cell they already show narrowed needs no program to be called exposed.
        """
        # Every cell lies between 0 and its column's region total.
        totals = [table.values.sum(axis=0) for table in self.tables]
        high = np.array([float(totals[t][c]) for t, _r, c in self.index])
        low = np.zeros(self.size)
        parts = [(a, b) for a, b in ((self.a_ub, self.b_ub), (self.a_eq, self.b_eq)) if a is not None]
        if self.a_eq is not None and self.b_eq is not None:
            parts.append((-self.a_eq, -self.b_eq))
        if not parts or not self.size:
            return low, high
        a = np.vstack([m for m, _ in parts])
        b = np.concatenate([v for _, v in parts])
        positive, negative = a > 0, a < 0
        for _pass in range(50):
            least = np.minimum(a * low, a * high)
            rest = least.sum(axis=1, keepdims=True) - least
            with np.errstate(divide="ignore", invalid="ignore"):
                limit = (b[:, None] - rest) / a
            new_high = np.minimum(high, np.where(positive, limit, np.inf).min(axis=0))
            new_low = np.maximum(low, np.where(negative, limit, -np.inf).max(axis=0))
            if _close(new_high, high) and _close(new_low, low):
                break
            low, high = new_low, new_high
        return low, high

    def unreached(self, targets: Sequence[_Target], low_side: bool) -> list[int]:
        """Targets whose expression the reader can NOT bring to 0 (``low_side``) or up to its reach.

        One linear program with a slack per target certifies many at once: any solution of the
        reader's system in which a target reaches its side proves that side open. Only targets a
        joint program leaves unproven get a program of their own.
        """
        remaining = list(range(len(targets)))
        while remaining:
            proven = self._reached(targets, remaining, low_side)
            if not proven:
                break
            remaining = [t for t in remaining if t not in proven]
        closed = []
        for t in remaining:
            if not self._reached(targets, [t], low_side):
                closed.append(t)
        return closed

    def _reached(self, targets: Sequence[_Target], chosen: list[int], low_side: bool) -> set[int]:
        n, k = self.size, len(chosen)
        rows = np.array([targets[t].vector(self) for t in chosen])
        consts = np.array([targets[t].const(self) - (targets[t].floor if low_side else 0.0) for t in chosen])
        # low side: minimise Σ z with z ≥ g(x), z ≥ 0; high side: maximise Σ y with y ≤ g(x), y ≤ reach.
        extra = np.hstack([rows if low_side else -rows, -np.eye(k) if low_side else np.eye(k)])
        extra_rhs = -consts if low_side else consts
        a_ub = (
            extra
            if self.a_ub is None
            else np.vstack([np.hstack([self.a_ub, np.zeros((len(self.a_ub), k))]), extra])
        )
        b_ub = extra_rhs if self.b_ub is None else np.concatenate([self.b_ub, extra_rhs])
        a_eq = None if self.a_eq is None else np.hstack([self.a_eq, np.zeros((len(self.a_eq), k))])
        bounds = [(0, None)] * n + (
            [(0, None)] * k if low_side else [(None, float(targets[t].reach)) for t in chosen]
        )
        objective = np.concatenate([np.zeros(n), np.ones(k) if low_side else -np.ones(k)])
        result = linprog(
            objective, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=self.b_eq, bounds=bounds, method="highs"
        )
        if result.status != 0:
            raise ValueError(f"the audit's linear program failed: {result.message}")
        values = rows @ result.x[:n] + consts
        if low_side:
            return {t for t, v in zip(chosen, values, strict=True) if v <= _TOLERANCE}
        return {t for t, v in zip(chosen, values, strict=True) if v >= targets[t].reach - _TOLERANCE}

    def interval(self, terms: Sequence[tuple[int, int, int, int]]) -> tuple[float, float]:
        """The smallest and largest value of ``Σ k × cell`` the reader can derive."""
        objective, const = self._linear(terms)
        low = self._solve(objective)
        high = self._solve(-objective)
        return low + const, (-high + const if np.isfinite(high) else np.inf)

    def _solve(self, objective: np.ndarray) -> float:
        result = linprog(
            objective,
            A_ub=self.a_ub,
            b_ub=self.b_ub,
            A_eq=self.a_eq,
            b_eq=self.b_eq,
            bounds=(0, None),
            method="highs",
        )
        if result.status == 3:  # unbounded: the reader has no limit on this side
            return -np.inf
        if result.status != 0:
            raise ValueError(f"the audit's linear program failed: {result.message}")
        return float(result.fun)


def _close(x: np.ndarray, y: np.ndarray) -> bool:
    """``np.allclose(x, y)`` with its default tolerances, without its checks (called in a hot loop)."""
    return bool(np.all((np.abs(x - y) <= 1e-08 + 1e-05 * np.abs(y)) & np.isfinite(y) | (x == y)))


def _stacked(
    blocks: list[tuple[np.ndarray, np.ndarray]], size: int
) -> tuple[np.ndarray | None, np.ndarray | None]:
    blocks = [(a, b) for a, b in blocks if len(a)]
    if not blocks:
        return None, None
    return np.vstack([a for a, _ in blocks]).reshape(-1, size), np.concatenate([b for _, b in blocks])


def _pairs(tables: Sequence[Table]) -> list[tuple[int, int]]:
    if len(tables) < 2:
        return []
    later = {organisation: j for j, organisation in enumerate(tables[1].ids)}
    return [(i, later[o]) for i, o in enumerate(tables[0].ids) if o in later]


@dataclass(frozen=True)
class Audit:
    """The audit of one table: the exposed cells, and the targets it found protected."""

    exposed: list[Finding]
    protected: frozenset[tuple[str, int, int]]


def audit(
    table: Table,
    minimum: int,
    earlier: Table | None = None,
    relations: Sequence[Relation] = ROW_RELATIONS + MOMENT_RELATIONS,
    *,
    known_protected: frozenset[tuple[str, int, int]] = frozenset(),
    intervals: bool = True,
    quick: bool = False,
    required: dict[tuple[str, int, int], tuple[float, float]] | None = None,
) -> Audit:
    """Every hidden small cell (and small difference with the moment before) the reader can narrow.

    A hidden count of 1…``minimum − 1`` is protected when the reader's interval for it reaches 0
    and ``minimum``, or the column's region total where that is smaller (the region figure is
    public, so a cell below it reveals nothing the total does not). The same holds for the
    difference between two consecutive moments of one organisation and column (later − earlier)
    where either cell is hidden (a negative one must reach 0 and −minimum). Hidden cells of at
    least the minimum, and hidden zeros, need no range of their own: they count in the system.

    Args:
        table: the table to publish (the later moment when ``earlier`` is given).
        minimum: the smallest count that may be shown.
        earlier: the table published at the moment before, audited together with ``table``.
        relations: the facts the reader knows (rows; and between moments).
        known_protected: targets an earlier audit of the same tables with fewer hidden cells
            found protected; hiding more only widens every interval, so they are not solved again.
        intervals: work out the reader's interval of each exposed cell (two more programs each);
            without, an exposed cell's interval is given as (nan, nan).
        quick: when constraint propagation alone already shows cells exposed, return those
            without solving programs for the rest (the complementary suppression's rounds).
        required: per target, the (floor, reach) its interval must span instead of (0, reach):
            what ``baseline`` finds the reader knows with the whole table hidden.
    """
    tables = [table] if earlier is None else [earlier, table]
    system = _System(tables, relations)
    targets = [
        replace(t, floor=required[t.key][0], reach=required[t.key][1])
        if required and t.key in required
        else t
        for t in _targets(tables, system, minimum)
        if t.key not in known_protected
    ]
    outer_low, outer_high = system.outer_bounds()
    closed = {n for n, t in enumerate(targets) if not t.may_reach(system, outer_low, outer_high)}
    proven = set(known_protected)
    if not (quick and closed):
        open_targets = [n for n in range(len(targets)) if n not in closed]
        chosen = [targets[n] for n in open_targets]
        closed |= {open_targets[n] for n in system.unreached(chosen, low_side=True)}
        closed |= {open_targets[n] for n in system.unreached(chosen, low_side=False)}
        proven |= {t.key for n, t in enumerate(targets) if n not in closed}
    exposed = []
    for number in sorted(closed):
        target = targets[number]
        low, high = system.interval(target.terms) if intervals else (np.nan, np.nan)
        exposed.append(
            Finding(target.row, COLUMNS[target.column], target.key[0], target.value, low, high, target.key)
        )
    return Audit(exposed, frozenset(proven))


def baseline(
    table: Table, minimum: int, without_data: np.ndarray, earlier: Table | None = None
) -> dict[tuple[str, int, int], tuple[float, float]]:
    """What the reader knows of each small figure with every cell of ``table`` hidden.

    The region totals, the relations and the moment before can pin a figure down by themselves
    (a region whose column total is 3); no choice of hidden cells does better than hiding all, so
    each target's required interval is capped by this one.

    Returns:
        (floor, reach) per target whose interval is narrower than (0, reach) even then.
    """
    everything = np.repeat(~without_data[:, None], len(COLUMNS), axis=1)
    hidden_all = Table(table.ids, table.values, table.hidden | everything)
    tables = [hidden_all] if earlier is None else [earlier, hidden_all]
    system = _System(tables, ROW_RELATIONS + MOMENT_RELATIONS)
    targets = _targets(tables, system, minimum)
    closed = set(system.unreached(targets, low_side=True)) | set(system.unreached(targets, low_side=False))
    found = {}
    for n in closed:
        target = targets[n]
        low, high = system.interval(target.terms)
        sign = float(target.sign)
        low, high = (low, high) if sign > 0 else (-high, -low)
        found[target.key] = (max(0.0, low), min(float(target.reach), high))
    return found


def may_open(
    table: Table,
    minimum: int,
    key: tuple[str, int, int],
    earlier: Table | None = None,
    required: dict[tuple[str, int, int], tuple[float, float]] | None = None,
) -> bool:
    """Whether constraint propagation leaves target ``key`` room to reach its range (a cheap hint).

    The complementary suppression tries cells with it: one after which even the outer bounds
    stay narrow cannot be the fix.
    """
    tables = [table] if earlier is None else [earlier, table]
    system = _System(tables, ROW_RELATIONS + MOMENT_RELATIONS)
    for target in _targets(tables, system, minimum):
        if target.key == key:
            if required and key in required:
                target = replace(target, floor=required[key][0], reach=required[key][1])
            return target.may_reach(system, *system.outer_bounds())
    return True


@dataclass(frozen=True)
class _Target:
    """A hidden small figure: ``sign × Σ terms`` must reach 0 and ``reach``."""

    key: tuple[str, int, int]
    row: int
    column: int
    value: int
    terms: tuple[tuple[int, int, int, int], ...]
    sign: int
    reach: float
    floor: float = 0.0

    def vector(self, system: _System) -> np.ndarray:
        """Its coefficients over the reader's unknowns."""
        return self.sign * system._linear(self.terms)[0]

    def const(self, system: _System) -> float:
        """Its known part."""
        return self.sign * system._linear(self.terms)[1]

    def may_reach(self, system: _System, low: np.ndarray, high: np.ndarray) -> bool:
        """Whether bounds ``low``/``high`` on the unknowns leave room for both 0 and ``reach``."""
        vector, const = self.vector(system), self.const(system)
        least = const + float(np.where(vector > 0, vector * low, vector * high).sum())
        most = const + float(np.where(vector > 0, vector * high, vector * low).sum())
        return least <= self.floor + _TOLERANCE and most >= self.reach - _TOLERANCE


def _targets(tables: Sequence[Table], system: _System, minimum: int) -> list[_Target]:
    last = len(tables) - 1
    totals = [t.values.sum(axis=0) for t in tables]
    found = []
    for t, r, c in system.index:
        value = int(tables[t].values[r, c])
        if 0 < value < minimum:
            key = ("nu" if t == last else "eerder", tables[t].ids[r], c)
            found.append(_Target(key, r, c, value, ((t, r, c, 1),), 1, min(minimum, int(totals[t][c]))))
    for i, j in system.pairs:
        for c in range(len(COLUMNS)):
            difference = int(tables[1].values[j, c] - tables[0].values[i, c])
            if not (tables[0].hidden[i, c] or tables[1].hidden[j, c]) or not 0 < abs(difference) < minimum:
                continue
            if difference > 0:
                reach = min(minimum, int(totals[1][c]))
                if COLUMNS[c] in _CUMULATIVE:
                    reach = min(reach, int(totals[1][c] - totals[0][c]))
            else:
                reach = min(minimum, int(totals[0][c]))
            terms = ((1, j, c, 1), (0, i, c, -1))
            found.append(
                _Target(
                    ("verschil", tables[1].ids[j], c),
                    j,
                    c,
                    difference,
                    terms,
                    1 if difference > 0 else -1,
                    reach,
                )
            )
    return found


_TOLERANCE: Final = 1e-6
