"""Page tests under AppTest: one demo database for the session, pages run on their own or routed."""

from __future__ import annotations

import os
from pathlib import Path
from unittest import mock

import pytest
from streamlit.testing.v1 import AppTest

from observatory import db, demo, outlines_shipped
from observatory.signin_guard import GUARD
from tests.conftest import PROJECT_ROOT, seen
from tests.databases import built_once, copy_database

TIMEOUT_S = 60


def build_demo_without_outlines(path: Path) -> None:
    with mock.patch.object(outlines_shipped, "load_shipped"), db.writing(path) as con:
        reports = demo.load_demo(con)
    assert all(report.status == "applied" for report in reports)


@pytest.fixture(scope="session")
def demo_database(demo_template, tmp_path_factory) -> Path:
    """A published demo database (with its shipped outlines): this worker's copy of the run's
    `init --demo` database."""
    return copy_database(demo_template, tmp_path_factory.mktemp("demo") / "observatory.duckdb")


@pytest.fixture(scope="session")
def demo_database_without_outlines(tmp_path_factory) -> Path:
    """The demo without outlines: a région whose maps fall back to circles (built once per run)."""
    template = built_once(tmp_path_factory, "demo-bare", build_demo_without_outlines)
    return copy_database(template, tmp_path_factory.mktemp("demo-bare") / "observatory.duckdb")


@pytest.fixture
def bare_demo_env(demo_database_without_outlines, monkeypatch) -> Path:
    """Point the dashboard at the demo without outlines (read-only use)."""
    monkeypatch.setenv("OBSERVATORY_DB", str(demo_database_without_outlines))
    return demo_database_without_outlines


@pytest.fixture(autouse=True)
def fresh_sign_in_counts():
    """The lock-out counts live in the process: each test starts with none."""
    GUARD.reset()
    yield
    GUARD.reset()


@pytest.fixture
def demo_env(demo_database, monkeypatch) -> Path:
    """Point the dashboard at the demo database (read-only use: never written by page tests)."""
    monkeypatch.setenv("OBSERVATORY_DB", str(demo_database))
    monkeypatch.delenv("OBSERVATORY_STAFF_PASSWORD", raising=False)
    monkeypatch.delenv("OBSERVATORY_STAFF_PASSWORD_HASH", raising=False)
    return demo_database


@pytest.fixture
def writable_demo(demo_template, tmp_path, monkeypatch) -> Path:
    """A private copy of the demo database (with its snapshots) for tests that write."""
    target = copy_database(demo_template, tmp_path / "observatory.duckdb")
    monkeypatch.setenv("OBSERVATORY_DB", str(target))
    return target


def page_test(page_file: str, params: dict[str, str | list[str]] | None = None) -> AppTest:
    """Return an AppTest of one page file run on its own, with URL parameters seeded."""
    app = AppTest.from_file(str(PROJECT_ROOT / page_file), default_timeout=TIMEOUT_S)
    for name, value in (params or {}).items():
        app.query_params[name] = value
    return app


def app_test(params: dict[str, str | list[str]] | None = None) -> AppTest:
    """Return an AppTest of the whole dashboard (router + frame)."""
    app = AppTest.from_file(str(PROJECT_ROOT / "dashboard.py"), default_timeout=TIMEOUT_S)
    for name, value in (params or {}).items():
        app.query_params[name] = value
    return app


def texts(app: AppTest) -> str:
    """Return every markdown, caption, info and warning text of a run, joined, as read."""
    parts = [element.value for kind in ("markdown", "caption", "info", "warning", "success",
                                         "error", "title", "header", "subheader")
             for element in getattr(app, kind)]
    return "\n".join(seen(part) for part in parts)


os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")


def open_data_tabs(app: AppTest) -> AppTest:
    """Open the « Données » tab of every figure panel and rerun (only the open tab runs)."""
    for key in [key for key in app.session_state if str(key).endswith(".tabs")]:
        app.session_state[key] = "Données"
    return app.run()


@pytest.fixture(scope="session")
def other_catalogue_database(tmp_path_factory) -> Path:
    """Corse with a catalogue of its own, headlines ranked à la une (tests/pages/other_catalogue.py)."""
    from tests.pages import other_catalogue

    return other_catalogue.build(tmp_path_factory.mktemp("corse") / "observatory.duckdb", True)


@pytest.fixture(scope="session")
def unranked_catalogue_database(tmp_path_factory) -> Path:
    """The same Corse catalogue without any `a_la_une` column."""
    from tests.pages import other_catalogue

    return other_catalogue.build(tmp_path_factory.mktemp("corse-bare") / "observatory.duckdb",
                                 False)


@pytest.fixture(params=["ranked", "unranked"])
def other_env(request, monkeypatch) -> tuple[Path, str]:
    """Point the dashboard at Corse (région 94), ranked or not; return (database, kind)."""
    path = request.getfixturevalue(f"{request.param}_catalogue_database"
                                   if request.param == "unranked" else "other_catalogue_database")
    monkeypatch.setenv("OBSERVATORY_DB", str(path))
    monkeypatch.setenv("OBSERVATORY_REGION", "94")
    return path, request.param


@pytest.fixture
def empty_env(tmp_path, monkeypatch) -> Path:
    """A published database without any territory (before `init --region` or the demo)."""
    path = tmp_path / "observatory.duckdb"
    with db.writing(path):
        pass
    monkeypatch.setenv("OBSERVATORY_DB", str(path))
    monkeypatch.setenv("OBSERVATORY_REGION", "94")
    monkeypatch.delenv("OBSERVATORY_STAFF_PASSWORD", raising=False)
    monkeypatch.delenv("OBSERVATORY_STAFF_PASSWORD_HASH", raising=False)
    return path
