"""Named SQL statements loaded from `sql/`: each starts with `-- name: some_query`.

A broken or duplicate name, or one outside its file's namespace (`namespace`), fails at load
time (start-up), not when a page asks. The
templates of `sql/per_dataset` are rendered then, one statement per dataset (dataset_sql).
A statement runs through the helper of the shape its caller wants: `scalar` (one value),
`one` (one row or None), `rows` (tuples), `frame` (a DataFrame) or `write` (no result). A
failing one is logged with its name and parameters, then raised.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from observatory import dataset_sql
from observatory.errors import UnknownQuery

log = logging.getLogger(__name__)

SQL_ROOT = Path(__file__).resolve().parent.parent / "sql"
NAMED_FOLDERS = ("queries", "views", "checks")
TEMPLATE_FOLDER = "per_dataset"
_NAME_LINE = re.compile(r"^--\s*name:\s*(\S+)\s*$", re.MULTILINE)
_VALID_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def parse_named_statements(text: str, origin: str) -> dict[str, str]:
    """Return {name: statement} for every `-- name:` block of one SQL file."""
    parts = _NAME_LINE.split(text)
    if parts[0].strip() and not all(
        line.startswith("--") or not line.strip() for line in parts[0].splitlines()
    ):
        raise ValueError(f"{origin}: SQL before the first '-- name:' line")
    statements: dict[str, str] = {}
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        if not _VALID_NAME.match(name):
            raise ValueError(f"{origin}: invalid statement name {name!r}")
        if name in statements:
            raise ValueError(f"{origin}: duplicate statement name {name!r}")
        if not body.strip():
            raise ValueError(f"{origin}: statement {name!r} is empty")
        statements[name] = body.strip().rstrip(";")
    return statements


def namespace(folder: str, path: Path) -> str:
    """Return the prefix every statement name of a file carries: its file's first word
    (`engine_build.sql` → `engine`), `check` in `checks/`. A name says where it is written."""
    return "check" if folder == "checks" else path.stem.split("_")[0]


def _read_folder(root: Path, folder: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted((root / folder).glob("*.sql")):
        prefix = namespace(folder, path) + "_"
        for name, sql in parse_named_statements(path.read_text("utf-8"), str(path)).items():
            if not name.startswith(prefix):
                raise ValueError(f"{path}: statement name {name!r} outside its namespace {prefix!r}")
            if name in found:
                raise ValueError(f"{path}: statement name {name!r} already used")
            found[name] = sql
    return found


@cache
def load_statements(root: Path = SQL_ROOT) -> dict[str, tuple[str, str]]:
    """Return {name: (folder, sql)} for every named statement under `root`, rendered ones included."""
    sources = [(folder, _read_folder(root, folder)) for folder in NAMED_FOLDERS]
    templates = _read_folder(root, TEMPLATE_FOLDER)
    sources.append((TEMPLATE_FOLDER, dataset_sql.render(templates, str(root / TEMPLATE_FOLDER))))
    found: dict[str, tuple[str, str]] = {}
    for folder, statements in sources:
        for name, sql in statements.items():
            if name in found:
                raise ValueError(f"{root / folder}: statement name {name!r} already used")
            found[name] = (folder, sql)
    return found


def sql(name: str) -> str:
    """Return the SQL text of the named statement."""
    try:
        return load_statements()[name][1]
    except KeyError:
        raise UnknownQuery(f"Requête inconnue « {name} ».") from None


@contextmanager
def _logged(name: str, params) -> Iterator[None]:
    """Log a DuckDB failure with the statement's name and parameters, then let it through
    (without its traceback: whoever catches it decides what the user sees)."""
    try:
        yield
    except duckdb.Error as error:
        log.error("Named statement %s failed with parameters %r: %s", name, params, error)
        raise


def write(con, name: str, params=None) -> None:
    """Run a statement for its effect (DDL, insert, update, delete); its result is consumed,
    so that a failure found while producing it is raised here."""
    with _logged(name, params):
        con.execute(sql(name), params).fetchall()


def write_many(con, name: str, records: list) -> None:
    """Run a statement once per record (an insert of many rows of values)."""
    with _logged(name, f"{len(records)} records"):
        con.executemany(sql(name), records)


def shape(con, name: str, params=None) -> tuple[int, int]:
    """Return (rows, columns) of the named query without reading its rows into Python."""
    with _logged(name, params):
        return con.sql(sql(name), params=params).shape


def rows(con, name: str, params=None) -> list[tuple]:
    """Return every row of the named query as tuples."""
    with _logged(name, params):
        return con.execute(sql(name), params).fetchall()


def one(con, name: str, params=None) -> tuple | None:
    """Return the only row of the named query, or None when it has none (more is a bug)."""
    with _logged(name, params):
        found = con.execute(sql(name), params).fetchmany(2)
    if len(found) > 1:
        raise ValueError(f"Named statement {name} returned more than one row")
    return found[0] if found else None


def scalar(con, name: str, params=None):
    """Return the first value of the only row of the named query (None without a row); an
    insert, update or delete gives the number of rows it changed."""
    row = one(con, name, params)
    return None if row is None else row[0]


def frame(con, name: str, params=None, arrow: bool = False) -> pd.DataFrame:
    """Return the named query's rows as the DataFrame `.df()` gives.

    `arrow=True` reads them through Arrow into that same frame: faster for many text rows (a
    département's 20,000 initiatives, 90 → 54 ms: Arrow hands pandas its string arrays), slower
    for a few (a millisecond or two more), and without the warning `.df()` gives under pandas 3 for a
    timestamp with time zone. Types `frame_like_df` does not mimic (dates…) still take `.df()`.
    """
    with _logged(name, params):
        if not arrow:
            return con.execute(sql(name), params).df()
        # `con.sql`, not a cursor: DuckDB hands a cursor's result to Arrow through one more copy.
        relation = con.sql(sql(name), params=params)
        if all(column.id in _ARROW_TYPES for column in relation.types):
            return frame_like_df(relation.to_arrow_table())
        return relation.df()


# The column types whose Arrow conversion `frame_like_df` turns into `.df()`'s.
_ARROW_TYPES = frozenset({
    "varchar", "boolean", "tinyint", "smallint", "integer", "bigint", "hugeint", "utinyint",
    "usmallint", "uinteger", "ubigint", "float", "double", "decimal", "timestamp",
    "timestamp with time zone", "list"})
# What DuckDB's `.df()` gives an integer column holding NULLs; without NULLs, plain numpy ints.
_NULLABLE_INTS = {pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(),
                  pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype(),
                  pa.uint8(): pd.UInt8Dtype(), pa.uint16(): pd.UInt16Dtype(),
                  pa.uint32(): pd.UInt32Dtype(), pa.uint64(): pd.UInt64Dtype(),
                  pa.bool_(): pd.BooleanDtype()}


def frame_like_df(table: pa.Table) -> pd.DataFrame:
    """Return an Arrow result (of `_ARROW_TYPES`) as the DataFrame DuckDB's `.df()` makes of
    it: integers and booleans with NULLs as pandas' nullable types, decimals as floats, a
    NULL list as NA, a text column without any value (or no row) as objects (None)."""
    frame = table.to_pandas()
    for field, column in zip(table.schema, table.columns, strict=True):
        if field.type in _NULLABLE_INTS and column.null_count:
            frame[field.name] = column.to_pandas(types_mapper=_NULLABLE_INTS.get)
        elif (pa.types.is_string(field.type) or pa.types.is_large_string(field.type)) \
                and column.null_count == len(column):
            frame[field.name] = pd.Series([None] * len(column), index=frame.index, dtype=object)
        elif pa.types.is_decimal(field.type):
            frame[field.name] = frame[field.name].astype("float64")
        elif pa.types.is_list(field.type) and column.null_count:
            cells = [pd.NA if cell is None else cell for cell in frame[field.name]]
            frame[field.name] = pd.Series(cells, index=frame.index, dtype=object)
    return frame


def names_in(folder: str) -> list[str]:
    """Return the statement names of one folder (`queries`, `views`, `checks`, `per_dataset`)."""
    return [name for name, (where, _) in load_statements().items() if where == folder]


def migrations(root: Path = SQL_ROOT) -> list[tuple[int, str, str]]:
    """Return (version, file name, DDL) for every numbered file of `sql/schema`, in order."""
    found = []
    for path in sorted((root / "schema").glob("*.sql")):
        version = int(path.name.split("_", 1)[0])
        found.append((version, path.name, path.read_text("utf-8")))
    versions = [version for version, _, _ in found]
    if len(set(versions)) != len(versions):
        raise ValueError("sql/schema: two migrations share a number")
    return found
