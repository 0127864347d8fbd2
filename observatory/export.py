"""Downloads of any result frame: CSV for French Excel, standard CSV, Parquet.

Builders return bytes; only pages call `st.download_button`. In CSV, text cells that a
spreadsheet would run as a formula are neutralised, and secret figures read « secret ».
"""

from __future__ import annotations

import io

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SECRET_TEXT = "secret"
# Each figure column and the column telling whether it is secret (portraits compare three).
SECRET_STATES = {"valeur": "etat", "valeur_parent": "etat_parent", "valeur_region": "etat_region"}


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

