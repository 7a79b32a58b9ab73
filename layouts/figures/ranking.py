"""Ranking of the 35 regions on one metric, with each region's goal and 95 % intervals for percentages."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import _, ngettext
from dashboard.rules.region_metrics import OutflowCohort
from dashboard.text import format as fmt
from layouts.figure_table import with_table
from layouts.figures.theme import HIGHLIGHT, NEUTRAL, base_layout
from layouts.metric_specs import MetricSpec

ROW_HEIGHT = 22
PRINT_FONT_MAX = 13  # the screen's label size
GOAL_COLOUR = "#212529"


def _ordered(frame: pd.DataFrame, spec: MetricSpec) -> pd.DataFrame:
    # Stable, so regions with equal values keep their code order in the figure and the summary.
    return frame.assign(_value=frame[spec.column].astype(float)).sort_values(
        "_value", ascending=False, na_position="last", kind="stable"
    )


def _goal_shapes(goal: float, text: str) -> dict[str, Any]:
    line = {
        "type": "line",
        "x0": goal,
        "x1": goal,
        "yref": "paper",
        "y0": 0,
        "y1": 1,
        "line": {"color": GOAL_COLOUR, "width": 2, "dash": "dash"},
    }
    note = {"x": goal, "yref": "paper", "y": 1.0, "yanchor": "bottom", "text": text, "showarrow": False}
    return {"shapes": [line], "annotations": [{**note, "font": {"size": 13}}]}


def _top_note(text: str) -> dict[str, Any]:
    return {
        "x": 0,
        "xref": "paper",
        "xanchor": "left",
        "y": 1.0,
        "yref": "paper",
        "yanchor": "bottom",
        "text": text,
        "showarrow": False,
        "font": {"size": 13},
    }


def ranking_figure(
    frame: pd.DataFrame, spec: MetricSpec, highlight: str | None, cohort: OutflowCohort | None = None
) -> go.Figure:
    """Horizontal bars, best first; regions without data last, labelled as such.

    The goal is each region's own: one dashed line when all regions share it, otherwise a mark on
    every bar. An outflow cohort that is not mature gets no goal at all (it is not judged yet).
    The highlighted region is marked by colour and by an arrow in its label, never colour alone.
    """
    ordered = _ordered(frame, spec)
    values = ordered["_value"]
    label, goal_label = spec.label, spec.goal_label
    no_data = " (" + _("geen gegevens") + ")"
    labels = [
        ("▶ " if row.code == highlight else "") + row.naam + (no_data if value != value else "")
        for row, value in zip(ordered.itertuples(), values, strict=True)
    ]
    colours = [HIGHLIGHT if code == highlight else NEUTRAL for code in ordered["code"]]
    error_x = None
    if spec.interval:
        error_x = {
            "type": "data",
            "symmetric": False,
            "array": (ordered["ci_hoog"] - values).fillna(0).tolist(),
            "arrayminus": (values - ordered["ci_laag"]).fillna(0).tolist(),
            "color": "#343a40",
            "thickness": 1.2,
            "width": 3,
        }
    details = [
        [row.code, spec.format(value), spec.detail(row), _(str(getattr(row, spec.status_column)))]
        for row, value in zip(ordered.itertuples(), values, strict=True)
    ]
    bar = go.Bar(
        x=values.fillna(0).tolist(),
        y=labels,
        orientation="h",
        name=label,
        showlegend=False,
        marker={"color": colours},
        error_x=error_x,
        # The value beside each bar: readable without hovering and without telling colours apart.
        text=[spec.format(v) if v == v else "" for v in values],
        textposition="outside",
        cliponaxis=False,
        customdata=details,
        hovertemplate=(
            "<b>%{y}</b><br>" + label + ": %{customdata[1]}<br>%{customdata[2]}"
            "<br>" + _("Status") + ": %{customdata[3]}<extra></extra>"
        ),
    )
    traces: list[go.BaseTraceType] = [bar]
    decorations: dict[str, Any] = {"shapes": [], "annotations": []}
    suffix = f" · {cohort.note()}" if cohort is not None else ""
    goals = spec.goal(ordered).astype(float)
    drawn_goals: list[str] | None = None  # the goal per row as the figure draws it, if it does
    if cohort is not None and not cohort.mature:
        decorations["annotations"] = [_top_note(_("Geen doellijn: {cohort}").format(cohort=cohort.note()))]
    elif goals.round(6).nunique(dropna=True) == 1:
        goal = float(goals.dropna().iloc[0])
        decorations = _goal_shapes(goal, f"{goal_label}: {spec.format(goal)}{suffix}")
        drawn_goals = [spec.format(goal)] * len(ordered)
    elif goals.notna().any():
        drawn_goals = [spec.format(g) for g in goals]
        # Regions agreed on different goals: a tick on every bar where its own goal lies.
        traces.append(
            go.Scatter(
                x=goals.tolist(),
                y=labels,
                mode="markers",
                name=_("{goal} per regio").format(goal=goal_label),
                marker={"symbol": "line-ns", "size": 13, "line": {"color": GOAL_COLOUR, "width": 3}},
                customdata=[spec.format(g) for g in goals],
                hovertemplate="%{y}<br>" + goal_label + ": %{customdata}<extra></extra>",
            )
        )
        decorations["annotations"] = [
            _top_note(_("Streep op elke balk: {goal} van die regio").format(goal=goal_label) + suffix)
        ]
    layout = base_layout(
        height=ROW_HEIGHT * len(ordered) + 70,
        margin={"l": 10, "r": 50, "t": 40, "b": 30},
        xaxis={"title": {"text": label}, "gridcolor": "#e9ecef", "zeroline": False},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": 13}},
        bargap=0.25,
        showlegend=False,
        **decorations,
    )
    figure = go.Figure(traces, layout)
    caption = label if cohort is None else f"{label}, {cohort.note()}"
    columns = [_("Regio"), label]
    rows = [[name, spec.format(value)] for name, value in zip(ordered["naam"], values, strict=True)]
    if spec.interval:
        columns.append(_("95 %-interval"))
        for row, low, high in zip(rows, ordered["ci_laag"], ordered["ci_hoog"], strict=True):
            row.append(_interval(low, high))
    if drawn_goals is not None:
        columns.append(goal_label)
        for row, goal_text in zip(rows, drawn_goals, strict=True):
            row.append(goal_text)
    return with_table(figure, caption, columns, rows)


def ranking_for_print(figure: go.Figure, height: int) -> go.Figure:
    """A copy of the ranking drawn ``height`` pixels tall (a page or a slide), naming every region.

    At a fixed height Plotly would label only every other bar once the labels crowd; here every
    bar keeps its name, in a font small enough for its row. The screen's figure is left as it is.
    """
    printable = go.Figure(figure)
    margin = printable.layout.margin
    rows = max(1, len(printable.data[0].y or ()))
    row = (height - (margin.t or 0) - (margin.b or 0)) / rows
    # The names fill about three quarters of a row; never larger than on screen.
    size = max(6, min(PRINT_FONT_MAX, int(row * 0.75)))
    printable.update_layout(height=height)
    printable.update_yaxes(tickmode="linear", tick0=0, dtick=1, tickfont={"size": size})
    printable.update_traces(textfont={"size": size}, selector={"type": "bar"})
    return printable


def _interval(low: float, high: float) -> str:
    if low != low or high != high:
        return "–"
    return _("{low} tot {high}").format(low=fmt.percentage(low), high=fmt.percentage(high))


def ranking_summary(
    frame: pd.DataFrame, spec: MetricSpec, highlight: str | None, cohort: OutflowCohort | None = None
) -> str:
    """One sentence for readers who cannot see the ranking: top, bottom and the marked region's place."""
    ordered = _ordered(frame, spec)
    known = ordered[ordered["_value"].notna()]
    metric = spec.label.lower() + (f", {cohort.note()}" if cohort is not None else "")
    if known.empty:
        return _("Geen van de {total} regio's heeft gegevens voor {metric}.").format(
            total=fmt.number(len(frame)), metric=metric
        )
    top, bottom = known.iloc[0], known.iloc[-1]
    text = ngettext(
        "Rangorde op {metric}: hoogst {top} ({top_value}), laagst {bottom} ({bottom_value}), "
        "van {count} regio met gegevens",
        "Rangorde op {metric}: hoogst {top} ({top_value}), laagst {bottom} ({bottom_value}), "
        "van {count} regio's met gegevens",
        len(known),
    ).format(
        metric=metric,
        top=top["naam"],
        top_value=spec.format(top["_value"]),
        bottom=bottom["naam"],
        bottom_value=spec.format(bottom["_value"]),
        count=fmt.number(len(known)),
    )
    marked = ordered[ordered["code"] == highlight]
    if not marked.empty:
        row = marked.iloc[0]
        value = row["_value"]
        if value != value:
            text += _("; {name} heeft geen gegevens").format(name=row["naam"])
        else:
            place = 1 + int(np.count_nonzero(known["_value"].to_numpy() > value))
            text += _("; {name} staat op plaats {place} met {value}").format(
                name=row["naam"], place=fmt.number(place), value=spec.format(value)
            )
    return text + "."
