"""Who sees which published figures, also through forged callback and export requests.

``demo-landelijk``'s role (``landelijk``) gets organisation figures only as published: the table
frozen at a quarter end, never the current figures of a day that was not published.
"""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest

from dashboard.auth import store
from dashboard.data import snapshots
from dashboard.reports import publication
from tests.conftest import PEILDATUM
from tests.helpers import load, signed_in_client, trajectory
from tests.test_access import GRID_OUTPUT, SEEN, _rows, forge

pytestmark = pytest.mark.traag

LATE = dt.date(2026, 8, 2)


def _grid(client, peildatum: str):
    values = {**SEEN, "region-year.value": "2026", "region-code.data": "AM09"}
    values["region-peildatum.value"] = peildatum
    return {r["organisatie"]: r["gestart"] for r in _rows(forge(client, GRID_OUTPUT, values))}


def _export_line(client, peildatum: str) -> str:
    answer = client.get(f"/export/organisaties.csv?jaar=2026&cohort=2026&peildatum={peildatum}&regio=AM09")
    assert answer.status_code == 200
    line = next(row for row in answer.get_data(as_text=True).splitlines() if ";GGZ A;" in row)
    return line.rsplit(";", 1)[0]  # without the stand column, the day the figures stand on


def test_landelijk_cannot_get_organisation_figures_of_an_unpublished_day(known, make_app):
    app = make_app(peildatum=dt.date(2026, 8, 14))
    publication.publish(known, PEILDATUM, "test", 5)
    national = signed_in_client(app, "landelijk")
    published = _grid(national, "2026-06-30")
    published_line = _export_line(national, "2026-06-30")
    rows = [trajectory(f"L{i}", f"2026-05-0{i + 1}", organisatie="GGZ A") for i in range(3)]
    rows += [trajectory(f"M{i}", f"2026-07-0{i + 1}", organisatie="GGZ A") for i in range(3)]
    load(known, "trajecten", rows, today=LATE)
    admin = signed_in_client(app, "beheer")
    assert _grid(admin, "2026-06-30")["GGZ A"] == 6 and _grid(admin, "2026-08-01")["GGZ A"] == 9
    # Forged callbacks: the published day, a later day that is no published moment, and the
    # quarter end itself all answer with the table as published on 30 June.
    for day in ("2026-06-30", "2026-08-01", "2026-07-15"):
        assert _grid(national, day) == published
    # Forged export requests, the same: the line of GGZ A as published, whatever day is asked.
    for day in ("2026-06-30", "2026-08-01"):
        assert _export_line(national, day) == published_line
    assert _export_line(admin, "2026-08-01") != published_line


def test_only_beheer_publishes_through_the_button_even_by_a_forged_request(known, app):
    values = {
        "publish-button.n_clicks": 1,
        "publish-day.value": "2026-06-30",
        "publish-name.value": "Stuurgroep",
    }
    refused = forge(signed_in_client(app, "landelijk"), "publish-progress.children", values)
    assert refused.status_code == 204 and snapshots.publications(known) == []
    admin = signed_in_client(app, "beheer")
    bad = forge(admin, "publish-progress.children", values | {"publish-day.value": "morgen"})
    assert "niets gepubliceerd" in bad.get_data(as_text=True) and snapshots.publications(known) == []
    started = forge(admin, "publish-progress.children", values).get_json()["response"]
    job_id = started["publish-job"]["data"]
    assert started["publish-poll"]["disabled"] is False
    # Another account cannot follow (or learn about) beheer's job.
    other = forge(signed_in_client(app, "landelijk"), "publish-list.children", {"publish-job.data": job_id})
    assert "Publicatie gemaakt" not in other.get_data(as_text=True)
    seen: list[str] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        answer = forge(
            admin, "publish-list.children", {"publish-poll.n_intervals": 1, "publish-job.data": job_id}
        )
        body = answer.get_data(as_text=True)
        seen.append(body)
        if answer.get_json()["response"]["publish-poll"]["disabled"]:
            break
        time.sleep(0.1)
    assert "Publicatie gemaakt" in seen[-1], seen[-3:]
    (made,) = snapshots.publications(known)
    assert (made.naam, made.peildatum) == ("Stuurgroep", PEILDATUM)


def test_the_revision_page_names_the_snapshot_and_the_late_delivery(known, app):
    number = publication.publish(known, PEILDATUM, "test", 5, "Stuurgroep juli")
    load(
        known,
        "trajecten",
        [trajectory(f"L{i}", f"2026-05-0{i + 1}", organisatie="GGZ A") for i in range(3)],
        today=LATE,
    )
    client = signed_in_client(app, "regio", ("AM09",))
    listed = forge(client, "_pages_content.children", {"_pages_location.pathname": "/publicaties"})
    assert "Stuurgroep juli" in listed.get_data(as_text=True)
    page = forge(
        client,
        "_pages_content.children",
        {"_pages_location.pathname": f"/publicaties/{number}", "_pages_location.search": "?regio=AM09"},
    ).get_data(as_text=True)
    page = json.dumps(json.loads(page), ensure_ascii=False)
    assert "cijfers t/m 30 juni 2026" in page
    assert "trajecten gestart: 4 → 7 (+3)" in page
    # Three starts of one organisation are a small number for a regio account: named, not counted.
    assert "Late aanlevering van GGZ A (K2 2026, geleverd 2 augustus 2026)" in page
    missing = forge(client, "_pages_content.children", {"_pages_location.pathname": "/publicaties/999"})
    assert "Publicatie niet gevonden" in missing.get_data(as_text=True)


def test_only_beheer_withdraws_on_the_page_with_a_reason_and_a_confirmation(known, app):
    number = publication.publish(known, PEILDATUM, "test", 5, "Stuurgroep juli")
    values = {
        "withdraw-button.n_clicks": 1,
        "withdraw-confirm.n_clicks": 1,
        "withdraw-choice.value": str(number),
        "withdraw-reason.value": "verkeerd bestand meegenomen",
    }
    for role in ("landelijk", "regio"):
        client = signed_in_client(app, role, ("AM09",) if role == "regio" else ())
        assert forge(client, "withdraw-done.children", values).status_code == 204
        assert forge(client, "withdraw-feedback.children", values).status_code == 204
    assert not snapshots.publication(known, number).withdrawn
    admin = signed_in_client(app, "beheer")
    for empty in ("", "   ", None):
        asked = forge(admin, "withdraw-feedback.children", values | {"withdraw-reason.value": empty})
        assert "Geef een reden van intrekken; er is niets ingetrokken." in asked.get_data(as_text=True)
        done = forge(admin, "withdraw-done.children", values | {"withdraw-reason.value": empty})
        assert "Geef een reden van intrekken" in done.get_data(as_text=True)
    assert not snapshots.publication(known, number).withdrawn
    # The first step only asks: the publication still stands until the confirmation.
    asked = forge(admin, "withdraw-feedback.children", values).get_json()["response"]
    assert asked["withdraw-panel"]["hidden"] is False
    assert "verkeerd bestand meegenomen" in asked["withdraw-question"]["children"]
    assert snapshots.current_at(known, PEILDATUM).id == number
    done = forge(admin, "withdraw-done.children", values)
    shown = json.dumps(done.get_json(), ensure_ascii=False)
    assert "is ingetrokken" in shown and "door test-beheer-alle, reden: verkeerd bestand meegenomen" in shown
    found = snapshots.publication(known, number)
    assert (found.withdrawn, found.ingetrokken_door, found.reden) == (
        True,
        "test-beheer-alle",
        "verkeerd bestand meegenomen",
    )
    assert snapshots.current_at(known, PEILDATUM) is None
    log = store.audit_log(known)
    assert list(log.loc[log["gebeurtenis"] == "publicatie ingetrokken", "detail"]) == [str(number)]
    again = forge(admin, "withdraw-done.children", values)
    assert "nog geldig" in again.get_data(as_text=True)
    assert len(store.audit_log(known).query("gebeurtenis == 'publicatie ingetrokken'")) == 1
