"""National methods and funding: the year's starts, the outflow of its cohort, a small chart per region."""

from __future__ import annotations

import math
import textwrap
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.i18n import _
from dashboard.rules.region_metrics import OutflowCohort
from dashboard.text import format as fmt
from layouts.figure_table import with_table
from layouts.figures.grid import Grid
from layouts.figures.theme import NEUTRAL, SCREEN, Medium, base_layout, message_figure, plot_lines

STARTS_COLOUR = NEUTRAL
OUTFLOW_COLOUR = "#154273"
# The grid's columns on screen: region names up to about 28 letters keep their line at 1440 wide.
GRID_COLUMNS = 5
GRID_ROW_HEIGHT = 130
# On a phone two columns, about 130 px apart: a title longer than about 14 letters goes over two
# lines, or two names side by side run into each other ("Veluwe Stedendriehoek Midden-Gelderland").
PHONE_GRID_COLUMNS = 2
PHONE_TITLE_LETTERS = 14


def _label(value: str) -> str:
    """A method or funding stream as the reader's language names it (the catalogue holds them)."""
    return _(value)


def methods_figure(
    by_method: pd.DataFrame,
    by_funding: pd.DataFrame,
    year: int,
    outflow: OutflowCohort,
    medium: Medium = SCREEN,
) -> go.Figure:
    """Four panels: starts of ``year`` and outflow % of the outflow cohort, per method and per stream.

    The frames are :meth:`MethodsReport.by_method` and :meth:`MethodsReport.by_funding`: the starts
    count the view's year, the percentages the outflow cohort, and each panel's title names its own.
    """
    if int(by_method["gestart"].sum()) == 0 and int(by_method["cohort_gestart"].sum()) == 0:
        return message_figure(_("geen gegevens"), medium=medium)
    # On a phone the four panels stand under each other: side by side each would be too narrow
    # for its title and its numbers.
    stacked = medium.narrow
    titles = [
        _("Gestart in {year}, per methode").format(year=year),
        _("Duurzame uitstroom per methode, {cohort}").format(cohort=outflow.note()),
        _("Gestart in {year}, per financiering").format(year=year),
        _("Duurzame uitstroom per financiering, {cohort}").format(cohort=outflow.note()),
    ]
    heights = [len(by_method), len(by_funding)]
    figure = make_subplots(
        rows=4 if stacked else 2,
        cols=1 if stacked else 2,
        shared_yaxes=not stacked,
        horizontal_spacing=0.06,
        vertical_spacing=0.12 if stacked else 0.18,
        row_heights=[heights[0], heights[0], heights[1], heights[1]] if stacked else heights,
        subplot_titles=[plot_lines(t, 30) for t in titles] if stacked else titles,
    )
    figure.update_layout(_layout(medium, height=1000 if stacked else 420))

    def place(row: int, col: int) -> dict[str, int]:
        return {"row": 2 * row - 2 + col, "col": 1} if stacked else {"row": row, "col": col}

    for row, (frame, by) in enumerate(((by_method, "methode"), (by_funding, "financiering")), start=1):
        names = [_label(str(value)) for value in frame[by]]
        figure.add_trace(
            go.Bar(
                y=names,
                x=frame["gestart"],
                orientation="h",
                marker={"color": STARTS_COLOUR},
                text=[fmt.number(v) for v in frame["gestart"]],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: "
                + _("{count} gestart in {year}").format(count="%{x:,.0f}", year=year)
                + "<extra></extra>",
                showlegend=False,
            ),
            **place(row, 1),
        )
        pct = [None if _missing(v) else float(v) for v in frame["duurzaam_pct"]]
        figure.add_trace(
            go.Bar(
                y=names,
                x=[0 if v is None else v for v in pct],
                orientation="h",
                marker={"color": OUTFLOW_COLOUR},
                text=[fmt.percentage(v) for v in pct],
                textposition="outside",
                cliponaxis=False,
                customdata=[
                    [fmt.number(d), fmt.number(g)]
                    for d, g in zip(frame["duurzaam"], frame["cohort_gestart"], strict=True)
                ],
                hovertemplate="%{y}: "
                + _("{sustainable} van {started} duurzaam aan het werk").format(
                    sustainable="%{customdata[0]}", started="%{customdata[1]}"
                )
                + "<extra></extra>",
                showlegend=False,
            ),
            **place(row, 2),
        )
        top = float(frame["gestart"].max()) or 1.0
        figure.update_xaxes(range=[0, top * 1.25], **place(row, 1))
        figure.update_xaxes(range=[0, 115], ticksuffix=" %", **place(row, 2))
    figure.update_yaxes(autorange="reversed", automargin=True)
    figure.update_annotations(font={"size": medium.size(13)})
    return with_table(figure, *_national_table(by_method, by_funding, year, outflow))


def methods_grid_figure(
    regions: pd.DataFrame,
    year: int,
    outflow: OutflowCohort,
    medium: Medium = SCREEN,
    columns: int = GRID_COLUMNS,
) -> go.Figure:
    """One small chart per region: starts of ``year`` per method, the outflow cohort's % beside each bar.

    ``regions`` is :meth:`MethodsReport.regions`. All charts share one scale, so a region's bars
    can be compared with its neighbours' by length.
    """
    codes = list(dict.fromkeys(regions["code"]))
    if regions["gestart"].sum() == 0 and regions["cohort_gestart"].sum() == 0:
        return message_figure(_("geen gegevens"), medium=medium)
    names = dict(zip(regions["code"], regions["regio"], strict=False))
    if medium.narrow:
        columns = min(columns, PHONE_GRID_COLUMNS)
    rows = math.ceil(len(codes) / columns)
    grid = Grid(rows, columns, horizontal_spacing=0.02, vertical_spacing=0.5 / rows)
    titles = [_phone_title(names[code]) if medium.narrow else names[code] for code in codes]
    top = float(regions["gestart"].max()) or 1.0
    layout: dict[str, Any] = {**_layout(medium, height=rows * GRID_ROW_HEIGHT + 40)}
    layout |= grid.layout(
        titles,
        medium.size(12),
        # Room beyond the longest bar for its percentage.
        x_axis={"range": [0, top * 1.45], "showticklabels": False, "gridcolor": "#e9ecef"},
        y_axis={"autorange": "reversed", "automargin": True, "tickfont": {"size": medium.size(11)}},
    )
    traces = []
    parts = dict(list(regions.groupby("code", sort=False)))
    for index, code in enumerate(codes):
        part = parts[code]
        pct = [None if _missing(v) else float(v) for v in part["duurzaam_pct"]]
        x_name, y_name = grid.axes(index)
        traces.append(
            {
                "type": "bar",
                "y": [_label(str(m)) for m in part["methode"]],
                "x": part["gestart"].to_numpy(),
                "orientation": "h",
                "marker": {"color": STARTS_COLOUR},
                "text": [fmt.percentage(v) if v is not None else "" for v in pct],
                "textposition": "outside",
                "cliponaxis": False,
                "textfont": {"size": medium.size(11), "color": OUTFLOW_COLOUR},
                "customdata": [[fmt.percentage(v)] for v in pct],
                "hovertemplate": names[code]
                + ", %{y}: "
                + _("{count} gestart in {year}; duurzaam {share} ({cohort})").format(
                    count="%{x:,.0f}", year=year, share="%{customdata[0]}", cohort=outflow.note()
                )
                + "<extra></extra>",
                "showlegend": False,
                "xaxis": x_name,
                "yaxis": y_name,
            }
        )
    # Built as plain data, which is what it is sent as: validating 70 axes and 35 traces as Plotly
    # objects cost more than the rest of the page (see layouts/figures/grid.py).
    figure = go.Figure({"data": traces, "layout": layout}, _validate=False)
    return with_table(figure, *_grid_table(regions, year, outflow))


def methods_summary(by_method: pd.DataFrame, year: int, outflow: OutflowCohort) -> str:
    """One sentence: the year's starts and the largest method, and the cohort's outflow overall and for it."""
    total = int(by_method["gestart"].sum())
    if total == 0:
        return _("Geen gestarte trajecten in {year}.").format(year=year)
    top = by_method.sort_values(["gestart", "methode"], ascending=[False, True]).iloc[0]
    started, sustainable = int(by_method["cohort_gestart"].sum()), int(by_method["duurzaam"].sum())
    return _(
        "In {year} zijn {total} trajecten gestart, {share} met {method}. "
        "Duurzame uitstroom van {cohort}: {overall} over alle methoden, {top_pct} met {method}."
    ).format(
        year=year,
        total=fmt.number(total),
        share=fmt.percentage(100 * int(top["gestart"]) / total),
        method=_label(str(top["methode"])),
        cohort=outflow.note(),
        overall=fmt.percentage(100 * sustainable / started if started else None),
        top_pct=fmt.percentage(None if _missing(top["duurzaam_pct"]) else float(top["duurzaam_pct"])),
    )


def grid_summary(regions: pd.DataFrame, year: int) -> str:
    """One sentence for the grid: in how many regions each method is the largest (most common first)."""
    started = regions[regions["gestart"] > 0]
    if started.empty:
        return _("Geen gestarte trajecten in {year}.").format(year=year)
    # Per region its largest method; a tie goes to the method listed first (the domain's order).
    largest = started.sort_values("gestart", ascending=False, kind="stable").groupby("code").head(1)
    counts = largest["methode"].value_counts()
    counts = counts.sort_index(key=lambda i: [(-counts[m], m) for m in i])
    parts = [
        _("{method} in {count}").format(method=_label(str(m)), count=fmt.number(int(n)))
        for m, n in counts.items()
    ]
    return _("Grootste methode in {year}, per regio: {parts} van de {total} regio's.").format(
        year=year, parts=", ".join(parts), total=fmt.number(int(started["code"].nunique()))
    )


def grid_note(year: int, outflow: OutflowCohort) -> str:
    """What the small charts show: bars of one cohort, percentages of another (named both)."""
    return _(
        "Per regio: de balk is het aantal trajecten gestart in {year}, het percentage de duurzame "
        "uitstroom per methode van {cohort}."
    ).format(year=year, cohort=outflow.note())


def _phone_title(region: str) -> str:
    """A region's name in lines of about ``PHONE_TITLE_LETTERS`` letters, for Plotly (``<br>``).

    Between words, after a hyphen or after a slash ("Zaanstreek/Waterland"); never inside a word.
    """
    lines = textwrap.wrap(region.replace("/", "/ "), PHONE_TITLE_LETTERS, break_long_words=False)
    return "<br>".join(lines).replace("/ ", "/")


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _pct(value: object) -> str:
    return fmt.percentage(None if _missing(value) else float(value))  # type: ignore[arg-type]


def _national_table(
    by_method: pd.DataFrame, by_funding: pd.DataFrame, year: int, outflow: OutflowCohort
) -> tuple[str, list[str], list[list[str]]]:
    columns = [
        _("Methode of financiering"),
        _("Gestart in {year}").format(year=year),
        _("Gestart, cohort {year}").format(year=outflow.year),
        _("Duurzaam, cohort {year}").format(year=outflow.year),
        _("Duurzame uitstroom, cohort {year}").format(year=outflow.year),
    ]
    rows = []
    for frame, by, kind in (
        (by_method, "methode", _("Methode")),
        (by_funding, "financiering", _("Financiering")),
    ):
        for row in frame.itertuples(index=False):
            value = str(getattr(row, by))
            rows.append(
                [
                    f"{kind}: {_label(value)}",
                    fmt.number(row.gestart),
                    fmt.number(row.cohort_gestart),
                    fmt.number(row.duurzaam),
                    _pct(row.duurzaam_pct),
                ]
            )
    caption = _(
        "Landelijk per methode en financiering: gestart in {year}, duurzame uitstroom van {cohort}"
    ).format(year=year, cohort=outflow.note())
    return caption, columns, rows


def _grid_table(
    regions: pd.DataFrame, year: int, outflow: OutflowCohort
) -> tuple[str, list[str], list[list[str]]]:
    methods = list(dict.fromkeys(regions["methode"]))
    columns = [_("Regio")]
    for method in methods:
        columns += [
            _("{method}: gestart in {year}").format(method=_label(method), year=year),
            _("{method}: duurzaam, cohort {year}").format(method=_label(method), year=outflow.year),
        ]
    # One pass over the rows: filtering the frame per region cost 35 selections per table.
    names: dict[str, str] = {}
    values: dict[tuple[str, str], tuple[int, object]] = {}
    for code, name, method, started, share in zip(
        regions["code"],
        regions["regio"],
        regions["methode"],
        regions["gestart"],
        regions["duurzaam_pct"],
        strict=True,
    ):
        names.setdefault(code, str(name))
        values[(code, method)] = (started, share)
    rows = []
    for code, name in names.items():
        cells = [name]
        for method in methods:
            started, share = values[(code, method)]
            cells += [fmt.number(started), _pct(share)]
        rows.append(cells)
    caption = _("Per regio en methode: gestart in {year}, duurzame uitstroom van {cohort}").format(
        year=year, cohort=outflow.note()
    )
    return caption, columns, rows


def _layout(medium: Medium, height: int) -> dict[str, object]:
    return base_layout(
        medium,
        height=height,
        margin={"l": 10, "r": medium.size(30), "t": medium.size(30), "b": 10},
        bargap=0.25,
        xaxis={"gridcolor": "#e9ecef"},
    )
