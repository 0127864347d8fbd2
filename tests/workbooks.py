"""Real workbook files for the tests, written at run time with the standard library only.

`.xlsx` (Office Open XML) and `.ods` (OpenDocument) are ZIP archives of XML parts; these
writers make the parts Excel and LibreOffice write for the shapes partners send: title lines,
several sheets, dates typed as dates, formulas with their computed value, merged cells.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass(frozen=True)
class Formula:
    """A cell computed by a formula; `value` is what the spreadsheet computed and saved."""

    formula: str
    value: float | str


Sheet = list[list[object]]


def column_letter(index: int) -> str:
    """Return the spreadsheet letter of a 0-based column (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _xlsx_cell(reference: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Formula):
        kind = ' t="str"' if isinstance(value.value, str) else ""
        return (f'<c r="{reference}"{kind}><f>{escape(value.formula)}</f>'
                f"<v>{escape(str(value.value))}</v></c>")
    if isinstance(value, bool):
        return f'<c r="{reference}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, dt.datetime):
        serial = (value - dt.datetime(1899, 12, 30)).total_seconds() / 86400
        return f'<c r="{reference}" s="1"><v>{serial!r}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{reference}" s="1"><v>{(value - EXCEL_EPOCH).days}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{reference}"><v>{value!r}</v></c>'
    return f'<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def xlsx_bytes(sheets: dict[str, Sheet], merged: dict[str, list[str]] | None = None) -> bytes:
    """Return an .xlsx workbook: one worksheet per item of `sheets` (rows of cell values);
    `merged` lists merged ranges per sheet (`A1:D1`)."""
    merged = merged or {}
    names = list(sheets)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for n in range(1, len(names) + 1))
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{overrides}</Types>"))
        archive.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        sheet_list = "".join(f'<sheet name="{escape(name)}" sheetId="{n}" r:id="rId{n}"/>'
                             for n, name in enumerate(names, start=1))
        archive.writestr("xl/workbook.xml", (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f"<sheets>{sheet_list}</sheets></workbook>"))
        relations = "".join(
            f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, len(names) + 1))
        styles_id = len(names) + 1
        archive.writestr("xl/_rels/workbook.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'{relations}<Relationship Id="rId{styles_id}" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>'))
        archive.writestr("xl/styles.xml", (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
            "</styleSheet>"))
        for n, name in enumerate(names, start=1):
            rows = "".join(
                f'<row r="{r}">' + "".join(_xlsx_cell(f"{column_letter(c)}{r}", value)
                                          for c, value in enumerate(row)) + "</row>"
                for r, row in enumerate(sheets[name], start=1))
            ranges = merged.get(name, [])
            merge = (f'<mergeCells count="{len(ranges)}">'
                     + "".join(f'<mergeCell ref="{ref}"/>' for ref in ranges) + "</mergeCells>"
                     if ranges else "")
            archive.writestr(f"xl/worksheets/sheet{n}.xml", (
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                f"<sheetData>{rows}</sheetData>{merge}</worksheet>"))
    return buffer.getvalue()


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
