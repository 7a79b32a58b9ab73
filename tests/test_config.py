import datetime as dt
from pathlib import Path

import pytest

from dashboard.infra.config import ConfigError, load_settings

pytestmark = pytest.mark.zuiver


def test_defaults_use_embedded_sqlite_in_the_data_folder():
    settings = load_settings(environ={})
    assert settings.effective_database_url.startswith("sqlite:///")
    assert settings.effective_database_url.endswith("data/hzw.sqlite3")
    assert settings.peildatum is None


def test_environment_then_overrides_win():
    env = {"HZW_DATABASE_URL": "postgresql://x@h/db", "HZW_PEILDATUM": "2026-03-01", "HZW_PORT": "9000"}
    settings = load_settings(environ=env)
    assert settings.database_url == "postgresql://x@h/db"
    assert settings.peildatum == dt.date(2026, 3, 1)
    assert settings.port == 9000
    overridden = load_settings({"port": 8123, "data_dir": Path("/tmp/x")}, environ=env)
    assert overridden.port == 8123
    assert overridden.effective_database_url == "postgresql://x@h/db"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"HZW_PORT": "achtduizend"}, "HZW_PORT moet een geheel getal zijn"),
        ({"HZW_PEILDATUM": "1-3-2026"}, "HZW_PEILDATUM moet een datum zijn"),
        ({"HZW_CACHE_TIMEOUT": "-5"}, "mag niet negatief"),
    ],
)
def test_bad_environment_values_give_dutch_errors(env, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(environ=env)


def test_unknown_override_is_refused():
    with pytest.raises(ConfigError, match="Onbekende instelling"):
        load_settings({"databse_url": "x"}, environ={})
