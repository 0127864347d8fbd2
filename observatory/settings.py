"""One settings registry: name, default, help; overridden by the environment or secrets.

Precedence: environment variable, then `.streamlit/secrets.toml` (top-level key of
the same name), then the default. The README documents every setting (a test checks).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from observatory.errors import ConfigurationError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("OBSERVATORY_DB", "data/observatory.duckdb",
            "Working database file (relative paths start at the project root)."),
    Setting("OBSERVATORY_REGION", "53",
            "INSEE code of the région the observatory covers (53 = Bretagne)."),
    Setting("OBSERVATORY_UPLOAD_MAX_MB", "200",
            "Largest CSV file accepted by the import, in megabytes."),
    Setting("OBSERVATORY_STAFF_PASSWORD_HASH", "",
            "Staff password for the Import page, as `scrypt$<salt hex>$<hash hex>` "
            "(make one with `python -m observatory hash-password`)."),
    Setting("OBSERVATORY_STAFF_PASSWORD", "",
            "Plain staff password, for local use only; hashed in memory at start-up."),
    Setting("OBSERVATORY_GEO_API_URL", "https://geo.api.gouv.fr",
            "Base URL of the API Découpage administratif used by `geo download`."),
    Setting("OBSERVATORY_LANG", "fr", "Default interface language (`fr` or `en`)."),
    Setting("OBSERVATORY_DEMO_ON_FIRST_START", "1",
            "Load the demonstration data when the dashboard starts with no database."),
    Setting("OBSERVATORY_STAFF_EMAILS", "",
            "With OIDC sign-in, the accounts allowed on the Import page: addresses or "
            "`@domain`, comma-separated, case-insensitive; empty refuses everyone."),
    Setting("OBSERVATORY_STATIC_DIR", "static",
            "Folder the map outlines are written to (relative paths start at the project "
            "root). Streamlit serves only `static/` next to dashboard.py: another folder "
            "must be where that one links to."),
)

_BY_NAME = {setting.name: setting for setting in SETTINGS}


@cache
def _secrets() -> dict:
    path = PROJECT_ROOT / ".streamlit" / "secrets.toml"
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigurationError(
            f"Le fichier {path} est illisible ({error}) : corrigez sa syntaxe TOML."
        ) from error


def get(name: str) -> str:
    """Return the current value of a registered setting, as text."""
    if name not in _BY_NAME:
        raise KeyError(f"unregistered setting {name}")
    if name in os.environ:
        return os.environ[name]
    secret = _secrets().get(name)
    if secret is not None:
        return str(secret)
    return _BY_NAME[name].default


def get_int(name: str) -> int:
    """Return a registered setting as an integer, with a French error if it is not one."""
    value = get(name)
    try:
        return int(value)
    except ValueError as error:
        raise ConfigurationError(
            f"Le réglage {name} vaut « {value} » : un nombre entier est attendu."
        ) from error


def database_path() -> Path:
    """Return the working database path, absolute."""
    return _project_path("OBSERVATORY_DB")


def static_dir() -> Path:
    """Return the folder the static outline files are written to, absolute."""
    return _project_path("OBSERVATORY_STATIC_DIR")


def _project_path(name: str) -> Path:
    path = Path(get(name))
    return path if path.is_absolute() else PROJECT_ROOT / path


def secrets_table(name: str) -> dict:
    """Return a table of `.streamlit/secrets.toml` (e.g. `auth`), or an empty dict."""
    value = _secrets().get(name)
    return value if isinstance(value, dict) else {}
