"""The Import page's mapping: read a file's header and suggest how each column maps.

`inspect` returns what the importer will read (sheets, sheet, header row, headers) for a
shape; `suggest` proposes a target for each header: the contract column it already names,
a known partner name (`CODGEO` → territoire), or WIDE for a column whose header carries a
year (`2021`, `valeur_2021`, `P21_POP`), with the --wide pattern that matches it. The
page's choices become a FileShape, the same the command line builds from its options.
"""

from __future__ import annotations

from dataclasses import dataclass

from observatory import csvread, workbook
from observatory.datasets import get_dataset
from observatory.fileshape import TERRITORY_NAMES, FileShape, WidePattern, wide_pattern
from observatory.importer import contract_columns

WIDE = "__wide__"
TERRITORY_COLUMN = {"observations": "territoire", "initiatives": "commune", "territoires": "code"}


@dataclass
class FileHeader:
    """What the importer will read: the workbook's sheets (empty for CSV), sheet, header."""

    sheets: list[str]
    sheet: str | None
    header_row: int
    names: list[str]
    normalised: list[str]


def inspect(con, dataset: str, data: bytes, shape: FileShape) -> FileHeader:
    """Return the header of a file as the importer will read it with `shape`."""
    expected = tuple(column.name for column in contract_columns(get_dataset(dataset)))
    if workbook.is_workbook(data):
        sheets, sheet, header_row, names = workbook.read_header(con, data, expected, shape)
    else:
        sheets, sheet = [], None
        header_row, names = csvread.read_header(con, data, expected, shape)
    return FileHeader(sheets, sheet, header_row, names, csvread.normalise_names(con, names))


def suggest(dataset: str, header: FileHeader) -> list[str]:
    """Return the suggested target of each header: a contract column, WIDE or "" (ignored)."""
    expected = {column.name for column in contract_columns(get_dataset(dataset))}
    suggestions = []
    for name, word in zip(header.names, header.normalised, strict=True):
        if word in expected:
            suggestions.append(word)
        elif word in TERRITORY_NAMES and dataset in TERRITORY_COLUMN:
            suggestions.append(TERRITORY_COLUMN[dataset])
        elif dataset == "observations" and wide_pattern(name):
            suggestions.append(WIDE)
        else:
            suggestions.append("")
    # A target taken by a column the file already names is not suggested twice.
    taken = {word for word in header.normalised if word in expected}
    return [target if target in ("", WIDE) or target == word or target not in taken else ""
            for target, word in zip(suggestions, header.normalised, strict=True)]


def wide_patterns(header: FileHeader, targets: list[str]) -> list[str]:
    """Return the distinct --wide patterns of the columns chosen as WIDE, in header order."""
    patterns = [wide_pattern(name) or name.strip() for name, target
                in zip(header.names, targets, strict=True) if target == WIDE]
    return list(dict.fromkeys(patterns))


def build_shape(header: FileHeader, targets: list[str], indicators: dict[str, str],
                constants: dict[str, str], sheet: str | None, header_row: int | None) -> FileShape:
    """Return the FileShape of the page's choices (the command line's equivalent options)."""
    renames = [(name.strip(), target) for name, word, target
               in zip(header.names, header.normalised, targets, strict=True)
               if target not in ("", WIDE) and target != word]
    wide = [WidePattern(pattern, indicators.get(pattern) or None)
            for pattern in wide_patterns(header, targets)]
    sets = [(column, value) for column, value in constants.items() if value]
    return FileShape(sheet, header_row, renames, sets, wide)
