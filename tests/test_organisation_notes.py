"""The grid's rows hidden whole: a short word in the row, the count and the reason once under the grid."""

import pandas as pd
import pytest

from dashboard.reports.organisation import hidden_rows_note, organisation_rows
from dashboard.rules.protection import ROW_REASON
from dashboard.rules.suppression import ORGANISATION_COUNTS

pytestmark = pytest.mark.zuiver


def table(reasons: list[str | None]) -> pd.DataFrame:
    rows = []
    for index, reason in enumerate(reasons):
        row = {"id": index, "organisatie": f"Org {index}", "soort": "gemeente", "laatst_aangeleverd": None}
        for column in ORGANISATION_COUNTS:
            row[column] = "x" if reason else 7
            row[f"{column}_onderdrukt"] = bool(reason)
        row.update(duurzaam_pct=None, duurzaam_pct_onderdrukt=True, aandeel_regio_pct=None)
        row.update(aandeel_regio_pct_onderdrukt=True, toelichting=reason)
        rows.append(row)
    return pd.DataFrame(rows)


def test_hidden_rows_are_counted_once_with_their_reason():
    rows = organisation_rows(table([ROW_REASON, None, ROW_REASON]))
    assert [row["toelichting"] for row in rows] == ["rij verborgen", None, "rij verborgen"]
    note = hidden_rows_note(rows)
    assert note is not None and note.startswith("2 van de 3 organisaties zonder cijfers")
    assert hidden_rows_note(organisation_rows(table([None, None]))) is None
