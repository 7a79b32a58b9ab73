"""Signing in and out: the login page, OpenID Connect, the login guard and the session cookie.

The guard runs before every request. In ``login`` mode a request without a valid session gets
the login page (pages) or a plain 401 (Dash's callback and layout endpoints, downloads), so
nothing below it ever runs for an anonymous visitor. In ``openbaar`` mode everyone is the public.
"""

from __future__ import annotations

import datetime as dt
import hmac
import logging
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Blueprint, Flask, Response, redirect, render_template, request, session, url_for
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from flask_limiter.errors import RateLimitExceeded
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from joserfc.errors import JoseError
from markupsafe import Markup
from requests import RequestException

from dashboard.auth import login_limit, sessions, store
from dashboard.auth.audit import AuditWriter
from dashboard.auth.viewer import PUBLIC_VIEWER, set_viewer
from dashboard.i18n import (
    LANGUAGE_NAMES,
    LANGUAGES,
    N_,
    _,
    current_language,
    language_query,
    ngettext,
    with_language,
)
from dashboard.infra import clock
from dashboard.infra.config import Settings
from dashboard.infra.db import Database
from dashboard.infra.runtime import EXTENSION, runtime

log = logging.getLogger(__name__)

LOGIN_PATH = "/inloggen"
# Reachable without a session: the login itself, and static code and styles (no data).
# The health endpoints answer load balancers and monitoring, which cannot sign in; they hold no figures.
OPEN_PATHS = frozenset(
    {LOGIN_PATH, "/oidc/start", "/oidc/terug", "/_favicon.ico", "/favicon.ico", "/gezondheid", "/healthz"}
)
OPEN_PREFIXES = ("/vendor/", "/assets/", "/_dash-component-suites/")
CSRF_KEY = "hzw_csrf"
PROVIDER = "overheid"
# The default name of the provider's button (``Settings.oidc_name``): translated when it is the
# default, shown as configured otherwise.
OIDC_DEFAULT_NAME = N_("Inloggen via de identiteitsprovider")


class SignedIn(UserMixin):
    """The account behind a session, for Flask-Login."""

    def __init__(self, account: store.Account, key: str) -> None:
        self.account = account
        self.key = key

    def get_id(self) -> str:
        """What the cookie stores: the random key of a session held on the server, not the account."""
        return self.key


def csrf_token() -> str:
    """The form token of this session (login and logout forms carry it)."""
    token = session.get(CSRF_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        session[CSRF_KEY] = token
    return token


def _csrf_ok() -> bool:
    sent = request.form.get("csrf", "")
    expected = session.get(CSRF_KEY)
    return isinstance(expected, str) and hmac.compare_digest(sent, expected)


def safe_next(raw: str | None) -> str:
    """Where to go after login: a path on this site only (never ``//host`` or a full URL)."""
    if not raw or not raw.startswith("/") or raw.startswith("//") or "\\" in raw:
        return "/"
    parts = urlsplit(raw)
    if parts.scheme or parts.netloc or parts.path.startswith(LOGIN_PATH):
        return "/"
    return raw


def _db() -> Database:
    return runtime().db


def _audit(event: str, user: str, detail: str = "") -> None:
    # Never waits long behind an import: see dashboard.auth.audit.
    writer: AuditWriter = runtime().extras["audit"]
    writer.record(event, user, detail)


def _login_path(language: str | None = None, **params: str) -> str:
    query = urlencode({**params, **language_query(language)}, safe="/")
    return f"{LOGIN_PATH}?{query}" if query else LOGIN_PATH


def _form(status: int = 200, error: str = "", name: str = "") -> tuple[str, int]:
    settings = runtime().settings
    demo = [n for n, _role, _regions in store.DEMO_ACCOUNTS] if store.demo_accounts_usable(_db()) else []
    target = safe_next(request.values.get("volgende"))
    language = current_language()
    # The other language, as a plain link that keeps the page to return to.
    other = next(code for code in LANGUAGES if code != language)
    keep = {"volgende": target} if target != "/" else {}
    page = render_template(
        "inloggen.html",
        lang=language,
        action=_login_path(),
        switch_href=_login_path(other, **keep),
        switch_language=other,
        switch_name=LANGUAGE_NAMES[other],
        oidc_query=urlencode({"volgende": target, **language_query()}, safe="/"),
        demo_password_html=Markup("<code>{}</code>").format(store.DEMO_PASSWORD),
        error=error,
        name=name,
        csrf=csrf_token(),
        next=target,
        oidc_name=_(settings.oidc_name) if settings.oidc_issuer else "",
        demo_accounts=demo,
    )
    return page, status


def _start_session(account: store.Account, how: str, target: str) -> Any:
    # The session row and the audit line before the cookie: a database that cannot take them stops
    # the login with its 503 page before anyone holds a session. The row cannot wait for a long
    # import (SQLite has one writer); the audit line can, and is written a little later.
    key = sessions.start(_db(), account.id, how)
    _audit("inloggen", account.name, how)
    # Signing in again in the same browser: the session it had ends, or a copy of the old cookie
    # would stay good until it expired.
    if current_user.is_authenticated:
        _end_session(current_user.key, "opnieuw ingelogd")
    # A new session on login: whatever an attacker planted in the old one is gone.
    session.clear()
    session.permanent = True
    login_user(SignedIn(account, key))
    # The form token exists from the first response on: Dash's parallel requests each write the
    # session cookie back, and one made later would race the others.
    csrf_token()
    log.info("login %s (%s)", account.name, how)
    return redirect(with_language(landing(account, safe_next(target))), code=303)


def landing(account: store.Account, target: str) -> str:
    """Where a login without a page of its own leads: a regional account to its own region."""
    if target == "/" and account.role == "regio" and len(account.regions) == 1:
        return f"/regio/{account.regions[0]}"
    return target


def login() -> Any:
    """GET: the login form. POST: check the password and start a session."""
    if runtime().settings.mode == "openbaar":
        return redirect("/")
    if request.method == "GET":
        return _form()
    name = login_limit.submitted_name()
    if not _csrf_ok():
        # Not a password attempt: a form without its token (another site's, or a bot's) uses up
        # nobody's allowance.
        return _form(400, _("Het formulier was verlopen. Probeer het opnieuw."), name)
    account = store.authenticate(_db(), name, request.form.get("wachtwoord", ""))
    if account is None:
        login_limit.password_failed()
        # The typed name is logged only when it is an account: a password typed into the name
        # field must not end up in the audit trail.
        known = store.account_exists(_db(), name)
        _audit("inloggen mislukt", name if known else "(onbekende naam)")
        return _form(401, _("Gebruikersnaam of wachtwoord klopt niet."), name)
    return _start_session(account, "wachtwoord", request.form.get("volgende", "/"))


def logout() -> Any:
    """End the session (POST with the form token, so another site cannot log anyone out)."""
    if current_user.is_authenticated and _csrf_ok():
        _end_session(current_user.key, "uitgelogd")
        logout_user()
        session.clear()
    return redirect(_login_path(), code=303)


def _end_session(key: str, reason: str) -> None:
    ended = sessions.end(_db(), key)
    if ended is not None:
        _audit(sessions.SESSION_END, ended.user_name, f"{reason} (via {ended.how})")


def oidc_start() -> Any:
    """Send the browser to the identity provider (authorisation code flow with PKCE)."""
    client = _oidc_client()
    if client is None:
        return redirect(LOGIN_PATH)
    # The provider hands back only code and state: the language travels in the page to return to.
    session["hzw_next"] = with_language(safe_next(request.args.get("volgende")))
    return client.authorize_redirect(url_for("auth.oidc_return", _external=True))


def oidc_return() -> Any:
    """The provider sends the browser back here with a code; its ID token names the person."""
    client = _oidc_client()
    if client is None:
        return redirect(LOGIN_PATH)
    try:
        token = client.authorize_access_token()
    except (OAuthError, RequestException, JoseError, ValueError, KeyError) as error:
        # The provider refused, answered nonsense or could not be reached: the login failed.
        log.warning("OpenID Connect login failed: %s", error.__class__.__name__)
        return _form(401, _("Inloggen via de identiteitsprovider is mislukt. Probeer het opnieuw."))
    claims = token.get("userinfo") or {}
    subject = f"{claims.get('iss', '')}|{claims.get('sub', '')}"
    # Only an address the provider has checked may claim an admitted account: anyone can put any
    # address, or any user name, in an unverified profile. (Some providers send the flag as text.)
    verified = claims.get("email_verified") in (True, "true")
    claimed = str(claims.get("email") or "") if verified else ""
    account = store.account_for_identity(_db(), subject, claimed) if claims.get("sub") else None
    if account is None:
        _audit("inloggen mislukt", "(niet toegelaten identiteit)", "oidc")
        return _form(
            403, _("Uw account is (nog) niet toegelaten tot de monitor. Vraag het beheer om toegang.")
        )
    # The page to return to was kept in the session: the provider only hands back code and state.
    return _start_session(account, "oidc", str(session.get("hzw_next", "/")))


def _oidc_client() -> Any:
    oauth: OAuth | None = runtime().extras.get("oauth")
    return oauth.create_client(PROVIDER) if oauth is not None else None


def _too_many(_error: RateLimitExceeded) -> tuple[str, int]:
    # The attempt was refused before its password was checked: it names the account only when
    # that is one (a password typed into the name field stays out of the trail).
    name = login_limit.submitted_name()
    known = store.account_exists(_db(), name)
    _audit("inloggen geblokkeerd", name if known else "(onbekende naam)", "te veel mislukte pogingen")
    return _form(429, _("Te veel mislukte inlogpogingen vanaf dit adres. Probeer het later opnieuw."))


def guard() -> Any:
    """Before every request: who is this, and may an anonymous visitor have what they ask?"""
    if request.path.startswith(OPEN_PREFIXES):
        return None  # the same files for everyone: see ``StaticWithoutSession``
    if runtime().settings.mode == "openbaar":
        set_viewer(PUBLIC_VIEWER)
        return None
    if current_user.is_authenticated:
        set_viewer(current_user.account.viewer())
        return None
    path = request.path
    if path in OPEN_PATHS:
        return None
    if request.method == "GET" and not path.startswith("/_") and not path.startswith("/export/"):
        return redirect(_login_path(volgende=request.full_path.rstrip("?")), code=302)
    return Response(_("Niet ingelogd."), status=401, mimetype="text/plain")


def _session_account(key: str, settings: Settings) -> SignedIn | None:
    """The account of the session behind a cookie's key, or None when that session has ended.

    Each request re-reads session and account: a logout, block or change takes effect at once.
    """
    db = runtime().db
    found = sessions.find(db, key)
    if found is None:
        return None
    now = clock.utc_now()
    reason = sessions.expiry(found, now, settings.session_hours, settings.session_idle_minutes)
    if reason is not None:
        if sessions.drop(db, found):
            _audit(sessions.SESSION_END, found.user_name, f"{reason} (via {found.how})")
        return None
    account = store.find_user(db, found.user_id)
    if account is None:
        return None
    sessions.touch(db, found, now)
    return SignedIn(account, key)


def secret_key(settings: Settings) -> str:
    """The configured secret, or one generated once and kept in the data folder.

    Every gunicorn worker reads the same file, so sessions survive the worker that made them.
    """
    if settings.secret_key:
        return settings.secret_key
    path = Path(settings.data_dir) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        candidate = secrets.token_urlsafe(48)
        # O_EXCL: two workers starting together agree on the first one written.
        try:
            with path.open("x", encoding="ascii") as file:
                file.write(candidate)
            path.chmod(0o600)
        except FileExistsError:
            pass
    return path.read_text(encoding="ascii").strip()


class StaticWithoutSession(SecureCookieSessionInterface):
    """The session cookie, left off the answers for scripts, styles and fonts.

    Flask marks every answer that looked at the session ``Vary: Cookie`` and sends a refreshed
    cookie with it, and the refreshed cookie differs from second to second. A browser may then
    never reuse its cached copy of Dash, Plotly or AG Grid (several MB): every page would fetch
    them all again. These files are the same for everyone and open without logging in.
    """

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        """Write the cookie as Flask does, except on the shared files."""
        if request.path.startswith(OPEN_PREFIXES):
            return
        super().save_session(app, session, response)


def init_auth(server: Flask, settings: Settings, extras: dict[str, Any]) -> None:
    """Sessions, the login guard, the rate limit on logins and (when configured) OpenID Connect."""
    server.config.update(
        SECRET_KEY=secret_key(settings),
        SESSION_COOKIE_NAME="hzw_sessie",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=bool(settings.secure_cookies),
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=settings.session_hours),
    )
    server.session_interface = StaticWithoutSession()
    login_limit.configure(server, settings)
    extras["audit"] = AuditWriter(server.extensions[EXTENSION].db)
    manager = LoginManager()
    # "basic": a session survives a changed address (phones switching networks); a stolen cookie
    # is countered by Secure/HttpOnly/SameSite and the short lifetime instead.
    manager.session_protection = "basic"
    manager.init_app(server)
    # The login page is a Jinja template: ``{{ _("…") }}`` in it uses the same catalogue.
    server.jinja_env.add_extension("jinja2.ext.i18n")
    # The i18n extension adds this method to the environment at run time (mypy cannot see it).
    server.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_, ngettext=ngettext, newstyle=True
    )

    @manager.user_loader
    def _load(key: str) -> SignedIn | None:
        return _session_account(key, settings)

    blueprint = Blueprint("auth", __name__, template_folder="templates")
    limited = login_limit.limited(server, settings, login)
    blueprint.add_url_rule(LOGIN_PATH, "login", limited, methods=["GET", "POST"])
    blueprint.add_url_rule("/uitloggen", "logout", logout, methods=["POST"])
    blueprint.add_url_rule("/oidc/start", "oidc_start", oidc_start)
    blueprint.add_url_rule("/oidc/terug", "oidc_return", oidc_return)
    server.register_blueprint(blueprint)
    server.register_error_handler(RateLimitExceeded, _too_many)
    server.before_request(guard)
    if settings.oidc_issuer:
        oauth = OAuth(server)
        oauth.register(
            PROVIDER,
            client_id=settings.oidc_client_id,
            client_secret=settings.oidc_client_secret or None,
            server_metadata_url=settings.oidc_issuer.rstrip("/") + "/.well-known/openid-configuration",
            client_kwargs={"scope": "openid profile email", "code_challenge_method": "S256"},
        )
        extras["oauth"] = oauth
