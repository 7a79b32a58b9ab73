"""``hzw thema``: list, add, rename and retire themes; a bad change says why and changes nothing."""

from __future__ import annotations

from dashboard.cli import cli, run
from dashboard.data.themes import theme_rows, themes
from tests.test_cli import cli_db  # noqa: F401 - the fixture


def test_theme_commands(cli_db, capsys):  # noqa: F811
    assert run(cli, ["db", "upgrade"]) == 0
    db = cli_db
    assert run(cli, ["thema", "nieuw", "huisvesting"]) == 0
    assert run(cli, ["thema", "hernoem", "huisvesting", "wonen"]) == 0
    assert run(cli, ["thema", "vervallen", "wonen"]) == 0
    capsys.readouterr()
    assert run(cli, ["thema", "hernoem", "onbekend", "iets"]) == 1
    assert "Het thema 'onbekend' bestaat niet. Er is niets gewijzigd." in capsys.readouterr().err
    assert run(cli, ["thema"]) == 0
    assert "wonen (vervallen)" in capsys.readouterr().out.splitlines()
    assert "wonen" not in themes(db) and len(theme_rows(db)) == 7
