"""The checks of an import: every error of a row, and warnings that need "toch importeren"."""

import pytest

from dashboard.importing import ImportRejected
from tests.helpers import load, trajectory


def test_a_row_with_two_errors_reports_both(db):
    rows = [
        trajectory("E1", "2026-01-10"),
        trajectory("E2", "2026-03-10", methode="Toverkunst", einddatum="2026-02-01"),
    ]
    with pytest.raises(ImportRejected) as caught:
        load(db, "trajecten", rows)
    report = caught.value.report()
    assert "rij 3, kolom 'methode': waarde 'Toverkunst'" in report
    assert "rij 3, kolom 'einddatum': waarde '2026-02-01': niet voor de startdatum" in report
    assert len(caught.value.problems) == 2
