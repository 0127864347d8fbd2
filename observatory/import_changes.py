"""What a validated file changes: deletions under --replace, and the `changes` of the report.

`find_deletions` fills `import_deleted` (empty without --replace): every stored row the file
does not have, or for `observations` every stored row of the indicators present in the file
that the file does not have. Deleting a territory or an indicator still used by data that
stays is refused, naming that data. `list_changes` returns the first CHANGES_LIMIT changes
(insert, update with old → new per column, delete) with typed values, for the JSON report.
"""

from __future__ import annotations

import json

from observatory import sqlstore
from observatory.csvshape import ImportProblem
from observatory.dataset_sql import TABLE_KEYS, per_dataset
from observatory.datasets import DATASETS

CHANGES_LIMIT = 1000
TABLE_NAMES = {"observations": "observations", "initiatives": "initiatives (annuaire)",
               "territoires": "territoires", "indicateurs": "indicateurs"}


def find_deletions(con, dataset: str, replace: bool) -> list[ImportProblem]:
    """Fill `import_deleted`; return the problems of deletions that other data forbids."""
    if not replace:
        sqlstore.write(con, per_dataset("import_deleted_empty", dataset))
        return []
    # Observations and indicateurs have their own rule (sql/per_dataset/import_apply.sql).
    sqlstore.write(con, per_dataset("import_deleted_create", dataset))
    if dataset == "territoires":
        sqlstore.write(con, "import_territoires_stage_change")
        # The example of an initiative names its commune: the file's author looks for it there.
        references = [(table, rows_n, located) for table, rows_n, _, located in
                      sqlstore.rows(con, "territoires_removed_references")]
    elif dataset == "indicateurs":
        references = sqlstore.rows(con, "import_indicateurs_delete_references")
    else:
        return []
    what = "territoire" if dataset == "territoires" else "indicateur"
    return [ImportProblem(None, None, example, (
        f"--replace supprimerait des {what}s absents du fichier que {rows_n} ligne(s) de "
        f"« {TABLE_NAMES[table]} » utilisent encore (par ex. {example}) : ajoutez-les au fichier, "
        f"ou supprimez ou corrigez d'abord ces lignes."))
        for table, rows_n, example in references]


def deleted_count(con) -> int:
    return sqlstore.scalar(con, "import_deleted_count")


def list_changes(con, dataset: str) -> list[dict]:
    """Return up to CHANGES_LIMIT changes: inserts, then updates (one per cell), then deletes."""
    key = TABLE_KEYS[dataset]
    shown = DATASETS[dataset].key  # the contract's key (observations: without the resolved niveau)
    changes = []
    for row in sqlstore.rows(con, per_dataset("import_changes_inserted", dataset), [CHANGES_LIMIT]):
        changes.append({"action": "insert", "key": _key(key, row, shown)})
    left = CHANGES_LIMIT - len(changes)
    if left > 0:
        for row in sqlstore.rows(con, per_dataset("import_changes_updated", dataset), [left]):
            *values, column, old, new = row
            changes.append({"action": "update", "key": _key(key, values, shown), "column": column,
                            "old": _value(old), "new": _value(new)})
    left = CHANGES_LIMIT - len(changes)
    if left > 0:
        for row in sqlstore.rows(con, per_dataset("import_changes_deleted", dataset), [left]):
            changes.append({"action": "delete", "key": _key(key, row, shown)})
    return changes[:CHANGES_LIMIT]


def _key(names: tuple[str, ...], values, shown: tuple[str, ...]) -> dict:
    return {name: value for name, value in zip(names, values, strict=True) if name in shown}


def _value(text: str | None):
    return None if text is None else json.loads(text)


def summary_lines(changes: list[dict], limit: int = 20) -> list[str]:
    """Return the text report's lines for the first changes (old → new), in French."""
    labels = {"insert": "ajout", "update": "modification", "delete": "suppression"}
    lines = []
    for change in changes[:limit]:
        key = " / ".join(str(value) for value in change["key"].values())
        line = f"  {labels[change['action']]} {key}"
        if change["action"] == "update":
            line += f" : {change['column']} {_shown(change['old'])} → {_shown(change['new'])}"
        lines.append(line)
    if len(changes) > len(lines):
        more = "au moins " if len(changes) >= CHANGES_LIMIT else ""
        lines.append(f"  … et {more}{len(changes) - len(lines)} autre(s) : --format json les "
                     f"liste (jusqu'à {CHANGES_LIMIT}).")
    return lines


def _shown(value) -> str:
    if value is None:
        return "(vide)"
    if isinstance(value, float):
        return (str(int(value)) if value.is_integer() else str(value)).replace(".", ",")
    return str(value)
