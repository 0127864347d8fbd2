"""The outcome of validating or importing one file: the report, its preview, its French summary.

`ImportReport.to_json_dict` is the JSON object of the data contract (§4); `format_report`
is what the command line prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from observatory import import_changes, textsafety
from observatory.csvread import ImportProblem
from observatory.fileshape import FileShape
from observatory.import_messages import count as french_count

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
    deleted: pd.DataFrame | None = None
    deleted_total: int = 0


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
    deleted: int = 0
    warnings: list[str] = field(default_factory=list)
    errors: list[ImportProblem] = field(default_factory=list)
    preview: Preview | None = None
    errors_total: int = 0
    changes: list[dict] = field(default_factory=list)
    shape: FileShape | None = None  # the mapping applied (a template's completed by the command's)

    @property
    def changes_nothing(self) -> bool:
        return self.status != "rejected" and not (self.inserted or self.updated or self.deleted)

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
            "deleted": self.deleted,
            "warnings": list(self.warnings),
            "errors": [{"row": problem.row, "column": problem.column, "value": problem.value,
                        "message": problem.message} for problem in self.errors],
            "changes": list(self.changes),
        }


def format_report(report: ImportReport) -> str:
    """Return a readable French summary of a report, with the table of errors."""
    lines = [f"Fichier « {report.file} » — jeu de données « {report.dataset} »",
             f"Statut : {STATUS_LABELS[report.status]}"
             + (f" (lot n° {report.batch_id})" if report.batch_id is not None else "")]
    lines.append(f"Lignes lues : {french_count(report.rows_read)}")
    deleted = f" — supprimées : {french_count(report.deleted)}" if report.deleted else ""
    if report.status == "validated":
        lines.append(f"Lignes à ajouter : {french_count(report.inserted)} — à modifier : "
                     f"{french_count(report.updated)} — inchangées : {french_count(report.unchanged)}"
                     + deleted.replace("supprimées", "à supprimer"))
    elif report.status == "applied":
        lines.append(f"Lignes ajoutées : {french_count(report.inserted)} — modifiées : "
                     f"{french_count(report.updated)} — inchangées : {french_count(report.unchanged)}" + deleted)
        if report.batch_id is None:
            lines.append("Aucun lot enregistré : le fichier ne change rien à la base.")
    if report.changes:
        lines.append("Changements (avant → après) :" if report.status == "validated"
                     else "Changements appliqués (avant → après) :")
        lines.extend(import_changes.summary_lines(report.changes))
    if report.warnings:
        lines.append("Avertissements :")
        lines.extend(f"  - {warning}" for warning in report.warnings)
    if report.errors:
        lines.append(f"Erreurs ({french_count(report.errors_total)}) — corrigez le fichier puis relancez :")
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
