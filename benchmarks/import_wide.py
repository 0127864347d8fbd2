"""Speed of a partner's wide workbook (issue #16 item 7): 1,000,000 rows at ≥ 50,000 rows/s.

`python -m benchmarks import --wide-xlsx [--communes N]` builds a temporary working database
holding N synthetic communes (100 départements, one région) and the indicator `population`,
writes an INSEE-shaped `.xlsx` (two title lines, `CODGEO;LIBGEO;P14_POP … P23_POP`, N rows ×
10 year columns), and times it through the command line's path with
`--map CODGEO=territoire --wide "P{aa}_POP=population"`: a first load (all inserted, then
published; `read_validate_apply_s` leaves out the publication, where `db.writing` rebuilds
`published_values` and writes the snapshot) and the same workbook again through
`updates.apply_upload`, the command line's call (all unchanged: no batch).
"""

from __future__ import annotations

import tempfile
import time
import zipfile
from pathlib import Path

from benchmarks import import_speed
from observatory import db, importer, updates
from observatory.commands.data import read_file
from observatory.fileshape import FileShape, WidePattern

COMMUNES_N = 100_000
YEARS = tuple(range(2014, 2024))
# 100 départements of up to 1,000 communes each: 01 … 99 without 20, and Corsica's 2A, 2B.
DEPARTEMENTS = tuple(f"{n:02d}" for n in range(1, 100) if n != 20) + ("2A", "2B")
SHAPE = FileShape(renames=[("CODGEO", "territoire")], wide=[WidePattern("P{aa}_POP", "population")])
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def commune_codes(communes_n: int) -> list[tuple[str, str]]:
    """Return (commune code, département) of `communes_n` communes, spread over DEPARTEMENTS."""
    return [(f"{DEPARTEMENTS[n % len(DEPARTEMENTS)]}{n // len(DEPARTEMENTS):03d}",
             DEPARTEMENTS[n % len(DEPARTEMENTS)]) for n in range(communes_n)]


def write_reference_files(folder: Path, communes_n: int) -> tuple[Path, Path]:
    """Write territoires.csv (1 région, the départements, the communes) and indicateurs.csv."""
    territoires = folder / "territoires.csv"
    lines = ["code;niveau;nom;region;departement", "53;region;Région de test;;"]
    lines += [f"{code};departement;Département {code};53;" for code in DEPARTEMENTS]
    lines += [f"{code};commune;Commune {code};53;{departement}"
              for code, departement in commune_codes(communes_n)]
    territoires.write_text("\n".join(lines) + "\n", encoding="utf-8")
    indicateurs = folder / "indicateurs.csv"
    indicateurs.write_text("code;libelle;theme;unite;agregation\n"
                           "population;Population municipale;contexte;nombre;somme\n", encoding="utf-8")
    return territoires, indicateurs


def write_workbook(path: Path, communes_n: int) -> Path:
    """Write the INSEE-shaped workbook: two title lines, the header, one row per commune."""
    def text(reference: str, value: str) -> str:
        return f'<c r="{reference}" t="inlineStr"><is><t>{value}</t></is></c>'

    letters = [chr(ord("C") + n) for n in range(len(YEARS))]
    header = [text("A3", "CODGEO"), text("B3", "LIBGEO")] + [
        text(f"{letter}3", f"P{year % 100:02d}_POP") for letter, year in zip(letters, YEARS, strict=True)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="'
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'))
        archive.writestr("_rels/.rels", (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_RELATIONS}">'
            f'<Relationship Id="rId1" Type="{_OFFICE}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"))
        archive.writestr("xl/workbook.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_OFFICE}">'
            '<sheets><sheet name="COM" sheetId="1" r:id="rId1"/></sheets></workbook>'))
        archive.writestr("xl/_rels/workbook.xml.rels", (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_RELATIONS}">'
            f'<Relationship Id="rId1" Type="{_OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>"))
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write((f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}"><sheetData>'
                         f'<row r="1">{text("A1", "Populations légales des communes")}</row>'
                         f'<row r="2">{text("A2", "Source : synthétique, pour la mesure")}</row>'
                         f'<row r="3">{"".join(header)}</row>').encode())
            for n, (code, _) in enumerate(commune_codes(communes_n)):
                r = n + 4
                values = "".join(f'<c r="{letter}{r}"><v>{(n * 7 + year) % 90_000 + 100}</v></c>'
                                 for letter, year in zip(letters, YEARS, strict=True))
                sheet.write((f'<row r="{r}">{text(f"A{r}", code)}{text(f"B{r}", "Commune " + code)}'
                             f"{values}</row>").encode())
            sheet.write(b"</sheetData></worksheet>")
    return path


def prepare_database(database: Path, communes_n: int) -> None:
    """Create a working database holding the synthetic territories and the indicator."""
    with tempfile.TemporaryDirectory(prefix="observatory-bench-") as folder:
        for reference in write_reference_files(Path(folder), communes_n):
            report = import_speed.timed_import(database, reference, reference.stem)[1]
            assert report.status == "applied", report.errors[:3]


def timed_import(database: Path, workbook: Path) -> tuple[float, float, importer.ImportReport]:
    """Return (seconds with publication, seconds to read, validate and apply, report): the
    command line's write path, db.writing rebuilding and publishing after the import."""
    started = time.perf_counter()
    with db.writing(database) as con:
        report = importer.import_file(con, "observations", read_file(workbook), workbook.name,
                                      "benchmark", shape=SHAPE)
        applied_s = time.perf_counter() - started
    return time.perf_counter() - started, applied_s, report


def timed_upload(database: Path, workbook: Path) -> tuple[float, importer.ImportReport]:
    """Return (seconds, report) of the command line's own call (updates.apply_upload)."""
    started = time.perf_counter()
    report = updates.apply_upload("observations", read_file(workbook), workbook.name, "benchmark",
                                  path=database, shape=SHAPE)
    return time.perf_counter() - started, report


def measure(communes_n: int = COMMUNES_N, folder: Path | None = None) -> dict:
    """Return rows, seconds and rows/s of the wide workbook: first load, and the same file again."""
    with tempfile.TemporaryDirectory(prefix="observatory-bench-") as temporary:
        work = folder or Path(temporary)
        database = work / "bench.duckdb"
        prepare_database(database, communes_n)
        workbook = write_workbook(work / "insee_wide.xlsx", communes_n)
        rows = communes_n * len(YEARS)
        first_s, first_applied_s, first = timed_import(database, workbook)
        assert (first.status, first.inserted) == ("applied", rows), first.errors[:3]
        again_s, again = timed_upload(database, workbook)
        assert (again.inserted, again.updated, again.unchanged, again.batch_id) == (0, 0, rows, None)
        return {"rows": rows, "file_mb": round(workbook.stat().st_size / 1e6, 1),
                "first_load_s": round(first_s, 2), "rows_per_s": round(rows / first_s),
                "read_validate_apply_s": round(first_applied_s, 2),
                "rows_per_s_without_publish": round(rows / first_applied_s),
                "same_file_again_s": round(again_s, 2), "same_file_again_rows_per_s": round(rows / again_s)}
