"""Every answer the app gives for a fixed set of views, written to one JSON file to compare.

A change that should not move any figure (a refactoring) is proved by recording before and after
and comparing the two files: ``python -m bench.record voor.json`` on the old code,
``python -m bench.record na.json`` on the new, then ``python -m bench.record --vergelijk voor.json
na.json``. The views cover every page, every map metric, a past year at a later peildatum, two
regions and their organisations, the presentation and every download the pages link to (CSV,
and the text of the meeting pack PDF). The data is the demo set on a fresh SQLite database, so
both runs see the same rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.dash_client import DashClient, decode
from bench.measure import FlaskTransport

DAY = dt.date(2026, 9, 30)
REGIONS = ("AM09", "AM01")
DATES = (("2026", "2026-09-30"), ("2025", "2026-09-30"), ("2026", "2026-06-30"), ("2025", "2025-12-31"))
METRICS = ("doel", "tempo", "gestart", "duurzaam", "leer", "casus")
LINK = re.compile(r"^/(export/[a-z]+\.csv|vergaderstuk\.pdf)\?")


def _views(organisations: dict[str, list[int]]) -> list[str]:
    urls = []
    for year, day in DATES:
        base = {"jaar": year, "peildatum": day}
        urls += [f"/?{urlencode(base | {'maat': m, 'kaart': 'tegel'})}" for m in METRICS]
        urls.append(f"/?{urlencode(base | {'regio': 'AM09'})}")
        urls.append(f"/regio?{urlencode(base)}")
        urls.append(f"/bijeenkomsten?{urlencode(base)}")
        for code in REGIONS:
            urls.append(f"/regio/{code}?{urlencode(base)}")
            urls += [f"/regio/{code}/organisatie/{org}?{urlencode(base)}" for org in organisations[code]]
        for step in range(1, 8):
            urls.append(f"/presentatie?{urlencode(base | {'regios': ','.join(REGIONS), 'stap': step})}")
    return urls


def _hrefs(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        href = node.get("href")
        if isinstance(href, str) and LINK.match(href):
            found.append(href)
        for value in node.values():
            found += _hrefs(value)
    elif isinstance(node, list):
        for item in node:
            found += _hrefs(item)
    return found


def _download(transport: FlaskTransport, href: str) -> str:
    response = transport.get(href)
    if href.startswith("/vergaderstuk.pdf"):
        from pypdf import PdfReader

        if response.status_code != 200:
            return f"status {response.status_code}"
        reader = PdfReader(io.BytesIO(response.data))
        return "\n".join(page.extract_text() for page in reader.pages)
    return f"status {response.status_code}\n" + response.data.decode("utf-8-sig", "replace")


def record(out: Path) -> None:
    """Build the demo database, open every view and write every answer to ``out``."""
    from dashboard.app import create_app
    from dashboard.data.cohorts import funnel_by_organisation
    from dashboard.importing.demo import load_demo
    from dashboard.infra.db import Database

    with tempfile.TemporaryDirectory(prefix="hzw-record-") as folder:
        url = f"sqlite:///{folder}/record.sqlite"
        db = Database(url)
        db.upgrade()
        load_demo(db, seed=2026, today=DAY, max_bytes=50_000_000)
        organisations = {
            code: [int(i) for i in funnel_by_organisation(db, code, DAY.year, DAY)["id"].head(3)]
            for code in REGIONS
        }
        app = create_app({"database_url": url, "peildatum": DAY})
        transport = FlaskTransport(app)
        client = DashClient(transport)
        answers: dict[str, Any] = {}
        downloads: set[str] = set()
        for view in _views(organisations):
            _page, calls = client.open(view)
            for call in calls:
                response = client.send(call)
                body = decode(response) if response.status_code == 200 else None
                answers[f"{view} {call.name} {json.dumps(call.body['inputs'], sort_keys=True)}"] = (
                    response.status_code,
                    body,
                )
                downloads.update(_hrefs(body))
        files = {href: _download(transport, href) for href in sorted(downloads)}
        db.dispose()
    out.write_text(json.dumps({"answers": answers, "files": files}, sort_keys=True, indent=0))
    sys.stdout.write(f"{len(answers)} antwoorden, {len(files)} downloads → {out}\n")


def compare(before: Path, after: Path) -> int:
    """Print what differs between two recordings; 0 when nothing does."""
    old, new = json.loads(before.read_text()), json.loads(after.read_text())
    differ = 0
    for part in ("answers", "files"):
        keys = sorted(set(old[part]) | set(new[part]))
        for key in keys:
            if old[part].get(key) != new[part].get(key):
                differ += 1
                sys.stdout.write(f"[{part}] {key}\n")
        sys.stdout.write(f"{part}: {len(keys)} vergeleken\n")
    sys.stdout.write(f"{differ} verschillen\n")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.record UIT`` or ``python -m bench.record --vergelijk VOOR NA``."""
    parser = argparse.ArgumentParser(prog="python -m bench.record")
    parser.add_argument("bestanden", nargs="+", type=Path)
    parser.add_argument("--vergelijk", action="store_true")
    args = parser.parse_args(argv)
    if args.vergelijk:
        return compare(*args.bestanden[:2])
    record(args.bestanden[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
