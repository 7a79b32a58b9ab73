"""A region's meetings on a timeline of the year, with the gaps between case discussions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.data.cadence import Gap
from dashboard.i18n import _, ngettext
from dashboard.rules import domain
from dashboard.rules.metrics import effective_date
from dashboard.text import format as fmt
from dashboard.text.categories import MEETING_KIND, category
from layouts.figure_table import with_table
from layouts.figures.theme import SCREEN, Medium, base_layout, message_figure

# Row order on the timeline, top to bottom.
ROWS = {kind: index for index, kind in enumerate(domain.MEETING_KINDS)}
# Okabe–Ito colours, each kind also its own shape, so print and colour-blind readers can tell them apart.
MARKERS = {
    "leerbijeenkomst": ("circle", "#0072b2"),
    "casusbespreking": ("diamond", "#d55e00"),
    "stuurgroep": ("square", "#009e73"),
    "werkgroep": ("triangle-up", "#cc79a7"),
    "managersoverleg": ("star", "#e69f00"),
    "beleidsoverleg": ("hexagram", "#56b4e9"),
}
GAP_FILL = "rgba(213, 94, 0, 0.15)"
INK = "#212529"


def _as_date(value: dt.date | pd.Timestamp) -> dt.date:
    # The data layer gives dates; a frame that went through pandas date parsing holds Timestamps.
    return value.date() if isinstance(value, pd.Timestamp) else value


def _hover(kind: str, row: Mapping[str, Any]) -> str:
    participants = row["deelnemers"]
    lines = [category(MEETING_KIND, kind), fmt.date(_as_date(row["datum"]))]
    if pd.isna(participants):
        lines.append(_("deelnemers onbekend"))
    else:
        count = int(participants)
        lines.append(
            ngettext("{count} deelnemer", "{count} deelnemers", count).format(count=fmt.number(count))
        )
    if isinstance(row["onderwerp"], str) and row["onderwerp"]:
        lines.append(row["onderwerp"])
    return "<br>".join(lines)


def gap_mark(gap: Gap, peildatum: dt.date) -> str:
    """The short label of a gap in the figure; :func:`gap_label` is its hover text.

    The row (case discussions) and the shading say what the days are without; the long label
    would run into its neighbours on a phone.
    """
    days = fmt.number(gap.days)
    if gap.open and gap.end == peildatum:
        return _("al {days} dagen").format(days=days)
    if gap.open:
        return _("{days} dagen tot eind {year}").format(days=days, year=gap.end.year)
    return _("{days} dagen").format(days=days)


def gap_label(gap: Gap, peildatum: dt.date) -> str:
    """Label of a gap: closed, still running at the peildatum, or running to the year's end."""
    days = fmt.number(gap.days)
    if gap.open and gap.end == peildatum:
        return _("al {days} dagen geen casusbespreking").format(days=days)
    if gap.open:
        return _("{days} dagen zonder casusbespreking tot eind {year}").format(days=days, year=gap.end.year)
    return _("{days} dagen zonder casusbespreking").format(days=days)


def cadence_figure(
    meetings: pd.DataFrame, gaps: list[Gap], year: int, peildatum: dt.date, medium: Medium = SCREEN
) -> go.Figure:
    """Timeline of ``year`` with one row per meeting kind and the long gaps between case discussions.

    Args:
        meetings: as returned by ``meetings_of_region``; kinds outside the domain are left out.
        gaps: as returned by ``case_discussion_gaps``, drawn as shaded stretches on the
            case-discussion row.
        year: the calendar year shown.
        peildatum: marked with a vertical line when it falls in ``year``.
        medium: screen, projector or print; sizes text, marks and lines.

    Returns:
        The figure; for a year without meetings, a message instead of an empty plot.
    """
    known = meetings[meetings["soort"].isin(domain.MEETING_KINDS)]
    if known.empty:
        return _empty(year, medium)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    figure = go.Figure(layout=_layout(year, medium))
    for kind in domain.MEETING_KINDS:
        rows = known[known["soort"] == kind]
        if rows.empty:
            continue
        symbol, colour = MARKERS[kind]
        figure.add_trace(
            go.Scatter(
                x=[_as_date(d).isoformat() for d in rows["datum"]],
                y=[ROWS[kind]] * len(rows),
                mode="markers",
                name=category(MEETING_KIND, kind),
                marker={
                    "symbol": symbol,
                    "color": colour,
                    "size": medium.size(14),
                    "line": {"color": INK, "width": medium.line(1)},
                },
                # Plain dicts: a Series per row (iterrows) cost more than the hover texts themselves.
                text=[_hover(kind, row) for row in rows.to_dict("records")],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    row = ROWS["casusbespreking"]
    # Collected and set once: each add_shape or add_annotation validates every earlier one again.
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    for index, gap in enumerate(gaps):
        start = max(gap.start, first)
        shapes.append(
            {
                "type": "rect",
                "x0": start.isoformat(),
                "x1": gap.end.isoformat(),
                "y0": row - 0.3,
                "y1": row + 0.3,
                "fillcolor": GAP_FILL,
                "line": {
                    "color": "#d55e00",
                    "width": medium.line(1),
                    "dash": "dot" if gap.open else "solid",
                },
                "layer": "below",
            }
        )
        # Neighbouring labels alternate above and below the row so they never overlap.
        above = index % 2 == 0
        annotations.append(
            {
                "x": (start + (gap.end - start) / 2).isoformat(),
                "y": row - 0.3 if above else row + 0.3,
                "yanchor": "bottom" if above else "top",
                "text": gap_mark(gap, peildatum),
                "hovertext": gap_label(gap, peildatum),
                "showarrow": False,
                "bgcolor": "rgba(255, 255, 255, 0.85)",  # stays readable where the peildatum line crosses it
                "font": {"size": medium.size(12), "color": INK},
            }
        )
    if first <= peildatum <= last:
        shapes.append(
            {
                "type": "line",
                "x0": peildatum.isoformat(),
                "x1": peildatum.isoformat(),
                "y0": 0,
                "y1": 1,
                "yref": "paper",
                "line": {"color": INK, "width": medium.line(1.5), "dash": "dash"},
            }
        )
        annotations.append(
            {
                "x": peildatum.isoformat(),
                "y": 1,
                "yref": "paper",
                "yanchor": "bottom",
                "text": _("peildatum"),
                "showarrow": False,
                "font": {"size": medium.size(12), "color": INK},
            }
        )
    if shapes:
        figure.update_layout(shapes=shapes, annotations=annotations)
    return with_table(figure, *_table(known, gaps, year, peildatum))


def _table(
    known: pd.DataFrame, gaps: list[Gap], year: int, peildatum: dt.date
) -> tuple[str, list[str], list[list[str]]]:
    # One row per marker, in date order; the shaded gaps are named in the caption, as on the plot.
    caption = "; ".join(
        [_("Bijeenkomsten in {year}").format(year=year), *(gap_label(gap, peildatum) for gap in gaps)]
    )
    columns = [_("Datum"), _("Soort"), _("Deelnemers"), _("Onderwerp")]
    rows = []
    for row in (
        known.assign(_dag=known["datum"].map(_as_date)).sort_values("_dag", kind="stable").to_dict("records")
    ):
        participants, kind = row["deelnemers"], str(row["soort"])
        rows.append(
            [
                fmt.date(row["_dag"]),
                category(MEETING_KIND, kind),
                _("onbekend") if pd.isna(participants) else fmt.number(int(participants)),
                row["onderwerp"] if isinstance(row["onderwerp"], str) else "",
            ]
        )
    return caption, columns, rows


def cadence_summary(
    meetings: pd.DataFrame,
    gaps: list[Gap],
    year: int,
    peildatum: dt.date,
    target_learning: int,
    target_case: int,
) -> str:
    """One sentence that says what the timeline shows, for readers who cannot see it.

    Args:
        meetings: as returned by ``meetings_of_region``.
        gaps: as returned by ``case_discussion_gaps``.
        year: the calendar year.
        peildatum: the reference date.
        target_learning: the region's target for learning sessions this year.
        target_case: the region's target for case discussions this year.

    Returns:
        For example "In 2026 t/m 30 juni: 2 van 3 leerbijeenkomsten en 5 van 10
        casusbesprekingen; 1 periode van meer dan 45 dagen zonder casusbespreking."
    """
    last = effective_date(year, peildatum)
    if last < dt.date(year, 1, 1):
        return _("{year} is op de peildatum nog niet begonnen.").format(year=year)
    # The date without its year (both languages write "d MMMM y"): the year is already said.
    period = (
        _("In {year} t/m {date}").format(year=year, date=fmt.date(last)[:-5])
        if last == peildatum
        else _("In {year}").format(year=year)
    )
    counts = meetings["soort"].value_counts()
    learning = fmt.number(int(counts.get("leerbijeenkomst", 0)))
    case = fmt.number(int(counts.get("casusbespreking", 0)))
    limit = fmt.number(domain.CASE_DISCUSSION_MAX_GAP_DAYS)
    if not gaps:
        stretches = _("geen periode van meer dan {limit} dagen zonder casusbespreking").format(limit=limit)
    else:
        stretches = ngettext(
            "{count} periode van meer dan {limit} dagen zonder casusbespreking",
            "{count} perioden van meer dan {limit} dagen zonder casusbespreking",
            len(gaps),
        ).format(count=fmt.number(len(gaps)), limit=limit)
        if gaps[-1].open and gaps[-1].end == peildatum:
            stretches += _(", die nu nog duurt") if len(gaps) == 1 else _(", waarvan de laatste nu nog duurt")
    return _(
        "{period}: {learning} van {learning_target} leerbijeenkomsten en "
        "{case} van {case_target} casusbesprekingen; {stretches}."
    ).format(
        period=period,
        learning=learning,
        learning_target=fmt.number(target_learning),
        case=case,
        case_target=fmt.number(target_case),
        stretches=stretches,
    )


def _empty(year: int, medium: Medium) -> go.Figure:
    return message_figure(_("Geen bijeenkomsten in {year}").format(year=year), 160, medium)


def _layout(year: int, medium: Medium) -> dict[str, object]:
    return base_layout(
        medium,
        height=360,
        margin={"l": 10, "r": 20, "t": 30, "b": 40},
        showlegend=False,  # the row labels name each kind
        hovermode="closest",
        xaxis={
            "type": "date",
            "range": [dt.date(year, 1, 1).isoformat(), dt.date(year + 1, 1, 1).isoformat()],
            "tickvals": [dt.date(year, month, 1).isoformat() for month in range(1, 13)],
            "ticktext": list(fmt.month_abbreviations()),
            "gridcolor": "#e9ecef",
        },
        yaxis={
            "tickvals": list(ROWS.values()),
            "ticktext": [category(MEETING_KIND, kind) for kind in ROWS],
            "range": [len(ROWS) - 0.5, -0.7],  # reversed: the first kind on top
            "showgrid": False,
            "zeroline": False,
        },
    )
