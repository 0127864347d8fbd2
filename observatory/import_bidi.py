"""Invisible bidirectional controls in an imported file (textsafety.BIDI_CONTROLS).

They make a value show as something else (« Facture », U+202E, « gnp.exe » reads
« Factureexe.png »). Free text (names, descriptions, sources) loses them, with a warning per
column; in any other column (codes, keys, vocabularies, numbers) they are an error, the only
one reported for that cell. Works on `import_staging` before the checks of importer, and only
for a file that holds one of them (`StagedFile.bidi`: a million clean rows pay nothing).
"""

from __future__ import annotations

from observatory import sqlstore, textsafety
from observatory.csvshape import french_count
from observatory.dataset_sql import per_column
from observatory.datasets import Column


def strip_free_text(con, columns: tuple[Column, ...], present: tuple[str, ...]) -> list[str]:
    """Remove bidirectional controls from the free-text columns of the staged file; return
    one French warning per column that had some."""
    warnings = []
    for column in columns:
        if not column.free_text or column.name not in present:
            continue
        pattern = [textsafety.BIDI_CLASS]
        cells, first_row = sqlstore.one(
            con, per_column("import_bidi_free_text_summary", column.name), pattern)
        if not cells:
            continue
        sqlstore.write(con, per_column("import_bidi_free_text_strip", column.name), pattern)
        plural = "s" if cells > 1 else ""
        warnings.append(
            f"Colonne « {column.name} » : {french_count(cells)} valeur{plural} contenai"
            f"{'ent' if cells > 1 else 't'} des caractères invisibles de contrôle du sens "
            f"d'écriture ({textsafety.BIDI_RANGES}), qui peuvent faire lire un texte à l'envers : "
            f"ils ont été retirés (par ex. ligne {first_row}).")
    return warnings


def find_problems(con) -> None:
    """Add a `bidi_control` problem per staged cell still holding bidirectional controls, and
    drop the other problems of those cells."""
    sqlstore.write(con, "import_bidi_problems", [textsafety.BIDI_CLASS])
    sqlstore.write(con, "import_bidi_supersedes")


def message(column_name: str | None, value: str, detail: str) -> str:
    """Return the French error of a cell holding bidirectional controls (`value` revealed)."""
    what, verb, which = (("des caractères invisibles", "font", "ces caractères") if "," in detail
                         else ("un caractère invisible", "fait", "ce caractère"))
    return (f"La valeur « {value} » de la colonne « {column_name} » contient {what} de contrôle "
            f"du sens d'écriture ({detail}), qui la {verb} lire autrement qu'elle n'est "
            f"enregistrée : retapez la valeur sans copier-coller, ou retirez {which}.")
