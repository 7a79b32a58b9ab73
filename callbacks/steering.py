"""Callback of the Data page's national stuurgroep: ``beheer`` records a day, everyone else nothing."""

from __future__ import annotations

import datetime as dt

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, html
from dash.exceptions import PreventUpdate

from dashboard.auth import store
from dashboard.auth.viewer import current_viewer
from dashboard.data.steering import national_steering_groups, record_national_steering_group
from dashboard.i18n import _
from dashboard.infra.runtime import runtime
from dashboard.text import format as fmt
from layouts import data_page, ids


def record_steering_group(clicks: int | None, day_raw: str | None) -> html.Div:
    """The recorded days; after a click, first record ``day_raw`` (``beheer`` only) and say how it went."""
    viewer = current_viewer()
    if not viewer.is_admin:
        raise PreventUpdate  # the section is only on beheer's page; a forged request changes nothing
    db = runtime().db
    message = None
    if clicks:
        try:
            day = dt.date.fromisoformat(str(day_raw or ""))
        except ValueError:
            message = dbc.Alert(_("Kies eerst een datum; er is niets vastgelegd."), color="warning")
        else:
            if record_national_steering_group(db, day, viewer.name):
                store.record(db, "landelijke stuurgroep vastgelegd", viewer.name, day.isoformat())
                text = _("Landelijke stuurgroep van {datum} vastgelegd.")
                message = dbc.Alert(text.format(datum=fmt.date(day)), color="success")
            else:
                text = _("De landelijke stuurgroep van {datum} was al vastgelegd.")
                message = dbc.Alert(text.format(datum=fmt.date(day)), color="info")
    return data_page.steering_list(national_steering_groups(db), message)


def register(app: Dash) -> None:
    """Wire this module's callbacks to ``app``."""
    # page load or "Vastleggen" -> record the day, list the recorded days
    app.callback(
        Output(ids.STEERING_LIST, "children"),
        Input(ids.STEERING_RECORD, "n_clicks"),
        State(ids.STEERING_DAY, "value"),
    )(record_steering_group)
