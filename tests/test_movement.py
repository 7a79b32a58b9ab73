"""The ranking's movement and the map's change come from the report's figures then and now."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import pytest

from dashboard.reports.movement import movement
from dashboard.reports.since import LAST_STEERING_GROUP, YEAR_EARLIER, Comparison
from geodata import tile_layout
from layouts.figures.maps import map_values, tile_map_figure
from layouts.figures.ranking import ranking_figure
from layouts.figures.theme import PROJECTOR
from layouts.metric_specs import METRICS
from tests.test_figure_media import all_regions

pytestmark = pytest.mark.zuiver

STEERING = Comparison(dt.date(2026, 6, 19), LAST_STEERING_GROUP, 2026)


@dataclass
class Report:
    """The part of a national report the movement reads."""

    regions: pd.DataFrame
    earlier_regions: pd.DataFrame
    compared_with: Comparison | None = STEERING
    earlier_outflow_regions: pd.DataFrame = field(default_factory=pd.DataFrame)

    def frame_for(self, metric: str) -> pd.DataFrame:
        return self.regions


def then_and_now() -> Report:
    """Now every region as in ``all_regions``; then Groningen (AM01) led and Achterhoek was 5 lower."""
    now = all_regions()
    then = now.copy()
    then.loc[then["code"] == "AM01", "pct_doel"] = 500.0
    then.loc[then["code"] == "AM09", "pct_doel"] = now.loc[now["code"] == "AM09", "pct_doel"] - 5
    return Report(now, then)


def test_the_report_counts_places_and_changes_from_its_frames_then_and_now():
    report = then_and_now()
    moved = movement(report, "doel", "pct_doel")  # type: ignore[arg-type]
    assert moved is not None and moved.known
    now_place = moved.ranks["AM01"].now
    assert moved.ranks["AM01"].then is not None and moved.ranks["AM01"].then.place == 1
    assert now_place is not None and moved.ranks["AM01"].places == 1 - now_place.place < 0
    assert moved.values["AM09"].difference == pytest.approx(5)
    assert moved.values["AM01"].difference is not None and moved.values["AM01"].difference < -400
    # Zeeland has no value now: no change, and no place.
    assert moved.values["AM24"].difference is None and moved.ranks["AM24"].places is None
    assert movement(Report(report.regions, report.earlier_regions, None), "doel", "pct_doel") is None  # type: ignore[arg-type]


def test_the_ranking_writes_each_regions_move_beside_its_value_and_names_the_comparison():
    report = then_and_now()
    moved = movement(report, "doel", "pct_doel")  # type: ignore[arg-type]
    assert moved is not None
    figure = ranking_figure(report.regions, METRICS["doel"], None, None, PROJECTOR, moved)
    bars = [t for t in figure.data if t.type == "bar"]
    values = [t for t in figure.data if t.type == "scatter" and t.mode == "text"]
    shown = {
        code: text
        for bar, column in zip(bars, values, strict=True)
        for code, text in zip((c[0] for c in bar.customdata), column.text, strict=True)
    }
    fell = moved.ranks["AM01"].places
    assert fell is not None and fell < 0
    assert shown["AM01"].endswith(f"▼{-fell}")
    # Every other region rose one place or stayed, as the report counts it.
    for code, move in moved.ranks.items():
        if move.places:
            assert shown[code].endswith(("▲", "▼")[move.places < 0] + str(abs(move.places))), code
        elif move.places == 0:
            assert shown[code].endswith(" ="), code
    hover = {c[0]: c[4] for bar in bars for c in bar.customdata}
    assert hover["AM01"].startswith(
        f"▼ {-fell} plaatsen gedaald in de rangorde sinds de stuurgroep van 19 juni"
    )
    notes = [a.text for a in figure.layout.annotations]
    assert "▲▼ plaatsen in de rangorde sinds de stuurgroep van 19 juni 2026" in notes
    # The values stand beyond every bar and the goal line, so the line crosses none of them.
    goal = figure.layout.shapes[0].x0
    assert all(x > max(goal, report.regions["pct_doel"].max()) for t in values for x in t.x)
    # Without a comparison, no marks and no note.
    plain = ranking_figure(report.regions, METRICS["doel"], None, None, PROJECTOR)
    assert not any(
        "▲" in t or "▼" in t for trace in plain.data if trace.type == "scatter" for t in trace.text
    )


def test_the_map_shows_each_regions_change_as_a_second_metric():
    report = then_and_now()
    moved = movement(report, "doel", "pct_doel")  # type: ignore[arg-type]
    values = map_values(report.regions, METRICS["doel"], None, moved)
    data = dict(zip(values.codes, values.customdata, strict=True))
    assert data["AM09"][6] == "▲ +5"
    assert data["AM09"][7].startswith("Verschil sinds de stuurgroep van 19 juni 2026: ▲ +5 procentpunt")
    assert data["AM24"][6] == ""
    # The first metric stays as it was: value, status and short value.
    plain = map_values(report.regions, METRICS["doel"])
    assert [d[:6] for d in values.customdata] == plain.customdata and values.classes == plain.classes
    # On a page's tile a third line; on a projector's tile the two it holds.
    assert tile_map_figure(tile_layout(), values).data[0].texttemplate.endswith("<br>%{customdata[6]}")
    projector = tile_map_figure(tile_layout(), values, PROJECTOR).data[0]
    assert "customdata[6]" not in projector.texttemplate
    _caption, columns, rows = values.table()
    assert columns[-1] == "Verschil sinds de stuurgroep van 19 juni 2026"
    assert rows[values.codes.index("AM09")][-1] == "▲ +5"


def test_against_a_year_earlier_the_map_says_so():
    report = then_and_now()
    report.compared_with = Comparison(dt.date(2025, 9, 30), YEAR_EARLIER, 2025)
    moved = movement(report, "doel", "pct_doel")  # type: ignore[arg-type]
    values = map_values(report.regions, METRICS["doel"], None, moved)
    assert values.changed == "vergeleken met een jaar eerder (30 september 2025)"
