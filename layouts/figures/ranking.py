"""Ranking of the 35 regions on one metric, with each region's goal and 95 % intervals for percentages."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import _, ngettext
from dashboard.reports.movement import Movement
from dashboard.rules.region_metrics import OutflowCohort
from dashboard.text import format as fmt
from dashboard.text.changes import rank_line, rank_mark, since_phrase
from layouts.figure_table import with_table
from layouts.figures.columns import columns_layout, highest
from layouts.figures.theme import HIGHLIGHT, NEUTRAL, SCREEN, Medium, base_layout, plot_lines
from layouts.metric_specs import MetricSpec

ROW_HEIGHT = 22
GOAL_COLOUR = "#212529"
# Names fill this share of a row where the room is fixed (projector, print): every name is drawn.
NAME_SHARE = 0.8
SMALLEST_NAME = 8
# Where the value column stands, as a share of the highest bar, goal or interval.
VALUE_AT = 1.03


# A phone's ranking note wraps at this many characters: three short lines fit beside the names.
PHONE_NOTE_CHARACTERS = 30


def _ordered(frame: pd.DataFrame, spec: MetricSpec) -> pd.DataFrame:
    # Stable, so regions with equal values keep their code order in the figure and the summary.
    return frame.assign(_value=frame[spec.column].astype(float)).sort_values(
        "_value", ascending=False, na_position="last", kind="stable"
    )


def _goal_shapes(goal: float, text: str, medium: Medium, axes: int = 1) -> dict[str, Any]:
    lines = [
        {
            "type": "line",
            **({"xref": f"x{axis}"} if axis > 1 else {}),
            "x0": goal,
            "x1": goal,
            "yref": "paper",
            "y0": 0,
            "y1": 1,
            "line": {"color": GOAL_COLOUR, "width": medium.line(2), "dash": "dash"},
        }
        for axis in range(1, axes + 1)
    ]
    note = {"x": goal, "yref": "paper", "y": 1.0, "yanchor": "bottom", "text": text, "showarrow": False}
    return {"shapes": lines, "annotations": [{**note, "font": {"size": medium.size(13)}}]}


def _top_note(text: str, medium: Medium) -> dict[str, Any]:
    return {
        "x": 0,
        "xref": "paper",
        "xanchor": "left",
        "y": 1.0,
        "yref": "paper",
        "yanchor": "bottom",
        "text": text,
        "showarrow": False,
        "font": {"size": medium.size(13)},
    }


def _name_size(medium: Medium, rows: int, margin: dict[str, int]) -> int:
    """The size of the region names: the screen's, or what a row of the fixed room allows."""
    if medium.height is None:
        return 13
    row = (medium.height - margin["t"] - margin["b"]) / rows
    return max(SMALLEST_NAME, min(medium.size(13), int(row * NAME_SHARE)))


def ranking_figure(
    frame: pd.DataFrame,
    spec: MetricSpec,
    highlight: str | None,
    cohort: OutflowCohort | None = None,
    medium: Medium = SCREEN,
    moved: Movement | None = None,
) -> go.Figure:
    """Horizontal bars, best first; regions without data last, labelled as such.

    The goal is each region's own: one dashed line when all regions share it, otherwise a mark on
    every bar. An outflow cohort that is not mature gets no goal at all (it is not judged yet).
    The highlighted region is marked by colour and by an arrow in its label, never colour alone.

    Every region is named in every medium: on screen the figure grows with its rows; in a fixed
    room (a printed page, a projector screen) the names take the size a row allows, and where the
    medium sets it in two columns (projector), each column holds half the regions at a larger size.

    The values stand in a column right of the bars, beyond the goal line, so the line never
    crosses them. With ``moved`` (the report's movement since its comparison day) each value has
    the places its region rose or fell (▲2, ▼1, =), the hover says it in words, and a line above
    the figure names the comparison.
    """
    ordered = _ordered(frame, spec)
    values = ordered["_value"]
    label, goal_label = spec.label, spec.goal_label
    no_data = " (" + _("geen gegevens") + ")"
    labels = [
        ("▶ " if row.code == highlight else "") + row.naam + (no_data if value != value else "")
        for row, value in zip(ordered.itertuples(), values, strict=True)
    ]
    # The rows of each column (one column but on a projector); never none, even without regions.
    per_column = max(1, math.ceil(len(ordered) / max(1, medium.columns)))
    parts = [slice(start, start + per_column) for start in range(0, max(1, len(ordered)), per_column)]
    moves = _moves(ordered, moved)
    margin = {
        "l": 10,
        "r": 10,
        "t": 40 + (20 if moves else 0) + (40 if moves and medium.narrow else 0),
        "b": 30,
    }
    if medium.height is not None:
        margin = {side: medium.size(size) for side, size in margin.items()}
    name_size = _name_size(medium, per_column, margin)
    goals = spec.goal(ordered).astype(float)
    top = highest(ordered, spec, goals)
    value_texts = [
        " ".join(t for t in (spec.format(v) if v == v else "", move) if t)
        for v, move in zip(values, moves or [""] * len(ordered), strict=True)
    ]
    value_size = name_size if medium.height is not None else 13
    value_room = round(max((medium.text_width(t, value_size) for t in value_texts), default=0) + 8)
    traces: list[go.BaseTraceType] = [
        _bars(ordered.iloc[part], labels[part], spec, highlight, medium, name_size, axis, moved)
        for axis, part in enumerate(parts, start=1)
    ]
    traces += [
        _values(top, labels[part], value_texts[part], value_size, axis)
        for axis, part in enumerate(parts, start=1)
    ]
    decorations: dict[str, Any] = {"shapes": [], "annotations": []}
    suffix = f" · {cohort.note()}" if cohort is not None else ""
    drawn_goals: list[str] | None = None  # the goal per row as the figure draws it, if it does
    if cohort is not None and not cohort.mature:
        decorations["annotations"] = [
            _top_note(_("Geen doellijn: {cohort}").format(cohort=cohort.note()), medium)
        ]
    elif goals.round(6).nunique(dropna=True) == 1:
        goal = float(goals.dropna().iloc[0])
        decorations = _goal_shapes(goal, f"{goal_label}: {spec.format(goal)}{suffix}", medium, len(parts))
        drawn_goals = [spec.format(goal)] * len(ordered)
    elif goals.notna().any():
        drawn_goals = [spec.format(g) for g in goals]
        # Regions agreed on different goals: a tick on every bar where its own goal lies.
        traces += [
            _goal_marks(goals.iloc[part], labels[part], spec, medium, axis)
            for axis, part in enumerate(parts, start=1)
        ]
        decorations["annotations"] = [
            _top_note(_("Streep op elke balk: {goal} van die regio").format(goal=goal_label) + suffix, medium)
        ]
    if moves and moved is not None:
        # One line above the goal's: what the arrows beside the values compare with.
        since = since_phrase(moved.comparison)
        note = _("▲▼ plaatsen in de rangorde {sinds}").format(sinds=since)
        # Right-aligned with the plot: a long comparison ("… een jaar eerder (30 september 2025)")
        # then runs into the names' margin, never off the figure's right edge.
        placed: dict[str, Any] = {"x": 1, "xanchor": "right", "yshift": round(medium.size(13) * 1.5)}
        if medium.narrow:
            # A phone's plot starts right of the names: short lines stay on the screen.
            note = plot_lines(note, PHONE_NOTE_CHARACTERS)
        decorations["annotations"].append(_top_note(note, medium) | placed)
    margin["r"] += value_room
    layout = base_layout(
        medium,
        height=ROW_HEIGHT * len(ordered) + 70 + (20 if moves else 0),
        margin=margin,
        xaxis={
            "title": {"text": label},
            "gridcolor": "#e9ecef",
            "zeroline": False,
            # Up to the value column, which stands just beyond the longest bar, goal or interval.
            "range": [0, top * VALUE_AT],
        },
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": name_size}},
        bargap=medium.gap,
        showlegend=False,
        **decorations,
    )
    if medium.height is not None:
        # Plotly labels only every other bar once the names crowd: here each bar keeps its name.
        layout["yaxis"] |= {"tickmode": "linear", "tick0": 0, "dtick": 1}
    if len(parts) > 1:
        columns_of = [labels[part] for part in parts]
        layout |= columns_layout(layout, columns_of, name_size, medium, top * VALUE_AT, value_room)
    figure = go.Figure(traces, layout)
    return with_table(figure, *_table(ordered, spec, label, cohort, drawn_goals, moves))


def _moves(ordered: pd.DataFrame, moved: Movement | None) -> list[str] | None:
    """The mark (▲2, ▼1, =) of each row, or None when nothing is compared."""
    if moved is None or not moved.known:
        return None
    return [rank_mark(moved.ranks[code]) if code in moved.ranks else "" for code in ordered["code"]]


def _values(top: float, labels: list[str], texts: list[str], size: int, axis: int) -> go.Scatter:
    # The values in one column right of the bars: no goal line or interval runs through them.
    return go.Scatter(
        x=[top * VALUE_AT] * len(labels),
        y=labels,
        mode="text",
        text=texts,
        textposition="middle right",
        textfont={"size": size},
        cliponaxis=False,
        hoverinfo="skip",
        showlegend=False,
        **_axes(axis),
    )


def _bars(
    ordered: pd.DataFrame,
    labels: list[str],
    spec: MetricSpec,
    highlight: str | None,
    medium: Medium,
    name_size: int,
    axis: int,
    moved: Movement | None = None,
) -> go.Bar:
    values = ordered["_value"]
    label = spec.label
    error_x = None
    if spec.interval:
        error_x = {
            "type": "data",
            "symmetric": False,
            "array": (ordered["ci_hoog"] - values).fillna(0).tolist(),
            "arrayminus": (values - ordered["ci_laag"]).fillna(0).tolist(),
            "color": "#343a40",
            "thickness": medium.line(1.2),
            "width": medium.line(3),
        }
    details = [
        [row.code, spec.format(value), spec.detail(row), _(str(getattr(row, spec.status_column)))]
        + ([_moved_words(moved, row.code)] if moved is not None and moved.known else [])
        for row, value in zip(ordered.itertuples(), values, strict=True)
    ]
    return go.Bar(
        x=values.fillna(0).tolist(),
        y=labels,
        orientation="h",
        name=label,
        showlegend=False,
        marker={"color": [HIGHLIGHT if code == highlight else NEUTRAL for code in ordered["code"]]},
        error_x=error_x,
        # The value of each bar, drawn in the value column (``_values``) beyond the goal line.
        text=[spec.format(v) if v == v else "" for v in values],
        textposition="none",
        # On screen the value takes the figure's font; elsewhere the names' size, to fit the row.
        textfont={"size": name_size} if medium.height is not None else None,
        # Plotly shrinks a value that is taller than its bar; the row already sized it to fit.
        constraintext="none" if medium.height is not None else None,
        cliponaxis=False,
        customdata=details,
        hovertemplate=(
            "<b>%{y}</b><br>" + label + ": %{customdata[1]}<br>%{customdata[2]}"
            "<br>"
            + _("Status")
            + ": %{customdata[3]}"
            + ("<br>%{customdata[4]}" if moved is not None and moved.known else "")
            + "<extra></extra>"
        ),
        **_axes(axis),
    )


def _moved_words(moved: Movement | None, code: str) -> str:
    if moved is None or code not in moved.ranks:
        return ""
    return rank_line(moved.ranks[code], moved.comparison)


def _goal_marks(
    goals: pd.Series, labels: list[str], spec: MetricSpec, medium: Medium, axis: int
) -> go.Scatter:
    goal_label = spec.goal_label
    return go.Scatter(
        x=goals.tolist(),
        y=labels,
        mode="markers",
        name=_("{goal} per regio").format(goal=goal_label),
        marker={
            "symbol": "line-ns",
            "size": medium.size(13),
            "line": {"color": GOAL_COLOUR, "width": medium.line(3)},
        },
        customdata=[spec.format(g) for g in goals],
        hovertemplate="%{y}<br>" + goal_label + ": %{customdata}<extra></extra>",
        **_axes(axis),
    )


def _axes(axis: int) -> dict[str, str]:
    # The first column on Plotly's default axes, so a one-column figure is as it always was.
    return {"xaxis": f"x{axis}", "yaxis": f"y{axis}"} if axis > 1 else {}


def _table(
    ordered: pd.DataFrame,
    spec: MetricSpec,
    label: str,
    cohort: OutflowCohort | None,
    drawn_goals: list[str] | None,
    moves: list[str] | None = None,
) -> tuple[str, list[str], list[list[str]]]:
    values = ordered["_value"]
    caption = label if cohort is None else f"{label}, {cohort.note()}"
    columns = [_("Regio"), label]
    rows = [[name, spec.format(value)] for name, value in zip(ordered["naam"], values, strict=True)]
    if spec.interval:
        columns.append(_("95 %-interval"))
        for row, low, high in zip(rows, ordered["ci_laag"], ordered["ci_hoog"], strict=True):
            row.append(_interval(low, high))
    if drawn_goals is not None:
        columns.append(spec.goal_label)
        for row, goal_text in zip(rows, drawn_goals, strict=True):
            row.append(goal_text)
    if moves is not None:
        columns.append(_("Plaatsen gestegen (▲) of gedaald (▼)"))
        for row, move in zip(rows, moves, strict=True):
            row.append(move or "–")
    return caption, columns, rows


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
