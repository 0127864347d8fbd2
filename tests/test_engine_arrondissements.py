"""Arrondissements municipaux in the engine: a level below the commune, never counted twice.

Territories: région 11; départements 75 (Paris alone) and 92 (Boulogne-Billancourt); one EPCI
holding both communes; Paris 75056 made of three arrondissements 75101, 75102, 75103.
"""

from __future__ import annotations

import json

import pytest

from observatory import aggregation, db, engine, geo_import, importer, maps, outlines, secret_audit
from tests.engine_support import determined_secrets, records, recoverable_secrets

TERRITOIRES = """code;niveau;nom;region;departement;epci;commune
11;region;Île-de-France;;;;
75;departement;Paris;11;;;
92;departement;Hauts-de-Seine;11;;;
200054781;epci;Métropole du Grand Paris;11;75;;
75056;commune;Paris;11;75;200054781;
92012;commune;Boulogne-Billancourt;11;92;200054781;
75101;arrondissement_municipal;Paris 1er Arrondissement;11;75;;75056
75102;arrondissement_municipal;Paris 2e Arrondissement;11;75;;75056
75103;arrondissement_municipal;Paris 3e Arrondissement;11;75;;75056
"""
INDICATEURS = """code;libelle;theme;unite;agregation;numerateur;denominateur;secret_seuil
emplois;Emplois;contexte;nombre;somme;;;0
benevoles;Bénévoles;contexte;nombre;somme;;;5
dirigeants;Dirigeants;genre;nombre;somme;;;0
femmes;Femmes dirigeantes;genre;nombre;somme;;;0
part_femmes;Part des femmes dirigeantes;genre;pourcentage;ratio;femmes;dirigeants;0
petits;Petits effectifs;contexte;nombre;somme;;;5
"""
# 2022: Paris has no value of its own; 2023: it has one (1000), which wins over 10 + 20 + 30.
OBSERVATIONS = """indicateur;territoire;annee;valeur
emplois;75101;2022;10
emplois;75102;2022;20
emplois;75103;2022;30
emplois;92012;2022;100
emplois;75056;2023;1000
emplois;75101;2023;10
emplois;75102;2023;20
emplois;75103;2023;30
emplois;92012;2023;100
femmes;75101;2022;6
femmes;75102;2022;8
femmes;75103;2022;10
femmes;92012;2022;12
dirigeants;75101;2022;20
dirigeants;75102;2022;20
dirigeants;75103;2022;40
dirigeants;92012;2022;30
benevoles;75101;2022;2
benevoles;75102;2022;20
benevoles;75103;2022;30
benevoles;92012;2022;40
benevoles;75056;2023;52
benevoles;75101;2023;2
benevoles;75102;2023;20
benevoles;75103;2023;30
benevoles;92012;2023;40
petits;75101;2022;1
petits;75102;2022;1
petits;75103;2022;2
petits;92012;2022;40
"""
COLUMNS = ["territoire", "niveau", "valeur", "etat", "calcule", "couverture"]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = db.connect(tmp_path_factory.mktemp("arrondissements") / "test.duckdb")
    db.migrate(connection)
    for dataset, text in (("territoires", TERRITOIRES), ("indicateurs", INDICATEURS),
                          ("observations", OBSERVATIONS)):
        report = importer.import_file(connection, dataset, text.encode(), f"{dataset}.csv", "test")
        assert report.status == "applied", report.errors
    aggregation.rebuild_published_values(connection)
    yield connection
    connection.close()


def values(con, indicator, year, level=None):
    return {row[0]: row[1:] for row in records(
        engine.indicator_values(con, indicator, level=level, year=year), COLUMNS)}


def test_arrondissements_add_up_to_a_commune_without_a_value_of_its_own(con):
    figures = values(con, "emplois", 2022)
    assert figures["75056"] == ("commune", 60.0, "publie", True, "3/3")
    assert figures["75101"] == ("arrondissement_municipal", 10.0, "publie", False, None)
    # Département 75 counts Paris once (60), never Paris and its arrondissements (120).
    assert figures["75"][1] == 60.0
    assert figures["200054781"][1] == 160.0
    assert figures["11"][1] == 160.0


def test_a_communes_own_value_wins_over_its_arrondissements(con):
    figures = values(con, "emplois", 2023)
    assert figures["75056"] == ("commune", 1000.0, "publie", False, None)
    assert figures["75"][1] == 1000.0
    assert figures["11"][1] == 1100.0
    assert figures["75102"][1] == 20.0


def test_rates_add_the_arrondissements_numerators_and_denominators(con):
    figures = values(con, "part_femmes", 2022)
    assert figures["75056"][1:4] == (round(100 * 24 / 80, 4), "publie", True)
    assert figures["75056"][4] == "3/3"
    assert figures["75"][1] == round(100 * 24 / 80, 4)
    assert figures["11"][1] == round(100 * 36 / 110, 4)
    assert values(con, "femmes", 2022)["75"][1] == 24.0


def test_only_the_level_asked_for_is_listed(con):
    assert sorted(values(con, "emplois", 2022, level="arrondissement_municipal")) == [
        "75101", "75102", "75103"]


@pytest.mark.parametrize("year", [2022, 2023])
def test_a_secret_arrondissement_is_not_recomputable_from_its_commune(con, year):
    figures = values(con, "benevoles", year)
    assert figures["75101"][2] == "secret"
    hidden = [code for code in ("75102", "75103") if figures[code][2] == "secret"]
    assert hidden, "Paris minus the other arrondissements would give 75101 away"
    assert recoverable_secrets(con, "benevoles") == []
    assert determined_secrets(con, "benevoles") == []


def test_a_secret_commune_built_from_its_arrondissements_stays_secret_above(con):
    # Paris = 1 + 1 + 2 < 5: secret, and so is département 75, which is Paris alone.
    figures = values(con, "petits", 2022)
    assert figures["75056"][2:4] == ("secret", True)
    assert figures["75"][2] == "secret"
    assert recoverable_secrets(con, "petits") == []


@pytest.mark.parametrize("indicator", ["benevoles", "petits"])
def test_the_attackers_programme_finds_no_exposed_arrondissement(con, indicator):
    report = secret_audit.audit_secret(con, indicator)
    assert report.cells_primary >= 2 and report.exposed == ()


def test_a_communes_own_value_far_from_its_arrondissements_is_named_on_import(con):
    text = b"indicateur;territoire;annee;valeur\nemplois;75056;2023;1200\n"
    report = importer.validate_file(con, "observations", text, "paris.csv")
    assert report.status == "validated"
    assert any("pour Paris (75056, commune) vaut 1\u202f200, la somme de ses arrondissements "
               "municipaux 60" in warning for warning in report.warnings), report.warnings


def test_arrondissement_outlines_load_and_map_like_any_level(con, tmp_path):
    squares = [{"type": "Feature", "properties": {"code": f"7510{n}", "nom": f"Paris {n}"},
                "geometry": {"type": "Polygon", "coordinates": [[
                    [2.30 + 0.02 * n, 48.85], [2.32 + 0.02 * n, 48.85],
                    [2.32 + 0.02 * n, 48.87], [2.30 + 0.02 * n, 48.87],
                    [2.30 + 0.02 * n, 48.85]]]}} for n in (1, 2, 3)]
    path = tmp_path / "arrondissements.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": squares}))
    report = geo_import.import_outlines(con, path, "arrondissement_municipal", "test")
    assert (report.stored, report.missing, report.unknown) == (3, [], [])
    shown = maps.map_outlines(con, "arrondissement_municipal")
    assert shown.codes == frozenset({"75101", "75102", "75103"})
    assert outlines.outline_status(con)["arrondissement_municipal"]["with_outline"] == 3
    figure = maps.build_choropleth(
        engine.indicator_values(con, "emplois", "arrondissement_municipal", 2022), shown,
        "arrondissement_municipal", "nombre", "Emplois")
    assert {trace.type for trace in figure.data} == {"choroplethmap"}
