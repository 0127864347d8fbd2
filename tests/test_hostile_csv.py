"""Hostile CSV shapes (issue #12, point 4): over-long cells, padded headers, NUL bytes, bidi controls.

Each test runs the shape through the command line (exit codes of DATA-CONTRACT.md §4, no
traceback) or through the functions behind the Import page.
"""

from __future__ import annotations

import pytest

from observatory import cli, csvread, updates
from tests.importing import build_reference_database

OBSERVATION = "population;35238;2022;1\n"


@pytest.fixture
def reference_db(tmp_db):
    """The working database (OBSERVATORY_DB) with the reference territories and indicators."""
    return build_reference_database(tmp_db)


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
    shown = "x" * (csvread.NAME_SHOWN_CHARS - 1) + "…"
    assert f"Colonne inconnue ignorée : « {shown} »." in out


def test_a_header_cell_beyond_the_line_limit_is_refused_with_exit_2(reference_db, con, capsys, tmp_path):
    data = ('indicateur;territoire;annee;valeur;"' + "x" * (csvread.MAX_LINE_CHARS + 1)
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
            f"population;35238;2022;1;{'y' * (csvread.MAX_LINE_CHARS + 1)}\n").encode()
    code, out, err = run_import(capsys, tmp_path, "observations", data)
    assert (code, out, err.startswith("Erreur : Le fichier n'a pas pu être lu comme un CSV"),
            "Traceback" in err) == (2, "", True, False)

