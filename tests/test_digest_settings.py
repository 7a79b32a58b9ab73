"""Choosing digests: the account's own form (never another account's) and ``hzw gebruiker digest``."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

from dashboard.auth import store
from dashboard.cli import cli, run
from dashboard.data import digests
from dashboard.infra.runtime import EXTENSION
from tests.helpers import signed_in_client


def _form(client: Any, path: str = "/account/mail") -> tuple[str, str]:
    page = client.get(path).get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token is not None
    return page, token.group(1)


def _account(db: Any, name: str) -> store.Account:
    return next(a for a in store.list_users(db) if a.name == name)


def test_an_account_sets_its_own_digests_on_the_form(app: Any) -> None:
    db = app.server.extensions[EXTENSION].db
    client = signed_in_client(app, "regio", ("AM09",))
    page, token = _form(client)
    assert 'name="gebruiker" value="test-regio-am09"' in page
    assert "Voor elke stuurgroep van mijn regio" in page
    answer = client.post(
        "/account/mail",
        data={
            "csrf": token,
            "gebruiker": "test-regio-am09",
            "adres": "anna@regio.example",
            "taal": "en",
            "stuurgroep": "1",
            "dagen": "5",
        },
    )
    assert answer.status_code == 200 and "Opgeslagen." in answer.get_data(as_text=True)
    account = _account(db, "test-regio-am09")
    assert digests.subscription_of(db, account.id) == digests.Subscription(
        account.id, "anna@regio.example", "en", False, 5
    )
    # The audit trail says what changed, never the address.
    line = store.audit_log(db, 5).iloc[0]
    assert (line.gebeurtenis, line.gebruiker) == ("maildigest gewijzigd", "test-regio-am09")
    assert "@" not in line.detail and "5 dagen voor elke stuurgroep" in line.detail
    english = client.get("/account/mail?lang=en").get_data(as_text=True)
    assert (
        '<html lang="en">' in english
        and "Mail digests" in english
        and 'value="anna@regio.example"' in english
    )


def test_a_form_forged_for_another_account_is_refused(app: Any) -> None:
    db = app.server.extensions[EXTENSION].db
    victim = store.add_user(db, "lars", "landelijk", [], "een-lang-testwachtwoord")
    digests.set_subscription(db, victim.id, "lars@szw.example", "nl", True, None)
    client = signed_in_client(app, "regio", ("AM09",))
    _page, token = _form(client)
    forged = {"csrf": token, "adres": "aanvaller@example.org", "taal": "nl", "wekelijks": "1"}
    for named in ({"gebruiker": "lars"}, {"gebruiker": str(victim.id)}, {}):
        answer = client.post("/account/mail", data={**forged, **named})
        assert answer.status_code == 403
        assert "ander account" in answer.get_data(as_text=True)
    assert digests.subscription_of(db, victim.id) == digests.Subscription(
        victim.id, "lars@szw.example", "nl", True, None
    )
    assert digests.subscription_of(db, _account(db, "test-regio-am09").id) is None
    # Without the form token nothing changes either.
    answer = client.post("/account/mail", data={**forged, "gebruiker": "test-regio-am09", "csrf": "x"})
    assert answer.status_code == 400
    assert digests.subscription_of(db, _account(db, "test-regio-am09").id) is None


def test_bad_input_on_the_form_is_shown_again_and_changes_nothing(app: Any) -> None:
    db = app.server.extensions[EXTENSION].db
    client = signed_in_client(app, "landelijk")
    _page, token = _form(client)
    base = {"csrf": token, "gebruiker": "test-landelijk-alle", "taal": "nl", "wekelijks": "1"}
    bad_address = client.post("/account/mail", data={**base, "adres": "geen adres"})
    assert bad_address.status_code == 400
    assert "geen geldig e-mailadres" in bad_address.get_data(as_text=True)
    assert 'value="geen adres"' in bad_address.get_data(as_text=True)
    bad_days = client.post(
        "/account/mail", data={**base, "adres": "l@szw.example", "stuurgroep": "1", "dagen": "x"}
    )
    assert bad_days.status_code == 400 and "geheel getal" in bad_days.get_data(as_text=True)
    assert digests.subscription_of(db, _account(db, "test-landelijk-alle").id) is None


def test_the_form_needs_a_session(app: Any) -> None:
    client = app.server.test_client()
    assert client.get("/account/mail").status_code == 302
    assert client.post("/account/mail", data={"gebruiker": "demo-regio"}).status_code == 401


@dataclass(frozen=True)
class Ran:
    exit_code: int
    output: str


def _hzw(db: Any, monkeypatch: Any, capsys: Any, *args: str) -> Ran:
    monkeypatch.setenv("HZW_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
    code = run(cli, list(args))
    captured = capsys.readouterr()
    return Ran(code, captured.out + captured.err)


def test_beheer_sets_digests_on_the_command_line(db: Any, monkeypatch: Any, capsys: Any) -> None:
    account = store.add_user(db, "anna", "regio", ["AM09"], "een-lang-testwachtwoord")
    done = _hzw(
        db, monkeypatch, capsys, "gebruiker", "digest", "anna", "--adres", "anna@regio.example", "--wekelijks"
    )
    assert done.exit_code == 0, done.output
    assert done.output == "anna: wekelijks, in het Nederlands.\n"
    more = _hzw(
        db, monkeypatch, capsys, "gebruiker", "digest", "anna", "--dagen-voor-stuurgroep", "7", "--taal", "en"
    )
    assert more.output == "anna: wekelijks en 7 dagen voor elke stuurgroep, in het Engels.\n"
    assert digests.subscription_of(db, account.id) == digests.Subscription(
        account.id, "anna@regio.example", "en", True, 7
    )
    shown = _hzw(db, monkeypatch, capsys, "gebruiker", "digest", "anna")
    assert "naar anna@regio.example" in shown.output
    assert all("@" not in line for line in store.audit_log(db, 10).detail)
    bad = _hzw(db, monkeypatch, capsys, "gebruiker", "digest", "anna", "--adres", "kapot")
    assert bad.exit_code == 1 and "geen geldig e-mailadres" in bad.output and "Traceback" not in bad.output
    unknown = _hzw(db, monkeypatch, capsys, "gebruiker", "digest", "niemand", "--wekelijks")
    assert unknown.exit_code == 1 and "Er is geen account 'niemand'" in unknown.output
    off = _hzw(db, monkeypatch, capsys, "gebruiker", "digest", "anna", "--uit")
    assert off.exit_code == 0 and digests.subscription_of(db, account.id) is None


def test_two_runs_at_once_claim_each_digest_once(db: Any) -> None:
    accounts = [store.add_user(db, f"acc{i}", "landelijk", [], "een-lang-testwachtwoord") for i in range(6)]
    won: list[tuple[int, int]] = []
    start = threading.Barrier(2)

    def run(runner: int) -> None:
        start.wait()
        for account in accounts:
            if digests.claim(db, account.id, digests.WEEKLY, "2026-W41"):
                won.append((runner, account.id))

    threads = [threading.Thread(target=run, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(account for _runner, account in won) == sorted(a.id for a in accounts)
