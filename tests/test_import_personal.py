"""Personal data in a delivered file refuses it whole, names row and column, and writes nothing."""

import pytest
from sqlalchemy import func, select

from dashboard.data.models import AuditEvent, ImportLog, Meeting, Organisation, Trajectory
from dashboard.importing import ImportRejected
from tests.helpers import load, trajectory

CASE = "Casus Jan de Vries BSN 111222333 geb. 01-02-1980"


def counts(db) -> dict[str, int]:
    with db.engine.connect() as connection:
        return {
            model.__name__: connection.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (ImportLog, Meeting, Organisation, Trajectory)
        }


def meeting(onderwerp: str = "", organisaties: str = "", datum: str = "2026-03-12") -> dict[str, str]:
    return {
        "regio": "AM09",
        "soort": "casusbespreking",
        "datum": datum,
        "deelnemers": "8",
        "onderwerp": onderwerp,
        "organisaties": organisaties,
    }


def refused(db, kind: str, rows: list[dict[str, str]]) -> ImportRejected:
    before = counts(db)
    with pytest.raises(ImportRejected) as caught:
        load(db, kind, rows)
    assert counts(db) == before
    return caught.value


def test_a_bsn_and_birth_date_in_onderwerp_refuse_the_file_without_repeating_them(db):
    rows = [meeting("Casus werkgever"), meeting(CASE, datum="2026-04-09")]
    error = refused(db, "bijeenkomsten", rows)
    assert [(p.row, p.column) for p in error.problems] == [(3, "onderwerp")]
    report = error.report()
    assert "rij 3, kolom 'onderwerp'" in report and "geldig BSN" in report
    for secret in ("111222333", "01-02-1980", "Jan de Vries"):
        assert secret not in report


def test_the_refused_file_changes_nothing_already_stored(db):
    load(db, "bijeenkomsten", [meeting("Casus werkgever")])
    load(db, "trajecten", [trajectory("HZW-AM09-2026-0003", "2026-01-10")])
    with db.engine.connect() as connection:
        stored = connection.execute(select(Meeting.onderwerp, Meeting.deelnemers)).all()
        audited = connection.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    changed = [meeting("Casus werkgever"), meeting(CASE)]
    changed[0]["deelnemers"] = "12"  # a change the refused file would otherwise have made
    refused(db, "bijeenkomsten", changed)
    with db.engine.connect() as connection:
        assert connection.execute(select(Meeting.onderwerp, Meeting.deelnemers)).all() == stored
        # Only the refusal itself is audited, by category and never with the value.
        events = connection.execute(select(AuditEvent.detail).order_by(AuditEvent.id)).scalars().all()
    assert len(events) == audited + 1
    assert "afgekeurd" in events[-1] and "111222333" not in events[-1]


@pytest.mark.parametrize(
    ("column", "value", "kind"),
    [
        ("traject_id", "ID-111222333", "geldig BSN"),
        ("traject_id", "HZW 111 222 333", "geldig BSN"),
        ("organisatie", "GGZ Test t.a.v. j.devries@example.nl", "e-mailadres"),
        ("organisatie", "GGZ Test, bel 06-12345678", "telefoonnummer"),
        ("organisatie", "GGZ Test (+31 6 1234 5678)", "telefoonnummer"),
        ("organisatie", "GGZ Test 020-1234567", "telefoonnummer"),
        ("organisatie", "GGZ Test cliënt geboren 3 februari 1985", "geboortedatum"),
    ],
)
def test_personal_data_in_a_trajectory_text_field_refuses_the_file(db, column, value, kind):
    row = trajectory("A1", "2026-01-10") | {column: value}
    error = refused(db, "trajecten", [trajectory("A0", "2026-01-10"), row])
    assert [(p.row, p.column) for p in error.problems] == [(3, column)]
    assert kind in error.report() and value not in error.report()


@pytest.mark.parametrize(
    ("onderwerp", "organisaties"),
    [("Overleg, vragen via j.jansen@gemeente.nl", ""), ("", "GGZ Test|Tel. 0031 20 1234567")],
)
def test_e_mail_and_phone_in_meeting_fields_refuse_the_file(db, onderwerp, organisaties):
    error = refused(db, "bijeenkomsten", [meeting(onderwerp, organisaties)])
    assert error.problems[0].row == 2
    assert error.problems[0].column == ("onderwerp" if onderwerp else "organisaties")


def test_a_column_outside_the_contract_is_searched_too(db):
    row = trajectory("A1", "2026-01-10") | {"opmerking": "terugbellen 06 1234 5678"}
    error = refused(db, "trajecten", [row])
    assert [(p.row, p.column) for p in error.problems] == [(2, "opmerking")]


@pytest.mark.parametrize(
    "header", ["BЅN", "sofinummer", "date_of_birth", "Name", "zipcode", "Postal Code", "E‑mail", "Ｐｈｏｎｅ"]
)
def test_identifying_headers_in_any_spelling_are_refused(db, header):
    row = trajectory("A1", "2026-01-10") | {header: "x"}
    error = refused(db, "trajecten", [row])
    assert "kan personen identificeren" in error.report()
    assert [p.column for p in error.problems] == [header.strip().lower()]


def test_legitimate_values_of_every_file_kind_are_accepted(db):
    rows = [
        trajectory(
            "HZW-AM09-2026-0003", "10-1-2026", aanmelddatum="2026-01-02", organisatie="Werkplein Achterhoek B"
        ),
        trajectory("2023-12345", "2026-02-10", regio="Achterhoek", organisatie="GGZ De Linde 2"),
        trajectory("HZW20260312", "2026-03-12", organisatie="Stichting Gebouw 12"),
    ]
    assert load(db, "trajecten", rows).nieuw == 3
    topics = [
        "Stuurgroep 12-03-2026 12.30",
        "Casus 2026-03 werkgever",
        "Leerbijeenkomst Q1 2026 (20 deelnemers)",
    ]
    result = load(db, "bijeenkomsten", [meeting(t, "GGZ De Linde 2|Werkplein Achterhoek B") for t in topics])
    assert result.nieuw == 3
    target = {"regio": "AM09", "jaar": "2026", "trajecten": "120", "duurzaam_pct": "40,5"}
    assert load(db, "doelen", [target | {"leerbijeenkomsten": "3", "casusbesprekingen": "10"}]).nieuw == 1
