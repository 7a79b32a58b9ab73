"""The results as Markdown: machine details, the latency table, the targets met or missed."""

from __future__ import annotations

import datetime as dt
import os
import platform
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from bench.measure import IMPORT, METRIC, Row

# The targets, judged at the largest scale measured on PostgreSQL.
UNCACHED_MS, CACHED_MS, FLOOR_RATIO = 300.0, 30.0, 1.5
DRAWN_MS, LOAD_P95_MS, METRIC_BYTES = 1500.0, 500.0, 20_000


@dataclass(frozen=True)
class LoadResult:
    """A load test: concurrent users against gunicorn with Redis."""

    users: int
    seconds: float
    workers: int
    think: tuple[float, float]
    requests: int
    errors: int
    p50_ms: float
    p95_ms: float
    interaction_p95_ms: float
    database: str
    scale: int


@dataclass(frozen=True)
class BrowserResult:
    """Time until the national page was fully drawn in headless Chromium."""

    uncached: list[tuple[float, float]]  # (drawn, last callback answer) in ms, per fresh tab
    cached: list[tuple[float, float]]
    database: str
    scale: int
    # A returning visitor: scripts from the browser's cache, the server's cache emptied.
    returning: list[tuple[float, float]] = field(default_factory=list)

    @property
    def worst(self) -> float:
        """The slowest drawing time of all runs."""
        return max(d for d, _ in self.uncached + self.cached)


@dataclass(frozen=True)
class LoadTime:
    """How long ``hzw demo --schaal N`` took."""

    database: str
    scale: int
    trajectories: int
    seconds: float


@dataclass
class Results:
    """Everything one benchmark run found."""

    rows: list[Row] = field(default_factory=list)
    loads: list[LoadTime] = field(default_factory=list)
    browser: BrowserResult | None = None
    load: LoadResult | None = None
    versions: dict[str, str] = field(default_factory=dict)
    patch: bool | None = None
    notes: list[str] = field(default_factory=list)


def _memory_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "onbekend"


def machine(versions: dict[str, str]) -> list[str]:
    """Lines describing where the run happened."""
    load = os.getloadavg()
    return [
        f"- Datum: {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        f"- CPU: {_cpu_model()}, {os.cpu_count()} kernen; geheugen {_memory_gb():.1f} GB",
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"PostgreSQL {versions.get('postgres', 'niet gemeten')}, "
        f"Redis {versions.get('redis', 'niet gemeten')}",
        f"- Code: {versions.get('code', 'onbekend')}",
        f"- Systeem: {platform.platform()}; belasting bij het schrijven "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}",
    ]


def _num(value: float | None, digits: int = 0) -> str:
    return "–" if value is None else f"{value:,.{digits}f}".replace(",", " ")


def _kb(value: int | None) -> str:
    return "–" if value is None else f"{value / 1000:.1f}"


def latency_table(rows: list[Row]) -> list[str]:
    """The main table: one line per database, scale and interaction."""
    lines = [
        "| db | schaal | trajecten | interactie | verzoeken | zonder cache p50 / p95 (ms) | "
        "met cache p50 / p95 (ms) | SQL-vloer p50 (ms) | factor | KB / KB gzip | fouten | traagste verzoek |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.database} | {r.scale} | {_num(r.trajectories)} | {r.interaction} | {r.requests} | "
            f"{_num(r.ms('uncached', 50))} / {_num(r.ms('uncached', 95))} | "
            f"{_num(r.ms('cached', 50), 1)} / {_num(r.ms('cached', 95), 1)} | {_num(r.ms('floor', 50), 1)} | "
            f"{_num(r.ratio, 1)}× | {_kb(r.bytes_plain)} / {_kb(r.bytes_gzip)} | {r.errors} | "
            f"{'; '.join(x for x in (r.slowest, r.note) if x)} |"
        )
    return lines


def _mark(met: bool | None) -> str:
    return "–" if met is None else ("gehaald" if met else "**niet gehaald**")


def targets(results: Results) -> list[str]:
    """One line per target of the issue, judged on the largest PostgreSQL scale (else SQLite)."""
    rows = results.rows
    database = (
        "postgres" if any(r.database == "postgres" for r in rows) else (rows[0].database if rows else "")
    )
    scale = max((r.scale for r in rows if r.database == database), default=0)
    judged = [r for r in rows if r.database == database and r.scale == scale]
    lines = [
        f"Beoordeeld op {database}, schaal {scale}.",
        "",
        "| doel | interactie | gemeten | oordeel |",
        "|---|---|---:|---|",
    ]
    for r in judged:
        unc = r.ms("uncached", 95)
        lines.append(
            f"| p95 zonder cache ≤ {UNCACHED_MS:.0f} ms | {r.interaction} | {_num(unc)} ms | "
            f"{_mark(None if unc is None else unc <= UNCACHED_MS)} |"
        )
    for r in judged:
        if r.interaction == IMPORT:
            continue
        cached = r.ms("cached", 95)
        lines.append(
            f"| p95 met cache ≤ {CACHED_MS:.0f} ms | {r.interaction} | {_num(cached, 1)} ms | "
            f"{_mark(None if cached is None else cached <= CACHED_MS)} |"
        )
    for r in judged:
        ratio = r.ratio
        lines.append(
            f"| ≤ {FLOOR_RATIO}× de SQL-vloer | {r.interaction} | {_num(ratio, 1)}× | "
            f"{_mark(None if ratio is None else ratio <= FLOOR_RATIO)} |"
        )
    metric = next((r for r in judged if r.interaction == METRIC), None)
    if metric is not None and metric.bytes_gzip is not None:
        lines.append(
            f"| maat wisselen < {METRIC_BYTES // 1000} KB | {METRIC} (gzip; zonder gzip "
            f"{_kb(metric.bytes_plain)} KB) | {_kb(metric.bytes_gzip)} KB | "
            f"{_mark(metric.bytes_gzip < METRIC_BYTES)} |"
        )
    if results.patch is not None:
        lines.append(
            f"| kaart krijgt een Patch bij maat wisselen | {METRIC} | "
            f"{'ja' if results.patch else 'nee'} | {_mark(results.patch)} |"
        )
    if results.browser is not None and results.browser.uncached:
        b = results.browser
        lines.append(
            f"| landelijke pagina getekend ≤ {DRAWN_MS / 1000:.1f} s | "
            f"Chromium, {b.database} schaal {b.scale} | "
            f"{max(d for d, _ in b.uncached):,.0f} ms zonder cache, "
            f"{max((d for d, _ in b.cached), default=0):,.0f} ms met cache | {_mark(b.worst <= DRAWN_MS)} |"
        )
    if results.load is not None:
        ld = results.load
        lines.append(
            f"| {ld.users} gebruikers: p95 ≤ {LOAD_P95_MS:.0f} ms, 0 fouten | "
            f"gunicorn + Redis, {ld.database} "
            f"schaal {ld.scale} | p95 {ld.p95_ms:,.0f} ms, {ld.errors} fouten | "
            f"{_mark(ld.p95_ms <= LOAD_P95_MS and ld.errors == 0)} |"
        )
    return lines


def markdown(results: Results, command: str) -> str:
    """The whole RESULTS.md."""
    parts = [
        "# Benchmarkresultaten",
        "",
        f"Gemaakt met `{command}`. Uitleg van elke kolom en hoe te draaien: [README.md](README.md).",
        "",
        "## Machine",
        "",
        *machine(results.versions),
        "",
        "## Doelen",
        "",
        *targets(results),
        "",
        "## Latentie per interactie",
        "",
        *latency_table(results.rows),
        "",
    ]
    if results.loads:
        parts += [
            "## Voorbeelddata laden (`hzw demo --schaal N`)",
            "",
            "| db | schaal | trajecten | duur (s) |",
            "|---|---:|---:|---:|",
            *(
                f"| {x.database} | {x.scale} | {_num(x.trajectories)} | {x.seconds:.1f} |"
                for x in results.loads
            ),
            "",
        ]
    if results.browser is not None:
        b = results.browser
        parts += [
            "## Landelijke pagina in headless Chromium",
            "",
            f"{b.database}, schaal {b.scale}, gunicorn met Redis. Tijd vanaf de navigatie tot de laatste "
            "wijziging van de pagina, waarna het netwerk stil bleef; tussen haakjes wanneer het laatste "
            "callback-antwoord binnen was (ms). Het verschil is tekenwerk in de browser.",
            "",
            f"- zonder cache: {', '.join(f'{d:,.0f} ({a:,.0f})' for d, a in b.uncached)}",
            f"- met cache: {', '.join(f'{d:,.0f} ({a:,.0f})' for d, a in b.cached)}",
            *(
                [
                    "- terugkerende bezoeker (scripts uit de browsercache, server zonder cache): "
                    + ", ".join(f"{d:,.0f} ({a:,.0f})" for d, a in b.returning)
                ]
                if b.returning
                else []
            ),
            "",
        ]
    if results.load is not None:
        ld = results.load
        parts += [
            "## Belastingstest",
            "",
            f"{ld.users} gelijktijdige gebruikers, {ld.seconds:.0f} s, gunicorn met {ld.workers} workers en "
            f"Redis als gedeelde cache, {ld.database} schaal {ld.scale}. Elke gebruiker kiest steeds een "
            f"willekeurige interactie en wacht daarna {ld.think[0]:g}–{ld.think[1]:g} s (lezen).",
            "",
            "| verzoeken | fouten | p50 per verzoek (ms) | p95 per verzoek (ms) | p95 per interactie (ms) |",
            "|---:|---:|---:|---:|---:|",
            f"| {ld.requests} | {ld.errors} | {ld.p50_ms:,.0f} | {ld.p95_ms:,.0f} | "
            f"{ld.interaction_p95_ms:,.0f} |",
            "",
        ]
    if results.notes:
        parts += ["## Opmerkingen bij deze run", "", *(f"- {n}" for n in results.notes), ""]
    return "\n".join(parts)
