"""Mail digests: subscriptions, when a digest is due, and sending it once to a real SMTP server.

The SMTP server is aiosmtpd, started by the test on a free loopback port; each message is read back
as the recipient's mail program would read it.
"""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from dashboard.auth import store
from dashboard.auth.viewer import Viewer
from dashboard.cli import cli, run
from dashboard.cli import digests as cli_digests
from dashboard.data import digests, planned_steering
from dashboard.i18n import N_, LazyText
from dashboard.infra.config import load_settings
from dashboard.mail.run import send_digests
from dashboard.mail.smtp import MailError
from dashboard.reports.signal import HIGH, LOW, MEDIUM, Signal
from dashboard.reports.signals import signals_for
from tests.helpers import load, trajectory

PASSWORD = "een-lang-testwachtwoord"
MONDAY = dt.date(2026, 10, 5)  # ISO week 41
MEETING = dt.date(2026, 10, 15)  # AM09's stuurgroep

SIGNALS = [
    Signal(
        "casus:AM09", "casus", "AM09", None, HIGH,
        LazyText(N_("al {days} dagen geen casusbespreking"), days=52),
        dt.date(2026, 8, 14), "/regio/AM09?peildatum=2026-10-05",
    ),
    Signal(
        "levering:AM09:GGZ A", "levering", "AM09", "GGZ A", MEDIUM,
        LazyText(N_("achter op {goals}"), goals="levering"),
        dt.date(2026, 10, 1), "/regio/AM09/organisatie/1",
    ),
    Signal(
        "tempo:AM01", "tempo", "AM01", None, MEDIUM,
        LazyText(N_("achter op {goals}"), goals="tempo AM01"),
        dt.date(2026, 9, 1), "/regio/AM01",
    ),
    Signal(
        "levering:AM01:GGZ Noord", "levering", "AM01", "GGZ Noord", LOW,
        LazyText(N_("achter op {goals}"), goals="GGZ Noord"),
        dt.date(2026, 9, 20), "/regio/AM01/organisatie/2",
    ),
]  # fmt: skip


def every_signal(_db: Any, _viewer: Viewer, _day: dt.date) -> list[Signal]:
    """A signal source that forgets to scope: the digest must still hold only what the role may see."""
    return list(SIGNALS)


class Inbox:
    """What the test SMTP server received: (envelope recipients, parsed message)."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for rcpt, m in self.messages if rcpt == [address]]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    handler = Inbox()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def _settings(port: int, **more: object) -> Any:
    return load_settings(
        {
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "smtp_from": "monitor@hoofdzaakwerk.example",
            "base_url": "https://monitor.example.nl",
            **more,
        },
        environ={},
    )


def _text(message: EmailMessage, subtype: str) -> str:
    part = message.get_body(preferencelist=(subtype,))
    assert part is not None and part.get_content_type() == f"text/{subtype}"
    return str(part.get_content()).replace("\r\n", "\n")


@pytest.fixture
def accounts(db: Any) -> dict[str, store.Account]:
    made = {
        "regio": store.add_user(db, "anna", "regio", ["AM09"], PASSWORD),
        "landelijk": store.add_user(db, "lars", "landelijk", [], PASSWORD),
    }
    digests.set_subscription(db, made["regio"].id, "anna@regio.example", "nl", True, 7)
    digests.set_subscription(db, made["landelijk"].id, "lars@szw.example", "en", True, None)
    return made


def test_subscription_is_stored_checked_and_removed(db: Any) -> None:
    account = store.add_user(db, "anna", "regio", ["AM09"], PASSWORD)
    assert digests.subscription_of(db, account.id) is None
    stored = digests.set_subscription(db, account.id, " anna@regio.example ", "en", False, 3)
    assert stored == digests.Subscription(account.id, "anna@regio.example", "en", False, 3)
    assert digests.subscription_of(db, account.id) == stored
    for address, language, days in [("geen adres", "nl", 3), ("a@b.nl\nBcc: x@y.nl", "nl", 3)]:
        with pytest.raises(digests.DigestError) as refused:
            digests.set_subscription(db, account.id, address, language, True, days)
        assert "x@y" not in str(refused.value) and "b.nl" not in str(refused.value)  # not repeated
    with pytest.raises(digests.DigestError):
        digests.set_subscription(db, account.id, "anna@regio.example", "de", True, 3)
    with pytest.raises(digests.DigestError):
        digests.set_subscription(db, account.id, "anna@regio.example", "nl", True, 31)
    assert digests.subscription_of(db, account.id) == stored  # nothing changed
    assert digests.set_subscription(db, account.id, "anna@regio.example", "nl", False, None) is None
    assert digests.subscription_of(db, account.id) is None


def test_a_blocked_or_removed_account_gets_no_digest(db: Any, accounts: dict[str, store.Account]) -> None:
    assert [s.account_id for s in digests.active_subscriptions(db)] == [
        accounts["regio"].id,
        accounts["landelijk"].id,
    ]
    store.set_active(db, "anna", False)
    assert [s.account_id for s in digests.active_subscriptions(db)] == [accounts["landelijk"].id]
    store.remove_user(db, "lars")
    assert digests.active_subscriptions(db) == []


def test_a_claim_is_taken_once(db: Any, accounts: dict[str, store.Account]) -> None:
    anna = accounts["regio"].id
    assert digests.claim(db, anna, digests.WEEKLY, "2026-W41")
    assert not digests.claim(db, anna, digests.WEEKLY, "2026-W41")
    assert digests.claim(db, anna, digests.WEEKLY, "2026-W42")
    assert digests.claim(db, anna, digests.BEFORE_MEETING, "2026-W41")
    digests.confirm(db, anna, digests.WEEKLY, "2026-W41", 3)
    digests.release(db, anna, digests.WEEKLY, "2026-W42")
    log = {(e.kind, e.period): (e.sent is not None, e.signals) for e in digests.sent_log(db)}
    assert log == {
        (digests.WEEKLY, "2026-W41"): (True, 3),
        (digests.BEFORE_MEETING, "2026-W41"): (False, 0),
    }


def test_weekly_digest_goes_to_each_account_in_its_language_and_scope(
    db: Any, accounts: dict[str, store.Account], inbox: tuple[Inbox, int]
) -> None:
    server, port = inbox
    outcome = send_digests(db, _settings(port), MONDAY, every_signal)
    assert sorted(outcome.sent) == [("anna", "wekelijks", "2026-W41"), ("lars", "wekelijks", "2026-W41")]

    (anna,) = server.to("anna@regio.example")
    assert anna["To"] == "anna@regio.example"
    assert anna.get_content_type() == "multipart/alternative"
    assert anna["Subject"] == "Hoofdzaak Werk Monitor – Signalen van week 41: 2 signalen"
    plain = _text(anna, "plain")
    # Only AM09, the account's region: its region signal and its organisation's, most urgent first.
    assert "[hoog] Achterhoek\nal 52 dagen geen casusbespreking\nsinds 14 augustus 2026" in plain
    assert "[middel] Achterhoek – GGZ A\nachter op levering" in plain
    assert plain.index("[hoog]") < plain.index("[middel]")
    assert "https://monitor.example.nl/regio/AM09?peildatum=2026-10-05" in plain
    assert "AM01" not in plain and "GGZ Noord" not in plain and "Groningen" not in plain
    assert "lars" not in plain and "szw" not in plain
    html = _text(anna, "html")
    assert '<html lang="nl">' in html and 'href="https://monitor.example.nl/regio/AM09/organisatie/1"' in html
    assert "GGZ Noord" not in html

    (lars,) = server.to("lars@szw.example")
    assert lars["Subject"] == "Hoofdzaak Werk Monitor – Signals of week 41: 4 signals"
    plain = _text(lars, "plain")
    assert "[high] Achterhoek\nno case discussion for 52 days so far\nsince 14 August 2026" in plain
    assert "[low] Groningen – GGZ Noord\nbehind on GGZ Noord" in plain
    assert "https://monitor.example.nl/regio/AM09?peildatum=2026-10-05&lang=en" in plain
    assert "signalen" not in plain.lower()
    assert '<html lang="en">' in _text(lars, "html")


def test_running_twice_sends_each_digest_once(
    db: Any,
    accounts: dict[str, store.Account],
    inbox: tuple[Inbox, int],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server, port = inbox
    for name, value in _settings(port).__dict__.items():
        if name.startswith("smtp_") or name == "base_url":
            monkeypatch.setenv(f"HZW_{name.upper()}", str(value))
    monkeypatch.setenv("HZW_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
    monkeypatch.setattr(cli_digests, "signal_source", lambda _settings: every_signal)

    def hzw(*args: str) -> str:
        assert run(cli, list(args)) == 0
        return capsys.readouterr().out

    assert "2 verzonden, 0 al eerder verzonden" in hzw("signalen", "mail", "--dag", "2026-10-05")
    # Later the same ISO week: nothing again.
    assert "0 verzonden, 2 al eerder verzonden" in hzw("signalen", "mail", "--dag", "2026-10-07")
    assert len(server.messages) == 2
    assert "2 verzonden" in hzw("signalen", "mail", "--dag", "2026-10-12")
    assert len(server.messages) == 4
    log = hzw("signalen", "mail", "--log")
    assert "2026-W41 wekelijks anna: 2 signalen, verzonden" in log
    assert "@" not in log  # the log names accounts, never addresses


def test_pre_meeting_digest_is_due_exactly_n_days_before_the_stuurgroep(
    db: Any, accounts: dict[str, store.Account], inbox: tuple[Inbox, int]
) -> None:
    server, port = inbox
    digests.set_subscription(db, accounts["regio"].id, "anna@regio.example", "nl", False, 7)
    meetings = [
        {"regio": "AM09", "soort": "stuurgroep", "datum": MEETING.isoformat()},
        {"regio": "AM01", "soort": "stuurgroep", "datum": "2026-10-16"},  # not anna's region
    ]
    load(db, "bijeenkomsten", meetings, today=dt.date(2026, 10, 20))
    settings = _settings(port)
    # 8 days before; then 6 days before (the day after it was due), which is 7 before AM01's.
    assert send_digests(db, settings, dt.date(2026, 10, 7), every_signal).sent == [
        ("lars", "wekelijks", "2026-W41")
    ]
    assert send_digests(db, settings, dt.date(2026, 10, 9), every_signal).sent == []
    assert server.to("anna@regio.example") == []
    assert send_digests(db, settings, dt.date(2026, 10, 8), every_signal).sent == [
        ("anna", "stuurgroep", "2026-10-15")
    ]
    (mail,) = server.to("anna@regio.example")
    assert (
        mail["Subject"]
        == "Hoofdzaak Werk Monitor – Signalen voor de stuurgroep van 15 oktober 2026: 2 signalen"
    )
    assert "al 52 dagen geen casusbespreking" in _text(mail, "plain")
    # Not again the day after, nor a second run on the day itself.
    assert send_digests(db, settings, dt.date(2026, 10, 8), every_signal).sent == []
    assert send_digests(db, settings, dt.date(2026, 10, 9), every_signal).sent == []
    assert len(server.to("anna@regio.example")) == 1


def test_a_planned_stuurgroep_brings_its_pre_meeting_digest(
    db: Any, accounts: dict[str, store.Account], inbox: tuple[Inbox, int]
) -> None:
    # No meeting of soort stuurgroep is in the data: the coming one is only planned.
    server, port = inbox
    digests.set_subscription(db, accounts["regio"].id, "anna@regio.example", "nl", False, 7)
    planned_steering.plan(db, "AM09", MEETING, "beheerder")
    planned_steering.plan(db, "AM01", dt.date(2026, 10, 16), "beheerder")  # not anna's region
    settings = _settings(port)
    assert ("anna", "stuurgroep", MEETING.isoformat()) not in send_digests(
        db, settings, dt.date(2026, 10, 9), every_signal
    ).sent
    assert send_digests(db, settings, dt.date(2026, 10, 8), every_signal).sent == [
        ("anna", "stuurgroep", MEETING.isoformat())
    ]
    (mail,) = server.to("anna@regio.example")
    assert "Signalen voor de stuurgroep van 15 oktober 2026" in mail["Subject"]


def test_empty_weekly_digest_is_not_sent_but_an_empty_pre_meeting_one_is(
    db: Any, accounts: dict[str, store.Account], inbox: tuple[Inbox, int]
) -> None:
    server, port = inbox
    load(db, "bijeenkomsten", [{"regio": "AM09", "soort": "stuurgroep", "datum": MEETING.isoformat()}],
         today=dt.date(2026, 10, 20))  # fmt: skip
    outcome = send_digests(db, _settings(port), dt.date(2026, 10, 8), lambda *_: [])
    assert outcome.sent == [("anna", "stuurgroep", "2026-10-15")]
    assert sorted(outcome.empty) == [("anna", "wekelijks", "2026-W41"), ("lars", "wekelijks", "2026-W41")]
    (mail,) = server.messages
    assert mail[1]["Subject"].endswith(": geen signalen")
    assert "geen signalen open voor u" in _text(mail[1], "plain")
    # The empty weekly digest still goes once a signal opens later that week.
    later = send_digests(db, _settings(port), dt.date(2026, 10, 9), every_signal)
    assert sorted(later.sent) == [("anna", "wekelijks", "2026-W41"), ("lars", "wekelijks", "2026-W41")]


def test_required_starttls_refuses_a_server_without_it_and_keeps_the_digest(
    db: Any, accounts: dict[str, store.Account], inbox: tuple[Inbox, int]
) -> None:
    server, port = inbox
    with pytest.raises(MailError, match="STARTTLS"):
        send_digests(db, _settings(port, smtp_starttls="verplicht"), MONDAY, every_signal)
    assert server.messages == []
    # The claim was given back: with the setting fixed the digest still goes.
    assert len(send_digests(db, _settings(port), MONDAY, every_signal).sent) == 2


def test_a_password_is_never_sent_unencrypted(
    db: Any, accounts: dict[str, store.Account], inbox: tuple[Inbox, int]
) -> None:
    server, port = inbox
    with pytest.raises(MailError, match="onversleuteld"):
        send_digests(db, _settings(port, smtp_user="monitor", smtp_password="geheim"), MONDAY, every_signal)
    assert server.messages == []


def test_an_unreachable_server_gives_the_claim_back(db: Any, accounts: dict[str, store.Account]) -> None:
    outcome = send_digests(db, _settings(_free_port()), MONDAY, every_signal)
    assert outcome.sent == [] and len(outcome.failed) == 1
    assert digests.sent_log(db) == []


def test_mail_without_settings_stops_before_claiming(db: Any, accounts: dict[str, store.Account]) -> None:
    with pytest.raises(MailError, match="HZW_SMTP_HOST, HZW_SMTP_FROM, HZW_BASE_URL"):
        send_digests(db, load_settings({}, environ={}), MONDAY, every_signal)
    assert digests.sent_log(db) == []


def test_hzw_signalen_mail_sends_the_real_signals_in_each_accounts_scope(
    db: Any,
    accounts: dict[str, store.Account],
    inbox: tuple[Inbox, int],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server, port = inbox
    rows = [
        trajectory("T1", "2026-01-15", organisatie="GGZ X"),
        trajectory("N1", "2026-01-20", regio="AM01", organisatie="GGZ Noord"),
    ]
    load(db, "trajecten", rows, today=dt.date(2026, 2, 1))
    for name, value in _settings(port).__dict__.items():
        if name.startswith("smtp_") or name == "base_url":
            monkeypatch.setenv(f"HZW_{name.upper()}", str(value))
    monkeypatch.setenv("HZW_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
    day = dt.date(2026, 8, 12)  # the day after K2's delivery deadline
    expected = signals_for(db, Viewer("lars", "landelijk"), day)
    assert {s.region for s in expected} >= {"AM01", "AM09"}  # the data raises signals in both
    assert run(cli, ["signalen", "mail", "--dag", day.isoformat()]) == 0
    assert "2 verzonden" in capsys.readouterr().out

    (anna,) = server.to("anna@regio.example")
    plain = _text(anna, "plain")
    assert "GGZ X" in plain and "2026-K2" in plain
    assert "GGZ Noord" not in plain and "Groningen" not in plain
    mine = [s for s in expected if s.region == "AM09"]
    assert f": {len(mine)} signal" in anna["Subject"]
    (lars,) = server.to("lars@szw.example")
    plain = _text(lars, "plain")
    assert "GGZ Noord" in plain and "GGZ X" in plain and plain.count("\n[") == len(expected)
    assert f"Signals of week 33: {len(expected)} signals" in lars["Subject"]
