"""Named SQL statements loaded from `sql/`: each starts with `-- name: some_query`.

A broken or duplicate name fails at load time (start-up), not when a page asks. Statements
run through `execute` (or `query_frame`): a failing one is logged with its name and parameters.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from observatory.errors import UnknownQuery

log = logging.getLogger(__name__)

SQL_ROOT = Path(__file__).resolve().parent.parent / "sql"
NAMED_FOLDERS = ("queries", "views", "checks")
_NAME_LINE = re.compile(r"^--\s*name:\s*(\S+)\s*$", re.MULTILINE)
_VALID_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def parse_named_statements(text: str, origin: str) -> dict[str, str]:
    """Return {name: statement} for every `-- name:` block of one SQL file."""
    parts = _NAME_LINE.split(text)
    if parts[0].strip() and not all(
        line.startswith("--") or not line.strip() for line in parts[0].splitlines()
    ):
        raise ValueError(f"{origin}: SQL before the first '-- name:' line")
    statements: dict[str, str] = {}
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        if not _VALID_NAME.match(name):
            raise ValueError(f"{origin}: invalid statement name {name!r}")
        if name in statements:
            raise ValueError(f"{origin}: duplicate statement name {name!r}")
        if not body.strip():
            raise ValueError(f"{origin}: statement {name!r} is empty")
        statements[name] = body.strip().rstrip(";")
    return statements


@cache
def load_statements(root: Path = SQL_ROOT) -> dict[str, tuple[str, str]]:
    """Return {name: (folder, sql)} for every named statement under `root`."""
    found: dict[str, tuple[str, str]] = {}
    for folder in NAMED_FOLDERS:
        for path in sorted((root / folder).glob("*.sql")):
            for name, sql in parse_named_statements(path.read_text("utf-8"), str(path)).items():
                if name in found:
                    raise ValueError(f"{path}: statement name {name!r} already used")
                found[name] = (folder, sql)
    return found


def sql(name: str) -> str:
    """Return the SQL text of the named statement."""
    try:
        return load_statements()[name][1]
    except KeyError:
        raise UnknownQuery(f"Requête inconnue « {name} ».") from None


def execute(con, name: str, params=None):
    """Run the named statement with its values bound; return the cursor (`con.execute`'s).

    A DuckDB failure is logged with the statement's name and parameters, then raised as is
    (without its traceback: whoever catches it decides what the user sees).
    """
    try:
        return con.execute(sql(name), params)
    except duckdb.Error as error:
        log.error("Named statement %s failed with parameters %r: %s", name, params, error)
        raise


def query_frame(con, name: str, params=None) -> pd.DataFrame:
    """Return the named query's rows as a DataFrame (values bound, never formatted in)."""
    return execute(con, name, params).df()


def names_in(folder: str) -> list[str]:
    """Return the statement names of one folder (`queries`, `views`, `checks`)."""
    return [name for name, (where, _) in load_statements().items() if where == folder]


def migrations(root: Path = SQL_ROOT) -> list[tuple[int, str, str]]:
    """Return (version, file name, DDL) for every numbered file of `sql/schema`, in order."""
    found = []
    for path in sorted((root / "schema").glob("*.sql")):
        version = int(path.name.split("_", 1)[0])
        found.append((version, path.name, path.read_text("utf-8")))
    versions = [version for version, _, _ in found]
    if len(set(versions)) != len(versions):
        raise ValueError("sql/schema: two migrations share a number")
    return found
