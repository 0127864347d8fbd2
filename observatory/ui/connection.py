"""The dashboard's one read-only connection per process, first start, and cached queries.

The dashboard reads the published snapshot only (see observatory/db.py). Cached results
are keyed on the snapshot's name, so a new import is visible at the next rerun and an old
result is never served for new data. A snapshot left behind by an interrupted write is
published again at start and, while a write is pending, at most every few seconds: the
check is one `stat`, and a writer holding the database is never waited for.
"""

from __future__ import annotations

import functools
import logging
import threading
import time

import duckdb
import streamlit as st

from observatory import db, demo, settings
from observatory.errors import ObservatoryError

log = logging.getLogger(__name__)
_first_start = threading.Lock()
CATCH_UP_RETRY_S = 2.0
_last_catch_up = {"at": -CATCH_UP_RETRY_S, "failed": ""}


def reader() -> db.SnapshotReader:
    """Return the process-wide snapshot reader, creating the demo database on first start."""
    return _reader_for(str(settings.database_path()))


@st.cache_resource(show_spinner=False)
def _reader_for(path: str) -> db.SnapshotReader:
    ensure_database()
    return db.SnapshotReader(settings.database_path())


def ensure_database() -> None:
    """Create the database with the demo data on first start; bring an older one up to this schema."""
    with _first_start:
        catch_up(throttled=False)
        snapshot = db.current_snapshot(settings.database_path())
        if snapshot is not None:
            if db.schema_behind(snapshot):
                # Published by an older version: migrate and publish once, or pages would
                # query objects the snapshot lacks.
                log.warning("upgrading %s to this version's schema", settings.database_path())
                with db.writing(settings.database_path()):
                    pass
            return
        if settings.get("OBSERVATORY_DEMO_ON_FIRST_START") != "1":
            raise ObservatoryError(
                "Aucune base publiée : lancez « python -m observatory init --demo » ou importez "
                "vos fichiers avec « python -m observatory import »."
            )
        log.warning("first start: loading the demonstration data into %s",
                    settings.database_path())
        with db.writing(settings.database_path()) as con:
            reports = demo.load_demo(con)
        rejected = [report for report in reports if report.status == "rejected"]
        if rejected:
            raise ObservatoryError(
                f"Les données de démonstration « {rejected[0].file} » ont été refusées : "
                "régénérez-les avec « python -m observatory.demo_generator »."
            )


def catch_up(throttled: bool = True) -> None:
    """Publish the working database if a write stopped before its snapshot (cheap otherwise).

    Never waits and never fails a page: a writer holding the database publishes itself, and
    a dashboard that cannot write (a read-only replica) keeps serving its snapshot. Reruns
    retry at most every CATCH_UP_RETRY_S seconds; the start (`throttled=False`) always tries.
    """
    path = settings.database_path()
    if not db.publication_pending(path):
        return
    now = time.monotonic()
    if throttled and now - _last_catch_up["at"] < CATCH_UP_RETRY_S:
        return
    _last_catch_up["at"] = now
    try:
        db.catch_up(path)
    except (ObservatoryError, OSError, duckdb.Error) as error:
        if str(error) != _last_catch_up["failed"]:
            log.warning("cannot publish %s yet: %s", path, error)
        _last_catch_up["failed"] = str(error)


def database_published() -> bool:
    """Return True when a database is published (or was just created with the demo)."""
    try:
        reader()
    except ObservatoryError:
        return False
    return True


def data_version() -> str:
    """Return the name of the published snapshot (changes with every import)."""
    catch_up()
    return reader().version() or ""


def _version_keyed(cache_decorator, function):
    """Wrap `function(con, *args)` as `function(*args)`, cached by `cache_decorator` per data version."""

    @cache_decorator
    def run(version: str, name: str, *args, **kwargs):
        return function(reader().cursor(), *args, **kwargs)

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        return run(data_version(), f"{function.__module__}.{function.__qualname__}", *args, **kwargs)

    return wrapper


def cached(function):
    """Decorate `function(con, *args)` so pages call `function(*args)`, cached per data version."""
    return _version_keyed(st.cache_data(show_spinner=False, max_entries=512), function)


def cached_resource(function):
    """Like `cached`, without copying the result (for figures and frames pages do not change)."""
    return _version_keyed(st.cache_resource(show_spinner=False, max_entries=256), function)


def fresh_cursor():
    """Return a cursor on the current snapshot (for reads that must not be cached)."""
    catch_up()
    return reader().cursor()
