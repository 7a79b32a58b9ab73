import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import geopandas as gpd
import pytest
import shapely
import shapely.affinity
from shapely.geometry import mapping, shape

from dashboard.cli import cli, run
from geodata import region_refs
from geodata.boundaries import (
    SHIPPED,
    BoundaryError,
    cache_path,
    download_to_cache,
    generalise,
    load_boundaries,
    prepare,
    read_file,
)

# The copy shipped in the package: the tests need nothing beside the repository.
SHIPPED_FEATURES = json.loads(SHIPPED.read_text(encoding="utf-8"))["features"]


@pytest.mark.zuiver
def test_shipped_boundaries_are_the_35_regions_valid_small_and_stable():
    codes = [f["id"] for f in SHIPPED_FEATURES]
    assert codes == sorted(r.code for r in region_refs())
    assert all(
        f["properties"]["statnaam"] == r.naam for f, r in zip(SHIPPED_FEATURES, region_refs(), strict=True)
    )
    assert all(shapely.is_valid(shape(f["geometry"])) for f in SHIPPED_FEATURES)
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in SHIPPED_FEATURES)
    assert 25_000 < SHIPPED.stat().st_size < 60_000, SHIPPED.stat().st_size
    # Preparing the shipped copy again hardly moves it: it is what the loader itself makes.
    again = prepare(read_file(SHIPPED))["features"]
    for before, after in zip(SHIPPED_FEATURES, again, strict=True):
        old, new = shape(before["geometry"]), shape(after["geometry"])
        assert old.symmetric_difference(new).area < 0.01 * old.area, before["id"]
    # Real boundaries, not boxes: Zeeland is in parts, and the outlines have detail.
    zeeland = shape(next(f for f in SHIPPED_FEATURES if f["id"] == "AM24")["geometry"])
    assert zeeland.geom_type == "MultiPolygon" and len(zeeland.geoms) >= 2
    assert sum(len(shapely.get_coordinates(shape(f["geometry"]))) for f in SHIPPED_FEATURES) > 2_000


def _with_bowtie(frame: gpd.GeoDataFrame, code: str) -> gpd.GeoDataFrame:
    """``frame`` with the polygon of ``code`` made self-intersecting, as the real Zeeland one is."""
    index = frame.index[frame.statcode == code][0]
    minx, miny, maxx, maxy = frame.geometry[index].bounds
    bowtie = shapely.Polygon([(minx, miny), (maxx, maxy), (maxx, miny), (minx, maxy)])
    broken = frame.copy()
    broken.loc[index, "geometry"] = bowtie
    return broken


@pytest.mark.zuiver
def test_invalid_geometry_is_repaired_not_emptied():
    broken = _with_bowtie(read_file(SHIPPED), "AM24")
    assert not shapely.is_valid(broken.set_index("statcode").loc["AM24"].geometry)
    collection = prepare(broken)
    zeeland = shape(next(f for f in collection["features"] if f["id"] == "AM24")["geometry"])
    assert shapely.is_valid(zeeland) and zeeland.area > 0.1  # square degrees: both halves kept


@pytest.mark.zuiver
def test_generalise_makes_the_shipped_copy_from_a_full_source(tmp_path):
    # A denser source (every edge split in two) comes out as the same 35 simplified regions.
    source = read_file(SHIPPED)
    source["geometry"] = shapely.segmentize(source.geometry.values, 0.001)
    target = tmp_path / "vereenvoudigd.geojson"
    collection = generalise(_write(source, tmp_path / "bron.geojson"), target)
    assert json.loads(target.read_text())["features"] == json.loads(json.dumps(collection))["features"]
    before = len(shapely.get_coordinates(source.geometry.values))
    after = sum(len(shapely.get_coordinates(shape(f["geometry"]))) for f in collection["features"])
    assert after < before / 2, (before, after)


def _write(frame: gpd.GeoDataFrame, path: Path) -> Path:
    path.write_text(frame.to_json(), encoding="utf-8")
    return path


@pytest.mark.zuiver
def test_missing_and_unknown_regions_are_named():
    frame = read_file(SHIPPED)
    frame = frame[frame.statcode != "AM09"].copy()
    frame.loc[frame.index[0], "statcode"] = "AM99"
    with pytest.raises(BoundaryError) as caught:
        prepare(frame)
    assert "ontbrekende regio's: AM01, AM09" in str(caught.value)
    assert "onbekende codes: AM99" in str(caught.value)


@pytest.mark.zuiver
def test_configured_file_wins_then_the_cache_then_the_shipped_copy(tmp_path):
    shipped = load_boundaries(None, tmp_path, 2025)
    assert [f["id"] for f in shipped["features"]] == [f["id"] for f in SHIPPED_FEATURES]
    # The loader names regions from regions.csv, so the marker is a geometry: AM01 moved east.
    cache = cache_path(tmp_path, 2025)
    cache.parent.mkdir(parents=True)
    moved = json.loads(SHIPPED.read_text())
    moved["features"][0]["geometry"] = mapping(
        shapely.affinity.translate(shape(moved["features"][0]["geometry"]), 0.5)
    )
    cache.write_text(json.dumps(moved))
    cached = load_boundaries(None, tmp_path, 2025)
    assert (
        shape(cached["features"][0]["geometry"]).centroid.x
        > shape(SHIPPED_FEATURES[0]["geometry"]).centroid.x + 0.4
    )
    configured = load_boundaries(SHIPPED, tmp_path, 2025)
    assert (
        shape(configured["features"][0]["geometry"]).centroid.distance(
            shape(SHIPPED_FEATURES[0]["geometry"]).centroid
        )
        < 0.01
    )
    broken = tmp_path / "kapot.geojson"
    broken.write_text("{niet json")
    with pytest.raises(BoundaryError, match="kapot.geojson"):
        load_boundaries(broken, tmp_path, 2025)


@pytest.mark.zuiver
def test_another_year_without_a_download_is_a_clear_error(tmp_path):
    with pytest.raises(BoundaryError, match="hzw geodata download --jaar 2023"):
        load_boundaries(None, tmp_path, 2023)


class PdokLike(BaseHTTPRequestHandler):
    """Serves a FeatureCollection in pages of 20 with OGC API 'next' links, like PDOK."""

    features: list = []
    seen: list = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        query = parse_qs(urlsplit(self.path).query)
        self.seen.append(query)
        offset = int(query.get("offset", ["0"])[0])
        page = self.features[offset : offset + 20]
        links = []
        if offset + 20 < len(self.features):
            host = f"http://127.0.0.1:{self.server.server_address[1]}"
            links.append({"rel": "next", "href": f"{host}/items?f=json&offset={offset + 20}"})
        body = json.dumps({"type": "FeatureCollection", "features": page, "links": links}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/geo+json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def pdok():
    features = SHIPPED_FEATURES
    handler = type("Handler", (PdokLike,), {"features": features, "seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/items", handler
    server.shutdown()
    server.server_close()


def test_download_follows_pages_filters_the_year_and_caches(pdok, tmp_path):
    url, handler = pdok
    path = download_to_cache(tmp_path, 2025, url)
    assert len(handler.seen) == 2  # 35 features in pages of 20
    assert handler.seen[0]["datetime"] == ["2025-07-01T00:00:00Z"]
    assert len(json.loads(path.read_text())["features"]) == 35
    assert len(load_boundaries(None, tmp_path, 2025)["features"]) == 35


def test_incomplete_download_leaves_the_cache_alone(pdok, tmp_path):
    url, handler = pdok
    handler.features = handler.features[:34]
    with pytest.raises(BoundaryError, match="ontbrekende regio's"):
        download_to_cache(tmp_path, 2025, url)
    assert not cache_path(tmp_path, 2025).exists()


def test_cli_download_and_unreachable_service(pdok, tmp_path, monkeypatch, capsys):
    url, _handler = pdok
    monkeypatch.setenv("HZW_DATA_DIR", str(tmp_path))
    assert run(cli, ["geodata", "download", "--jaar", "2025", "--url", url]) == 0
    assert "Grenzen van 35 regio's opgeslagen" in capsys.readouterr().out
    assert run(cli, ["geodata", "download", "--url", "http://127.0.0.1:9/items"]) == 1
    assert "Grenzen downloaden van PDOK mislukt" in capsys.readouterr().err


@pytest.mark.zuiver
def test_a_table_without_shapes_is_refused_by_name(tmp_path):
    table = tmp_path / "regio's.csv"
    table.write_text("statcode;statnaam\nAM01;Groningen\n", encoding="utf-8")
    with pytest.raises(
        BoundaryError, match="'regio's.csv' is geen leesbare GeoJSON of TopoJSON \\(geen vormen\\)"
    ):
        load_boundaries(table, tmp_path, 2025)
