"""Sessions held on the server, and a login limit that cannot be turned against someone else.

Each test replays what an attacker does: keep a copy of a cookie, or hammer the login of a named
account from another address.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from unittest import mock

from click.testing import CliRunner
from sqlalchemy import select, text

from dashboard.auth import store
from dashboard.cli import cli, run
from dashboard.data.models import AuditEvent, User
from dashboard.infra import clock

QUERY = "jaar=2026&peildatum=2026-06-30"
PASSWORD = "correct-horse-battery"
COOKIE = "hzw_sessie"
ADDRESS_A = {"REMOTE_ADDR": "198.51.100.7"}
ADDRESS_B = {"REMOTE_ADDR": "203.0.113.20"}


def _client(app: Any, address: dict[str, str] | None = None) -> Any:
    client = app.server.test_client()
    if address:
        client.environ_base.update(address)
    return client


def _token(client: Any) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get("/inloggen").get_data(as_text=True))
    assert found is not None
    return found.group(1)


def _login(client: Any, name: str, password: str) -> Any:
    data = {"csrf": _token(client), "gebruikersnaam": name, "wachtwoord": password, "volgende": "/"}
    return client.post("/inloggen", data=data)


def _signed_in(app: Any, name: str) -> tuple[Any, str]:
    """A client signed in through the login form, and a copy of its cookie as an attacker keeps it."""
    client = _client(app)
    assert _login(client, name, PASSWORD).status_code == 303
    cookie = client.get_cookie(COOKIE)
    assert cookie is not None
    return client, cookie.value


def _replay(app: Any, cookie: str) -> Any:
    """Another browser that sends only the copied cookie."""
    client = _client(app)
    client.set_cookie(COOKIE, cookie)
    return client


def _organisations(client: Any) -> Any:
    return client.get(f"/export/organisaties.csv?{QUERY}")


def _events(db: Any) -> list[tuple[str, str, str]]:
    with db.engine.connect() as connection:
        rows = connection.execute(
            select(AuditEvent.gebeurtenis, AuditEvent.gebruiker, AuditEvent.detail).order_by(AuditEvent.id)
        )
        return [(r[0], r[1], r[2]) for r in rows if r[0] != "import"]


# --- a copied cookie ------------------------------------------------------------------------------


def test_cookie_replayed_after_logout_opens_nothing(known, app):
    store.add_user(known, "anna", "landelijk", [], PASSWORD)
    client, cookie = _signed_in(app, "anna")
    assert _organisations(_replay(app, cookie)).status_code == 200  # the copy works while signed in
    assert client.post("/uitloggen", data={"csrf": _token(client)}).status_code == 303
    replayed = _organisations(_replay(app, cookie))
    assert replayed.status_code == 401 and b"GGZ" not in replayed.data
    assert ("sessie beëindigd", "anna", "uitgelogd (via wachtwoord)") in _events(known)


def test_signing_in_again_ends_the_browsers_old_session(known, app):
    store.add_user(known, "anna", "landelijk", [], PASSWORD)
    client, old = _signed_in(app, "anna")
    assert _login(client, "anna", PASSWORD).status_code == 303
    assert _organisations(_replay(app, old)).status_code == 401
    assert _organisations(client).status_code == 200
    assert ("sessie beëindigd", "anna", "opnieuw ingelogd (via wachtwoord)") in _events(known)


def test_cookie_replayed_after_a_password_change_opens_nothing(known, app):
    store.add_user(known, "anna", "landelijk", [], PASSWORD)
    _client_a, first = _signed_in(app, "anna")
    _client_b, second = _signed_in(app, "anna")
    store.set_password(known, "anna", "een-nieuw-lang-wachtwoord")
    for cookie in (first, second):
        replayed = _organisations(_replay(app, cookie))
        assert replayed.status_code == 401 and b"GGZ" not in replayed.data
    ended = [e for e in _events(known) if e[0] == "sessie beëindigd"]
    assert ended == [("sessie beëindigd", "anna", "wachtwoord gewijzigd (via wachtwoord)")] * 2


def test_role_change_and_block_end_every_session(known, app):
    store.add_user(known, "anna", "regio", ["AM09"], PASSWORD)
    _client, cookie = _signed_in(app, "anna")
    store.set_role(known, "anna", "landelijk", [])
    assert _organisations(_replay(app, cookie)).status_code == 401
    _client, cookie = _signed_in(app, "anna")
    store.set_active(known, "anna", False)
    store.set_active(known, "anna", True)  # unblocking does not bring the old session back
    assert _organisations(_replay(app, cookie)).status_code == 401
    details = [e[2] for e in _events(known) if e[0] == "sessie beëindigd"]
    assert details == ["rol gewijzigd (via wachtwoord)", "geblokkeerd (via wachtwoord)"]


def test_deleted_accounts_cookie_does_not_open_a_new_account(known, app):
    store.add_user(known, "rik", "regio", ["AM09"], PASSWORD)
    _client, cookie = _signed_in(app, "rik")
    old_id = next(a.id for a in store.list_users(known) if a.name == "rik")
    store.remove_user(known, "rik")
    beheer = store.add_user(known, "bea", "beheer", [], PASSWORD)
    replayed = _replay(app, cookie)
    assert replayed.get("/export/importlog.csv").status_code == 401
    assert replayed.get("/data").status_code == 302
    assert beheer.id != old_id  # an account id is never handed out twice
    assert ("sessie beëindigd", "rik", "verwijderd (via wachtwoord)") in _events(known)


def test_sessions_end_after_idle_time_and_at_the_hard_end(known, make_app):
    app = make_app(session_hours=2, session_idle_minutes=30)
    store.add_user(known, "anna", "landelijk", [], PASSWORD)
    start = clock.utc_now()

    def status_at(minutes: int, client: Any) -> int:
        with mock.patch.object(clock, "utc_now", return_value=start + dt.timedelta(minutes=minutes)):
            return int(_organisations(client).status_code)

    busy, _cookie = _signed_in(app, "anna")
    idle, _cookie = _signed_in(app, "anna")
    # Used every 25 minutes, a session lasts until the hard end; unused for 30, it ends.
    assert [status_at(m, busy) for m in (25, 50, 75, 100)] == [200] * 4
    assert status_at(31, idle) == 401
    assert status_at(121, busy) == 401
    details = [e[2] for e in _events(known) if e[0] == "sessie beëindigd"]
    assert details == ["verlopen (niet gebruikt) (via wachtwoord)", "verlopen (via wachtwoord)"]


def test_cookie_holds_no_account_id(known, app):
    store.add_user(known, "anna", "landelijk", [], PASSWORD)
    client, _cookie = _signed_in(app, "anna")
    with client.session_transaction() as session:
        key = session["_user_id"]
    assert len(key) >= 40 and not key.isdigit()
    with known.engine.connect() as connection:
        stored = connection.execute(text("SELECT sleutel_hash FROM app_session")).scalars().all()
    assert len(stored) == 1 and key not in stored[0]  # only the hash is kept


# --- the login limit ------------------------------------------------------------------------------


def test_failures_from_one_address_do_not_lock_the_account_elsewhere(known, app):
    store.add_user(known, "anna", "landelijk", [], PASSWORD)
    attacker = _client(app, ADDRESS_A)
    statuses = [_login(attacker, "anna", f"geraden-{i}-wachtwoord").status_code for i in range(7)]
    assert statuses[:5] == [401] * 5 and statuses[5:] == [429, 429]
    for _ in range(10):  # forms without their token, as a script sends them
        attacker.post("/inloggen", data={"gebruikersnaam": "anna", "wachtwoord": "x"})
    assert _login(attacker, "anna", PASSWORD).status_code == 429  # this address stays slowed down
    assert _login(_client(app, ADDRESS_B), "anna", PASSWORD).status_code == 303
    blocked = [e for e in _events(known) if e[0] == "inloggen geblokkeerd"]
    assert blocked and {e[1] for e in blocked} == {"anna"}
    assert all(PASSWORD not in e[2] and "geraden" not in e[2] for e in _events(known))


def test_forms_without_their_token_use_up_no_allowance(known, app):
    store.add_user(known, "anna", "landelijk", [], PASSWORD)
    client = _client(app, ADDRESS_A)
    for _ in range(12):
        refused = client.post("/inloggen", data={"gebruikersnaam": "anna", "wachtwoord": PASSWORD})
        assert refused.status_code == 400
    assert _login(client, "anna", PASSWORD).status_code == 303


def test_throttled_unknown_name_is_not_written_down(known, make_app):
    app = make_app(login_rate_limit="2 per minute")
    client = _client(app, ADDRESS_A)
    typed = "mijn-Geheime-Wachtwoord"  # a password typed into the name field
    assert [_login(client, typed, "x").status_code for _ in range(3)] == [401, 401, 429]
    assert ("inloggen geblokkeerd", "(onbekende naam)", "te veel mislukte pogingen") in _events(known)
    assert all(typed not in e[1] for e in _events(known))


# --- beheer's command -----------------------------------------------------------------------------


def test_cli_lists_and_ends_the_sessions_of_an_account(known, app, database_url, monkeypatch, capsys):
    monkeypatch.setenv("HZW_DATABASE_URL", database_url)
    store.add_user(known, "anna", "landelijk", [], PASSWORD)
    _client_a, first = _signed_in(app, "anna")
    oidc_like, _second = _signed_in(app, "anna")
    runner = CliRunner()
    listed = runner.invoke(cli, ["gebruiker", "sessies", "anna"])
    assert listed.exit_code == 0, listed.output
    lines = listed.output.strip().splitlines()
    assert len(lines) == 2 and all(
        re.fullmatch(r"begonnen .+, laatst gezien .+, via wachtwoord", x) for x in lines
    )
    with known.engine.connect() as connection:
        hashes = connection.execute(text("SELECT sleutel_hash FROM app_session")).scalars().all()
    assert not any(h in listed.output or h[:12] in listed.output for h in hashes)
    assert first not in listed.output
    ended = runner.invoke(cli, ["gebruiker", "sessies", "anna", "--beeindig"])
    assert ended.exit_code == 0 and "2 sessie(s) van anna beëindigd." in ended.output
    assert _organisations(_replay(app, first)).status_code == 401
    assert _organisations(oidc_like).status_code == 401
    assert "anna heeft geen open sessies." in runner.invoke(cli, ["gebruiker", "sessies", "anna"]).output
    details = [e[2] for e in _events(known) if e[0] == "sessie beëindigd"]
    assert len(details) == 2 and all(d.startswith("beëindigd door beheer (") for d in details)
    assert run(cli, ["gebruiker", "sessies", "niemand"]) == 1
    assert "Er is geen account 'niemand'." in capsys.readouterr().err


def test_account_ids_are_never_reused(db):
    first = store.add_user(db, "een", "landelijk", [], PASSWORD)
    store.remove_user(db, "een")
    second = store.add_user(db, "twee", "landelijk", [], PASSWORD)
    assert second.id > first.id
    with db.engine.connect() as connection:
        assert connection.scalar(select(User.id).where(User.gebruikersnaam == "twee")) == second.id
