"""Login through OpenID Connect against a small identity provider on loopback.

The provider does what a government identity provider does in the authorisation code flow with
PKCE: discovery document, authorisation (approved at once), token endpoint that checks the client
secret and the code verifier, and an RS256-signed ID token with the nonce it was given.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from flask import Flask, jsonify, redirect, request
from joserfc import jwt
from joserfc.jwk import RSAKey
from werkzeug.serving import make_server

from dashboard.auth import store
from dashboard.data.models import AuditEvent

# Each test runs a small identity provider and a full sign-in: about a second per test.
pytestmark = pytest.mark.traag

CLIENT_ID, CLIENT_SECRET = "hoofdzaak-monitor", "provider-geheim"


class FakeProvider:
    """An identity provider that signs in whoever it is told to, once per authorisation."""

    def __init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": "sleutel-1"})
        self.person: dict[str, str] = {}
        self.codes: dict[str, dict[str, str]] = {}
        self.app = Flask("nep-idp")
        self.issuer = ""
        app = self.app
        app.add_url_rule("/.well-known/openid-configuration", "discovery", self.discovery)
        app.add_url_rule("/authorize", "authorize", self.authorize)
        app.add_url_rule("/token", "token", self.token, methods=["POST"])
        app.add_url_rule("/jwks", "jwks", lambda: jsonify({"keys": [self.key.as_dict(private=False)]}))

    def discovery(self) -> Any:
        return jsonify(
            {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
            }
        )

    def authorize(self) -> Any:
        args = request.args
        assert args["client_id"] == CLIENT_ID and args["response_type"] == "code"
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "nonce": args["nonce"],
            "challenge": args["code_challenge"],
            "redirect_uri": args["redirect_uri"],
        }
        return redirect(f"{args['redirect_uri']}?{urlencode({'code': code, 'state': args['state']})}")

    def token(self) -> Any:
        auth = request.authorization
        if auth is None or (auth.username, auth.password) != (CLIENT_ID, CLIENT_SECRET):
            return jsonify({"error": "invalid_client"}), 401
        grant = self.codes.pop(request.form.get("code", ""), None)
        if grant is None or request.form.get("redirect_uri") != grant["redirect_uri"]:
            return jsonify({"error": "invalid_grant"}), 400
        verifier = request.form.get("code_verifier", "").encode()
        digest = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
        if digest != grant["challenge"]:
            return jsonify({"error": "invalid_grant", "error_description": "PKCE"}), 400
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": CLIENT_ID, "iat": now, "exp": now + 300, "nonce": grant["nonce"]}
        id_token = jwt.encode({"alg": "RS256", "kid": "sleutel-1"}, {**claims, **self.person}, self.key)
        return jsonify(
            {
                "access_token": "toegang",
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": id_token,
            }
        )


@pytest.fixture
def provider() -> Iterator[FakeProvider]:
    fake = FakeProvider()
    server = make_server("127.0.0.1", 0, fake.app, threaded=True)
    fake.issuer = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake
    server.shutdown()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _sign_in(client: Any, next_page: str = "/") -> Any:
    """Follow the browser's path: monitor → provider → monitor."""
    start = client.get(f"/oidc/start?volgende={next_page}")
    assert start.status_code == 302
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(start.headers["Location"])
        raise AssertionError("de provider stuurde niet terug")
    except urllib.error.HTTPError as answer:
        back = urlsplit(answer.headers["Location"])
    assert back.path == "/oidc/terug"
    query = parse_qs(back.query)
    return client.get(f"/oidc/terug?{urlencode({k: v[0] for k, v in query.items()})}")


def test_admitted_identity_signs_in_and_is_bound_to_its_account(db, make_app, provider):
    app = make_app(oidc_issuer=provider.issuer, oidc_client_id=CLIENT_ID, oidc_client_secret=CLIENT_SECRET)
    store.add_user(db, "eva@voorbeeld.nl", "regio", ["AM09"], None)
    provider.person = {"sub": "eva-123", "email": "eva@voorbeeld.nl", "email_verified": True}
    client = app.server.test_client()
    assert "Inloggen via de identiteitsprovider" in client.get("/inloggen").get_data(as_text=True)
    done = _sign_in(client, "/regio/AM09")
    assert done.status_code == 303 and done.headers["Location"] == "/regio/AM09"
    assert client.get("/regio/AM09").status_code == 200
    with db.engine.connect() as connection:
        events = connection.execute(AuditEvent.__table__.select()).all()
    assert [(e.gebeurtenis, e.gebruiker, e.detail) for e in events] == [
        ("inloggen", "eva@voorbeeld.nl", "oidc")
    ]
    # From now on the subject opens the account, whatever e-mail address the provider sends.
    provider.person = {"sub": "eva-123", "email": "eva.nieuw@voorbeeld.nl"}
    assert _sign_in(app.server.test_client()).status_code == 303


def test_identity_that_was_never_admitted_is_refused(db, make_app, provider):
    app = make_app(oidc_issuer=provider.issuer, oidc_client_id=CLIENT_ID, oidc_client_secret=CLIENT_SECRET)
    # An account with a password is not taken over by someone claiming its name at the provider.
    store.add_user(db, "piet@voorbeeld.nl", "beheer", [], "een-lang-wachtwoord")
    for person in (
        {"sub": "x-1", "email": "onbekend@voorbeeld.nl"},
        {"sub": "x-2", "email": "piet@voorbeeld.nl"},
    ):
        provider.person = person
        client = app.server.test_client()
        refused = _sign_in(client)
        assert refused.status_code == 403
        assert "niet toegelaten" in refused.get_data(as_text=True)
        assert client.get("/").status_code == 302


@pytest.mark.parametrize("verified", [None, False, "false"])
def test_unverified_email_does_not_take_an_admitted_account(db, make_app, provider, verified):
    app = make_app(oidc_issuer=provider.issuer, oidc_client_id=CLIENT_ID, oidc_client_secret=CLIENT_SECRET)
    store.add_user(db, "eva@voorbeeld.nl", "beheer", [], None)
    # Someone who typed Eva's address into their own, unchecked profile at the provider.
    person = {"sub": "indringer-9", "email": "eva@voorbeeld.nl"}
    provider.person = person if verified is None else {**person, "email_verified": verified}
    client = app.server.test_client()
    assert _sign_in(client).status_code == 403
    assert client.get("/").status_code == 302
    # Not bound either: Eva's own verified login later still takes the account.
    provider.person = {"sub": "eva-123", "email": "eva@voorbeeld.nl", "email_verified": True}
    assert _sign_in(app.server.test_client()).status_code == 303
    assert next(a for a in store.list_users(db) if a.name == "eva@voorbeeld.nl").oidc


def test_tampered_callback_is_refused(db, make_app, provider):
    app = make_app(oidc_issuer=provider.issuer, oidc_client_id=CLIENT_ID, oidc_client_secret=CLIENT_SECRET)
    store.add_user(db, "eva@voorbeeld.nl", "regio", ["AM09"], None)
    client = app.server.test_client()
    client.get("/oidc/start")
    response = client.get("/oidc/terug?code=verzonnen&state=verzonnen")
    assert response.status_code == 401 and "mislukt" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302
