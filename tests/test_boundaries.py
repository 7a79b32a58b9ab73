import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import shapely
from shapely.geometry import shape

from dashboard.cli import cli, run
from geodata.boundaries import (
    BoundaryError,
    cache_path,
    download_to_cache,
    load_boundaries,
    prepare,
    read_file,
)
from tests.conftest import REQUIRE_SERVICES

SHARED = Path(__file__).resolve().parents[2] / "shared" / "geodata"


@pytest.fixture(scope="module")
def shared() -> Path:
    if not (SHARED / "arbeidsmarktregio_2025.geojson").exists():
        if REQUIRE_SERVICES:
            pytest.fail(f"{SHARED} ontbreekt")
        pytest.skip(f"{SHARED} ontbreekt (de echte grenzen staan naast het project, niet erin)")
    return SHARED


@pytest.mark.parametrize("name", ["arbeidsmarktregio_2025.topojson", "arbeidsmarktregio_2025.geojson"])
def test_real_boundaries_are_checked_repaired_and_small(shared, name):
    raw = read_file(shared / name)
    assert not shapely.is_valid(raw.set_index("statcode").loc["AM24"].geometry)  # the known Zeeland defect
    collection = prepare(raw)
    codes = [f["id"] for f in collection["features"]]
    assert len(codes) == 35 and codes == sorted(codes)
    assert all(shapely.is_valid(shape(f["geometry"])) for f in collection["features"])
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in collection["features"])
    size = len(json.dumps(collection, separators=(",", ":")))
    assert size < 60_000, size
    zeeland = shape(next(f for f in collection["features"] if f["id"] == "AM24")["geometry"])
    assert zeeland.area > 0.1  # repaired, not emptied (square degrees)


def test_missing_and_unknown_regions_are_named(shared):
    frame = read_file(shared / "arbeidsmarktregio_2025.geojson")
    frame = frame[frame.statcode != "AM09"].copy()
    frame.loc[frame.index[0], "statcode"] = "AM99"
    with pytest.raises(BoundaryError) as caught:
        prepare(frame)
    assert "ontbrekende regio's: AM01, AM09" in str(caught.value)
    assert "onbekende codes: AM99" in str(caught.value)


def test_configured_file_wins_then_cache_then_a_clear_error(shared, tmp_path):
    with pytest.raises(BoundaryError, match="geen regiogrenzen beschikbaar"):
        load_boundaries(None, tmp_path, 2025)
    broken = tmp_path / "kapot.geojson"
    broken.write_text("{niet json")
    with pytest.raises(BoundaryError, match="kapot.geojson"):
        load_boundaries(broken, tmp_path, 2025)
    configured = load_boundaries(shared / "arbeidsmarktregio_2025.topojson", tmp_path, 2025)
    assert len(configured["features"]) == 35
    cache = cache_path(tmp_path, 2025)
    cache.parent.mkdir(parents=True)
    cache.write_text(json.dumps(configured))
    assert load_boundaries(None, tmp_path, 2025)["features"][0]["id"] == "AM01"


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
def pdok(shared):
    features = json.loads((shared / "arbeidsmarktregio_2025.geojson").read_text())["features"]
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
