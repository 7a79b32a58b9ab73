"""Callbacks of the Data page's list of who has not delivered, and recording an empty delivery."""

from __future__ import annotations

import re

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, ctx, no_update

from dashboard.auth.viewer import current_viewer
from dashboard.data.delivery_states import DeliveryError, not_delivered, record_empty
from dashboard.data.organisations import quarter_heading
from dashboard.i18n import _
from dashboard.infra.runtime import current_peildatum, runtime
from geodata import region_refs
from layouts import delivery_list, ids

QUARTER = re.compile(r"^(\d{4})-K([1-4])$")


def _filters(region: object, quarter: object) -> tuple[str | None, str | None]:
    # The values come from the browser; a forged request may send anything.
    code = region if isinstance(region, str) and region in {r.code for r in region_refs()} else None
    label = quarter if isinstance(quarter, str) and QUARTER.match(quarter) else None
    return code, label


def update_missing(region: object, quarter: object) -> object:
    """The list for the chosen region (or all the viewer sees) and quarter."""
    viewer = current_viewer()
    code, label = _filters(region, quarter)
    frame = not_delivered(runtime().db, viewer, current_peildatum(), code, label)
    return delivery_list.missing_table(frame, viewer)


def record_missing(clicks: list[int | None], region: object, quarter: object) -> tuple[object, object]:
    """Record "geleverd, geen trajecten" for the clicked row; the data layer checks who may."""
    button = ctx.triggered_id
    if not isinstance(button, dict) or not any(clicks or []):
        return no_update, no_update
    found = QUARTER.match(str(button.get("kwartaal", "")))
    org = button.get("org")
    if found is None or not isinstance(org, int):
        return no_update, no_update
    try:
        record_empty(runtime().db, current_viewer(), org, int(found[1]), int(found[2]))
    except DeliveryError as error:
        return dbc.Alert(str(error), color="danger"), no_update
    label = quarter_heading(found[0])
    message = dbc.Alert(_("Vastgelegd: geleverd, geen trajecten over {kwartaal}.").format(kwartaal=label))
    return message, update_missing(region, quarter)


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # region or quarter chosen -> the list
    app.callback(
        Output(ids.MISSING_TABLE, "children"),
        Input(ids.MISSING_REGION, "value"),
        Input(ids.MISSING_QUARTER, "value"),
    )(update_missing)
    # "geen trajecten" clicked -> recorded, message, refreshed list
    app.callback(
        Output(ids.MISSING_MESSAGE, "children"),
        Output(ids.MISSING_TABLE, "children", allow_duplicate=True),
        Input({"type": ids.MISSING_RECORD, "org": ALL, "kwartaal": ALL}, "n_clicks"),
        State(ids.MISSING_REGION, "value"),
        State(ids.MISSING_QUARTER, "value"),
        prevent_initial_call=True,
    )(record_missing)
