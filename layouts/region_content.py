"""What the region page shows for a view: one code path for the first response and the callbacks.

The page layout (``layouts.pages.region_page``) calls :func:`first_view` with the control values it
sets, so the first response holds the drawn page; the callbacks in ``callbacks/region.py`` call the
same functions when a control changes. Each part is drawn from one region report
(``dashboard.reports.region``) of one parsed view. The tables, which only show, go out as one
``StaticHtml`` each: a third of the page's components fewer for the renderer to track.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlencode

import plotly.graph_objects as go
from dash import NoUpdate, no_update
from dash.exceptions import PreventUpdate

from dashboard.auth.viewer import current_viewer
from dashboard.data.narratives import narratives_in
from dashboard.data.snapshots import PublicationRef
from dashboard.i18n import _, current_language
from dashboard.infra.callback_cache import cached_callback
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.publication import heading_mark, published_view
from dashboard.reports.region import RegionReport, region_report
from dashboard.reports.snapshot_choice import addressed
from dashboard.reports.verdict import region_verdict
from dashboard.reports.view import View
from dashboard.text.changes import changes_sentence
from dashboard.text.narrative import trend_marks
from layouts import delivery_list, gauges, ids, mix_tables, narrative_view
from layouts.exports import export_links
from layouts.figures.cadence import cadence_figure, cadence_summary
from layouts.figures.funnel import funnel_figure, funnel_summary
from layouts.figures.funnel_plot import funnel_plot_figure, funnel_plot_summary
from layouts.figures.mix import mix_figure
from layouts.figures.trend import trend_figure
from layouts.kept_packs import region_kept
from layouts.region import NARRATIVE, breadcrumb, region_heading, region_trail
from layouts.signals import region_signals
from layouts.static_html import collapsed, static_html

Parts = tuple[Any, ...]


def parse_view(
    year_raw: str | None,
    code: str | None,
    peildatum_raw: str | None,
    cohort_raw: str | None,
    search: str | None = None,
    publication_raw: str | None = None,
) -> View:
    """The view of the page's control values; a page without a known region has nothing to draw."""
    # The comparison day has no control on the page: a chosen one (``?sinds=``) comes from the address.
    since = parse_qs((search or "").lstrip("?")).get("sinds")
    query = {
        "jaar": year_raw,
        "peildatum": peildatum_raw,
        "cohort": cohort_raw,
        "regio": code,
        "sinds": since,
        "publicatie": publication_raw,
    }
    view = View.parse(query, current_peildatum(), current_viewer(), current_language())
    if view.region is None:
        raise PreventUpdate  # the page only exists for a known region; nothing to draw otherwise
    return view


def _shown(view: View) -> tuple[RegionReport, PublicationRef | None]:
    # Everyone but beheer reads the snapshot standing at the peildatum, when there is one.
    db = runtime().db
    shown, found = published_view(db, view, current_viewer())
    return region_report(db, shown, str(view.region)), found


def _report(view: View) -> RegionReport:
    return _shown(view)[0]


def _region_parts(
    view: View, report: RegionReport, found: PublicationRef | None, search: str | None
) -> Parts:
    links = export_links(
        "regios",
        view.year,
        view.peildatum,
        _("de cijfers van deze regio"),
        region=report.ref.code,
        cohort=view.cohort,
        publication=view.publication,
    )
    trail = breadcrumb(region_trail(report.ref, view.year, view.peildatum))
    written = addressed(view)
    shown = written.shown_by(search, current_peildatum(), "cohort", "sinds", "publicatie")
    query: str | NoUpdate = no_update if shown else written.address("cohort", "sinds", "publicatie")
    heading = f"{region_heading(report)} · {heading_mark(found)}"
    return gauges.region_gauges(report), heading, links, trail, query


def update_region(
    year_raw: str | None,
    code: str | None,
    peildatum_raw: str | None = None,
    cohort_raw: str | None = None,
    search: str | None = None,
) -> tuple[list[Any], str, object, object, str | NoUpdate]:
    """The four goal gauges, the heading, the download links, the breadcrumb and the URL query."""
    view = parse_view(year_raw, code, peildatum_raw, cohort_raw, search)
    cards, heading, links, trail, query = _region_parts(view, *_shown(view), search)
    return cards, heading, links, trail, query


def _funnel_parts(view: View, report: RegionReport) -> Parts:
    name, cohort = report.ref.naam, report.cohort.year
    text = " ".join(
        [
            funnel_summary(name, report.funnel, cohort),
            funnel_summary(_("Landelijk"), report.national_funnel, cohort),
        ]
    )
    if not report.cohort.mature:
        text += " " + _("Dit cohort is nog niet uitontwikkeld: duurzaam werk kan nog volgen.")
    what = _("de trechter van startcohort {cohort}").format(cohort=cohort)
    return (
        funnel_figure(report.funnel, _("{name}, startcohort {cohort}").format(name=name, cohort=cohort)),
        funnel_figure(report.national_funnel, _("Landelijk, startcohort {cohort}").format(cohort=cohort)),
        text,
        export_links("trechter", cohort, view.peildatum, what, region=report.ref.code),
    )


def update_funnels(
    year_raw: str | None, code: str | None, peildatum_raw: str | None, cohort_raw: str | None
) -> tuple[go.Figure, go.Figure, str, object]:
    """The region's funnel for the chosen start cohort, the national one beside it, text, downloads."""
    view = parse_view(year_raw, code, peildatum_raw, cohort_raw)
    region, national, text, links = _funnel_parts(view, _report(view))
    return region, national, text, links


def _monthly(view: View, report: RegionReport) -> go.Figure:
    # Each narrative is marked on the line at the day it speaks for, as the meeting pack does.
    stories = narratives_in(runtime().db, current_viewer(), view.year)
    marks = trend_marks([n for n in stories if n.region == report.ref.code], view.year, report.through)
    return trend_figure(
        report.monthly, view.year, view.peildatum, report.target_started, years=2, marks=marks
    )


def _mix_parts(view: View, report: RegionReport) -> Parts:
    cohort = report.cohort.year
    what = _("methoden en financiering {cohort}").format(cohort=cohort)
    links = export_links("methoden", cohort, view.peildatum, what, region=report.ref.code)
    return mix_figure(report.mix), static_html(mix_tables.mix_tables(report.mix, cohort)), links


def update_mix(
    year_raw: str | None, code: str | None, peildatum_raw: str | None, cohort_raw: str | None
) -> tuple[go.Figure, object, object]:
    """Methods and funding streams of the chosen cohort, the same numbers as a table, downloads."""
    view = parse_view(year_raw, code, peildatum_raw, cohort_raw)
    figure, tables, links = _mix_parts(view, _report(view))
    return figure, tables, links


def _cadence_parts(view: View, report: RegionReport) -> Parts:
    year, peildatum, cadence = view.year, view.peildatum, report.cadence
    text = cadence_summary(
        cadence.meetings, cadence.gaps, year, peildatum, cadence.target_learning, cadence.target_cases
    )
    attendance = static_html(mix_tables.attendance_table(cadence.attendance, cadence.attendance_known))
    what = _("de bijeenkomsten van {year}").format(year=year)
    links = export_links("bijeenkomstenlijst", year, peildatum, what, region=report.ref.code)
    return cadence_figure(cadence.meetings, cadence.gaps, year, peildatum), text, attendance, links


def update_cadence(
    year_raw: str | None, code: str | None, peildatum_raw: str | None
) -> tuple[go.Figure, str, object, object]:
    """The meeting timeline with long gaps between case discussions, its text, who attended, downloads."""
    view = parse_view(year_raw, code, peildatum_raw, None)
    figure, text, attendance, links = _cadence_parts(view, _report(view))
    return figure, text, attendance, links


def _comparison_parts(report: RegionReport) -> Parts:
    # Outflow belongs to a start cohort: the row and the plot follow the cohort of funnel and gauge.
    code, cohort = report.ref.code, report.cohort
    figure = funnel_plot_figure(report.cohort_regions, code, not cohort.mature)
    text = _("Startcohort {cohort}. {summary}").format(
        cohort=cohort.year, summary=funnel_plot_summary(report.cohort_regions, code)
    )
    return static_html(mix_tables.comparison_table(report)), figure, text


def update_comparison(
    year_raw: str | None, code: str | None, peildatum_raw: str | None, cohort_raw: str | None
) -> tuple[object, go.Figure, str]:
    """The region beside the country, the median and similar regions; the outflow funnel plot."""
    view = parse_view(year_raw, code, peildatum_raw, cohort_raw)
    grid, figure, text = _comparison_parts(_report(view))
    return grid, figure, text


def update_region_page(
    year_raw: str | None,
    code: str | None,
    peildatum_raw: str | None,
    cohort_raw: str | None = None,
    search: str | None = None,
    cohort_only: bool = False,
    publication_raw: str | None = None,
) -> Parts:
    """Every part of the region page in one answer, in the order ``register`` declares the outputs.

    One request instead of six: each request pays for the login check, the import-log read and
    Dash's dispatch again, and the parts share one report anyway. When only the start cohort
    changed, the monthly progress and the meetings (which do not depend on it) stay as they are.
    """
    view = parse_view(year_raw, code, peildatum_raw, cohort_raw, search, publication_raw)
    report, found = _shown(view)
    monthly: Any = no_update if cohort_only else _monthly(view, report)
    cadence = (no_update,) * 4 if cohort_only else _cadence_parts(view, report)
    return (
        *_region_parts(view, report, found, search),
        region_verdict(report.standing),
        changes_sentence(report.changes),
        *_funnel_parts(view, report),
        monthly,
        *_mix_parts(view, report),
        *cadence,
        *_comparison_parts(report),
        delivery_list.delivery_line(report.deliveries),
    )


# The outputs of ``update_region_page``, in its order (``callbacks/region.py`` declares them so too);
# the address is written by the page's own location on the first view (``ids.REGION_URL``).
PAGE_OUTPUTS = (
    ids.REGION_TILES,
    ids.REGION_HEADING,
    ids.REGION_EXPORT,
    ids.REGION_BREADCRUMB,
    ids.REGION_URL,
    ids.REGION_VERDICT,
    ids.REGION_SINCE,
    ids.REGION_FUNNEL,
    ids.REGION_FUNNEL_NATIONAL,
    ids.REGION_FUNNEL_TEXT,
    ids.REGION_FUNNEL_EXPORT,
    ids.REGION_MONTHLY,
    ids.REGION_MIX,
    ids.REGION_MIX_TABLE,
    ids.REGION_MIX_EXPORT,
    ids.REGION_CADENCE,
    ids.REGION_CADENCE_TEXT,
    ids.REGION_ATTENDANCE,
    ids.REGION_CADENCE_EXPORT,
    ids.REGION_COMPARISON,
    ids.REGION_FUNNEL_PLOT,
    ids.REGION_FUNNEL_PLOT_TEXT,
    ids.REGION_COMPLETENESS,
)


# The page answer through the callbacks' answer cache (``dashboard.infra.callback_cache``): the
# page callback is wired to it, and the first layout takes its parts from it, so a view shown
# before goes out again as finished JSON. The trigger (``cohort_only``) is one of its arguments.
page_answer = cached_callback(collapsed(update_region_page))


def first_view(view: View, query: dict[str, object], publication: str = "") -> dict[str, Any]:
    """What every output of the page shows before any control changes, by component id.

    The controls start at the view's values (``layouts.region.page``; ``publication`` is the value
    the publication control starts at), and these are the answers the page callback would give for
    exactly those values and the address ``query`` the page was opened with. The address query is
    ``None`` when the address already shows the view.
    """
    search = "?" + urlencode(query, doseq=True)
    parts = page_answer(
        str(view.year),
        view.region,
        view.peildatum.isoformat(),
        str(view.cohort),
        search,
        False,
        publication or None,
    )
    first = dict(zip(PAGE_OUTPUTS, parts, strict=True))
    if isinstance(first[ids.REGION_URL], NoUpdate):
        first[ids.REGION_URL] = None
    # The parts other modules redraw after a change: the narrative, kept packs and signals.
    code = str(view.region)
    first[NARRATIVE], first[ids.NARRATIVE_COMPARE] = narrative_view.first(code, view.peildatum)
    first[ids.REGION_KEPT_PACKS] = region_kept(code)
    first[ids.REGION_SIGNALS] = region_signals(code, view.peildatum)
    return first
