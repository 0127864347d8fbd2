"""Codes as people type them, normalised wherever one is typed (URLs, command line)."""

from __future__ import annotations

import json

import pytest

from observatory import cli, db, territory_reference
from observatory.codes import typed_code
from observatory.importer import import_file
from observatory.urlstate import Vocabulary, parse_view_state

KNOWN = {"2A", "2B", "04", "01004", "35238", "243500139", "974"}


@pytest.mark.parametrize("typed, code", [
    ("2a", "2A"), (" 2b ", "2B"), ("4", "04"), ("1004", "01004"), ("35238", "35238"),
    ("974", "974"), ("99", None), ("abc", None)])
def test_typed_codes(typed, code):
    assert typed_code(typed, KNOWN) == code


def test_an_ambiguous_code_is_not_guessed():
    assert typed_code("4", {"04", "004"}) is None


def test_url_codes_are_normalised_before_they_are_checked():
    vocabulary = Vocabulary({"territoire": KNOWN, "niveau": ("departement",)})
    state, notices = parse_view_state("indicateurs", {"territoire": ["2a"], "comparer": ["4,1004"]},
                                      vocabulary)
    assert (state.territoire, state.comparer, notices) == ("2A", ("04", "01004"), [])


INDICATOR = (b"code;libelle;theme;unite;description;source;sens;agregation;numerateur;"
             b"denominateur;secret_seuil\n"
             b"logements;Logements;contexte;nombre;Logements.;INSEE;neutre;somme;;;0\n")


@pytest.fixture
def corsica(tmp_path, monkeypatch):
    """Corse from the shipped reference, with one indicator observed in Corse-du-Sud."""
    path = tmp_path / "observatory.duckdb"
    monkeypatch.setenv("OBSERVATORY_DB", str(path))
    with db.writing(path) as con:
        territory_reference.load_region(con, "94", "test")
        assert import_file(con, "indicateurs", INDICATOR, "i.csv", "test").status == "applied"
        observations = b"indicateur;territoire;annee;valeur\nlogements;2a;2023;120000\n"
        assert import_file(con, "observations", observations, "o.csv", "test").status == "applied"
    return path


def test_values_finds_a_territory_typed_in_lower_case(corsica, capsys):
    assert cli.main(["values", "logements", "--territory", "2a", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(row["territoire"], row["valeur"]) for row in rows] == [("2A", 120000.0)]
