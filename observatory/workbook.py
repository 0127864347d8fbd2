"""Reading workbooks (.xlsx, .ods, .xls) as they arrive (DATA-CONTRACT.md §6).

python-calamine reads the cells as the spreadsheet typed them (numbers, dates, booleans,
the saved value of a formula). The sheet is the one `--sheet` names or numbers, else the
first with a recognisable header; the header row is found by headerfind's rule (the CSV
reader's too) under title and note lines, unless `--header-row` forces it. Merged cells around the header lend their value to every cell
they cover, so a label merged over two header rows names its column. Every cell then lands
as text in `import_raw` (c0 … c<width>, the last one holding a row's first value beyond the
header's width), header first, one row per sheet row: the rest is the CSV path's.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools

import duckdb
import pyarrow as pa
import python_calamine

from observatory import csvread, csvshape, fileshape, headerfind
from observatory.csvread import StagedFile
from observatory.errors import ImportFileError

SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
_ARROW_NAME = "import_workbook_arrow"


def is_workbook(data: bytes) -> bool:
    """Return True when the bytes start like a workbook (ZIP for .xlsx/.ods, OLE for .xls)."""
    return data.startswith(SIGNATURES)


def _open(data: bytes) -> python_calamine.CalamineWorkbook:
    csvread.check_size(len(data))
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 - calamine raises several unrelated types
        raise ImportFileError(
            "Ce fichier ressemble à un classeur ou à une archive ZIP, mais il n'a pas pu être "
            f"lu comme un classeur Excel (.xlsx, .xls) ou OpenDocument (.ods) ({error}) : "
            "ouvrez-le dans votre tableur et enregistrez-le de nouveau en .xlsx ou .ods, "
            "ou exportez la feuille en CSV.") from None


def _worksheets(book) -> list:
    return [meta for meta in book.sheets_metadata
            if str(meta.typ).endswith("WorkSheet") and str(meta.visible).endswith(".Visible")] or [
        meta for meta in book.sheets_metadata]


def cell_text(value: object) -> str | None:
    """Return one cell as the text the checks read: numbers with a point, dates in ISO 8601."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def stage_workbook(con: duckdb.DuckDBPyConnection, data: bytes, expected: tuple[str, ...],
                   required: tuple[str, ...], shape: fileshape.FileShape) -> StagedFile:
    """Read one sheet of a workbook into `import_staging`, like csvread.stage_csv a CSV file."""
    book = _open(data)
    csvread.install_macros(con)
    name, rows, merged = _choose_sheet(con, book, expected, shape)
    staged = StagedFile(encoding="classeur", sheet=name)
    header_index = _header_index(con, rows, merged, expected, shape, name)
    staged.header_row = header_index + 1
    names = [cell_text(value) or "" for value in _filled_header(rows, header_index, merged)]
    width = csvshape.named_width(names, staged.header_row)
    names = names[:width]
    plan = fileshape.plan_header(
        names, csvread.normalise_names(con, names), lambda items: csvread.normalise_names(con, items),
        expected, required, shape, staged.header_row, staged.problems, staged.warnings)
    if staged.problems:
        return staged
    _load_raw(con, rows[header_index:], width)
    unnamed = [position for position, header in enumerate(names) if not header.strip()]
    staged.warnings.extend(csvshape.unnamed_warnings(csvread.count_values(con, unnamed)))
    csvread.stage_planned(con, staged, plan, expected, width)
    return staged


def read_header(con, data: bytes, expected: tuple[str, ...],
                shape: fileshape.FileShape) -> tuple[list[str], str, int, list[str]]:
    """Return (sheet names, sheet read, header row, header names) as stage_workbook would read them."""
    book = _open(data)
    csvread.install_macros(con)
    name, rows, merged = _choose_sheet(con, book, expected, shape)
    index = _header_index(con, rows, merged, expected, shape, name)
    names = [cell_text(value) or "" for value in _filled_header(rows, index, merged)]
    return ([sheet.name for sheet in _worksheets(book)], name, index + 1,
            names[:csvshape.named_width(names, index + 1)])


def _choose_sheet(con, book, expected, shape) -> tuple[str, list[list], list]:
    """Return (name, rows, merged ranges) of the sheet to read."""
    sheets = _worksheets(book)
    names = [sheet.name for sheet in sheets]
    listed = ", ".join(f"« {sheet} »" for sheet in names)
    if shape.sheet is not None:
        wanted = str(shape.sheet).strip()
        chosen = next((sheet for sheet in names if sheet.strip().casefold() == wanted.casefold()), None)
        if chosen is None and wanted.isdigit() and 1 <= int(wanted) <= len(names):
            chosen = names[int(wanted) - 1]
        if chosen is None:
            raise ImportFileError(
                f"Feuille « {wanted} » introuvable dans le classeur : indiquez avec --sheet le nom "
                f"ou le numéro (1 à {len(names)}) d'une de ses feuilles : {listed}.")
        return _read_sheet(book, chosen)
    if not names:
        raise ImportFileError("Le classeur ne contient aucune feuille : ajoutez-y les données.")
    first = None
    for sheet in names:
        read = _read_sheet(book, sheet)
        first = first or read
        if shape.header_row is not None or _best_header(con, read[1], read[2], expected, shape)[1]:
            return read
    return first


def _read_sheet(book, name: str) -> tuple[str, list[list], list]:
    sheet = book.get_sheet_by_name(name)
    return name, sheet.to_python(skip_empty_area=False), list(sheet.merged_cell_ranges or [])


def _filled_rows(rows: list[list], merged: list) -> list[list]:
    """Return rows (the top of a sheet) where every merged range lends its value to its cells."""
    filled = [list(row) for row in rows]
    for (top, left), (bottom, right) in merged:
        if top >= len(filled) or left >= len(filled[top]):
            continue
        value = filled[top][left]
        for r in range(top, min(bottom, len(filled) - 1) + 1):
            for c in range(left, min(right, len(filled[r]) - 1) + 1):
                if filled[r][c] in (None, ""):
                    filled[r][c] = value
    return filled


def _filled_header(rows: list[list], index: int, merged: list) -> list:
    return _filled_rows(rows[: index + 1], merged)[index] if rows else []


def _best_header(con, rows, merged, expected, shape) -> tuple[int, float]:
    top = _filled_rows(rows[:headerfind.HEADER_SEARCH_ROWS], merged)
    return headerfind.best_header([[cell_text(value) or "" for value in row] for row in top],
                                  lambda names: csvread.normalise_names(con, names), expected, shape)


def _header_index(con, rows, merged, expected, shape, sheet: str) -> int:
    """Return the 0-based index of the header row (forced, or the best recognised)."""
    forced = headerfind.forced_index(shape, len(rows), f"la feuille « {sheet} »")
    if forced is not None:
        return forced
    index, score = _best_header(con, rows, merged, expected, shape)
    if score > 0:
        return index
    non_empty = [index for index, row in enumerate(rows) if any(cell_text(v) for v in row)]
    if not non_empty:
        raise ImportFileError(f"La feuille « {sheet} » est vide : choisissez une autre feuille "
                              "(--sheet) ou ajoutez-y les données.")
    return non_empty[0]


def _load_raw(con, rows: list[list], width: int) -> None:
    """Create `import_raw` (c0 … c<width>) from the header row and the rows below it."""
    # The header's names are read already: its row stays (rowid 0 is the header) but empty,
    # so that a column of numbers under a text header is still a column of numbers.
    # Transposed in C (zip_longest pads short rows), not row by row in Python.
    columns = list(itertools.islice(itertools.zip_longest([""] * width, *rows[1:], fillvalue=""), width))
    arrays = {f"c{index}": _arrow_column(column) for index, column in enumerate(columns)}
    overflow = [_overflow(row, width) for row in rows[1:]] if any(len(row) > width for row in rows) else []
    arrays[f"c{width}"] = pa.array([None, *overflow] if overflow else [None] * len(rows), type=pa.string())
    table = pa.table(arrays)
    # Columns of numbers only come as doubles: written as text in SQL, whole numbers without
    # a decimal part (a code 35238, a year 2021), as cell_text writes them.
    cells = [f"import_cell_number({name}) as {name}" if table.schema.field(name).type == pa.float64()
             else name for name in table.column_names]
    con.register(_ARROW_NAME, table)
    try:
        con.execute(f"create or replace temp table {csvread.RAW_TABLE} as "  # noqa: S608
                    f"select {', '.join(cells)} from {_ARROW_NAME}")
    finally:
        con.unregister(_ARROW_NAME)


def _arrow_column(values: tuple) -> pa.Array:
    """Return one column as Arrow: text, or doubles when every cell is a number or empty."""
    types = list(map(type, values))
    kinds = set(types)
    if kinds <= {str}:
        return pa.array([value or None for value in values], type=pa.string())
    # Counted in C: the only texts of the column are empty cells.
    if kinds <= {str, float} and types.count(str) == values.count(""):
        return pa.array([None if value == "" else value for value in values], type=pa.float64())
    return pa.array([cell_text(value) for value in values], type=pa.string())


def _overflow(row: list, width: int) -> str | None:
    """Return a row's first value beyond the header's width (None when there is none)."""
    if len(row) <= width:
        return None
    return next((text for text in map(cell_text, row[width:]) if text), None)
