"""Arrondissements municipaux in the territory reference: the shipped COG, `init --region`,
the `territoires` import and `values --level arrondissement_municipal`."""

from __future__ import annotations

import json

import duckdb
import pytest

from observatory import cli, db, importer, territory_reference

LEVEL = "arrondissement_municipal"


@pytest.fixture(scope="module")
def con():
    return duckdb.connect()


@pytest.mark.parametrize("region, commune, first, count", [
    ("11", "75056", "75101", 20),   # Paris
    ("84", "69123", "69381", 9),    # Lyon
    ("93", "13055", "13201", 16),   # Marseille
])
def test_a_region_has_the_arrondissements_of_its_commune(con, region, commune, first, count):
    frame = territory_reference.region_territories(con, region)
    arrondissements = frame[frame["niveau"] == LEVEL]
    assert len(arrondissements) == count and arrondissements["code"].iloc[0] == first
    assert set(arrondissements["commune"]) == {commune}
    assert set(arrondissements["departement"]) == {commune[:2]}
    assert set(arrondissements["region"]) == {region}
    assert arrondissements["epci"].isna().all()
    # The région's population counts the commune once, never its arrondissements beside it.
    communes = frame[frame["niveau"] == "commune"]
    assert frame.loc[frame["niveau"] == "region", "population"].iloc[0] == \
        communes["population"].sum()


def test_a_region_without_arrondissements_has_none(con):
    frame = territory_reference.region_territories(con, "53")
    assert LEVEL not in set(frame["niveau"]) and frame["commune"].isna().all()


def test_init_loads_them_in_the_one_batch_and_a_second_run_changes_nothing(tmp_path,
                                                                           monkeypatch, capsys):
    database = tmp_path / "observatory.duckdb"
    monkeypatch.setenv("OBSERVATORY_DB", str(database))
    assert cli.main(["init", "--region", "11"]) == 0
    # 1 région, 8 départements, 52 EPCI, 1 266 communes, 20 arrondissements
    assert "Lignes ajoutées : 1\u202f347" in capsys.readouterr().out
    assert cli.main(["init", "--region", "11"]) == 0
    assert "rien n'a changé" in capsys.readouterr().out
    with db.writing(database) as con:
        assert con.execute("select count(*) from batches").fetchone() == (1,)
        assert con.execute("select count(*), count(distinct commune) from territoires "
                           "where niveau = ?", [LEVEL]).fetchone() == (20, 1)
        assert db.failed_checks(con) == {}
        data = ("indicateur;territoire;annee;valeur\n"
                + "".join(f"emplois;751{n:02d};2023;{n}\n" for n in range(1, 21))).encode()
        for dataset, text in (
                ("indicateurs", b"code;libelle;theme;unite;agregation\n"
                                b"emplois;Emplois;contexte;nombre;somme\n"),
                ("observations", data)):
            assert importer.import_file(con, dataset, text, "f.csv", "test").status == "applied"
    assert cli.main(["values", "emplois", "--level", LEVEL, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(row["territoire"], row["valeur"]) for row in rows[:2]] == [("75101", 1.0),
                                                                        ("75102", 2.0)]
    assert len(rows) == 20 and {row["niveau"] for row in rows} == {LEVEL}
    assert cli.main(["values", "emplois", "--territory", "75", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["valeur"] == 210.0  # Paris once


PARENTS = ("code;niveau;nom;region;departement;epci;commune\n11;region;Île-de-France;;;;\n"
           "75;departement;Paris;11;;;\n")


@pytest.mark.parametrize("row, message", [
    ("75112;arrondissement_municipal;Paris 12e;11;75;;",
     "Un arrondissement municipal doit indiquer sa commune : renseignez dans « commune »"),
    ("75112;arrondissement_municipal;Paris 12e;11;75;;75056",
     "Code « 75056 » introuvable : la commune parente n'existe ni dans le fichier ni dans la base"),
    ("7511;arrondissement_municipal;Paris 12e;11;75;;75056",
     "Code « 7511 » invalide pour le niveau arrondissement_municipal"),
])
def test_an_arrondissement_needs_a_known_commune(row, message):
    con = db.connect_memory()
    report = importer.import_file(con, "territoires", (PARENTS + row + "\n").encode(),
                                  "territoires.csv", "test")
    assert report.status == "rejected"
    assert any(message in error.message and error.column in ("commune", "code")
               for error in report.errors), [error.message for error in report.errors]
    assert con.execute("select count(*) from territoires").fetchone() == (0,)


def test_an_arrondissement_with_its_commune_is_accepted():
    con = db.connect_memory()
    text = PARENTS + ("75056;commune;Paris;11;75;;\n"
                      "75112;arrondissement_municipal;Paris 12e Arrondissement;11;75;;75056\n")
    report = importer.import_file(con, "territoires", text.encode(), "territoires.csv", "test")
    assert report.status == "applied", report.errors
    assert con.execute("select commune from territoires where code = '75112'").fetchone() == \
        ("75056",)


def test_an_initiative_typed_in_an_arrondissement_is_told_its_commune():
    con = db.connect_memory()
    territories = PARENTS + ("75056;commune;Paris;11;75;;\n"
                             "75112;arrondissement_municipal;Paris 12e;11;75;;75056\n")
    assert importer.import_file(con, "territoires", territories.encode(), "t.csv",
                                "test").status == "applied"
    report = importer.import_file(con, "initiatives",
                                  b"id;nom;commune;thematique\ni1;Atelier;75112;culture\n",
                                  "i.csv", "test")
    assert report.status == "rejected"
    assert "« 75112 » est un arrondissement municipal : une initiative se place dans sa " \
           "commune, écrivez 75056." in report.errors[0].message
