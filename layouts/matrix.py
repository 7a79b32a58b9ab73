"""All regions on all goals: a sortable table of the 35 regions by the four goals of the year.

A plain HTML table rather than the AG Grid of the organisations: every cell holds the figure and
the status in icon and words (a grid shows text cells only, unless a script draws them), every
row is a real link to the region page, and sorting is done with buttons in the column headers
that announce their order through ``aria-sort``. The rows come from the national report only.

The table is drawn as one ``StaticHtml`` (``layouts/static_html.py``): as Dash components it was
three quarters of the national page's components, and the renderer's cost grows with their
number on every load and every change. A sort button reports its column through the table's
``clicked`` property.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n import N_, _
from dashboard.reports.national import NationalReport
from dashboard.reports.standing import RegionStanding
from dashboard.reports.verdict import GOAL_NAMES, GOALS, GoalStatus, region_goals
from dashboard.reports.view import View
from dashboard.text import format as fmt
from dashboard.text.as_of import through
from geodata import region_refs
from layouts import ids
from layouts.a11y import aria, data, scroll_region
from layouts.gauges import outflow_badge
from layouts.static_html import static_html

REGION, BEHIND = "regio", "achter"
SORT_COLUMNS = (REGION, *GOALS, BEHIND)
COLUMN_NAMES = {REGION: N_("Regio"), **GOAL_NAMES, BEHIND: N_("Achter op")}
# Worst first: the regions that need attention lead the table when the page opens.
DEFAULT_SORT = {"column": BEHIND, "descending": True}
ALL_PROVINCES = "alle"  # an empty option value would show as an empty select
NO_FILTER = "0"  # "achter op ≥ 0 doelen": every region


@dataclass(frozen=True)
class MatrixRow:
    """One region with its four goals, as the national report gives them."""

    standing: RegionStanding
    goals: tuple[GoalStatus, ...]

    @property
    def behind(self) -> int:
        """On how many goals the region is behind."""
        return sum(goal.behind for goal in self.goals)


def matrix_rows(report: NationalReport) -> list[MatrixRow]:
    """Every region of the report with its goals."""
    return [MatrixRow(standing, region_goals(standing)) for standing in report.standings]


def filtered(rows: Sequence[MatrixRow], at_least: int, province: str | None) -> list[MatrixRow]:
    """The rows behind on ``at_least`` goals or more, in ``province`` when one is chosen."""
    return [
        row
        for row in rows
        if row.behind >= at_least and province in (None, "", ALL_PROVINCES, row.standing.province)
    ]


def sorted_rows(rows: Sequence[MatrixRow], column: str, descending: bool) -> list[MatrixRow]:
    """Rows ordered on ``column``; a goal without a figure comes last either way, ties by name."""
    by_name = sorted(rows, key=lambda row: row.standing.name)
    if column == REGION:
        return by_name[::-1] if descending else by_name
    if column == BEHIND:
        return sorted(by_name, key=lambda row: row.behind, reverse=descending)
    index = GOALS.index(column)
    known = [row for row in by_name if row.goals[index].value is not None]
    unknown = [row for row in by_name if row.goals[index].value is None]
    return sorted(known, key=lambda row: row.goals[index].value or 0.0, reverse=descending) + unknown


def next_sort(current: dict[str, Any] | None, column: str) -> dict[str, Any]:
    """A click on a column's sort button: the same column turns round, another starts ascending."""
    if column not in SORT_COLUMNS:
        return dict(current or DEFAULT_SORT)
    if current and current.get("column") == column:
        return {"column": column, "descending": not current.get("descending")}
    return {"column": column, "descending": False}


def section(table: Any = None, count: Any = None) -> html.Section:
    """The matrix section of the national page: filters, the count of shown regions and the table.

    ``table`` and ``count`` are what the page shows first (without filters, in the default sort).
    """
    behind_options = [{"label": _("alle regio's"), "value": NO_FILTER}] + [
        {"label": _("achter op ≥ {count} doelen").format(count=n), "value": str(n)} for n in range(1, 5)
    ]
    provinces = sorted({ref.provincie for ref in region_refs()})
    province_options = [{"label": _("alle provincies"), "value": ALL_PROVINCES}] + [
        {"label": name, "value": name} for name in provinces
    ]
    return html.Section(
        [
            html.H2(_("Alle regio's op alle doelen"), className="h5 mt-4"),
            html.P(
                _(
                    "Per regio de vier doelen met cijfer en status. Sorteer met de knoppen in de "
                    "kolomkoppen; de naam van een regio opent haar regiopagina."
                ),
                className="small text-body-secondary mb-2",
            ),
            html.Div(
                [
                    _select(_("Toon"), ids.MATRIX_BEHIND, behind_options, NO_FILTER),
                    _select(_("Provincie"), ids.MATRIX_PROVINCE, province_options, ALL_PROVINCES),
                    html.P(count, id=ids.MATRIX_COUNT, className="mb-2 small", **aria(live="polite")),
                ],
                className="d-flex flex-wrap align-items-center",
                role="group",
                **aria(label=_("Regio's filteren")),
            ),
            dcc.Store(id=ids.MATRIX_SORT_STATE, data=DEFAULT_SORT),
            # The StaticHtml stays on the page and a new table is only its ``tree``: a component
            # mounted anew makes Dash run every callback it is an input of (here the sort, one
            # more round to the server after each change of year or filter).
            html.Div(static_html(table, ids.MATRIX_SORT), id=ids.MATRIX_TABLE),
        ],
        id=ids.MATRIX,
    )


def _select(label: str, component_id: str, options: list[dict[str, str]], value: str) -> html.Div:
    select = dbc.Select(id=component_id, options=options, value=value, style={"width": "auto"})
    return html.Div(
        [dbc.Label(label, html_for=component_id, className="me-2 mb-0 text-nowrap"), select],
        className="d-flex align-items-center me-4 mb-2",
    )


def count_text(shown: int, total: int) -> str:
    """*12 van 35 regio's*."""
    return _("{shown} van {total} regio's").format(shown=fmt.number(shown), total=fmt.number(total))


def _header(column: str, sort: dict[str, Any]) -> html.Th:
    active = sort.get("column") == column
    descending = bool(sort.get("descending"))
    icon = ("bi-sort-down" if descending else "bi-sort-up") if active else "bi-arrow-down-up"
    button = html.Button(
        [_(COLUMN_NAMES[column]), html.I(className=f"bi {icon} ms-1", **aria(hidden="true"))],
        type="button",
        **data(value=column),
        className="btn btn-link p-0 fw-semibold text-start text-decoration-none",
        title=_("Sorteer op {column}").format(column=_(COLUMN_NAMES[column])),
    )
    # Only the sorted column says its order; the others are not sorted (ARIA: leave it out).
    order = aria(sort="descending" if descending else "ascending") if active else {}
    css = "text-nowrap text-end" if column == BEHIND else "text-nowrap"
    return html.Th(button, scope="col", className=css, **order)


def _cell(goal: GoalStatus) -> html.Td:
    # ``– van 100`` would read as a figure; without one the status says *geen gegevens*.
    figure = "–" if goal.value is None else goal.figures()
    return html.Td([html.Div(figure, className="text-nowrap"), outflow_badge(goal.status)])


def _row(row: MatrixRow, view: View) -> html.Tr:
    standing = row.standing
    link = html.A(standing.name, href=f"/regio/{standing.code}" + view.address())
    return html.Tr(
        [
            html.Th(
                [
                    link,
                    html.Div(f"{standing.code} · {standing.province}", className="small text-body-secondary"),
                ],
                scope="row",
            ),
            *[_cell(goal) for goal in row.goals],
            html.Td(fmt.number(row.behind), className="text-end"),
        ]
    )


def matrix_table(rows: Sequence[MatrixRow], sort: dict[str, Any], view: View) -> Any:
    """The table of ``rows`` (already filtered and sorted) with sort buttons in its header.

    A tree of ``dash.html`` elements: the ``tree`` of the StaticHtml ``MATRIX_SORT`` (``section``).
    """
    if not rows:
        return html.P(_("Geen regio's die aan deze keuze voldoen."))
    caption = _(
        "Alle regio's op alle doelen, {year} t/m {date}; duurzame uitstroom van startcohort {cohort}"
    ).format(
        year=view.year, date=through(view.year, view.peildatum), cohort=rows[0].standing.outflow.cohort.year
    )
    # What dbc.Table(striped, hover, size="sm") draws, in dash.html for StaticHtml.
    table = html.Table(
        [
            html.Caption(caption, className="caption-top"),
            html.Thead(html.Tr([_header(column, sort) for column in SORT_COLUMNS])),
            html.Tbody([_row(row, view) for row in rows]),
        ],
        className="table table-striped table-hover table-sm align-middle",
        id=ids.MATRIX_GRID,
    )
    return scroll_region(table, caption)
