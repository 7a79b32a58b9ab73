"""The view a reader asked for, parsed once from the URL (or the controls) and written back to it.

Every page, download and document starts from a :class:`View`: year, peildatum, start cohort,
map metric and form, region, organisation, comparison date, language and viewer. Reading the
parameters anywhere else would let two outputs of one screen disagree on, say, the cohort. A value
that cannot be used does not stop the page: the view falls back to the default and keeps a Dutch
message saying what was ignored, which the page shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urlencode

from dashboard.auth.viewer import Viewer
from dashboard.i18n import N_, LazyText
from dashboard.reports import params
from dashboard.rules import domain
from dashboard.rules.region_metrics import OutflowCohort, outflow_cohort

# The map metric and form when the URL names none (or an unknown one): metric keys are those of
# ``layouts.metric_specs`` and the forms those of ``layouts.figures.maps`` (``GEO``, ``TILES``);
# the view only needs to know which values exist.
METRICS = ("doel", "tempo", "gestart", "duurzaam", "leer", "casus")
DEFAULT_METRIC = "doel"
MAP_FORMS = ("geo", "tegel")
DEFAULT_MAP_FORM = "geo"
LANGUAGES = ("nl", "en")


def _first(raw: object) -> object:
    # A repeated key (``?jaar=2025&jaar=2026``) arrives as a list: the first one counts.
    if isinstance(raw, list | tuple):
        return raw[0] if raw else None
    return raw


@dataclass(frozen=True)
class View:
    """What one screen (or file) shows. Frozen and hashable: it is part of cache keys.

    Attributes:
        year: the calendar year of starts and meetings.
        peildatum: the reference date; figures count up to it (a past year up to 31 December).
        cohort: the start cohort whose sustainable outflow is shown.
        cohort_chosen: whether the reader chose that cohort (else it is the default of the rule
            in :func:`dashboard.rules.region_metrics.outflow_cohort`).
        metric: the map and ranking metric (a key of ``METRICS``).
        map_form: ``geo`` (real boundaries) or ``tegels`` (tile map).
        region: the region looked at or marked, an AM code, or None.
        organisation: the organisation looked at, or None.
        since: an earlier peildatum to compare with, or None (then: the same date a year earlier).
        language: ``nl`` or ``en``.
        viewer: who is looking; decides what organisation figures may be shown.
        problems: what in the URL could not be used, as Dutch messages (translated when shown).
        rejected: the URL keys of those values (``peildatum``, ``jaar``, ``regio``), for an output
            that refuses a view instead of showing the default (a download has no page to say so).
        publication: the snapshot asked for (``?publicatie=ID``), or None for the default.
    """

    year: int
    peildatum: dt.date
    cohort: int
    cohort_chosen: bool = False
    metric: str = DEFAULT_METRIC
    map_form: str = DEFAULT_MAP_FORM
    region: str | None = None
    organisation: int | None = None
    since: dt.date | None = None
    language: str = "nl"
    viewer: Viewer | None = field(default=None, compare=False)
    problems: tuple[LazyText, ...] = field(default=(), compare=False)
    rejected: tuple[str, ...] = field(default=(), compare=False)
    publication: int | None = None

    @classmethod
    def parse(
        cls,
        query: Mapping[str, object],
        latest: dt.date,
        viewer: Viewer | None = None,
        language: str = "nl",
    ) -> View:
        """The view of a URL query (or of control values under the same names).

        Args:
            query: ``jaar``, ``peildatum``, ``cohort``, ``maat``, ``kaart``, ``regio``,
                ``organisatie``, ``sinds``, ``publicatie``; missing keys take their defaults.
            latest: the newest peildatum there is data for (today, or the configured one).
            viewer: who is looking.
            language: the page's language.
        """
        problems: list[LazyText] = []
        rejected: list[str] = []

        def value(key: str) -> object:
            return _first(query.get(key))

        raw_day = value("peildatum")
        peildatum = params.parse_peildatum(raw_day, latest)
        if raw_day not in (None, "") and not _is_day(raw_day):
            rejected.append("peildatum")
            problems.append(
                LazyText(
                    N_("De peildatum '{waarde}' is geen datum; getoond: de laatste dag."),
                    waarde=str(raw_day)[:20],
                )
            )
        raw_year = value("jaar")
        year = params.parse_year(raw_year, peildatum.year)
        if raw_year not in (None, "") and str(raw_year) != str(year):
            rejected.append("jaar")
            problems.append(
                LazyText(
                    N_("Het jaar '{waarde}' kan niet: kies {eerste} t/m {laatste}; getoond: {jaar}."),
                    waarde=str(raw_year)[:20],
                    eerste=domain.FIRST_YEAR,
                    laatste=peildatum.year,
                    jaar=year,
                )
            )
        raw_cohort = value("cohort")
        cohort_chosen = raw_cohort is not None
        cohort = (
            params.parse_cohort(raw_cohort, year, peildatum)
            if cohort_chosen
            else outflow_cohort(year, peildatum).year
        )
        raw_metric = value("maat")
        metric = raw_metric if raw_metric in METRICS else DEFAULT_METRIC
        if raw_metric not in (None, "") and metric != raw_metric:
            problems.append(
                LazyText(
                    N_("De maat '{waarde}' bestaat niet; getoond: de standaardmaat."),
                    waarde=str(raw_metric)[:20],
                )
            )
        raw_form = value("kaart")
        map_form = raw_form if raw_form in MAP_FORMS else DEFAULT_MAP_FORM
        raw_region = value("regio")
        region = params.parse_region(raw_region)
        if raw_region not in (None, "", "geen") and region is None:
            rejected.append("regio")
            problems.append(
                LazyText(N_("'{waarde}' is geen arbeidsmarktregio."), waarde=str(raw_region)[:20])
            )
        raw_since = value("sinds")
        since = params.parse_since(raw_since, peildatum)
        if raw_since not in (None, "") and since is None:
            problems.append(
                LazyText(
                    N_(
                        "De vergelijkingsdatum '{waarde}' is geen datum vóór de peildatum; vergeleken "
                        "wordt met dezelfde datum een jaar eerder."
                    ),
                    waarde=str(raw_since)[:20],
                )
            )
        return cls(
            year=year,
            peildatum=peildatum,
            cohort=cohort,
            cohort_chosen=cohort_chosen,
            metric=str(metric),
            map_form=str(map_form),
            region=region,
            organisation=params.parse_organisation(value("organisatie")),
            since=since,
            language=language if language in LANGUAGES else "nl",
            viewer=viewer,
            problems=tuple(problems),
            rejected=tuple(rejected),
            # A snapshot number only: whether it exists and may be shown is the report's to check.
            publication=params.parse_organisation(value("publicatie")),
        )

    @property
    def outflow(self) -> OutflowCohort:
        """The outflow cohort with its maturity, as legends and tiles name it."""
        if self.cohort_chosen:
            from dashboard.rules import metrics

            return OutflowCohort(
                self.cohort, self.year, metrics.cohort_is_mature(self.cohort, self.peildatum)
            )
        return outflow_cohort(self.year, self.peildatum)

    def but(self, **changes: object) -> View:
        """A copy with some fields changed (another region, year, ...)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    def query(self, *keys: str, dated: bool = True, extra: Mapping[str, object] | None = None) -> str:
        """``?jaar=…&peildatum=…`` and those of the named parameters that are set (one place writes URLs).

        Args:
            keys: the optional parameters to write when set (``cohort``, ``maat``, ``kaart``,
                ``regio``, ``organisatie``, ``sinds``, ``publicatie``).
            dated: False for a page that always shows the latest data (Regio's, Bijeenkomsten):
                its address names the year only.
            extra: a page's own parameters, written last (the search words of Regio's).
        """
        values: dict[str, object] = {"jaar": self.year}
        if dated:
            values["peildatum"] = self.peildatum.isoformat()
        optional: dict[str, object | None] = {
            "cohort": self.cohort,
            "maat": self.metric,
            "kaart": self.map_form,
            "regio": self.region,
            "organisatie": self.organisation,
            "sinds": self.since.isoformat() if self.since else None,
            "publicatie": self.publication,
        }
        for key, item in optional.items():
            if item is not None and key in keys:
                values[key] = item
        return "?" + urlencode(values | dict(extra or {}))

    def address(self, *keys: str) -> str:
        """:meth:`query` with the language when it is not Dutch: for links and the address bar.

        The language travels with the view, so a link or a rewritten address does not fall back
        to Dutch.
        """
        query = self.query(*keys)
        return query if self.language == "nl" else f"{query}&{urlencode({'lang': self.language})}"

    def shown_by(self, search: str | None, latest: dt.date, *keys: str) -> bool:
        """Whether the address query ``search`` already shows this view (year, peildatum and ``keys``).

        Writing the same view again would only add a step to the browser history, after which
        Back would seem to do nothing. A default left out of the address counts as written.
        """
        shown = View.parse(parse_qs((search or "").lstrip("?")), latest, self.viewer, self.language)
        return shown.query(*keys) == self.query(*keys)


def _is_day(raw: object) -> bool:
    try:
        dt.date.fromisoformat(str(raw))
    except ValueError:
        return False
    return True
