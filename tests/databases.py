"""Test databases built once per run and copied for each test that uses one.

Building a database through the importer takes from half a second (the reference territories
and indicators) to two seconds (`init --demo`); copying one takes milliseconds. So each kind is
built once per run, by the first xdist worker that needs it (the others wait on a file lock),
in pytest's temporary folder of the run, never in the checkout; tests get private copies of
the working database and of its published snapshots (`<db>.snapshots/`, `CURRENT` pointer
included), so no test sees another's writes, nor can it change the template.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from observatory import db

DATABASE_NAME = "observatory.duckdb"


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the temporary folder of this run, shared by its xdist workers."""
    base = tmp_path_factory.getbasetemp()
    # Under xdist each worker has `<run folder>/popen-gwN` (or `<--basetemp>/gwN`).
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str,
               build: Callable[[Path], object]) -> Path:
    """Return the working database `<run folder>/<name>/observatory.duckdb`, which `build(path)`
    writes the first time any worker of the run asks for it. Copy it, never open it."""
    root = run_folder(tmp_path_factory)
    folder = root / f"template-{name}"
    built = folder / "BUILT"
    with open(root / f"template-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not built.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a build that failed half-way
            folder.mkdir()
            path = folder / DATABASE_NAME
            build(path)
            # A closed DuckDB file holds everything: no write-ahead log to copy with it.
            assert not path.with_name(path.name + ".wal").exists()
            assert not db.publication_pending(path)
            built.write_text("built\n", encoding="utf-8")
    return folder / DATABASE_NAME


def copy_database(template: Path, target: Path) -> Path:
    """Copy a working database and its published snapshots to `target`; return `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    snapshots = db.snapshot_dir(template)
    if snapshots.is_dir():
        shutil.copytree(snapshots, db.snapshot_dir(target))
    return target
