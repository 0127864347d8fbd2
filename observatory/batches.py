"""The batch journal: list the applied files, roll one back.

Every applied file is a batch (table `batches`); `<dataset>_history` keeps, per batch, each
key it inserted and the previous version of each row it updated. Rolling back a batch
deletes what it inserted and restores what it updated, in one transaction. It is refused
when a later batch, still applied, touched one of the same rows (roll that one back
first), and when rows it would delete are still referred to by other data.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from observatory import sqlstore, textsafety
from observatory.dataset_sql import per_dataset
from observatory.errors import RollbackRefused


@dataclass(frozen=True)
class RollbackSummary:
    """What a rollback did: rows deleted (inserted by the batch) and rows restored."""

    batch_id: int
    dataset: str
    deleted: int
    restored: int


def list_batches(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Return one row per batch, newest first (counts in rows; timestamps with time zone)."""
    # Through Arrow: `.df()` of a timestamp with time zone warns under pandas 3.
    frame = sqlstore.frame(con, "batches_list", arrow=True)
    # Batches recorded before names were cleaned may hold bidi controls: never shown.
    for column in ("file_name", "user_name", "rolled_back_by"):
        frame[column] = frame[column].map(textsafety.strip_bidi, na_action="ignore")
    return frame


def rollback_batch(con: duckdb.DuckDBPyConnection, batch_id: int, user: str) -> RollbackSummary:
    """Undo one batch in a single transaction; raise RollbackRefused with a French reason."""
    dataset = _rollable_dataset(con, batch_id)
    later = [row[0] for row in sqlstore.rows(
        con, per_dataset("batches_later_conflicts", dataset), [batch_id, batch_id])]
    if later:
        listed = ", ".join(f"n° {number}" for number in later)
        raise RollbackRefused(
            f"Le lot n° {batch_id} ne peut pas être annulé : "
            f"{'le lot' if len(later) == 1 else 'les lots'} {listed}, "
            f"appliqué{'' if len(later) == 1 else 's'} ensuite, "
            f"{'a' if len(later) == 1 else 'ont'} modifié les mêmes lignes de « {dataset} ». "
            "Annulez d'abord les lots plus récents, du plus récent au plus ancien."
        )
    _refuse_if_referenced(con, batch_id, dataset)
    con.execute("begin transaction")
    try:
        deleted = _changed(con, per_dataset("batches_rollback_delete", dataset), batch_id)
        restored = _changed(con, per_dataset("batches_rollback_restore", dataset), batch_id)
        sqlstore.write(con, "batches_mark_rolled_back", [user, batch_id])
        con.execute("commit")
    except BaseException:
        rollback_transaction(con)
        raise
    return RollbackSummary(batch_id, dataset, deleted, restored)


def rollback_transaction(con: duckdb.DuckDBPyConnection) -> None:
    """Roll the open transaction back (DuckDB already did when the commit itself failed)."""
    try:
        con.execute("rollback")
    except duckdb.TransactionException:
        pass


def _changed(con: duckdb.DuckDBPyConnection, name: str, batch_id: int) -> int:
    """Run a delete or an upsert of the batch's rows; return how many rows it changed."""
    return int(sqlstore.scalar(con, name, [batch_id]) or 0)


def _rollable_dataset(con: duckdb.DuckDBPyConnection, batch_id: int) -> str:
    """Return the dataset of a batch that can be rolled back, or refuse."""
    row = sqlstore.one(con, "batches_one", [batch_id])
    if row is None:
        raise RollbackRefused(
            f"Le lot n° {batch_id} n'existe pas : consultez la liste des lots "
            "(« python -m observatory batches »)."
        )
    dataset, rolled_back_at, rolled_back_by = row
    if rolled_back_at is not None:
        raise RollbackRefused(
            f"Le lot n° {batch_id} a déjà été annulé le {rolled_back_at} "
            f"par {rolled_back_by} : il n'y a plus rien à annuler."
        )
    return dataset


def _refuse_if_referenced(con: duckdb.DuckDBPyConnection, batch_id: int, dataset: str) -> None:
    """Refuse to delete territories or indicators that other data still refers to."""
    if dataset == "territoires":
        sqlstore.write(con, "batches_territoires_stage_change", [batch_id])
        references = [(table, rows_n, example) for table, rows_n, example, _ in
                      sqlstore.rows(con, "territoires_removed_references")]
    elif dataset == "indicateurs":
        references = sqlstore.rows(con, "batches_indicateurs_references", [batch_id])
    else:
        return
    if not references:
        return
    listed = " ; ".join(
        f"{count} ligne(s) de « {table} » (par ex. {example})" for table, count, example in references
    )
    raise RollbackRefused(
        f"Le lot n° {batch_id} ne peut pas être annulé : il a ajouté des lignes de « {dataset} » "
        f"auxquelles d'autres données font encore référence — {listed}. Annulez ou corrigez "
        "d'abord ces données."
    )
