"""Hostile shapes of CSV text, handled before DuckDB reads it: over-long cells, padded headers.

Excel pads an export with empty columns up to the last one ever used (up to XFD, 16,384),
and a hand-made file can carry far more. Beyond a few (PADDING_KEPT), every cell after the
header's last name is cut here in one linear pass, so DuckDB reads only the named columns
(a table as wide as the padding costs seconds and gigabytes). Values found under those
unnamed columns are counted for a warning; values beyond the header's width are kept, the
first of each row, as the row's overflow (too many values).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from typing import TextIO

from observatory import textsafety
from observatory.errors import ImportFileError

# DuckDB reads lines up to this length (max_line_size of import_read_raw); Python's csv module,
# which splits headers and padded files, must accept cells as long (its default limit is
# 131,072). Only ever raised, once, so no other thread can see the limit go down.
MAX_LINE_CHARS = 16 * 1024 * 1024
csv.field_size_limit(max(csv.field_size_limit(), MAX_LINE_CHARS))
# Up to this many empty columns after the header's last name are read by DuckDB like the
# others (a million rows with one trailing `;` must not pay a Python pass); more are cut.
PADDING_KEPT = 64
# A spreadsheet sheet has 16,384 columns (XFD): a header naming more is not a table.
MAX_COLUMNS = 16_384
# Names longer than this are cut in messages (a header cell can be megabytes long).
NAME_SHOWN_CHARS = 60
# Unnamed columns holding values are warned about one by one up to this many, then together.
UNNAMED_LISTED = 5
EXPORT_HINT = ("enregistrez-le depuis votre tableur au format « CSV UTF-8 » "
               "ou « CSV (séparateur : point-virgule) »")
_BLANK = " \t\n\u00a0\u202f"  # what import_text trims: a cell of these only is empty
_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


@dataclass(frozen=True)
class ImportProblem:
    """One problem of a file: spreadsheet row (None for the whole file), column, value, French message."""

    row: int | None
    column: str | None
    value: str | None
    message: str


def french_count(number: int) -> str:
    """Return an integer written the French way (narrow no-break space between thousands)."""
    return f"{number:,}".replace(",", "\u202f")


def split_line(line: str, delimiter: str, row: int) -> list[str]:
    """Return the cells of one line of text, or raise a French ImportFileError naming the row."""
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error as error:
        raise ImportFileError(
            f"La ligne {row} n'a pas pu être découpée en colonnes : une cellule y dépasse "
            f"{french_count(MAX_LINE_CHARS)} caractères. Vérifiez qu'un guillemet n'y est pas "
            f"resté ouvert, ou {EXPORT_HINT}.") from error


def shown_name(name: str) -> str:
    """Return a header name as messages quote it: bidi controls written out, cut after
    NAME_SHOWN_CHARS characters."""
    name = textsafety.reveal_bidi(name.strip())
    return name if len(name) <= NAME_SHOWN_CHARS else name[:NAME_SHOWN_CHARS - 1] + "…"


def named_width(names: list[str], header_row: int) -> int:
    """Return how many header cells count: up to the last named one; refuse a header too wide."""
    width = next((position + 1 for position in range(len(names) - 1, -1, -1) if names[position]), 0)
    if width > MAX_COLUMNS:
        raise ImportFileError(
            f"La ligne d'en-tête (ligne {header_row}) compte {french_count(width)} colonnes, plus "
            f"que les {french_count(MAX_COLUMNS)} d'une feuille de tableur : vérifiez le séparateur "
            f"de colonnes, ou {EXPORT_HINT}.")
    return width


def cut_padding(text: str, delimiter: str, width: int, header_width: int, first_row: int,
                out: TextIO) -> Counter:
    """Write to `out` every record of `text` cut to `width` cells plus its first value beyond
    `header_width` (its overflow); return {position: values} of the unnamed columns between.

    `text` starts with the header (spreadsheet row `first_row`) and has no empty line
    outside quotes (csvread keeps those as one space).
    """
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    unnamed: Counter = Counter()
    # Lines one at a time, never the whole text copied (io.StringIO holds 4 bytes a character).
    lines = (match.group() for match in _LINE.finditer(text))
    records = csv.reader(lines, delimiter=delimiter)
    try:
        for cells in records:
            kept = cells[:width]
            overflow = ""
            # Counting empty strings runs in C: the usual padded row costs no Python loop.
            if cells.count("") - kept.count("") < len(cells) - len(kept):
                for position, cell in enumerate(cells[width:], start=width):
                    if not cell or not cell.strip(_BLANK):
                        continue
                    if position < header_width:
                        unnamed[position] += 1
                    else:
                        overflow = cell
                        break
            if overflow:
                kept.append(overflow)
            writer.writerow(kept or [""])  # an empty record would vanish: keep its row number
    except csv.Error as error:
        raise ImportFileError(
            f"La ligne {first_row + records.line_num - 1} n'a pas pu être découpée en colonnes : "
            f"une cellule y dépasse {french_count(MAX_LINE_CHARS)} caractères. Vérifiez qu'un "
            f"guillemet n'y est pas resté ouvert, ou {EXPORT_HINT}.") from error
    return unnamed


def unnamed_warnings(counts: dict[int, int]) -> list[str]:
    """Return the warnings for columns without a header name that hold values (ignored)."""
    filled = sorted(position for position, count in counts.items() if count)
    if len(filled) <= UNNAMED_LISTED:
        return [f"La colonne n° {position + 1} n'a pas de nom dans l'en-tête : ses "
                f"{counts[position]} valeur(s) sont ignorées." for position in filled]
    listed = ", ".join(str(position + 1) for position in filled[:UNNAMED_LISTED])
    values = sum(counts[position] for position in filled)
    return [f"{french_count(len(filled))} colonnes sans nom dans l'en-tête (n° {listed}…) "
            f"contiennent {french_count(values)} valeur(s) : elles sont ignorées. Donnez un nom "
            "à ces colonnes ou retirez-les."]
