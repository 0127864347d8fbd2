"""House rules that keep the code base readable: thin pages, Streamlit at the edge."""

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

# Pages read view state, call `observatory` and render: no database, no frames of their own.
FORBIDDEN_MODULES = ("duckdb", "pandas")
SQL_PATTERNS = (
    re.compile(r"\bselect\b[\s\S]+\bfrom\b", re.IGNORECASE),
    re.compile(r"\b(create|copy|insert|update|delete)\b\s+(table|into|from|view)\b", re.IGNORECASE),
    re.compile(r"\bcreate\s+(or\s+replace\s+)?(temp\w*\s+)?(table|view|macro|index|schema)\b",
               re.IGNORECASE),
    re.compile(r"\bcopy\b\s+[\w.\"]+\s+(from|to)\b", re.IGNORECASE),
    re.compile(r"\bupdate\b\s+[\w.\"]+\s+set\b", re.IGNORECASE),
    re.compile(r"\b(drop|alter)\s+(table|view)\b", re.IGNORECASE),
)
QUERY_METHODS = ("execute", "executemany", "sql")
PAGE_LINES_MAX = 60
# No module of the package over this (#13): a longer one mixes more than one concern.
MODULE_LINES_MAX = 400
# Every page's URL path, written out: links shared and embedded elsewhere must keep working.
URL_PATHS = ["accueil", "initiatives", "indicateurs", "territoire", "genre", "jeunesse",
             "economie-circulaire", "donnees-et-methodes", "import"]


def page_files() -> list[Path]:
    return sorted((PROJECT_ROOT / "pages").glob("*.py"))


def _forbidden(module: str | None) -> bool:
    return bool(module) and module.split(".")[0] in FORBIDDEN_MODULES


def _docstrings(tree: ast.AST) -> set[int]:
    """Return the ids of the docstring nodes (prose, never run)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                    and isinstance(first.value.value, str)):
                found.add(id(first.value))
    return found


def _texts(tree: ast.AST) -> list[tuple[int, str]]:
    """Return (line, text) of every string a page builds: constants, f-strings, `+` chains."""
    skipped = _docstrings(tree)
    texts = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
            texts.append((node.lineno, node.value))
        elif isinstance(node, ast.JoinedStr):
            texts.append((node.lineno, "".join(
                part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            folded = _folded(node)
            if folded is not None:
                texts.append((node.lineno, folded))
    return texts


def _folded(node: ast.AST) -> str | None:
    """Return the text of a `"..." + "..."` chain (None when a part is not a string constant)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _folded(node.left), _folded(node.right)
        return None if left is None or right is None else left + right
    return None


def thin_page_violations(source: str) -> list[str]:
    """Return why a page's source breaks the thin-page rule: an import of duckdb or pandas
    (any form, `__import__` and `importlib` too), SQL in a string, a query method called."""
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"line {node.lineno}: import {alias.name}" for alias in node.names
                      if _forbidden(alias.name)]
        elif isinstance(node, ast.ImportFrom) and _forbidden(node.module):
            found.append(f"line {node.lineno}: from {node.module} import")
        elif isinstance(node, ast.Call):
            name = (node.func.id if isinstance(node.func, ast.Name)
                    else node.func.attr if isinstance(node.func, ast.Attribute) else "")
            first = node.args[0] if node.args else None
            if (name in ("__import__", "import_module") and isinstance(first, ast.Constant)
                    and isinstance(first.value, str) and _forbidden(first.value)):
                found.append(f"line {node.lineno}: {name}({first.value!r})")
            if isinstance(node.func, ast.Attribute) and name in QUERY_METHODS:
                found.append(f"line {node.lineno}: .{name}() call")
    for line, text in _texts(tree):
        if any(pattern.search(text) for pattern in SQL_PATTERNS):
            found.append(f"line {line}: SQL {text[:60]!r}")
    return found


@pytest.mark.parametrize("source", [
    "import duckdb",
    "import os, duckdb",
    "import duckdb as db",
    "import duckdb.typing",
    "import pandas as pd",
    "from duckdb import connect",
    "from pandas import DataFrame",
    "from pandas.api import types",
    "def run():\n    import duckdb\n    return duckdb",
    "db = __import__('duckdb')",
    "import importlib\nframes = importlib.import_module('pandas')",
    'QUERY = """\n    SELECT code, nom\n      FROM territoires\n     WHERE niveau = 1\n"""',
    "QUERY = ('select code '\n         'from territoires')",
    "QUERY = 'select code ' + 'from territoires'",
    "QUERY = f'select {column} from territoires'",
    "QUERY = 'CREATE TABLE copie AS SELECT 1'",
    "QUERY = 'create or replace view v as select 1'",
    "QUERY = \"copy territoires to 'out.csv'\"",
    "QUERY = \"COPY territoires FROM 'in.csv'\"",
    "QUERY = 'insert into territoires values (1)'",
    "QUERY = 'update territoires set nom = 1'",
    "QUERY = 'delete from territoires'",
    "QUERY = 'drop table territoires'",
    "con.execute(query)",
    "con.sql(query)",
])
def test_the_thin_page_checker_catches_every_form_of_sql_and_database_import(source):
    assert thin_page_violations(source), source


@pytest.mark.parametrize("source", [
    '"""Select a territory from the sidebar: the docstring is prose."""\nimport streamlit as st',
    "from observatory import ui\nimport streamlit as st",
    "st.selectbox('Sélectionnez un territoire', options)",
    "st.info(view.t('Mettre à jour la sélection depuis la carte'))",
    "st.caption('Données copiées depuis le tableau ; mise à jour des tables : 2024')",
    "import pandas_like_helper",
])
def test_the_thin_page_checker_lets_ordinary_page_code_through(source):
    assert thin_page_violations(source) == [], source


def test_pages_contain_no_sql_and_do_not_import_duckdb_or_pandas():
    assert page_files()
    found = {path.name: thin_page_violations(path.read_text(encoding="utf-8"))
             for path in page_files()}
    assert {name: reasons for name, reasons in found.items() if reasons} == {}


def test_every_page_of_the_navigation_has_a_file():
    from observatory.ui.frame import PAGES

    assert sorted(PROJECT_ROOT / page.file for page in PAGES) == page_files()


def test_url_paths_of_the_pages_stay_as_published():
    from observatory.ui.frame import PAGES

    assert [page.url_path for page in PAGES] == URL_PATHS


def test_pages_stay_short():
    for path in page_files():
        assert len(path.read_text(encoding="utf-8").splitlines()) <= PAGE_LINES_MAX, path


def test_no_module_of_the_package_is_too_long():
    long = {str(path.relative_to(PROJECT_ROOT)): lines
            for path in sorted((PROJECT_ROOT / "observatory").rglob("*.py"))
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MODULE_LINES_MAX}
    assert long == {}


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
