"""Speed of the CSV import on a large generated `observations` file (issue 2: 1,000,000 rows < 10 s).

`python -m benchmarks import [--rows N]` builds a temporary working database with
a synthetic territory reference and catalogue, writes an observations file the way a
French spreadsheet exports it (`;`, decimal comma), and times three runs through the
same path as `python -m observatory import`: a first load (all inserted), the same file
again (all unchanged), and the file with one bad value near its end (rejected).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from observatory import db, sqlstore, updates
from observatory.commands.data import read_file
from observatory.import_report import ImportReport

INDICATORS_N = 40
COMMUNES_N = 1250
DEPARTEMENTS = ("22", "29", "35", "56")
BAD_VALUE = "12,5x"


def write_reference_files(folder: Path) -> tuple[Path, Path]:
    """Write territoires.csv (1 région, 4 départements, 1,250 communes) and indicateurs.csv (40)."""
    territoires = folder / "territoires.csv"
    lines = ["code;niveau;nom;region;departement", "53;region;Région de test;;"]
    lines += [f"{code};departement;Département {code};53;" for code in DEPARTEMENTS]
    for index in range(COMMUNES_N):
        departement = DEPARTEMENTS[index % len(DEPARTEMENTS)]
        code = f"{departement}{index // len(DEPARTEMENTS) + 1:03d}"
        lines.append(f"{code};commune;Commune {code};53;{departement}")
    territoires.write_text("\n".join(lines) + "\n", encoding="utf-8")
    indicateurs = folder / "indicateurs.csv"
    lines = ["code;libelle;theme;unite;agregation"]
    lines += [f"bench_{index:02d};Indicateur de test {index};contexte;nombre;somme"
              for index in range(INDICATORS_N)]
    indicateurs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return territoires, indicateurs


def write_observations_file(path: Path, rows: int, bad_row: int | None = None) -> Path:
    """Write `rows` observations (`;`, decimal comma); data row `bad_row` (1-based) gets a bad value."""
    years_n = -(-rows // (INDICATORS_N * COMMUNES_N))
    con = db.connect()
    try:
        con.sql(sqlstore.sql("import_benchmark_observations"), params={
            "departements": list(DEPARTEMENTS), "communes_n": COMMUNES_N,
            "indicators_n": INDICATORS_N, "years_n": years_n, "rows_n": rows,
            "bad_row": bad_row or -1, "bad_value": BAD_VALUE,
        }).write_csv(str(path), sep=";", header=True)
    finally:
        con.close()
    return path


def prepare_database(database: Path) -> None:
    """Create a working database holding the synthetic territories and indicators."""
    with tempfile.TemporaryDirectory(prefix="observatory-bench-") as folder:
        for reference in write_reference_files(Path(folder)):
            report = timed_import(database, reference, reference.stem)[1]
            assert report.status == "applied", report.errors[:3]


def timed_import(database: Path, file: Path, dataset: str = "observations") -> tuple[float, ImportReport]:
    """Return (seconds, report) of one import through the command line's path: read the file,
    validate, apply and publish a snapshot (a rejected file: validate only, publish nothing)."""
    started = time.perf_counter()
    data = read_file(file)
    report = updates.apply_upload(dataset, data, file.name, "benchmark", path=database)
    return time.perf_counter() - started, report


def measure(rows: int = 1_000_000, folder: Path | None = None) -> dict[str, float]:
    """Return the seconds taken by: first load, same file again, file rejected for one bad row."""
    with tempfile.TemporaryDirectory(prefix="observatory-bench-") as temporary:
        work = folder or Path(temporary)
        database = work / "bench.duckdb"
        prepare_database(database)
        good = write_observations_file(work / "observations.csv", rows)
        bad = write_observations_file(work / "observations_bad.csv", rows, bad_row=rows - 10)
        first_s, first = timed_import(database, good)
        again_s, again = timed_import(database, good)
        rejected_s, rejected = timed_import(database, bad)
        assert (first.status, first.inserted) == ("applied", rows), first.errors[:3]
        assert (again.inserted, again.updated, again.unchanged) == (0, 0, rows)
        assert rejected.status == "rejected" and rejected.errors[0].row == rows - 10 + 1
        return {"rows": rows, "file_mb": round(good.stat().st_size / 1e6, 1),
                "first_load_s": round(first_s, 2), "same_file_again_s": round(again_s, 2),
                "rejected_s": round(rejected_s, 2)}
