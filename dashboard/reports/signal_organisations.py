"""Signals about organisations' data: a missing delivery, a count out of its band, a suspect re-delivery.

They read the delivery status the Data page shows (``dashboard.data.organisations``) and the
files of the import log, and name the organisation: ``dashboard.reports.signals`` shows them only
to a viewer who may see that region's organisations.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator

import pandas as pd

from dashboard.data.organisations import delivery_status, quarter_label
from dashboard.data.signal_sources import delivered_between, last_files, organisation_ids
from dashboard.i18n import N_, LazyText
from dashboard.infra import clock
from dashboard.infra.db import Database
from dashboard.reports.signal import HIGH, MEDIUM, Signal, region_link
from dashboard.reports.view import View
from dashboard.rules import signals as rules
from dashboard.text.lazy import ShownDate, ShownNumber, ShownQuarter

# Quarters of delivery status read: the judged one, up to one more after it, and its history.
QUARTERS_READ = rules.ANOMALY_HISTORY_QUARTERS + 3


def _previous(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def _quarter_start(year: int, quarter: int) -> dt.date:
    return dt.date(year, 3 * quarter - 2, 1)


class _Organisations:
    """The organisation rows of the status, with their ids and links, for one day."""

    def __init__(self, db: Database, view: View, deadline_days: int) -> None:
        self.db = db
        self.view = view
        self.deadline_days = deadline_days
        self.status = delivery_status(db, view.peildatum, QUARTERS_READ)
        self.ids = organisation_ids(db)

    def link(self, code: str, name: str) -> str:
        found = self.ids.get((code, name))
        view = self.view.but(region=code, organisation=found)
        if found is None:
            return region_link(self.view, code)
        return f"/regio/{code}/organisatie/{found}" + view.query()

    def missing(self, row: pd.Series, year: int, quarter: int) -> bool:
        """No delivery for the quarter: the Data page says *geen levering*, no file came by the deadline."""
        label = quarter_label(year, quarter)
        if label not in row.index or row[label] != -1:
            return False
        deadline = rules.delivery_deadline(year, quarter, self.deadline_days)
        late = delivered_between(self.db, _quarter_start(year, quarter), deadline)
        return self.ids.get((str(row["code"]), str(row["organisatie"]))) not in late


def _deliveries(orgs: _Organisations) -> Iterator[Signal]:
    day = orgs.view.peildatum
    year, quarter = rules.last_judged_quarter(day, orgs.deadline_days)
    for _i, row in orgs.status.iterrows():
        if not orgs.missing(row, year, quarter):
            continue
        # The run of missing quarters up to the judged one: the signal started after the first.
        first, run = (year, quarter), 1
        while orgs.missing(row, *_previous(*first)):
            first, run = _previous(*first), run + 1
        code, name = str(row["code"]), str(row["organisatie"])
        deadline = rules.delivery_deadline(*first, orgs.deadline_days)
        text = LazyText(
            N_(
                "{organisatie} ({regio}) heeft over {kwartaal} geen gegevens aangeleverd; de termijn "
                "liep af op {termijn}. Zonder deze levering tellen de cijfers van de regio te laag."
            ),
            organisatie=name,
            regio=code,
            kwartaal=ShownQuarter(quarter_label(*first), quarter_label(year, quarter) if run > 1 else None),
            termijn=ShownDate(deadline),
        )
        yield Signal.raised(
            rules.DELIVERY,
            code,
            f"{orgs.ids.get((code, name), name)}:{quarter_label(*first)}",
            organisation=name,
            severity=HIGH if run >= rules.DELIVERY_HIGH_QUARTERS else MEDIUM,
            text=text,
            started=deadline + dt.timedelta(days=1),
            link=orgs.link(code, name),
        )


def _shown_count(value: float, minimum: int) -> object:
    # An organisation's small count is not published (see dashboard.rules.suppression).
    if 0 < value < minimum:
        return f"<{minimum}"
    return ShownNumber(value)


def _anomalies(orgs: _Organisations, minimum: int) -> Iterator[Signal]:
    year, quarter = rules.last_judged_quarter(orgs.view.peildatum, orgs.deadline_days)
    label = quarter_label(year, quarter)
    earlier: list[str] = []
    step = (year, quarter)
    for _n in range(rules.ANOMALY_HISTORY_QUARTERS):
        step = _previous(*step)
        earlier.append(quarter_label(*step))
    for _i, row in orgs.status.iterrows():
        value = row.get(label)
        if value is None or pd.isna(value) or value < 0:
            continue
        history = [float(row[c]) for c in earlier if c in row.index and not pd.isna(row[c]) and row[c] >= 0]
        band = rules.anomaly_band(history)
        if band is None or not rules.outside_band(float(value), band):
            continue
        code, name = str(row["code"]), str(row["organisatie"])
        text = LazyText(
            N_(
                "{organisatie} ({regio}) leverde over {kwartaal} {aantal} gestarte trajecten, ver "
                "{richting} wat het gewoonlijk levert (tussen {laag} en {hoog}). Zo'n sprong is vaker "
                "een fout in de levering dan een echte verandering: laat het nakijken."
            ),
            organisatie=name,
            regio=code,
            kwartaal=ShownQuarter(label),
            aantal=_shown_count(float(value), minimum),
            richting=LazyText(N_("boven")) if value > band[1] else LazyText(N_("onder")),
            # The whole counts inside the band: a count on a rounded edge would read as inside.
            laag=ShownNumber(max(math.ceil(band[0]), 0)),
            hoog=ShownNumber(math.floor(band[1])),
        )
        yield Signal.raised(
            rules.ANOMALY,
            code,
            f"{orgs.ids.get((code, name), name)}:{label}",
            organisation=name,
            severity=MEDIUM,
            text=text,
            started=rules.delivery_deadline(year, quarter, orgs.deadline_days) + dt.timedelta(days=1),
            link=orgs.link(code, name),
        )


def _redeliveries(orgs: _Organisations) -> Iterator[Signal]:
    day = orgs.view.peildatum
    files = last_files(orgs.db, day)
    for row in files.itertuples():
        if not rules.redelivery_suspect(int(row.gewijzigd), int(row.ongewijzigd)):
            continue
        stamp = pd.Timestamp(row.tijdstip)
        stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp
        delivered = stamp.tz_convert(clock.AMSTERDAM).date()
        if (day - delivered).days > rules.REDELIVERY_DAYS:
            continue
        share = rules.redelivery_changed(int(row.gewijzigd), int(row.ongewijzigd)) or 0.0
        code, name = str(row.code), str(row.organisatie)
        text = LazyText(
            N_(
                "Het bestand van {datum} met gegevens van {organisatie} ({regio}) wijzigde {aandeel} "
                "van de trajecten die het opnieuw leverde. Zoveel wijzigingen wijzen vaker op een "
                "andere export dan op echte veranderingen: controleer het bestand."
            ),
            datum=ShownDate(delivered),
            organisatie=name,
            regio=code,
            aandeel=ShownNumber(100 * share, percent=True),
        )
        yield Signal.raised(
            rules.REDELIVERY,
            code,
            f"{row.org}:{row.import_id}",
            organisation=name,
            severity=MEDIUM,
            text=text,
            started=delivered,
            link=orgs.link(code, name),
        )


def organisation_signals(db: Database, view: View, deadline_days: int, minimum: int) -> list[Signal]:
    """The signals about organisations' data at ``view``'s peildatum (every region)."""
    orgs = _Organisations(db, view, deadline_days)
    return [*_deliveries(orgs), *_anomalies(orgs, minimum), *_redeliveries(orgs)]
