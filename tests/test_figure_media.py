"""Figures know their medium: the screen as it always was, larger on a projector and in print.

Pure: hand-made frames, no database and no browser.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.io as pio
import pytest

from dashboard.data.cadence import Gap
from dashboard.data.progress import REGION_COLUMNS
from dashboard.documents.pack.images import HEIGHT, WIDTH
from dashboard.rules.region_metrics import OutflowCohort, region_metrics
from geodata import region_refs, tile_layout
from layouts.figures.cadence import cadence_figure
from layouts.figures.funnel import funnel_figure
from layouts.figures.funnel_plot import funnel_plot_figure
from layouts.figures.maps import map_values, tile_map_figure
from layouts.figures.ranking import ranking_figure
from layouts.figures.theme import (
    DRAWN_TRACES,
    PRINT,
    PROJECTOR,
    SCREEN,
    UNDRAWN_AREAS,
    base_layout,
    message_figure,
)
from layouts.figures.trend import trend_figure
from layouts.metric_specs import METRICS
from tests.helpers import FUNNEL_COUNTS

pytestmark = pytest.mark.zuiver

PEILDATUM = dt.date(2026, 6, 30)
NAMES = [r.naam for r in region_refs()]


def all_regions(goals_differ: bool = False) -> pd.DataFrame:
    """Every one of the 35 regions, each with another number of starts; Zeeland without data."""
    rows = []
    for index, ref in enumerate(region_refs()):
        delivered = ref.naam != "Zeeland"
        started = 10 + 3 * index if delivered else 0
        target = 90 if goals_differ and index % 2 else 100
        rows.append(
            [ref.code, ref.naam, ref.provincie, target, 40.0, 3, 10, started, started // 3, 1, 4]
            + [delivered, delivered]
        )
    return region_metrics(pd.DataFrame(rows, columns=REGION_COLUMNS), 2026, PEILDATUM)


def monthly() -> pd.DataFrame:
    return pd.DataFrame(
        [[year, month, 10 * month] for year in (2025, 2026) for month in range(1, 13)],
        columns=["jaar", "maand", "gestart"],
    )


def figures(medium):
    """One figure of every builder in ``medium``."""
    meetings = pd.DataFrame(
        {
            "datum": [dt.date(2026, 1, 20)],
            "soort": ["casusbespreking"],
            "deelnemers": pd.array([5], dtype="Int64"),
            "onderwerp": [""],
        }
    )
    frame = all_regions()
    return {
        "trend": trend_figure(monthly(), 2026, PEILDATUM, 100, medium=medium),
        "funnel": funnel_figure(FUNNEL_COUNTS, "Achterhoek", medium=medium),
        "ranking": ranking_figure(frame, METRICS["doel"], "AM09", None, medium),
        "tegelkaart": tile_map_figure(tile_layout(), map_values(frame, METRICS["doel"]), medium),
        "bijeenkomsten": cadence_figure(
            meetings, [Gap(dt.date(2026, 1, 20), PEILDATUM, 161, True)], 2026, PEILDATUM, medium
        ),
        "trechterplot": funnel_plot_figure(frame, "AM09", immature=False, medium=medium),
    }


def test_the_screen_is_the_default_and_draws_as_before():
    assert base_layout()["font"]["size"] == 14 and "height" not in base_layout()
    assert [m.name for m in (SCREEN, PROJECTOR, PRINT)] == ["screen", "projector", "print"]
    default = ranking_figure(all_regions(), METRICS["doel"], "AM09")
    assert default == ranking_figure(all_regions(), METRICS["doel"], "AM09", None, SCREEN)
    # On screen the figure grows with its rows and Plotly picks the ticks, as it always did.
    assert default.layout.height == 22 * 35 + 70
    assert default.layout.yaxis.tickmode is None and default.layout.yaxis.tickfont.size == 13


def test_figures_carry_plotlys_defaults_for_what_they_draw_only():
    plotly_default = pio.templates["plotly"]
    areas = {k: v for k, v in plotly_default.layout.to_plotly_json().items() if k not in UNDRAWN_AREAS}
    for name, figure in {**figures(SCREEN), "melding": message_figure("Geen gegevens")}.items():
        template = figure.layout.template
        # The look is Plotly's own: the same page, axes and colours, and for each trace the
        # defaults of its type, wherever Plotly's template has any.
        assert template.layout.to_plotly_json() == areas, name
        for kind in {trace.type for trace in figure.data}:
            assert template.data[kind] == plotly_default.data[kind], (name, kind)
        # Nothing else: the other 21 trace types' defaults went out with every figure.
        held = {kind for kind, defaults in template.data.to_plotly_json().items() if defaults}
        assert held == set(DRAWN_TRACES), name


@pytest.mark.parametrize("medium", [PROJECTOR, PRINT], ids=lambda m: m.name)
def test_projector_and_print_draw_text_larger_than_the_screen(medium):
    on_screen, elsewhere = figures(SCREEN), figures(medium)
    for name, figure in elsewhere.items():
        assert figure.layout.font.size > on_screen[name].layout.font.size, name
        assert figure.layout.hoverlabel.font.size == medium.font, name
        # A fixed room: the figure takes the medium's height.
        assert figure.layout.height == medium.height, name
    trend, screen_trend = elsewhere["trend"], on_screen["trend"]
    assert trend.data[0].line.width > screen_trend.data[0].line.width
    assert trend.layout.annotations[0].font.size > screen_trend.layout.annotations[0].font.size
    assert elsewhere["funnel"].layout.title.font.size > on_screen["funnel"].layout.title.font.size


def test_print_figures_are_drawn_at_the_size_the_pack_renders_them():
    assert (PRINT.width, PRINT.height) == (WIDTH, HEIGHT)


def test_the_print_ranking_names_all_35_regions_in_one_column():
    figure = ranking_figure(all_regions(), METRICS["doel"], None, None, PRINT)
    bars = [trace for trace in figure.data if trace.type == "bar"]
    assert len(bars) == 1
    names = [name.removesuffix(" (geen gegevens)") for name in bars[0].y]
    assert sorted(names) == sorted(NAMES) and bars[0].y[-1] == "Zeeland (geen gegevens)"
    axis, margin = figure.layout.yaxis, figure.layout.margin
    # A tick on every category: Plotly's own ticks would name only every other bar.
    assert (axis.tickmode, axis.tick0, axis.dtick) == ("linear", 0, 1)
    row = (figure.layout.height - margin.t - margin.b) / 35
    assert 8 <= axis.tickfont.size <= row
    assert bars[0].textfont.size == axis.tickfont.size  # the values beside the bars fit too
    assert figure.layout.bargap < SCREEN.gap


@pytest.mark.parametrize(("key", "goals_differ"), [("doel", False), ("gestart", True)])
def test_the_projector_ranking_names_all_35_regions_in_two_readable_columns(key, goals_differ):
    frame = all_regions(goals_differ)
    spec = METRICS[key]
    ordered = frame.assign(v=frame[spec.column]).sort_values("v", ascending=False, kind="stable")
    figure = ranking_figure(frame, spec, "AM09", None, PROJECTOR)
    bars = [trace for trace in figure.data if trace.type == "bar"]
    assert [bar.yaxis for bar in bars] == [None, "y2"]  # the first column on the default axes
    names = [*bars[0].y, *bars[1].y]
    assert len(bars[0].y) == 18 and len(names) == 35
    assert [n.removeprefix("▶ ").removesuffix(" (geen gegevens)") for n in names] == list(ordered["naam"])
    layout = figure.layout
    for axis in (layout.yaxis, layout.yaxis2):
        assert (axis.tickmode, axis.dtick) == ("linear", 1)
        # Names larger than on screen, and still inside their row.
        assert 13 < axis.tickfont.size <= (layout.height - layout.margin.t - layout.margin.b) / 18
    # Both columns on one scale, side by side, with room between them for the right one's names.
    assert layout.xaxis.range == layout.xaxis2.range
    gap = (layout.xaxis2.domain[0] - layout.xaxis.domain[1]) * (PROJECTOR.width - layout.margin.l)
    longest = max(PROJECTOR.text_width(name, layout.yaxis2.tickfont.size) for name in bars[1].y)
    assert gap >= longest
    goal_marks = [trace for trace in figure.data if trace.type == "scatter" and trace.mode == "markers"]
    if goals_differ:
        assert [trace.yaxis for trace in goal_marks] == [None, "y2"]
        # Each region's own goal (its pace), on its own bar in its own column.
        assert [*goal_marks[0].x, *goal_marks[1].x] == list(ordered["verwacht"])
    else:
        assert not goal_marks
        assert [shape.xref for shape in layout.shapes] == [None, "x2"]  # the goal line in both


def test_an_immature_cohort_gets_no_goal_line_in_any_medium():
    frame = all_regions()
    cohort = OutflowCohort(2026, 2026, False)
    for medium in (SCREEN, PROJECTOR, PRINT):
        figure = ranking_figure(frame, METRICS["duurzaam"], None, cohort, medium)
        assert not figure.layout.shapes, medium.name
        assert figure.layout.annotations[0].text.startswith("Geen doellijn"), medium.name


def test_tiles_fill_a_fixed_room_without_overlapping():
    values = map_values(all_regions(), METRICS["doel"])
    screen = tile_map_figure(tile_layout(), values)
    room = PROJECTOR.in_room(520)
    projector = tile_map_figure(tile_layout(), values, room)
    assert screen.data[0].marker.size == 58 and screen.data[0].textfont.size == 13
    rows = projector.layout.yaxis.range[0] - projector.layout.yaxis.range[1]
    pitch = (room.height - 20) / rows
    assert projector.layout.height == 520
    assert projector.data[0].marker.size <= pitch
    assert 13 < projector.data[0].textfont.size <= pitch / 3
