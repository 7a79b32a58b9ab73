"""A presentation screen is drawn for its window: text, figure room and table rows follow its size.

Pure: no database, no browser.
"""

from __future__ import annotations

import pytest

from geodata import tile_layout
from layouts.figures.maps import map_values, tile_map_figure
from layouts.figures.ranking import ranking_figure
from layouts.figures.theme import PROJECTOR, projector_for, window_text
from layouts.metric_specs import METRICS
from layouts.presentation import sequence
from layouts.presentation_fit import BEAMER, Window, parts
from tests.test_figure_media import all_regions

pytestmark = pytest.mark.zuiver

SIZES = [(1280, 720), (1920, 1080), (3840, 2160)]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_text_and_figures_grow_with_the_window(width, height):
    # 2.6 % of the height on a 16:9 screen, as the style sheet sets it.
    assert window_text(width, height) == pytest.approx(0.026 * height, rel=0.01)
    medium = projector_for(width, height)
    # A figure's smallest label (13 px on screen) is still at least 2.2 % of the height.
    assert medium.size(13) >= 0.022 * height
    assert medium.width is not None and width * 0.95 < medium.width < width
    assert medium.columns == PROJECTOR.columns


def test_a_narrow_window_takes_its_text_from_the_width_and_odd_sizes_fall_back():
    assert window_text(1000, 1000) == pytest.approx(1000 * 0.0146)
    assert window_text(100, 100) == 12  # never below a readable minimum
    assert Window.from_store({"width": 1920, "height": 1080}) == Window(1920, 1080)
    for forged in (
        None,
        "1920x1080",
        {"width": "1920", "height": 1080},
        {"width": True, "height": 1080},
        {"width": 10, "height": 10},
        {"width": 1920},
    ):
        assert Window.from_store(forged) == BEAMER


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_ranking_names_every_region_at_a_readable_size_in_its_room(width, height):
    window = Window(width, height)
    medium = window.medium.in_room(window.room(2))
    figure = ranking_figure(all_regions(), METRICS["doel"], None, None, medium)
    names = [name for trace in figure.data if trace.type == "bar" for name in trace.y]
    assert len(names) == 35 and len(set(names)) == 35
    assert figure.layout.yaxis.tickfont.size >= 0.022 * height
    # The values, in their column beside the bars, as large as the names.
    values = [trace for trace in figure.data if trace.type == "scatter"]
    assert [len(v.text) for v in values] == [18, 17]
    assert all(v.textfont.size >= 0.022 * height for v in values)
    assert figure.layout.height <= height * 0.75


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_map_labels_are_readable_in_the_room_of_a_screen(width, height):
    window = Window(width, height)
    values = map_values(all_regions(), METRICS["doel"])
    figure = tile_map_figure(tile_layout(), values, window.medium.in_room(window.room()))
    assert figure.data[0].textfont.size >= 0.022 * height


def test_a_long_table_is_split_evenly_and_every_row_shown_once():
    assert parts(35, 11) == [(0, 9), (9, 18), (18, 27), (27, 35)]
    assert parts(2, 11) == [(0, 2)]
    assert parts(0, 11) == [(0, 0)]
    # Fewer rows fit a low window, so it needs more screens.
    assert Window(1280, 400).table_rows() < Window(1280, 720).table_rows()


def test_the_meetings_of_all_regions_take_several_screens_each_named_with_its_part():
    steps = sequence((), window=BEAMER)
    meetings = [s for s in steps if s.kind == "bijeenkomsten"]
    assert len(meetings) > 1
    assert [s.title for s in meetings] == [
        f"Bijeenkomsten {n}/{len(meetings)}" for n in range(1, len(meetings) + 1)
    ]
    rows = [r for s in meetings for r in range(35)[slice(*s.rows)]]
    assert rows == list(range(35))
    # Two regions fit one screen, named as before.
    assert [s.title for s in sequence(("AM09", "AM01")) if s.kind == "bijeenkomsten"] == ["Bijeenkomsten"]
