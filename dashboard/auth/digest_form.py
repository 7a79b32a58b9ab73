"""``/account/mail``: an account chooses its own mail digests (address, language, which ones).

The form only ever changes the signed-in account: which account it is comes from the session,
never from the form. The form names its account in a hidden field, and a form that names another
one (copied from someone else's page, or forged) is refused and changes nothing.
"""

from __future__ import annotations

import hmac
from typing import Any

from flask import Blueprint, abort, render_template, request, session
from flask_login import current_user

from dashboard.auth import store
from dashboard.auth.web import CSRF_KEY, csrf_token
from dashboard.data import digests
from dashboard.i18n import LANGUAGE_NAMES, LANGUAGES, _, current_language, with_language
from dashboard.infra.runtime import runtime
from dashboard.mail.compose import SETTINGS_PATH

blueprint = Blueprint("mail", __name__, template_folder="templates")
DEFAULT_DAYS = 7


def _page(
    account: store.Account, status: int = 200, error: str = "", notice: str = "", form: Any = None
) -> Any:
    found = digests.subscription_of(runtime().db, account.id)
    language = current_language()
    other = next(code for code in LANGUAGES if code != language)
    values = {
        "adres": found.address if found else "",
        "taal": found.language if found else language,
        "wekelijks": bool(found and found.weekly),
        "stuurgroep": bool(found and found.days_before is not None),
        "dagen": str(found.days_before if found and found.days_before else DEFAULT_DAYS),
    }
    if form is not None:
        # A refused form is shown again as it was typed, so nothing has to be typed twice.
        values.update(
            adres=form.get("adres", ""),
            taal=form.get("taal", values["taal"]),
            wekelijks=bool(form.get("wekelijks")),
            stuurgroep=bool(form.get("stuurgroep")),
            dagen=form.get("dagen", ""),
        )
    page = render_template(
        "mail.html",
        lang=language,
        account=account,
        action=with_language(SETTINGS_PATH),
        home=with_language("/"),
        switch_href=f"{SETTINGS_PATH}?lang={other}" if other != "nl" else SETTINGS_PATH,
        switch_language=other,
        switch_name=LANGUAGE_NAMES[other],
        csrf=csrf_token(),
        values=values,
        languages=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        max_days=digests.MAX_DAYS_BEFORE,
        regional=account.role == "regio",
        error=error,
        notice=notice,
    )
    return page, status


def _days(raw: str) -> int | None:
    try:
        return int(raw.strip())
    except ValueError:
        return None


def mail_settings() -> Any:
    """GET: the account's digests. POST: store what the account chose for itself."""
    if runtime().settings.mode == "openbaar" or not current_user.is_authenticated:
        abort(404)
    account: store.Account = current_user.account
    if request.method == "GET":
        return _page(account)
    form = request.form
    expected = session.get(CSRF_KEY)
    if not isinstance(expected, str) or not hmac.compare_digest(form.get("csrf", ""), expected):
        return _page(account, 400, _("Het formulier was verlopen. Probeer het opnieuw."), form=form)
    if form.get("gebruiker", "") != account.name:
        store.record(runtime().db, "maildigest geweigerd", account.name, "formulier voor een ander account")
        return _page(account, 403, _("Dit formulier hoort bij een ander account. Er is niets gewijzigd."))
    days = _days(form.get("dagen", "")) if form.get("stuurgroep") else None
    if form.get("stuurgroep") and days is None:
        return _page(
            account, 400, _("Vul het aantal dagen in als een geheel getal. Er is niets gewijzigd."), form=form
        )
    try:
        stored = digests.set_subscription(
            runtime().db,
            account.id,
            form.get("adres", ""),
            form.get("taal", ""),
            bool(form.get("wekelijks")),
            days,
        )
    except digests.DigestError as error:
        return _page(account, 400, str(error), form=form)
    store.record(runtime().db, "maildigest gewijzigd", account.name, digests.summary(stored))
    notice = _("Opgeslagen.") if stored else _("Opgeslagen: u krijgt geen digests.")
    return _page(account, notice=notice)


blueprint.add_url_rule(SETTINGS_PATH, "settings", mail_settings, methods=["GET", "POST"])
