"""Import of one CSV file as a dataset: validate everything in SQL, then apply in one transaction.

`validate_file` reads the file into a staging table (csvread), types it and finds every
problem with set-based SQL over the whole file (sql/queries/import_*.sql); nothing is
written but temporary tables. `import_file` then applies a valid file as one batch:
new keys inserted, changed rows updated (NULL-safe comparison), identical rows and rows
absent from the file untouched, the previous version of each changed row kept in
`<dataset>_history`. A file equal to what is stored is still recorded as a batch with
0 inserted and 0 updated, so staff see it arrived; it touches no row, so it never blocks
the rollback of an earlier batch.

Each row of the file is the new version of the whole stored row: an optional column
absent from the file empties that column on updated rows (the preview shows it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from observatory import csvread, import_bidi, import_secret_checks, sqlstore, textsafety
from observatory.batches import keyed_sql, rollback_transaction
from observatory.csvread import ImportProblem
from observatory.datasets import FALSE_WORDS, LEVELS, TRUE_WORDS, Column, Dataset, get_dataset

__all__ = ["ImportProblem", "ImportReport", "Preview", "import_file", "validate_file"]

PROBLEM_LIMIT = 1000
PREVIEW_LIMIT = 1000
# Columns a file may carry beyond the contract table: observations may say which level an
# ambiguous territory code means (région 53 and département 53 can both exist).
EXTRA_COLUMNS: dict[str, tuple[Column, ...]] = {
    "observations": (Column("niveau", choices=LEVELS),),
}
PERCENT_COLUMNS = {("observations", "valeur")}
# Whole numbers are stored as 32-bit integers at most (population fits: France has 68 million).
INTEGER_MAXIMUM = 2**31 - 1
# Latest year accepted, relative to the current year.
YEAR_OFFSETS = {("observations", "annee"): 1, ("initiatives", "annee_creation"): 0}
WORK_TABLES = ("import_raw", "import_staging", "import_rules", "import_problems", "import_typed",
               "import_repairs", "import_final", "import_diff")
STATUS_LABELS = {"applied": "appliqué", "validated": "validé (essai, rien n'est écrit)",
                 "rejected": "refusé"}


@dataclass
class Preview:
    """What applying would change: first new rows, first changed cells (old → new), counts."""

    added: pd.DataFrame
    changed: pd.DataFrame
    added_total: int
    changed_total: int
    unchanged: int


@dataclass
class ImportReport:
    """The outcome of validating or importing one file (status applied, validated or rejected)."""

    dataset: str
    file: str
    status: str
    batch_id: int | None = None
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)
    errors: list[ImportProblem] = field(default_factory=list)
    preview: Preview | None = None
    errors_total: int = 0

    def __post_init__(self):
        # The name comes from the user's computer: shown and stored without bidi controls.
        self.file = textsafety.strip_bidi(self.file)

    def to_json_dict(self) -> dict:
        """Return the JSON object of the data contract (§4), with exactly its keys."""
        return {
            "dataset": self.dataset,
            "file": self.file,
            "status": self.status,
            "batch_id": self.batch_id,
            "rows_read": self.rows_read,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "warnings": list(self.warnings),
            "errors": [{"row": problem.row, "column": problem.column, "value": problem.value,
                        "message": problem.message} for problem in self.errors],
        }


def validate_file(con: duckdb.DuckDBPyConnection, dataset: str, data: bytes,
                  file_name: str) -> ImportReport:
    """Return the validation report of a file (status validated or rejected); write nothing."""
    try:
        return _validate(con, get_dataset(dataset), data, file_name)
    finally:
        _drop_work_tables(con)


def import_file(con: duckdb.DuckDBPyConnection, dataset: str, data: bytes, file_name: str,
                user: str, dry_run: bool = False, demo: bool = False) -> ImportReport:
    """Validate a file, then (unless dry_run or rejected) apply it as one batch; return the report.

    `demo` flags the batch as demonstration data (observatory.demo only).
    """
    try:
        report = _validate(con, get_dataset(dataset), data, file_name)
        if report.status == "validated" and not dry_run:
            _apply(con, report, data, user, demo)
        return report
    finally:
        _drop_work_tables(con)


def contract_columns(dataset: Dataset) -> tuple[Column, ...]:
    """Return the columns a file of `dataset` may carry (contract columns, then extras)."""
    return dataset.columns + EXTRA_COLUMNS.get(dataset.name, ())


def _validate(con, dataset: Dataset, data: bytes, file_name: str) -> ImportReport:
    columns = contract_columns(dataset)
    staged = csvread.stage_csv(
        con, data, tuple(column.name for column in columns),
        tuple(column.name for column in columns if column.required))
    report = ImportReport(dataset.name, file_name, "rejected", rows_read=staged.rows_read,
                          warnings=list(staged.warnings))
    if staged.problems:
        report.errors = staged.problems
        report.errors_total = len(staged.problems)
        return report
    if staged.bidi:
        report.warnings.extend(import_bidi.strip_free_text(con, columns, staged.columns))
    _find_problems(con, dataset, columns, staged.bidi)
    report.warnings.extend(_repair_warnings(con))
    report.errors_total = con.execute(sqlstore.sql("import_problem_count")).fetchall()[0][0]
    if report.errors_total:
        report.errors = _list_problems(con, dataset, columns)
        if report.errors_total > PROBLEM_LIMIT:
            report.warnings.append(
                f"Seules les {_count(PROBLEM_LIMIT)} premières erreurs sont listées, sur "
                f"{_count(report.errors_total)} : corrigez-les, puis validez de nouveau le fichier.")
        return report
    _compute_difference(con, dataset.name, report)
    report.warnings.extend(import_secret_checks.warnings_for(con, dataset.name))
    report.status = "validated"
    return report


def _find_problems(con, dataset: Dataset, columns: tuple[Column, ...], bidi: bool) -> None:
    """Fill `import_problems` (and `import_typed`, `import_repairs`) for the staged file."""
    con.execute(sqlstore.sql("import_rules_create"))
    con.executemany(sqlstore.sql("import_rules_insert"),
                    [_rule(dataset, position, column) for position, column in enumerate(columns)])
    con.execute(sqlstore.sql("import_problems_create"))
    con.execute(sqlstore.sql("import_generic_problems")).fetchall()
    name = dataset.name
    con.execute(sqlstore.sql(f"import_{name}_typed"), _typed_parameters(name))
    con.execute(sqlstore.sql(f"import_{name}_problems"), _problem_parameters(name)).fetchall()
    con.execute(keyed_sql(con, "import_duplicate_problems", name)).fetchall()
    repairs = f"import_{name}_repairs"
    if repairs in sqlstore.load_statements():
        con.execute(sqlstore.sql(repairs))
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


def _list_problems(con, dataset: Dataset, columns: tuple[Column, ...]) -> list[ImportProblem]:
    by_name = {column.name: column for column in columns}
    rows = con.execute(sqlstore.sql("import_problem_list"), [PROBLEM_LIMIT]).fetchall()
    problems = []
    for row_n, column_name, raw_value, problem, detail in rows:
        # Shown with its bidi controls written out, so it reads as it is stored.
        value = None if raw_value is None else textsafety.reveal_bidi(raw_value)
        column = by_name.get(column_name)
        label = column_name if column_name else (
            ", ".join(dataset.key) if problem == "duplicate" else None)
        problems.append(ImportProblem(
            row_n, label, value, _message(problem, column_name, value, detail, column, dataset)))
    return problems


def _count(number: int) -> str:
    """Return an integer written the French way (narrow no-break space between thousands)."""
    return f"{number:,}".replace(",", "\u202f")


def _number(text: str | None) -> str:
    """Return a bound (stored as double) as written in the contract: 1990, 0, -90, 12,5."""
    value = float(text)
    return str(int(value)) if value.is_integer() else str(value).replace(".", ",")


CODE_HINTS = {
    "commune": "un code commune INSEE a 5 caractères (par ex. 35238, 2A004)",
    "departement": "un code de département a 2 caractères (par ex. 35, 2A) ou 3 outre-mer (974)",
    "region": "un code de région a 2 chiffres (par ex. 53)",
    "epci": "un EPCI est désigné par son numéro SIREN de 9 chiffres (par ex. 243500139)",
}
LEVEL_NAMES = {"region": "la région", "departement": "le département", "epci": "l'EPCI",
               "commune": "la commune"}


def _message(problem: str, column_name: str | None, value: str | None, detail: str | None,
             column: Column | None, dataset: Dataset) -> str:
    """Return the French sentence saying what is wrong and how to fix it."""
    choices = ", ".join(column.choices) if column is not None else ""
    messages = {
        "required": lambda: f"Valeur obligatoire manquante : renseignez la colonne « {column_name} ».",
        "integer": lambda: f"« {value} » n'est pas un nombre entier : écrivez par exemple 2023.",
        "decimal": lambda: (f"« {value} » n'est pas un nombre : écrivez par exemple 12,5 ou "
                            "1 234,5 (virgule ou point décimal)."),
        "percent_sign": lambda: (
            f"Le symbole % n'est admis que pour un indicateur en pourcentage (ici « {detail} ») : "
            f"retirez-le de « {value} »." if detail else
            f"Le symbole % n'est pas admis dans la colonne « {column_name} » : retirez-le de « {value} »."),
        "boolean": lambda: f"« {value} » n'est pas une réponse oui/non : écrivez oui ou non.",
        "list_choice": lambda: (
            f"Valeur inconnue dans « {column_name} » : {detail}. Séparez par | des valeurs "
            f"parmi : {choices}."),
        "choice": lambda: (f"« {value} » n'est pas une valeur admise pour « {column_name} » : "
                           f"choisissez parmi {choices}."),
        "minimum": lambda: (f"{value} est inférieur au minimum admis pour « {column_name} » "
                            f"({_number(detail)}) : corrigez la valeur."),
        "maximum": lambda: (f"{value} dépasse le maximum admis pour « {column_name} » "
                            f"({_number(detail)}) : corrigez la valeur."),
        "too_many_values": lambda: (
            f"Cette ligne a plus de valeurs que l'en-tête n'a de colonnes (en trop : « {value} ») : "
            "vérifiez les séparateurs et les guillemets de la ligne."),
        "duplicate": lambda: (
            f"Ligne en double : même clé ({', '.join(dataset.key)}) que la ligne {detail} ; "
            "gardez une seule de ces deux lignes."),
        "code_format": lambda: f"Code « {value} » invalide pour le niveau {detail} : {CODE_HINTS[detail]}.",
        "unknown_parent": lambda: (
            f"Code « {value} » introuvable : {LEVEL_NAMES[detail]} parente n'existe ni dans le "
            "fichier ni dans la base. Ajoutez-la au fichier ou corrigez le code."
            if detail != "epci" else
            f"Code « {value} » introuvable : l'EPCI parent n'existe ni dans le fichier ni dans la "
            "base. Ajoutez-le au fichier ou corrigez le code."),
        "indicator_code": lambda: (
            f"Code d'indicateur « {value} » invalide : n'utilisez que des minuscules sans accent, "
            f"des chiffres et _ (par exemple « {detail} »)."),
        "ratio_missing": lambda: (
            "Un indicateur agrégé par ratio doit indiquer son "
            f"{'numérateur' if column_name == 'numerateur' else 'dénominateur'} : renseignez "
            f"dans « {column_name} » le code de l'indicateur correspondant."),
        "unknown_component": lambda: (
            f"Indicateur « {value} » introuvable ni dans le fichier ni dans le catalogue : "
            "ajoutez-le ou corrigez le code."),
        "unknown_indicator": lambda: (
            f"Indicateur « {value} » absent du catalogue : importez-le d'abord dans "
            "« indicateurs » ou corrigez le code."),
        "unknown_territory": lambda: (
            f"Territoire « {value} » absent du référentiel : importez-le d'abord dans "
            "« territoires » ou corrigez le code."),
        "territory_level_mismatch": lambda: (
            f"Aucun territoire « {value} » de niveau « {detail} » dans le référentiel : "
            "corrigez le code ou la colonne « niveau »."),
        "ambiguous_territory": lambda: (
            f"Le code « {value} » désigne plusieurs territoires (niveaux {detail}) : ajoutez une "
            "colonne « niveau » (region, departement, epci ou commune) pour préciser lequel."),
        "percent_range": lambda: (
            f"{value} sort de l'intervalle de 0 à 100 d'un indicateur en pourcentage : "
            "corrigez la valeur."),
        "negative": lambda: (
            f"{value} est négatif, or l'indicateur est en « {detail} » : seules les valeurs "
            "positives ou nulles sont admises."),
        "unknown_commune": lambda: (
            f"Commune « {value} » absente du référentiel des territoires : vérifiez le code INSEE "
            "(5 caractères, par ex. 35238) ou importez d'abord la commune."),
        "url": lambda: (f"Adresse « {value} » invalide : le site web doit commencer par "
                        "http:// ou https://."),
        "bidi_control": lambda: import_bidi.message(column_name, value, detail),
        "email": lambda: (
            f"Donnée personnelle : « {column_name} » contient l'adresse électronique « {value} ». "
            "L'annuaire décrit des structures, pas des personnes : retirez-la (indiquez plutôt "
            "le site web de la structure)."),
        "phone": lambda: (
            f"Donnée personnelle : « {column_name} » contient le numéro de téléphone « {value} ». "
            "L'annuaire décrit des structures, pas des personnes : retirez-le (indiquez plutôt "
            "le site web de la structure)."),
    }
    return messages[problem]()


def _repair_warnings(con) -> list[str]:
    if not _table_exists(con, "import_repairs"):
        return []
    rows = con.execute(sqlstore.sql("import_repair_summary")).fetchall()
    return [
        f"Colonne « {column} » : {_count(count)} code{'s' if count > 1 else ''} "
        f"complété{'s' if count > 1 else ''} par le zéro initial qu'un tableur avait supprimé "
        f"(par ex. ligne {row} : {raw} → {fixed})."
        for column, count, row, raw, fixed in rows
    ]


def _table_exists(con, name: str) -> bool:
    return bool(con.execute(sqlstore.sql("import_work_table_exists"), [name]).fetchall())


def _compute_difference(con, dataset: str, report: ImportReport) -> None:
    """Fill `import_final` and `import_diff`; set the counts and the preview of the report."""
    con.execute(keyed_sql(con, "import_final_create", dataset))
    con.execute(sqlstore.sql(f"import_{dataset}_final")).fetchall()
    con.execute(keyed_sql(con, "import_diff_create", dataset))
    rows_n, inserted, updated = con.execute(sqlstore.sql("import_diff_counts")).fetchall()[0]
    report.inserted, report.updated = inserted, updated
    report.unchanged = rows_n - inserted - updated
    report.preview = Preview(
        added=con.execute(keyed_sql(con, "import_preview_added", dataset), [PREVIEW_LIMIT]).df(),
        changed=con.execute(keyed_sql(con, "import_preview_changed", dataset),
                            [PREVIEW_LIMIT]).df(),
        added_total=inserted, changed_total=updated, unchanged=report.unchanged)


def _apply(con, report: ImportReport, data: bytes, user: str, demo: bool) -> None:
    """Write the difference as one batch, in one transaction."""
    # Every work table exists before `begin`: DuckDB 2.0 loses rows bulk-inserted into a
    # table created inside the same transaction.
    dataset = report.dataset
    con.execute("begin transaction")
    try:
        batch_id = con.execute(sqlstore.sql("import_next_batch_id")).fetchall()[0][0]
        con.execute(sqlstore.sql("import_batch_insert"), [
            batch_id, dataset, report.file, hashlib.sha256(data).hexdigest(), user,
            report.rows_read, report.inserted, report.updated, report.unchanged,
            report.warnings, demo]).fetchall()
        con.execute(keyed_sql(con, "import_history_updates", dataset), [batch_id]).fetchall()
        con.execute(keyed_sql(con, "import_history_inserts", dataset), [batch_id]).fetchall()
        con.execute(keyed_sql(con, "import_insert_new", dataset), [batch_id]).fetchall()
        con.execute(keyed_sql(con, "import_replace_changed", dataset), [batch_id]).fetchall()
        con.execute("commit")
    except BaseException:
        rollback_transaction(con)
        raise
    report.batch_id = batch_id
    report.status = "applied"


def _drop_work_tables(con) -> None:
    for name in WORK_TABLES:
        con.execute(f"drop table if exists temp.main.{name}")


def format_report(report: ImportReport) -> str:
    """Return a readable French summary of a report, with the table of errors."""
    lines = [f"Fichier « {report.file} » — jeu de données « {report.dataset} »",
             f"Statut : {STATUS_LABELS[report.status]}"
             + (f" (lot n° {report.batch_id})" if report.batch_id is not None else "")]
    lines.append(f"Lignes lues : {_count(report.rows_read)}")
    if report.status == "validated":
        lines.append(f"Lignes à ajouter : {_count(report.inserted)} — à modifier : "
                     f"{_count(report.updated)} — inchangées : {_count(report.unchanged)}")
    elif report.status == "applied":
        lines.append(f"Lignes ajoutées : {_count(report.inserted)} — modifiées : "
                     f"{_count(report.updated)} — inchangées : {_count(report.unchanged)}")
    if report.warnings:
        lines.append("Avertissements :")
        lines.extend(f"  - {warning}" for warning in report.warnings)
    if report.errors:
        lines.append(f"Erreurs ({_count(report.errors_total)}) — corrigez le fichier puis relancez :")
        table = [("Ligne", "Colonne", "Valeur", "Message")] + [
            ("" if problem.row is None else str(problem.row), problem.column or "",
             _shorten(problem.value), problem.message) for problem in report.errors]
        widths = [max(len(row[index]) for row in table) for index in range(3)]
        lines.extend("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
                     + "  " + row[3] for row in table)
    return "\n".join(lines)


def _shorten(value: str | None, width: int = 30) -> str:
    if value is None:
        return ""
    flat = value.replace("\n", " ")
    return flat if len(flat) <= width else flat[: width - 1] + "…"
