"""Every address and every callback, fed hostile values, answers without a 500.

A malformed parameter gets a 400 with a Dutch page (or, on a page, the default and a note); a
malformed callback body gets a 4xx or 204 from Dash or from the monitor's guard. A 500 means some
code took the value for granted. Signed in as ``beheer``, who may open every address.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import dash
import pytest
from werkzeug.routing import Rule

from callbacks import meeting_pack
from callbacks.meeting_pack import MEDIA as PACK_MEDIA
from dashboard.documents.spreadsheets import MEDIA as FILE_MEDIA
from dashboard.documents.tables import TABLES
from dashboard.importing.rules import SCHEMAS
from tests.helpers import dutch_words, signed_in_client
from tests.test_access import _org

HOSTILE = [
    "²",
    "١٢",  # Arabic-Indic digits: str.isdigit() says yes, int() too, the year does not exist
    "x" * 5000,
    "9" * 5000,  # more digits than int() converts
    "\x00",
    "[]",
    '{"a":1}',
    "-1",
    "99999999999999999999",
    "2026-02-30",
    "",
]
# Every query parameter a page, download or document reads (View.parse, parse_show, the login).
NAMES = [
    "jaar",
    "peildatum",
    "cohort",
    "maat",
    "kaart",
    "regio",
    "regios",
    "organisatie",
    "sinds",
    "auto",
    "stap",
    "zoek",
    "lang",
    "volgende",
    "publicatie",
]
# Static files and Dash's own bundles take no parameters.
SKIPPED = {"static", "_dash_assets.static", "vendor.static", "plotly_bundle", "/_favicon.ico"}


def _paths(rule: Rule, app: Any, org: int) -> list[str]:
    """The addresses of one route, its variables filled with every value the monitor knows."""
    if rule.endpoint == "downloads.export":
        return [f"/export/{kind}.csv" for kind in TABLES] + ["/export/organisaties.xlsx"]
    if rule.endpoint == "downloads.template":
        return [f"/sjablonen/{kind}.{ext}" for kind in SCHEMAS for ext in FILE_MEDIA]
    if rule.endpoint == "meeting_pack.download":
        return [f"/vergaderstuk.{ext}" for ext in PACK_MEDIA]
    if rule.endpoint in ("jobs.status", "jobs.download"):
        # A job's id is 32 letters and digits; the page's own reader only gets an answer.
        ends = {"jobs.status": "", "jobs.download": "/bestand"}
        jobs = ("onbekend", "a" * 32, "²", "x" * 300, "..%2F..")
        return [f"/taak/{job}{ends[rule.endpoint]}" for job in jobs]
    if rule.endpoint == "scripts_bundle":
        # The page's script file, named by a hash of its content; any other name is not found.
        names = ("0" * 20, "²", "x" * 300, "..%2F..", "a.b")
        return [rule.rule.replace("<name>", name) for name in names]
    if rule.endpoint == "jobs.kept":
        return [f"/vergaderstuk/bewaard/{n}" for n in ("0", "1", "9" * 30, "²", "-1")]
    if rule.arguments == {"path"}:
        # Dash's page route: the page itself is drawn by a callback (below), this serves the shell.
        return ["/regio/AM09", f"/regio/AM09/organisatie/{org}", "/presentatie", "/data", "/regio/²"]
    assert not rule.arguments, f"the sweep does not know how to fill {rule.rule}"
    return [rule.rule]


def _problem(response: Any, what: str) -> list[str]:
    """``[what]`` when the answer is a server error or a 400 page that is not Dutch, else ``[]``."""
    if response.status_code >= 500:
        return [f"{response.status_code} {what}"]
    if response.status_code == 400 and response.mimetype == "text/html":
        page = response.get_data(as_text=True)
        if not ("lang='nl'" in page or 'lang="nl"' in page) or not dutch_words(page):
            return [f"400 not Dutch: {what}"]
    return []


@pytest.fixture
def beheer(known, app):
    client = signed_in_client(app, "beheer")
    assert client.get("/").status_code == 200  # the first request registers Dash's page router
    return client


def _routes(app: Any) -> list[Rule]:
    return [
        rule
        for rule in app.server.url_map.iter_rules()
        if "GET" in rule.methods
        and rule.endpoint not in SKIPPED
        and not rule.endpoint.startswith("/_dash-component-suites")
    ]


@pytest.mark.traag  # some 2500 requests, half a minute
def test_every_route_survives_every_hostile_value_of_every_parameter(known, app, beheer, monkeypatch):
    # The pack's parameters are parsed and its reports drawn as ever; only the costly rendering to
    # PDF and PPTX (seconds each, hundreds of times) is left out of the sweep.
    monkeypatch.setattr(meeting_pack, "pack_pdf", lambda info, sections, on_figure=None: b"%PDF")
    monkeypatch.setattr(meeting_pack, "pack_pptx", lambda info, sections, on_figure=None: b"PK")
    org = _org(known, "AM09", "GGZ A")
    problems: list[str] = []
    requests = 0
    for rule in _routes(app):
        paths = _paths(rule, app, org)
        for value in HOSTILE:
            # Every route, every address: all parameters at once, and each key repeated.
            for path in paths:
                problems += _problem(
                    beheer.get(path, query_string={n: value for n in NAMES}), f"{path} {value[:30]!r}"
                )
                repeated = [(n, v) for n in NAMES for v in (value, "2026")]
                problems += _problem(
                    beheer.get(path, query_string=repeated), f"{path} repeated {value[:30]!r}"
                )
                requests += 2
            # Each parameter on its own, so one that falls back early does not hide another.
            for name in NAMES:
                problems += _problem(
                    beheer.get(paths[0], query_string={name: value}), f"{paths[0]} {name}={value[:30]!r}"
                )
                requests += 1
    assert requests > 500
    assert not problems, f"{len(problems)} of {requests}: " + "\n".join(problems[:40])


def test_the_meeting_pack_with_a_superscript_auto_is_a_file_not_a_500(known, app, beheer):
    for ext in PACK_MEDIA:
        response = beheer.get(f"/vergaderstuk.{ext}?auto=²")
        assert response.status_code == 200
        assert response.mimetype == PACK_MEDIA[ext]


def test_a_bad_download_parameter_gets_a_dutch_400_page(known, app, beheer):
    response = beheer.get("/export/regios.csv?jaar=" + "9" * 5000)
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert "Geen bestand gemaakt" in response.get_data(as_text=True)


# --- callbacks ----------------------------------------------------------------------------------

CALLBACK_VALUES: list[Any] = [
    {"a": 1},
    ["AM09"] * 100,
    "x" * 5000,
    "9" * 5000,
    -1,
    10**30,
    1.5,
    True,
    None,
    "²",
    [],
]


def _dependencies(client: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = json.loads(client.get("/_dash-dependencies").get_data(as_text=True))
    return [d for d in found if not d.get("clientside_function")]


def _body(dep: dict[str, Any], value: Any) -> dict[str, Any]:
    def parts_of(spec: str) -> list[str]:
        return spec[2:-2].split("...") if spec.startswith("..") else [spec]

    split = [p.split("@")[0].rsplit(".", 1) for p in parts_of(dep["output"])]
    outputs = [{"id": ident, "property": prop} for ident, prop in split]

    def item(spec: dict[str, Any]) -> dict[str, Any]:
        return {"id": spec["id"], "property": spec["property"], "value": value}

    return {
        "output": dep["output"],
        "outputs": outputs if dep["output"].startswith("..") else outputs[0],
        "inputs": [item(i) for i in dep["inputs"]],
        "state": [item(s) for s in dep["state"]],
        "changedPropIds": [f"{dep['inputs'][0]['id']}.{dep['inputs'][0]['property']}"]
        if dep["inputs"]
        else [],
    }


def _post(client: Any, body: Any) -> Any:
    data = body if isinstance(body, bytes) else json.dumps(body)
    return client.post("/_dash-update-component", data=data, content_type="application/json")


def test_every_callback_survives_hostile_values_in_every_input(known, app, beheer):
    problems: list[str] = []
    for dep in _dependencies(beheer):
        for value in CALLBACK_VALUES:
            problems += _problem(_post(beheer, _body(dep, value)), f"{dep['output']} {str(value)[:40]!r}")
    assert not problems, "\n".join(problems)


def test_every_callback_survives_malformed_bodies(known, app, beheer):
    problems: list[str] = []
    for dep in _dependencies(beheer):
        good = _body(dep, None)
        broken: list[Any] = [
            {key: item for key, item in good.items() if key != "inputs"},
            {key: item for key, item in good.items() if key != "outputs"},
            {**good, "inputs": good["inputs"][:-1]},
            {**good, "inputs": [*good["inputs"], good["inputs"][0]] if good["inputs"] else [{}]},
            {**good, "inputs": "x"},
            {**good, "inputs": [{"id": {"a": 1}}] * len(good["inputs"])},
            {**good, "state": {"a": 1}},
            {**good, "outputs": "x"},
            {**good, "changedPropIds": {"a": 1}},
            {**good, "output": {"a": 1}},
            {**good, "output": good["output"] + "x"},
            {**good, "lang": {"a": 1}},
        ]
        for body in broken:
            problems += _problem(_post(beheer, body), f"{dep['output']} {json.dumps(body)[:120]}")
    for raw in (b"{", b"[]", b"null", b'"x"', b"{}", b"1", json.dumps({"output": "nope"}).encode()):
        problems += _problem(_post(beheer, raw), repr(raw))
    assert not problems, "\n".join(problems)


def test_every_page_survives_hostile_query_values(known, app, beheer):
    org = _org(known, "AM09", "GGZ A")
    router = next(d for d in _dependencies(beheer) if "_pages_content" in d["output"])
    pages = [page.get("path_template") or page["path"] for page in dash.page_registry.values()]
    paths = [p.replace("<code>", "AM09").replace("<org>", str(org)) for p in pages]
    problems: list[str] = []
    for path in [*paths, "/regio/²", "/regio/AM09/organisatie/²", "/regio/" + "x" * 5000]:
        for value in HOSTILE:
            for search in (
                "?" + urlencode({n: value for n in NAMES}),
                "?" + urlencode([(n, v) for n in NAMES for v in (value, "2026")]),
                "?pathname_=x&code=" + value,
            ):
                body = _body(router, None)
                body["inputs"] = [
                    {**i, "value": path if i["property"] == "pathname" else search} for i in body["inputs"]
                ]
                problems += _problem(_post(beheer, body), f"{path[:40]}{search[:80]}")
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("stored", [{"a": 1}, ["?jaar=2026"], 7, "?" + "regios=AM09," * 2000])
def test_a_forged_presentation_store_does_not_fail(known, app, beheer, stored):
    dep = next(d for d in _dependencies(beheer) if "presentation-screen.children" in d["output"])
    body = _body(dep, None)
    body["inputs"][0]["value"] = 1
    body["state"] = [{**s, "value": stored if s["id"] == "presentation-show" else ""} for s in body["state"]]
    answer = _post(beheer, body)
    assert answer.status_code in (200, 204), answer.get_data(as_text=True)[:300]


def test_the_guard_lets_a_pattern_matching_request_through(known, app, beheer):
    # The "geen trajecten" buttons of the Data page are matched by pattern: the browser sends a
    # list of them. An organisation that does not exist gets the data layer's refusal, in words.
    dep = next(d for d in _dependencies(beheer) if d["output"].startswith("..missing-message.children"))
    button = {"kwartaal": "2026-K1", "org": 999_999, "type": "missing-record"}
    body = _body(dep, None)
    body["inputs"] = [[{"id": button, "property": "n_clicks", "value": 1}]]
    body["changedPropIds"] = [json.dumps(button, separators=(",", ":"), sort_keys=True) + ".n_clicks"]
    answer = _post(beheer, body)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    assert "missing-message" in answer.get_json()["response"]
