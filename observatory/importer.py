"""Import of one file as a dataset: validate everything in SQL, then apply in one transaction.

`validate_file` reads the file (CSV through csvread, a workbook through workbook, both
mapped by fileshape: --sheet, --header-row, --map, --set, --wide) into a staging table,
types it and finds every problem with set-based SQL over the whole file
(sql/queries/import_*.sql); nothing is written but temporary tables. `import_file` then
applies a valid file as one batch: new keys inserted, changed rows updated (NULL-safe
comparison), identical rows untouched, rows absent from the file untouched too unless
`replace` (then deleted, import_changes), the previous version of each changed or deleted
row kept in `<dataset>_history`. A file that changes nothing records no batch (the report
says so). `--save-template` stores the mapping in the same transaction (templates).

Each row of the file is the new version of the whole stored row: an optional column
absent from the file empties that column on updated rows (the preview shows it).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

import duckdb

from observatory import (
    csvread,
    fileshape,
    import_bidi,
    import_changes,
    import_old_codes,
    import_secret_checks,
    sqlstore,
    templates,
    textsafety,
    workbook,
)
from observatory.batches import rollback_transaction
from observatory.csvread import ImportProblem
from observatory.dataset_sql import per_dataset
from observatory.datasets import FALSE_WORDS, LEVELS, TRUE_WORDS, Column, Dataset, get_dataset
from observatory.fileshape import FileShape
from observatory.import_messages import count as french_count
from observatory.import_messages import label_of, message, where
from observatory.import_report import ImportReport, Preview

__all__ = ["ImportProblem", "ImportReport", "Preview", "import_file", "validate_file"]

PROBLEM_LIMIT = 1000
PREVIEW_LIMIT = 1000
# The datasets `directory_rows` is made of (sql/schema/013_directory_rows.sql).
DIRECTORY_SOURCES = ("initiatives", "territoires")
# Columns a file may carry beyond the contract table: observations may say which level an
# ambiguous territory code means (région 53 and département 53 can both exist).
EXTRA_COLUMNS: dict[str, tuple[Column, ...]] = {
    "observations": (Column("niveau", choices=LEVELS),),
}
PERCENT_COLUMNS = {("observations", "valeur")}
# Whole numbers are stored as 32-bit integers at most (population fits: France has 68 million).
INTEGER_MAXIMUM = 2**31 - 1
# Latest year accepted, relative to the current year.
YEAR_OFFSETS = {("observations", "annee"): 1, ("initiatives", "annee_creation"): 0,
                ("initiatives", "annee_fin"): 0}
# Each dataset's typing, checking, repairing (None: no repair) and final statements, named in
# full so that a search for a statement's name finds where it runs.
DATASET_STATEMENTS = {
    "territoires": ("import_territoires_typed", "import_territoires_problems",
                    "import_territoires_repairs", "import_territoires_final"),
    "indicateurs": ("import_indicateurs_typed", "import_indicateurs_problems", None,
                    "import_indicateurs_final"),
    "observations": ("import_observations_typed", "import_observations_problems",
                     "import_observations_repairs", "import_observations_final"),
    "initiatives": ("import_initiatives_typed", "import_initiatives_problems",
                    "import_initiatives_repairs", "import_initiatives_final"),
}
WORK_TABLES = ("import_raw", "import_origin", "import_deleted", "import_staging", "import_rules", "import_problems", "import_typed",
               "import_repairs", "import_old_codes", "import_conversions", "import_final", "import_diff")
def validate_file(con: duckdb.DuckDBPyConnection, dataset: str, data: bytes, file_name: str,
                  shape: FileShape | None = None, replace: bool = False,
                  template: str | None = None) -> ImportReport:
    """Return the validation report of a file (status validated or rejected); write nothing."""
    try:
        return _validate(con, get_dataset(dataset), data, file_name,
                         _shape(con, dataset, shape, template), replace)
    finally:
        _drop_work_tables(con)


def import_file(con: duckdb.DuckDBPyConnection, dataset: str, data: bytes, file_name: str,
                user: str, dry_run: bool = False, demo: bool = False,
                shape: FileShape | None = None, replace: bool = False,
                template: str | None = None, save_template: str | None = None) -> ImportReport:
    """Validate a file, then (unless dry_run or rejected) apply it as one batch; return the report.

    `shape` maps a partner's file to the contract (sheet, header row, --map/--set/--wide),
    completing the template named `template`; `replace` makes the file the whole dataset
    (rows absent from it deleted); `save_template` stores the mapping under that name with
    the batch; `demo` flags the batch as demonstration data (observatory.demo only).
    A file that changes nothing records no batch.
    """
    if save_template is not None:
        save_template = templates.clean_name(save_template)
    try:
        report = _validate(con, get_dataset(dataset), data, file_name,
                           _shape(con, dataset, shape, template), replace)
        if report.status == "validated" and not dry_run:
            _apply(con, report, data, user, demo, save_template)
        return report
    finally:
        _drop_work_tables(con)


def _shape(con, dataset: str, shape: FileShape | None, template: str | None) -> FileShape:
    shape = shape or FileShape()
    return templates.load(con, template, dataset).merged_with(shape) if template else shape


def contract_columns(dataset: Dataset) -> tuple[Column, ...]:
    """Return the columns a file of `dataset` may carry (contract columns, then extras)."""
    return dataset.columns + EXTRA_COLUMNS.get(dataset.name, ())


def _validate(con, dataset: Dataset, data: bytes, file_name: str, shape: FileShape,
              replace: bool) -> ImportReport:
    columns = contract_columns(dataset)
    expected = tuple(column.name for column in columns)
    required = tuple(column.name for column in columns if column.required)
    if shape.wide and dataset.name != "observations":
        raise fileshape.ShapeError(
            f"--wide ne s'applique qu'au jeu de données « observations » (une valeur par "
            f"indicateur, territoire et année), pas à « {dataset.name} ».")
    reader = workbook.stage_workbook if workbook.is_workbook(data) else csvread.stage_csv
    staged = reader(con, data, expected, required, shape)
    report = ImportReport(dataset.name, file_name, "rejected", rows_read=staged.rows_read,
                          warnings=list(staged.warnings), shape=shape)
    if staged.problems:
        report.errors = [dataclasses.replace(problem, message=where(staged, problem.row, problem.column)
                                 + problem.message) for problem in staged.problems]
        report.errors_total = len(staged.problems)
        return report
    if staged.bidi:
        report.warnings.extend(import_bidi.strip_free_text(con, columns, staged.columns))
    _find_problems(con, dataset, columns, staged.bidi)
    report.warnings.extend(_repair_warnings(con))
    report.warnings.extend(import_old_codes.warnings(
        con, dataset.name, staged, lambda rows: {row_n: row for row_n, (row, _) in
                                                 _origins(con, staged, rows).items()}))
    report.errors_total = sqlstore.scalar(con, "import_problem_count")
    if report.errors_total:
        report.errors = _list_problems(con, dataset, columns, staged)
        if report.errors_total > PROBLEM_LIMIT:
            report.warnings.append(
                f"Seules les {french_count(PROBLEM_LIMIT)} premières erreurs sont listées, sur "
                f"{french_count(report.errors_total)} : corrigez-les, puis validez de nouveau le fichier.")
        return report
    _compute_difference(con, dataset.name, report, staged)
    refused = import_changes.find_deletions(con, dataset.name, replace)
    if refused:
        report.errors, report.errors_total = refused, len(refused)
        return report
    report.deleted = import_changes.deleted_count(con)
    report.changes = import_changes.list_changes(con, dataset.name)
    if replace:
        report.preview.deleted = sqlstore.frame(con, "import_preview_deleted", [PREVIEW_LIMIT])
        report.preview.deleted_total = report.deleted
    report.warnings.extend(import_secret_checks.warnings_for(con, dataset.name))
    report.status = "validated"
    if report.changes_nothing:
        report.warnings.append("Ce fichier ne change rien à la base : toutes ses lignes y sont "
                               "déjà à l'identique. Aucun lot ne sera enregistré.")
    return report


def _find_problems(con, dataset: Dataset, columns: tuple[Column, ...], bidi: bool) -> None:
    """Fill `import_problems` (and `import_typed`, `import_repairs`) for the staged file."""
    sqlstore.write(con, "import_rules_create")
    sqlstore.write_many(con, "import_rules_insert", [_rule(dataset, position, column)
                                                     for position, column in enumerate(columns)])
    sqlstore.write(con, "import_problems_create")
    sqlstore.write(con, "import_generic_problems")
    name = dataset.name
    typed, problems, repairs, _ = DATASET_STATEMENTS[name]
    import_old_codes.stage(con, name)
    sqlstore.write(con, typed, _typed_parameters(name))
    import_old_codes.find_conversions(con, name)
    sqlstore.write(con, problems, _problem_parameters(name))
    sqlstore.write(con, per_dataset("import_duplicate_problems", name))
    if repairs is not None:
        sqlstore.write(con, repairs)
    if bidi:
        import_bidi.find_problems(con)


def _rule(dataset: Dataset, position: int, column: Column) -> tuple:
    choices = column.choices or (TRUE_WORDS + FALSE_WORDS if column.kind == "boolean" else ())
    maximum = column.maximum
    offset = YEAR_OFFSETS.get((dataset.name, column.name))
    if offset is not None:
        maximum = dt.date.today().year + offset
    elif column.kind == "integer" and maximum is None:
        maximum = INTEGER_MAXIMUM
    return (column.name, position, column.kind, column.required, list(choices) or None,
            column.minimum, maximum, (dataset.name, column.name) in PERCENT_COLUMNS)


def _typed_parameters(dataset: str) -> dict | None:
    if dataset == "initiatives":
        return {"true_words": list(TRUE_WORDS), "false_words": list(FALSE_WORDS)}
    return None


def _problem_parameters(dataset: str) -> list | None:
    return [list(LEVELS)] if dataset == "observations" else None


def _list_problems(con, dataset: Dataset, columns: tuple[Column, ...],
                   staged: csvread.StagedFile) -> list[ImportProblem]:
    by_name = {column.name: column for column in columns}
    rows = sqlstore.rows(con, "import_problem_list", [PROBLEM_LIMIT])
    origins = _origins(con, staged, [row[0] for row in rows] + [
        int(row[4]) for row in rows if row[3] == "duplicate" and row[4]])
    problems = []
    for row_n, column_name, raw_value, problem, detail in rows:
        # Shown with its bidi controls written out, so it reads as it is stored.
        value = None if raw_value is None else textsafety.reveal_bidi(raw_value)
        column = by_name.get(column_name)
        row, wide_n = origins.get(row_n, (row_n, None))
        label = label_of(staged, column_name, wide_n) if column_name else (
            ", ".join(dataset.key) if problem == "duplicate" else None)
        if problem == "duplicate" and detail:
            detail = str(origins.get(int(detail), (detail, None))[0])
        text = message(problem, label, value, detail, column, dataset)
        problems.append(ImportProblem(row, label, value, where(staged, row, label) + text))
    return problems


def _origins(con, staged: csvread.StagedFile, row_numbers: list) -> dict[int, tuple[int, int]]:
    """Return {staged row: (sheet row, wide column)} after an unpivot ({} otherwise)."""
    if not staged.wide_sources or not row_numbers:
        return {}
    rows = sqlstore.rows(con, "import_origin_of_rows", [row_numbers])
    return {row_n: (sheet_row, wide_n) for row_n, sheet_row, wide_n in rows}


def _repair_warnings(con) -> list[str]:
    if not _table_exists(con, "import_repairs"):
        return []
    rows = sqlstore.rows(con, "import_repair_summary")
    return [
        f"Colonne « {column} » : {french_count(count)} code{'s' if count > 1 else ''} "
        f"complété{'s' if count > 1 else ''} par le zéro initial qu'un tableur avait supprimé "
        f"(par ex. ligne {row} : {raw} → {fixed})."
        for column, count, row, raw, fixed in rows
    ]


def _table_exists(con, name: str) -> bool:
    return bool(sqlstore.rows(con, "import_work_table_exists", [name]))


def _compute_difference(con, dataset: str, report: ImportReport, staged: csvread.StagedFile) -> None:
    """Fill `import_final` and `import_diff`; set the counts and the preview of the report."""
    sqlstore.write(con, per_dataset("import_final_create", dataset))
    sqlstore.write(con, DATASET_STATEMENTS[dataset][3])
    sqlstore.write(con, per_dataset("import_diff_create", dataset))
    rows_n, inserted, updated = sqlstore.one(con, "import_diff_counts")
    report.inserted, report.updated = inserted, updated
    report.unchanged = rows_n - inserted - updated
    added = sqlstore.frame(con, per_dataset("import_preview_added_among_first", dataset),
                           {"limit": PREVIEW_LIMIT})
    if len(added) < min(PREVIEW_LIMIT, inserted):  # some new rows lie further down the file
        added = sqlstore.frame(con, per_dataset("import_preview_added", dataset), [PREVIEW_LIMIT])
    changed = sqlstore.frame(con, per_dataset("import_preview_changed", dataset), [PREVIEW_LIMIT])
    for frame in (added, changed):
        origins = _origins(con, staged, frame["ligne"].tolist())
        if origins:  # after an unpivot: the row of the file, not the staged row
            frame["ligne"] = [origins[row_n][0] for row_n in frame["ligne"]]
    report.preview = Preview(
        added=added, changed=changed,
        added_total=inserted, changed_total=updated, unchanged=report.unchanged)


def _apply(con, report: ImportReport, data: bytes, user: str, demo: bool,
           save_template: str | None) -> None:
    """Write the difference as one batch (none when nothing changes), in one transaction."""
    # Every work table exists before `begin`: DuckDB 2.0 loses rows bulk-inserted into a
    # table created inside the same transaction.
    dataset = report.dataset
    batch_id = None
    con.execute("begin transaction")
    try:
        if not report.changes_nothing:
            batch_id = sqlstore.scalar(con, "import_next_batch_id")
            sqlstore.write(con, "import_batch_insert", [
                batch_id, dataset, report.file, hashlib.sha256(data).hexdigest(), user,
                report.rows_read, report.inserted, report.updated, report.unchanged,
                report.deleted, report.warnings, demo])
            sqlstore.write(con, per_dataset("import_history_updates", dataset), [batch_id])
            sqlstore.write(con, per_dataset("import_history_inserts", dataset), [batch_id])
            if report.deleted:
                sqlstore.write(con, per_dataset("import_history_deletes", dataset), [batch_id])
                sqlstore.write(con, per_dataset("import_delete_absent", dataset))
            sqlstore.write(con, per_dataset("import_insert_new", dataset), [batch_id])
            sqlstore.write(con, per_dataset("import_replace_changed", dataset), [batch_id])
            if dataset in DIRECTORY_SOURCES:
                # Readers of this connection see the directory as imported (pages read the
                # snapshot, rewritten again at publication).
                sqlstore.write(con, "directory_rows_rewrite")
        if save_template is not None:
            templates.save(con, save_template, dataset, report.shape or FileShape(), user)
        con.execute("commit")
    except BaseException:
        rollback_transaction(con)
        raise
    if save_template is not None:
        report.warnings.append(f"Modèle d'import « {save_template} » enregistré : réutilisez-le "
                               f"avec --template « {save_template} » ou depuis la page Import.")
    report.batch_id = batch_id
    report.status = "applied"


def _drop_work_tables(con) -> None:
    for name in WORK_TABLES:
        con.execute(f"drop table if exists temp.main.{name}")
