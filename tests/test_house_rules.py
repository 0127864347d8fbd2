"""House rules that keep the code base readable: thin pages, Streamlit at the edge."""

import re
from pathlib import Path

from tests.conftest import PROJECT_ROOT

SQL_WORDS = re.compile(r"\b(select|insert|update|delete)\s.+\s(from|into|set)\b", re.IGNORECASE)
PAGE_LINES_MAX = 150


def page_files() -> list[Path]:
    return sorted((PROJECT_ROOT / "pages").glob("*.py"))


def test_every_page_of_the_navigation_has_a_file():
    from observatory.ui.frame import PAGES

    assert sorted(PROJECT_ROOT / page.file for page in PAGES) == page_files()


def test_pages_contain_no_sql_and_do_not_import_duckdb_or_pandas():
    for path in page_files():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+(duckdb|pandas)\b", text, re.MULTILINE), path
        assert not SQL_WORDS.search(text), path


def test_pages_stay_short():
    for path in page_files():
        assert len(path.read_text(encoding="utf-8").splitlines()) <= PAGE_LINES_MAX, path


def test_streamlit_is_imported_only_in_the_ui_package():
    for path in (PROJECT_ROOT / "observatory").rglob("*.py"):
        if "ui" in path.relative_to(PROJECT_ROOT / "observatory").parts[:1]:
            continue
        if "baseline_pages" in path.parts or "bench" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+streamlit\b", text, re.MULTILINE), path


def test_usage_statistics_are_off_and_static_serving_is_on():
    config = (PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert "gatherUsageStats = false" in config
    assert "enableStaticServing = true" in config


def test_databases_are_opened_only_through_db_connect():
    """`db.connect` turns DuckDB's progress bar off: it prints on stdout, into `--format json`."""
    opened = [path.relative_to(PROJECT_ROOT).as_posix()
              for path in (PROJECT_ROOT / "observatory").rglob("*.py")
              if "duckdb.connect(" in path.read_text(encoding="utf-8")]
    assert opened == ["observatory/db.py"]
