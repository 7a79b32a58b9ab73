"""The floor benchmark's section of bench/RESULTS.md: command, date, machine and one table per scale."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from pathlib import Path

from bench.floor_browser import CHROMIUM
from bench.floor_page import Comparison, replace_section, table

HEADING = "## Wachten in de browser, tegen de vloer (`python -m bench.floor`)"


def chromium_version() -> str:
    """The browser's own version line."""
    found = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False)
    return found.stdout.strip() or "onbekend"


def section(command: str, results: dict[str, list[Comparison]]) -> str:
    """The Markdown section for RESULTS.md."""
    lines = [
        HEADING,
        "",
        f"`{command}`, {dt.datetime.now().strftime('%d-%m-%Y %H:%M')}; {chromium_version()} headless "
        f"(Playwright), {os.cpu_count()} kernen, Python {platform.python_version()}.",
        "",
        "Per rij de mediaan van de herhalingen, app en vloer om en om in dezelfde browser. *Pagina*: "
        "vanaf de navigatie tot de laatste wijziging van de pagina waarna het netwerk stil bleef en elke "
        "grafiek gegevens had. *Vloer*: een statische pagina op dezelfde host met dezelfde "
        "`plotly.min.js` en stylesheets die dezelfde eindfiguren met `Plotly.newPlot` tekent. "
        "*Interactie*: vanaf de invoer "
        "(klik, toets, keuze); de vloer is de tijd dat de verzoeken van de interactie in dezelfde run "
        "op het netwerk waren plus `Plotly.react` (of de volgende pagina en `Plotly.newPlot`) van de "
        "figuren daarna. "
        "De servercache (Redis) is na het ongemeten eerste bezoek warm. *Factor per paar*: het eerste "
        "tot derde kwartiel van app gedeeld door de vloer van dezelfde beurt; hoe verder die uiteen "
        "liggen, hoe meer de factor van één run van de mediaan kan afwijken.",
    ]
    for where, rows in results.items():
        lines += ["", f"### {where}", "", table(rows)]
    return "\n".join(lines) + "\n"


def write(
    output: str,
    command: str,
    results: dict[str, list[Comparison]],
    start: tuple[float, float, float],
    end: tuple[float, float, float] | None = None,
) -> None:
    """Put the section into RESULTS.md (replacing an earlier one), with the machine's load."""
    if output == "-":
        return
    text = section(command, results)
    notes = [f"Belasting bij de start: {start[0]:.1f} (1 min)."]
    if end is not None:
        # The benchmark's own server, browser and data loading are in this one.
        notes.append(f"Aan het eind: {end[0]:.1f} (daarin ook de meting zelf).")
    if start[0] > 2:
        notes.append(
            "De machine deed bij de start al ander werk (belasting boven 2 op "
            f"{os.cpu_count()} kernen): reken op ruis."
        )
    text += "\n" + " ".join(notes) + "\n"
    path = Path(output)
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(replace_section(existing, HEADING, text), encoding="utf-8")
