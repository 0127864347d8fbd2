"""Materialisation of the published figures (`published_values`) from the observations.

Runs inside every write (`db.writing()`, before the snapshot is published), so the dashboard
only reads a ready table. Steps, all set-based SQL (sql/queries/engine_build.sql):
stored values and the figures computed from the directory → the inputs of totals (a commune
without its own value counts the sum of its arrondissements municipaux) → grid of cells where
each indicator exists → values computed from component territories (`somme`, `ratio` = 100 × Σnumerator / Σdenominator over the same components) →
stored beats computed → confidentiality (observatory/confidentiality.py) → publish.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from observatory import confidentiality, sqlstore

BUILD_STEPS = ("engine_build_components", "engine_build_partitions", "engine_build_directory",
               "engine_build_stored", "engine_build_inputs", "engine_build_grid",
               "engine_build_computed", "engine_build_cells")

# Directory indicators cover the current year and the 15 before it: enough for 5-year survival
# rates of ten cohorts, without a row per territory for every year since 1900.
DIRECTORY_YEARS = 16


def directory_years(today: dt.date | None = None) -> dict[str, int]:
    """Return the first and current year of the indicators computed from the directory."""
    current = (today or dt.date.today()).year
    return {"first_year": current - DIRECTORY_YEARS + 1, "current_year": current}


def build_cells(con: duckdb.DuckDBPyConnection) -> None:
    """Build the temporary work tables up to `engine_cells`, confidentiality applied."""
    step_params = {"engine_build_directory": directory_years}
    for name in BUILD_STEPS:
        sqlstore.write(con, name, step_params[name]() if name in step_params else None)
    confidentiality.apply_all(con)


def drop_work_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Remove the temporary work tables (they hold the secret values)."""
    sqlstore.write(con, "engine_build_drop")


def rebuild_published_values(con: duckdb.DuckDBPyConnection) -> int:
    """Rebuild `published_values` (replaced in one transaction); return its row count.

    The work tables are temporary and built outside the transaction: updating a table created
    in a still-open transaction made each secondary-suppression step 10 to 20 times slower and
    hold gigabytes (2,000,000 observations: minutes, then out of memory).
    """
    try:
        build_cells(con)
        con.execute("begin transaction")
        try:
            sqlstore.write(con, "engine_build_clear")
            sqlstore.write(con, "engine_build_publish")
            sqlstore.write(con, "engine_build_publish_by_territory")
            sqlstore.write(con, "engine_build_publish_secret_summary")
            sqlstore.write(con, "directory_rows_rewrite")
            con.execute("commit")
        except duckdb.Error:
            con.execute("rollback")
            raise
    finally:
        drop_work_tables(con)
    return sqlstore.scalar(con, "engine_build_published_count")
