"""CSV files with title and note lines above the header (DATA-CONTRACT.md §6), on the command
line: the header found by the workbooks' rule, `--header-row` forcing it, errors at the file's
own lines."""

from __future__ import annotations

import json
import re

from tests.test_cli_data import run
from tests.test_cli_spreadsheets import INSEE_OPTIONS, published, write

# As INSEE publishes it: two title lines, an empty line, a note, then the header (line 5).
TITLES = ("Populations légales 2021 et 2015;;;\n"
          "Source : Insee, recensements de la population;;;\n"
          ";;;\n"
          "Note : population municipale;;;\n")
HEADER = "CODGEO;LIBGEO;P21_POP;P15_POP\n"
ROWS = "35238;Rennes;222485;213454\n35001;Acigné;7000;6500\n"


def test_an_insee_csv_under_title_lines_is_imported_with_map_and_wide(reference_db, capsys, tmp_path):
    path = write(tmp_path, "insee.csv", TITLES + HEADER + ROWS)
    code, out, err = run(capsys, "import", "observations", path, *INSEE_OPTIONS, "--format", "json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert (report["status"], report["rows_read"], report["inserted"], report["errors"]) == (
        "applied", 4, 4, [])
    assert report["warnings"] == ["Colonne inconnue ignorée : « LIBGEO »."]
    assert published(reference_db, "select territoire, annee, valeur from observations order by all") == [
        ("35001", 2015, 6500.0), ("35001", 2021, 7000.0), ("35238", 2015, 213454.0),
        ("35238", 2021, 222485.0)]


def test_errors_name_the_line_of_the_file_counting_the_title_lines(reference_db, capsys, tmp_path):
    rows = "35238;Rennes;222485;213454\n\n35001;Acigné;7000;6 500x\n"  # line 8, after an empty line
    path = write(tmp_path, "insee.csv", TITLES + HEADER + rows)
    code, out, _ = run(capsys, "import", "observations", path, *INSEE_OPTIONS, "--format", "json")
    report = json.loads(out)
    assert (code, report["status"]) == (1, "rejected")
    assert [(error["row"], error["column"], error["value"]) for error in report["errors"]] == [
        (8, "P15_POP", "6 500x")]
    code, out, _ = run(capsys, "import", "observations", path, *INSEE_OPTIONS)
    assert code == 1 and re.search(r"^ +8 +P15_POP +6 500x ", out, re.MULTILINE)


def test_header_row_forces_the_line_read_as_header(reference_db, capsys, tmp_path):
    path = write(tmp_path, "insee.csv", TITLES + HEADER + ROWS)
    code, out, _ = run(capsys, "import", "observations", path, *INSEE_OPTIONS, "--header-row", "2",
                       "--format", "json")
    report = json.loads(out)
    assert (code, report["status"]) == (1, "rejected")
    assert report["errors"][0]["value"] == "CODGEO"
    assert ("la colonne « CODGEO » n'existe pas dans l'en-tête (ligne 2) ; colonnes du fichier : "
            "« Source : Insee, recensements de la population »") in report["errors"][0]["message"]
    code, out, _ = run(capsys, "import", "observations", path, *INSEE_OPTIONS, "--header-row", "5",
                       "--dry-run", "--format", "json")
    assert (code, json.loads(out)["rows_read"]) == (0, 4)
    code, out, err = run(capsys, "import", "observations", path, *INSEE_OPTIONS, "--header-row", "40")
    assert (code, out, "Traceback" in err) == (2, "", False)
    assert "--header-row 40 : le fichier compte 7 ligne(s)" in err


def test_a_header_row_of_unknown_names_is_forced_and_mapped(reference_db, capsys, tmp_path):
    # « Commune » names nothing the rule knows: only --header-row finds it under the title.
    content = "Recensement 2021\nCommune;Habitants\n35238;222485\n"
    code, out, _ = run(capsys, "import", "observations", write(tmp_path, "c.csv", content),
                       "--header-row", "2", "--map", "Commune=territoire", "--map", "Habitants=valeur",
                       "--set", "indicateur=population", "--set", "annee=2021", "--format", "json")
    report = json.loads(out)
    assert (code, report["status"], report["inserted"]) == (0, "applied", 1)
    assert published(reference_db, "select territoire, annee, valeur from observations") == [
        ("35238", 2021, 222485.0)]


def test_a_csv_whose_first_line_is_the_header_reads_as_before(reference_db, capsys, tmp_path):
    # Data rows that name columns too (« region », « departement », a year) stay data rows.
    content = ("code;niveau;nom;region;departement\n53;region;Bretagne;;\n"
               "29;departement;Finistère;53;\n29001;commune;Argol 2021;53;29x\n")
    code, out, _ = run(capsys, "import", "territoires", write(tmp_path, "t.csv", content),
                       "--dry-run", "--format", "json")
    report = json.loads(out)
    assert report["rows_read"] == 3
    assert {error["row"] for error in report["errors"]} == {4}
    observations = "indicateur;territoire;annee;valeur\npopulation;35238;2022;100\n"
    code, out, _ = run(capsys, "import", "observations", write(tmp_path, "o.csv", observations),
                       "--format", "json")
    assert (code, json.loads(out)["inserted"]) == (0, 1)


def test_a_header_naming_nothing_is_still_reported_at_its_own_line(reference_db, capsys, tmp_path):
    # The data row's year (half a point) does not make it a header.
    content = "foo;bar\npopulation;2022\n"
    code, out, _ = run(capsys, "import", "observations", write(tmp_path, "x.csv", content),
                       "--format", "json")
    report = json.loads(out)
    assert (code, report["errors"][0]["row"]) == (1, 1)
    assert "Aucune colonne attendue n'a été reconnue dans l'en-tête (ligne 1)" in report["errors"][0]["message"]


def test_padded_title_lines_and_header_are_read_at_their_lines(reference_db, capsys, tmp_path):
    padding = ";" * 20_000  # Excel pads every line of an export, titles included
    content = (f"Populations légales{padding}\n{padding}\n{HEADER.strip()}{padding}\n"
               f"35238;Rennes;222485;213454x{padding}\n")
    code, out, _ = run(capsys, "import", "observations", write(tmp_path, "p.csv", content),
                       *INSEE_OPTIONS, "--format", "json")
    report = json.loads(out)
    assert (code, report["rows_read"]) == (1, 2)
    assert [(error["row"], error["column"]) for error in report["errors"]] == [(4, "P15_POP")]


def test_a_title_line_too_long_to_split_is_refused_with_exit_2(reference_db, capsys, tmp_path):
    from observatory import csvshape

    content = f'"{"x" * (csvshape.MAX_LINE_CHARS + 1)}"\n{HEADER}{ROWS}'
    code, out, err = run(capsys, "import", "observations", write(tmp_path, "t.csv", content),
                         *INSEE_OPTIONS)
    assert (code, out, "Traceback" in err) == (2, "", False)
    assert err.startswith("Erreur : La ligne 1 n'a pas pu être découpée en colonnes")
