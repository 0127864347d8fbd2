"""Connections, migrations and published snapshots of the observatory database.

DuckDB lets one process open a file for writing, and while it does no other process
can even read it. So the working database (`OBSERVATORY_DB`) is opened only for the
length of a write (import, rollback, init, geo), and every write ends by publishing a
read-only copy: `<db>.snapshots/<n>.duckdb`, named by the `CURRENT` pointer file,
which is replaced atomically. The dashboard reads the current snapshot only, so it
never blocks an import, and never sees a half-applied batch.

A write killed between its commit and the end of its publication would leave the
snapshot behind the working database. So every write first leaves a `PENDING` marker
beside the snapshots (while it holds the lock, before changing anything) and removes it
once its snapshot is published. A marker found while nobody holds the lock is therefore
the trace of an interrupted write: `catch_up()` publishes again. It costs one `stat` when
the snapshot is current, and never waits for a running write (that one publishes itself).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from observatory import aggregation, settings, sqlstore
from observatory.errors import DatabaseBusy, ObservatoryError, RefusedBeforeWriting

log = logging.getLogger(__name__)
SNAPSHOTS_KEPT = 3
LOCK_WAIT_S = 30.0


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the pending `sql/schema` migrations, then (re)create the views; return applied files."""
    con.execute(
        "create table if not exists schema_migrations ("
        " version integer primary key, file_name text not null, applied_at timestamptz not null)"
    )
    done = {row[0] for row in con.execute("select version from schema_migrations").fetchall()}
    applied = []
    for version, file_name, ddl in sqlstore.migrations():
        if version in done:
            continue
        con.execute("begin transaction")
        try:
            con.execute(ddl)
            con.execute(
                "insert into schema_migrations values (?, ?, current_timestamp)",
                [version, file_name],
            )
            con.execute("commit")
        except duckdb.Error:
            con.execute("rollback")
            raise
        applied.append(file_name)
    create_views(con)
    return applied


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create every derived view of `sql/views`, in file and name order."""
    for name in sqlstore.names_in("views"):
        sqlstore.write(con, name)


def failed_checks(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Run every integrity check of `sql/checks`; return {check name: offending rows} for those that fail."""
    failed = {}
    for name in sqlstore.names_in("checks"):
        rows = sqlstore.rows(con, name)
        if rows:
            failed[name] = rows
    return failed


def connect(path: Path | str = ":memory:", read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB database without its progress bar (its cursors inherit the setting).

    DuckDB prints the bar on stdout for queries over 2 s, which would corrupt the command
    line's `--format json` output and the server's log.
    """
    con = duckdb.connect(str(path), read_only=read_only)
    con.execute("set enable_progress_bar = false")
    return con


def connect_memory() -> duckdb.DuckDBPyConnection:
    """Return a migrated in-memory database (tests, benchmarks)."""
    con = connect()
    migrate(con)
    return con


def _open_for_writing(path: Path, wait_s: float) -> duckdb.DuckDBPyConnection:
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return connect(path)
        except duckdb.IOException as error:
            if "lock" not in str(error).lower():
                raise ObservatoryError(
                    f"La base {path} ne peut pas être ouverte : {error}"
                ) from error
            if time.monotonic() >= deadline:
                raise DatabaseBusy(
                    "Une autre mise à jour de la base est en cours : "
                    "réessayez dans quelques instants."
                ) from error
            time.sleep(0.2)


# DuckDB's file lock keeps other processes out while one writes, but connections of the same
# process share one database instance: two dashboard sessions applying at once would conflict
# (a TransactionException for one of them). Writers of this process take turns.
_process_writer = threading.RLock()
# A thread inside a write must not try to catch up: the RLock and DuckDB's shared instance
# would let it in, and it would publish a half-done write.
_this_thread = threading.local()


@contextlib.contextmanager
def _exclusive(path: Path, wait_s: float) -> Iterator[duckdb.DuckDBPyConnection]:
    """Hold the working database alone (this process's writers, then DuckDB's file lock)."""
    if not _process_writer.acquire(timeout=wait_s):
        raise DatabaseBusy("Une autre mise à jour de la base est en cours : "
                           "réessayez dans quelques instants.")
    try:
        con = _open_for_writing(path, wait_s)
        outer, _this_thread.writing = getattr(_this_thread, "writing", False), True
        try:
            yield con
        finally:
            _this_thread.writing = outer
            con.close()
    finally:
        _process_writer.release()


@contextlib.contextmanager
def writing(path: Path | None = None, wait_s: float = LOCK_WAIT_S) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the working database for one write, then publish a fresh snapshot.

    A write refused before changing anything (`RefusedBeforeWriting`) publishes nothing; any
    other failure leaves the publication pending, for the next command to catch up.
    """
    path = path or settings.database_path()
    with _exclusive(path, wait_s) as con:
        already_behind = publication_pending(path)
        _mark_pending(path)
        upgraded = migrate(con)
        try:
            yield con
        except RefusedBeforeWriting:
            if not (already_behind or upgraded):
                _pending_marker(path).unlink(missing_ok=True)
            raise
        _publish(con, path)


def catch_up(path: Path | None = None, wait_s: float = 0) -> bool:
    """Publish the working database if a write stopped before publishing; True if it did.

    One `stat` when the snapshot is current. While another writer holds the database,
    return False at once (`wait_s=0`: that writer publishes when it ends), or wait for it
    up to `wait_s` seconds.
    """
    path = path or settings.database_path()
    if not publication_pending(path) or getattr(_this_thread, "writing", False):
        return False
    if not path.is_file():  # the working database was removed: nothing to publish
        _pending_marker(path).unlink(missing_ok=True)
        return False
    try:
        with _exclusive(path, wait_s) as con:
            if not publication_pending(path):  # the writer published in the meantime
                return False
            log.warning("publishing %s: a write stopped before its snapshot was published", path)
            migrate(con)
            _publish(con, path)
            return True
    except DatabaseBusy:
        if wait_s:
            raise
        return False


def publication_pending(path: Path | None = None) -> bool:
    """Return True while the working database may hold changes its snapshot lacks."""
    return _pending_marker(path or settings.database_path()).exists()


def _pending_marker(path: Path) -> Path:
    return snapshot_dir(path) / "PENDING"


def _mark_pending(path: Path) -> None:
    # Synced to disk: it must outlive the commit it announces, even across a power cut.
    folder = snapshot_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(_pending_marker(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(descriptor, f"{os.getpid()}\n".encode())
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _publish(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """End a write: compute the figures, publish the snapshot, then clear the pending marker."""
    # Figures are computed at write time so readers only read (issue 3).
    aggregation.rebuild_published_values(con)
    publish_snapshot(con, path)
    _pending_marker(path).unlink(missing_ok=True)


def schema_behind(snapshot: Path) -> bool:
    """Return True when a published snapshot lacks a migration of this code (an upgrade)."""
    con = connect(snapshot, read_only=True)
    try:
        done = {row[0] for row in con.execute("select version from schema_migrations").fetchall()}
    finally:
        con.close()
    return any(version not in done for version, _, _ in sqlstore.migrations())


def snapshot_dir(path: Path) -> Path:
    return path.with_name(path.name + ".snapshots")


def publish_snapshot(con: duckdb.DuckDBPyConnection, path: Path) -> Path:
    """Checkpoint the working database, copy it and point `CURRENT` at the copy.

    Called with the working database held alone: any partial copy found is a killed write's.
    """
    con.execute("checkpoint")
    folder = snapshot_dir(path)
    folder.mkdir(parents=True, exist_ok=True)
    _remove_partial_copies(folder)
    target = folder / f"{time.time_ns()}.duckdb"
    partial = target.with_suffix(".partial")
    shutil.copyfile(path, partial)
    os.replace(partial, target)
    pointer = folder / "CURRENT"
    pointer_tmp = folder / "CURRENT.tmp"
    pointer_tmp.write_text(target.name, encoding="utf-8")
    os.replace(pointer_tmp, pointer)
    _prune_snapshots(folder, keep=target.name)
    return target


def _remove_partial_copies(folder: Path) -> None:
    for leftover in [*folder.glob("*.partial"), folder / "CURRENT.tmp"]:
        leftover.unlink(missing_ok=True)


def _prune_snapshots(folder: Path, keep: str) -> None:
    # Readers may still hold an older file open: on POSIX unlinking it is safe.
    snapshots = sorted(folder.glob("*.duckdb"), key=lambda p: int(p.stem))
    for old in snapshots[:-SNAPSHOTS_KEPT]:
        if old.name != keep:
            old.unlink(missing_ok=True)


def current_snapshot(path: Path | None = None) -> Path | None:
    """Return the published snapshot file, or None when nothing was published yet."""
    path = path or settings.database_path()
    pointer = snapshot_dir(path) / "CURRENT"
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    target = snapshot_dir(path) / name
    return target if target.is_file() else None


class SnapshotReader:
    """One read-only connection per process to the current snapshot; a cursor per query.

    `cursor()` notices a newly published snapshot and switches to it, so readers see
    either the whole of a batch or none of it.
    """

    def __init__(self, path: Path | None = None):
        self.path = path or settings.database_path()
        self._lock = threading.Lock()
        self._file: Path | None = None
        self._con: duckdb.DuckDBPyConnection | None = None
        self._pointer = snapshot_dir(self.path) / "CURRENT"
        self._pointer_key: tuple | None = None
        self._pointed: Path | None = None

    def version(self) -> str | None:
        """Return the name of the snapshot currently published (changes on every write)."""
        snapshot = self._current()
        return snapshot.name if snapshot else None

    def _current(self) -> Path | None:
        """Return the published snapshot, reading `CURRENT` again only when it was replaced.

        Asked by every cached read of a page (a dozen per run): one `stat` instead of opening
        and reading the pointer. `publish_snapshot` replaces the file (a new inode), so a
        publication is never missed.
        """
        try:
            stat = os.stat(self._pointer)
        except FileNotFoundError:
            return None
        key = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        if key != self._pointer_key:
            self._pointed = current_snapshot(self.path)
            self._pointer_key = key
        return self._pointed

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """Return a fresh cursor on the current snapshot."""
        with self._lock:
            snapshot = self._current()
            if snapshot is None:
                raise ObservatoryError(
                    "Aucune donnée publiée : lancez « python -m observatory init --demo »."
                )
            if snapshot != self._file or self._con is None:
                self._con = connect(snapshot, read_only=True)
                self._file = snapshot
            return self._con.cursor()
