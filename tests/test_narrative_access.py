"""Forged requests to the narrative's save callback: the data layer refuses what the page would not offer."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import func, select

from dashboard.auth.viewer import Viewer
from dashboard.data.narrative_models import NarrativeVersion
from dashboard.data.narratives import narrative_for
from tests.helpers import signed_in_client

GOALS = ("gestart", "duurzaam", "leer", "casus")


def _rows(part: str, prop: str, values: list[Any]) -> list[dict[str, Any]]:
    return [
        {"id": {"type": f"narrative-{part}", "index": i}, "property": prop, "value": v}
        for i, v in enumerate(values)
    ]


def forged_save(client: Any, region: str, explanation: str = "Uitleg") -> dict[str, Any]:
    """POST the save callback's request exactly as the browser sends it, for any region."""
    deps = json.loads(client.get("/_dash-dependencies").get_data(as_text=True))
    dep = next(d for d in deps if "narrative-message.children" in d["output"])
    plain = {
        "region-code.data": region,
        "region-year.value": "2026",
        "region-peildatum.value": "2026-06-30",
        "narrative-success.value": "",
        "narrative-development.value": "",
        "narrative-public.value": True,
        "narrative-saved.data": 0,
    }
    rows = {
        "narrative-explanation": [
            {
                "id": {"type": "narrative-explanation", "goal": g},
                "property": "value",
                "value": explanation if g == "gestart" else "",
            }
            for g in GOALS
        ],
        "narrative-bottleneck-text": _rows("bottleneck-text", "value", ["Wachtlijst ggz"]),
        "narrative-bottleneck-themes": _rows("bottleneck-themes", "value", [["capaciteit ggz"]]),
        "narrative-action-uid": _rows("action-uid", "data", [""]),
        "narrative-action-text": _rows("action-text", "value", ["Overleg plannen"]),
        "narrative-action-owner": _rows("action-owner", "value", ["UWV"]),
        "narrative-action-due": _rows("action-due", "value", ["2026-09-01"]),
        "narrative-action-status": _rows("action-status", "value", ["open"]),
    }
    states = []
    for spec in dep["state"]:
        if spec["id"].startswith("{"):
            states.append(rows[json.loads(spec["id"])["type"]])
        else:
            states.append({**spec, "value": plain[f"{spec['id']}.{spec['property']}"]})
    body = {
        "output": dep["output"],
        "outputs": [
            {"id": "narrative-message", "property": "children"},
            {"id": "narrative-saved", "property": "data"},
        ],
        "inputs": [{"id": "narrative-save", "property": "n_clicks", "value": 1}],
        "state": states,
        "changedPropIds": ["narrative-save.n_clicks"],
    }
    answer = client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    return json.loads(answer.get_data(as_text=True))["response"]


def _versions(db: Any) -> int:
    with db.engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(NarrativeVersion)))


def test_regio_saves_its_own_region_by_the_page_request(known, app):
    answer = forged_save(signed_in_client(app, "regio", ("AM09",)), "AM09", "Instroom loopt op")
    assert answer["narrative-message"]["children"] == "Opgeslagen als versie 1."
    found = narrative_for(known, Viewer("x", "landelijk"), "AM09", dt.date(2026, 6, 30))
    assert found.explanations["gestart"] == "Instroom loopt op"
    assert [(b.text, b.themes) for b in found.bottlenecks] == [("Wachtlijst ggz", ("capaciteit ggz",))]
    assert found.actions[0].owner == "UWV" and found.actions[0].since == "2026-T2"


def test_forged_saves_for_another_region_or_by_landelijk_are_refused_and_change_nothing(known, app):
    refused = forged_save(signed_in_client(app, "regio", ("AM09",)), "AM01")
    assert "geen verhaal opslaan" in refused["narrative-message"]["children"]
    assert "narrative-saved" not in refused
    national = forged_save(signed_in_client(app, "landelijk"), "AM09")
    assert "geen verhaal opslaan" in national["narrative-message"]["children"]
    assert _versions(known) == 0


def test_a_forged_save_with_a_bsn_is_refused_and_changes_nothing(known, app):
    answer = forged_save(signed_in_client(app, "beheer"), "AM09", "Zie dossier 111222333")
    message = answer["narrative-message"]["children"]
    assert "Uitleg bij gestarte trajecten, regel 1" in message and "111222333" not in message
    assert _versions(known) == 0
