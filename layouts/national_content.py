"""What the national page shows for a view: one code path for the first response and the callbacks.

The page layout (``layouts.pages``) calls these functions with the control values it sets, so the
first response holds the drawn page; the callbacks in ``callbacks/national.py`` and
``callbacks/matrix.py`` call the same functions when a control changes.
Each takes the controls' raw values (the URL's names are parsed by :class:`View`).
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
from dash import Patch, html, no_update

from dashboard.auth.viewer import current_viewer
from dashboard.data.snapshots import PublicationRef
from dashboard.i18n import _
from dashboard.infra.callback_cache import cached_callback
from dashboard.infra.runtime import current_peildatum, runtime
from dashboard.reports.methods import methods_report
from dashboard.reports.national import NationalReport, national_report
from dashboard.reports.publication import heading_mark, published_view
from dashboard.reports.snapshot_choice import addressed
from dashboard.reports.verdict import national_verdict
from dashboard.reports.view import View
from geodata import region_refs, tile_layout
from layouts import ids, matrix, national
from layouts.controls import NO_REGION
from layouts.exports import export_links
from layouts.figures.maps import (
    GEO,
    TILES,
    geo_map_figure,
    map_patch,
    map_summary,
    map_values,
    tile_map_figure,
)
from layouts.figures.methods import (
    grid_note,
    grid_summary,
    methods_figure,
    methods_grid_figure,
    methods_summary,
)
from layouts.figures.ranking import ranking_figure, ranking_summary
from layouts.figures.theme import on_screen
from layouts.figures.trend import trend_figure
from layouts.metric_specs import metric
from layouts.static_html import collapsed
from layouts.tiles import national_tiles

# Inputs whose change leaves the map's form (and so its geometry) as it is.
VALUE_INPUTS = {ids.NATIONAL_METRIC, ids.NATIONAL_YEAR, ids.NATIONAL_PEILDATUM, ids.NATIONAL_PUBLICATION}


def parse_view(**raw: object) -> View:
    """The view of the page's control values, under the URL's names (``jaar``, ``peildatum`` …)."""
    return View.parse(raw, current_peildatum())


def _shown(view: View) -> tuple[NationalReport, PublicationRef | None]:
    # Everyone but beheer reads the snapshot standing at the peildatum, when there is one.
    db = runtime().db
    shown, found = published_view(db, view, current_viewer())
    return national_report(db, shown), found


def _report(view: View) -> NationalReport:
    return _shown(view)[0]


def update_national(
    year_raw: str | None,
    peildatum_raw: str | None,
    since_raw: str | None = None,
    publication_raw: str | None = None,
) -> tuple[list[Any], str, str]:
    """National tiles (with last year's figures, or those at an earlier peildatum), heading, verdict."""
    view = parse_view(jaar=year_raw, peildatum=peildatum_raw, sinds=since_raw, publicatie=publication_raw)
    report, found = _shown(view)
    heading = f"{national.heading(report.summary)} · {heading_mark(found)}"
    return national_tiles(report), heading, national_verdict(report)


def update_map(
    metric_key: str | None,
    form: str | None,
    year_raw: str | None,
    peildatum_raw: str | None,
    trigger: str | None,
    publication_raw: str | None = None,
) -> tuple[go.Figure | Patch, Any, str]:
    """The map (a whole figure when its form changes, else only the new values), note and summary.

    Outflow of an immature cohort is not compared with the goal: the report's outflow rows are
    those of the latest mature cohort, and the legend says so (the same choice as the tile).
    """
    view = parse_view(
        maat=metric_key, kaart=form, jaar=year_raw, peildatum=peildatum_raw, publicatie=publication_raw
    )
    report = _report(view)
    spec = metric(view.metric)
    frame, cohort = report.frame_for(spec.key), report.cohort_for(spec.key)
    values, summary = map_values(frame, spec, cohort), map_summary(frame, spec, cohort)
    boundaries = runtime().boundaries
    shown = GEO if view.map_form == GEO and boundaries is not None else TILES
    # Whatever form was asked for: without boundaries the reader must learn why there is no real map.
    note = national.tile_map_note(runtime().boundary_problem) if boundaries is None else None
    # A click on a region opens its page in the browser (assets/navigation.js): the
    # figure carries the address's query for this year and peildatum (``query`` writes only those
    # two), so the click asks no server.
    query = view.query()
    if trigger in VALUE_INPUTS:
        patch = map_patch(shown, values)
        patch["layout"]["meta"]["regionQuery"] = query
        return patch, no_update, summary
    if shown == GEO and boundaries is not None:
        figure = geo_map_figure(boundaries, values)
    else:
        figure = tile_map_figure(tile_layout(), values)
    figure.update_layout(meta={**figure.layout.meta, "regionQuery": query})
    return figure, note, summary


def update_ranking(
    metric_key: str | None,
    year_raw: str | None,
    peildatum_raw: str | None,
    highlight: str | None,
    narrow: bool | None = None,
    publication_raw: str | None = None,
) -> tuple[go.Figure, str, object]:
    """The 35 regions ranked on the chosen metric, the chosen region marked; summary; download links."""
    view = parse_view(
        maat=metric_key, jaar=year_raw, peildatum=peildatum_raw, regio=highlight, publicatie=publication_raw
    )
    report = _report(view)
    spec = metric(view.metric)
    frame, cohort = report.frame_for(spec.key), report.cohort_for(spec.key)
    what = _("de cijfers achter kaart en rangorde")
    links = export_links("regios", view.year, view.peildatum, what, publication=view.publication)
    return (
        ranking_figure(frame, spec, view.region, cohort, on_screen(narrow), moved=report.movement(spec.key)),
        ranking_summary(frame, spec, view.region, cohort),
        links,
    )


def update_trend(
    year_raw: str | None,
    peildatum_raw: str | None,
    narrow: bool | None = None,
    publication_raw: str | None = None,
) -> tuple[go.Figure, str]:
    """Cumulative national starts per month for the year and the three before it, and a summary."""
    report = _report(parse_view(jaar=year_raw, peildatum=peildatum_raw, publicatie=publication_raw))
    target = report.summary.target_started
    return (
        trend_figure(report.monthly, report.year, report.peildatum, target, medium=on_screen(narrow)),
        national.trend_summary(report.monthly, report.year, report.peildatum, target),
    )


def trend_with_links(
    year_raw: str | None,
    peildatum_raw: str | None,
    narrow: bool | None = None,
    publication_raw: str | None = None,
) -> tuple[go.Figure, str, object]:
    """The trend, its sentence and its download links."""
    view = parse_view(jaar=year_raw, peildatum=peildatum_raw, publicatie=publication_raw)
    figure, summary = update_trend(year_raw, peildatum_raw, narrow, publication_raw)
    what = _("de cijfers van de trend")
    return (
        figure,
        summary,
        export_links("trend", view.year, view.peildatum, what, publication=view.publication),
    )


def region_link(highlight: str | None, year_raw: str | None, peildatum_raw: str | None = None) -> Any:
    """A link to the marked region's page, so the drill-down also works without a mouse."""
    view = parse_view(regio=highlight, jaar=year_raw, peildatum=peildatum_raw)
    if view.region is None:
        return None
    name = next(r.naam for r in region_refs() if r.code == view.region)
    return html.A(_("Open regiopagina {name}").format(name=name), href=f"/regio/{view.region}" + view.query())


def state_to_url(
    year_raw: str | None,
    peildatum_raw: str | None,
    metric_key: str | None,
    form: str | None,
    highlight: str | None,
    since_raw: str | None = None,
    publication_raw: str | None = None,
) -> str:
    """The query string that reproduces the view."""
    view = parse_view(
        jaar=year_raw,
        peildatum=peildatum_raw,
        maat=metric_key,
        kaart=form,
        regio=highlight,
        sinds=since_raw,
        publicatie=publication_raw,
    )
    shown = addressed(view)
    return shown.query("maat", "kaart", "regio", "sinds", "publicatie")


def update_methods(
    year_raw: str | None, peildatum_raw: str | None, narrow: bool | None = None
) -> tuple[go.Figure, str, str, go.Figure, str, html.P]:
    """National methods and funding, one small chart per region, their sentences and the download."""
    view = parse_view(jaar=year_raw, peildatum=peildatum_raw)
    medium = on_screen(narrow)
    report = methods_report(runtime().db, view)
    by_method, regions, outflow = report.by_method(), report.regions(), report.outflow
    # The download holds every region's rows of the year's start cohort (starts and its outflow so far).
    links = export_links(
        "methoden", view.year, view.peildatum, _("de cijfers per regio, methode en financiering")
    )
    return (
        methods_figure(by_method, report.by_funding(), view.year, outflow, medium),
        methods_summary(by_method, view.year, outflow),
        grid_note(view.year, outflow),
        methods_grid_figure(regions, view.year, outflow, medium),
        grid_summary(regions, view.year),
        links,
    )


def matrix_for(view: View, at_least: int, province: str | None, order: dict[str, Any]) -> tuple[Any, str]:
    """The matrix of the regions behind on ``at_least`` goals or more (in ``province``), in ``order``.

    With the count of the 35 regions shown.
    """
    rows = matrix.matrix_rows(national_report(runtime().db, view))
    shown = matrix.filtered(rows, at_least, province)
    shown = matrix.sorted_rows(shown, str(order.get("column")), bool(order.get("descending")))
    return matrix.matrix_table(shown, order, view), matrix.count_text(len(shown), len(rows))


def first_matrix(year_raw: str | None, peildatum_raw: str | None) -> tuple[Any, str]:
    """The matrix as a page first shows it: no filter, the default sort."""
    return matrix_for(parse_view(jaar=year_raw, peildatum=peildatum_raw), 0, None, matrix.DEFAULT_SORT)


# The answers that cost most to build, through the callbacks' answer cache
# (``dashboard.infra.callback_cache``): the callbacks are wired to these, and the first layout
# takes its parts from them, so a view shown before goes out again as finished JSON instead of
# being drawn anew (for the national page most of its layout time). Outside a request (tests,
# packs) they are the plain functions.
national_answer = cached_callback(collapsed(update_national))
map_answer = cached_callback(collapsed(update_map))
ranking_answer = cached_callback(collapsed(update_ranking))
trend_answer = cached_callback(collapsed(trend_with_links))
methods_answer = cached_callback(collapsed(update_methods))
# The matrix's 35 rows were half the national layout's time (27 of 38 ms) before they were cached.
first_matrix_answer = cached_callback(first_matrix)


def update_matrix(
    year_raw: str | None,
    peildatum_raw: str | None,
    behind_raw: str | None,
    province: str | None,
    sort: dict[str, Any] | None,
) -> tuple[Any, str]:
    """The regions that pass the filters, sorted as asked, and how many of the 35 that are.

    With the first filters and sort (what a change of year or peildatum shows most of the time)
    the answer comes from the answer cache; the sort is a dict from a browser store, which the
    cache does not take as a key.
    """
    # A hand-edited value is not an error worth a message here: it means no filter.
    at_least = (
        int(behind_raw) if isinstance(behind_raw, str) and behind_raw in {str(n) for n in range(5)} else 0
    )
    chosen = province if isinstance(province, str) and province not in ("", matrix.ALL_PROVINCES) else None
    # The sort lives in a browser store: a forged one that is no sort means the default.
    known = isinstance(sort, dict) and sort.get("column") in matrix.SORT_COLUMNS
    order = sort if known and sort is not None else matrix.DEFAULT_SORT
    if at_least == 0 and chosen is None and order == matrix.DEFAULT_SORT:
        return first_matrix_answer(year_raw, peildatum_raw)
    return matrix_for(parse_view(jaar=year_raw, peildatum=peildatum_raw), at_least, chosen, order)


def first_view(view: View, form: str, publication: str = "") -> dict[str, Any]:
    """What every output of the page shows before any control changes, by component id.

    The controls start at the view's values (``layouts.national.page``; ``publication`` is the
    value the publication control starts at), and these are the answers the callbacks would give
    for exactly those values, on a wide screen: a phone's narrow store change redraws the
    width-dependent figures (``callbacks/shell.py``).
    """
    year, peildatum = str(view.year), view.peildatum.isoformat()
    chosen = publication or None
    since = view.since.isoformat() if view.since else ""
    highlight = view.region or NO_REGION
    outputs = {
        (ids.NATIONAL_TILES, ids.NATIONAL_HEADING, ids.NATIONAL_VERDICT): national_answer(
            year, peildatum, since, chosen
        ),
        (ids.NATIONAL_MAP, ids.NATIONAL_MAP_NOTE, ids.NATIONAL_MAP_SUMMARY): map_answer(
            view.metric, form, year, peildatum, None, chosen
        ),
        (ids.NATIONAL_RANKING, ids.NATIONAL_RANKING_SUMMARY, ids.NATIONAL_EXPORT): ranking_answer(
            view.metric, year, peildatum, highlight, None, chosen
        ),
        (ids.NATIONAL_REGION_LINK,): (region_link(highlight, year, peildatum),),
        # The whole view goes into the address as the page appears, so a copied link keeps it.
        (ids.NATIONAL_URL,): (state_to_url(year, peildatum, view.metric, form, highlight, since, chosen),),
        (ids.MATRIX_TABLE, ids.MATRIX_COUNT): first_matrix_answer(year, peildatum),
        (ids.NATIONAL_TREND, ids.NATIONAL_TREND_SUMMARY, ids.NATIONAL_TREND_EXPORT): trend_answer(
            year, peildatum, None, chosen
        ),
        (
            ids.NATIONAL_METHODS,
            ids.NATIONAL_METHODS_SUMMARY,
            ids.NATIONAL_METHODS_GRID_NOTE,
            ids.NATIONAL_METHODS_GRID,
            ids.NATIONAL_METHODS_GRID_SUMMARY,
            ids.NATIONAL_METHODS_EXPORT,
        ): methods_answer(year, peildatum),
    }
    return {
        name: value for names, values in outputs.items() for name, value in zip(names, values, strict=True)
    }
