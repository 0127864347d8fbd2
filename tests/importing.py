"""Helpers shared by the import, batch and command-line tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from observatory import db, importer, sqlstore
from observatory.import_report import ImportReport

IMPORT_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"


def fixture_bytes(name: str) -> bytes:
    """Return the bytes of a file of tests/fixtures/import."""
    return (IMPORT_FIXTURES / name).read_bytes()


def load_reference(con) -> None:
    """Import the reference territories and indicators of tests/fixtures/import."""
    for dataset in ("territoires", "indicateurs"):
        report = importer.import_file(con, dataset, fixture_bytes(f"{dataset}.csv"),
                                      f"{dataset}.csv", "test")
        assert report.status == "applied", report.errors


def build_reference_database(path: Path) -> Path:
    """Write a working database holding the reference territories and indicators; return its path."""
    with db.writing(path) as con:
        load_reference(con)
    return path


def open_copy(template: Path, folder: Path) -> duckdb.DuckDBPyConnection:
    """Return a connection to a fresh copy of a database file (tests stay independent and fast)."""
    target = folder / "reference.duckdb"
    shutil.copyfile(template, target)
    return duckdb.connect(str(target))


def import_text(con, dataset: str, text: str, user: str = "test",
                dry_run: bool = False) -> ImportReport:
    """Import a CSV given as text (UTF-8) under the name `<dataset>.csv`."""
    return importer.import_file(con, dataset, text.encode("utf-8"), f"{dataset}.csv", user,
                                dry_run=dry_run)


def problems(report: ImportReport) -> list[tuple]:
    """Return (row, column, value) of every error of a report."""
    return [(error.row, error.column, error.value) for error in report.errors]


def database_checksum(con) -> dict[str, tuple]:
    """Return, per table of the database, its row count and an MD5 of all its rows in order; and sequences."""
    tables = [row[0] for row in con.execute(
        "select table_name from duckdb_tables() where not temporary order by table_name").fetchall()]
    sums = {
        table: con.execute(
            f"select count(*), md5(coalesce(string_agg(t::varchar, chr(10) order by t::varchar), '')) "
            f"from {table} as t").fetchall()[0]
        for table in tables
    }
    sums["sequences"] = tuple(con.execute(
        "select sequence_name, last_value from duckdb_sequences() order by 1").fetchall())
    return sums


def fail_statement(monkeypatch, name: str, failing_sql: str) -> None:
    """Make the named statement `name` run `failing_sql` instead (a simulated failure)."""
    real_sql = sqlstore.sql
    monkeypatch.setattr(sqlstore, "sql", lambda asked: failing_sql if asked == name else real_sql(asked))


class Killed(BaseException):
    """Stands for a kill -9 of a write: raised where the kill lands, nothing of the write runs
    after it (the working database keeps what was committed, the snapshot stays behind)."""


def killed(*args, **kwargs):
    """A replacement for the function a kill -9 would interrupt."""
    raise Killed
