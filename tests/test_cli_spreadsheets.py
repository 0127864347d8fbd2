"""`import` with partner spreadsheets on the command line (DATA-CONTRACT.md §4 and §6):
--sheet, --map, --set, --wide, templates, --replace, dry-run changes, header-only files."""

from __future__ import annotations

import json

import pytest

from observatory import batches, db
from tests.importing import database_checksum
from tests.test_cli_data import run
from tests.workbooks import xlsx_bytes

INSEE = {"Données": [["Populations légales"], ["CODGEO", "LIBGEO", "P21_POP", "P15_POP"],
                     ["35238", "Rennes", 222485, 213454], ["35001", "Acigné", 7000, 6500]]}
INSEE_OPTIONS = ("--map", "CODGEO=territoire", "--wide", "P{aa}_POP=population")


def published(path, sql: str) -> list[tuple]:
    return db.SnapshotReader(path).cursor().execute(sql).fetchall()


def write(tmp_path, name: str, content: bytes | str):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return str(path)


def test_a_wide_workbook_is_imported_with_map_and_wide(reference_db, capsys, tmp_path):
    code, out, err = run(capsys, "import", "observations", write(tmp_path, "insee.xlsx", xlsx_bytes(INSEE)),
                         *INSEE_OPTIONS, "--format", "json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert (report["status"], report["rows_read"], report["inserted"], report["deleted"]) == (
        "applied", 4, 4, 0)
    assert published(reference_db, "select territoire, annee, valeur from observations order by all") == [
        ("35001", 2015, 6500.0), ("35001", 2021, 7000.0), ("35238", 2015, 213454.0),
        ("35238", 2021, 222485.0)]


def test_a_mapping_naming_a_missing_column_exits_1_naming_it(reference_db, capsys, tmp_path):
    code, out, _ = run(capsys, "import", "observations", write(tmp_path, "i.xlsx", xlsx_bytes(INSEE)),
                       "--map", "DEPCOM=territoire", "--wide", "P{aa}_POP=population", "--format", "json")
    report = json.loads(out)
    assert (code, report["status"]) == (1, "rejected")
    assert report["errors"][0]["value"] == "DEPCOM"
    assert "la colonne « DEPCOM » n'existe pas" in report["errors"][0]["message"]


@pytest.mark.parametrize("option", [("--wide", "P_POP"), ("--map", "CODGEO"), ("--header-row", "0")])
def test_malformed_mapping_options_are_usage_errors(reference_db, capsys, tmp_path, option):
    code, out, err = run(capsys, "import", "observations", write(tmp_path, "i.xlsx", xlsx_bytes(INSEE)),
                         *option)
    assert (code, out, "Traceback" in err) == (2, "", False)
    assert "Erreur d'utilisation" in err


def test_an_unknown_sheet_is_a_usage_error_listing_the_sheets(reference_db, capsys, tmp_path):
    code, out, err = run(capsys, "import", "observations", write(tmp_path, "i.xlsx", xlsx_bytes(INSEE)),
                         "--sheet", "Feuil9", *INSEE_OPTIONS)
    assert (code, out) == (2, "")
    assert "Feuille « Feuil9 » introuvable" in err and "« Données »" in err


def test_a_saved_template_is_reused_for_the_next_file(reference_db, capsys, tmp_path):
    first = write(tmp_path, "insee_2021.xlsx", xlsx_bytes(INSEE))
    code, out, _ = run(capsys, "import", "observations", first, *INSEE_OPTIONS,
                       "--save-template", "insee population")
    assert code == 0 and "Modèle d'import « insee population » enregistré" in out
    later = {"Données": [["CODGEO", "LIBGEO", "P22_POP"], ["35238", "Rennes", 225000]]}
    code, out, _ = run(capsys, "import", "observations", write(tmp_path, "insee_2022.xlsx", xlsx_bytes(later)),
                       "--template", "insee population", "--format", "json")
    assert (code, json.loads(out)["inserted"]) == (0, 1)
    assert published(reference_db, "select valeur from observations where annee = 2022") == [(225000.0,)]
    assert published(reference_db, "select name, dataset from import_templates") == [
        ("insee population", "observations")]


def test_an_unknown_template_or_one_of_another_dataset_is_a_usage_error(reference_db, capsys, tmp_path):
    path = write(tmp_path, "i.xlsx", xlsx_bytes(INSEE))
    code, _, err = run(capsys, "import", "observations", path, "--template", "absent")
    assert code == 2 and "Modèle d'import « absent » introuvable" in err
    run(capsys, "import", "observations", path, *INSEE_OPTIONS, "--save-template", "insee")
    code, _, err = run(capsys, "import", "territoires", path, "--template", "insee")
    assert code == 2 and "enregistré pour le jeu de données « observations »" in err


def test_save_template_with_dry_run_is_refused_before_anything(reference_db, capsys, tmp_path):
    code, out, err = run(capsys, "import", "observations", write(tmp_path, "i.xlsx", xlsx_bytes(INSEE)),
                         *INSEE_OPTIONS, "--dry-run", "--save-template", "x")
    assert (code, out) == (2, "") and "relancez sans --dry-run" in err


def test_dry_run_lists_old_and_new_values_in_text_and_json(reference_db, capsys, tmp_path):
    path = write(tmp_path, "a.csv", "indicateur;territoire;annee;valeur\npopulation;35238;2022;100\n")
    run(capsys, "import", "observations", path)
    changed = write(tmp_path, "b.csv", "indicateur;territoire;annee;valeur\npopulation;35238;2022;120,5\n"
                                       "population;35001;2022;7\n")
    code, out, _ = run(capsys, "import", "observations", changed, "--dry-run")
    assert code == 0
    assert "  modification population / 35238 / 2022 : valeur 100 → 120,5" in out.splitlines()
    assert "  ajout population / 35001 / 2022" in out.splitlines()
    code, out, _ = run(capsys, "import", "observations", changed, "--dry-run", "--format", "json")
    assert json.loads(out)["changes"] == [
        {"action": "insert", "key": {"indicateur": "population", "territoire": "35001", "annee": 2022}},
        {"action": "update", "key": {"indicateur": "population", "territoire": "35238", "annee": 2022},
         "column": "valeur", "old": 100.0, "new": 120.5}]


def test_a_header_only_file_is_rejected_with_exit_1(reference_db, capsys, tmp_path):
    code, out, err = run(capsys, "import", "observations",
                         write(tmp_path, "vide.csv", "indicateur;territoire;annee;valeur\n"), "--format", "json")
    report = json.loads(out)
    assert (code, err, report["status"]) == (1, "", "rejected")
    assert "n'est suivi d'aucune ligne de données" in report["errors"][0]["message"]


def test_an_unchanged_file_records_no_batch_and_says_so(reference_db, capsys, tmp_path):
    path = write(tmp_path, "a.csv", "indicateur;territoire;annee;valeur\npopulation;35238;2022;100\n")
    run(capsys, "import", "observations", path)
    before = published(reference_db, "select count(*) from batches")
    code, out, _ = run(capsys, "import", "observations", path)
    assert code == 0 and "Aucun lot enregistré : le fichier ne change rien à la base." in out
    assert published(reference_db, "select count(*) from batches") == before


OBSERVATIONS = "indicateur;territoire;annee;valeur\n"


def test_replace_deletes_the_absent_rows_of_the_indicators_in_the_file_and_rollback_restores(
        reference_db, capsys, tmp_path):
    run(capsys, "import", "observations", write(tmp_path, "a.csv", OBSERVATIONS + (
        "population;35238;2021;1\npopulation;35238;2022;2\nbudget;35238;2022;3\n")))
    before = database_checksum(db.SnapshotReader(reference_db).cursor())
    path = write(tmp_path, "b.csv", OBSERVATIONS + "population;35238;2022;2\n")
    code, out, _ = run(capsys, "import", "observations", path, "--replace", "--dry-run", "--format", "json")
    report = json.loads(out)
    assert (code, report["deleted"], report["changes"]) == (0, 1, [
        {"action": "delete", "key": {"indicateur": "population", "territoire": "35238", "annee": 2021}}])
    code, out, _ = run(capsys, "import", "observations", path, "--replace", "--format", "json")
    report = json.loads(out)
    assert (code, report["deleted"], report["unchanged"]) == (0, 1, 1)
    # The other indicator (budget) is not in the file: its rows stay.
    assert published(reference_db, "select indicateur, annee from observations order by all") == [
        ("budget", 2022), ("population", 2022)]
    assert published(reference_db, f"select deleted from batches where batch_id = {report['batch_id']}") == [(1,)]
    code, _, _ = run(capsys, "rollback", str(report["batch_id"]))
    assert code == 0
    after = database_checksum(db.SnapshotReader(reference_db).cursor())
    assert {k: v for k, v in after.items() if k not in ("batches", "sequences", "observations_history")} == {
        k: v for k, v in before.items() if k not in ("batches", "sequences", "observations_history")}


def test_replace_refuses_to_delete_a_territory_still_used(reference_db, capsys, tmp_path):
    run(capsys, "import", "observations", write(tmp_path, "a.csv", OBSERVATIONS + "population;35001;2022;7\n"))
    territories = "code;niveau;nom;region\n53;region;Bretagne;\n"
    before = database_checksum(db.SnapshotReader(reference_db).cursor())
    code, out, _ = run(capsys, "import", "territoires", write(tmp_path, "t.csv", territories),
                       "--replace", "--format", "json")
    report = json.loads(out)
    assert (code, report["status"]) == (1, "rejected")
    messages = " ".join(error["message"] for error in report["errors"])
    assert "« observations »" in messages and "35001 (commune)" in messages
    assert database_checksum(db.SnapshotReader(reference_db).cursor()) == before


def test_rollback_of_a_replace_batch_restores_deleted_initiatives(ref):
    from observatory import importer

    header = "id;nom;commune;thematique\n"
    importer.import_file(ref, "initiatives", (header + "a;A;35238;autre\nb;B;35001;autre\n").encode(),
                         "i.csv", "test")
    report = importer.import_file(ref, "initiatives", (header + "a;A;35238;autre\n").encode(), "j.csv",
                                  "test", replace=True)
    assert (report.deleted, report.preview.deleted["id"].tolist()) == (1, ["b"])
    assert ref.execute("select id from initiatives").fetchall() == [("a",)]
    batches.rollback_batch(ref, report.batch_id, "test")
    assert ref.execute("select id, nom from initiatives order by id").fetchall() == [("a", "A"), ("b", "B")]
