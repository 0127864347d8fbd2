"""Exports of result frames: exact bytes."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from observatory import export

# Text cells starting with each prefix a spreadsheet runs as a formula (tab too), next to
# negative numbers (float and integer columns) that must stay numbers.
FRAME = pd.DataFrame({
    "territoire": ["35", "=HYPERLINK(1)", "-x", "@a", "\tb", "+33 6", "Brest"],
    "valeur": [1234.5, -2.25, None, 3.0, None, -3.5, -0.5],
    "etat": ["publie", "publie", "secret", "publie", "absent", "publie", "publie"],
    "ecart": [-3, 4, 5, 0, -1, 2, -7],
})
EXCEL_CSV = (
    "\ufeffterritoire;valeur;etat;ecart\r\n"
    "35;1234,5;publie;-3\r\n"
    "'=HYPERLINK(1);-2,25;publie;4\r\n"
    "'-x;secret;secret;5\r\n"
    "'@a;3,0;publie;0\r\n"
    "'\tb;;absent;-1\r\n"
    "'+33 6;-3,5;publie;2\r\n"
    "Brest;-0,5;publie;-7\r\n").encode("utf-8")
STANDARD_CSV = (
    b"territoire,valeur,etat,ecart\r\n"
    b"35,1234.5,publie,-3\r\n"
    b"'=HYPERLINK(1),-2.25,publie,4\r\n"
    b"'-x,secret,secret,5\r\n"
    b"'@a,3.0,publie,0\r\n"
    b"'\tb,,absent,-1\r\n"
    b"'+33 6,-3.5,publie,2\r\n"
    b"Brest,-0.5,publie,-7\r\n")
# Per CSV format: builder, delimiter, decimal mark.
CSV_FORMATS = {"csv_fr": (export.to_excel_csv, ";", ","), "csv": (export.to_csv, ",", ".")}


def test_excel_csv_bytes():
    assert export.to_excel_csv(FRAME) == EXCEL_CSV


def test_standard_csv_bytes():
    assert export.to_csv(FRAME) == STANDARD_CSV


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t"])
def test_every_formula_prefix_is_needed_by_the_expected_bytes(monkeypatch, prefix):
    """FRAME holds a cell for each prefix: without it, both CSV exports would change."""
    monkeypatch.setattr(export, "FORMULA_PREFIXES",
                        tuple(item for item in export.FORMULA_PREFIXES if item != prefix))
    assert export.to_excel_csv(FRAME) != EXCEL_CSV
    assert export.to_csv(FRAME) != STANDARD_CSV


def read_rows(data: bytes, delimiter: str) -> list[list[str]]:
    """Return the cells of CSV bytes as a spreadsheet reads them (BOM dropped, quotes honoured)."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""),
                           delimiter=delimiter))


@pytest.mark.parametrize("fmt, prefix", [
    (fmt, prefix) for fmt in CSV_FORMATS for prefix in ("=", "+", "-", "@", "\t", "\r")])
def test_a_text_cell_starting_with_a_formula_prefix_reads_back_neutralised(fmt, prefix):
    build, delimiter, mark = CSV_FORMATS[fmt]
    frame = pd.DataFrame({"nom": [prefix + "SOMME(A1:A9)", "Brest", "-"],
                          "valeur": [-3.5, -3.5, 2.0], "rang": [-1, 2, 3]})
    assert read_rows(build(frame), delimiter) == [
        ["nom", "valeur", "rang"],
        ["'" + prefix + "SOMME(A1:A9)", f"-3{mark}5", "-1"],  # negative numbers stay numbers
        ["Brest", f"-3{mark}5", "2"],
        ["'-", f"2{mark}0", "3"]]


def test_parquet_round_trip_keeps_numbers_and_nulls():
    back = pd.read_parquet(io.BytesIO(export.to_parquet(FRAME)))
    pd.testing.assert_frame_equal(back, FRAME)


def test_secret_parent_and_region_figures_read_secret_not_blank():
    portrait = pd.DataFrame({
        "indicateur": ["a", "b"], "valeur": [12.5, None], "etat": ["publie", "secret"],
        "valeur_parent": [None, 30.0], "etat_parent": ["secret", "publie"],
        "valeur_region": [None, None], "etat_region": ["absent", "secret"]})
    assert export.to_excel_csv(portrait).decode("utf-8-sig").splitlines() == [
        "indicateur;valeur;etat;valeur_parent;etat_parent;valeur_region;etat_region",
        "a;12,5;publie;secret;secret;;absent",
        "b;secret;secret;30,0;publie;secret;secret"]
