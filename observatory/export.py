"""Downloads of any result frame: CSV for French Excel, standard CSV, Parquet, a zip bundle.

Builders return bytes; only pages call `st.download_button`. In CSV, text cells that a
spreadsheet would run as a formula are neutralised, and secret figures read « secret ».
"""

from __future__ import annotations

import io
import zipfile

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SECRET_TEXT = "secret"
# Each figure column and the column telling whether it is secret (portraits compare three).
SECRET_STATES = {"valeur": "etat", "valeur_parent": "etat_parent", "valeur_region": "etat_region"}
README_FR = """{title}
{underline}

Contenu de cette archive :
- donnees.csv : les données, au format CSV pour Excel en français (séparateur « ; »,
  virgule décimale, UTF-8 avec BOM) ;
- donnees.parquet : les mêmes données au format Parquet (valeurs numériques exactes) ;
- indicateurs.csv : le catalogue des indicateurs (définition, unité, source, règle
  d'agrégation, seuil de secret statistique).

Colonnes « etat » : publie (chiffre publié), secret (masqué par le secret statistique,
primaire ou secondaire : jamais 0 ni vide), absent (pas de donnée).
« calcule » = vrai quand le chiffre est agrégé à partir de territoires plus petits ;
« couverture » dit combien de ces territoires avaient une donnée (par ex. 4/5).
« statut » : definitif, provisoire, estime, ou calcule. « batch_id » : le lot d'import
d'où vient le chiffre.

Observatoire régional de l'innovation sociale.
"""


def _neutralise(value):
    """Return a text cell prefixed with ' when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _csv_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy with text cells neutralised and secret figures written as « secret »."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(_neutralise)
    for value, state in SECRET_STATES.items():
        if value in out.columns and state in out.columns:
            secret = out[state] == "secret"
            if secret.any():
                out[value] = out[value].astype(object)
                out.loc[secret, value] = SECRET_TEXT
    return out


def _french_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy whose floats are written with a decimal comma (text stays as is)."""
    out = frame.copy()
    for column in out.columns:
        out[column] = out[column].map(
            lambda value: repr(value).replace(".", ",") if isinstance(value, float)
            and value == value else value)
    return out


def to_excel_csv(frame: pd.DataFrame) -> bytes:
    """Return CSV bytes for French Excel: `;`, decimal comma, UTF-8 with BOM, CRLF."""
    text = _french_cells(_csv_ready(frame)).to_csv(sep=";", index=False, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def to_csv(frame: pd.DataFrame) -> bytes:
    """Return standard CSV bytes (RFC 4180): `,`, decimal point, UTF-8 without BOM, CRLF.

    CRLF, not LF: Python's csv writer quotes a cell holding a line-end character only when
    that character is in the line terminator, so with LF a lone CR split the row for readers.
    """
    return _csv_ready(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8")


def to_parquet(frame: pd.DataFrame) -> bytes:
    """Return Parquet bytes of the frame (secret figures stay NULL, with their `etat`)."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


# The formats every download offers, by the key of their button: builder, file suffix, MIME type.
FORMATS = {
    "csv_fr": (to_excel_csv, ".csv", "text/csv"),
    "csv": (to_csv, "-standard.csv", "text/csv"),
    "parquet": (to_parquet, ".parquet", "application/vnd.apache.parquet"),
}


def to_zip(frame: pd.DataFrame, indicators: pd.DataFrame, title: str) -> bytes:
    """Return a zip: the data (CSV + Parquet), the indicator metadata and a French README."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("donnees.csv", to_excel_csv(frame))
        archive.writestr("donnees.parquet", to_parquet(frame))
        archive.writestr("indicateurs.csv", to_excel_csv(indicators))
        archive.writestr("LISEZMOI.txt", README_FR.format(title=title, underline="=" * len(title)))
    return buffer.getvalue()
