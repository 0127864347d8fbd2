"""The demonstration data: data/demo/*.csv, loaded through the same import path as any user file."""

from __future__ import annotations

import duckdb

from observatory import outlines_shipped
from observatory.datasets import LOAD_ORDER
from observatory.import_report import ImportReport
from observatory.importer import import_file
from observatory.settings import PROJECT_ROOT

DEMO_DIR = PROJECT_ROOT / "data" / "demo"
DEMO_REGION = "53"


def load_demo(con: duckdb.DuckDBPyConnection, user: str = "démo") -> list[ImportReport]:
    """Import the four demo files in load order, then the shipped outlines; stop at a rejected file.

    Returns the import reports. The outlines make the first map a real one (no network).
    """
    reports = []
    for dataset in LOAD_ORDER:
        path = DEMO_DIR / f"{dataset}.csv"
        report = import_file(con, dataset, path.read_bytes(), path.name, user, demo=True)
        reports.append(report)
        if report.status == "rejected":
            return reports
    outlines_shipped.load_shipped(con, DEMO_REGION)
    return reports
