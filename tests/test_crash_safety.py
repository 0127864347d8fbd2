"""A write interrupted between its commit and its snapshot: the next command, the dashboard's
start and its reruns publish again (the `PENDING` marker of observatory/db.py).

An interruption is simulated in this process by raising `Killed` at the moment a kill would
land: the working database keeps the commit, the marker stays, the snapshot stays behind. tests/test_crash_kills.py does it with real kill -9.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time

import duckdb
import pytest

from observatory import aggregation, cli, db, updates
from observatory.errors import RefusedBeforeWriting
from observatory.ui import connection
from tests.conftest import PROJECT_ROOT
from tests.importing import IMPORT_FIXTURES, Killed, fail_statement, killed

OBSERVATIONS = IMPORT_FIXTURES / "observations_cp1252.csv"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def batch_states(path) -> list[tuple]:
    """Return (batch id, rolled back?) of every batch of a database file, in order."""
    con = db.connect(path, read_only=True)
    try:
        return con.execute("select batch_id, rolled_back_at is not null from batches "
                           "order by batch_id").fetchall()
    finally:
        con.close()


def assert_published(path) -> None:
    """The snapshot holds the working database's batches, nothing is pending, checks pass."""
    snapshot = db.current_snapshot(path)
    assert not db.publication_pending(path)
    assert batch_states(snapshot) == batch_states(path)
    con = db.connect(snapshot, read_only=True)
    try:
        assert db.failed_checks(con) == {}
    finally:
        con.close()


def interrupted_import(reference_db, monkeypatch, target=db, name="publish_snapshot",
                       kill=killed) -> None:
    """Import the fixture file, killed where `target.name` is called (by `kill`)."""
    with monkeypatch.context() as patch:
        patch.setattr(target, name, kill)
        with pytest.raises(Killed):
            updates.apply_upload("observations", OBSERVATIONS.read_bytes(), OBSERVATIONS.name, "test")
    assert db.publication_pending(reference_db)
    assert batch_states(reference_db) == [(1, False), (2, False), (3, False)]
    assert batch_states(db.current_snapshot(reference_db)) == [(1, False), (2, False)]


def test_an_import_killed_before_its_snapshot_is_published_by_the_next_command(
        reference_db, capsys, monkeypatch):
    interrupted_import(reference_db, monkeypatch)
    code, out, _ = run(capsys, "batches", "--format", "json")
    assert code == 0
    assert [row["batch_id"] for row in json.loads(out)] == [3, 2, 1]
    assert_published(reference_db)


def test_a_dry_run_after_an_unpublished_import_reports_nothing_to_add(
        reference_db, capsys, monkeypatch):
    # Killed after the commit, before the figures were computed.
    interrupted_import(reference_db, monkeypatch, aggregation, "rebuild_published_values")
    code, out, _ = run(capsys, "import", "observations", str(OBSERVATIONS), "--dry-run",
                       "--format", "json")
    report = json.loads(out)
    assert (code, report["status"], report["inserted"], report["unchanged"]) == (0, "validated", 0, 4)
    assert_published(reference_db)
    con = db.connect(db.current_snapshot(reference_db), read_only=True)
    try:  # the figures of the caught-up snapshot include the killed import's rows
        assert con.execute("select count(*) from published_values where indicateur = 'budget'"
                           ).fetchall()[0][0] > 0
    finally:
        con.close()


def test_a_rollback_killed_after_its_commit_shows_as_rolled_back_after_catch_up(
        reference_db, capsys, monkeypatch):
    updates.apply_upload("observations", OBSERVATIONS.read_bytes(), OBSERVATIONS.name, "test")
    with monkeypatch.context() as patch:
        patch.setattr(db, "publish_snapshot", killed)
        with pytest.raises(Killed):
            updates.rollback(3, "camille")
    assert batch_states(db.current_snapshot(reference_db))[-1] == (3, False)
    code, out, _ = run(capsys, "batches")
    assert code == 0
    assert [line.split()[-1] for line in out.splitlines()[1:]] == ["camille", "appliqué", "appliqué"]
    assert "annulé le " in out.splitlines()[1]
    assert_published(reference_db)
    code, _, err = run(capsys, "rollback", "3")
    assert (code, err.startswith("Annulation refusée : Le lot n° 3 a déjà été annulé le ")) == (1, True)


def test_the_dashboard_start_publishes_a_base_ahead_of_its_snapshot(reference_db, monkeypatch):
    interrupted_import(reference_db, monkeypatch)
    connection.ensure_database()
    assert_published(reference_db)


def test_a_dashboard_rerun_publishes_a_write_killed_while_it_runs(reference_db, monkeypatch):
    monkeypatch.setitem(connection._last_catch_up, "at", -connection.CATCH_UP_RETRY_S)
    monkeypatch.setattr(connection, "reader", lambda: db.SnapshotReader(reference_db))
    before = connection.data_version()
    interrupted_import(reference_db, monkeypatch)
    after = connection.data_version()
    assert after != before
    assert_published(reference_db)
    assert connection.data_version() == after  # up to date: nothing published again


def test_a_copy_left_by_a_kill_during_publication_is_removed(reference_db, capsys, monkeypatch):
    def half_copy(source, target):
        with open(source, "rb") as origin, open(target, "wb") as copy:
            copy.write(origin.read(4096))
        raise Killed

    interrupted_import(reference_db, monkeypatch, db.shutil, "copyfile", half_copy)
    folder = db.snapshot_dir(reference_db)
    assert len(list(folder.glob("*.partial"))) == 1
    assert run(capsys, "batches")[0] == 0
    assert list(folder.glob("*.partial")) == []
    assert_published(reference_db)
    # Leftovers of any kind go at the next publication too.
    (folder / "1.partial").write_bytes(b"")
    (folder / "CURRENT.tmp").write_text("1.duckdb", encoding="utf-8")
    changed = b"indicateur;territoire;annee;valeur\npopulation;35238;2022;222 486\n"
    assert updates.apply_upload("observations", changed, "maj.csv", "test").updated == 1
    assert sorted(path.name for path in folder.iterdir() if not path.name.endswith(".duckdb")) == [
        "CURRENT"]


def test_refusals_leave_nothing_pending_and_failures_are_published_later(
        reference_db, capsys, monkeypatch):
    snapshot = db.current_snapshot(reference_db)
    rejected = updates.apply_upload("observations", b"indicateur;territoire;annee;valeur\nx;y;z;1\n",
                                    "faux.csv", "test")
    assert rejected.status == "rejected"
    empty = reference_db.parent / "vide.csv"
    empty.write_bytes(b"")
    assert run(capsys, "import", "observations", str(empty))[0] == 2  # unreadable
    assert run(capsys, "rollback", "9")[0] == 1
    assert (db.publication_pending(reference_db), db.current_snapshot(reference_db)) == (False, snapshot)
    with monkeypatch.context() as patch:
        fail_statement(patch, "import_insert_new_observations", "select error('disque plein') where ? is not null")
        assert run(capsys, "import", "observations", str(OBSERVATIONS))[0] == 2
    assert db.publication_pending(reference_db)  # a failure may have written: publish to be sure
    assert db.current_snapshot(reference_db) == snapshot
    # A refusal while a publication is pending does not clear it.
    with pytest.raises(RefusedBeforeWriting):
        updates.rollback(9, "test")
    assert db.publication_pending(reference_db)
    assert run(capsys, "batches")[0] == 0
    assert db.current_snapshot(reference_db) != snapshot
    assert_published(reference_db)


def test_a_file_that_changes_nothing_publishes_nothing(reference_db):
    first = updates.apply_upload("observations", OBSERVATIONS.read_bytes(), OBSERVATIONS.name, "test")
    snapshot = db.current_snapshot(reference_db)
    again = updates.apply_upload("observations", OBSERVATIONS.read_bytes(), OBSERVATIONS.name, "test")
    assert (first.inserted > 0, again.status, again.batch_id, again.unchanged) == (
        True, "applied", None, first.inserted)
    assert (db.publication_pending(reference_db), db.current_snapshot(reference_db)) == (False, snapshot)


def test_catching_up_never_waits_for_a_writer(reference_db, monkeypatch):
    interrupted_import(reference_db, monkeypatch)
    snapshot = db.current_snapshot(reference_db)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
         "print('held', flush=True); time.sleep(60)", str(reference_db)],
        cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        started = time.monotonic()
        assert db.catch_up(reference_db) is False
        monkeypatch.setitem(connection._last_catch_up, "at", -connection.CATCH_UP_RETRY_S)
        connection.catch_up()  # the dashboard skips silently too
        assert time.monotonic() - started < 2
        assert (db.publication_pending(reference_db), db.current_snapshot(reference_db)) == (
            True, snapshot)
    finally:
        holder.kill()
        holder.wait()
    # A writer of this process (another dashboard session) is not waited for either.
    taken, release = threading.Event(), threading.Event()

    def hold():
        with db._process_writer:
            taken.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    taken.wait(10)
    try:
        assert db.catch_up(reference_db) is False
    finally:
        release.set()
        thread.join()
    assert db.catch_up(reference_db) is True
    assert_published(reference_db)


def test_a_dry_run_waits_for_a_running_write_then_compares_with_its_result(
        reference_db, capsys, monkeypatch):
    interrupted_import(reference_db, monkeypatch)
    holder = subprocess.Popen(  # another process holding the working database until told
        [sys.executable, "-c", "import duckdb, sys; con = duckdb.connect(sys.argv[1]); "
         "print('held', flush=True); sys.stdin.readline()", str(reference_db)],
        cwd=PROJECT_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    # Let the holder go once the dry run's catch-up, the one that waits, has found the
    # database held (the command's own catch-up at its start gives up at once).
    waiting, refused = [], []
    real_catch_up, real_connect = db.catch_up, db.connect

    def catch_up(path=None, wait_s=0):
        waiting.append(wait_s > 0)
        return real_catch_up(path, wait_s)

    def connect(path, *args, **kwargs):
        try:
            return real_connect(path, *args, **kwargs)
        except duckdb.IOException:
            if waiting[-1:] == [True] and not refused:
                refused.append(path)
                holder.stdin.close()
            raise

    monkeypatch.setattr(db, "catch_up", catch_up)
    monkeypatch.setattr(db, "connect", connect)
    try:
        assert holder.stdout.readline() == "held\n"
        code, out, _ = run(capsys, "import", "observations", str(OBSERVATIONS), "--dry-run",
                           "--format", "json")
    finally:
        if not holder.stdin.closed:
            holder.stdin.close()
        holder.wait()
    assert refused == [reference_db]  # it did wait for the other process
    assert (code, json.loads(out)["inserted"], json.loads(out)["unchanged"]) == (0, 0, 4)
    assert_published(reference_db)


def test_an_interrupted_command_says_its_write_is_whole_or_absent(reference_db, capsys, monkeypatch):
    with monkeypatch.context() as patch:
        def interrupted(*args, **kwargs):
            raise KeyboardInterrupt

        patch.setattr(db, "publish_snapshot", interrupted)  # Ctrl+C after the commit
        code, _, err = run(capsys, "import", "observations", str(OBSERVATIONS))
    assert (code, err) == (130, "Interrompu : l'opération en cours a été appliquée entièrement "
                                "ou pas du tout ; « python -m observatory batches » montre "
                                "l'état de la base.\n")
    code, out, _ = run(capsys, "batches", "--format", "json")
    assert [row["batch_id"] for row in json.loads(out)] == [3, 2, 1]
    assert_published(reference_db)
