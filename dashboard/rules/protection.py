"""Complementary suppression driven by the disclosure audit, and the organisation table as published.

Small counts (1…minimum − 1) are hidden first. Then, as long as the audit
(``dashboard.rules.disclosure``) can narrow a hidden small count or a small difference with the
previous published moment, one more cell of the table is hidden: the cell itself where a
difference gives it away, else the smallest shown cell in the same column or row (a zero only when
no non-zero cell is left). Region totals stay visible. A row that would lose most of its cells is
hidden whole, with the reason where its figures would be. Hidden cells all show ``x``: a marker
that says "below the minimum" would narrow the cell by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from dashboard.i18n import N_
from dashboard.rules.disclosure import COLUMNS, Finding, Table, audit, baseline, may_open
from dashboard.rules.suppression import HIDDEN, ORGANISATION_PERCENTAGES, SuppressionRule

# A row with this many of its seven counts hidden says little more than a row hidden whole.
MOST_OF_ROW: Final = 4
ROW_REASON: Final = N_(
    "Niet getoond: te weinig trajecten om cijfers per organisatie te tonen "
    "zonder dat kleine aantallen herleidbaar zijn."
)
TABLE_REASON: Final = N_(
    "Deze tabel wordt niet getoond: de controle op herleidbaarheid vond een klein aantal "
    "dat niet te beschermen is."
)


@dataclass(frozen=True)
class Protection:
    """Which cells of one published organisation table are hidden, and why.

    Attributes:
        ids: the organisations, in the table's order.
        values: their true counts (``COLUMNS``), for the audit of the next moment.
        hidden: cells hidden (same shape).
        primary: how many hidden cells are small counts themselves.
        whole_rows: positions of rows hidden whole.
        safe: whether the final audit found nothing to work out (a table that is not is not shown).
    """

    ids: tuple[int, ...]
    values: np.ndarray
    hidden: np.ndarray
    primary: int
    whole_rows: tuple[int, ...]
    safe: bool

    @property
    def table(self) -> Table:
        """As the audit reads it."""
        return Table(self.ids, self.values, self.hidden)


def protect(
    ids: tuple[int, ...], values: np.ndarray, without_data: np.ndarray, minimum: int, earlier: Table | None
) -> Protection:
    """Hide the small counts of a table and enough other cells that the audit finds none exposed.

    Args:
        ids: organisation ids, one per row.
        values: true counts, one column per ``disclosure.COLUMNS`` entry.
        without_data: rows of organisations without data (*geen gegevens*): shown empty, never hidden.
        minimum: the smallest count that may be shown.
        earlier: the table published at the previous moment (its hidden cells fixed), or None.
    """
    open_cells = np.repeat(~without_data[:, None], len(COLUMNS), axis=1)
    hidden = (values > 0) & (values < minimum) & open_cells
    primary = int(hidden.sum())
    protected: frozenset[tuple[str, int, int]] = frozenset()
    required = baseline(Table(ids, values, hidden), minimum, without_data, earlier)
    # Each round hides at least one more cell, so this ends within the table's size.
    for _round in range(values.size + 1):
        found = audit(
            Table(ids, values, hidden),
            minimum,
            earlier,
            known_protected=protected,
            intervals=False,
            quick=True,
            required=required,
        )
        protected = found.protected
        if not found.exposed:
            break
        cells = {
            _complement(f, Table(ids, values, hidden), open_cells, minimum, earlier, required)
            for f in found.exposed
        }
        if None in cells:
            hidden = hidden | open_cells
            break
        for cell in cells:
            hidden[cell] = True
    hidden[hidden.sum(axis=1) >= MOST_OF_ROW] = True
    whole = tuple(r for r in range(len(ids)) if not without_data[r] and hidden[r].all())
    # The final audit: targets proven protected in the rounds stay so (hiding more only widens
    # every interval), so only new ones are solved; tests audit every table afresh.
    final = audit(
        Table(ids, values, hidden),
        minimum,
        earlier,
        known_protected=protected,
        intervals=False,
        required=required,
    )
    safe = not final.exposed
    return Protection(ids, values, hidden, primary, whole, safe)


# Cells tried per exposed figure before taking the smallest: each try costs a propagation.
_TRIES: Final = 6


def _complement(
    finding: Finding,
    table: Table,
    open_cells: np.ndarray,
    minimum: int,
    earlier: Table | None,
    required: dict[tuple[str, int, int], tuple[float, float]],
) -> tuple[int, int] | None:
    ids, values, hidden = table.ids, table.values, table.hidden
    row = finding.row
    if finding.moment == "eerder":
        assert earlier is not None
        if earlier.ids[row] not in ids:
            return None
        row = ids.index(earlier.ids[row])
    c = COLUMNS.index(finding.column)
    shown = open_cells & ~hidden
    candidates = [(r, c) for r in range(len(ids)) if shown[r, c]]
    candidates += [(row, k) for k in range(len(COLUMNS)) if k != c and shown[row, k]]
    if not candidates:
        return None
    # The cell itself first (a difference it gives away), then the smallest non-zero, zeros last;
    # the first that constraint propagation says can open the finding, else simply the first.
    ranked = sorted(candidates, key=lambda rc: (rc != (row, c), values[rc] == 0, int(values[rc])))
    for cell in ranked[:_TRIES]:
        trial = hidden.copy()
        trial[cell] = True
        if may_open(Table(ids, values, trial), minimum, finding.key, earlier, required):
            return cell
    return ranked[0]


def published_frame(
    frame: pd.DataFrame, protection: Protection | None, rule: SuppressionRule
) -> pd.DataFrame:
    """The organisation table as it may be published: hidden counts ``x``, percentages that reveal them None.

    Args:
        frame: ``funnel_by_organisation`` (one row per organisation).
        protection: the cells to hide (None: nothing hidden, for ``beheer``).
        rule: the percentage thresholds.

    Returns:
        Columns id, organisatie, soort, the counts each followed by ``<count>_onderdrukt``,
        duurzaam_pct, aandeel_regio_pct (each with ``_onderdrukt``), toelichting (why a row is not
        shown, else None) and laatst_aangeleverd. No data is missing, never 0.
    """
    delivered = frame["geleverd"].astype(bool)
    counts = frame[list(COLUMNS)].astype(int)
    hidden = protection.hidden if protection is not None else np.zeros((len(frame), len(COLUMNS)), dtype=bool)
    region = {c: int(counts[c].sum()) for c in COLUMNS}
    out = frame[["id", "organisatie", "soort"]].copy()
    for k, column in enumerate(COLUMNS):
        cells = [
            None if not delivered.iloc[r] else HIDDEN if hidden[r, k] else int(counts[column].iloc[r])
            for r in range(len(frame))
        ]
        out[column] = pd.Series(cells, index=frame.index, dtype=object)
        out[f"{column}_onderdrukt"] = [bool(hidden[r, k]) for r in range(len(frame))]
    for name, pct in ORGANISATION_PERCENTAGES.items():
        uses = [pct.numerator] + ([pct.denominator] if pct.denominator else [])
        values, flags = [], []
        for r in range(len(frame)):
            top = int(counts[pct.numerator].iloc[r])
            base = int(counts[pct.denominator].iloc[r]) if pct.denominator else region[pct.numerator]
            drop = base < max(rule.percent_base, 1) or any(hidden[r, COLUMNS.index(u)] for u in uses)
            values.append(None if drop or not delivered.iloc[r] else 100 * top / base)
            flags.append(bool(drop and delivered.iloc[r] and base > 0))
        out[name] = pd.Series(values, index=frame.index, dtype=object)
        out[f"{name}_onderdrukt"] = flags
    whole = set(protection.whole_rows) if protection is not None else set()
    reasons = [ROW_REASON if r in whole else None for r in range(len(frame))]
    out["toelichting"] = pd.Series(reasons, index=frame.index, dtype=object)
    out["laatst_aangeleverd"] = frame["laatst_aangeleverd"]
    return out
