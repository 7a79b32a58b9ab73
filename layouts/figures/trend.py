"""National cumulative starts per month, this year against earlier years and the target line."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import _
from dashboard.text import format as fmt
from dashboard.text.format import month_abbreviations, month_name
from layouts.figure_table import with_table
from layouts.figures.theme import PHONE, SCREEN, Medium, base_layout, plot_lines

YEARS_SHOWN = 4
# This year bold and dark, last year the one comparison line; earlier years are there on request
# (a click on their name in the legend), each with its own dash so they differ without colour.
STYLES = [
    ("solid", "#154273", 4),
    ("solid", "#6c757d", 2),
    ("dot", "#adb5bd", 1.5),
    ("dashdot", "#adb5bd", 1.5),
]
# The goal is not a year: another colour, a thin long dash, and its name written at its end.
GOAL_COLOUR = "#d55e00"


def trend_figure(
    monthly: pd.DataFrame,
    year: int,
    peildatum: dt.date,
    target: int | None,
    years: int = YEARS_SHOWN,
    medium: Medium = SCREEN,
    marks: Sequence[tuple[dt.date, str]] = (),
) -> go.Figure:
    """Lines of cumulative starts per month for ``year`` and the ``years - 1`` years before it.

    ``year`` is drawn bold and the year before it as the comparison; years before that start hidden
    (``visible="legendonly"``) and are shown by a click on their name in the legend.
    ``target`` draws the goal line of ``year``, labelled at its end; None leaves it out (an
    organisation has no goal).
    ``medium`` sizes text and lines for a screen, a projector or print.
    ``marks`` are (day, short label) pairs put on ``year``'s line with an arrow: the region's
    narratives, at the day each one speaks for (``dashboard.text.narrative.trend_marks``).
    """
    figure = go.Figure(layout=_layout(medium))
    months = list(range(1, 13))
    # Table columns: per line drawn, its (cumulative) value at the end of each month it reaches.
    columns: dict[str, dict[int, float]] = {}
    for index, shown in enumerate(range(year, year - min(years, YEARS_SHOWN), -1)):
        per_month = (
            monthly[monthly["jaar"] == shown].set_index("maand")["gestart"].reindex(months, fill_value=0)
        )
        last_month = peildatum.month if shown == peildatum.year else 12
        if shown > peildatum.year or per_month.sum() == 0:
            continue
        if index >= 2 and medium not in (SCREEN, PHONE):
            continue  # on a projector or paper nobody can ask for them: drawn only where a click can
        cumulative = per_month.cumsum().loc[:last_month]
        positions = [float(m) for m in cumulative.index]
        if shown == peildatum.year:
            # The running month is only partly over: plot it where the peildatum falls.
            days = calendar.monthrange(peildatum.year, peildatum.month)[1]
            positions[-1] = peildatum.month - 1 + peildatum.day / days
        columns[str(shown)] = {int(m): float(v) for m, v in cumulative.items()}
        dash, colour, width = STYLES[index]
        figure.add_trace(
            go.Scatter(
                x=[0, *positions],
                y=[0, *cumulative.values],
                mode="lines",
                name=str(shown),
                line={"dash": dash, "color": colour, "width": medium.line(width)},
                visible=True if index < 2 else "legendonly",
                # Plotly's own fields go in as values, so the sentence can be reordered freely.
                hovertemplate=_("{year} t/m {month}: {count} gestart").format(
                    year=shown, month="%{text}", count="%{y:,.0f}"
                )
                + "<extra></extra>",
                text=[_("begin"), *[month_name(m) for m in cumulative.index]],
            )
        )
        if shown != year:
            continue  # earlier years are told apart by their dash style and the legend
        _add_marks(figure, marks, year, positions, [float(v) for v in cumulative.values], medium)
        figure.add_annotation(
            x=positions[-1],
            y=float(cumulative.values[-1]),
            text=str(shown),
            xanchor="left",
            xshift=6,
            showarrow=False,
            font={"color": colour, "size": medium.size(13)},
        )
    if any(trace.visible == "legendonly" for trace in figure.data):
        # Says where the hidden years are (only drawn on screen, where a reader can click).
        hint = _("Klik op een jaar om het te tonen of te verbergen:")
        if medium.narrow:
            # Above the years on a phone: beside them it runs off the screen.
            figure.update_layout(legend_title={"text": plot_lines(hint, 34), "side": "top"})
        else:
            figure.update_layout(legend_title_text=hint)
    if target is None:
        return _with_month_table(figure, columns, peildatum)
    goal_name = _("doel {year}").format(year=year)
    # The goal line runs straight from 0 to the target: at the end of month m it stands at m/12.
    columns[goal_name] = {m: target * m / 12 for m in months}
    figure.add_trace(
        go.Scatter(
            x=[0, 12],
            y=[0, target],
            mode="lines",
            name=goal_name,
            line={"dash": "longdash", "color": GOAL_COLOUR, "width": medium.line(1.5)},
            hovertemplate=_("Doel: {count} aan het eind van het jaar").format(count="%{y:,.0f}")
            + "<extra></extra>",
            # Named at its end instead: in the legend it would read as one more year.
            showlegend=False,
        )
    )
    figure.add_annotation(
        x=12,
        y=float(target),
        text=_("doel {year}: {count}").format(year=year, count=fmt.number(target)),
        xanchor="left",
        xshift=4,
        showarrow=False,
        font={"color": GOAL_COLOUR, "size": medium.size(13)},
    )
    return _with_month_table(figure, columns, peildatum)


def _position(day: dt.date) -> float:
    """Where ``day`` falls on the month axis (0 = 1 January, 12 = 31 December)."""
    return day.month - 1 + day.day / calendar.monthrange(day.year, day.month)[1]


def _height(x: float, xs: list[float], ys: list[float]) -> float:
    """The line's height at ``x``, between the two month ends around it."""
    after = next(i for i, position in enumerate(xs) if position >= x)
    before = max(0, after - 1)
    span = xs[after] - xs[before]
    return ys[after] if span == 0 else ys[before] + (ys[after] - ys[before]) * (x - xs[before]) / span


def _add_marks(
    figure: go.Figure,
    marks: Sequence[tuple[dt.date, str]],
    year: int,
    positions: list[float],
    values: list[float],
    medium: Medium,
) -> None:
    """An arrow with its label at each mark of ``year`` that the drawn line reaches."""
    xs, ys = [0.0, *positions], [0.0, *values]
    shown = sorted((day, label) for day, label in marks if day.year == year and _position(day) <= xs[-1])
    if medium.height is None and shown:
        # On a screen (a phone's above all) a label beside the line runs over the line's own labels
        # and the axis: a marked point each, its label in the hover and the legend's name. Print and
        # projector, which have no hover, write the label beside an arrow.
        points = [(_position(day), _height(_position(day), xs, ys), label) for day, label in shown]
        figure.add_trace(
            go.Scatter(
                x=[p[0] for p in points],
                y=[p[1] for p in points],
                mode="markers",
                marker={"symbol": "diamond-wide", "size": 12, "color": "#212529"},
                name=_("verhaal"),
                hovertext=[p[2] for p in points],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
        return
    for number, (day, label) in enumerate(shown):
        x = _position(day)
        y = _height(x, xs, ys)
        figure.add_annotation(
            x=x,
            y=y,
            text=label,
            showarrow=True,
            arrowhead=2,
            arrowwidth=medium.line(1),
            # Marks close together take turns above the line at two heights, so labels do not overlap.
            ax=0,
            ay=-medium.size(34 if number % 2 == 0 else 58),
            font={"color": "#212529", "size": medium.size(12)},
            bgcolor="rgba(255,255,255,0.85)",
        )


def _with_month_table(
    figure: go.Figure, columns: dict[str, dict[int, float]], peildatum: dt.date
) -> go.Figure:
    if not columns:
        return figure  # nothing drawn, nothing to tabulate: the switch stays hidden
    shown = sorted({month for values in columns.values() for month in values})
    rows = [
        [month_name(month), *(fmt.number(values.get(month)) for values in columns.values())]
        for month in shown
    ]
    caption = _("Trajecten gestart per maand, opgeteld vanaf 1 januari")
    if str(peildatum.year) in columns:
        # The running month of the running year ends at the peildatum, not at the month's end. The
        # date without its year (both languages write "d MMMM y"): the year is already said.
        caption += _(" ({year} t/m {date})").format(year=peildatum.year, date=fmt.date(peildatum)[:-5])
    return with_table(figure, caption, [_("Maand"), *columns], rows)


def _every_other(names: Sequence[str]) -> list[str]:
    return [name if index % 2 == 0 else "" for index, name in enumerate(names)]


def _layout(medium: Medium) -> dict[str, object]:
    return base_layout(
        medium,
        # On a phone the legend takes more lines; the plot keeps its height.
        height=460 if medium.narrow else 380,
        # Room at the right for the goal's name at the end of its line.
        margin={"l": 10, "r": medium.size(110), "t": 10, "b": medium.size(40)},
        xaxis={
            "tickvals": list(range(0, 13)),
            # On a phone every other month is named, upright: twelve names would be turned on
            # their side and run into each other.
            "ticktext": ["", *_every_other(month_abbreviations())]
            if medium.narrow
            else ["", *month_abbreviations()],
            "tickangle": 0 if medium.narrow else None,
            "range": [0, 12.6],
            "gridcolor": "#e9ecef",
        },
        yaxis={
            "title": {"text": _("Trajecten gestart (cumulatief)")},
            "gridcolor": "#e9ecef",
            "rangemode": "tozero",
        },
        legend={"orientation": "h", "y": -0.15},
        hovermode="closest",
    )
