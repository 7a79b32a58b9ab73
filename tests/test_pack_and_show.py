"""The meeting pack and the presentation draw the page's figures: same outflow, cohort, goal, rank, date.

The hand-made region dataset (see conftest ``known``), peildatum 30 June 2026, seen as the year
2026 and as the past year 2025. No browser: the pack's contents are checked before they are drawn.
"""

from __future__ import annotations

from typing import Any

import pytest

from callbacks.meeting_pack import meeting_pack
from callbacks.national import update_national
from callbacks.presentation import draw_step
from callbacks.region import update_comparison, update_region
from dashboard.documents.pack.model import PackInfo, cijfers_tm
from dashboard.i18n import use_language
from geodata import region_refs
from layouts.presentation import parse_show
from tests.test_callbacks import text_of

VIEWS = [("2026", "2026-06-30"), ("2025", "2026-06-30")]


def run(app: Any, fn: Any, *args: Any) -> Any:
    with app.server.app_context():
        return fn(*args)


def pack(app: Any, year: str, day: str, regions: str = "AM09") -> tuple[PackInfo, list[Any]]:
    with app.server.app_context():
        return meeting_pack(parse_show({"jaar": year, "peildatum": day, "regios": regions}))


def find(node: Any, component_id: str) -> Any:
    """The component with ``component_id`` in a tree, or None."""
    if getattr(node, "id", None) == component_id:
        return node
    children = node if isinstance(node, list | tuple) else getattr(node, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found = find(child, component_id)
            if found is not None:
                return found
    return None


def table(section: Any, caption_start: str) -> dict[str, list[str]]:
    found = next(t for t in section.tables if t.caption.startswith(caption_start))
    return {row[0]: row[1:] for row in found.rows}


def test_the_pack_dates_a_past_year_as_the_pages_do(region_app):
    info, _sections = pack(region_app, "2025", "2026-06-30")
    # Starts and meetings of 2025 count to 31 December, its cohort's outflow to the peildatum.
    assert cijfers_tm(info) == "Cijfers t/m 31 december 2025 (uitstroom t/m 30 juni 2026)"
    with region_app.server.app_context():
        _tiles, heading, _verdict = update_national("2025", "2026-06-30")
    assert heading == "Voortgang 2025 · cijfers t/m 31 december 2025 (uitstroom t/m 30 juni 2026) · voorlopig"
    with use_language("en"):
        english = cijfers_tm(info)
    assert "31 December 2025" in english and "30 June 2026" in english
    # The running year counts everything to the peildatum: one date.
    assert cijfers_tm(pack(region_app, "2026", "2026-06-30")[0]) == "Cijfers t/m 30 juni 2026"
    # A pack without a year (a document of figures all counted to the peildatum) names that day.
    assert cijfers_tm(PackInfo(info.title, info.peildatum, info.filters, info.data_date)) == (
        "Cijfers t/m 30 juni 2026"
    )


@pytest.mark.parametrize(("year", "day"), VIEWS)
def test_region_pack_and_show_hold_the_outflow_gauge_and_rank_of_the_region_page(region_app, year, day):
    cards = run(region_app, update_region, year, "AM09", day, None, None)[0]
    gauge = text_of(find(cards, "gauge-duurzaam"))
    _info, sections = pack(region_app, year, day)
    region = next(s for s in sections if s.title == "Regio Achterhoek")
    label, value, goal, _pace, status = [
        row for row in region.tables[0].rows if row[0].startswith("Duurzame uitstroom")
    ][0]
    # The gauge: "Duurzame uitstroom, cohort 2025 100 % doel 40 % (zwarte streep) 1 van 1 …".
    assert gauge.startswith(f"{label} {value} doel {goal} (zwarte streep)"), (gauge, label, value, goal)
    assert label == "Duurzame uitstroom, cohort 2025" and status == "op of boven doel"
    # The presentation's region screen shows the page's gauge, word for word.
    screen, position, _query, _total = run(
        region_app, draw_step, 4, f"?jaar={year}&peildatum={day}&regios=AM09", ""
    )
    assert position == "Scherm 4 van 5: Achterhoek"
    assert text_of(find(screen, "gauge-duurzaam")) == gauge
    # The comparison of the page and of the pack: same outflow row, same rank.
    grid = run(region_app, update_comparison, year, "AM09", day, None)[0]
    # One StaticHtml holding the comparison, then the peers' table.
    body = grid.children.children[0].children.children[2].children
    page = {text_of(row.children[0]): [text_of(c) for c in row.children[1:]] for row in body}
    packed = table(region, "Achterhoek vergeleken")
    for measure, cells in packed.items():
        assert cells == page[measure], measure


@pytest.mark.parametrize(("year", "day"), VIEWS)
def test_the_packs_national_goals_are_the_national_tiles(region_app, year, day):
    tiles = run(region_app, update_national, year, day)[0]
    goals = table(pack(region_app, year, day)[1][0], "Landelijke doelen")
    started = text_of(find(tiles, "tile-trajecten"))
    assert started.startswith(f"Trajecten gestart {goals['Trajecten gestart'][0]} ")
    assert f"van {goals['Trajecten gestart'][1]} (jaardoel)" in started
    outflow_label = next(label for label in goals if label.startswith("Duurzame uitstroom"))
    value, goal = goals[outflow_label][:2]
    outflow = text_of(find(tiles, "tile-duurzaam"))
    assert outflow.startswith(f"Duurzame uitstroom {value} "), (outflow, value)
    assert f"doel {goal}" in outflow
    for kind in ("Leerbijeenkomsten", "Casusbesprekingen"):
        tile = text_of(find(tiles, f"tile-{'leer' if kind.startswith('Leer') else 'casus'}"))
        held, target, _pace, status = goals[kind]
        assert tile.startswith(f"{kind} {held} "), (tile, goals[kind])
        assert f" {target} " in tile and f" {status} " in tile, (tile, goals[kind])


def test_the_shows_ranking_names_all_35_regions(region_app):
    screen, _position, _query, _total = run(region_app, draw_step, 3, "?jaar=2026&peildatum=2026-06-30", "")
    graph = next(c for c in screen.children if getattr(c, "figure", None) is not None)
    bars = [trace for trace in graph.figure.data if trace.type == "bar"]
    names = [name.removesuffix(" (geen gegevens)") for bar in bars for name in bar.y]
    assert sorted(names) == sorted(r.naam for r in region_refs())
    assert all(axis.tickmode == "linear" for axis in (graph.figure.layout.yaxis, graph.figure.layout.yaxis2))
