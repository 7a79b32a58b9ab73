"""Callbacks of the region page: gauges, funnels, monthly progress, mix, cadence and comparison.

What each output shows comes from ``layouts.region_content``, which the page's layout also calls
for its first response: so the callback that fills the page waits for a control to change.
"""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, NoUpdate, Output, State, ctx

from layouts import ids
from layouts.publication_control import synced
from layouts.region_content import (
    page_answer,
    parse_view,
    update_cadence,
    update_comparison,
    update_funnels,
    update_mix,
    update_region,
    update_region_page,
)

__all__ = [
    "register",
    "sync_publication",
    "update_cadence",
    "update_comparison",
    "update_funnels",
    "update_mix",
    "update_region",
    "update_region_page",
]


def sync_publication(
    publication_raw: str | None, peildatum_raw: str | None, year_raw: str | None, code: str | None
) -> tuple[str | NoUpdate, str | NoUpdate, str | NoUpdate]:
    """A chosen snapshot sets the peildatum and year; a typed peildatum sets the control to what it shows."""
    view = parse_view(year_raw, code, peildatum_raw, None, None, publication_raw)
    return synced(view, ctx.triggered_id == ids.REGION_PUBLICATION, peildatum_raw, year_raw, publication_raw)


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""

    def _page(
        year_raw: str | None,
        code: str | None,
        peildatum_raw: str | None,
        cohort_raw: str | None,
        publication_raw: str | None,
        search: str | None,
    ) -> tuple[Any, ...]:
        # The trigger is an argument of the cached answer: it decides what is redone.
        cohort_only = set(ctx.triggered_prop_ids) == {f"{ids.REGION_COHORT}.value"}
        return page_answer(year_raw, code, peildatum_raw, cohort_raw, search, cohort_only, publication_raw)

    # year, peildatum, cohort -> gauges, heading, downloads, breadcrumb, URL; verdict; changes since the
    # last stuurgroep; region and national
    # funnel; monthly progress; method and funding mix; meeting timeline; comparison; completeness
    app.callback(
        Output(ids.REGION_TILES, "children"),
        Output(ids.REGION_HEADING, "children"),
        Output(ids.REGION_EXPORT, "children"),
        Output(ids.REGION_BREADCRUMB, "children"),
        Output(ids.REGION_URL, "search"),
        Output(ids.REGION_VERDICT, "children"),
        Output(ids.REGION_SINCE, "children"),
        Output(ids.REGION_FUNNEL, "figure"),
        Output(ids.REGION_FUNNEL_NATIONAL, "figure"),
        Output(ids.REGION_FUNNEL_TEXT, "children"),
        Output(ids.REGION_FUNNEL_EXPORT, "children"),
        Output(ids.REGION_MONTHLY, "figure"),
        Output(ids.REGION_MIX, "figure"),
        Output(ids.REGION_MIX_TABLE, "children"),
        Output(ids.REGION_MIX_EXPORT, "children"),
        Output(ids.REGION_CADENCE, "figure"),
        Output(ids.REGION_CADENCE_TEXT, "children"),
        Output(ids.REGION_ATTENDANCE, "children"),
        Output(ids.REGION_CADENCE_EXPORT, "children"),
        Output(ids.REGION_COMPARISON, "children"),
        Output(ids.REGION_FUNNEL_PLOT, "figure"),
        Output(ids.REGION_FUNNEL_PLOT_TEXT, "children"),
        Output(ids.REGION_COMPLETENESS, "children"),
        Input(ids.REGION_YEAR, "value"),
        Input(ids.REGION_CODE, "data"),
        Input(ids.REGION_PEILDATUM, "value"),
        Input(ids.REGION_COHORT, "value"),
        Input(ids.REGION_PUBLICATION, "value"),
        State(ids.REGION_URL, "search"),
        # The page's own location, not the frame's: an output outside the page would make Dash run
        # this callback as the page appears, whatever prevent_initial_call says. The layout draws
        # the page for the URL's view (layouts.region_content.first_view).
        prevent_initial_call=True,
    )(_page)
    # publication <-> peildatum (one callback, so the two controls cannot chase each other); year
    app.callback(
        Output(ids.REGION_PEILDATUM, "value"),
        Output(ids.REGION_YEAR, "value"),
        Output(ids.REGION_PUBLICATION, "value"),
        Input(ids.REGION_PUBLICATION, "value"),
        Input(ids.REGION_PEILDATUM, "value"),
        State(ids.REGION_YEAR, "value"),
        State(ids.REGION_CODE, "data"),
        prevent_initial_call=True,
    )(sync_publication)
