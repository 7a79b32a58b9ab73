"""Organisation figures of a region, as the viewer may see them: for the grid, the export and the pack.

Small numbers are already hidden (``dashboard.data.access`` applies the viewer's suppression
rule), so every output that reads these rows shows the same hidden cells.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.data import access
from dashboard.i18n import _
from dashboard.infra.db import Database
from dashboard.reports.view import View
from dashboard.rules.suppression import ORGANISATION_COUNTS
from dashboard.text import format as fmt
from dashboard.text.rounding import exact


def _plain(value: object) -> object:
    # Shown numbers as Python numbers, markers as text, missing as None (JSON for the grid). The
    # grid rounds halves away from zero as fmt does, once the float noise is gone (28.499999999999996
    # is 28.5, which shows as 29 %).
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return value
    number = float(exact(value))  # type: ignore[arg-type]
    return int(number) if number.is_integer() else number


def organisation_rows(shown: pd.DataFrame) -> list[dict[str, Any]]:
    """Grid rows of the region's organisations as published (``access.organisation_table``)."""
    rows = []
    for rec in shown.to_dict("records"):
        last = rec["laatst_aangeleverd"]
        rows.append(
            {
                "id": int(rec["id"]),
                "organisatie": rec["organisatie"],
                # pandas gives NaN, not None, for an organisation of unknown type.
                "soort": rec["soort"] if isinstance(rec["soort"], str) else _("onbekend"),
                **{column: _plain(rec[column]) for column in ORGANISATION_COUNTS},
                "duurzaam_pct": _plain(rec["duurzaam_pct"]),
                "aandeel_pct": _plain(rec["aandeel_regio_pct"]),
                "onderdrukt": any(bool(rec[f"{column}_onderdrukt"]) for column in ORGANISATION_COUNTS),
                # The calendar day in Dutch time; the grid and the tile have no room for the time.
                "laatst_aangeleverd": fmt.moment(last).rsplit(" ", 1)[0]
                if last is not None and not pd.isna(last)
                else _("geen gegevens"),
            }
        )
    return rows


def region_organisations(db: Database, view: View, code: str, minimum: int) -> list[dict[str, Any]]:
    """The organisations of region ``code``: counts of start cohort ``view.year``, outflow of ``view.cohort``.

    The outflow percentage is that of the cohort the region page's gauge and comparison hold
    against the goal, as the grid's column title says.

    Raises:
        access.NoAccess: when ``view.viewer`` may not see this region's organisations.
    """
    viewer = view.viewer
    if viewer is None:
        raise access.NoAccess(_("U hebt geen toegang tot cijfers per organisatie."))
    rows = organisation_rows(access.organisation_table(viewer, db, code, view.year, view.peildatum, minimum))
    cohort = access.organisation_table(viewer, db, code, view.cohort, view.peildatum, minimum)
    outflow = {row["id"]: row["duurzaam_pct"] for row in organisation_rows(cohort)}
    return [row | {"duurzaam_pct": outflow.get(row["id"])} for row in rows]
