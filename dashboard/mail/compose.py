"""A digest as a mail: plain text plus HTML, in its reader's language, from the signals alone.

The composer is a pure function of the account, its language, its signals and the day. It only
writes what the signals say (severity, sentence, start date, link) and the regions they name: no
figures of its own, so a digest can hold nothing the reader's role may not see on the Signalen page.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from urllib.parse import urljoin

from dashboard.data.digests import BEFORE_MEETING
from dashboard.i18n import _, ngettext, use_language, with_language
from dashboard.infra import clock
from dashboard.reports.signal import Signal
from dashboard.text.format import date
from geodata import region_refs

SETTINGS_PATH = "/account/mail"


@dataclass(frozen=True)
class Digest:
    """One digest to write.

    Attributes:
        kind: ``wekelijks`` or ``stuurgroep``.
        period: its key in the sent-log: ISO week (``2026-W49``) or stuurgroep day (``2026-09-03``).
        day: the day it is written on (the signals are the open ones of that day).
        meeting: the stuurgroep day a pre-meeting digest is for; None for a weekly one.
        regions: the regions of a regional account that hold that stuurgroep (empty otherwise).
    """

    kind: str
    period: str
    day: dt.date
    meeting: dt.date | None = None
    regions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Recipient:
    """Who a digest goes to: an account's name, its address and its language."""

    name: str
    address: str
    language: str


def iso_week(day: dt.date) -> str:
    """The key of a weekly digest: ``2026-W49`` (ISO weeks: 2027-01-01 belongs to 2026-W53)."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def _region_name(code: str) -> str:
    names = {ref.code: ref.naam for ref in region_refs()}
    return names.get(code, code)


def _subject(digest: Digest, count: int) -> str:
    if digest.kind == BEFORE_MEETING and digest.meeting is not None:
        head = _("Signalen voor de stuurgroep van {datum}").format(datum=date(digest.meeting))
    else:
        head = _("Signalen van week {week}").format(week=digest.day.isocalendar()[1])
    amount = ngettext("{n} signaal", "{n} signalen", count).format(n=count) if count else _("geen signalen")
    return f"Hoofdzaak Werk Monitor – {head}: {amount}"


def _intro(digest: Digest, count: int) -> str:
    if not count:
        return _(
            "Er staan op {datum} geen signalen open voor u: niets in de cijfers vraagt nu om actie."
        ).format(datum=date(digest.day))
    return ngettext(
        "Op {datum} staat {n} signaal open voor u: dit vraagt om actie.",
        "Op {datum} staan {n} signalen open voor u, het dringendste eerst.",
        count,
    ).format(datum=date(digest.day), n=count)


@dataclass(frozen=True)
class _Line:
    severity: str
    place: str
    sentence: str
    started: str
    link: str


def _lines(signals: list[Signal], base_url: str) -> list[_Line]:
    ordered = sorted(signals, key=lambda s: (s.urgency, s.region, s.started, s.key))
    base = base_url.rstrip("/") + "/"
    return [
        _Line(
            severity=_(s.severity),
            place=_region_name(s.region) + (f" – {s.organisation}" if s.organisation else ""),
            sentence=str(s.text),
            started=_("sinds {datum}").format(datum=date(s.started)),
            link=urljoin(base, with_language(s.link).lstrip("/")),
        )
        for s in ordered
    ]


def _footer(base_url: str) -> str:
    return _("U krijgt deze mail omdat u zich erop hebt geabonneerd. Wijzigen of afmelden: {adres}").format(
        adres=urljoin(base_url.rstrip("/") + "/", with_language(SETTINGS_PATH).lstrip("/"))
    )


def _plain(intro: str, lines: list[_Line], footer: str) -> str:
    parts = [intro, ""]
    for line in lines:
        parts += [f"[{line.severity}] {line.place}", line.sentence, f"{line.started} – {line.link}", ""]
    parts += ["-- ", footer, ""]
    return "\n".join(parts)


def _html(language: str, title: str, intro: str, lines: list[_Line], footer: str) -> str:
    e = html.escape
    items = "".join(
        f"<li><strong>{e(line.severity)}</strong> · {e(line.place)}<br>{e(line.sentence)}<br>"
        f'<small>{e(line.started)} · <a href="{e(line.link)}">{e(_("Bekijk in de monitor"))}</a></small></li>'
        for line in lines
    )
    listing = f"<ul>{items}</ul>" if items else ""
    return (
        f'<!DOCTYPE html><html lang="{e(language)}"><head><meta charset="utf-8"><title>{e(title)}</title>'
        f"</head><body><p>{e(intro)}</p>{listing}<hr><p><small>{e(footer)}</small></p></body></html>\n"
    )


def compose_digest(
    recipient: Recipient, signals: list[Signal], digest: Digest, sender: str, base_url: str
) -> EmailMessage:
    """The digest mail: multipart/alternative, plain text first, both in the recipient's language.

    Args:
        recipient: the account it is for (its address is only written into the ``To`` header).
        signals: the open signals the account's role may see (already scoped; none is allowed).
        digest: which digest, for which day.
        sender: the ``From`` address.
        base_url: the monitor's own address; every link in the mail starts with it.
    """
    with use_language(recipient.language):
        lines = _lines(signals, base_url)
        subject = _subject(digest, len(lines))
        intro, footer = _intro(digest, len(lines)), _footer(base_url)
        message = EmailMessage()
        message["Subject"] = subject
        message["From"] = sender
        message["To"] = Address(addr_spec=recipient.address)
        message["Date"] = format_datetime(clock.utc_now())
        message["Message-ID"] = make_msgid(domain=parseaddr(sender)[1].rpartition("@")[2] or None)
        # RFC 3834: no out-of-office replies to a mail no person sent.
        message["Auto-Submitted"] = "auto-generated"
        message["Content-Language"] = recipient.language
        message.set_content(_plain(intro, lines, footer))
        message.add_alternative(_html(recipient.language, subject, intro, lines, footer), subtype="html")
    return message
