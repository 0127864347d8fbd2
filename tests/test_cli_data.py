"""`python -m observatory init | import | batches | rollback` (DATA-CONTRACT.md §4)."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time

import duckdb
import pytest

from benchmarks.import_speed import prepare_database, write_observations_file
from observatory import cli, db, demo, importer, territory_reference, updates
from tests.conftest import PROJECT_ROOT
from tests.importing import (
    IMPORT_FIXTURES,
    database_checksum,
    fail_statement,
)

OBSERVATIONS = IMPORT_FIXTURES / "observations_cp1252.csv"
ERRORS = IMPORT_FIXTURES / "observations_errors.csv"


def run(capsys, *args: str) -> tuple[int, str, str]:
    """Run the command line in this process; return (exit code, stdout, stderr)."""
    try:
        code = cli.main(list(args))
    except SystemExit as exit_:
        code = exit_.code
    out, err = capsys.readouterr()
    return code, out, err


def file_md5(path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def snapshot_state(path) -> tuple[str | None, str]:
    """Return the published snapshot's name and the working file's MD5."""
    snapshot = db.current_snapshot(path)
    return (snapshot.name if snapshot else None), file_md5(path)


def test_init_creates_the_database_and_publishes_it(tmp_db, capsys):
    code, out, err = run(capsys, "init")
    assert (code, out, err) == (0, f"Base prête : {tmp_db}\n", "")
    reader = db.SnapshotReader(tmp_db)
    assert reader.cursor().execute("select count(*) from territoires").fetchall() == [(0,)]


@pytest.mark.slow
def test_init_demo_loads_the_demo_files_through_the_import(tmp_db, capsys):
    code, out, _ = run(capsys, "init", "--demo")
    assert code == 0
    cursor = db.SnapshotReader(tmp_db).cursor()
    journal = cursor.execute("select dataset, file_name, user_name, rows_read = inserted "
                             "from batches order by batch_id").fetchall()
    # The territories are the shipped reference's, loaded as `init --region 53` loads them.
    assert journal == [("territoires", territory_reference.FILE_NAME.format(code="53"), "démo",
                        True)] + [(name, file, "démo", True) for name, file in demo.DEMO_FILES.items()]
    assert out.count("Statut : appliqué") == 4
    assert db.failed_checks(cursor) == {}


def test_import_json_prints_one_object_and_exits_0(reference_db, capsys):
    code, out, err = run(capsys, "import", "observations", str(OBSERVATIONS), "--format", "json",
                         "--user", "camille")
    assert (code, err) == (0, "")
    assert out.count("\n") == 1
    report = json.loads(out)
    assert report == {
        "dataset": "observations", "file": "observations_cp1252.csv", "status": "applied",
        "batch_id": 3, "rows_read": 4, "inserted": 4, "updated": 0, "unchanged": 0, "deleted": 0,
        "warnings": ["Colonne « territoire » : 1 code complété par le zéro initial qu'un tableur "
                     "avait supprimé (par ex. ligne 5 : 1004 → 01004)."],
        "errors": [],
        "changes": [{"action": "insert", "key": {"indicateur": indicator, "territoire": territory,
                                                  "annee": 2022}}
                    for indicator, territory in [("budget", "35238"), ("part_dirigeantes", "35"),
                                                 ("population", "01004"), ("population", "35238")]]}
    cursor = db.SnapshotReader(reference_db).cursor()
    assert cursor.execute("select user_name, inserted from batches where batch_id = 3").fetchall() == [
        ("camille", 4)]


def test_rejected_import_exits_1_and_changes_and_publishes_nothing(reference_db, capsys):
    before = snapshot_state(reference_db)
    code, out, err = run(capsys, "import", "observations", str(ERRORS), "--format", "json")
    assert (code, err) == (1, "")
    report = json.loads(out)
    assert (report["status"], report["batch_id"], len(report["errors"])) == ("rejected", None, 14)
    assert report["errors"][7] == {
        "row": 11, "column": "valeur", "value": "12,5x",
        "message": "« 12,5x » n'est pas un nombre : écrivez par exemple 12,5 ou 1 234,5 (virgule "
                   "ou point décimal)."}
    assert snapshot_state(reference_db) == before


def test_rejected_import_text_shows_the_error_table(reference_db, capsys):
    code, out, _ = run(capsys, "import", "observations", str(ERRORS))
    assert code == 1
    lines = out.splitlines()
    assert lines[:4] == ["Fichier « observations_errors.csv » — jeu de données « observations »",
                         "Statut : refusé", "Lignes lues : 16", "Avertissements :"]
    assert "Erreurs (14) — corrigez le fichier puis relancez :" in lines
    assert any(line.split()[:3] == ["11", "valeur", "12,5x"] for line in lines)


def test_dry_run_validates_without_writing_or_publishing(reference_db, capsys):
    before = snapshot_state(reference_db)
    code, out, _ = run(capsys, "import", "observations", str(OBSERVATIONS), "--dry-run")
    assert code == 0
    assert out.splitlines()[1:4] == ["Statut : validé (essai, rien n'est écrit)", "Lignes lues : 4",
                                     "Lignes à ajouter : 4 — à modifier : 0 — inchangées : 0"]
    assert snapshot_state(reference_db) == before


@pytest.mark.parametrize(("args", "message"), [
    (("import", "communes", "x.csv"), "Erreur : Jeu de données inconnu « communes » : choisissez "
                                      "parmi territoires, indicateurs, observations, initiatives.\n"),
    (("import", "observations", "absent.csv"), "Erreur : Fichier introuvable : « absent.csv ». "
                                               "Vérifiez le chemin.\n"),
    (("import", "observations", "."), "Erreur : « . » est un dossier : indiquez un fichier CSV.\n"),
])
def test_usage_and_io_errors_exit_2_in_french(reference_db, capsys, args, message):
    assert run(capsys, *args) == (2, "", message)


def test_unreadable_files_exit_2(reference_db, capsys, tmp_path, monkeypatch):
    (tmp_path / "vide.csv").write_bytes(b"")
    (tmp_path / "classeur.csv").write_bytes(b"PK\x03\x04rest of a zip")
    (tmp_path / "gros.csv").write_bytes(b"indicateur;territoire;annee\n" + b"x" * (1024 * 1024 + 1))
    monkeypatch.setenv("OBSERVATORY_UPLOAD_MAX_MB", "1")
    for name, start in [("vide.csv", "Erreur : Le fichier est vide"),
                        ("classeur.csv", "Erreur : Ce fichier ressemble à un classeur"),
                        ("gros.csv", "Erreur : Le fichier pèse 1,1 Mo, au-delà de la limite de 1 Mo")]:
        code, out, err = run(capsys, "import", "observations", str(tmp_path / name), "--format", "json")
        assert (code, out, err.startswith(start), "Traceback" in err) == (2, "", True, False), err


def test_a_database_failure_while_importing_exits_2_in_french_without_traceback(
        reference_db, capsys, monkeypatch):
    before = snapshot_state(reference_db)
    fail_statement(monkeypatch, "import_insert_new_observations",
                   "select error('disque plein') where ? is not null")
    code, out, err = run(capsys, "import", "observations", str(OBSERVATIONS), "--format", "json")
    assert (code, out) == (2, "")
    assert err.startswith("Erreur de la base de données, l'opération a été annulée et la base n'a "
                          "pas été modifiée : Invalid Input Error: disque plein")
    assert snapshot_state(reference_db) == before


def test_bad_format_option_is_a_usage_error(reference_db, capsys):
    code, out, err = run(capsys, "import", "observations", str(OBSERVATIONS), "--format", "xml")
    assert (code, out) == (2, "")
    assert "Erreur d'utilisation : argument --format : « xml » : choisissez text ou json" in err


def test_help_is_in_french_and_lists_the_contract_commands(capsys):
    code, out, err = run(capsys, "--help")
    assert (code, err) == (0, "")
    assert out.startswith("utilisation : python -m observatory [-h] COMMANDE ...")
    assert "-h, --help     afficher cette aide et quitter" in out
    assert [line.split()[0] for line in out.splitlines() if line.startswith("    ")][:4] == [
        "init", "import", "batches", "rollback"]
    code, out, _ = run(capsys, "import", "--help")
    assert code == 0
    assert "--dry-run" in out and "--user USER" in out and "--format FORMAT" in out
    assert "show this help" not in out and "positional arguments" not in out


@pytest.mark.parametrize(("args", "message"), [
    ((), "arguments obligatoires manquants : COMMANDE"),
    (("import", "observations"), "arguments obligatoires manquants : FILE"),
    (("importer",), "argument COMMANDE : choix invalide : « importer » (choisissez parmi 'init', "
                    "'import', 'batches', 'rollback'"),
    (("batches", "--bogus"), "arguments non reconnus : --bogus"),
    # The benchmarks left the package (#13 item 7): `python -m benchmarks pages`.
    (("bench",), "argument COMMANDE : choix invalide : « bench »"),
    (("import", "observations", "x.csv", "--user"), "argument --user : une valeur est attendue"),
])
def test_usage_errors_are_in_french(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert err.startswith("utilisation : python -m observatory")
    assert f"Erreur d'utilisation : {message}" in err
    assert "Traceback" not in err
    assert argparse._("usage: ") == "usage: "  # argparse is left as it was found


def test_default_user_is_the_login_name_or_inconnu(reference_db, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("USER", "dominique")
    run(capsys, "import", "observations", str(OBSERVATIONS))
    monkeypatch.delenv("USER")
    changed = tmp_path / "maj.csv"
    changed.write_text("indicateur;territoire;annee;valeur\npopulation;35238;2022;222486\n")
    run(capsys, "import", "observations", str(changed))
    cursor = db.SnapshotReader(reference_db).cursor()
    assert cursor.execute("select user_name from batches where batch_id > 2 order by batch_id").fetchall() == [
        ("dominique",), ("inconnu",)]


def test_batches_lists_newest_first_in_json_and_text(reference_db, capsys):
    run(capsys, "import", "observations", str(OBSERVATIONS), "--user", "camille")
    code, out, _ = run(capsys, "batches", "--format", "json")
    assert code == 0
    journal = json.loads(out)
    assert [(b["batch_id"], b["dataset"], b["user_name"], b["inserted"], b["rolled_back_at"])
            for b in journal] == [(3, "observations", "camille", 4, None),
                                  (2, "indicateurs", "test", 6, None), (1, "territoires", "test", 10, None)]
    assert sorted(journal[0]) == sorted([
        "batch_id", "dataset", "file_name", "sha256", "user_name", "applied_at", "rows_read",
        "inserted", "updated", "unchanged", "deleted", "warnings", "rolled_back_at", "rolled_back_by"])
    code, out, _ = run(capsys, "batches")
    lines = out.splitlines()
    assert lines[0].split() == ["Lot", "Jeu", "de", "données", "Fichier", "Par", "Appliqué", "le",
                                "Lues", "Ajoutées", "Modifiées", "Inchangées", "État"]
    assert lines[1].split()[:3] == ["3", "observations", "observations_cp1252.csv"]


def test_batches_on_an_empty_installation(tmp_db, capsys):
    assert run(capsys, "batches") == (0, "Aucun lot : la base n'a encore reçu aucun import.\n", "")
    assert run(capsys, "batches", "--format", "json") == (0, "[]\n", "")


def test_rollback_exit_codes(reference_db, capsys):
    run(capsys, "import", "observations", str(OBSERVATIONS))
    code, out, err = run(capsys, "rollback", "1")
    assert (code, out) == (1, "")
    assert err.startswith("Annulation refusée : Le lot n° 1 ne peut pas être annulé : il a ajouté "
                          "des lignes de « territoires » auxquelles d'autres données font encore référence")
    assert run(capsys, "rollback", "3", "--user", "camille") == (
        0, "Lot n° 3 annulé (« observations ») : 4 ligne(s) ajoutée(s) par ce lot supprimée(s), "
           "0 ligne(s) rétablie(s) dans leur version précédente.\n", "")
    code, out, err = run(capsys, "rollback", "3")
    assert (code, out) == (1, "")
    assert err.startswith("Annulation refusée : Le lot n° 3 a déjà été annulé le ")
    assert run(capsys, "rollback", "x")[0] == 2


def test_two_applies_at_once_in_one_process_take_turns(reference_db):
    """Two dashboard sessions applying files at the same moment share one DuckDB instance:
    the writers take turns instead of one failing on a transaction conflict."""
    data = b"indicateur;territoire;annee;valeur\n" + b"".join(
        f"population;35238;{year};{year}\n".encode() for year in range(1990, 2026))
    results, failures = [], []

    def apply(user):
        try:
            results.append(updates.apply_upload("observations", data, f"{user}.csv", user))
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            failures.append(error)

    threads = [threading.Thread(target=apply, args=(user,)) for user in ("camille", "dominique")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    # The second one finds the rows already there: it changes nothing and records no batch.
    assert sorted((report.inserted, report.unchanged, report.batch_id) for report in results) == [
        (0, 36, None), (36, 0, 3)]
    assert db.failed_checks(db.SnapshotReader(reference_db).cursor()) == {}


# ── Real processes ──────────────────────────────────────────────────────────────────────


def command_environment(database) -> dict[str, str]:
    return dict(os.environ, OBSERVATORY_DB=str(database), PYTHONPATH=str(PROJECT_ROOT))


@pytest.mark.slow
def test_killing_an_import_while_it_writes_leaves_the_database_as_it_was(tmp_path):
    database = tmp_path / "working.duckdb"
    prepare_database(database)
    big = write_observations_file(tmp_path / "big.csv", 500_000)
    with duckdb.connect(str(database)) as con:
        before = database_checksum(con)
    size = database.stat().st_size
    process = subprocess.Popen(
        [sys.executable, "-m", "observatory", "import", "observations", str(big)],
        cwd=PROJECT_ROOT, env=command_environment(database),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    # The file grows only once the write transaction runs (validation uses temporary tables).
    while database.stat().st_size == size:
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    with duckdb.connect(str(database)) as con:
        assert database_checksum(con) == before
        # The database still takes a new import, and its batch numbers carry on.
        small = write_observations_file(tmp_path / "small.csv", 1)
        report = importer.import_file(con, "observations", small.read_bytes(), "small.csv", "test")
        assert (report.status, report.batch_id, report.inserted) == ("applied", 3, 1)


@pytest.mark.slow
def test_readers_see_the_old_or_the_new_state_while_an_import_runs(tmp_path):
    database = tmp_path / "working.duckdb"
    prepare_database(database)
    file = write_observations_file(tmp_path / "observations.csv", 200_000)
    reader = db.SnapshotReader(database)
    query = ("select (select count(*) from observations), (select count(*) from observations_history), "
             "(select count(*) from batches)")
    old_state, new_state = (0, 0, 2), (200_000, 200_000, 3)
    assert reader.cursor().execute(query).fetchall() == [old_state]
    process = subprocess.Popen(
        [sys.executable, "-m", "observatory", "import", "observations", str(file)],
        cwd=PROJECT_ROOT, env=command_environment(database),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen, reads = set(), 0
    while process.poll() is None:
        seen.add(reader.cursor().execute(query).fetchall()[0])
        reads += 1
    _, err = process.communicate()
    assert (process.returncode, err) == (0, b""), err.decode()
    seen.add(reader.cursor().execute(query).fetchall()[0])
    assert reads > 10
    assert seen == {old_state, new_state}
