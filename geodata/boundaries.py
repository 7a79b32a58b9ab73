"""Region boundaries: from a configured file, a downloaded copy or the copy shipped in this package."""

from __future__ import annotations

import json
import logging
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import mapping

from dashboard.i18n import N_, LazyText, UserError
from geodata import region_refs

log = logging.getLogger(__name__)

PDOK_ITEMS = (
    "https://api.pdok.nl/cbs/gebiedsindelingen/ogc/v1/collections/arbeidsmarktregio_gegeneraliseerd/items"
)
# Simplification in metres (RD New): invisible at national zoom, and it keeps the payload small.
SIMPLIFY_METRES = 150
COORDINATE_GRID = 1e-5  # about one metre; more decimals only add bytes
MAX_PAGES = 20
# The CBS 2025 division, simplified by prepare() from CBS / PDOK's generalised boundaries
# (CC-BY 4.0); README.md beside it says how it was made. A fresh machine draws the map from it.
SHIPPED_YEAR = 2025
SHIPPED = Path(__file__).with_name(f"arbeidsmarktregio_{SHIPPED_YEAR}.geojson")


class BoundaryError(UserError, ValueError):
    """Boundaries cannot be used; the message says why, in the language it is shown in."""


def cache_path(data_dir: Path, year: int) -> Path:
    """Where prepared boundaries of ``year`` are cached."""
    return data_dir / "geodata" / f"arbeidsmarktregio_{year}.geojson"


def read_file(path: Path) -> gpd.GeoDataFrame:
    """Read GeoJSON or TopoJSON with the regions as features.

    Raises:
        BoundaryError: when the file is missing or not a readable GeoJSON/TopoJSON.
    """
    if not path.exists():
        raise BoundaryError(N_("Grenzenbestand '{path}' bestaat niet."), path=path)
    try:
        frame = gpd.read_file(path)
    except (OSError, ValueError, RuntimeError) as error:
        # pyogrio reports unreadable files with these; the user needs the file name.
        raise BoundaryError(
            N_("Grenzenbestand '{name}' is geen leesbare GeoJSON of TopoJSON ({error})."),
            name=path.name,
            error=error,
        ) from None
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.isna().all():
        # pyogrio also reads a CSV or a spreadsheet, as a table without shapes.
        raise BoundaryError(
            N_("Grenzenbestand '{name}' is geen leesbare GeoJSON of TopoJSON ({error})."),
            name=path.name,
            error=LazyText(N_("geen vormen")),
        )
    if frame.crs is None:
        frame = frame.set_crs(4326)  # TopoJSON and GeoJSON are lon/lat by definition
    return frame.to_crs(4326)


def prepare(frame: gpd.GeoDataFrame) -> dict[str, Any]:
    """Check, repair and simplify boundaries into a compact GeoJSON FeatureCollection.

    Raises:
        BoundaryError: unless exactly the 35 expected region codes are present, once each.
    """
    if "statcode" not in frame.columns:
        raise BoundaryError(N_("De grenzen hebben geen eigenschap 'statcode' (AM-code per regio)."))
    expected = {ref.code for ref in region_refs()}
    codes = [str(code) for code in frame["statcode"]]
    missing, unknown = sorted(expected - set(codes)), sorted(set(codes) - expected)
    doubled = sorted({code for code in codes if codes.count(code) > 1})
    problems = []
    if missing:
        problems.append(LazyText(N_("ontbrekende regio's: {codes}"), codes=", ".join(missing)))
    if unknown:
        problems.append(LazyText(N_("onbekende codes: {codes}"), codes=", ".join(unknown)))
    if doubled:
        problems.append(LazyText(N_("dubbele codes: {codes}"), codes=", ".join(doubled)))
    if problems:
        raise BoundaryError(
            N_("De grenzen moeten precies de 35 arbeidsmarktregio's bevatten; {problems}."),
            problems=tuple(problems),
        )
    names = {ref.code: ref.naam for ref in region_refs()}
    metric = frame.to_crs(28992)
    # The real Zeeland polygon self-intersects; make_valid repairs it before simplifying.
    geometry = shapely.make_valid(metric.geometry.values)
    geometry = shapely.simplify(geometry, SIMPLIFY_METRES, preserve_topology=True)
    lonlat = gpd.GeoSeries(geometry, crs=28992).to_crs(4326)
    features = []
    for code, shape in zip(codes, lonlat.values, strict=True):
        polygons = _polygons_only(shapely.set_precision(shape, COORDINATE_GRID))
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {"statcode": code, "statnaam": names[code]},
                "geometry": mapping(polygons),
            }
        )
    features.sort(key=lambda f: f["id"])
    return {"type": "FeatureCollection", "features": features}


def _polygons_only(shape: Any) -> Any:
    # make_valid may leave stray lines or points beside the polygons; a map fills only areas.
    parts = shapely.get_parts(shape)
    polygons = [p for p in parts if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(polygons) if len(polygons) > 1 else polygons[0]


def download(year: int, url: str = PDOK_ITEMS, timeout: float = 30.0) -> gpd.GeoDataFrame:
    """Fetch the regions of ``year`` from PDOK's OGC API Features, following ``next`` links.

    Raises:
        BoundaryError: when the service cannot be reached or answers something unexpected.
    """
    query = urllib.parse.urlencode({"f": "json", "limit": 100, "datetime": f"{year}-07-01T00:00:00Z"})
    next_url: str | None = f"{url}?{query}"
    features: list[dict[str, Any]] = []
    for _page in range(MAX_PAGES):
        if next_url is None:
            break
        page = _get_json(next_url, timeout)
        features += page.get("features", [])
        next_url = next(
            (
                link["href"]
                for link in page.get("links", [])
                if link.get("rel") == "next" and link.get("href")
            ),
            None,
        )
    if not features:
        raise BoundaryError(N_("PDOK gaf geen regio's terug voor {year}."), year=year)
    return gpd.GeoDataFrame.from_features(features, crs=4326)


def _get_json(url: str, timeout: float) -> dict[str, Any]:
    request = urllib.request.Request(url, headers={"Accept": "application/geo+json, application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (https or test loopback)
            payload: dict[str, Any] = json.load(response)
    except (OSError, ValueError) as error:
        raise BoundaryError(N_("Grenzen downloaden van PDOK mislukt ({error})."), error=error) from None
    return payload


def save(collection: dict[str, Any], path: Path) -> None:
    """Write prepared boundaries atomically, so a broken download never replaces a good cache."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    partial.replace(path)


def load_boundaries(configured: Path | None, data_dir: Path, year: int) -> dict[str, Any]:
    """Boundaries from the configured file, else the downloaded cache, else the shipped copy.

    Downloads are explicit (``hzw geodata download``): the app itself never fetches anything.

    Raises:
        BoundaryError: when none of them gives usable boundaries for ``year``.
    """
    if configured is not None:
        return prepare(read_file(configured))
    cached = cache_path(data_dir, year)
    if cached.exists():
        return prepare(read_file(cached))
    if year == SHIPPED_YEAR and SHIPPED.exists():
        return prepare(read_file(SHIPPED))
    raise BoundaryError(
        N_(
            "Er zijn geen regiogrenzen van {year} beschikbaar. Zet HZW_GEODATA_FILE of voer "
            "'hzw geodata download --jaar {year}' uit."
        ),
        year=year,
    )


def generalise(source: Path, target: Path) -> dict[str, Any]:
    """Check, repair and simplify the boundaries in ``source`` into ``target`` (how SHIPPED is made)."""
    collection = prepare(read_file(source))
    save(collection, target)
    return collection


def download_to_cache(data_dir: Path, year: int, url: str = PDOK_ITEMS) -> Path:
    """Download, check and cache the boundaries of ``year``; returns the cache file."""
    collection = prepare(download(year, url))
    path = cache_path(data_dir, year)
    save(collection, path)
    return path
