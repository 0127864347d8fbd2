"""Real kill -9 of `python -m observatory import | rollback` at random moments, some during
the snapshot copy: after the next command, the snapshot equals the working database.

Each killed command left either nothing or its whole write (atomicity); the next command
(`batches`, run in this process) publishes what was left unpublished, removes partial copies,
and every integrity check passes on both files.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from observatory import cli, db
from observatory.import_benchmark import prepare_database, write_observations_file
from tests.conftest import PROJECT_ROOT
from tests.importing import database_checksum

KILLS = 22
COPY_KILLS = 6  # of which: killed as soon as a partial copy appears
ROWS = 10_000


def write_files(folder: Path) -> list[Path]:
    """Three observation files: 10,000 rows, the same with 10,000 more, the first with new values."""
    first = write_observations_file(folder / "premier.csv", ROWS)
    more = write_observations_file(folder / "davantage.csv", 2 * ROWS)
    changed = folder / "modifie.csv"
    with duckdb.connect() as con:
        con.execute(f"""copy (select * replace (valeur || '1' as valeur)
                              from read_csv('{first}', delim = ';', header = true, all_varchar = true))
                        to '{changed}' (delimiter ';', header true)""")
    return [first, more, changed]


def batch_states(path: Path) -> list[tuple]:
    con = db.connect(path, read_only=True)
    try:
        return con.execute("select batch_id, rolled_back_at is not null from batches "
                           "order by batch_id").fetchall()
    finally:
        con.close()


def checksum_and_checks(path: Path) -> tuple[dict, dict]:
    con = db.connect(path, read_only=True)
    try:
        return database_checksum(con), db.failed_checks(con)
    finally:
        con.close()


def start(database: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "observatory", *args], cwd=PROJECT_ROOT,
        env=dict(os.environ, OBSERVATORY_DB=str(database), PYTHONPATH=str(PROJECT_ROOT)),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_for_write(process: subprocess.Popen, database: Path) -> None:
    """Return once the command holds the working database (its PENDING marker is there)."""
    while process.poll() is None and not db.publication_pending(database):
        time.sleep(0.002)


def write_seconds(database: Path, *args: str) -> float:
    """Run a command to its end; return how long it held the working database."""
    process = start(database, *args)
    wait_for_write(process, database)
    started = time.monotonic()
    _, err = process.communicate()
    assert (process.returncode, err) == (0, b""), err.decode()
    return time.monotonic() - started


def kill_during_copy(process: subprocess.Popen, folder: Path) -> None:
    while process.poll() is None:
        if any(name.endswith(".partial") for name in os.listdir(folder)):
            process.send_signal(signal.SIGKILL)
            return
        time.sleep(0.0005)


@pytest.mark.slow
def test_kill_9_at_random_moments_never_leaves_the_snapshot_behind(tmp_path, monkeypatch, capsys):
    database = tmp_path / "observatory.duckdb"
    monkeypatch.setenv("OBSERVATORY_DB", str(database))
    prepare_database(database)
    files = write_files(tmp_path)
    folder = db.snapshot_dir(database)
    durations = {"import": write_seconds(database, "import", "observations", str(files[0])),
                 "rollback": write_seconds(database, "rollback", "3")}
    rng = random.Random(20261203)
    kills, seen = 0, {"publié": 0, "base en avance": 0, "copie partielle": 0,
                      "sans effet": 0, "terminé avant": 0}
    started = time.monotonic()
    for attempt in range(KILLS + 12):
        if kills >= KILLS:
            break
        before = batch_states(database)
        applied = [batch for batch, rolled_back in before if batch > 2 and not rolled_back]
        if applied and rng.random() < 0.4:
            kind, args = "rollback", ("rollback", str(applied[-1]))
            after = [(batch, rolled_back or batch == applied[-1]) for batch, rolled_back in before]
        else:
            kind, args = "import", ("import", "observations", str(rng.choice(files)))
            after = [*before, (before[-1][0] + 1, False)]
        process = start(database, *args)
        wait_for_write(process, database)
        if attempt % 4 == 3 and attempt // 4 < COPY_KILLS:
            kill_during_copy(process, folder)
        else:  # a random moment of the write: validation, commit, figures, copy, pointer
            time.sleep(rng.uniform(0, 1.1) * durations[kind])
            process.send_signal(signal.SIGKILL)
        process.wait()
        pending = db.publication_pending(database)
        if process.returncode != -signal.SIGKILL:
            assert process.returncode == 0, process.stderr.read().decode()
            seen["terminé avant"] += 1
        else:
            kills += 1
            partial = any(folder.glob("*.partial"))
            ahead = batch_states(database) != batch_states(db.current_snapshot(database))
            moment = ("copie partielle" if partial else "base en avance" if ahead
                      else "sans effet" if pending else "publié")
            seen[moment] += 1
        process.stderr.close()

        # The next command catches up.
        assert cli.main(["batches", "--format", "json"]) == 0
        listed = sorted((row["batch_id"], row["rolled_back_at"] is not None)
                        for row in json.loads(capsys.readouterr().out))
        states = batch_states(database)
        assert states in (before, after), (kind, before, states)
        assert listed == states == batch_states(db.current_snapshot(database))
        assert not db.publication_pending(database)
        assert sorted(path.name for path in folder.iterdir() if not path.name.endswith(".duckdb")
                      ) == ["CURRENT"]
        base, snapshot = (checksum_and_checks(database),
                          checksum_and_checks(db.current_snapshot(database)))
        assert base == snapshot and base[1] == {}, (kind, seen)
    print(f"\n{kills} kill -9 en {time.monotonic() - started:.0f} s :", seen)
    assert kills >= KILLS
    assert seen["base en avance"] >= 3 and seen["copie partielle"] >= 1, seen
