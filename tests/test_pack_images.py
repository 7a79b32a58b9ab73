"""A figure meets a kaleido tab that is not ready: one more try, and only for that error."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import plotly.graph_objects as go
import pytest

from dashboard.documents.pack import images

NOT_READY = RuntimeError("ReferenceError: kaleido_scopes is not defined\n    at <anonymous>:1:26")


class Tabs:
    """Stands in for kaleido: fails with each of ``errors`` in turn, then draws."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def calc_fig(self, figure: go.Figure, opts: dict[str, object]) -> bytes:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return b"png"


def _image(tabs: Tabs) -> bytes:
    # A thread of its own, as render_figures does: browser tests earlier in the same run leave an
    # event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, images._image(tabs, go.Figure(), {})).result()  # type: ignore[arg-type]


def test_a_tab_that_was_not_ready_gets_a_second_try():
    tabs = Tabs(NOT_READY)
    assert _image(tabs) == b"png" and tabs.calls == 2


def test_the_same_error_twice_stays_an_error():
    tabs = Tabs(NOT_READY, NOT_READY)
    with pytest.raises(RuntimeError, match="kaleido_scopes"):
        _image(tabs)
    assert tabs.calls == 2


def test_any_other_error_is_not_tried_again():
    tabs = Tabs(ValueError("Invalid figure"))
    with pytest.raises(ValueError, match="Invalid figure"):
        _image(tabs)
    assert tabs.calls == 1
