"""Reading real-world files (DATA-CONTRACT.md §2): encodings, delimiters, headers, row numbers."""

from __future__ import annotations

import codecs

import pytest

from observatory import csvread
from observatory.csvread import ImportProblem
from observatory.errors import ImportFileError

EXPECTED = ("indicateur", "territoire", "annee", "valeur", "statut", "source", "note")
REQUIRED = ("indicateur", "territoire", "annee")


def stage(con, text: str | bytes) -> csvread.StagedFile:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return csvread.stage_csv(con, data, EXPECTED, REQUIRED)


def staged_rows(con) -> list[tuple]:
    return con.execute(
        "select row_n, indicateur, territoire, annee, valeur, overflow from import_staging order by row_n"
    ).fetchall()


def test_header_names_ignore_case_accents_spaces_and_dashes(con):
    names = ["Année", "ANNEE", " annee ", "Portée-par une  femme", "emplois_ETP", "Site web"]
    csvread.install_macros(con)
    assert csvread.normalise_names(con, names) == [
        "annee", "annee", "annee", "portee_par_une_femme", "emplois_etp", "site_web"]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_delimiter_is_detected_from_the_header(con, delimiter):
    text = delimiter.join(["Indicateur", "Territoire", "Année", "Valeur"]) + "\n"
    text += delimiter.join(["population", "35238", "2022", "12"]) + "\n"
    staged = stage(con, text)
    assert (staged.delimiter, staged.columns) == (delimiter, ("indicateur", "territoire", "annee", "valeur"))
    assert staged_rows(con) == [(2, "population", "35238", "2022", "12", None)]


def test_semicolon_wins_over_decimal_commas_inside_values(con):
    staged = stage(con, "indicateur;territoire;annee;valeur\npop;35238;2022;1,5\n")
    assert staged.delimiter == ";"
    assert staged_rows(con) == [(2, "pop", "35238", "2022", "1,5", None)]


def test_row_numbers_are_those_a_spreadsheet_shows(con):
    text = (
        "indicateur;territoire;annee;valeur\n"   # row 1
        "\n"                                     # row 2: empty
        "a;1;2020;1\n"                           # row 3
        "   \n"                                  # row 4: spaces only
        ";;;\n"                                  # row 5: empty cells only
        '"multi\n\nligne";2;2020;2\n'            # row 6: one cell on three lines
        "c;3;2020;3\n"                           # row 7
        "\n\n"                                   # rows 8 and 9
        "d;4;2020;4\n"                           # row 10
    )
    staged = stage(con, text)
    assert staged.rows_read == 4
    assert staged_rows(con) == [
        (3, "a", "1", "2020", "1", None),
        (6, "multi\n\nligne", "2", "2020", "2", None),
        (7, "c", "3", "2020", "3", None),
        (10, "d", "4", "2020", "4", None),
    ]


def test_blank_lines_before_the_header_shift_the_row_numbers(con):
    stage(con, "\n\nindicateur;territoire;annee\na;1;2020\n")
    assert staged_rows(con) == [(4, "a", "1", "2020", None, None)]


def test_windows_line_ends_and_old_mac_line_ends(con):
    stage(con, "indicateur;territoire;annee\r\na;1;2020\r\n\r\nb;2;2021\r\n")
    assert [row[:3] for row in staged_rows(con)] == [(2, "a", "1"), (4, "b", "2")]
    stage(con, "indicateur;territoire;annee\ra;1;2020\r")
    assert [row[:3] for row in staged_rows(con)] == [(2, "a", "1")]


def test_cells_are_trimmed_and_empty_cells_are_null(con):
    stage(con, "indicateur;territoire;annee;valeur\n  a \u00a0; 1 ;\u202f2020\t;\"\"\n")
    assert staged_rows(con) == [(2, "a", "1", "2020", None, None)]


def test_trailing_empty_columns_are_ignored_silently(con):
    staged = stage(con, "indicateur;territoire;annee;;\na;1;2020;;\nb;2;2021;;\n")
    assert staged.warnings == []
    assert [row[:4] for row in staged_rows(con)] == [(2, "a", "1", "2020"), (3, "b", "2", "2021")]


def test_values_under_an_unnamed_column_are_ignored_with_a_warning(con):
    staged = stage(con, "indicateur;territoire;annee;\na;1;2020;x\nb;2;2021;\n")
    assert staged.warnings == [
        "La colonne n° 4 n'a pas de nom dans l'en-tête : ses 1 valeur(s) sont ignorées."]


def test_unknown_columns_are_ignored_with_a_warning_naming_them(con):
    staged = stage(con, "indicateur;Commentaire;territoire;annee;Chargé d'études\na;x;1;2020;y\n")
    assert staged.warnings == ["Colonnes inconnues ignorées : « Commentaire », « Chargé d'études »."]
    assert staged.columns == ("indicateur", "territoire", "annee")
    assert staged_rows(con) == [(2, "a", "1", "2020", None, None)]


def test_missing_required_column_is_a_header_problem(con):
    staged = stage(con, "indicateur;annee;valeur\na;2020;1\n")
    assert staged.problems == [ImportProblem(
        1, "territoire", None,
        "Colonne obligatoire « territoire » absente de l'en-tête (ligne 1, séparateur reconnu : "
        "point-virgule) : ajoutez-la, ou indiquez la colonne du fichier qui la donne "
        "(--map COLONNE=territoire) ou sa valeur pour toutes les lignes (--set territoire=VALEUR).")]


def test_a_column_given_twice_is_a_header_problem(con):
    staged = stage(con, "indicateur;territoire;Année;annee\na;1;2020;2021\n")
    assert staged.problems == [ImportProblem(
        1, "annee", "annee",
        "La colonne « annee » figure deux fois dans l'en-tête (colonnes 3 et 4) : gardez-en une seule.")]


def test_a_file_without_a_known_header_is_a_header_problem(con):
    staged = stage(con, "a;b;c\n1;2;3\n")
    assert [(problem.row, problem.column, problem.value) for problem in staged.problems] == [
        (1, None, "a;b;c")]
    assert staged.problems[0].message.startswith("Aucune colonne attendue n'a été reconnue")


def test_a_row_with_more_values_than_the_header_keeps_the_extra_value(con):
    stage(con, "indicateur;territoire;annee\na;1;2020;x;y\nb;2;2021;\n")
    assert staged_rows(con) == [(2, "a", "1", "2020", None, "x"), (3, "b", "2", "2021", None, None)]


@pytest.mark.parametrize("data", [b"", b"\n\n  \n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\r\n"])
def test_empty_file_is_refused(con, data):
    with pytest.raises(ImportFileError, match="^Le fichier est vide : il doit contenir"):
        stage(con, data)


def test_header_without_data_rows_is_a_problem_not_an_unreadable_file(con):
    staged = stage(con, "indicateur;territoire;annee\n\n;;\n")
    assert [(problem.row, problem.column) for problem in staged.problems] == [(1, None)]
    assert staged.problems[0].message.startswith(
        "L'en-tête du fichier (ligne 1) n'est suivi d'aucune ligne de données")


@pytest.mark.parametrize(("data", "message"), [
    (b"PK\x03\x04\x14\x00\x06\x00", "Ce fichier est un classeur Excel \\(.xlsx\\)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "Ce fichier est un classeur Excel 97-2003"),
    (b"%PDF-1.7\n", "Ce fichier est un document PDF"),
    (b"indicateur;territoire\x00;annee\n", "Ce fichier contient des octets nuls"),
    (b"\x01\x02\x03\x04\x05\x06indicateur\x07\x08", "Ce fichier contient des caractères de contrôle"),
])
def test_binary_files_are_refused_in_french(con, data, message):
    with pytest.raises(ImportFileError, match=f"^{message}"):
        stage(con, data)


def test_file_over_the_size_limit_is_refused(con, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_UPLOAD_MAX_MB", "1")
    data = (b"indicateur;territoire;annee\n" + b"a;1;2020\n" * 200_000)[: 1024 * 1024 * 3 // 2]
    with pytest.raises(ImportFileError) as refused:
        stage(con, data)
    assert str(refused.value) == (
        "Le fichier pèse 1,5 Mo, au-delà de la limite de 1 Mo (réglage OBSERVATORY_UPLOAD_MAX_MB) : "
        "découpez-le en plusieurs fichiers ou faites relever la limite.")


def test_size_check_reports_the_size_in_megabytes(monkeypatch):
    monkeypatch.setenv("OBSERVATORY_UPLOAD_MAX_MB", "2")
    csvread.check_size(2 * 1024 * 1024)
    with pytest.raises(ImportFileError, match="^Le fichier pèse 2,5 Mo, au-delà de la limite de 2 Mo"):
        csvread.check_size(5 * 1024 * 1024 // 2)


@pytest.mark.parametrize(("data", "encoding"), [
    ("Année;né\n€œ;1\n".encode(), "UTF-8"),
    (codecs.BOM_UTF8 + "Année;né\n€œ;1\n".encode(), "UTF-8 (BOM)"),
    ("Année;né\n€œ;1\n".encode("cp1252"), "Windows-1252"),
    ("Année;né\n€œ;1\n".encode("utf-16"), "UTF-16"),
])
def test_encodings_are_detected(data, encoding):
    assert csvread.decode(data) == ("Année;né\n€œ;1\n", encoding)


def test_a_file_mixing_utf8_and_windows_1252_is_refused():
    data = "nom;commune\nÉcole;35238\n".encode() + "Café;35001\n".encode("cp1252")
    with pytest.raises(ImportFileError) as refused:
        csvread.decode(data)
    assert str(refused.value) == (
        "Le fichier mélange deux encodages (UTF-8 et Windows-1252) : par exemple « Ã‰ » à la "
        "ligne 2. Réenregistrez-le au format « CSV UTF-8 » depuis votre tableur.")


def test_a_bom_announcing_utf8_with_invalid_bytes_is_refused():
    with pytest.raises(ImportFileError, match="^Le fichier annonce l'encodage UTF-8 mais contient"):
        csvread.decode(codecs.BOM_UTF8 + "Année".encode("cp1252"))


def test_an_unclosed_quote_is_refused_with_its_row(con):
    with pytest.raises(ImportFileError, match="^Un guillemet ouvert à la ligne 3 n'est jamais refermé"):
        stage(con, 'indicateur;territoire;annee\na;1;2020\n"b;2;2021\nc;3;2022\n')


def test_a_stray_quote_inside_a_cell_is_kept(con):
    stage(con, 'indicateur;territoire;annee;source\na;1;2020;écran 24"\n')
    assert con.execute("select source from import_staging").fetchall() == [('écran 24"',)]
