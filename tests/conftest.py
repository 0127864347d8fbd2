"""Shared fixtures: a migrated in-memory database, a temporary working database, real outlines."""

from __future__ import annotations

import os
import re
import tempfile
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from hypothesis.configuration import set_hypothesis_home_dir

from observatory import db, demo, territory_reference
from tests.databases import built_once, copy_database
from tests.importing import build_reference_database, open_copy

# Hypothesis keeps its examples and caches in ./.hypothesis by default, that is in the
# checkout; set before any test module is collected.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "observatory-hypothesis")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_GEO = PROJECT_ROOT.parent / "shared" / "geo"
# Tiers by folder; `fast` is the developer tier (`pytest -m fast`, under a minute).
FOLDER_TIERS = {"browser": pytest.mark.browser, "pages": pytest.mark.pages}


def pytest_collection_modifyitems(items):
    for item in items:
        folder = Path(item.fspath).relative_to(PROJECT_ROOT / "tests").parts[0]
        if folder in FOLDER_TIERS:
            item.add_marker(FOLDER_TIERS[folder])
        elif not any(item.get_closest_marker(name) for name in ("slow", "bench")):
            item.add_marker(pytest.mark.fast)


@pytest.fixture(scope="session", autouse=True)
def writes_outside_the_checkout(tmp_path_factory):
    """Tests never write into the checkout: map outlines and test output go to pytest's tmp.

    OBSERVATORY_TEST_OUTPUT (screenshots, benchmark figures) is kept when given.
    """
    saved = {name: os.environ.get(name) for name in ("OBSERVATORY_STATIC_DIR",
                                                      "OBSERVATORY_TEST_OUTPUT")}
    os.environ["OBSERVATORY_STATIC_DIR"] = str(tmp_path_factory.mktemp("static"))
    os.environ.setdefault("OBSERVATORY_TEST_OUTPUT", str(tmp_path_factory.mktemp("test-output")))
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def seen(markdown: str) -> str:
    """Return what a reader sees of Markdown made by `textsafety.markdown`: CommonMark shows an
    escaped punctuation character as itself, and the word joiner is invisible."""
    return _ESCAPE.sub(r"\1", str(markdown)).replace("\u2060", "")


def output_dir(kind: str) -> Path:
    """Return (created) the folder of a kind of test output: `browser`, `bench`…"""
    folder = Path(os.environ["OBSERVATORY_TEST_OUTPUT"]) / kind
    folder.mkdir(parents=True, exist_ok=True)
    return folder


DEMO_STATEMENTS = "statements-asked.txt"


def build_demo_database(path: Path) -> None:
    """Write at `path` the working database `init --demo` makes, loaded and published, and
    beside it the names of the SQL statements it asked for (tests/test_named_queries.py)."""
    from observatory import cli, sqlstore

    asked: set[str] = set()
    real_sql = sqlstore.sql

    def recording(name: str) -> str:
        asked.add(name)
        return real_sql(name)

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OBSERVATORY_DB", str(path))
        patch.setattr(sqlstore, "sql", recording)
        assert cli.main(["init", "--demo"]) == 0
    (path.parent / DEMO_STATEMENTS).write_text("".join(f"{name}\n" for name in sorted(asked)),
                                               encoding="utf-8")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The working database built by `init --demo`, once per run (copy it, never open it)."""
    return built_once(tmp_path_factory, "demo", build_demo_database)


@pytest.fixture(scope="session")
def demo_statements(demo_template) -> frozenset[str]:
    """The named SQL statements `init --demo` asked for while building `demo_template`."""
    return frozenset((demo_template.parent / DEMO_STATEMENTS).read_text("utf-8").split())


@pytest.fixture
def demo_db(demo_template, tmp_path) -> Path:
    """A private copy of the `init --demo` database, with its published snapshot."""
    return copy_database(demo_template, tmp_path / "demo" / "observatory.duckdb")


@pytest.fixture
def use_demo(demo_db, monkeypatch):
    """Point the command line at `demo_db`."""
    monkeypatch.setenv("OBSERVATORY_DB", str(demo_db))
    return demo_db


@pytest.fixture
def con():
    """A migrated, empty in-memory database."""
    connection = db.connect_memory()
    yield connection
    connection.close()


@pytest.fixture
def tmp_db(tmp_path, monkeypatch) -> Path:
    """A working database path in a temporary folder, set as OBSERVATORY_DB."""
    path = tmp_path / "observatory.duckdb"
    monkeypatch.setenv("OBSERVATORY_DB", str(path))
    return path


@pytest.fixture(scope="session")
def shared_geo() -> Path:
    """The team's real IGN/INSEE boundaries in ../shared/geo (skip when absent)."""
    if not (SHARED_GEO / "communes-bretagne.geojson").is_file():
        pytest.skip(
            f"real boundaries not found in {SHARED_GEO}: this clone has no ../shared/geo "
            "(team fixtures, not part of the repository)"
        )
    return SHARED_GEO


@pytest.fixture(scope="session")
def reference_template(tmp_path_factory) -> Path:
    """A published working database holding the reference territories and indicators of
    tests/fixtures/import, built once per run (copy it, never open it)."""
    return built_once(tmp_path_factory, "reference", build_reference_database)


@pytest.fixture
def reference_db(reference_template, tmp_db) -> Path:
    """OBSERVATORY_DB: a private published copy of the reference territories and indicators."""
    return copy_database(reference_template, tmp_db)


@pytest.fixture
def ref(reference_template, tmp_path):
    """A fresh copy of the reference database, for import and batch tests."""
    connection = open_copy(reference_template, tmp_path)
    yield connection
    connection.close()


@cache
def demo_territories() -> pd.DataFrame:
    """The demo's territories as `init --demo` imports them (the région file made from the
    shipped COG), every column text: for checks made straight from the files."""
    con = db.connect()
    try:
        return territory_reference.region_territories(con, demo.DEMO_REGION).astype("string")
    finally:
        con.close()
