"""A page's first layout takes its parts from the callbacks' answer cache.

The first ``/_dash-layout`` of a view draws the page; the next one for the same view, viewer and
language sends the same bytes without drawing the parts again. New data or another language
draws them anew. The builders are counted where the answers look them up.
"""

from __future__ import annotations

from typing import Any

import pytest

from layouts import national_content, region_content
from tests.conftest import PEILDATUM
from tests.helpers import load, signed_in_client, trajectory

REGION = "/regio/AM09?jaar=2026&peildatum=2026-06-30"


def _counted(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    calls: list[int] = []
    real = getattr(module, name)

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def _layout(client: Any, address: str | None) -> bytes:
    headers = {"Referer": f"http://localhost{address}"} if address else {}
    answer = client.get("/_dash-layout", headers=headers)
    assert answer.status_code == 200
    return answer.get_data()


def _started(client: Any) -> Any:
    # Dash builds the layout once more on an app's very first request (it checks it then); a
    # request without an address builds no page, so the counts below are the pages' own.
    _layout(client, None)
    return client


def test_a_region_view_shown_before_is_sent_from_the_cache(region_app, known, monkeypatch):
    client = _started(signed_in_client(region_app, "regio", ("AM09",)))
    drawn = _counted(monkeypatch, region_content, "_comparison_parts")
    first = _layout(client, REGION)
    assert len(drawn) == 1 and b"region-comparison" in first
    # Again: the same bytes, nothing drawn.
    assert _layout(client, REGION) == first
    assert len(drawn) == 1
    # Another language is another answer.
    english = _layout(client, REGION + "&lang=en")
    assert len(drawn) == 2 and english != first
    # New data: the view is drawn again, and shows it.
    load(known, "trajecten", [trajectory("NEW1", "2026-05-02", regio="AM09")], today=PEILDATUM)
    after = _layout(client, REGION)
    assert len(drawn) == 3 and after != first


def test_the_national_view_is_drawn_once_per_kind_of_viewer(region_app, monkeypatch):
    grids = _counted(monkeypatch, national_content, "methods_grid_figure")
    national = _started(signed_in_client(region_app, "landelijk"))
    first = _layout(national, "/?jaar=2026&peildatum=2026-06-30")
    assert len(grids) == 1
    assert _layout(national, "/?jaar=2026&peildatum=2026-06-30") == first
    assert len(grids) == 1
    # Another role may see other numbers (beheer sees small numbers): its page is drawn for it.
    _layout(signed_in_client(region_app, "beheer"), "/?jaar=2026&peildatum=2026-06-30")
    assert len(grids) == 2
