"""The upload page asks for the same choices as the CLI: left-out rows, a name like a known one."""

from __future__ import annotations

from sqlalchemy import select

from callbacks.upload import check_upload, confirm_upload
from dashboard.data.models import AuditEvent, Organisation, Trajectory
from tests.helpers import viewing_as
from tests.test_callbacks import text_of
from tests.test_data_page import ADMIN, count, data_url

HEADER = "traject_id;regio;organisatie;methode;startdatum\n"
FIRST = HEADER + "".join(f"P{n};AM09;GGZ Oost;IPS;2026-03-0{n}\n" for n in range(1, 6))
# Leaves out P1 and P2.
AGAIN = HEADER + "".join(f"p{n};AM09;GGZ Oost;IPS;2026-03-0{n}\n" for n in range(3, 6))


def test_a_re_delivery_on_the_page_asks_keep_or_withdraw(app, db):
    with viewing_as(app, ADMIN):
        confirm_upload(1, data_url(FIRST), "oost.csv", "trajecten")
        report, disabled, _ = check_upload(data_url(AGAIN), "oost.csv", "trajecten")
        assert disabled is False
        assert "2 eerder aangeleverde trajecten staan niet in dit bestand (GGZ Oost 2)" in text_of(report)
        result, *_ = confirm_upload(1, data_url(AGAIN), "oost.csv", "trajecten")
        assert "geweigerd" in text_of(result) and count(db, Trajectory) == 5
        result, *_ = confirm_upload(1, data_url(AGAIN), "oost.csv", "trajecten", "intrekken")
    assert "3 ongewijzigd" in text_of(result) and "zijn ingetrokken" in text_of(result)
    with db.engine.connect() as connection:
        withdrawn = connection.execute(
            select(Trajectory.traject_id).where(Trajectory.eindreden == "ingetrokken")
        )
        assert sorted(withdrawn.scalars()) == ["P1", "P2"]
        detail = (
            connection.execute(select(AuditEvent.detail).order_by(AuditEvent.id.desc())).scalars().first()
        )
    assert detail == "trajecten: oost.csv; ontbrekend: 2 intrekken"


def test_a_name_like_a_known_one_is_confirmed_as_new_on_the_page(app, db):
    other = HEADER + "Q1;AM09;Stichting GGZ Oost;IPS;2026-03-01\n"
    with viewing_as(app, ADMIN):
        confirm_upload(1, data_url(FIRST), "oost.csv", "trajecten")
        report, disabled, _ = check_upload(data_url(other), "st.csv", "trajecten")
        assert disabled is False and "lijkt op de bekende organisatie 'GGZ Oost'" in text_of(report)
        assert "met 1 waarschuwing." in text_of(report)
        # Importeren without "Toch importeren" stores nothing and says so.
        result, disabled, *_ = confirm_upload(1, data_url(other), "st.csv", "trajecten")
        assert "er is niets opgeslagen" in text_of(result) and disabled is False
        assert count(db, Organisation) == 1
        report, disabled, _ = check_upload(
            data_url(other), "st.csv", "trajecten", None, " stichting ggz oost "
        )
        assert disabled is False and "Nieuwe organisatie bevestigd" in text_of(report)
        confirm_upload(1, data_url(other), "st.csv", "trajecten", None, "Stichting GGZ Oost")
    assert count(db, Organisation) == 2


def test_toch_importeren_on_the_page_writes_the_new_organisation(app, db):
    other = HEADER + "Q1;AM09;GGZ Oostt;IPS;2026-03-01\n"
    with viewing_as(app, ADMIN):
        confirm_upload(1, data_url(FIRST), "oost.csv", "trajecten")
        # A forged request's truthy non-boolean is no tick.
        result, *_ = confirm_upload(1, data_url(other), "st.csv", "trajecten", None, None, "ja")
        assert count(db, Organisation) == 1
        result, *_ = confirm_upload(1, data_url(other), "st.csv", "trajecten", None, None, True)
    assert "Ingelezen" in text_of(result) and "1 rij trajecten: 1 nieuw" in text_of(result)
    assert count(db, Organisation) == 2
    with db.engine.connect() as connection:
        detail = (
            connection.execute(select(AuditEvent.detail).order_by(AuditEvent.id.desc())).scalars().first()
        )
    assert detail == "trajecten: st.csv; toch geïmporteerd ondanks 1 waarschuwing(en)"
