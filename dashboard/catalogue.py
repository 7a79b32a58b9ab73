"""The translation catalogue: collect the Dutch messages from the code and keep the English file.

``python -m dashboard.catalogue`` (or ``make catalogus``) reads every ``_()``, ``N_()`` and
``ngettext()`` in the code and the login template, adds new messages to
``dashboard/locale/en/LC_MESSAGES/messages.po`` with an empty translation, drops messages that no
longer occur, and prints what still lacks an English text. ``tests/test_i18n.py`` fails while any
message is untranslated.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from dashboard.i18n import CATALOGUE_DIR, LOCALES
from dashboard.infra.config import PROJECT_ROOT

METHODS = [
    ("dashboard/**.py", "python"),
    ("layouts/**.py", "python"),
    ("callbacks/**.py", "python"),
    ("geodata/**.py", "python"),
    ("dashboard/auth/templates/**.html", "jinja2"),
]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[a-z_]*(?:![rsa])?(?::[^{}]*)?\}")


def english_path() -> Path:
    """Where the English catalogue lives."""
    return CATALOGUE_DIR / "en" / "LC_MESSAGES" / "messages.po"


def extract(root: Path = PROJECT_ROOT) -> Catalog:
    """Every message in the code, with where it occurs."""
    catalogue = Catalog(locale="nl_NL", project="Hoofdzaak Werk Monitor", fuzzy=False)
    found = extract_from_dir(str(root), method_map=METHODS, keywords=KEYWORDS, strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        if "/migrations/" in filename:
            continue
        catalogue.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalogue


def load(path: Path) -> Catalog:
    """A catalogue file (an empty catalogue when it does not exist yet)."""
    if not path.exists():
        return Catalog(locale=LOCALES["en"])
    with path.open("rb") as file:
        return read_po(file, locale=LOCALES["en"])


def merge(messages: Catalog, translated: Iterable[Catalog]) -> Catalog:
    """The English catalogue for ``messages``, taking each translation from the first that has it."""
    result = Catalog(locale=LOCALES["en"], project="Hoofdzaak Werk Monitor", fuzzy=False)
    sources = list(translated)
    for message in messages:
        if not message.id:
            continue
        text: str | tuple[str, ...] | list[str] = "" if not message.pluralizable else ("", "")
        for source in sources:
            known = source.get(message.id, context=message.context)
            if known is not None and known.string and not known.fuzzy:
                text = known.string
                break
        result.add(message.id, text, message.locations, context=message.context)
    return result


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a message (a translation must keep exactly these)."""
    return set(PLACEHOLDER.findall(text))


def missing(catalogue: Catalog) -> list[str]:
    """Messages without an English text."""
    out = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            out.append(message.id if isinstance(message.id, str) else message.id[0])
    return out


def write(catalogue: Catalog, path: Path) -> None:
    """Write a catalogue file, sorted by message so diffs stay small."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(file, catalogue, width=100, sort_output=True, omit_header=False, include_previous=False)


def main(argv: list[str]) -> int:
    """Update the English catalogue from the code (and optional extra .po files with translations)."""
    extras = [load(Path(p)) for p in argv]
    path = english_path()
    updated = merge(extract(), [load(path), *extras])
    write(updated, path)
    gaps = missing(updated)
    for text in gaps:
        print(f"zonder Engelse vertaling: {text!r}")  # noqa: T201 - a command-line report
    print(f"{len(updated)} berichten, {len(gaps)} zonder vertaling: {path}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
