"""The Data page's list of who has not delivered, the button that records an empty delivery, and
the tiles that say how complete the data is."""

from __future__ import annotations

import datetime as dt
import json
from unittest import mock

import pytest
from sqlalchemy import func, select

from callbacks.deliveries import update_missing
from dashboard.auth.viewer import Viewer
from dashboard.data.access import delivery
from dashboard.data.delivery_states import empty_quarters
from dashboard.data.models import EmptyDelivery, Organisation
from dashboard.infra import clock
from dashboard.reports.national import national_report
from dashboard.reports.region import region_report
from dashboard.reports.view import View
from layouts import data_page, delivery_list
from layouts.tiles import national_tiles
from tests.helpers import load, signed_in_client, trajectory, viewing_as
from tests.test_callbacks import text_of

D = dt.date
AM09 = Viewer("regio-am09", "regio", frozenset({"AM09"}))
NATIONAL = Viewer("landelijk", "landelijk")


@pytest.fixture
def three(db):
    """Three organisations that delivered in 2026-K1; at the peildatum (30 June) K2 is open."""
    for org, region in (("GGZ A", "AM09"), ("UWV B", "AM09"), ("GGZ C", "AM01")):
        load(
            db,
            "trajecten",
            [trajectory(f"{org[-1]}1", "2026-01-15", regio=region, organisatie=org)],
            today=D(2026, 2, 1),
        )
    return db


def _org(db, name):
    with db.engine.connect() as connection:
        return connection.execute(select(Organisation.id).where(Organisation.naam == name)).scalar_one()


def _recorded(db) -> int:
    with db.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(EmptyDelivery)).scalar_one()


def _click(client, org: int, quarter: str):
    """The browser's request when the "geen trajecten" button of one row is clicked."""
    deps = json.loads(client.get("/_dash-dependencies").get_data(as_text=True))
    dep = next(d for d in deps if "missing-message.children" in d["output"])
    button = {"type": "missing-record", "org": org, "kwartaal": quarter}
    body = {
        "output": dep["output"],
        "outputs": [
            {"id": "missing-message", "property": "children"},
            {"id": "missing-table", "property": "children"},
        ],
        "inputs": [[{"id": button, "property": "n_clicks", "value": 1}]],
        "state": [
            {"id": "missing-region", "property": "value", "value": "alle"},
            {"id": "missing-quarter", "property": "value", "value": quarter},
        ],
        "changedPropIds": [json.dumps(button, separators=(",", ":"), sort_keys=True) + ".n_clicks"],
    }
    return client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")


def test_the_list_is_scoped_to_the_organisations_the_viewer_sees(app, three):
    with viewing_as(app, AM09):
        mine = text_of(update_missing("alle", "2026-K2"))
        # A forged region outside the list falls back to every region the viewer sees.
        forged = text_of(update_missing("AM01", "2026-K2"))
    assert "GGZ A" in mine and "UWV B" in mine and "GGZ C" not in mine
    assert "Geen trajecten: vastleggen" in mine
    assert "GGZ C" not in forged
    with viewing_as(app, NATIONAL):
        everyone = text_of(update_missing("alle", "2026-K2"))
        am01 = text_of(update_missing("AM01", "2026-K2"))
        k1 = text_of(update_missing("alle", "2026-K1"))
    assert "GGZ C" in everyone and "3 organisaties niet geleverd, 0 geleverd zonder trajecten" in everyone
    assert "vastleggen" not in everyone  # landelijk reads, it does not record
    assert "GGZ C" in am01 and "GGZ A" not in am01
    assert "Iedere organisatie heeft over dit kwartaal geleverd." in k1


def test_a_region_account_records_an_empty_delivery_for_its_own_region_only(app, three):
    db = three
    client = signed_in_client(app, "regio", ("AM09",))
    refused = _click(client, _org(db, "GGZ C"), "2026-K2")
    assert refused.status_code == 200 and "geen lege levering vastleggen" in refused.get_data(as_text=True)
    assert _recorded(db) == 0
    # Recorded on 20 June: inside the app's fixed peildatum (30 June), as a real click is at today's.
    moment = dt.datetime(2026, 6, 20, 10, tzinfo=dt.UTC)
    with mock.patch.object(clock, "utc_now", return_value=moment):
        done = _click(client, _org(db, "UWV B"), "2026-K2")
    answer = done.get_data(as_text=True)
    assert "Vastgelegd: geleverd, geen trajecten over 2026-K2." in answer
    assert _recorded(db) == 1
    with viewing_as(app, NATIONAL):
        listed = text_of(update_missing("alle", "2026-K2"))
    assert "2 organisaties niet geleverd, 1 geleverd zonder trajecten" in listed
    # The status table on the Data page tells the empty delivery apart too.
    with viewing_as(app, NATIONAL):
        frame = delivery(NATIONAL, db, D(2026, 6, 30))
        shown = text_of(data_page.delivery_table(frame, "AM09", empty_quarters(db, D(2026, 6, 30))))
    assert "geleverd, geen trajecten" in shown and "geen levering" in shown
    # And so does its download.
    export = client.get("/export/aanleverstatus.csv?peildatum=2026-06-30").get_data(as_text=True)
    row = next(line for line in export.splitlines() if "UWV B" in line)
    assert "geleverd, geen trajecten" in row
    assert "geleverd, geen trajecten" not in next(line for line in export.splitlines() if "GGZ A" in line)


def test_the_tiles_say_how_complete_the_data_is(app, three):
    view = View(2026, D(2026, 6, 30), 2025)
    with app.server.app_context():
        national = text_of(national_tiles(national_report(three, view)))
        region = delivery_list.delivery_line(region_report(three, view, "AM09").deliveries)
    assert "Aanlevering 2026-K1: 3 van 3 organisaties geleverd." in national
    assert "alle regio's leveren" not in national
    assert region == "Aanlevering 2026-K1: 2 van 2 organisaties geleverd."
