"""Forged requests for another region's signals get nothing: no list, no block, no mark stored."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import func, select

from dashboard.auth.viewer import Viewer
from dashboard.data.models import SignalMark
from dashboard.reports.signals import signals_for
from tests.helpers import load, signed_in_client, trajectory
from tests.test_access import forge

DAY = dt.date(2026, 8, 12)


def _data(db):
    rows = [
        trajectory("T1", "2026-01-15", organisatie="GGZ X"),
        trajectory("N1", "2026-01-15", regio="AM01", organisatie="GGZ Noord"),
    ]
    load(db, "trajecten", rows, today=dt.date(2026, 2, 1))


def _mark(client: Any, key: str, note: str = "vervalst") -> Any:
    # The request the "Gezien" button sends, with a key of the sender's choosing.
    deps = json.loads(client.get("/_dash-dependencies").get_data(as_text=True))
    dep = next(d for d in deps if "signals-list.children" in d["output"])
    trigger = {"key": key, "type": "signal-seen"}
    body = {
        "output": dep["output"],
        "outputs": [
            {"id": "signals-list", "property": "children"},
            {"id": "signals-status", "property": "children"},
        ],
        "inputs": [[{"id": trigger, "property": "n_clicks", "value": 1}], []],
        "state": [
            [{"id": {"key": key, "type": "signal-note"}, "property": "value", "value": note}],
            {"id": "url", "property": "search", "value": f"?peildatum={DAY.isoformat()}"},
        ],
        "changedPropIds": [json.dumps(trigger, separators=(",", ":"), sort_keys=True) + ".n_clicks"],
    }
    return client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")


def _marks(db) -> int:
    with db.engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(SignalMark))


def test_a_forged_request_by_a_region_account_for_another_region_gets_nothing(db, make_app):
    _data(db)
    app = make_app(peildatum=DAY)
    everyone = signals_for(db, Viewer("kim", "landelijk"), DAY)
    other = next(s for s in everyone if s.region == "AM01" and s.organisation == "GGZ Noord")
    own = next(s for s in everyone if s.region == "AM09" and s.organisation == "GGZ X")
    regio = signed_in_client(app, "regio", ("AM09",))

    # Marking another region's signal: refused before anything is stored.
    assert _mark(regio, other.key).status_code == 204
    assert _marks(db) == 0
    # The region page's block asked for AM01: no signal of AM01 in the answer.
    answer = forge(
        regio,
        "region-signals.children",
        {"region-code.data": "AM01", "region-peildatum.value": DAY.isoformat()},
    )
    assert answer.status_code == 200
    text = answer.get_data(as_text=True)
    assert "GGZ Noord" not in text and "Geen open signalen" in text

    # Its own region's signal can be marked; the answer lists it as seen, and nothing of AM01.
    done = _mark(regio, own.key, "Nagebeld")
    assert done.status_code == 200 and _marks(db) == 1
    listed = done.get_data(as_text=True)
    assert "Gemarkeerd als gezien." in listed and "Nagebeld" in listed and "GGZ Noord" not in listed

    # A national account asking the same sees the other region's signal.
    national = signed_in_client(app, "landelijk")
    block = forge(
        national,
        "region-signals.children",
        {"region-code.data": "AM01", "region-peildatum.value": DAY.isoformat()},
    )
    assert "GGZ Noord" in block.get_data(as_text=True)
