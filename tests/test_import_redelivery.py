"""A re-delivery that leaves out earlier trajectories: reported by count, kept or withdrawn."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from dashboard.cli import cli, run
from dashboard.data.models import AuditEvent, ImportLog, Trajectory
from dashboard.importing import ImportRejected
from tests.test_import_identity import by_organisation, rows, started, stored, summary_is_exact

IDS = [f"R{n:02d}" for n in range(10)]


def ggnet(ids: list[str]) -> list[dict[str, str]]:
    """GGNet's rows for these ids as it delivers them: R00 to R03 placed."""
    delivered = rows(ids)
    for row in delivered:
        if row["traject_id"] in IDS[:4]:
            row["plaatsingsdatum"] = "2026-06-19"
    return delivered


def delivered(db) -> None:
    """Ten trajectories of GGNet (four placed) and two of another organisation."""
    load_rows(db, ggnet(IDS))
    load_rows(db, rows(["U1", "U2"], organisation="UWV Achterhoek"))


def load_rows(db, data, **choices):
    from tests.helpers import load

    return load(db, "trajecten", data, **choices)


def last_log(db) -> tuple[int, str | None]:
    query = select(ImportLog.ontbrekend, ImportLog.ontbrekend_keuze).order_by(ImportLog.id.desc()).limit(1)
    with db.engine.connect() as connection:
        entry = connection.execute(query).one()
    return entry.ontbrekend, entry.ontbrekend_keuze


def the_re_delivery() -> list[dict[str, str]]:
    # Leaves out R00 … R04 (R00 to R03 placed), keeps R05 … R09, adds R10.
    return ggnet(IDS[5:] + ["R10"])


def test_without_a_choice_the_import_stops_with_the_count_and_both_options(db):
    delivered(db)
    before = (started(db), stored(db, Trajectory), stored(db, ImportLog))
    assert before == (12, 12, 2)
    with pytest.raises(ImportRejected) as caught:
        load_rows(db, the_re_delivery())
    report = caught.value.report()
    assert "5 eerder aangeleverde trajecten staan niet in dit bestand (GGNet 5)" in report
    assert "--ontbrekend behouden of --ontbrekend intrekken" in report
    assert (started(db), stored(db, Trajectory), stored(db, ImportLog)) == before
    # A check only reports them, and says what to choose.
    checked = load_rows(db, the_re_delivery(), check_only=True)
    assert (checked.ontbrekend, checked.ontbrekend_keuze, checked.nieuw) == (5, None, 1)
    assert "Let op: 5 eerder aangeleverde trajecten staan niet in dit bestand (GGNet 5)" in checked.summary()
    assert (started(db), stored(db, Trajectory), stored(db, ImportLog)) == before


def test_keeping_them_counts_them_as_before_and_records_the_choice(db):
    delivered(db)
    assert (started(db), by_organisation(db, "geplaatst")) == (12, {"GGNet": 4})
    result = load_rows(db, the_re_delivery(), left_out="behouden")
    assert (result.nieuw, result.ongewijzigd, result.ontbrekend, result.ontbrekend_keuze) == (
        1,
        5,
        5,
        "behouden",
    )
    assert "5 eerder aangeleverde trajecten stonden niet in dit bestand (GGNet 5) en zijn behouden." in (
        result.summary()
    )
    assert (started(db), by_organisation(db, "geplaatst")) == (13, {"GGNet": 4})
    assert by_organisation(db) == {"GGNet": 11, "UWV Achterhoek": 2}
    assert last_log(db) == (5, "behouden")
    # Kept rows are still earlier trajectories: the next re-delivery asks again.
    with pytest.raises(ImportRejected):
        load_rows(db, the_re_delivery())


def test_withdrawing_them_keeps_the_rows_but_no_figure_counts_them(db):
    delivered(db)
    assert (started(db), by_organisation(db, "geplaatst")) == (12, {"GGNet": 4})
    result = load_rows(db, the_re_delivery(), left_out="intrekken")
    assert (result.nieuw, result.ongewijzigd, result.ontbrekend, result.ontbrekend_keuze) == (
        1,
        5,
        5,
        "intrekken",
    )
    assert "en zijn ingetrokken; ze tellen niet meer mee." in result.summary()
    # 12 + 1 new - 5 withdrawn; the four placements were among the withdrawn.
    assert (started(db), by_organisation(db, "geplaatst")) == (8, {})
    assert by_organisation(db) == {"GGNet": 6, "UWV Achterhoek": 2}
    assert stored(db, Trajectory) == 13
    with db.engine.connect() as connection:
        withdrawn = connection.execute(
            select(Trajectory.traject_id).where(Trajectory.eindreden == "ingetrokken")
        ).scalars()
        assert sorted(withdrawn) == IDS[:5]
    assert last_log(db) == (5, "intrekken")
    assert summary_is_exact(db)
    # The same file again leaves out nothing that still counts; the organisation is untouched.
    again = load_rows(db, the_re_delivery())
    assert (again.ontbrekend, again.ongewijzigd) == (0, 6)
    # Delivering a withdrawn trajectory again brings it back.
    back = load_rows(db, ggnet(IDS[:1] + IDS[5:] + ["R10"]))
    assert (back.gewijzigd, back.ontbrekend) == (1, 0)
    assert started(db) == 9
    assert summary_is_exact(db)


def test_a_file_with_only_new_trajectories_adds_and_asks_nothing(db):
    delivered(db)
    result = load_rows(db, rows(["R20", "R21"]))
    assert (result.nieuw, result.ontbrekend) == (2, 0)
    assert started(db) == 14


def test_other_organisations_in_the_region_are_not_left_out(db):
    delivered(db)
    # GGNet re-delivered whole; UWV Achterhoek is not in the file and keeps its two.
    result = load_rows(db, ggnet(IDS))
    assert (result.ontbrekend, result.ongewijzigd) == (0, 10)
    assert started(db) == 12


def test_the_cli_choice_goes_into_the_import_log_and_the_audit(
    db, database_url, monkeypatch, tmp_path, capsys
):
    import pandas as pd

    monkeypatch.setenv("HZW_DATABASE_URL", database_url)
    delivered(db)
    path = tmp_path / "opnieuw.csv"
    pd.DataFrame(the_re_delivery()).to_csv(path, sep=";", index=False)
    assert run(cli, ["import", "trajecten", str(path)]) == 1
    err = capsys.readouterr().err
    assert "5 eerder aangeleverde trajecten staan niet in dit bestand" in err and "Traceback" not in err
    assert run(cli, ["import", "trajecten", str(path), "--controleer"]) == 0
    assert "Let op: 5 eerder aangeleverde trajecten" in capsys.readouterr().out
    assert started(db) == 12
    assert run(cli, ["import", "trajecten", str(path), "--ontbrekend", "intrekken"]) == 0
    assert "zijn ingetrokken" in capsys.readouterr().out
    assert started(db) == 8 and last_log(db) == (5, "intrekken")
    with db.engine.connect() as connection:
        detail = (
            connection.execute(select(AuditEvent.detail).order_by(AuditEvent.id.desc())).scalars().first()
        )
    assert detail == "trajecten: opnieuw.csv (hzw import); ontbrekend: 5 intrekken"
    assert run(cli, ["import", "trajecten", str(path), "--ontbrekend", "weggooien"]) == 2


def test_a_withdrawn_end_reason_can_be_delivered_in_a_file(db):
    delivered(db)
    again = ggnet(IDS)
    again[9]["eindreden"] = "Ingetrokken"
    assert load_rows(db, again).gewijzigd == 1
    assert started(db) == 11


@pytest.mark.parametrize("peildatum", [dt.date(2026, 6, 30), dt.date(2026, 6, 20)], ids=str)
def test_withdrawn_rows_leave_every_event_at_month_ends_and_inside_a_month(db, peildatum, monkeypatch):
    from tests import test_import_identity

    monkeypatch.setattr(test_import_identity, "PEILDATUM", peildatum)
    delivered(db)
    load_rows(db, the_re_delivery(), left_out="intrekken")
    assert (started(db), by_organisation(db, "geplaatst")) == (8, {})
