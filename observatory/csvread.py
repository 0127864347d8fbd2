"""Reading real-world CSV files into a VARCHAR staging table, with spreadsheet row numbers.

Files come from Excel, LibreOffice and other observatories' exports (DATA-CONTRACT.md §2).
Python does only what DuckDB 2.0 cannot: size and binary checks, decoding Windows-1252
(DuckDB reads UTF-8, UTF-16 and Latin-1 only, and its `encodings` extension is not
installable offline), choosing the delimiter from the header (the header's names are
known, which makes this more reliable than a generic sniffer on ragged files), and
keeping empty lines countable. The header is the line headerfind's rule recognises under
title and note lines (the workbooks' rule), or the one --header-row forces; the lines above it
are not read. DuckDB's `read_csv` parses the rest of the file; every cell lands as text in the
temporary table `import_staging`, one row per non-blank data row, with `row_n` = the line of
the file a spreadsheet shows (title lines and blank rows counted: header = row 1 without titles).
"""

from __future__ import annotations

import codecs
import math
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer
import duckdb

from observatory import csvshape, fileshape, headerfind, settings, sqlstore, textsafety
from observatory.csvshape import ImportProblem
from observatory.errors import ImportFileError

STAGING_TABLE = "import_staging"
RAW_TABLE = "import_raw"
# Preference order on ties: French spreadsheets export `;`.
DELIMITERS = (";", "\t", ",")
DELIMITER_NAMES = {";": "point-virgule", "\t": "tabulation", ",": "virgule"}
_BINARY_SIGNATURES = (
    (b"PK\x03\x04", "un classeur Excel (.xlsx), OpenDocument (.ods) ou une archive ZIP"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "un classeur Excel 97-2003 (.xls)"),
    (b"%PDF", "un document PDF"),
)
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EMPTY_LINE = re.compile(r"\n(?=\n)")
_LEADING_BLANK_LINES = re.compile(r"(?:[ \t\u00a0]*\n)*")
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")
# UTF-8 text read as Windows-1252 shows these pairs (é → Ã©, à → Ã + no-break space, ’ → â€™).
_UTF8_CONTINUATIONS = bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore")
_MOJIBAKE = re.compile(f"(?:Ã|Â|â€)[{re.escape(_UTF8_CONTINUATIONS)}]")
_EXPORT_HINT = csvshape.EXPORT_HINT


@dataclass
class StagedFile:
    """What reading a file produced: the staging table is filled unless `problems` is non-empty."""

    rows_read: int = 0
    columns: tuple[str, ...] = ()
    encoding: str = ""
    delimiter: str = ""
    warnings: list[str] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    bidi: bool = False  # some cell may hold a bidirectional control (import_bidi checks it)
    sheet: str | None = None  # the sheet read, for a workbook
    header_row: int = 1
    labels: dict[str, str] = field(default_factory=dict)  # contract column → the file's name
    wide_sources: list[str] = field(default_factory=list)  # header of each unpivoted column
    wide_indicator: bool = False  # the indicator comes from the wide columns


def install_macros(con: duckdb.DuckDBPyConnection) -> None:
    """Create the temporary `import_*` macros (sql/queries/import_read.sql) on a connection."""
    for name in sqlstore.load_statements():
        if name.startswith("import_macro_"):
            sqlstore.write(con, name)


def upload_limit_bytes() -> int:
    """Return the largest accepted file size, in bytes (setting OBSERVATORY_UPLOAD_MAX_MB)."""
    return settings.get_int("OBSERVATORY_UPLOAD_MAX_MB") * 1024 * 1024


def check_size(size_bytes: int) -> None:
    """Raise ImportFileError when a file of `size_bytes` bytes exceeds the upload limit."""
    limit = upload_limit_bytes()
    if size_bytes > limit:
        raise ImportFileError(
            f"Le fichier pèse {_megabytes(size_bytes, up=True)} Mo, au-delà de la limite de "
            f"{_megabytes(limit)} Mo (réglage OBSERVATORY_UPLOAD_MAX_MB) : découpez-le en "
            "plusieurs fichiers ou faites relever la limite."
        )


def _megabytes(size_bytes: int, up: bool = False) -> str:
    """Return a size in megabytes with one decimal (rounded up when `up`, so 1 Mo + 1 byte > 1 Mo)."""
    tenths = size_bytes * 10 / (1024 * 1024)
    tenths = math.ceil(tenths) if up else round(tenths)
    return f"{tenths / 10:.1f}".replace(".", ",").removesuffix(",0")


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) of raw file bytes, or raise a French ImportFileError."""
    check_size(len(data))
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise ImportFileError(f"Ce fichier est {kind}, pas un fichier CSV : {_EXPORT_HINT}.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _decode_strict(data, "utf-16"), "UTF-16"
    elif data.startswith(codecs.BOM_UTF8):
        text, encoding = _decode_strict(data[len(codecs.BOM_UTF8):], "utf-8"), "UTF-8 (BOM)"
    else:
        # On the bytes first (Latin-1 maps each byte to one character): a guess could read
        # zero bytes as UTF-16 and hide them.
        if b"\x00" in data:
            _refuse_nul(data.decode("latin-1"))
        text, encoding = _decode_guess(data)
    # Then on the text, whatever the encoding (in UTF-16 every other byte is zero).
    _refuse_nul(text)
    if not text.strip():
        raise ImportFileError("Le fichier est vide : il doit contenir une ligne d'en-tête "
                              "et au moins une ligne de données.")
    sample = text[:65536]
    if len(_CONTROL_CHARACTERS.findall(sample)) > max(2, len(sample) // 1000):
        raise ImportFileError(
            f"Ce fichier contient des caractères de contrôle : c'est un fichier binaire, pas un CSV ; {_EXPORT_HINT}."
        )
    return text, encoding


def _refuse_nul(text: str) -> None:
    nul = text.find("\x00")
    if nul >= 0:
        raise ImportFileError(
            f"Ce fichier contient des octets nuls (ligne {_line_of(text, nul)}) : c'est un fichier "
            f"binaire, pas un CSV ; {_EXPORT_HINT}.")


def _line_of(text: str, position: int) -> int:
    """Return the line of the file (1 = first; any line end) where `position` of `text` lies."""
    before = text[:position]
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1


def _decode_strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"Le fichier annonce l'encodage {encoding.upper()} mais contient des octets invalides "
            f"(position {error.start}) : {_EXPORT_HINT}."
        ) from error


def _decode_guess(data: bytes) -> tuple[str, str]:
    # Strict UTF-8 almost never accepts a Windows-1252 text with accents, so trying it
    # first is a reliable test; Windows-1252 is the other encoding French files use.
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        mixed = _MOJIBAKE.search(text)
        if mixed:
            raise ImportFileError(
                "Le fichier mélange deux encodages (UTF-8 et Windows-1252) : par exemple "
                f"« {mixed.group()} » à la ligne {_line_of(text, mixed.start())}. "
                "Réenregistrez-le au format « CSV UTF-8 » depuis votre tableur.")
        return text, "Windows-1252"
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise ImportFileError(f"L'encodage des caractères du fichier n'a pas été reconnu : {_EXPORT_HINT}.")
    return str(best), best.encoding


def normalise_names(con: duckdb.DuckDBPyConnection, names: list[str]) -> list[str]:
    """Return header names as contract names (case, accents, spaces, `-`/space vs `_` ignored).

    Needs the macros of `install_macros` on the connection.
    """
    # Each distinct name once: a padded header repeats the empty name thousands of times.
    distinct = list(dict.fromkeys(names))
    row = con.execute("select list_transform(?::varchar[], lambda name: import_word(name))",
                      [distinct]).fetchall()[0]
    normalised = dict(zip(distinct, row[0], strict=True))
    return [normalised[name] for name in names]


def stage_csv(
    con: duckdb.DuckDBPyConnection,
    data: bytes,
    expected: tuple[str, ...],
    required: tuple[str, ...],
    shape: fileshape.FileShape | None = None,
) -> StagedFile:
    """Read a CSV file into `import_staging` (one VARCHAR column per expected column, `row_n`, `overflow`)."""
    if not all(_IDENTIFIER.match(name) for name in expected):
        raise ValueError(f"column names must be identifiers: {expected}")
    shape = shape or fileshape.FileShape()
    text, encoding = decode(data)
    install_macros(con)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    header_row, text, delimiter, header = _find_header(con, text, expected, shape)
    header_line = text[:_line_end(text, 0)]
    staged = StagedFile(encoding=encoding, delimiter=delimiter, bidi=textsafety.has_bidi(text),
                        header_row=header_row)
    header_width = len(header)
    width = csvshape.named_width([name for _, name in header], header_row)
    if header_width - width <= csvshape.PADDING_KEPT:
        width = header_width  # a few empty columns cost DuckDB nothing: no Python pass
    header = header[:width]
    plan = fileshape.plan_header(
        [original for original, _ in header], [name for _, name in header],
        lambda names: normalise_names(con, names), expected, required, shape, header_row,
        staged.problems, staged.warnings,
        delimiter_hint=f", séparateur reconnu : {DELIMITER_NAMES[delimiter]}", raw_header=header_line)
    if staged.problems:
        return staged
    unnamed_counts = {}
    with tempfile.TemporaryDirectory(prefix="observatory-import-") as folder:
        path = Path(folder) / "file.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            if width < header_width:
                unnamed_counts = csvshape.cut_padding(
                    _keep_empty_lines(text), delimiter, width, header_width, header_row, handle)
            else:
                handle.write(_keep_empty_lines(text))
        _read_raw(con, path, delimiter, width + 1)
    _check_unterminated_quote(con, text, header_row, width + 1)
    unnamed = [position for position, (_, name) in enumerate(header) if not name]
    unnamed_counts.update(count_values(con, unnamed))
    staged.warnings.extend(csvshape.unnamed_warnings(unnamed_counts))
    stage_planned(con, staged, plan, expected, width)
    return staged


def read_header(con, data: bytes, expected: tuple[str, ...],
                shape: fileshape.FileShape) -> tuple[int, list[str]]:
    """Return (header row, header names) of a CSV file, as stage_csv reads them."""
    text, _ = decode(data)
    install_macros(con)
    header_row, _, _, header = _find_header(
        con, text.replace("\r\n", "\n").replace("\r", "\n"), expected, shape)
    names = [original for original, _ in header]
    return header_row, names[:csvshape.named_width([name for _, name in header], header_row)]


def stage_planned(con, staged: StagedFile, plan: fileshape.HeaderPlan, expected: tuple[str, ...],
                  width: int) -> None:
    """Fill `import_staging` from `import_raw` following `plan` (any reader); count the rows."""
    staged.columns = tuple(name for name in expected if name in plan.columns())
    staged.labels = dict(plan.labels)
    staged.wide_sources = [header for *_, header in plan.wide]
    staged.wide_indicator = any(indicator for _, _, indicator, _ in plan.wide)
    fileshape.fill_staging(con, plan, expected, width, staged.header_row)
    con.execute(f"drop table if exists {RAW_TABLE}")
    staged.rows_read = con.execute(f"select count(*) from {STAGING_TABLE}").fetchall()[0][0]  # noqa: S608
    if staged.rows_read == 0:
        where = f"de la feuille « {staged.sheet} » " if staged.sheet else "du fichier "
        staged.problems.append(ImportProblem(
            staged.header_row, None, None,
            f"L'en-tête {where}(ligne {staged.header_row}) n'est suivi d'aucune ligne de "
            "données : ajoutez les lignes à importer sous l'en-tête, ou vérifiez la feuille "
            "et la ligne d'en-tête choisies."))


def _find_header(con, text: str, expected: tuple[str, ...], shape: fileshape.FileShape
                 ) -> tuple[int, str, str, list[tuple[str, str]]]:
    """Return (header row, the text from the header line on, delimiter, (original, contract)
    names): the line --header-row forces, else the one headerfind recognises best among the
    first lines (leading blank lines skipped), split by the delimiter that recognises most."""
    forced = headerfind.forced_index(shape, text.count("\n") + (not text.endswith("\n")), "le fichier")
    if forced is None:
        start = _LEADING_BLANK_LINES.match(text).end()
        first_row = text.count("\n", 0, start) + 1
        lines = _lines(text, start, headerfind.HEADER_SEARCH_ROWS)
    else:
        start = 0
        for _ in range(forced):
            start = text.index("\n", start) + 1
        first_row, lines = forced + 1, _lines(text, start, 1)
    best = None
    for rank, delimiter in enumerate(DELIMITERS):
        # Trailing separators name nothing: cut before splitting (a padded line has thousands).
        rows = [csvshape.split_line(line.rstrip(delimiter), delimiter, first_row + index)
                for index, (_, line) in enumerate(lines)]
        index, score = headerfind.best_header(rows, lambda names: normalise_names(con, names),
                                              expected, shape)
        key = (score, len(rows[index]) if score else 0, -rank)
        if best is None or key > best[0]:
            best = (key, delimiter, index)
    _, delimiter, index = best
    offset, line = lines[index]
    fields = csvshape.split_line(line, delimiter, first_row + index)
    header = list(zip(fields, normalise_names(con, fields), strict=True))
    return first_row + index, text[offset:], delimiter, header


def _lines(text: str, start: int, most: int) -> list[tuple[int, str]]:
    """Return (offset, line) of up to `most` lines of `text` from `start`. A line too long to
    be split ends them, kept only when first (the header then: its error names it)."""
    lines: list[tuple[int, str]] = []
    while len(lines) < most:
        end = _line_end(text, start)
        if end - start > csvshape.MAX_LINE_CHARS and lines:
            break
        lines.append((start, text[start:end]))
        if end >= len(text) or end - start > csvshape.MAX_LINE_CHARS:
            break
        start = end + 1
    return lines


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _keep_empty_lines(text: str) -> str:
    """Return the text with a space on every empty line outside quotes, so DuckDB counts it as a row."""
    if "\n\n" not in text:
        return text
    if '"' not in text:
        return _EMPTY_LINE.sub("\n ", text)
    # An empty line inside a quoted cell is part of the cell: only lines after an even
    # number of quotes are real empty rows (RFC 4180 doubles quotes inside cells).
    pieces, start, quotes = [], 0, 0
    for match in _EMPTY_LINE.finditer(text):
        quotes += text.count('"', start, match.end())
        pieces.append(text[start:match.end()])
        if quotes % 2 == 0:
            pieces.append(" ")
        start = match.end()
    pieces.append(text[start:])
    return "".join(pieces)


def _read_raw(con, path: Path, delimiter: str, width: int) -> None:
    """Load every record of the file as text into `import_raw` (c0 … c<width-1>), in file order."""
    columns = {f"c{index}": "varchar" for index in range(width)}
    # Run directly, not through a sqlstore helper: a failure here is the file's, told to the
    # user below, not a broken query to log.
    try:
        con.execute(sqlstore.sql("import_read_raw"), [str(path), delimiter, columns])
    except duckdb.Error as error:
        raise ImportFileError(
            f"Le fichier n'a pas pu être lu comme un CSV ({str(error).splitlines()[0]}) : "
            f"{_EXPORT_HINT}.") from error


def _check_unterminated_quote(con, text: str, header_row: int, width: int) -> None:
    # An opening quote never closed swallows the rest of the file into one cell of the
    # last record; DuckDB does not report it, so look for that shape.
    if text.count('"') % 2 == 0:
        return
    cells = " or ".join(f"contains(c{index}, chr(10))" for index in range(width))
    last = con.execute(
        f"select rowid from {RAW_TABLE} where rowid = (select max(rowid) from {RAW_TABLE}) and ({cells})"  # noqa: S608
    ).fetchall()
    if last:
        raise ImportFileError(
            f"Un guillemet ouvert à la ligne {header_row + last[0][0]} n'est jamais refermé : "
            "toute la suite du fichier serait lue comme une seule cellule. Corrigez ce guillemet "
            f"ou {_EXPORT_HINT}.")


def count_values(con, positions: list[int]) -> dict[int, int]:
    """Return {position: non-empty data cells} of some columns of `import_raw`, in one scan."""
    if not positions:
        return {}
    # Positions are generated integers: no value of the file reaches the SQL text.
    counts = ", ".join(f"count(import_text(c{position}))" for position in positions)
    row = con.execute(f"select [{counts}] from {RAW_TABLE} where rowid > 0").fetchall()[0][0]  # noqa: S608
    return dict(zip(positions, row, strict=True))
