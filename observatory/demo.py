"""The demonstration data: Bretagne's territories from the shipped COG, then data/demo's files,
loaded through the same import path as any user file and flagged as demonstration batches."""

from __future__ import annotations

import gzip
from pathlib import Path

import duckdb

from observatory import territory_reference
from observatory.import_report import ImportReport
from observatory.importer import import_file
from observatory.settings import PROJECT_ROOT

DEMO_DIR = PROJECT_ROOT / "data" / "demo"
DEMO_REGION = "53"
# The files of data/demo in load order, after the territories; the observations of 1,202
# communes are 9 MB of CSV, 0.8 MB once compressed.
DEMO_FILES = {"indicateurs": "indicateurs.csv", "observations": "observations.csv.gz",
              "initiatives": "initiatives.csv"}


def read_demo_file(path: Path) -> bytes:
    """Return the CSV bytes of a demo file, decompressed when it is a .gz."""
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def load_demo(con: duckdb.DuckDBPyConnection, user: str = "démo") -> list[ImportReport]:
    """Load the demo région's territories and outlines as `init --region` does, then import the
    demo files in load order; stop at a rejected file. Returns the import reports (none for
    territories already up to date). The shipped outlines make the first map a real one."""
    territories = territory_reference.load_region(con, DEMO_REGION, user, demo=True)
    reports = [territories] if territories is not None else []
    if territories is not None and territories.status == "rejected":
        return reports
    for dataset, name in DEMO_FILES.items():
        path = DEMO_DIR / name
        report = import_file(con, dataset, read_demo_file(path), name, user, demo=True)
        reports.append(report)
        if report.status == "rejected":
            break
    return reports
