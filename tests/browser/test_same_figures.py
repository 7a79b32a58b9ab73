"""One region, one set of figures: every output that carries a region's outflow agrees with the page.

For a region and a view, the national page (metric *duurzame uitstroom*) is the reference: the
outflow % it shows for the region, the start cohort it names and the region's place in the ranking.
The region page, the ranking CSV, the region's own CSV, the region meeting pack (PDF text) and the
presentation's region screen must show the same. Each output is read the way its reader reads it
(rendered text, the downloaded file, the PDF's text), never from the database: when an output
works out its figures again, differently, this test is where that shows.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.browser

PEILDATUM = "2026-09-30"
NAMES = {"AM09": "Achterhoek", "AM01": "Groningen"}
REGIONS_IN_COUNTRY = 35
# The outflow row of the region comparison (region page and meeting pack), e.g.
# "Duurzame uitstroom % (cohort 2025) 29 % 31 % (landelijk totaal) 31 % 34 % 22 van 35": region,
# country (saying it is the total), median, similar regions, rank.
COMPARISON_ROW = (
    r"Duurzame uitstroom % \(cohort (\d{4})\) (\d+) %"
    r"(?: \S+ %(?: \(landelijk totaal\))?){2,3} (\d+) van (\d+)\b"
)


@dataclass(frozen=True)
class Shown:
    """What one output shows for the region: outflow as written, its cohort, and its rank if any."""

    output: str
    outflow: Decimal  # as written: a whole % on screen and in the PDF, one decimal in a CSV
    cohort: int
    places: range | None = None  # the place (or, for a file of values, the places it allows)
    of: int | None = None  # "van 35"

    def describe(self) -> str:
        rank = "geen rang" if self.places is None else f"rang {_places(self.places)} van {self.of}"
        outflow = str(self.outflow).replace(".", ",")
        return f"{self.output}: {outflow} %, cohort {self.cohort}, {rank}"


def _places(places: range) -> str:
    return str(places.start) if len(places) == 1 else f"{places.start}–{places.stop - 1}"


def _number(text: str) -> Decimal:
    """A Dutch number as written ("28,8", "29")."""
    return Decimal(text.strip().replace(".", "").replace(",", "."))


def _whole_percentages(value: Decimal) -> set[int]:
    """The whole % a page would show for ``value`` written with one decimal.

    Halves are rounded away from zero; a written x,5 may itself be a rounded x,45…, so then both
    neighbours are what the page may rightly show.
    """
    down, up = int(value.to_integral_value(ROUND_FLOOR)), int(value.to_integral_value(ROUND_CEILING))
    if value - down == Decimal("0.5"):
        return {down, up}
    return {down if value - down < Decimal("0.5") else up}


def _single(pattern: str, text: str, where: str) -> re.Match[str]:
    match = re.search(pattern, text)
    assert match is not None, f"{where}: niet gevonden: {pattern!r} in {text[:600]!r}"
    return match


def _download(page, href: str) -> bytes:
    """A file the page links to, fetched in the page's own session (its login cookie and all)."""
    base = page.evaluate("location.origin")
    answer = page.request.get(base + href)
    assert answer.status == 200, f"{href}: {answer.status}"
    return answer.body()


def _csv_rows(body: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


# --- the national page: the reference ----------------------------------------------------------


def read_national_page(page, code: str) -> tuple[Shown, Shown, str]:
    """Outflow, cohort and place of ``code`` on the national page; the table's sighting; the CSV's link.

    The ranking's one-sentence summary is the source: it is the figure's caption, in words, and
    names the cohort, the region's place and its value as the page rounds it. Hover text needs a
    pointer on the right bar and the axis may drop names when crowded; the summary needs neither.
    The *toon als tabel* view is read as well, as a second sighting of value and cohort.
    """
    name = NAMES[code]
    summary_text = "document.querySelector('#national-ranking-summary')?.innerText ?? ''"
    page.wait_for_function(f"({summary_text}).includes({name!r} + ' staat op plaats')")
    summary = page.inner_text("#national-ranking-summary")
    head = _single(r"Rangorde op duurzame uitstroom %, cohort (\d{4})\b", summary, "rangorde")
    count = _single(r"van (\d+) regio's met gegevens", summary, "rangorde")
    marked = _single(re.escape(name) + r" staat op plaats (\d+) met (\d+) %", summary, "rangorde")
    place = int(marked.group(1))
    shown = Shown(
        "landelijke pagina (rangorde)",
        Decimal(marked.group(2)),
        int(head.group(1)),
        range(place, place + 1),
        int(count.group(1)),
    )

    page.click("#national-ranking-tabel-knop")
    page.wait_for_selector("#national-ranking-tabel table tbody tr")
    caption = page.inner_text("#national-ranking-tabel caption")
    rows = page.eval_on_selector_all(
        "#national-ranking-tabel tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.innerText))"
    )
    row = next(r for r in rows if r[0] == name)
    table = Shown(
        "landelijke pagina (tabel)",
        Decimal(_single(r"^(\d+) %$", row[1], "tabel").group(1)),
        int(_single(r"cohort (\d{4})\b", caption, "tabel").group(1)),
    )
    # The data behind the ranking, as the page links to it under the figure.
    href = page.get_attribute("#national-export a:text-is('CSV')", "href")
    assert href is not None and href.startswith("/export/regios.csv?")
    return shown, table, href


# --- the other outputs --------------------------------------------------------------------------


def read_ranking_csv(page, href: str, code: str) -> Shown:
    """The ranking's CSV: the region's row, and the places its 35 values leave for the region.

    The file has no rank column; it holds every region's outflow with one decimal, so the region's
    place lies between one more than the regions written higher and the regions written as high.
    """
    rows = _csv_rows(_download(page, href))
    row = next(r for r in rows if r["code"] == code)
    own = _number(row["duurzaam_pct"])
    values = [_number(r["duurzaam_pct"]) for r in rows if r["duurzaam_pct"]]
    higher = sum(v > own for v in values)
    as_high = sum(v >= own for v in values)
    return Shown("CSV rangorde", own, int(row["startcohort"]), range(higher + 1, as_high + 1), len(rows))


def read_region_page(page, code: str) -> tuple[Shown, Shown]:
    """The outflow gauge (value and cohort) and the comparison's outflow row (value, cohort, rank)."""
    page.wait_for_selector("#gauge-duurzaam .kpi-value")
    page.wait_for_selector("#region-comparison table")
    page.wait_for_selector("#region-export a")
    title = page.inner_text("#gauge-duurzaam h3")
    gauge = Shown(
        "regiopagina (meter)",
        Decimal(_single(r"^(\d+) %$", page.inner_text("#gauge-duurzaam .kpi-value"), "meter").group(1)),
        int(_single(r"^Duurzame uitstroom, cohort (\d{4})$", title, "meter").group(1)),
    )
    compared = _single(COMPARISON_ROW, _flat(page.inner_text("#region-comparison table")), "vergelijking")
    comparison = Shown(
        "regiopagina (vergelijking)",
        Decimal(compared.group(2)),
        int(compared.group(1)),
        range(int(compared.group(3)), int(compared.group(3)) + 1),
        int(compared.group(4)),
    )
    return gauge, comparison


def read_region_csv(page, code: str) -> Shown:
    """The region's own download, "de cijfers van deze regio", as the region page links to it."""
    links = page.locator("#region-export")
    assert "de cijfers van deze regio" in links.inner_text()
    href = links.locator("a:text-is('CSV')").get_attribute("href")
    assert href is not None and href.startswith("/export/regios.csv?") and f"regio={code}" in href
    rows = _csv_rows(_download(page, href))
    assert [r["code"] for r in rows] == [code]
    return Shown("CSV van de regio", _number(rows[0]["duurzaam_pct"]), int(rows[0]["startcohort"]))


def _flat(text: str) -> str:
    # PDF text and table cells break lines anywhere; one space between words is what is compared.
    return " ".join(text.split())


def read_meeting_pack(page, code: str) -> list[Shown]:
    """The region meeting pack the region page links to: its region section, from the PDF's text."""
    href = page.get_attribute("a[href^='/vergaderstuk.pdf?']", "href")
    assert href is not None and f"regios={code}" in href
    pdf = PdfReader(io.BytesIO(_download(page, href)))
    text = _flat(" ".join(p.extract_text() for p in pdf.pages))
    name = re.escape(NAMES[code])
    funnel = _single(name + r", startcohort (\d{4}): .*? \d+ duurzaam aan het werk \((\d+) %\)", text, "pdf")
    goals = _single(r"Doelen " + name + r" \d{4} .*? Duurzame uitstroom, cohort (\d{4}) (\d+) %", text, "pdf")
    section = text[text.index(f"{NAMES[code]} vergeleken") :]
    compared = _single(COMPARISON_ROW, section, "pdf")
    return [
        Shown("vergaderstuk (trechter)", Decimal(funnel.group(2)), int(funnel.group(1))),
        Shown("vergaderstuk (doelen)", Decimal(goals.group(2)), int(goals.group(1))),
        Shown(
            "vergaderstuk (vergelijking)",
            Decimal(compared.group(2)),
            int(compared.group(1)),
            range(int(compared.group(3)), int(compared.group(3)) + 1),
            int(compared.group(4)),
        ),
    ]


def read_presentation(page, code: str) -> Shown:
    """The presentation's region screen, found by stepping through the show as a presenter does."""
    href = page.get_attribute("a[href^='/presentatie?']:text-is('Presenteren')", "href")
    assert href is not None and f"regios={code}" in href
    page.goto(page.evaluate("location.origin") + href)
    position = "document.querySelector('#presentation-position')?.innerText ?? ''"
    page.wait_for_function(f"({position}).startsWith('Scherm 1 van ')")
    total = int(
        _single(r"Scherm 1 van (\d+)", page.inner_text("#presentation-position"), "presentatie").group(1)
    )
    target = f": {NAMES[code]}"
    for step in range(1, total + 1):
        page.wait_for_function(f"({position}).startsWith('Scherm {step} van ')")
        if page.inner_text("#presentation-position").endswith(target):
            break
        page.keyboard.press("ArrowRight")
    else:
        pytest.fail(f"geen regioscherm voor {code} in de presentatie")
    # The step lives in the URL, so the same link opens this screen again (the first screen is
    # where a link without a step opens: a region page's show starts with the region).
    page.wait_for_function(
        f"location.search.endsWith('stap={step}') || ({step} === 1 && !location.search.includes('stap='))"
    )
    screen = "#presentation-screen #gauge-duurzaam"
    page.wait_for_selector(f"{screen} .kpi-value")
    title = page.inner_text(f"{screen} h3")
    return Shown(
        f"presentatie (scherm {step})",
        Decimal(_single(r"^(\d+) %$", page.inner_text(f"{screen} .kpi-value"), "presentatie").group(1)),
        int(_single(r"^Duurzame uitstroom, cohort (\d{4})$", title, "presentatie").group(1)),
    )


# --- the comparison -----------------------------------------------------------------------------


def disagreements(reference: Shown, outputs: list[Shown]) -> list[str]:
    """Every output that shows another outflow, cohort or rank than ``reference``."""
    assert reference.places is not None and len(reference.places) == 1
    place = reference.places.start
    wrong = []
    for shown in outputs:
        problems = []
        # Written as a whole % it must be the page's; with a decimal, round as the page does.
        exponent = shown.outflow.as_tuple().exponent
        whole = {int(shown.outflow)} if exponent == 0 else _whole_percentages(shown.outflow)
        if int(reference.outflow) not in whole:
            problems.append("uitstroom")
        if shown.cohort != reference.cohort:
            problems.append("cohort")
        if shown.places is not None and (place not in shown.places or shown.of != reference.of):
            problems.append("rang")
        if problems:
            wrong.append(f"{', '.join(problems)} wijkt af: {shown.describe()}")
    return wrong


VIEWS = [
    # The default view (no year or peildatum in the address: this year, at the latest data) ...
    pytest.param("AM09", "", "2026", id="AM09-standaard"),
    pytest.param("AM01", "", "2026", id="AM01-standaard"),
    # ... and a past year seen at the same peildatum: outflow counted up to the peildatum.
    pytest.param("AM09", f"jaar=2025&peildatum={PEILDATUM}&", "2025", id="AM09-2025"),
    pytest.param("AM01", f"jaar=2025&peildatum={PEILDATUM}&", "2025", id="AM01-2025"),
]


@pytest.mark.parametrize(("code", "view", "year"), VIEWS)
def test_every_output_shows_the_outflow_cohort_and_rank_of_the_page(page, server, code, view, year):
    page.goto(f"{server}/?{view}maat=duurzaam&regio={code}")
    page.wait_for_function(
        "s => location.search.startsWith(s)", arg=f"?jaar={year}&peildatum={PEILDATUM}&maat=duurzaam"
    )
    reference, table, ranking_href = read_national_page(page, code)
    assert reference.of == REGIONS_IN_COUNTRY  # every region has outflow data in this cohort
    outputs = [table, read_ranking_csv(page, ranking_href, code)]

    # To the region page the way a keyboard user goes: the link beside the map keeps the view.
    page.click("#national-region-link a")
    page.wait_for_url(f"**/regio/{code}?jaar={year}&peildatum={PEILDATUM}**")
    outputs += read_region_page(page, code)
    outputs.append(read_region_csv(page, code))
    outputs += read_meeting_pack(page, code)
    outputs.append(read_presentation(page, code))

    everything = "\n".join(shown.describe() for shown in [reference, *outputs])
    wrong = disagreements(reference, outputs)
    assert wrong == [], "Niet overal dezelfde cijfers:\n" + "\n".join(wrong) + "\n\nAlles:\n" + everything
    # A rank was read from the ranking CSV, the region page and the meeting pack; a cohort from all.
    assert [shown.output for shown in outputs if shown.places is not None] == [
        "CSV rangorde",
        "regiopagina (vergelijking)",
        "vergaderstuk (vergelijking)",
    ]
