"""Exports of result frames: exact bytes."""

from __future__ import annotations

import io
import zipfile

import pandas as pd

from observatory import export

FRAME = pd.DataFrame({
    "territoire": ["35", "=HYPERLINK(1)", "-x", "@a", "\tb"],
    "valeur": [1234.5, -2.25, None, 3.0, None],
    "etat": ["publie", "publie", "secret", "publie", "absent"],
    "ecart": [-3, 4, 5, 0, -1],
})


def test_excel_csv_bytes():
    assert export.to_excel_csv(FRAME) == (
        "\ufeffterritoire;valeur;etat;ecart\r\n"
        "35;1234,5;publie;-3\r\n"
        "'=HYPERLINK(1);-2,25;publie;4\r\n"
        "'-x;secret;secret;5\r\n"
        "'@a;3,0;publie;0\r\n"
        "'\tb;;absent;-1\r\n").encode("utf-8")


def test_standard_csv_bytes():
    assert export.to_csv(FRAME) == (
        b"territoire,valeur,etat,ecart\n"
        b"35,1234.5,publie,-3\n"
        b"'=HYPERLINK(1),-2.25,publie,4\n"
        b"'-x,secret,secret,5\n"
        b"'@a,3.0,publie,0\n"
        b"'\tb,,absent,-1\n")


def test_parquet_round_trip_keeps_numbers_and_nulls():
    back = pd.read_parquet(io.BytesIO(export.to_parquet(FRAME)))
    pd.testing.assert_frame_equal(back, FRAME)


def test_zip_holds_data_metadata_and_french_readme():
    indicators = pd.DataFrame({"code": ["population"], "libelle": ["Population municipale"]})
    archive = zipfile.ZipFile(io.BytesIO(export.to_zip(FRAME, indicators, "Population")))
    assert sorted(archive.namelist()) == [
        "LISEZMOI.txt", "donnees.csv", "donnees.parquet", "indicateurs.csv"]
    assert archive.read("donnees.csv") == export.to_excel_csv(FRAME)
    assert archive.read("indicateurs.csv") == (
        "\ufeffcode;libelle\r\npopulation;Population municipale\r\n").encode("utf-8")
    assert archive.read("LISEZMOI.txt").decode("utf-8").startswith(
        "Population\n==========\n\nContenu de cette archive :")


def test_secret_parent_and_region_figures_read_secret_not_blank():
    portrait = pd.DataFrame({
        "indicateur": ["a", "b"], "valeur": [12.5, None], "etat": ["publie", "secret"],
        "valeur_parent": [None, 30.0], "etat_parent": ["secret", "publie"],
        "valeur_region": [None, None], "etat_region": ["absent", "secret"]})
    assert export.to_excel_csv(portrait).decode("utf-8-sig").splitlines() == [
        "indicateur;valeur;etat;valeur_parent;etat_parent;valeur_region;etat_region",
        "a;12,5;publie;secret;secret;;absent",
        "b;secret;secret;30,0;publie;secret;secret"]
