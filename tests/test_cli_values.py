"""`python -m observatory values …` on a working database built with `init --demo`."""

from __future__ import annotations

import json

from observatory import cli, db


def communes_n(path) -> int:
    """Return how many communes the database at `path` holds (all of the demo région's)."""
    con = db.connect(path, read_only=True)
    try:
        return con.execute("select count(*) from territoires where niveau = 'commune'").fetchone()[0]
    finally:
        con.close()


def run_json(capsys, *args) -> list[dict]:
    capsys.readouterr()
    assert cli.main(["values", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_has_the_contract_keys_in_order(use_demo, capsys):
    rows = run_json(capsys, "part_femmes_dirigeantes_ess", "--level", "region", "--year", "2023")
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == ["territoire", "niveau", "annee", "valeur", "etat", "calcule",
                         "couverture", "unite", "statut", "source"]
    every = f"{communes_n(use_demo)}/{communes_n(use_demo)}"
    assert (row["territoire"], row["niveau"], row["annee"], row["etat"], row["calcule"],
            row["couverture"], row["unite"], row["statut"]) == (
        "53", "region", 2023, "publie", True, every, "pourcentage", "calcule")
    assert isinstance(row["valeur"], float)


def test_json_values_match_the_published_table_and_secrets_are_null(use_demo, capsys):
    rows = run_json(capsys, "neet_16_25", "--level", "commune", "--year", "2023")
    assert len(rows) == communes_n(use_demo) == 1202
    secret = [row for row in rows if row["etat"] == "secret"]
    assert secret and all(row["valeur"] is None for row in secret)
    assert all(row["valeur"] is not None for row in rows if row["etat"] == "publie")


def test_territory_filter(use_demo, capsys):
    rows = run_json(capsys, "population", "--territory", "35238")
    assert [(row["territoire"], row["annee"]) for row in rows] == [
        ("35238", year) for year in range(2016, 2025)]


def test_text_table_in_french(use_demo, capsys):
    capsys.readouterr()
    assert cli.main(["values", "population", "--level", "region", "--year", "2024"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Territoire", "Niveau", "Année", "Valeur", "État", "Calculé",
                                "Couverture", "Statut", "Source"]
    assert lines[1].startswith("Bretagne (53)  region  2024")
    every = f"{communes_n(use_demo)}/{communes_n(use_demo)}"
    assert "\u202f" in lines[1] and every in lines[1] and "publié" in lines[1]


def test_unknown_indicator_is_a_french_usage_error(use_demo, capsys):
    capsys.readouterr()
    assert cli.main(["values", "inconnu"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Indicateur inconnu « inconnu »" in captured.err


def test_nothing_published_yet_is_a_french_usage_error(tmp_db, capsys):
    assert cli.main(["values", "population"]) == 2
    assert "Aucune donnée publiée" in capsys.readouterr().err
