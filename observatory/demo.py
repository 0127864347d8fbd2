"""The demonstration data: data/demo/*.csv, loaded through the same import path as any user file."""

from __future__ import annotations

import duckdb

from observatory.datasets import LOAD_ORDER
from observatory.importer import ImportReport, import_file
from observatory.settings import PROJECT_ROOT

DEMO_DIR = PROJECT_ROOT / "data" / "demo"


def load_demo(con: duckdb.DuckDBPyConnection, user: str = "démo") -> list[ImportReport]:
    """Import the four demo files in load order; stop after the first rejected one; return the reports."""
    reports = []
    for dataset in LOAD_ORDER:
        path = DEMO_DIR / f"{dataset}.csv"
        report = import_file(con, dataset, path.read_bytes(), path.name, user)
        reports.append(report)
        if report.status == "rejected":
            break
    return reports
