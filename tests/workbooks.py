"""Real workbook files for the tests, written at run time: `.xlsx` by openpyxl, `.ods` (an
OpenDocument ZIP of XML parts, which openpyxl does not write) with the standard library, in the
shapes partners send: title lines, several sheets, dates typed as dates, formulas with their
computed value, merged cells.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Formula:
    """A cell computed by a formula; `value` is what the spreadsheet computed and saved."""

    formula: str
    value: float | str


Sheet = list[list[object]]


def xlsx_bytes(sheets: dict[str, Sheet], merged: dict[str, list[str]] | None = None) -> bytes:
    """Return an .xlsx workbook written by openpyxl: one worksheet per item of `sheets` (rows of
    cell values); `merged` lists merged ranges per sheet (`A1:D1`).

    openpyxl saves a formula without its result, which Excel always saves with it: each
    formula's computed value is put back into the cell, as Excel would have left it.
    """
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    results: dict[int, dict[str, object]] = {}
    for number, (name, rows) in enumerate(sheets.items(), start=1):
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = sheet.cell(r, c, f"={value.formula}" if isinstance(value, Formula) else value)
                if isinstance(value, Formula):
                    results.setdefault(number, {})[cell.coordinate] = value.value
                if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                    cell.number_format = "DD/MM/YYYY"
        for span in (merged or {}).get(name, []):
            sheet.merge_cells(span)
    buffer = io.BytesIO()
    book.save(buffer)
    return _with_formula_results(buffer.getvalue(), results)


def _with_formula_results(data: bytes, results: dict[int, dict[str, object]]) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            part = source.read(item.filename)
            number = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", item.filename)
            for reference, value in results.get(int(number[1]) if number else 0, {}).items():
                kind = (' t="str"' if isinstance(value, str) else "").encode()
                result = f"<v>{escape(str(value))}</v>".encode()
                part = re.sub(
                    rf'(<c r="{reference}"[^>]*)(><f>.*?</f>)<v\s*/>'.encode(),
                    lambda found, kind=kind, result=result: found[1] + kind + found[2] + result,
                    part)
            archive.writestr(item, part)
    return out.getvalue()


_ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"')


def _ods_cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    formula = ""
    if isinstance(value, Formula):
        formula = f' table:formula="of:={escape(value.formula)}"'
        value = value.value
    if isinstance(value, dt.date):
        return (f'<table:table-cell{formula} office:value-type="date" '
                f'office:date-value="{value.isoformat()}"><text:p>{value:%d/%m/%Y}</text:p>'
                "</table:table-cell>")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (f'<table:table-cell{formula} office:value-type="float" office:value="{value!r}">'
                f"<text:p>{value}</text:p></table:table-cell>")
    return (f'<table:table-cell{formula} office:value-type="string"><text:p>{escape(str(value))}'
            "</text:p></table:table-cell>")


def ods_bytes(sheets: dict[str, Sheet]) -> bytes:
    """Return an .ods workbook: one table per item of `sheets` (rows of cell values)."""
    tables = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join("<table:table-row>" + "".join(_ods_cell(value) for value in row)
                  + "</table:table-row>" for row in rows)
        + "</table:table>" for name, rows in sheets.items())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
            'manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/'
            'vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>"))
        archive.writestr("content.xml", (
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NAMESPACES}>'
            f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
            "</office:document-content>"))
    return buffer.getvalue()
