"""Hostile CSV shapes, timed: a file whose header and rows end with N empty columns.

Excel pads exports up to column XFD (16,384); an attacker can pad far more. Reading once
cost time and memory quadratic in N (40 s at 10,000; over 120 s and 3 GB at 120,000); the
import must answer a 120,000-column padding in under 5 s with bounded memory. The command
line runs in a child process on a temporary database; its wall time and peak RSS are printed.

    python -m benchmarks.hostile_csv [--columns N] [--rows R]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
COLUMNS = 120_000
ROWS = 100
BUDGET_S = 5.0
BUDGET_RSS_MB = 600.0


def write_padded_file(path: Path, columns: int, rows: int) -> None:
    """Write a territory file: header and every row followed by `columns` empty cells."""
    padding = ";" * columns
    lines = [f"code;niveau;nom{padding}"]
    lines += [f"{35001 + index:05d};commune;Commune {index}{padding}" for index in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def measure(columns: int = COLUMNS, rows: int = ROWS, folder: Path | None = None) -> dict:
    """Import a padded file with `python -m observatory import` (dry run); return the figures."""
    with tempfile.TemporaryDirectory(prefix="hostile-csv-") as temporary:
        work = Path(folder or temporary)
        source = work / "padded.csv"
        write_padded_file(source, columns, rows)
        environment = dict(os.environ, OBSERVATORY_DB=str(work / "bench.duckdb"))
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "observatory", "import", "territoires", str(source),
             "--dry-run", "--format", "json"],
            cwd=PROJECT_ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = child.communicate()
        seconds = time.perf_counter() - started
        # The largest peak among this process's waited-for children: the one import (the
        # parent imports nothing heavy, so what fork carries over does not matter).
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        report = json.loads(out) if child.returncode in (0, 1) else {}
        return {"columns": columns, "rows": rows,
                "file_mb": round(source.stat().st_size / 1024 / 1024, 1),
                "seconds": round(seconds, 2), "peak_rss_mb": round(peak_kb / 1024, 1),
                "exit_code": child.returncode, "status": report.get("status"),
                "rows_read": report.get("rows_read"), "stderr": err.decode()[-500:]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hostile_csv",
                                     description="Temps et mémoire d'un fichier aux colonnes vides en fin de ligne.")
    parser.add_argument("--columns", type=int, default=COLUMNS, help=f"colonnes vides (défaut {COLUMNS})")
    parser.add_argument("--rows", type=int, default=ROWS, help=f"lignes de données (défaut {ROWS})")
    args = parser.parse_args(argv)
    figures = measure(args.columns, args.rows)
    # The same rows without padding: the floor (interpreter start, imports, database).
    floor = measure(0, args.rows)
    figures["floor_seconds"] = floor["seconds"]
    print(f"{figures['columns']} colonnes vides, {figures['rows']} lignes ({figures['file_mb']} Mo) : "
          f"{figures['seconds']} s (sans colonnes vides : {floor['seconds']} s), pic de mémoire "
          f"{figures['peak_rss_mb']} Mo, code de sortie {figures['exit_code']} ({figures['status']}) ; "
          f"budget {BUDGET_S} s, {BUDGET_RSS_MB} Mo.")
    print(json.dumps(figures, ensure_ascii=False))
    within = figures["seconds"] < BUDGET_S and figures["peak_rss_mb"] < BUDGET_RSS_MB
    return 0 if within and figures["exit_code"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
