"""Import templates: the sheet, header row and mapping of a partner's file, saved by name.

`--save-template NAME` stores them with the import (same transaction as its batch);
`--template NAME` applies them to the partner's next file, the command's own options
completing or overriding them. The Import page lists and reuses the same templates.
"""

from __future__ import annotations

import pandas as pd

from observatory import sqlstore, textsafety
from observatory.errors import ObservatoryError
from observatory.fileshape import FileShape

NAME_MAX_CHARS = 80


class TemplateError(ObservatoryError):
    """A template name is unknown, empty, or meant for another dataset (usage error)."""


def clean_name(name: str) -> str:
    """Return a template name as stored (no bidi controls, spaces trimmed), or refuse it."""
    cleaned = " ".join(textsafety.strip_bidi(name).split())
    if not cleaned:
        raise TemplateError("Le nom du modèle est vide : donnez-lui un nom, par ex. « insee_population ».")
    if len(cleaned) > NAME_MAX_CHARS:
        raise TemplateError(f"Le nom du modèle compte {len(cleaned)} caractères, "
                            f"{NAME_MAX_CHARS} au plus : raccourcissez-le.")
    return cleaned


def load(con, name: str, dataset: str) -> FileShape:
    """Return the shape saved under `name` for `dataset`, or raise a French TemplateError."""
    name = clean_name(name)
    row = sqlstore.one(con, "templates_one", [name]) if _exists(con) else None
    if row is None:
        known = names(con)
        listed = ", ".join(f"« {known_name} »" for known_name in known) if known else "aucun"
        raise TemplateError(f"Modèle d'import « {name} » introuvable : modèles enregistrés : "
                            f"{listed}. Enregistrez-le d'abord avec --save-template.")
    saved_dataset, shape = row
    if saved_dataset != dataset:
        raise TemplateError(f"Le modèle « {name} » a été enregistré pour le jeu de données "
                            f"« {saved_dataset} », pas pour « {dataset} » : choisissez un autre "
                            "modèle ou le bon jeu de données.")
    return FileShape.from_json(shape)


def save(con, name: str, dataset: str, shape: FileShape, user: str) -> None:
    """Store (or replace) a template; the caller holds the transaction."""
    sqlstore.write(con, "templates_save", [clean_name(name), dataset, shape.to_json(), user])


def names(con, dataset: str | None = None) -> list[str]:
    if not _exists(con):
        return []
    return [row[0] for row in sqlstore.rows(con, "templates_names", [dataset])]


def listing(con) -> pd.DataFrame:
    """Return the templates with their dataset, mapping (as the command line writes it), author."""
    if not _exists(con):
        return pd.DataFrame(columns=["Modèle", "Jeu de données", "Correspondance", "Par", "Le"])
    rows = sqlstore.rows(con, "templates_list")
    return pd.DataFrame(
        [(name, dataset, FileShape.from_json(shape).describe(), by, when)
         for name, dataset, shape, by, when in rows],
        columns=["Modèle", "Jeu de données", "Correspondance", "Par", "Le"])


def _exists(con) -> bool:
    # A snapshot published before migration 008 has no template table yet.
    return bool(sqlstore.rows(con, "templates_table_exists"))
