"""The staff update workflow behind the Import page: validate, apply, history, roll back.

Validation reads the published snapshot (read-only: a cursor's temporary tables only), which
the dashboard brings up to date after an interrupted write (`db.catch_up`, never waiting for a
running one: applying validates again against the working database); applying and rolling
back open the working database for one write and publish a new snapshot, exactly as the
command line does.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from observatory import batches, csvread, db, importer
from observatory.errors import ImportFileError, ObservatoryError, RefusedBeforeWriting
from observatory.fileshape import ShapeError
from observatory.i18n import tr
from observatory.import_report import ImportReport
from observatory.templates import TemplateError

ERROR_COLUMNS = {"row": "Ligne", "column": "Colonne", "value": "Valeur", "message": "Message"}
HISTORY_COLUMNS = {
    "batch_id": "Lot", "dataset": "Jeu de données", "file_name": "Fichier", "user_name": "Par",
    "applied_at": "Appliqué le", "rows_read": "Lues", "inserted": "Ajoutées", "updated": "Modifiées",
    "unchanged": "Inchangées", "state": "État",
}


def validate_upload(con: duckdb.DuckDBPyConnection, dataset: str, data: bytes,
                    file_name: str, **options) -> ImportReport:
    """Return the validation report of an uploaded file; an unreadable file is a rejected report.

    `options` are importer.validate_file's: shape, replace, template.
    """
    try:
        csvread.check_size(len(data))
        return importer.validate_file(con, dataset, data, file_name, **options)
    except ObservatoryError as error:
        return ImportReport(dataset, file_name, "rejected",
                            errors=[csvread.ImportProblem(None, None, None, str(error))],
                            errors_total=1)


def apply_upload(dataset: str, data: bytes, file_name: str, user: str,
                 path: Path | None = None, **options) -> ImportReport:
    """Validate against the working database (`path`, default OBSERVATORY_DB) and apply the file
    as one batch, then publish; a rejected or unreadable file, or one that changes nothing,
    writes and publishes nothing.

    `options` are importer.import_file's: shape, replace, template, save_template.
    """
    try:
        with db.writing(path) as con:
            try:
                report = importer.import_file(con, dataset, data, file_name, user, **options)
            except (ImportFileError, ShapeError, TemplateError) as unreadable:
                raise _Refused(unreadable) from unreadable
            # A file that changes nothing (no batch) leaves the published figures as they are:
            # rebuilding them is most of the time of a large file imported again.
            if report.status == "rejected" or (report.changes_nothing
                                               and options.get("save_template") is None):
                raise _Refused(report)
    except _Refused as refused:
        if isinstance(refused.outcome, Exception):
            raise refused.outcome from None
        return refused.outcome
    return report


class _Refused(RefusedBeforeWriting):
    """Leaves `db.writing()` by an exception so that nothing is published; `outcome` is the
    rejected (or unchanged) report, or the error that made the file unreadable."""

    def __init__(self, outcome: ImportReport | ObservatoryError):
        super().__init__("fichier refusé")
        self.outcome = outcome


def errors_table(report: ImportReport, lang: str = "fr") -> pd.DataFrame:
    """Return one row per problem: Ligne, Colonne, Valeur, Message (headers in `lang`)."""
    rows = [{"row": problem.row, "column": problem.column, "value": problem.value,
             "message": problem.message} for problem in report.errors]
    frame = pd.DataFrame(rows, columns=list(ERROR_COLUMNS)).astype({"row": "Int64"})
    return frame.rename(columns={key: tr(name, lang) for key, name in ERROR_COLUMNS.items()})


def history_table(frame: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """Return `batches.list_batches` as shown: dates written out, the state in words."""
    frame = frame.copy()
    frame["state"] = [
        tr("appliqué", lang) if pd.isna(when)
        else tr("annulé le {when} par {who}", lang, when=f"{when:%d/%m/%Y %H:%M}", who=who)
        for when, who in zip(frame["rolled_back_at"], frame["rolled_back_by"], strict=True)
    ]
    frame["applied_at"] = frame["applied_at"].dt.strftime("%d/%m/%Y %H:%M")
    return frame[list(HISTORY_COLUMNS)].rename(
        columns={key: tr(name, lang) for key, name in HISTORY_COLUMNS.items()})


def applied_batches(frame: pd.DataFrame) -> list[int]:
    """Return the batches of `batches.list_batches` that can still be rolled back, newest first."""
    return [int(batch) for batch in frame.loc[frame["rolled_back_at"].isna(), "batch_id"]]


def rollback(batch_id: int, user: str) -> batches.RollbackSummary:
    """Roll one batch back in the working database and publish; raise RollbackRefused."""
    with db.writing() as con:
        return batches.rollback_batch(con, batch_id, user)
