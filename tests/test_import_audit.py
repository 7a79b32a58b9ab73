"""Every import is in the audit trail: a success in the same transaction as the import, a failure after."""

from __future__ import annotations

import base64

import pytest
from sqlalchemy import func, select

from callbacks.upload import check_upload, confirm_upload
from dashboard.auth.viewer import Viewer
from dashboard.cli import cli, run
from dashboard.data.models import AuditEvent, ImportLog, Trajectory
from dashboard.importing import ImportBusy, service
from tests.helpers import viewing_as
from tests.test_callbacks import text_of

HEADER = "traject_id;regio;organisatie;methode;startdatum\n"
# Values that must never reach the audit trail: they are row content.
SECRET_ID, SECRET_ORG, SECRET_REGION = "GEHEIM-7731", "Praktijk Vertrouwelijk", "Geheimstad"


@pytest.fixture
def cli_db(db, monkeypatch):
    monkeypatch.setenv("HZW_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
    return db


def _audit(db) -> list[tuple[str, str, str]]:
    with db.engine.connect() as connection:
        query = select(AuditEvent.gebeurtenis, AuditEvent.gebruiker, AuditEvent.detail).order_by(
            AuditEvent.id
        )
        return [tuple(row) for row in connection.execute(query)]


def _count(db, model) -> int:
    with db.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(model)))


def test_a_rejected_file_is_audited_without_its_rows(cli_db, tmp_path, capsys):
    bad = tmp_path / "fout.csv"
    bad.write_text(HEADER + f"{SECRET_ID};{SECRET_REGION};{SECRET_ORG};IPS;2026-02-01\n", encoding="utf-8")
    assert run(cli, ["import", "trajecten", str(bad), "--gebruiker", "beheer-jan"]) == 1
    assert SECRET_REGION in capsys.readouterr().err  # the sender is told which row is wrong …
    assert _audit(cli_db) == [
        ("import mislukt", "beheer-jan", "trajecten: fout.csv (hzw import): afgekeurd, 1 fout(en)")
    ]
    # … the audit trail is not: nothing of the row, and nothing was written.
    assert _count(cli_db, ImportLog) == 0 and _count(cli_db, Trajectory) == 0
    unreadable = tmp_path / "leeg.xlsx"
    unreadable.write_bytes(b"geen spreadsheet")
    assert run(cli, ["import", "trajecten", str(unreadable), "--gebruiker", "beheer-jan"]) == 1
    assert _audit(cli_db)[-1][0] == "import mislukt" and "leeg.xlsx" in _audit(cli_db)[-1][2]
    trail = repr(_audit(cli_db))
    assert SECRET_ID not in trail and SECRET_ORG not in trail and SECRET_REGION not in trail


def test_a_successful_import_is_in_both_logs(cli_db, tmp_path):
    good = tmp_path / "goed.csv"
    good.write_text(HEADER + f"{SECRET_ID};AM09;{SECRET_ORG};IPS;2026-02-01\n", encoding="utf-8")
    assert run(cli, ["import", "trajecten", str(good), "--gebruiker", "beheer-jan"]) == 0
    assert run(cli, ["import", "trajecten", str(good), "--controleer", "--gebruiker", "beheer-jan"]) == 0
    assert _audit(cli_db) == [("import", "beheer-jan", "trajecten: goed.csv (hzw import)")]
    assert _count(cli_db, ImportLog) == 1


def test_the_import_and_its_audit_event_commit_together(db, tmp_path, monkeypatch):
    good = tmp_path / "goed.csv"
    good.write_text(HEADER + "T1;AM09;GGZ Test;IPS;2026-02-01\n", encoding="utf-8")

    add_event = service.store.add_event

    def audit_fails(session, event, *args, **kwargs):
        if event == "import":
            raise RuntimeError("auditregel niet geschreven")
        add_event(session, event, *args, **kwargs)

    # When the audit event cannot be written, neither is the import (and the other way round: an
    # import that is rolled back leaves no "import" event, only the failure).
    monkeypatch.setattr(service.store, "add_event", audit_fails)
    with pytest.raises(RuntimeError):
        service.import_file(db, "trajecten", good, user="jan", max_bytes=10_000)
    assert _count(db, ImportLog) == 0 and _count(db, Trajectory) == 0
    assert _audit(db) == [("import mislukt", "jan", "trajecten: goed.csv: onverwachte fout (RuntimeError)")]
    monkeypatch.undo()
    service.import_file(db, "trajecten", good, user="jan", max_bytes=10_000)
    assert _count(db, ImportLog) == 1 and ("import", "jan", "trajecten: goed.csv") in _audit(db)


def data_url(text: str) -> str:
    return "data:text/csv;base64," + base64.b64encode(text.encode()).decode()


def test_uploads_are_audited_and_a_busy_organisation_is_a_dutch_message(app, db, monkeypatch):
    admin = Viewer("bea", "beheer")
    with viewing_as(app, admin):
        check_upload(data_url(HEADER + f"{SECRET_ID};AM99;X;IPS;2026-02-01\n"), "fout.csv", "trajecten")
        confirm_upload(1, data_url(HEADER + "U1;AM09;GGZ Oost;IPS;2026-02-01\n"), "oost.csv", "trajecten")
    assert _audit(db) == [
        ("import mislukt", "bea", "trajecten: fout.csv: afgekeurd, 1 fout(en) (alleen gecontroleerd)"),
        ("import", "bea", "trajecten: oost.csv"),
    ]

    def busy(*args, **kwargs):
        raise ImportBusy("oost.csv")

    monkeypatch.setattr("callbacks.upload.import_file", busy)
    with viewing_as(app, admin):
        result, disabled, *_ = confirm_upload(1, data_url(HEADER), "oost.csv", "trajecten")
    assert "Er loopt al een import voor deze organisatie; probeer het zo opnieuw." in text_of(result)
    assert disabled is False  # the file is fine: the button stays for another try
