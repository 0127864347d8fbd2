"""Shared fixtures: a migrated in-memory database, a temporary working database, real outlines."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from observatory import db
from tests.importing import build_reference_database, open_copy

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


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """A working database built by `init --demo`, loaded and published once per module (read only)."""
    from observatory import cli

    path = tmp_path_factory.mktemp("cli-demo") / "observatory.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OBSERVATORY_DB", str(path))
        assert cli.main(["init", "--demo"]) == 0
        yield path


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
    """A database file holding the reference territories and indicators of tests/fixtures/import."""
    return build_reference_database(tmp_path_factory.mktemp("reference") / "template.duckdb")


@pytest.fixture
def ref(reference_template, tmp_path):
    """A fresh copy of the reference database, for import and batch tests."""
    connection = open_copy(reference_template, tmp_path)
    yield connection
    connection.close()
