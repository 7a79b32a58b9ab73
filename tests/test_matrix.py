"""All regions on all goals: the matrix on the national page, against the region page.

On top of the hand-made region dataset (tests/test_region_page.py), AM20 (Rivierenland) starts
55 trajectories by the peildatum of 30 June 2026 (ahead of the pace of about 50), three of its
five starts of 2025 work sustainably (60 % against 40 %), and it held two learning sessions and
six case discussions: on track on every goal. AM09 is behind on starts, learning sessions and
case discussions; AM01 only on starts; the other regions have no data (no verdict).
"""

import pytest
from dash import html

from callbacks.matrix import update_matrix
from callbacks.region import update_region
from dashboard.reports.verdict import GOALS
from geodata import region_refs
from layouts import ids, matrix
from tests.conftest import PEILDATUM
from tests.helpers import load, trajectory
from tests.test_callbacks import text_of

YEAR, DAY = "2026", PEILDATUM.isoformat()


@pytest.fixture
def matrix_app(known, make_app):
    rows = [trajectory(f"R{i}", f"2026-0{1 + i % 6}-{1 + i % 28:02d}", regio="AM20") for i in range(55)]
    for i in range(5):
        extra = {"plaatsingsdatum": "2025-03-01", "duurzaam_datum": "2025-09-01"} if i < 3 else {}
        rows.append(trajectory(f"Q{i}", "2025-02-01", regio="AM20", **extra))
    for row in rows:
        row["organisatie"] = "GGZ Rivier"
    load(known, "trajecten", rows, today=PEILDATUM)
    held = [{"regio": "AM20", "soort": "leerbijeenkomst", "datum": d} for d in ("2026-02-01", "2026-05-01")]
    held += [{"regio": "AM20", "soort": "casusbespreking", "datum": f"2026-0{m}-10"} for m in range(1, 7)]
    load(known, "bijeenkomsten", held, today=PEILDATUM)
    return make_app(suppression_minimum=1)


def run(app, fn, *args):
    with app.server.app_context():
        return fn(*args)


def body_rows(table):
    """The rows of the rendered matrix: (code, [cell texts], behind count text)."""
    grid = find(table, ids.MATRIX_GRID)
    if grid is None:  # nothing passes the filters: a sentence instead of an empty table
        return []
    tbody = grid.children[2]
    result = []
    for tr in tbody.children:
        head, *cells, behind = tr.children
        link = head.children[0]
        result.append((link.href.split("?")[0].rsplit("/", 1)[1], cells, text_of(behind), link))
    return result


def find(component, component_id):
    if getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found = find(child, component_id)
            if found is not None:
                return found
    return None


def badge(component):
    """The text of the first status badge (icon and words) inside ``component``, or None."""
    css = getattr(component, "className", None) or ""
    if isinstance(component, html.Span) and ("status" in css.split() or "badge" in css.split()):
        return text_of(component)
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found = badge(child)
            if found is not None:
                return found
    return None


def matrix_for(app, behind="0", province="", sort=None):
    table, count = run(app, update_matrix, YEAR, DAY, behind, province, sort or matrix.DEFAULT_SORT)
    return body_rows(table), count


def test_the_matrix_lists_every_region_with_four_statuses(matrix_app):
    rows, count = matrix_for(matrix_app)
    assert count == "35 van 35 regio's"
    assert sorted(code for code, *_ in rows) == sorted(ref.code for ref in region_refs())
    for _code, cells, _behind, _link in rows:
        assert len(cells) == len(GOALS) == 4
        assert all(badge(cell) for cell in cells)
    # Worst first: AM09 (three goals behind) leads, then AM01 (one).
    assert [(code, behind) for code, _c, behind, _l in rows[:2]] == [("AM09", "3"), ("AM01", "1")]


@pytest.mark.parametrize("code", ["AM09", "AM01", "AM20"])
def test_statuses_and_figures_match_the_region_page(matrix_app, code):
    cells = next(cells for c, cells, _b, _l in matrix_for(matrix_app)[0] if c == code)
    gauges = run(matrix_app, update_region, YEAR, code, DAY)[0]
    assert len(gauges) == len(cells)
    for cell, gauge in zip(cells, gauges, strict=True):
        page, figure, status = text_of(gauge), text_of(cell.children[0]), badge(cell)
        # The gauge shows the same figure (``4 van 100``; outflow as its percentage) and status.
        shown = figure.split(" van ")[0] if "%" in figure else figure
        assert (shown in page) if figure != "–" else ("geen gegevens" in page), (code, figure, page)
        # An outflow gauge without data says *geen gegevens* as its figure, without a badge.
        assert badge(gauge) == status or (badge(gauge) is None and status == "geen gegevens" in page)
    expected = {
        "AM09": ["ver achter", "op of boven doel", "ver achter", "ver achter"],
        "AM01": ["ver achter", "geen gegevens", "geen gegevens", "geen gegevens"],
        "AM20": ["op koers", "op of boven doel", "op koers", "op koers"],
    }[code]
    assert [badge(cell) for cell in cells] == expected


def test_behind_filter_keeps_regions_behind_on_that_many_goals(matrix_app):
    rows, count = matrix_for(matrix_app, behind="2")
    assert [code for code, *_ in rows] == ["AM09"]
    assert count == "1 van 35 regio's"
    one = [code for code, *_ in matrix_for(matrix_app, behind="1")[0]]
    assert one == ["AM09", "AM01"]
    empty, count = run(matrix_app, update_matrix, YEAR, DAY, "4", "", None)
    assert "Geen regio's" in text_of(empty) and count == "0 van 35 regio's"


def test_province_filter_keeps_its_regions_only(matrix_app):
    rows, count = matrix_for(matrix_app, province="Gelderland")
    gelderland = {ref.code for ref in region_refs() if ref.provincie == "Gelderland"}
    assert {code for code, *_ in rows} == gelderland
    assert "AM09" in gelderland and "AM01" not in gelderland
    assert count == f"{len(gelderland)} van 35 regio's"
    # Both filters at once: Gelderland regions behind on two goals or more.
    assert [code for code, *_ in matrix_for(matrix_app, behind="2", province="Gelderland")[0]] == ["AM09"]
    assert matrix_for(matrix_app, behind="2", province="Groningen")[0] == []


def test_rows_link_to_the_region_page_with_the_view(matrix_app):
    rows, _count = matrix_for(matrix_app)
    link = next(link for code, _c, _b, link in rows if code == "AM20")
    assert link.href == f"/regio/AM20?jaar={YEAR}&peildatum={DAY}"


def test_sorting_on_a_goal_orders_by_its_figure_with_no_data_last(matrix_app):
    ascending = matrix.next_sort(matrix.DEFAULT_SORT, "trajecten")
    assert ascending == {"column": "trajecten", "descending": False}
    rows, _count = matrix_for(matrix_app, sort=ascending)
    # 4 (Achterhoek), 4 (Groningen: a tie goes by name), 55; the 32 without starts after them.
    assert [code for code, *_ in rows[:3]] == ["AM09", "AM01", "AM20"]
    assert all(text_of(cells[0].children[0]) == "–" for _c, cells, _b, _l in rows[3:])
    descending = matrix.next_sort(ascending, "trajecten")
    assert descending == {"column": "trajecten", "descending": True}
    rows, _count = matrix_for(matrix_app, sort=descending)
    assert [code for code, *_ in rows[:3]] == ["AM20", "AM09", "AM01"]
    assert text_of(rows[-1][1][0].children[0]) == "–"
    table = run(matrix_app, update_matrix, YEAR, DAY, "0", "", descending)[0]
    header = find(table, ids.MATRIX_GRID).children[1].children.children
    sorted_headers = [th for th in header if "aria-sort" in th.to_plotly_json()["props"]]
    assert (
        len(sorted_headers) == 1 and sorted_headers[0].to_plotly_json()["props"]["aria-sort"] == "descending"
    )


def test_a_change_of_year_shows_the_cached_first_table_and_any_other_choice_the_live_one(matrix_app):
    import json

    import orjson
    from plotly.io.json import to_json_plotly

    def sent(answer):
        # A cached answer is finished JSON (an orjson Fragment); a live one is still components.
        return [
            json.loads(orjson.dumps(part) if isinstance(part, orjson.Fragment) else to_json_plotly(part))
            for part in answer
        ]

    with matrix_app.server.test_request_context("/"):
        first = update_matrix(YEAR, DAY, matrix.NO_FILTER, matrix.ALL_PROVINCES, dict(matrix.DEFAULT_SORT))
        again = update_matrix(YEAR, DAY, matrix.NO_FILTER, matrix.ALL_PROVINCES, dict(matrix.DEFAULT_SORT))
        filtered = update_matrix(YEAR, DAY, "4", matrix.ALL_PROVINCES, dict(matrix.DEFAULT_SORT))
    live = run(matrix_app, update_matrix, YEAR, DAY, matrix.NO_FILTER, matrix.ALL_PROVINCES, None)
    # The cached answer is the finished JSON of exactly what the callback builds.
    assert isinstance(first[0], orjson.Fragment)
    assert sent(first) == sent(again) == sent(live)
    # A filter is not the first view: built live, and it shows fewer regions.
    assert sent(filtered)[1] != sent(first)[1]
