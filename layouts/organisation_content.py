"""What the organisation page shows for a view: one code path for its first layout and its callbacks.

The page layout (``layouts.pages.organisation_page``) calls :func:`first_view` with the control
values it sets, so the first response holds the drawn page; the callbacks in
``callbacks/organisation.py`` call the same functions when a control changes. Each part is drawn
from the organisation report (``dashboard.reports.organisation``) of one parsed view.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import plotly.graph_objects as go
from dash import NoUpdate, no_update

from dashboard.auth.viewer import current_viewer
from dashboard.i18n import _, current_language
from dashboard.infra.callback_cache import cached_callback
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.organisation import OrganisationReport, organisation_report
from dashboard.reports.view import View
from layouts import ids, mix_tables
from layouts import organisation as org_layout
from layouts.figures.funnel import funnel_figure
from layouts.figures.mix import mix_figure
from layouts.figures.theme import message_figure
from layouts.figures.trend import trend_figure
from layouts.region import breadcrumb
from layouts.static_html import collapsed, static_html

HEADER_OUTPUTS = (ids.ORG_TILES, ids.ORG_HEADING, ids.ORG_BREADCRUMB, ids.ORG_URL)
FIGURE_OUTPUTS = (ids.ORG_FUNNEL, ids.ORG_FUNNEL_TEXT, ids.ORG_MONTHLY, ids.ORG_MIX, ids.ORG_MIX_TABLE)


def parse_view(year_raw: str | None, peildatum_raw: str | None, **more: object) -> View:
    """The view of the controls' values; ``more`` holds the other parameters under their URL names."""
    query = {"jaar": year_raw, "peildatum": peildatum_raw, **more}
    return View.parse(query, current_peildatum(), current_viewer(), current_language())


def suppression_minimum() -> int:
    """The smallest count shown at organisation level."""
    return runtime().settings.suppression_minimum


def _report(
    year_raw: str | None, organisation: object, peildatum_raw: str | None
) -> tuple[View, OrganisationReport]:
    view = parse_view(year_raw, peildatum_raw, organisatie=str(organisation))
    return view, organisation_report(runtime().db, view, view.organisation, suppression_minimum())


def update_organisation(
    year_raw: str | None, organisation: int | None, peildatum_raw: str | None, search: str | None = None
) -> tuple[list[Any], str, object, str | NoUpdate]:
    """The organisation's tiles, heading, breadcrumb and the address query (unchanged: ``no_update``)."""
    view, report = _report(year_raw, organisation, peildatum_raw)
    tiles = org_layout.tiles(report.counts, report.year, report.peildatum, report.target_outflow_pct)
    trail = breadcrumb(org_layout.organisation_trail(report.region, report.ref, view.year, view.peildatum))
    query: str | NoUpdate = no_update if view.shown_by(search, current_peildatum()) else view.address()
    return tiles, org_layout.heading(report), trail, query


def update_organisation_figures(
    year_raw: str | None, organisation: int | None, peildatum_raw: str | None
) -> tuple[go.Figure, str, go.Figure, go.Figure, object]:
    """Funnel, monthly starts and the method mix of the organisation, small numbers suppressed."""
    report = _report(year_raw, organisation, peildatum_raw)[1]
    title = _("{name}, startcohort {cohort}").format(name=report.ref.naam, cohort=report.year)
    hidden = _("kleine aantallen niet getoond")
    per_month = (
        message_figure(hidden, 340)
        if report.monthly is None
        else trend_figure(report.monthly, report.year, report.peildatum, None, years=2)
    )
    if report.mix is None:
        mix_shown, mix_table = message_figure(hidden), None
    else:
        mix_table = static_html(mix_tables.mix_tables(report.mix, report.year))
        mix_shown = mix_figure(report.mix)
    return (
        funnel_figure(report.counts, title),
        org_layout.funnel_text(report),
        per_month,
        mix_shown,
        mix_table,
    )


def update_deliveries(organisation: int | None, peildatum_raw: str | None) -> list[Any]:
    """Delivery per quarter and the files that brought the organisation's trajectories."""
    return org_layout.deliveries(_report(None, organisation, peildatum_raw)[1])


# The answers through the callbacks' answer cache (``dashboard.infra.callback_cache``): the
# callbacks are wired to these, and the first layout takes its parts from them, so a view shown
# before goes out again as finished JSON.
organisation_answer = cached_callback(collapsed(update_organisation))
figures_answer = cached_callback(collapsed(update_organisation_figures))
deliveries_answer = cached_callback(collapsed(update_deliveries))


def first_view(view: View, query: dict[str, object]) -> dict[str, Any]:
    """What every output of the page shows before any control changes, by component id.

    The answers the callbacks would give for the controls the page starts at (the view's year and
    peildatum) and the address ``query`` it was opened with. The address entry is ``None`` when the
    address already shows the view.
    """
    year, day, org = str(view.year), view.peildatum.isoformat(), view.organisation
    search = "?" + urlencode(query, doseq=True)
    first = dict(zip(HEADER_OUTPUTS, organisation_answer(year, org, day, search), strict=True))
    if isinstance(first[ids.ORG_URL], NoUpdate):
        first[ids.ORG_URL] = None
    first.update(zip(FIGURE_OUTPUTS, figures_answer(year, org, day), strict=True))
    first[ids.ORG_DELIVERIES] = deliveries_answer(org, day)
    return first
