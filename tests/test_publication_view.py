"""Which figures a reader sees: published by default for everyone but beheer, named in every output.

Uses the hand-made dataset ``known`` (tests/conftest.py): AM09 has 4 starts in 2026 at 30 June.
Published at 30 June; then a late delivery on 2 August adds 3 starts dated in May and 3 in July,
and the app's data runs to 14 August: live, AM09 has 7 starts at 30 June and 10 at 14 August.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pandas as pd
import pytest

from callbacks.presentation import draw_step
from dashboard.auth.viewer import Viewer
from dashboard.data import snapshots
from dashboard.infra import clock
from dashboard.reports import publication
from dashboard.text import format as fmt
from tests.conftest import PEILDATUM
from tests.helpers import load, signed_in_client, trajectory, viewing_as
from tests.test_access import forge
from tests.test_callbacks import text_of

pytestmark = pytest.mark.traag

LATE = dt.date(2026, 8, 2)
TODAY = dt.date(2026, 8, 14)


def _continue(db: Any) -> None:
    rows = [trajectory(f"L{i}", f"2026-05-0{i + 1}", organisatie="GGZ A") for i in range(3)]
    rows += [trajectory(f"M{i}", f"2026-07-0{i + 1}", organisatie="GGZ A") for i in range(3)]
    load(db, "trajecten", rows, today=LATE)


def _published_words(number: int, db: Any) -> str:
    found = snapshots.publication(db, number)
    made = found.gemaakt.astimezone(clock.AMSTERDAM).date()
    return f"Gepubliceerd {fmt.date(made)}, cijfers t/m 30 juni 2026"


def _control(node: Any, ident: str) -> Any:
    """The props of the component ``ident`` in a page layout as JSON, or None."""
    if isinstance(node, dict):
        props = node.get("props")
        if isinstance(props, dict) and props.get("id") == ident:
            return props
        return next((p for v in node.values() if (p := _control(v, ident)) is not None), None)
    if isinstance(node, list):
        return next((p for v in node if (p := _control(v, ident)) is not None), None)
    return None


def _page(client: Any, path: str, search: str = "") -> dict[str, Any]:
    values = {"_pages_location.pathname": path, "_pages_location.search": search}
    return json.loads(forge(client, "_pages_content.children", values).get_data(as_text=True))


def _heading(client: Any, day: str, chosen: str) -> str:
    values = {
        "national-year.value": "2026",
        "national-peildatum.value": day,
        "national-publication.value": chosen,
    }
    answer = json.loads(forge(client, "national-heading.children", values).get_data(as_text=True))
    return answer["response"]["national-heading"]["children"]


def _regions(client: Any, query: str, extension: str = "csv") -> pd.DataFrame:
    answer = client.get(f"/export/regios.{extension}?{query}")
    assert answer.status_code == 200
    if extension == "csv":
        return pd.read_csv(io.BytesIO(answer.get_data()), sep=";", encoding="utf-8-sig")
    return pd.read_excel(io.BytesIO(answer.get_data()))


def _starts(frame: pd.DataFrame, code: str = "AM09") -> int:
    return int(frame.loc[frame["code"] == code, "gestart"].iloc[0])


def test_landelijk_opens_at_the_published_figures_and_beheer_at_the_live_ones(known, make_app):
    app = make_app(peildatum=TODAY)
    number = publication.publish(known, PEILDATUM, "test", 5, "Stuurgroep juli")
    _continue(known)
    published = _published_words(number, known)

    national = signed_in_client(app, "landelijk")
    page = _page(national, "/")
    assert _control(page, "national-peildatum")["value"] == "2026-06-30"
    assert _control(page, "national-publication")["value"] == str(number)
    options = _control(page, "national-publication")["options"]
    assert options[0]["label"] == f"Stuurgroep juli — {published[0].lower()}{published[1:]}"
    assert "gepubliceerd" in _heading(national, "2026-06-30", str(number))
    stored = _regions(national, f"jaar=2026&peildatum=2026-06-30&publicatie={number}")
    assert _starts(stored) == 4  # the stored figure; live, 30 June now has 7
    assert set(stored["publicatie"]) == {published}
    region = _page(national, "/regio/AM09")
    assert _control(region, "region-peildatum")["value"] == "2026-06-30"

    admin = signed_in_client(app, "beheer")
    page = _page(admin, "/")
    assert _control(page, "national-peildatum")["value"] == TODAY.isoformat()
    assert _control(page, "national-publication")["value"] == "actueel"
    assert "Actuele cijfers (voorlopig)" in [
        o["label"] for o in _control(page, "national-publication")["options"]
    ]
    assert "voorlopig" in _heading(admin, TODAY.isoformat(), "actueel")
    live = _regions(admin, f"jaar=2026&peildatum={TODAY.isoformat()}")
    assert _starts(live) == 10
    assert set(live["publicatie"]) == {"Voorlopige cijfers t/m 14 augustus 2026 (nog niet gepubliceerd)"}
    # beheer may choose the snapshot, and then gets its stored figures, named in the XLSX as well.
    chosen = _regions(admin, f"jaar=2026&peildatum=2026-06-30&publicatie={number}", "xlsx")
    assert _starts(chosen) == 4 and set(chosen["publicatie"]) == {published}


def test_without_a_publication_pages_stay_live_and_say_voorlopig(known, make_app):
    app = make_app(peildatum=TODAY)
    national = signed_in_client(app, "landelijk")
    page = _page(national, "/")
    assert _control(page, "national-peildatum")["value"] == TODAY.isoformat()
    assert _control(page, "national-publication")["value"] == "actueel"
    assert "voorlopig" in _heading(national, TODAY.isoformat(), "actueel")


def test_a_withdrawn_or_unknown_publication_gives_a_dutch_message_and_none_of_its_figures(known, make_app):
    app = make_app(peildatum=TODAY)
    number = publication.publish(known, PEILDATUM, "test", 5)
    _continue(known)
    snapshots.withdraw(known, number, "test", "verkeerd bestand")
    national = signed_in_client(app, "landelijk")
    for asked in (number, 999):
        text = json.dumps(_page(national, "/", f"?publicatie={asked}"), ensure_ascii=False)
        assert f"Publicatie {asked} bestaat niet of is ingetrokken" in text
        # No snapshot left: the page opens at the latest data day, live and provisional.
        assert (
            _control(_page(national, "/", f"?publicatie={asked}"), "national-peildatum")["value"]
            == TODAY.isoformat()
        )
        assert "voorlopig" in _heading(national, "2026-06-30", str(asked))
        forged = _regions(national, f"jaar=2026&peildatum=2026-06-30&publicatie={asked}")
        assert _starts(forged) == 7  # the current figures of 30 June, not the withdrawn 4
        assert set(forged["publicatie"]) == {"Voorlopige cijfers t/m 30 juni 2026 (nog niet gepubliceerd)"}
    region = json.dumps(_page(national, "/regio/AM09", f"?publicatie={number}"), ensure_ascii=False)
    assert f"Publicatie {number} bestaat niet of is ingetrokken" in region
    assert "geen publicatie" in json.dumps(_page(national, "/", "?publicatie=abc"), ensure_ascii=False)


def test_each_presentation_screen_names_its_snapshot(known, make_app):
    app = make_app(peildatum=TODAY)
    number = publication.publish(known, PEILDATUM, "test", 5)
    _continue(known)
    show, size = "?jaar=2026&peildatum=2026-06-30&regios=AM09", {"width": 1280, "height": 720}
    with viewing_as(app, Viewer("kim", "landelijk")):
        screens = [text_of(draw_step(step, show, "", size)[0]) for step in range(1, 6)]
    made = snapshots.publication(known, number).gemaakt.astimezone(clock.AMSTERDAM).date()
    assert all(f"Cijfers t/m 30 juni 2026 · gepubliceerd {fmt.date(made)}" in s for s in screens), screens
    with viewing_as(app, Viewer("b", "beheer")):
        screen = text_of(draw_step(1, show, "", size)[0])
    assert "Cijfers t/m 30 juni 2026 · voorlopig" in screen


def test_choosing_a_snapshot_moves_the_peildatum_and_the_current_figures_move_it_back(known, make_app):
    app = make_app(peildatum=TODAY)
    number = publication.publish(known, PEILDATUM, "test", 5)
    national = signed_in_client(app, "landelijk")

    def chosen(value: str, day: str) -> dict[str, Any]:
        values = {
            "national-publication.value": value,
            "national-peildatum.value": day,
            "national-year.value": "2026",
        }
        return forge(national, "national-publication.value", values).get_json()["response"]

    # The snapshot of 30 June: the peildatum follows; the control already shows it, the year too.
    moved = chosen(str(number), TODAY.isoformat())
    assert moved == {"national-peildatum": {"value": PEILDATUM.isoformat()}}, moved
    # The current figures: back to the latest data day.
    back = chosen("actueel", PEILDATUM.isoformat())
    assert back == {"national-peildatum": {"value": TODAY.isoformat()}}, back
