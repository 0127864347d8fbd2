"""Partner workbooks as they arrive (DATA-CONTRACT.md §6): sheets, title lines, Excel types,
--map / --set / --wide, and errors that point at the file's own sheet, row and column."""

from __future__ import annotations

import datetime as dt

import pytest

from observatory import importer
from observatory.errors import ImportFileError
from observatory.fileshape import FileShape, ShapeError, parse_map, parse_set, parse_wide
from tests.importing import problems
from tests.workbooks import Formula, ods_bytes, xlsx_bytes

INSEE_TITLE = ["Populations légales 2021 et 2015 — source INSEE"]
INSEE_NOTE = ["Note : populations municipales, en nombre d'habitants."]
INSEE_HEADER = ["CODGEO", "LIBGEO", "P21_POP", "P15_POP"]


def shape(*, sheet=None, header_row=None, maps=(), sets=(), wides=()) -> FileShape:
    return FileShape(sheet, header_row, [parse_map(text) for text in maps],
                     [parse_set(text) for text in sets], [parse_wide(text) for text in wides])


def stored(con, sql="select indicateur, territoire, annee, valeur from observations order by all"):
    return con.execute(sql).fetchall()


def insee_workbook(**cells) -> dict:
    return {
        "Notes": [["Fichier produit par l'INSEE"], ["Voir la feuille Données"]],
        "Données": [INSEE_TITLE, INSEE_NOTE, [], INSEE_HEADER,
                    ["35238", "Rennes", 222485, 213454],
                    [35001, "Acigné", Formula("6800+200", 7000), 6500],
                    [1004, "Ambérieu-en-Bugey", cells.get("bad", 14350), 14000]],
    }


@pytest.mark.parametrize("writer", [xlsx_bytes, ods_bytes], ids=["xlsx", "ods"])
def test_a_wide_insee_workbook_with_title_lines_is_unpivoted(ref, writer):
    data = writer(insee_workbook())
    report = importer.import_file(ref, "observations", data, "insee.xlsx", "test", shape=shape(
        maps=["CODGEO=territoire"], wides=["P{aa}_POP=population"]))
    assert (report.status, report.rows_read, report.inserted) == ("applied", 6, 6), report.errors
    assert stored(ref) == [
        ("population", "01004", 2015, 14000.0), ("population", "01004", 2021, 14350.0),
        ("population", "35001", 2015, 6500.0), ("population", "35001", 2021, 7000.0),
        ("population", "35238", 2015, 213454.0), ("population", "35238", 2021, 222485.0)]
    assert "Colonne inconnue ignorée : « LIBGEO »." in report.warnings


def test_an_error_after_the_unpivot_names_the_sheet_row_and_column(ref):
    data = xlsx_bytes(insee_workbook(bad="14 350 hab."))
    report = importer.validate_file(ref, "observations", data, "insee.xlsx", shape(
        maps=["CODGEO=territoire"], wides=["P{aa}_POP=population"]))
    assert report.status == "rejected"
    assert problems(report) == [(7, "P21_POP", "14 350 hab.")]
    assert report.errors[0].message.startswith("Feuille « Données », ligne 7, colonne « P21_POP » : ")
    assert report.to_json_dict()["errors"][0]["row"] == 7


def test_a_mapped_column_is_named_as_the_file_names_it(ref):
    data = xlsx_bytes({"Feuil1": [INSEE_HEADER, ["99999", "Nulle part", 1, 2]]})
    report = importer.validate_file(ref, "observations", data, "insee.xlsx", shape(
        maps=["codgeo=territoire"], wides=["P{aa}_POP=population"]))
    assert {(row, column) for row, column, _ in problems(report)} == {(2, "CODGEO")}
    assert all(error.message.startswith("Feuille « Feuil1 », ligne 2, colonne « CODGEO » : ")
               for error in report.errors)


def test_a_mapping_naming_a_missing_column_is_refused_naming_it(ref):
    data = xlsx_bytes(insee_workbook())
    report = importer.validate_file(ref, "observations", data, "insee.xlsx", shape(
        maps=["CODE_COMMUNE=territoire"], wides=["P{aa}_POP=population"]))
    assert report.status == "rejected"
    assert [error.value for error in report.errors][:1] == ["CODE_COMMUNE"]
    assert "la colonne « CODE_COMMUNE » n'existe pas dans l'en-tête (ligne 4)" in report.errors[0].message
    assert "« CODGEO »" in report.errors[0].message


def test_a_wide_pattern_matching_nothing_is_refused_naming_it(ref):
    report = importer.validate_file(ref, "observations", xlsx_bytes(insee_workbook()), "i.xlsx",
                                    shape(maps=["CODGEO=territoire"], wides=["POP_{annee}=population"]))
    assert report.status == "rejected"
    assert "--wide POP_{annee} : aucune colonne" in report.errors[0].message


def test_year_columns_with_set_indicator_from_a_csv(ref):
    text = "code;2021;2022;2023\n35238;1;;3\n35001;4;5;6\n"
    report = importer.import_file(ref, "observations", text.encode(), "ess.csv", "test", shape=shape(
        maps=["code=territoire"], sets=["indicateur=population"], wides=["{annee}"]))
    assert (report.status, report.inserted) == ("applied", 5), report.errors
    assert stored(ref)[:2] == [("population", "35001", 2021, 4.0), ("population", "35001", 2022, 5.0)]


def test_the_indicator_can_come_from_the_header(ref):
    text = ("code_commune;nom_commune;population_2021;budget_2021;budget_2022\n"
            "35238;Rennes;10;20;30\n")
    report = importer.import_file(ref, "observations", text.encode(), "x.csv", "test", shape=shape(
        maps=["code_commune=territoire"], wides=["{indicateur}_{annee}"]))
    assert report.status == "applied", report.errors
    assert stored(ref) == [("budget", "35238", 2021, 20.0), ("budget", "35238", 2022, 30.0),
                           ("population", "35238", 2021, 10.0)]


def test_the_header_is_found_under_title_lines_or_forced(ref):
    data = xlsx_bytes({"Feuille": [["Observatoire — export du 03/12/2026"], [],
                                   ["indicateur", "territoire", "Année", "valeur"],
                                   ["population", "35238", 2023, 12.5]]},
                      merged={"Feuille": ["A1:D1"]})
    report = importer.validate_file(ref, "observations", data, "x.xlsx")
    assert (report.status, report.rows_read) == ("validated", 1), report.errors
    forced = importer.validate_file(ref, "observations", data, "x.xlsx", shape(header_row=1))
    assert forced.status == "rejected"
    assert forced.errors[0].message.startswith("Feuille « Feuille », ligne 1 : Aucune colonne attendue")


def test_the_first_sheet_with_a_header_is_read_unless_one_is_named(ref):
    data = xlsx_bytes({
        "Lisez-moi": [["Ce classeur contient deux années."]],
        "2023": [["indicateur", "territoire", "annee", "valeur"], ["population", "35238", 2023, 1]],
        "2024": [["indicateur", "territoire", "annee", "valeur"], ["population", "35238", 2024, 2]]})
    assert importer.validate_file(ref, "observations", data, "x.xlsx").preview.added["annee"].tolist() == [2023]
    by_name = importer.validate_file(ref, "observations", data, "x.xlsx", shape(sheet="2024"))
    assert by_name.preview.added["annee"].tolist() == [2024]
    by_number = importer.validate_file(ref, "observations", data, "x.xlsx", shape(sheet="3"))
    assert by_number.preview.added["annee"].tolist() == [2024]
    with pytest.raises(ImportFileError, match="Feuille « Données » introuvable .* « Lisez-moi », « 2023 », « 2024 »"):
        importer.validate_file(ref, "observations", data, "x.xlsx", shape(sheet="Données"))


def test_excel_types_dates_numbers_booleans_and_formula_values(ref):
    header = ["id", "nom", "commune", "thematique", "Date de création", "Bénévoles",
              "Économie circulaire"]
    data = xlsx_bytes({"Annuaire": [header,
                                    ["i1", "Repair café", 35238, "autre", dt.date(2019, 3, 12),
                                     Formula("10+2.5", 12.5), True],
                                    ["i2", "Épicerie", "35001", "alimentation", "04/03/2021", 3,
                                     False]]})
    report = importer.import_file(ref, "initiatives", data, "annuaire.xlsx", "test", shape=shape(
        maps=["Date de création=annee_creation"]))
    assert report.status == "applied", report.errors
    assert stored(ref, "select id, commune, annee_creation, benevoles, economie_circulaire "
                       "from initiatives order by id") == [
        ("i1", "35238", 2019, 12.5, True), ("i2", "35001", 2021, 3.0, False)]


def test_merged_header_cells_name_every_column_they_cover(ref):
    data = xlsx_bytes({"Données": [
        ["Code", "Commune", "Population", None, None],
        [None, None, 2021, 2022, 2023],
        ["35238", "Rennes", 1, 2, 3]]}, merged={"Données": ["A1:A2", "B1:B2", "C1:E1"]})
    report = importer.validate_file(ref, "observations", data, "x.xlsx", shape(
        maps=["Code=territoire"], sets=["indicateur=population"], wides=["{annee}"]))
    assert (report.status, report.rows_read) == ("validated", 3), report.errors
    assert report.preview.added["ligne"].tolist() == [3, 3, 3]


def test_a_sheet_with_a_header_and_no_data_is_rejected(ref):
    data = xlsx_bytes({"Vide": [["Titre"], ["indicateur", "territoire", "annee", "valeur"]]})
    report = importer.validate_file(ref, "observations", data, "x.xlsx")
    assert report.status == "rejected"
    assert report.errors[0].message == (
        "Feuille « Vide », ligne 2 : L'en-tête de la feuille « Vide » (ligne 2) n'est suivi "
        "d'aucune ligne de données : ajoutez les lignes à importer sous l'en-tête, ou vérifiez "
        "la feuille et la ligne d'en-tête choisies.")


def test_a_zip_that_is_no_workbook_is_an_unreadable_file(ref):
    with pytest.raises(ImportFileError, match="pas pu être lu comme un classeur"):
        importer.validate_file(ref, "observations", b"PK\x03\x04 not really", "x.xlsx")


@pytest.mark.parametrize(("option", "parse", "message"), [
    ("P_POP", parse_wide, "sans année"),
    ("{annee}_{annee}", parse_wide, "deux fois"),
    ("CODGEO", parse_map, "COLONNE_DU_FICHIER=colonne_du_contrat"),
    ("indicateur", parse_set, "colonne=valeur"),
])
def test_malformed_options_are_usage_errors(option, parse, message):
    with pytest.raises(ShapeError, match=message):
        parse(option)
