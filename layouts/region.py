"""Regio: one region's standing on its four goals, why, how it compares, and its organisations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import N_, _, language_query
from dashboard.reports.region import RegionReport
from dashboard.rules import domain
from dashboard.text.as_of import through
from geodata import RegionRef
from layouts import controls, ids, narrative
from layouts.a11y import aria, data
from layouts.exports import pack_links, presentation_link
from layouts.figure_table import TABLED_FIGURES, table_switch
from layouts.figures.theme import graph_config
from layouts.notices import view_problems
from layouts.page_container import page_start, view_location

# AG Grid's own texts (the keys the community edition shows in a plain grid), marked for the
# catalogue: the grid is English by itself, but "no rows" should name organisations in any language.
# The key in a page's first view that holds the narrative's parts (layouts.narrative_view.shown).
NARRATIVE = "narrative"
GRID_TEXT = {
    "filterOoo": N_("Filteren…"),
    "contains": N_("Bevat"),
    "notContains": N_("Bevat niet"),
    "equals": N_("Is gelijk aan"),
    "notEqual": N_("Is niet gelijk aan"),
    "startsWith": N_("Begint met"),
    "endsWith": N_("Eindigt op"),
    "blank": N_("Leeg"),
    "notBlank": N_("Niet leeg"),
    "lessThan": N_("Kleiner dan"),
    "greaterThan": N_("Groter dan"),
    "lessThanOrEqual": N_("Kleiner dan of gelijk aan"),
    "greaterThanOrEqual": N_("Groter dan of gelijk aan"),
    "inRange": N_("Tussen"),
    "andCondition": N_("EN"),
    "orCondition": N_("OF"),
    "noRowsToShow": N_("Geen organisaties"),
    "loadingOoo": N_("Laden…"),
    "ariaFilterValue": N_("Filterwaarde"),
    "ariaFilteringOperator": N_("Filtervoorwaarde"),
}


def grid_text() -> dict[str, str]:
    """``GRID_TEXT`` in the current language, for the grid's ``localeText``."""
    return {key: _(text) for key, text in GRID_TEXT.items()}


def view_query(year: int, peildatum: dt.date | str, **extra: str) -> str:
    """``?jaar=…&peildatum=…``: the state that travels between the levels of the drill-down."""
    day = peildatum if isinstance(peildatum, str) else peildatum.isoformat()
    # The language travels too, so a link or a rewritten address does not fall back to Dutch.
    return "?" + urlencode({"jaar": year, "peildatum": day, **extra, **language_query()})


def breadcrumb(trail: list[tuple[str, str | None]]) -> html.Nav:
    """*Nederland › Achterhoek › organisation*; the last step is the current page."""
    items = []
    for index, (label, href) in enumerate(trail):
        if index == len(trail) - 1 or href is None:
            items.append(html.Li(label, className="breadcrumb-item active", **aria(current="page")))
        else:
            items.append(html.Li(html.A(label, href=href), className="breadcrumb-item"))
    return html.Nav(html.Ol(items, className="breadcrumb"), **aria(label=_("Kruimelpad")))


def region_trail(region: RegionRef, year: int, peildatum: dt.date | str) -> list[tuple[str, str | None]]:
    """The breadcrumb steps down to ``region``."""
    query = view_query(year, peildatum)
    return [(_("Nederland"), "/" + query), (region.naam, f"/regio/{region.code}{query}")]


def region_heading(report: RegionReport) -> str:
    """*Arbeidsmarktregio AM09 · provincie Gelderland · voortgang 2026, t/m 30 juni 2026*."""
    ref, year, peildatum = report.ref, report.national.year, report.national.peildatum
    return _("Arbeidsmarktregio {code} · provincie {province} · voortgang {year}, t/m {date}").format(
        code=ref.code, province=ref.provincie, year=year, date=through(year, peildatum)
    )


def cohort_select(component_id: str, value: int, last_year: int) -> html.Div:
    """The start cohort that the funnel and the outflow gauge show."""
    options = [{"label": str(y), "value": str(y)} for y in range(last_year, domain.FIRST_YEAR - 1, -1)]
    select = dbc.Select(id=component_id, options=options, value=str(value), style={"width": "7rem"})
    return html.Div(
        [dbc.Label(_("Startcohort"), html_for=component_id, className="me-2 mb-0 text-nowrap"), select],
        className="d-flex align-items-center me-4 mb-2",
    )


def section(title: str, children: list[Any], intro: str = "") -> html.Section:
    """A titled part of the page."""
    lead = [html.P(intro, className="small text-body-secondary mb-2")] if intro else []
    return html.Section([html.H2(title, className="h4 mt-4"), *lead, *children], className="mb-4")


def graph(component_id: str, height: int = 300, first: Mapping[str, Any] | None = None) -> Any:
    """A figure slot, drawn from the first response, with its *toon als tabel* switch where it has one."""
    figure = (first or {}).get(component_id)
    # Without a first figure, Dash's empty one (a callback fills the slot).
    shown = {} if figure is None else {"figure": figure}
    slot = dcc.Graph(id=component_id, config=graph_config(), style={"minHeight": f"{height}px"}, **shown)
    return html.Div([slot, table_switch(component_id, figure)]) if component_id in TABLED_FIGURES else slot


def summary_text(component_id: str, first: Mapping[str, Any] | None = None) -> html.P:
    """The one-sentence text alternative under a figure (read by screen readers, shown to all)."""
    text = (first or {}).get(component_id)
    return html.P(text, id=component_id, className="small figure-summary", **aria(live="polite"))


def page(
    region: RegionRef,
    year: int,
    peildatum: dt.date,
    latest: dt.date,
    cohort: int,
    organisations_open: bool = True,
    problems: Sequence[object] = (),
    choice: tuple[list[dict[str, str]], str] = ([], ""),
    first: Mapping[str, Any] | None = None,
) -> html.Div:
    """The page with its controls set from the URL, drawn from the first response.

    ``organisations_open`` is False for a viewer who sees this region at region level only;
    ``problems`` says what in the address could not be used; ``choice`` holds the options and
    value of the publication control (which figures are shown); ``first`` is what each output
    shows for these controls, by id (``layouts.region_content.first_view``), so the first
    response is the drawn page and the page callback waits for a control to change.
    """
    first = first or {}
    trail = first.get(ids.REGION_BREADCRUMB) or breadcrumb(region_trail(region, year, peildatum))
    return html.Div(
        [
            view_location(ids.REGION_URL, first.get(ids.REGION_URL)),
            html.Div(trail, id=ids.REGION_BREADCRUMB),
            *view_problems(problems),
            html.Div(
                [
                    html.H1(region.naam, className="h2 me-auto"),
                    html.Span(pack_links(year, peildatum, (region.code,)), className="small me-3"),
                    presentation_link(year, peildatum, (region.code,)),
                ],
                className="d-flex align-items-center flex-wrap",
            ),
            html.P(first.get(ids.REGION_HEADING), id=ids.REGION_HEADING, className="lead"),
            html.P(first.get(ids.REGION_VERDICT), id=ids.REGION_VERDICT, className="lead fw-semibold"),
            # What changed since the last stuurgroep, written from the report.
            html.P(first.get(ids.REGION_SINCE), id=ids.REGION_SINCE, className="lead"),
            # Packs kept for the region's coming stuurgroep meetings (layouts/kept_packs.py).
            html.Div(first.get(ids.REGION_KEPT_PACKS), id=ids.REGION_KEPT_PACKS),
            dcc.Store(id=ids.REGION_CODE, data=region.code),
            html.Div(
                [
                    controls.publication_select(ids.REGION_PUBLICATION, *choice),
                    controls.year_select(ids.REGION_YEAR, year, latest.year),
                    controls.peildatum_input(ids.REGION_PEILDATUM, peildatum, latest),
                    cohort_select(ids.REGION_COHORT, cohort, latest.year),
                ],
                className="d-flex flex-wrap align-items-start",
                role="group",
                **aria(label=_("Jaar, peildatum en startcohort")),
            ),
            section(
                _("Doelen"),
                [
                    html.Div(
                        first.get(ids.REGION_TILES),
                        id=ids.REGION_TILES,
                        className="row g-3",
                        **aria(live="polite"),
                    ),
                    # How complete the data behind the gauges is (the last judged quarter's deliveries).
                    html.P(
                        first.get(ids.REGION_COMPLETENESS),
                        id=ids.REGION_COMPLETENESS,
                        className="small text-body-secondary mt-2 mb-0",
                    ),
                    # Each goal's explanation from the region's narrative, under its gauge.
                    html.Div(
                        (first.get(NARRATIVE) or (None,))[0],
                        id=ids.NARRATIVE_EXPLANATIONS,
                        className="row g-3 mt-1",
                    ),
                ],
                _(
                    "De zwarte streep is waar de regio vandaag zou staan bij een gelijkmatig tempo "
                    "(bij duurzame uitstroom: het doel); het grijze vlak is de bandbreedte van de prognose."
                ),
            ),
            # The region's open signals (callbacks/signals.py): what needs acting on, right under the
            # goals they are about (the verdict above already names how the goals stand).
            html.Div(first.get(ids.REGION_SIGNALS), id=ids.REGION_SIGNALS),
            html.Div(first.get(ids.REGION_EXPORT), id=ids.REGION_EXPORT),
            narrative.section(first.get(NARRATIVE), first.get(ids.NARRATIVE_COMPARE)),
            section(
                _("Uitstroom per startcohort"),
                [
                    dbc.Row(
                        [
                            dbc.Col(graph(ids.REGION_FUNNEL, first=first), lg=6),
                            dbc.Col(graph(ids.REGION_FUNNEL_NATIONAL, first=first), lg=6),
                        ]
                    ),
                    summary_text(ids.REGION_FUNNEL_TEXT, first),
                    html.Div(first.get(ids.REGION_FUNNEL_EXPORT), id=ids.REGION_FUNNEL_EXPORT),
                ],
                _(
                    "Van aanmelding tot duurzaam werk (minstens zes maanden betaald werk). Lopende trajecten "
                    "en trajecten die stopten staan er apart naast: lopend is nog niet mislukt."
                ),
            ),
            section(
                _("Voortgang per maand"),
                [graph(ids.REGION_MONTHLY, 380, first)],
                _("Gestarte trajecten cumulatief, dit jaar en vorig jaar, tegen de doellijn."),
            ),
            section(
                _("Methoden en financiering"),
                [
                    graph(ids.REGION_MIX, first=first),
                    html.Div(first.get(ids.REGION_MIX_TABLE), id=ids.REGION_MIX_TABLE),
                    html.Div(first.get(ids.REGION_MIX_EXPORT), id=ids.REGION_MIX_EXPORT),
                ],
                _(
                    "Gestarte trajecten van het gekozen startcohort per methode, verdeeld naar financiering, "
                    "met de duurzame uitstroom per methode."
                ),
            ),
            section(
                _("Bijeenkomsten"),
                [
                    graph(ids.REGION_CADENCE, 320, first),
                    summary_text(ids.REGION_CADENCE_TEXT, first),
                    html.Div(first.get(ids.REGION_ATTENDANCE), id=ids.REGION_ATTENDANCE),
                    html.Div(first.get(ids.REGION_CADENCE_EXPORT), id=ids.REGION_CADENCE_EXPORT),
                ],
                _(
                    "Alle bijeenkomsten van het jaar per soort. Gearceerd: meer dan {days} dagen zonder "
                    "casusbespreking."
                ).format(days=domain.CASE_DISCUSSION_MAX_GAP_DAYS),
            ),
            section(
                _("Vergelijking"),
                [
                    html.Div(first.get(ids.REGION_COMPARISON), id=ids.REGION_COMPARISON),
                    graph(ids.REGION_FUNNEL_PLOT, 420, first),
                    summary_text(ids.REGION_FUNNEL_PLOT_TEXT, first),
                ],
                _(
                    "De regio naast het landelijk cijfer, de mediaan van de regio's en regio's met een "
                    "vergelijkbaar jaardoel. In de trechterplot ligt een kleine regio niet zomaar "
                    "buiten de grenzen: hoe minder trajecten, hoe wijder de grenzen."
                ),
            ),
            organisations_section() if organisations_open else closed_organisations_section(),
        ],
        **page_start(ids.REGION_URL, first.get(ids.REGION_URL)),
    )


def organisations_section() -> html.Div:
    """The region's organisations: grid (mounted when seen), keyboard route, downloads."""
    shown = section(
        _("Organisaties"),
        [
            # Below the first screen: the grid is mounted, filled, when it comes near the viewport.
            # Mounted with the page, an empty grid kept changing the page for half a second.
            dcc.Store(id=ids.REGION_ORGANISATIONS_SEEN, data=False),
            html.Div(
                html.P(_("De organisaties verschijnen hier."), className="text-body-secondary small"),
                id=ids.REGION_ORGANISATIONS_SLOT,
            ),
            html.Div(
                [
                    controls.labelled_select(_("Organisatie openen"), ids.REGION_ORGANISATION_SELECT, [], ""),
                    html.Div(id=ids.REGION_ORGANISATION_LINK, className="mb-2"),
                ],
                className="d-flex flex-wrap align-items-center mt-2",
                role="group",
                **aria(label=_("Organisatie openen")),
            ),
            html.Div(id=ids.REGION_ORGANISATIONS_EXPORT),
        ],
        _(
            "Klik op een rij om de organisatie te openen, of kies haar hieronder. Sorteer en filter "
            "via de kolomkoppen."
        ),
    )
    return html.Div(shown, **data(lazy=ids.REGION_ORGANISATIONS_SEEN))


def organisations_grid(rows: list[dict[str, Any]], cohort: int | None, mature: bool) -> dag.AgGrid:
    """The grid of the region's organisations, with its rows (outflow of start cohort ``cohort``)."""
    return dag.AgGrid(
        id=ids.REGION_ORGANISATIONS,
        columnDefs=organisation_columns(cohort, mature),
        rowData=rows,
        # Row ids are organisation ids, so a clicked row names its organisation.
        getRowId="params.data.id",
        defaultColDef={"sortable": True, "filter": True, "resizable": True, "minWidth": 110},
        dashGridOptions={
            "localeText": grid_text(),
            "domLayout": "autoHeight",
            "rowSelection": {"mode": "singleRow", "checkboxes": False},
            "tabToNextCell": {"function": "leaveGridOnTab(params)"},
        },
        columnSize="responsiveSizeToFit",
        className="ag-theme-quartz",
        style={"width": "100%"},
        # The grid is mounted anew when a control changes (callbacks/organisation.py); the sort and
        # filters the user chose stay (Dash's persistence, in memory: nothing is stored).
        persistence=True,
        persisted_props=["columnState", "filterModel"],
        persistence_type="memory",
    )


def closed_organisations_section() -> html.Section:
    """What a viewer without rights for this region's organisations sees instead of the grid."""
    return section(
        _("Organisaties"),
        [
            html.P(
                _(
                    "Cijfers per organisatie zijn alleen zichtbaar voor accounts met toegang tot deze regio. "
                    "De cijfers van de regio als geheel staan hierboven."
                )
            )
        ],
    )


def outflow_header(cohort: int | None, mature: bool = True) -> str:
    """The grid's outflow column title, naming the start cohort it shows and flagging it if immature."""
    if cohort is None:
        return _("Uitstroom %")
    if not mature:
        return _("Uitstroom % cohort {cohort} (nog niet uitontwikkeld)").format(cohort=cohort)
    return _("Uitstroom % cohort {cohort}").format(cohort=cohort)


def organisation_columns(cohort: int | None = None, mature: bool = True) -> list[dict[str, Any]]:
    """Columns of the organisations grid; numbers stay numbers so sorting and filtering work.

    ``cohort`` is the start cohort of the outflow column (the page's cohort), named in its title.
    """
    count = {"type": "numericColumn", "filter": "agNumberColumnFilter"}
    number = {"function": "nlNumber(params.value, 0)"}
    pct = {"function": "nlPercent(params.value)"}
    return [
        {
            "field": "organisatie",
            "headerName": _("Organisatie"),
            "cellClass": "grid-link",
            "minWidth": 220,
            "pinned": "left",
        },
        {"field": "soort", "headerName": _("Type")},
        {"field": "gestart", "headerName": _("Gestart"), "valueFormatter": number, **count},
        {"field": "geplaatst", "headerName": _("Geplaatst"), "valueFormatter": number, **count},
        {"field": "duurzaam", "headerName": _("Duurzaam"), "valueFormatter": number, **count},
        {
            "field": "duurzaam_pct",
            "headerName": outflow_header(cohort, mature),
            "valueFormatter": pct,
            **count,
            # The cohort is the point of this title: wrapped in full, not cut off with an ellipsis.
            "wrapHeaderText": True,
            "autoHeaderHeight": True,
            "headerTooltip": outflow_header(cohort, mature),
        },
        {"field": "aandeel_pct", "headerName": _("Aandeel regio"), "valueFormatter": pct, **count},
        {"field": "laatst_aangeleverd", "headerName": _("Laatst aangeleverd"), "minWidth": 200},
        # A row hidden whole so that its small counts cannot be worked out; the reason is under the grid.
        {"field": "toelichting", "headerName": _("Toelichting"), "minWidth": 140},
    ]


def not_found(code: str) -> html.Div:
    """A friendly page for an unknown region code."""
    return html.Div(
        [
            html.H1(_("Regio niet gevonden"), className="h2"),
            html.P(_("Er is geen arbeidsmarktregio met code '{code}'.").format(code=code)),
            html.A(_("Naar de lijst van regio's"), href="/regio"),
        ]
    )
