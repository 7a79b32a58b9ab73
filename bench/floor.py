"""What users wait for in the browser, against a static floor: ``python -m bench.floor`` (bench/README.md).

For each page and interaction the app is measured side by side with a static page that draws the
same final figures with the same Plotly and stylesheets from the same host, in the same headless
Chromium, alternately (app, floor, app, floor, …); the table gives medians and their ratio.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from bench import floor_browser as fb
from bench import floor_js, server
from bench.floor_page import PREFIX, TARGET_STEP_MS, Comparison, Snapshot, build_page, table
from bench.floor_report import write
from bench.run import DAY, boundaries, fresh_database, load_scale
from dashboard.auth import store
from dashboard.data.cohorts import funnel_by_organisation
from dashboard.infra.db import Database

log = logging.getLogger("bench.floor")
HERE = Path(__file__).resolve().parent
USER, PASSWORD = "bench-landelijk", "bench-vloer-wachtwoord"
REGION = "AM09"
QUERY = f"?jaar={DAY.year}&peildatum={DAY.isoformat()}"
NATIONAL_CACHED, NATIONAL_UNCACHED = (
    "Landelijke pagina, terugkerende bezoeker",
    "Landelijke pagina, browsercache uit",
)
REGION_PAGE, ORGANISATION_PAGE = f"Regiopagina {REGION}", f"Organisatiepagina ({REGION})"
MAP_CLICK, PRESENTATION_STEP, YEAR_SWITCH = (
    f"Kaartklik → regiopagina {REGION}",
    "Presentatie: volgend scherm",
    "Jaar wisselen (landelijk)",
)


POINTER_REST_MS = 150


def region_point(code: str) -> tuple[float, float]:
    """A lon/lat point certainly inside region ``code`` (where a user would click on the map)."""
    import json

    import shapely
    from shapely.geometry import shape

    from geodata.boundaries import SHIPPED

    features = json.loads(SHIPPED.read_text())["features"]
    feature = next(f for f in features if f["properties"]["statcode"] == code)
    point = shapely.make_valid(shape(feature["geometry"])).representative_point()
    return point.x, point.y


def click_region(code: str) -> Callable[[Any], None]:
    """Clicks region ``code`` on the national page's map."""
    lon, lat = region_point(code)

    def act(page: Any) -> None:
        page.locator("#national-map").scroll_into_view_if_needed()
        page.wait_for_timeout(300)  # as a user would: the map has come to rest before the click
        x, y = page.evaluate(
            """([lon, lat]) => { const gd = document.querySelector('#national-map .js-plotly-plot');
                const p = gd._fullLayout.geo._subplot.projection([lon, lat]);
                const r = gd.querySelector('.main-svg').getBoundingClientRect();
                return [r.left + p[0], r.top + p[1]]; }""",
            [lon, lat],
        )
        # A user's pointer comes to rest on the region (its hover label shows) before the press;
        # moving and pressing in the same millisecond would count drawing that label as waiting.
        page.mouse.move(x, y)
        page.wait_for_timeout(POINTER_REST_MS)
        page.mouse.down()
        page.mouse.up()

    return act


def press(key: str) -> Callable[[Any], None]:
    """Presses ``key``."""
    return lambda page: page.keyboard.press(key)


def choose(selector: str, value: str) -> Callable[[Any], None]:
    """Chooses ``value`` in the select ``selector``."""
    return lambda page: page.select_option(selector, value)


class Session:
    """One browser against one server: writes floor pages and measures rows side by side."""

    def __init__(self, context: Any, base: str, folder: Path, reps: int) -> None:
        self.context, self.base, self.folder, self.reps = context, base, folder, reps
        (folder / "teken.js").write_text(floor_js.DRAW, encoding="utf-8")

    def floor_url(self, name: str, snapshot: Snapshot) -> str:
        """Write the floor page of ``snapshot``; its address."""
        (self.folder / f"{name}.html").write_text(build_page(snapshot), encoding="utf-8")
        return f"{self.base}{PREFIX}{name}.html"

    def page(
        self, name: str, path: str, no_cache: bool = False, viewport: dict[str, int] | None = None
    ) -> Comparison:
        """A page load: navigation start until drawn, app against floor."""
        row = Comparison(name)
        url = self.base + path
        # The untimed first visit puts the scripts in the browser cache and warms the server's.
        tab, _ = fb.load(self.context, url, no_cache, viewport)
        snapshot = fb.capture(tab)
        floor = self.floor_url(slug(name), snapshot)
        tab.close()
        fb.load(self.context, floor, no_cache, viewport)[0].close()
        answers = []
        for _ in range(self.reps):
            tab, drawn = fb.load(self.context, url, no_cache, viewport)
            row.app.append(drawn)
            answers.append(float(tab.page.evaluate(floor_js.LAST_ANSWER)))
            tab.close()
            tab, drawn = fb.load(self.context, floor, no_cache, viewport)
            row.floor.append(drawn)
            tab.close()
        # When the app's last answer arrived tells server time from drawing time.
        row.note = (
            f"{len(snapshot.graphs)} grafieken; laatste antwoord na {statistics.median(answers):.0f} ms"
        )
        log.info("%s: app %s, vloer %s", name, row.app, row.floor)
        return row

    def interaction(
        self,
        name: str,
        path: str,
        act: Callable[[Any], None],
        arrive: str | None = None,
        with_network: bool = True,
        viewport: dict[str, int] | None = None,
        limit_ms: float | None = None,
    ) -> Comparison:
        """An interaction on a drawn page: input until drawn again.

        The floor is the time the interaction's requests were on the network in the same app run
        (left out when ``with_network`` is false) plus drawing the next state's figures on the
        floor page of the state before.
        """
        row = Comparison(name, limit_ms=limit_ms)
        url = self.base + path
        tab, _ = fb.load(self.context, url, viewport=viewport)
        before = fb.capture(tab)
        fb.interact(tab, act, arrive)
        after = fb.capture(tab)
        tab.close()
        floor = self.floor_url(slug(name), before)
        requests: list[int] = []
        for _ in range(self.reps):
            tab, _ = fb.load(self.context, url, viewport=viewport)
            waited, network_ms, count = fb.interact(tab, act, arrive)
            tab.close()
            row.app.append(waited)
            requests.append(count)
            tab, _ = fb.load(self.context, floor, viewport=viewport)
            drawing = fb.floor_step(tab, after)
            tab.close()
            row.floor.append(drawing + (network_ms if with_network else 0.0))
        log.info("%s: app %s, vloer %s", name, row.app, row.floor)
        row.note = f"{max(requests)} verzoeken" + ("" if with_network else "; vloer zonder netwerk")
        return row

    def all_rows(self, organisation: int) -> list[Comparison]:
        """Every page and interaction of the benchmark, in a fixed order."""
        rows = [
            self.page(NATIONAL_CACHED, "/" + QUERY),
            self.page(NATIONAL_UNCACHED, "/" + QUERY, no_cache=True),
            self.page(REGION_PAGE, f"/regio/{REGION}" + QUERY),
            self.page(ORGANISATION_PAGE, f"/regio/{REGION}/organisatie/{organisation}" + QUERY),
            self.interaction(MAP_CLICK, "/" + QUERY, click_region(REGION), arrive=f"/regio/{REGION}"),
            self.interaction(
                PRESENTATION_STEP,
                "/presentatie?regios=AM09,AM01",
                press("ArrowRight"),
                with_network=False,
                viewport=fb.PROJECTOR,
                limit_ms=TARGET_STEP_MS,
            ),
            self.interaction(YEAR_SWITCH, "/" + QUERY, choose("#national-year", str(DAY.year - 1))),
        ]
        return rows


def slug(name: str) -> str:
    """A file name for a row's floor page."""
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")


def prepare(url: str) -> int:
    """Add the benchmark's account; the id of the organisation in the region with the most starts."""
    db = Database(url)
    try:
        store.add_user(db, USER, "landelijk", [], PASSWORD)
        organisations = funnel_by_organisation(db, REGION, DAY.year, DAY)
        return int(organisations.sort_values("gestart", ascending=False).iloc[0]["id"])
    finally:
        db.dispose()


@contextmanager
def served(url: str, redis_url: str, folder: Path, workers: int) -> Iterator[str]:
    """Gunicorn with Redis serving the monitor (login mode) and the floor pages; yields its base URL."""
    import redis as redis_client

    redis_client.Redis.from_url(redis_url).flushdb()
    env = {
        "HZW_MODE": "login",
        # Plain HTTP on loopback: the session cookie may not demand HTTPS.
        "HZW_SECURE_COOKIES": "0",
        "HZW_BENCH_FLOOR_DIR": str(folder),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE.parent), os.environ.get("PYTHONPATH", "")])),
    }
    with server.gunicorn(url, redis_url, DAY, boundaries(), workers, "bench.floor_wsgi:server", env) as base:
        yield base


def measure(
    kind: str, scale: int, postgres_url: str, redis_url: str, reps: int, workers: int
) -> list[Comparison]:
    """Load one database at one scale, serve it, and measure every row."""
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="hzw-vloer-")))
        url = stack.enter_context(fresh_database(kind, scale, postgres_url, folder))
        log.info("%s schaal %d: laden", kind, scale)
        loaded = load_scale(url, kind, scale)
        log.info(
            "%s schaal %d: %d trajecten in %.0f s; meten", kind, scale, loaded.trajectories, loaded.seconds
        )
        organisation = prepare(url)
        pages = folder / "vloer"
        pages.mkdir()
        base = stack.enter_context(served(url, redis_url, pages, workers))
        context = stack.enter_context(fb.chromium(folder / "profiel"))
        fb.sign_in(context, base, USER, PASSWORD)
        return Session(context, base, pages, reps).all_rows(organisation)


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """Options from the command line."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.floor", description="Wachttijd in de browser tegen de vloer."
    )
    parser.add_argument(
        "--metingen",
        default="sqlite:1,postgres:100",
        help="database:schaal, komma-gescheiden (standaard sqlite:1,postgres:100)",
    )
    parser.add_argument("--herhalingen", type=int, default=5, help="keren app en vloer om en om (minstens 5)")
    parser.add_argument("--postgres-url", default=os.environ.get("HZW_BENCH_POSTGRES_URL", ""))
    parser.add_argument("--redis-url", default=os.environ.get("HZW_BENCH_REDIS_URL", ""))
    parser.add_argument("--workers", type=int, default=server.default_workers())
    parser.add_argument(
        "--uitvoer", default=str(HERE / "RESULTS.md"), help="Markdown-bestand ('-': niet schrijven)"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: measures each database and scale in turn, writing after each."""
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s: %(message)s")
    log.setLevel(logging.INFO)
    args = parse(argv)
    command = "python -m bench.floor " + " ".join(argv if argv is not None else sys.argv[1:])
    start = os.getloadavg()
    sys.stdout.write(f"belasting bij de start (1/5/15 min): {start}\n")
    results: dict[str, list[Comparison]] = {}
    with ExitStack() as stack:
        from bench import services

        postgres_url = args.postgres_url
        redis_url = args.redis_url or stack.enter_context(services.redis())
        for item in args.metingen.split(","):
            kind, scale = item.strip().split(":")
            if kind == "postgres" and not postgres_url:
                postgres_url = stack.enter_context(services.postgres())
            rows = measure(kind, int(scale), postgres_url, redis_url, max(args.herhalingen, 1), args.workers)
            results[f"{kind}, schaal {scale}"] = rows
            sys.stdout.write(f"\n{kind}, schaal {scale}\n{table(rows)}\n")
            sys.stdout.flush()
            write(args.uitvoer, command.strip(), results, start)
    end = os.getloadavg()
    sys.stdout.write(f"belasting aan het eind (1/5/15 min): {end}\n")
    write(args.uitvoer, command.strip(), results, start, end)
    return 0


if __name__ == "__main__":
    sys.exit(main())
