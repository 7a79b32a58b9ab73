"""Roles and scoping: what each account (and the public) can and cannot get, also by forged requests.

Uses the hand-made dataset ``known`` (tests/conftest.py): AM09 has GGZ A (3 starts in 2026), UWV B
(1 start) and Gemeente C, AM01 has GGZ Noord. With the default threshold of 5 every one of these counts is
small, so a landelijk account sees ``<5`` where beheer sees the number.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any

import pytest
from sqlalchemy import func, select

from callbacks.upload import check_upload, confirm_upload
from dashboard.auth import store
from dashboard.auth.viewer import Viewer
from dashboard.data.cohorts import funnel_by_organisation
from dashboard.data.models import AuditEvent, Trajectory
from tests.conftest import PEILDATUM
from tests.helpers import signed_in_client, viewing_as
from tests.test_callbacks import text_of

QUERY = "jaar=2026&peildatum=2026-06-30"
PASSWORD = "correct-horse-battery"


def _org(db: Any, region: str, name: str) -> int:
    frame = funnel_by_organisation(db, region, 2026, PEILDATUM)
    return int(frame.loc[frame["organisatie"] == name, "id"].iloc[0])


def forge(
    client: Any, output: str, values: dict[str, Any], lang: str | None = None, changed: str | None = None
) -> Any:
    """POST to /_dash-update-component exactly as the browser would for the callback of ``output``.

    ``values`` maps "id.property" of the callback's inputs and states to what a crafted request
    sends; the callback's dependencies come from the server itself. ``changed`` names the input
    that changed ("id.property"; the callback's first input when not given).
    """
    deps = json.loads(client.get("/_dash-dependencies").get_data(as_text=True))

    def parts_of(spec: str) -> list[str]:
        return spec[2:-2].split("...") if spec.startswith("..") else [spec]

    dep = next(d for d in deps if output in [p.split("@")[0] for p in parts_of(d["output"])])

    def item(spec: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": spec["id"],
            "property": spec["property"],
            "value": values.get(f"{spec['id']}.{spec['property']}"),
        }

    split = [p.split("@")[0].rsplit(".", 1) for p in parts_of(dep["output"])]
    outputs = [{"id": ident, "property": prop} for ident, prop in split]
    body = {
        "output": dep["output"],
        "outputs": outputs if dep["output"].startswith("..") else outputs[0],
        "inputs": [item(i) for i in dep["inputs"]],
        "state": [item(s) for s in dep["state"]],
        "changedPropIds": [changed or f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"],
    }
    if lang:
        body["lang"] = lang  # what assets/language.js adds on an English page
    return client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")


# The organisations grid is mounted, with its rows, once its section has been seen.
GRID_OUTPUT = "region-organisations-slot.children"
SEEN = {"region-organisations-seen.data": True}


def _grid(client: Any, region: str) -> Any:
    return forge(
        client,
        GRID_OUTPUT,
        {**SEEN, "region-year.value": "2026", "region-code.data": region}
        | {"region-peildatum.value": "2026-06-30"},
    )


def _org_tiles(client: Any, org: int) -> Any:
    return forge(
        client,
        "org-tiles.children",
        {"org-year.value": "2026", "org-id.data": org, "org-peildatum.value": "2026-06-30", "url.search": ""},
    )


def _rows(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    slot = response.get_json()["response"]["region-organisations-slot"]["children"]
    assert slot["props"]["id"] == "region-organisations"
    found: list[dict[str, Any]] = slot["props"]["rowData"]
    return found


def _login(client: Any, name: str, password: str, next_page: str = "/") -> Any:
    form = client.get("/inloggen").get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', form)
    assert token is not None
    data = {"csrf": token.group(1), "gebruikersnaam": name, "wachtwoord": password, "volgende": next_page}
    return client.post("/inloggen", data=data)


def _events(db: Any) -> list[tuple[str, str]]:
    with db.engine.connect() as connection:
        rows = connection.execute(
            select(AuditEvent.gebeurtenis, AuditEvent.gebruiker).order_by(AuditEvent.id)
        )
        return [(r[0], r[1]) for r in rows]


# --- anonymous visitors in login mode ---------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 302),
        ("GET", "/regio/AM09", 302),
        ("GET", "/export/organisaties.csv", 401),
        ("GET", "/vergaderstuk.pdf", 302),
        ("GET", "/_dash-layout", 401),
        ("GET", "/_dash-dependencies", 401),
        ("POST", "/_dash-update-component", 401),
    ],
)
def test_anonymous_visitor_gets_nothing_but_the_login(known, app, method, path, status):
    client = app.server.test_client()
    response = client.open(path, method=method, data="{}", content_type="application/json")
    assert response.status_code == status
    if status == 302:
        assert response.headers["Location"].startswith("/inloggen?volgende=")
    assert b"GGZ" not in response.data


def test_static_code_and_the_login_page_need_no_login(app):
    client = app.server.test_client()
    page = client.get("/inloggen")
    assert page.status_code == 200 and "Gebruikersnaam" in page.get_data(as_text=True)
    for path in ("/vendor/bootstrap/css/bootstrap.min.css", "/assets/monitor.css"):
        with client.get(path) as response:  # files are streamed: close them
            assert response.status_code == 200


# --- logging in -------------------------------------------------------------------------------


def test_login_sets_a_secure_session_and_writes_the_audit_trail(known, app):
    store.add_user(known, "anna", "landelijk", [], PASSWORD)
    client = app.server.test_client()
    response = _login(client, "anna", PASSWORD, "/regio/AM09?jaar=2026")
    assert response.status_code == 303 and response.headers["Location"] == "/regio/AM09?jaar=2026"
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("hzw_sessie="))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.get("/regio/AM09").status_code == 200
    assert ("inloggen", "anna") in _events(known)


def test_wrong_password_is_refused_in_dutch_without_naming_the_cause(known, app):
    store.add_user(known, "anna", "landelijk", [], PASSWORD)
    client = app.server.test_client()
    wrong = _login(client, "anna", "fout-wachtwoord-123")
    unknown = _login(client, "mijn-wachtwoord-per-ongeluk", PASSWORD)
    for response in (wrong, unknown):
        assert response.status_code == 401
        assert "Gebruikersnaam of wachtwoord klopt niet." in response.get_data(as_text=True)
    assert client.get("/").status_code == 302
    # A name that is no account (perhaps a password typed in the wrong field) is not logged.
    logins = [event for event in _events(known) if event[0] != "import"]
    assert logins == [("inloggen mislukt", "anna"), ("inloggen mislukt", "(onbekende naam)")]


def test_login_without_the_form_token_is_refused(known, app):
    store.add_user(known, "anna", "landelijk", [], PASSWORD)
    client = app.server.test_client()
    response = client.post("/inloggen", data={"gebruikersnaam": "anna", "wachtwoord": PASSWORD})
    assert response.status_code == 400 and client.get("/").status_code == 302


@pytest.mark.parametrize(
    "target", ["//elders.example/x", "https://elders.example/", "/\\elders.example", "/inloggen"]
)
def test_login_never_sends_the_browser_to_another_site(known, app, target):
    store.add_user(known, "anna", "landelijk", [], PASSWORD)
    response = _login(app.server.test_client(), "anna", PASSWORD, target)
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_failed_logins_are_rate_limited_per_address_and_name(known, make_app):
    app = make_app(login_rate_limit="3 per minute")
    store.add_user(known, "anna", "landelijk", [], PASSWORD)
    client = app.server.test_client()
    assert [_login(client, "anna", f"fout-{i}-wachtwoord").status_code for i in range(3)] == [401] * 3
    # The fourth attempt is refused before the password is even checked, also the right one.
    blocked = _login(client, "anna", PASSWORD)
    assert blocked.status_code == 429 and "Te veel mislukte inlogpogingen" in blocked.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_successful_logins_do_not_use_up_the_allowance(known, make_app):
    app = make_app(login_rate_limit="2 per minute")
    store.add_user(known, "anna", "landelijk", [], PASSWORD)
    for _ in range(4):
        assert _login(app.server.test_client(), "anna", PASSWORD).status_code == 303


def test_logout_needs_the_form_token_and_ends_the_session(known, app):
    store.add_user(known, "anna", "landelijk", [], PASSWORD)
    client = app.server.test_client()
    _login(client, "anna", PASSWORD)
    client.post("/uitloggen")  # a cross-site form without the token
    assert client.get("/").status_code == 200
    page = client.get("/inloggen").get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token is not None
    assert client.post("/uitloggen", data={"csrf": token.group(1)}).status_code == 303
    assert client.get("/").status_code == 302
    assert ("sessie beëindigd", "anna") in _events(known)


def test_blocked_account_loses_its_session_at_once(known, app):
    client = signed_in_client(app, "regio", ("AM09",))
    assert client.get("/regio/AM09").status_code == 200
    store.set_active(known, "test-regio-am09", False)
    assert client.get("/regio/AM09").status_code == 302
    assert client.get("/_dash-dependencies").status_code == 401


@pytest.mark.traag
def test_demo_accounts_work_only_while_all_data_is_demo_data(db, app):
    from dashboard.importing.demo import load_demo

    load_demo(db, 2021, PEILDATUM, 25_000_000)
    assert store.ensure_demo_accounts(db) == ["demo-landelijk", "demo-regio", "demo-beheer"]
    assert store.ensure_demo_accounts(db) == []  # never twice, never beside real accounts
    assert "demo-regio" in app.server.test_client().get("/inloggen").get_data(as_text=True)
    assert _login(app.server.test_client(), "demo-regio", store.DEMO_PASSWORD).status_code == 303
    from tests.helpers import load, trajectory

    load(db, "trajecten", [trajectory("ECHT-1", "2026-02-01")], today=PEILDATUM)
    assert store.authenticate(db, "demo-regio", store.DEMO_PASSWORD) is None
    assert "demo-regio" not in app.server.test_client().get("/inloggen").get_data(as_text=True)


# --- what each role sees, through forged callback requests --------------------------------------


def test_regional_account_gets_own_organisations_and_nothing_of_other_regions(known, app):
    client = signed_in_client(app, "regio", ("AM09",))
    own = _rows(_grid(client, "AM09"))
    assert {r["organisatie"] for r in own} == {"GGZ A", "UWV B", "Gemeente C"}
    assert _rows(_grid(client, "AM01")) == []
    noord = _org(known, "AM01", "GGZ Noord")
    refused = _org_tiles(client, noord)
    assert refused.status_code == 403 and b"GGZ Noord" not in refused.data
    assert _org_tiles(client, _org(known, "AM09", "GGZ A")).status_code == 200
    # The organisation page itself, by URL, looks like an organisation that does not exist.
    layout = forge(
        client, "_pages_content.children", {"_pages_location.pathname": f"/regio/AM01/organisatie/{noord}"}
    )
    assert "Organisatie niet gevonden" in layout.get_data(as_text=True)
    assert "GGZ Noord" not in layout.get_data(as_text=True)
    # Downloads: only the own region's organisations.
    csv = client.get(f"/export/organisaties.csv?{QUERY}").get_data(as_text=True)
    assert "GGZ A" in csv and "GGZ Noord" not in csv
    # Region-level figures of other regions stay open.
    assert client.get("/regio/AM01").status_code == 200


@pytest.mark.traag
def test_landelijk_sees_every_region_with_small_numbers_suppressed_and_beheer_sees_them(known, app):
    national = {r["organisatie"]: r for r in _rows(_grid(signed_in_client(app, "landelijk"), "AM09"))}
    admin = {r["organisatie"]: r for r in _rows(_grid(signed_in_client(app, "beheer"), "AM09"))}
    assert national["GGZ A"]["gestart"] == "x" and admin["GGZ A"]["gestart"] == 3
    assert national["UWV B"]["gestart"] == "x" and admin["UWV B"]["gestart"] == 1
    assert {r["organisatie"] for r in _rows(_grid(signed_in_client(app, "landelijk"), "AM01"))} == {
        "GGZ Noord"
    }
    national_csv = signed_in_client(app, "landelijk").get(f"/export/organisaties.csv?{QUERY}&regio=AM09")
    admin_csv = signed_in_client(app, "beheer").get(f"/export/organisaties.csv?{QUERY}&regio=AM09")
    assert ";x;" in national_csv.get_data(as_text=True) and ";x;" not in admin_csv.get_data(as_text=True)


def test_only_beheer_imports_even_through_a_forged_upload(known, app):
    payload = (
        "data:text/csv;base64,"
        + base64.b64encode(
            b"traject_id;regio;organisatie;methode;startdatum\nX-1;AM09;GGZ A;IPS;2026-03-01\n"
        ).decode()
    )

    def trajectories() -> int:
        with known.engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(Trajectory)))

    before = trajectories()
    for viewer in (Viewer("anna", "landelijk"), Viewer("rob", "regio", frozenset({"AM09"}))):
        with viewing_as(app, viewer):
            report, disabled, _ = check_upload(payload, "x.csv", "trajecten")
            result, *_ = confirm_upload(1, payload, "x.csv", "trajecten")
        assert disabled is True and "alleen het beheer" in text_of(report)
        assert "alleen het beheer" in text_of(result)
    assert trajectories() == before
    with viewing_as(app, Viewer("bea", "beheer")):
        confirm_upload(1, payload, "x.csv", "trajecten")
    assert trajectories() == before + 1
    assert ("import", "bea") in _events(known)


def test_forged_upload_request_of_a_regional_account_writes_nothing(known, app):
    client = signed_in_client(app, "regio", ("AM09",))
    payload = (
        "data:text/csv;base64,"
        + base64.b64encode(
            b"traject_id;regio;organisatie;methode;startdatum\nX-2;AM09;GGZ A;IPS;2026-03-01\n"
        ).decode()
    )
    response = forge(
        client,
        "upload-result.children",
        {
            "upload-confirm.n_clicks": 1,
            "upload.contents": payload,
            "upload.filename": "x.csv",
            "upload-kind.value": "trajecten",
        },
    )
    assert "alleen het beheer" in response.get_data(as_text=True)
    with known.engine.connect() as connection:
        assert connection.scalar(select(func.count()).where(Trajectory.traject_id == "X-2")) == 0


# --- public mode ------------------------------------------------------------------------------


def test_public_mode_shows_regions_without_login_and_no_organisation(known, make_app):
    app = make_app(mode="openbaar")
    client = app.server.test_client()
    assert client.get("/").status_code == 200 and client.get("/regio/AM09").status_code == 200
    assert client.get("/inloggen").status_code == 302
    assert _rows(_grid(client, "AM09")) == []
    assert _org_tiles(client, _org(known, "AM09", "GGZ A")).status_code == 403
    assert client.get(f"/export/organisaties.csv?{QUERY}").status_code == 403
    assert client.get(f"/export/aanleverstatus.csv?{QUERY}").status_code == 403
    assert client.get("/export/importlog.csv").status_code == 403
    national = client.get(f"/export/regios.csv?{QUERY}")
    assert national.status_code == 200 and "Achterhoek" in national.get_data(as_text=True)
    region = forge(client, "_pages_content.children", {"_pages_location.pathname": "/regio/AM09"})
    text = region.get_data(as_text=True)
    assert "alleen zichtbaar voor accounts" in text and "region-organisations" not in text


# --- hardening --------------------------------------------------------------------------------


def test_every_response_carries_the_security_headers(known, app):
    client = signed_in_client(app)
    page = client.get("/")
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert page.headers["X-Content-Type-Options"] == "nosniff" and page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["Strict-Transport-Security"].startswith("max-age=")
    data = _grid(client, "AM09")
    assert data.headers["Cache-Control"] == "no-store"


def test_too_large_request_gets_a_dutch_page_and_no_traceback(known, app):
    client = signed_in_client(app, "beheer")
    limit = app.server.config["MAX_CONTENT_LENGTH"]
    response = client.post(
        "/_dash-update-component", data=b"x" * (limit + 1), content_type="application/json"
    )
    assert response.status_code == 413
    assert "groter dan de monitor aanneemt" in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)


def test_scripts_and_styles_stay_in_the_browser_cache(known, app):
    """Shared files carry no session: a refreshed cookie with ``Vary: Cookie`` would void the cache."""
    client = signed_in_client(app)
    page = client.get("/")
    assert "Cookie" in page.headers["Vary"] and page.headers.get("Set-Cookie")
    html = page.get_data(as_text=True)
    # The page's scripts in one file (dashboard/infra/script_bundle.py); an asset as Dash names it.
    suite = re.search(r'src="(/_dash-component-suites/monitor/[^"]+)"', html)
    asset = "/assets/static-html.js?m=1796508141.3200452"
    # The vendored stylesheet carries its package's version, and names its font with a hash.
    style = re.search(r'href="(/vendor/bootstrap/css/font/bootstrap-icons\.min\.css\?v=[^"]+)"', html)
    assert suite and style
    answer = client.get(style.group(1))
    sheet = answer.get_data(as_text=True)
    answer.close()
    font = re.search(r'url\("(?:\./)?fonts/(bootstrap-icons\.woff2\?\w+)"\)', sheet)
    assert font
    for path in (
        suite.group(1),
        asset,
        style.group(1),
        "/vendor/bootstrap/css/font/fonts/" + font.group(1),
    ):
        answer = client.get(path)
        assert answer.status_code == 200
        assert "Cookie" not in answer.headers.get("Vary", "") and answer.headers.get("Set-Cookie") is None
        assert "max-age=31536000" in answer.headers["Cache-Control"]
        answer.close()
    # Without its fingerprint an asset may change under the same address: the browser asks again.
    for path in ("/assets/static-html.js", "/vendor/bootstrap/css/bootstrap.min.css"):
        plain = client.get(path)
        assert "max-age" not in plain.headers["Cache-Control"]
        plain.close()
