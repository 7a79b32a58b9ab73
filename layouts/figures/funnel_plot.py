"""Funnel plot of sustainable outflow against the number of trajectories started, per region."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import N_, _, ngettext
from dashboard.rules import domain
from dashboard.rules.comparison import (
    NO_DATA,
    POSITION_ABOVE,
    POSITION_BELOW,
    POSITION_WITHIN,
    Z_95,
    Z_998,
    control_limits,
    national_outflow,
    outflow_position,
)
from dashboard.text import format as fmt
from layouts.figure_table import with_table
from layouts.figures.theme import HIGHLIGHT, NEUTRAL, SCREEN, Medium, base_layout, message_figure

IMMATURE_TEXT = N_("Cohort nog niet uitontwikkeld: percentages nog niet definitief")
CURVE_POINTS = 200
LIMITS = ((Z_95, N_("95 %-grenzen"), "dash"), (Z_998, N_("99,8 %-grenzen"), "dot"))
# Outside a limit: the widest limit a region crosses first, as the plot lets a reader see it.
OUTSIDE = (
    (Z_998, N_("boven de 99,8 %-grens"), N_("onder de 99,8 %-grens")),
    (Z_95, POSITION_ABOVE, POSITION_BELOW),
)


def funnel_plot_figure(
    regions: pd.DataFrame, code: str, immature: bool, medium: Medium = SCREEN
) -> go.Figure:
    """Each region's sustainable outflow % against its trajectories started, with control limits.

    Args:
        regions: the frame of ``progress_by_region``.
        code: the selected region, marked by a larger diamond and its name (not by colour alone).
        immature: whether the start cohort is too young for final percentages; says so on the plot.
        medium: screen, projector or print; sizes text, marks and lines.

    Returns:
        Markers for the regions with started trajectories, the pooled national percentage, the
        95 % and 99,8 % limits around it, and the region's goal line; a *geen gegevens* note instead
        when no region has started trajectories.
    """
    shown = _with_outflow(regions)
    national = national_outflow(regions)
    if shown.empty or national is None:
        return _note_figure(_(NO_DATA), medium)
    figure = go.Figure(layout=_layout(medium))
    top = float(shown["gestart"].max()) * 1.08
    sizes = np.linspace(1, top, CURVE_POINTS)
    for z, label, dash in LIMITS:
        low, high = control_limits(national, sizes, z)
        # One trace per level (upper, gap, lower) gives one legend entry for both curves.
        figure.add_trace(
            go.Scatter(
                x=[*sizes, None, *sizes],
                y=[*(100 * high), None, *(100 * low)],
                mode="lines",
                name=_(label),
                line={"color": "#495057", "width": medium.line(1.5), "dash": dash},
                hoverinfo="skip",
            )
        )
    national_name = _("Landelijk: {value}").format(value=fmt.percentage(100 * national))
    figure.add_trace(_horizontal(100 * national, top, national_name, "solid", medium.line(1.5)))
    goal = _goal(regions, code)
    # Thicker and dash-dotted, so the goal never reads as one of the dashed limit curves.
    figure.add_trace(
        _horizontal(
            goal, top, _("Doel: {value}").format(value=fmt.percentage(goal)), "dashdot", medium.line(2.5)
        )
    )
    others = shown[shown["code"] != code]
    figure.add_trace(_markers(others, _("Andere regio's"), NEUTRAL, "circle", medium.size(9)))
    selected = shown[shown["code"] == code]
    if selected.empty:
        _note_missing(figure, regions, code, medium)
    else:
        name = str(selected["naam"].iloc[0])
        figure.add_trace(_markers(selected, name, HIGHLIGHT, "diamond", medium.size(16)))
        _label(figure, selected, name, medium)
    if immature:
        figure.add_annotation(
            text=_(IMMATURE_TEXT),
            xref="paper",
            yref="paper",
            x=0,
            y=1.0,
            xanchor="left",
            yanchor="bottom",
            yshift=4,
            showarrow=False,
            font={"size": medium.size(14), "color": "#212529"},
            bgcolor="#fff3cd",
            bordercolor="#664d03",
            borderwidth=1,
        )
    caption = _("Duurzame uitstroom per regio; landelijk {national}, doel {goal}").format(
        national=fmt.percentage(100 * national), goal=fmt.percentage(goal)
    )
    if immature:
        caption += ". " + _(IMMATURE_TEXT)
    return with_table(figure, caption, _table_columns(), _table_rows(shown, national))


def _table_columns() -> list[str]:
    return [
        _("Regio"),
        _("Trajecten gestart"),
        _("Duurzaam aan het werk"),
        _("Duurzame uitstroom (%)"),
        _("Ten opzichte van de grenzen"),
    ]


def _table_rows(shown: pd.DataFrame, national: float) -> list[list[str]]:
    rows = []
    for naam, started, sustainable in zip(shown["naam"], shown["gestart"], shown["duurzaam"], strict=True):
        n, d = int(started), int(sustainable)
        rows.append(
            [naam, fmt.number(n), fmt.number(d), fmt.percentage(100 * d / n), _limit_position(d, n, national)]
        )
    return rows


def _limit_position(sustainable: int, started: int, national: float) -> str:
    share = sustainable / started
    for z, above, below in OUTSIDE:
        low, high = control_limits(national, [started], z)
        if share > float(high[0]):
            return _(above)
        if share < float(low[0]):
            return _(below)
    return _(POSITION_WITHIN)


def funnel_plot_summary(regions: pd.DataFrame, code: str) -> str:
    """One sentence that says what the funnel plot shows for region ``code`` (text alternative).

    Example: "Achterhoek: 31 % duurzame uitstroom bij 112 trajecten, binnen de 95 %-grenzen rond
    het landelijk cijfer van 36 %."
    """
    position = outflow_position(regions, code)
    row = regions[regions["code"] == code].iloc[0]
    national = national_outflow(regions)
    started = int(row["gestart"])
    if national is None:
        return _("{name}: geen gegevens over duurzame uitstroom, ook landelijk niet.").format(
            name=row["naam"]
        )
    national_pct = fmt.percentage(100 * national)
    if position == NO_DATA:
        return _("{name}: geen gegevens over duurzame uitstroom; landelijk {national}.").format(
            name=row["naam"], national=national_pct
        )
    share = fmt.percentage(100 * int(row["duurzaam"]) / started)
    where = _("binnen de 95 %-grenzen") if position == POSITION_WITHIN else _(position)
    return ngettext(
        "{name}: {share} duurzame uitstroom bij {count} traject, {where} rond het landelijk cijfer "
        "van {national}.",
        "{name}: {share} duurzame uitstroom bij {count} trajecten, {where} rond het landelijk cijfer "
        "van {national}.",
        started,
    ).format(name=row["naam"], share=share, count=fmt.number(started), where=where, national=national_pct)


def _with_outflow(regions: pd.DataFrame) -> pd.DataFrame:
    # A region without starts has no percentage to plot, whether or not it delivered data.
    return regions[regions["geleverd"].astype(bool) & (regions["gestart"] > 0)]


def _goal(regions: pd.DataFrame, code: str) -> float:
    own = regions.loc[regions["code"] == code, "doel_duurzaam_pct"]
    return float(own.iloc[0]) if len(own) else domain.DEFAULT_TARGET_SUSTAINABLE_PCT


def _horizontal(y: float, top: float, name: str, dash: str, width: float) -> go.Scatter:
    return go.Scatter(
        x=[0, top],
        y=[y, y],
        mode="lines",
        name=name,
        line={"color": "#212529", "width": width, "dash": dash},
        hoverinfo="skip",
    )


def _label(figure: go.Figure, selected: pd.DataFrame, name: str, medium: Medium) -> None:
    started = float(selected["gestart"].iloc[0])
    # A boxed label stays readable where it crosses the lines and the other markers.
    figure.add_annotation(
        x=started,
        y=100 * float(selected["duurzaam"].iloc[0]) / started,
        text=f"<b>{name}</b>",
        showarrow=True,
        arrowhead=0,
        arrowcolor="#212529",
        ax=0,
        ay=-34,
        font={"size": medium.size(14), "color": "#212529"},
        bgcolor="rgba(255, 255, 255, 0.9)",
        bordercolor="#212529",
        borderwidth=1,
    )


def _note_missing(figure: go.Figure, regions: pd.DataFrame, code: str, medium: Medium) -> None:
    names = regions.loc[regions["code"] == code, "naam"]
    if names.empty:
        return
    # Leaving the region out without a word would look like a fault; say why it is missing.
    figure.add_annotation(
        text=f"{names.iloc[0]}: {_(NO_DATA)}",
        xref="paper",
        yref="paper",
        x=1.0,
        y=1.0,
        xanchor="right",
        yanchor="bottom",
        yshift=4,
        showarrow=False,
        font={"size": medium.size(14), "color": "#212529"},
    )


def _markers(frame: pd.DataFrame, name: str, colour: str, symbol: str, size: int) -> go.Scatter:
    started = frame["gestart"].astype(int)
    sustainable = frame["duurzaam"].astype(int)
    shares = 100 * sustainable / started
    details = [
        [
            naam,
            _("{count} van {total} duurzaam").format(count=fmt.number(d), total=fmt.number(n)),
            fmt.percentage(share),
        ]
        for naam, d, n, share in zip(frame["naam"], sustainable, started, shares, strict=True)
    ]
    return go.Scatter(
        x=started.tolist(),
        y=shares.tolist(),
        mode="markers",
        name=name,
        marker={"color": colour, "symbol": symbol, "size": size, "line": {"color": "#212529", "width": 1}},
        customdata=details,
        hovertemplate=(
            "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
            "%{customdata[2]} " + _("duurzame uitstroom") + "<extra></extra>"
        ),
    )


def _layout(medium: Medium) -> dict[str, object]:
    return base_layout(
        medium,
        height=420,
        margin={"l": 10, "r": 10, "t": medium.size(64), "b": 10},
        xaxis={
            "title": {"text": _("Trajecten gestart")},
            "rangemode": "tozero",
            "gridcolor": "#e9ecef",
            "zeroline": False,
        },
        yaxis={
            "title": {"text": _("Duurzame uitstroom (%)")},
            # A little room below 0 %, so its label does not touch the "0" of the other axis.
            "range": [-4, 100],
            "ticksuffix": fmt.percent_suffix(),
            "gridcolor": "#e9ecef",
            "zeroline": False,
        },
        # Far enough below the axis title that a legend wrapped over lines on a phone stays clear.
        legend={"orientation": "h", "yanchor": "top", "y": -0.34, "x": 0},
    )


def _note_figure(text: str, medium: Medium) -> go.Figure:
    return message_figure(text, 420, medium)
