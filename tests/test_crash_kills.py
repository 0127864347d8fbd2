"""Real kill -9 of `import` and `rollback` commands: after the next command, the snapshot
equals the working database.

The commands run in processes of their own (tests/crash_runner.py) and are killed at a random
moment of their write, a random moment after their commit, or during the snapshot copy. Each
left either nothing or its whole write (atomicity); the next command (`batches`, run in this
process) publishes what was left unpublished and removes partial copies; both files then hold
the same batches, and every integrity check passes.
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

from benchmarks.import_speed import prepare_database, write_observations_file
from observatory import cli, db
from tests.conftest import PROJECT_ROOT
from tests.importing import database_checksum

KILLS = 20
COPY_KILLS = 5  # attempts killed as soon as a partial copy appears
ROWS = 5_000


def write_files(folder: Path) -> list[Path]:
    """Three observation files: ROWS rows, the same with ROWS more, the first with new values."""
    first = write_observations_file(folder / "premier.csv", ROWS)
    more = write_observations_file(folder / "davantage.csv", 2 * ROWS)
    changed = folder / "modifie.csv"
    with duckdb.connect() as con:
        con.execute(f"""copy (select * replace (valeur || '1' as valeur)
                              from read_csv('{first}', delim = ';', header = true, all_varchar = true))
                        to '{changed}' (delimiter ';', header true)""")
    return [first, more, changed]


def inspect(path: Path, checksum: bool = False) -> tuple[list[tuple], dict, dict | None]:
    """Return a database file's (batch id, rolled back?) in order, failed checks, checksum."""
    con = db.connect(path, read_only=True)
    try:
        states = con.execute("select batch_id, rolled_back_at is not null from batches "
                             "order by batch_id").fetchall()
        return states, db.failed_checks(con), database_checksum(con) if checksum else None
    finally:
        con.close()


MOMENTS = ("terminé avant", "sans effet", "base en avance", "copie partielle", "publié")


def where_killed(code: int, partial: bool, pending: bool, unpublished: bool, applied: bool) -> str:
    """Name the moment a command was killed from what it left (see MOMENTS)."""
    if code != -signal.SIGKILL:
        return "terminé avant"
    if partial:
        return "copie partielle"
    if pending and applied and unpublished:
        return "base en avance"  # committed, snapshot not yet replaced
    return "sans effet" if pending and not applied else "publié"


class Runner:
    """tests/crash_runner.py in a process of its own: commands forked, killed on order."""

    def __init__(self, database: Path, errors: Path):
        self.errors = errors
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.crash_runner"], cwd=PROJECT_ROOT, text=True,
            env=dict(os.environ, OBSERVATORY_DB=str(database), PYTHONPATH=str(PROJECT_ROOT),
                     OPENBLAS_NUM_THREADS="1"),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors.open("w"))

    def run(self, args: tuple[str, ...], kill: str = "never", delay_s: float = 0) -> dict:
        order = {"args": list(args), "kill": kill, "delay_s": delay_s}
        self.process.stdin.write(json.dumps(order) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        assert answer, self.errors.read_text()
        return json.loads(answer)

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(10)


@pytest.mark.slow
def test_kill_9_at_random_moments_never_leaves_the_snapshot_behind(tmp_path, monkeypatch, capsys):
    database = tmp_path / "observatory.duckdb"
    monkeypatch.setenv("OBSERVATORY_DB", str(database))
    prepare_database(database)
    files = write_files(tmp_path)
    runner = Runner(database, tmp_path / "commands.err")
    try:
        kills, seen = run_and_kill(runner, database, files, capsys)
    finally:
        runner.close()
    assert kills >= KILLS
    assert seen["base en avance"] >= 2 and seen["copie partielle"] >= 1, seen


def run_and_kill(runner: Runner, database: Path, files: list[Path], capsys) -> tuple[int, dict]:
    folder = db.snapshot_dir(database)
    durations = {}
    for kind, args in (("import", ("import", "observations", str(files[0]))),
                       ("rollback", ("rollback", "3"))):
        answer = runner.run(args)
        assert answer["code"] == 0, runner.errors.read_text()
        durations[kind] = answer["write_s"]
    rng = random.Random(20261203)
    kills, seen = 0, dict.fromkeys(MOMENTS, 0)
    started = time.monotonic()
    before = inspect(database)[0]
    for attempt in range(KILLS + 20):
        if kills >= KILLS and seen["base en avance"] >= 2 and seen["copie partielle"] >= 1:
            break
        applied = [batch for batch, rolled_back in before if batch > 2 and not rolled_back]
        if applied and rng.random() < 0.4:
            kind, args = "rollback", ("rollback", str(applied[-1]))
            after = [(batch, rolled_back or batch == applied[-1]) for batch, rolled_back in before]
        else:
            kind, args = "import", ("import", "observations", str(rng.choice(files)))
            after = [*before, (before[-1][0] + 1, False)]
        published = db.current_snapshot(database)
        if attempt % 4 == 3 and attempt // 4 < COPY_KILLS:
            answer = runner.run(args, "copy")
        elif attempt % 4 == 1:  # from the commit on: the figures, the checkpoint, the copy
            answer = runner.run(args, "commit", rng.uniform(0, 0.3) * durations[kind])
        else:  # a random moment of the write: validation, commit, figures, copy, pointer
            answer = runner.run(args, "after", rng.uniform(0, 0.9) * durations[kind])
        code = answer["code"]
        if code == 0:  # the shortest write seen: fewer commands end before their kill
            durations[kind] = min(durations[kind], answer["write_s"])
        assert code in (0, -signal.SIGKILL), runner.errors.read_text()
        left = (any(folder.glob("*.partial")), db.publication_pending(database),
                db.current_snapshot(database) == published)

        # The next command catches up.
        assert cli.main(["batches", "--format", "json"]) == 0
        listed = sorted((row["batch_id"], row["rolled_back_at"] is not None)
                        for row in json.loads(capsys.readouterr().out))
        moment = where_killed(code, *left, applied=inspect(database)[0] != before)
        seen[moment] += 1
        kills += code == -signal.SIGKILL
        snapshot = db.current_snapshot(database)
        # What a kill left was published whole, figures included: both files are equal.
        interesting = moment in ("base en avance", "copie partielle")
        states, failed, checksum = inspect(database, checksum=interesting)
        assert states in (before, after), (kind, before, states)
        assert (listed, failed) == (states, {})
        assert inspect(snapshot, checksum=interesting) == (states, {}, checksum)
        assert not db.publication_pending(database)
        assert sorted(path.name for path in folder.iterdir() if not path.name.endswith(".duckdb")
                      ) == ["CURRENT"]
        before = states
    print(f"\n{kills} kill -9 en {time.monotonic() - started:.0f} s :", seen)
    return kills, seen
