"""Finding the header row of a file under its title and note lines (DATA-CONTRACT.md §6).

One rule for every reader, CSV and workbooks alike: among the first HEADER_SEARCH_ROWS rows,
the header is the row whose cells the mapping recognises best (contract names, mapped names,
wide columns, partner territory names, and half a point for a header with a year in it);
titles and notes score little or nothing, and the first row wins a tie. `--header-row N`
forces the row (N as a spreadsheet or a text editor numbers the file's lines).
"""

from __future__ import annotations

from observatory.errors import ImportFileError
from observatory.fileshape import TERRITORY_NAMES, FileShape, wide_pattern

HEADER_SEARCH_ROWS = 30
# A header names at least one column outright (or two by a year in them): a data row with a
# year in one cell is not taken for the header of a file whose own header names nothing.
MIN_SCORE = 1.0
# A cell longer than this names no column (a title, or a padded line split by the wrong
# delimiter): it scores nothing and is not normalised.
NAME_MAX_CHARS = 1000


def header_score(names: list[str], normalised: list[str], expected: tuple[str, ...],
                 shape: FileShape, sources: set[str]) -> float:
    """Return how many cells of a candidate header row the shape recognises."""
    score = 0.0
    for name, word in zip(names, normalised, strict=True):
        if not word:
            continue
        if (word in expected or word in sources or word in TERRITORY_NAMES
                or any(wide.match(name) for wide in shape.wide)):
            score += 1
        elif wide_pattern(name):
            score += 0.5
    return score


def best_header(rows: list[list[str]], normalise, expected: tuple[str, ...],
                shape: FileShape) -> tuple[int, float]:
    """Return (index, score) of the row of `rows` (a file's first rows) recognised best, the
    first on ties; the score is 0 when no row scores MIN_SCORE.

    `normalise(list[str]) -> list[str]` normalises names like headers (SQL macro import_word):
    called once for all the rows.
    """
    sources = set(normalise([source for source, _ in shape.renames])) if shape.renames else set()
    words = normalise([name if len(name) <= NAME_MAX_CHARS else "" for row in rows for name in row])
    scores, start = [], 0
    for row in rows:
        scores.append(header_score(row, words[start:start + len(row)], expected, shape, sources))
        start += len(row)
    best = max(scores, default=0.0)
    return (scores.index(best), best) if best >= MIN_SCORE else (0, 0.0)


def forced_index(shape: FileShape, rows_n: int, where: str) -> int | None:
    """Return the 0-based row `--header-row` forces (None when not forced); refuse a row past
    the end of `where` (« la feuille « X » », « le fichier »), which has `rows_n` rows."""
    if shape.header_row is None:
        return None
    if not 1 <= shape.header_row <= max(rows_n, 1):
        raise ImportFileError(
            f"--header-row {shape.header_row} : {where} compte {rows_n} ligne(s) ; indiquez le "
            "numéro de la ligne d'en-tête tel que le tableur l'affiche.")
    return shape.header_row - 1
