"""Callbacks of the region's narrative: show it, save a new version, compare two versions.

The data layer decides who may read and write (``dashboard.data.narratives``); these only draw.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dash import ALL, Dash, Input, NoUpdate, Output, State, no_update
from dash.exceptions import PreventUpdate

from dashboard.auth.viewer import current_viewer
from dashboard.data.access import NoAccess
from dashboard.data.narrative_checks import ActionInput, BottleneckInput, NarrativeError, NarrativeInput
from dashboard.data.narrative_periods import period_of
from dashboard.data.narratives import save_narrative
from dashboard.i18n import _, current_language
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.narrative import GOALS
from dashboard.reports.view import View
from layouts import ids, narrative_view


def _region_day(code: str | None, year_raw: str | None, peildatum_raw: str | None) -> tuple[str, dt.date]:
    if not isinstance(code, str):
        raise PreventUpdate  # the page's store always holds one code; anything else is forged
    query = {"regio": code, "jaar": year_raw, "peildatum": peildatum_raw}
    view = View.parse(query, current_peildatum(), current_viewer(), current_language())
    if view.region is None:
        raise PreventUpdate
    return str(view.region), view.peildatum


def show_narrative(
    code: str | None, year_raw: str | None, peildatum_raw: str | None, _saved: int | None = None
) -> tuple[Any, ...]:
    """Explanations by the gauges, the story, the form (for who may write) and the version choices."""
    return narrative_view.shown(*_region_day(code, year_raw, peildatum_raw))


def _actions(
    uids: list[Any], texts: list[Any], owners: list[Any], dues: list[Any], statuses: list[Any]
) -> tuple[ActionInput, ...]:
    found = []
    for uid, text, owner, due, status in zip(uids, texts, owners, dues, statuses, strict=False):
        try:
            day = dt.date.fromisoformat(str(due)) if due else None
        except ValueError:
            day = None
        found.append(ActionInput(str(text or ""), str(owner or ""), day, str(status or ""), str(uid or "")))
    return tuple(found)


def save(
    _clicks: int | None,
    code: str | None,
    year_raw: str | None,
    peildatum_raw: str | None,
    explanations: list[Any],
    bottleneck_texts: list[Any],
    bottleneck_themes: list[Any],
    action_uids: list[Any],
    action_texts: list[Any],
    action_owners: list[Any],
    action_dues: list[Any],
    action_statuses: list[Any],
    success: str | None,
    development: str | None,
    public: bool | None,
    saved: int | None,
) -> tuple[str, int | NoUpdate]:
    """Save the form as a new version; a refusal says why and changes nothing."""
    if not _clicks:
        raise PreventUpdate
    region, day = _region_day(code, year_raw, peildatum_raw)
    db = runtime().db
    content = NarrativeInput(
        explanations={g: str(v or "") for g, v in zip(GOALS, explanations or [], strict=False)},
        bottlenecks=tuple(
            BottleneckInput(str(t or ""), tuple(str(x) for x in (th or [])))
            for t, th in zip(bottleneck_texts or [], bottleneck_themes or [], strict=False)
        ),
        actions=_actions(
            action_uids or [],
            action_texts or [],
            action_owners or [],
            action_dues or [],
            action_statuses or [],
        ),
        success_factors=str(success or ""),
        development_points=str(development or ""),
        public=bool(public),
    )
    try:
        stored = save_narrative(db, current_viewer(), region, period_of(db, region, day).key, content)
    except (NarrativeError, NoAccess) as refused:
        return str(refused), no_update
    return _("Opgeslagen als versie {version}.").format(version=stored.version), (saved or 0) + 1


def compare_versions(
    older: str | None, newer: str | None, code: str | None, year_raw: str | None, peildatum_raw: str | None
) -> list[Any]:
    """What changed between two saved versions of this period's narrative, field by field."""
    if not older or not newer:
        return []
    return narrative_view.comparison(*_region_day(code, year_raw, peildatum_raw), older, newer)


def register(app: Dash) -> None:
    """Wire the narrative callbacks to ``app``."""
    where = [
        Input(ids.REGION_CODE, "data"),
        Input(ids.REGION_YEAR, "value"),
        Input(ids.REGION_PEILDATUM, "value"),
    ]
    # region, year, peildatum or a save -> the narrative redrawn
    app.callback(
        Output(ids.NARRATIVE_EXPLANATIONS, "children"),
        Output(ids.NARRATIVE_VIEW, "children"),
        Output(ids.NARRATIVE_FORM, "children"),
        Output(ids.NARRATIVE_FORM, "hidden"),
        Output(ids.NARRATIVE_HISTORY, "children"),
        Output(ids.NARRATIVE_OLDER, "options"),
        Output(ids.NARRATIVE_NEWER, "options"),
        Output(ids.NARRATIVE_OLDER, "value"),
        Output(ids.NARRATIVE_NEWER, "value"),
        *where,
        Input(ids.NARRATIVE_SAVED, "data"),
        # The page's first layout holds the narrative (layouts.region_content.first_view).
        prevent_initial_call=True,
    )(show_narrative)
    # save button -> a new version (or the reason it was refused)
    app.callback(
        Output(ids.NARRATIVE_MESSAGE, "children"),
        Output(ids.NARRATIVE_SAVED, "data"),
        Input(ids.NARRATIVE_SAVE, "n_clicks"),
        State(ids.REGION_CODE, "data"),
        State(ids.REGION_YEAR, "value"),
        State(ids.REGION_PEILDATUM, "value"),
        State({"type": "narrative-explanation", "goal": ALL}, "value"),
        State(ids.narrative_row("bottleneck-text", ALL), "value"),
        State(ids.narrative_row("bottleneck-themes", ALL), "value"),
        State(ids.narrative_row("action-uid", ALL), "data"),
        State(ids.narrative_row("action-text", ALL), "value"),
        State(ids.narrative_row("action-owner", ALL), "value"),
        State(ids.narrative_row("action-due", ALL), "value"),
        State(ids.narrative_row("action-status", ALL), "value"),
        State(ids.NARRATIVE_SUCCESS, "value"),
        State(ids.NARRATIVE_DEVELOPMENT, "value"),
        State(ids.NARRATIVE_PUBLIC, "value"),
        State(ids.NARRATIVE_SAVED, "data"),
        prevent_initial_call=True,
    )(save)
    # two versions chosen -> what changed between them
    app.callback(
        Output(ids.NARRATIVE_COMPARE, "children"),
        Input(ids.NARRATIVE_OLDER, "value"),
        Input(ids.NARRATIVE_NEWER, "value"),
        State(ids.REGION_CODE, "data"),
        State(ids.REGION_YEAR, "value"),
        State(ids.REGION_PEILDATUM, "value"),
        prevent_initial_call=True,
    )(compare_versions)
