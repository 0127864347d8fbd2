"""Hostile CSV shapes (issue #12, point 4): over-long cells, padded headers, NUL bytes, bidi controls.

Each test runs the shape through the command line (exit codes of DATA-CONTRACT.md §4, no
traceback) or through the functions behind the Import page.
"""

from __future__ import annotations

import codecs
import json
import time

import pytest

from benchmarks import hostile_csv
from observatory import batches, cli, csvread, csvshape, db, staff, updates
from observatory.errors import ImportFileError

OBSERVATION = "population;35238;2022;1\n"


def run_import(capsys, tmp_path, dataset: str, data: bytes, *options: str) -> tuple[int, str, str]:
    """Import `data` as `dataset` from the command line; return (exit code, stdout, stderr)."""
    path = tmp_path / "fichier.csv"
    path.write_bytes(data)
    try:
        code = cli.main(["import", dataset, str(path), *options])
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


# 1. Cells longer than Python's csv limit (131,072 characters).

def test_a_header_cell_over_the_csv_module_limit_is_read(reference_db, capsys, tmp_path):
    long_name = "x" * 140_000
    data = f"indicateur;territoire;annee;valeur;{long_name}\n{OBSERVATION}".encode()
    code, out, err = run_import(capsys, tmp_path, "observations", data, "--dry-run")
    assert (code, err) == (0, "")
    shown = "x" * (csvshape.NAME_SHOWN_CHARS - 1) + "…"
    assert f"Colonne inconnue ignorée : « {shown} »." in out


def test_a_header_cell_beyond_the_line_limit_is_refused_with_exit_2(reference_db, con, capsys, tmp_path):
    data = ('indicateur;territoire;annee;valeur;"' + "x" * (csvshape.MAX_LINE_CHARS + 1)
            + f'"\n{OBSERVATION}').encode()
    code, out, err = run_import(capsys, tmp_path, "observations", data)
    message = ("La ligne 1 n'a pas pu être découpée en colonnes : une cellule y dépasse "
               "16\u202f777\u202f216 caractères. Vérifiez qu'un guillemet n'y est pas resté ouvert")
    assert (code, out, err.startswith(f"Erreur : {message}"), "Traceback" in err) == (2, "", True, False)
    report = updates.validate_upload(con, "observations", data, "fichier.csv")
    assert report.status == "rejected"
    assert report.errors[0].message.startswith(message)


def test_a_data_cell_over_the_csv_module_limit_is_read(reference_db, capsys, tmp_path):
    data = ("indicateur;territoire;annee;valeur;note\n"
            f"population;35238;2022;1;{'y' * 140_000}\n").encode()
    code, out, err = run_import(capsys, tmp_path, "observations", data, "--dry-run")
    assert (code, err) == (0, "")
    assert "Lignes lues : 1" in out


def test_a_data_line_beyond_the_line_limit_is_refused_with_exit_2(reference_db, capsys, tmp_path):
    data = ("indicateur;territoire;annee;valeur;note\n"
            f"population;35238;2022;1;{'y' * (csvshape.MAX_LINE_CHARS + 1)}\n").encode()
    code, out, err = run_import(capsys, tmp_path, "observations", data)
    assert (code, out, err.startswith("Erreur : Le fichier n'a pas pu être lu comme un CSV"),
            "Traceback" in err) == (2, "", True, False)



# 2. Empty columns padding the header (Excel pads up to XFD; an attacker, further).

EXPECTED = ("indicateur", "territoire", "annee", "valeur", "note")


def stage(con, text: str) -> csvread.StagedFile:
    return csvread.stage_csv(con, text.encode(), EXPECTED, ("indicateur", "territoire", "annee"))


def test_twenty_thousand_padding_columns_are_read_in_linear_time(con):
    padding = ";" * 20_000
    rows = "".join(f"pop;{35000 + index};2022;{index}{padding}\n" for index in range(50))
    started = time.perf_counter()
    staged = stage(con, f"indicateur;territoire;annee;valeur{padding}\n{rows}")
    elapsed = time.perf_counter() - started
    # Quadratic reading took 40 s at 10,000 columns; linear reading takes a fraction of a second.
    assert elapsed < 3, elapsed
    assert (staged.rows_read, staged.warnings) == (50, [])
    assert con.execute("select count(*) from duckdb_columns() where table_name = 'import_staging'"
                       ).fetchall() == [(len(EXPECTED) + 2,)]
    assert con.execute("select max(valeur::int), count(overflow) from import_staging").fetchall() == [
        (49, 0)]


def test_values_under_padding_columns_are_counted_and_beyond_the_header_are_overflow(con):
    padding = ";" * (csvshape.PADDING_KEPT + 1)  # header cells 4 to 68 are empty
    head = "a;1;2020;;"
    text = (f"indicateur;territoire;annee{padding}\n"
            f"{head}x{padding}y\n"                     # x under column 5, y beyond the header
            f"{head}x; z;\n"                           # x under column 5, z under column 6
            f'{head}{padding}{padding}"q;r"\n')        # a quoted value beyond the header
    staged = stage(con, text)
    assert staged.warnings == [
        "La colonne n° 5 n'a pas de nom dans l'en-tête : ses 2 valeur(s) sont ignorées.",
        "La colonne n° 6 n'a pas de nom dans l'en-tête : ses 1 valeur(s) sont ignorées."]
    assert con.execute("select row_n, overflow from import_staging order by row_n").fetchall() == [
        (2, "y"), (3, None), (4, "q;r")]


def test_a_few_trailing_empty_columns_are_read_as_they_are(con):
    padding = ";" * csvshape.PADDING_KEPT
    staged = stage(con, f"indicateur;territoire;annee{padding}\na;1;2020{padding};x\n")
    assert staged.warnings == []
    assert con.execute("select overflow from import_staging").fetchall() == [("x",)]


def test_many_unnamed_columns_with_values_make_one_warning(con):
    width = csvshape.UNNAMED_LISTED + 2
    padding = ";" * (csvshape.PADDING_KEPT + 1)
    text = ("indicateur;territoire;annee" + ";" * width + padding + "\n"
            + "a;1;2020" + ";v" * width + "\n")
    assert stage(con, text).warnings == [
        f"{width} colonnes sans nom dans l'en-tête (n° 4, 5, 6, 7, 8…) contiennent {width} "
        "valeur(s) : elles sont ignorées. Donnez un nom à ces colonnes ou retirez-les."]


def test_padding_keeps_multiline_cells_empty_rows_and_row_numbers(con):
    padding = ";" * (csvshape.PADDING_KEPT + 1)
    text = (f"indicateur;territoire;annee;note{padding}\n"
            '\n'
            f'a;1;2020;"deux\n\nlignes;;"{padding}\n'
            f"b;2;2021;fin{padding}\n")
    stage(con, text)
    assert con.execute("select row_n, indicateur, note from import_staging order by row_n").fetchall() == [
        (3, "a", "deux\n\nlignes;;"), (4, "b", "fin")]


def test_a_padded_file_with_a_cell_beyond_the_line_limit_is_refused_naming_its_row(con):
    padding = ";" * (csvshape.PADDING_KEPT + 1)
    text = (f"indicateur;territoire;annee;note{padding}\na;1;2020;x\n"
            f"b;2;2021;\"{'y' * (csvshape.MAX_LINE_CHARS + 1)}\"\n")
    with pytest.raises(ImportFileError, match="^La ligne 3 n'a pas pu être découpée en colonnes"):
        stage(con, text)


def test_a_header_naming_more_columns_than_a_sheet_holds_is_refused_with_exit_2(
        reference_db, capsys, tmp_path):
    header = "indicateur;territoire;annee;valeur;" + ";".join(
        f"c{index}" for index in range(csvshape.MAX_COLUMNS))
    code, out, err = run_import(capsys, tmp_path, "observations", f"{header}\n{OBSERVATION}".encode())
    assert (code, out) == (2, "")
    assert err == (
        "Erreur : La ligne d'en-tête (ligne 1) compte 16\u202f388 colonnes, plus que les "
        "16\u202f384 d'une feuille de tableur : vérifiez le séparateur de colonnes, ou "
        f"{csvshape.EXPORT_HINT}.\n")


def test_a_padded_file_goes_through_the_command_line(reference_db, capsys, tmp_path):
    padding = ";" * 16_384
    data = f"indicateur;territoire;annee;valeur{padding}\npopulation;35238;2022;1{padding}\n".encode()
    code, out, err = run_import(capsys, tmp_path, "observations", data, "--dry-run", "--format", "json")
    assert (code, err) == (0, "")
    assert (json.loads(out)["status"], json.loads(out)["warnings"]) == ("validated", [])


@pytest.mark.bench
def test_a_hundred_and_twenty_thousand_padding_columns_are_answered_within_budget(tmp_path):
    figures = hostile_csv.measure(hostile_csv.COLUMNS, hostile_csv.ROWS, tmp_path)
    print(figures)
    assert (figures["exit_code"], figures["status"], figures["rows_read"]) == (
        0, "validated", hostile_csv.ROWS), figures
    assert figures["seconds"] < hostile_csv.BUDGET_S, figures
    assert figures["peak_rss_mb"] < hostile_csv.BUDGET_RSS_MB, figures


# 3. NUL characters, in every encoding the reader detects.

NUL_TEXT = "indicateur;territoire;annee;note\npopulation;35238;2022;a\r\nb\x00c\n"


@pytest.mark.parametrize(("data", "encoding"), [
    (NUL_TEXT.encode(), "UTF-8"),
    (codecs.BOM_UTF8 + NUL_TEXT.encode(), "UTF-8 (BOM)"),
    (codecs.BOM_UTF16_LE + NUL_TEXT.encode("utf-16-le"), "UTF-16 LE"),
    (codecs.BOM_UTF16_BE + NUL_TEXT.encode("utf-16-be"), "UTF-16 BE"),
    ((NUL_TEXT + "é€").encode("cp1252"), "Windows-1252"),
    # 0x81 is undefined in Windows-1252: the reader falls back to guessing (Latin-1 and others).
    ((NUL_TEXT + "\x81é").encode("latin-1"), "guessed"),
], ids=["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be", "cp1252", "guessed"])
def test_nul_characters_are_refused_naming_their_line_in_every_encoding(
        reference_db, con, capsys, tmp_path, data, encoding):
    message = ("Ce fichier contient des octets nuls (ligne 3) : c'est un fichier binaire, pas un "
               f"CSV ; {csvshape.EXPORT_HINT}.")
    code, out, err = run_import(capsys, tmp_path, "observations", data)
    assert (code, out, err) == (2, "", f"Erreur : {message}\n"), encoding
    report = updates.validate_upload(con, "observations", data, "fichier.csv")
    assert [problem.message for problem in report.errors] == [message], encoding


# 4. Bidirectional controls: refused in codes, removed from free text and file names.

RLO, LRI, PDI = "\u202e", "\u2066", "\u2069"


def bidi_error(row: int, column: str, value: str, detail: str = "U+202E") -> dict:
    what, verb, which = (("des caractères invisibles", "font", "ces caractères") if "," in detail
                         else ("un caractère invisible", "fait", "ce caractère"))
    return {"row": row, "column": column, "value": value, "message": (
        f"La valeur « {value} » de la colonne « {column} » contient {what} de contrôle du sens "
        f"d'écriture ({detail}), qui la {verb} lire autrement qu'elle n'est enregistrée : "
        f"retapez la valeur sans copier-coller, ou retirez {which}.")}


def import_json(capsys, tmp_path, dataset: str, text: str, *options: str) -> tuple[int, dict]:
    code, out, err = run_import(capsys, tmp_path, dataset, text.encode(), "--format", "json", *options)
    assert err == ""
    return code, json.loads(out)


@pytest.mark.parametrize(("dataset", "text", "errors"), [
    ("territoires", f"code;niveau;nom\n3{RLO}5;departement;Ille\n",
     [bidi_error(2, "code", "3<U+202E>5")]),
    ("territoires", f"code;niveau;nom\n35;{LRI}departement{PDI};Ille\n",
     [bidi_error(2, "niveau", "<U+2066>departement<U+2069>", "U+2066, U+2069")]),
    ("indicateurs", f"code;libelle;theme;unite\npop{RLO}ulation;Population;contexte;nombre\n",
     [bidi_error(2, "code", "pop<U+202E>ulation")]),
    ("observations", f"indicateur;territoire;annee;valeur\npopulation;352{RLO}38;2022;1\n",
     [bidi_error(2, "territoire", "352<U+202E>38")]),
    ("initiatives", f"id;nom;commune;thematique\nINI{RLO}-1;Recyclerie;35238;autre\n",
     [bidi_error(2, "id", "INI<U+202E>-1")]),
], ids=["territory-code", "level", "indicator-code", "observation-territory", "initiative-id"])
def test_bidi_controls_in_codes_are_one_error_naming_row_and_column(
        reference_db, capsys, tmp_path, dataset, text, errors):
    code, report = import_json(capsys, tmp_path, dataset, text)
    # One error per cell: the code's other problems (format, unknown code) are not repeated.
    assert (code, report["status"], report["errors"]) == (1, "rejected", errors)


def test_bidi_controls_are_removed_from_free_text_with_a_warning(reference_db, capsys, tmp_path):
    text = ("code;niveau;nom\n"
            "35;departement;Ille-et-Vilaine\n"
            f"29;departement;Facture{RLO}gnp.exe\n"
            f"22;departement;{LRI}Côtes-d'Armor{PDI}\n")
    code, report = import_json(capsys, tmp_path, "territoires", text)
    assert (code, report["status"], report["errors"]) == (0, "applied", [])
    assert report["warnings"] == [
        "Colonne « nom » : 2 valeurs contenaient des caractères invisibles de contrôle du sens "
        "d'écriture (U+202A à U+202E, U+2066 à U+2069), qui peuvent faire lire un texte à "
        "l'envers : ils ont été retirés (par ex. ligne 3)."]
    cursor = db.SnapshotReader(reference_db).cursor()
    assert cursor.execute("select code, nom from territoires where code in ('22', '29') "
                          "order by code").fetchall() == [("22", "Côtes-d'Armor"), ("29", "Facturegnp.exe")]


def test_a_free_text_cell_of_bidi_controls_only_is_empty(reference_db, capsys, tmp_path):
    code, report = import_json(capsys, tmp_path, "territoires",
                               f"code;niveau;nom\n29;departement;{LRI}{PDI}\n")
    assert (code, [(error["row"], error["column"]) for error in report["errors"]]) == (1, [(2, "nom")])
    assert report["errors"][0]["message"].startswith("Valeur obligatoire manquante")


def test_bidi_controls_are_removed_from_file_names_shown_and_stored(reference_db, con, capsys, tmp_path):
    path = tmp_path / f"Facture{RLO}vsc.exe"
    path.write_text("code;niveau;nom\n29;departement;Finistère\n", encoding="utf-8")
    code = cli.main(["import", "territoires", str(path), "--format", "json"])
    out = capsys.readouterr().out
    assert (code, json.loads(out)["file"]) == (0, "Facturevsc.exe")
    cursor = db.SnapshotReader(reference_db).cursor()
    assert cursor.execute("select file_name from batches order by batch_id desc limit 1"
                          ).fetchall() == [("Facturevsc.exe",)]
    # The Import page's path: the report of an upload, and a batch recorded before this fix.
    report = updates.validate_upload(con, "territoires", path.read_bytes(), path.name)
    assert report.file == "Facturevsc.exe"
    with db.writing(reference_db) as writer:
        writer.execute("update batches set file_name = ? where batch_id = 1", [f"ancien{RLO}vsc.csv"])
    history = updates.history_table(batches.list_batches(db.SnapshotReader(reference_db).cursor()))
    assert history.loc[history["Lot"] == 1, "Fichier"].tolist() == ["ancienvsc.csv"]


def test_unknown_header_names_show_their_bidi_controls(con):
    staged = stage(con, f"indicateur;territoire;annee;note{RLO}s\na;1;2020;x\n")
    assert staged.warnings == ["Colonne inconnue ignorée : « note<U+202E>s »."]


def test_user_names_lose_their_bidi_controls():
    assert staff.clean_user_name(f" Cam{RLO}ille ") == "Camille"
