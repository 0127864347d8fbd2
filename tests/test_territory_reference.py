"""The shipped COG reference: its builder, a région's territories, `init --region`."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

import duckdb
import pytest

from observatory import reference_build, territory_reference
from observatory.errors import ImportFileError
from tests.conftest import PROJECT_ROOT

PACKAGE = {
    "regions": [{"code": "94", "nom": "Corse", "zone": "metro"}],
    "departements": [{"code": "2A", "nom": "Corse-du-Sud", "region": "94", "zone": "metro"}],
    "epci": [{"code": "200000001", "nom": "CA du Pays Ajaccien", "type": "CA",
              "membres": [{"code": "2A004"}]}],
    "communes": [
        {"code": "2A004", "nom": "Ajaccio", "departement": "2A", "region": "94",
         "type": "commune-actuelle", "population": 73000, "zone": "metro",
         "anciensCodes": ["2A999"]},
        {"code": "2A005", "nom": "Alata", "departement": "2A", "region": "94",
         "type": "commune-actuelle", "population": 3300, "zone": "metro"},
        {"code": "2A006", "nom": "Ancienne", "type": "commune-deleguee", "chefLieu": "2A005"},
        {"code": "13201", "nom": "Marseille 1er Arrondissement", "commune": "13055",
         "departement": "13", "region": "93", "type": "arrondissement-municipal",
         "population": 37599}],
}


@pytest.fixture
def package(tmp_path):
    folder = tmp_path / "package"
    (folder / "data").mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps(
        {"name": "@etalab/decoupage-administratif", "version": "6.0.0"}))
    for name, rows in PACKAGE.items():
        (folder / "data" / f"{name}.json").write_text(json.dumps(rows), encoding="utf-8")
    return folder


def read(path) -> list[str]:
    return gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()


def test_the_builder_writes_compact_deterministic_files(package, tmp_path):
    target = tmp_path / "cog"
    counts = reference_build.build(package, target)
    assert counts == {"regions.csv.gz": 1, "departements.csv.gz": 1, "epci.csv.gz": 1,
                      "communes.csv.gz": 2, "arrondissements_municipaux.csv.gz": 1,
                      "anciens_codes.csv.gz": 2}
    assert read(target / "communes.csv.gz") == [
        "code;nom;departement;region;epci;population;zone",
        "2A004;Ajaccio;2A;94;200000001;73000;metro", "2A005;Alata;2A;94;;3300;metro"]
    assert read(target / "anciens_codes.csv.gz") == ["ancien;actuel", "2A006;2A005", "2A999;2A004"]
    assert read(target / "arrondissements_municipaux.csv.gz")[1] == \
        "13201;Marseille 1er Arrondissement;13055;13;93;37599"
    first = (target / "communes.csv.gz").read_bytes()
    reference_build.build(package, target)
    assert (target / "communes.csv.gz").read_bytes() == first  # same package, same bytes
    assert (target / "VERSION").read_text() == "@etalab/decoupage-administratif@6.0.0\n"


def test_the_builder_refuses_a_folder_that_is_not_the_package(tmp_path, capsys):
    assert reference_build.main(["--package", str(tmp_path), "--target", str(tmp_path / "x")]) == 2
    assert "n'est pas le dossier du paquet" in capsys.readouterr().err


@pytest.fixture(scope="module")
def con():
    return duckdb.connect()


@pytest.mark.parametrize("code, counts", [
    ("32", {"region": 1, "departement": 5, "epci": 92, "commune": 3782}),
    ("53", {"region": 1, "departement": 4, "epci": 61, "commune": 1202}),
    ("94", {"region": 1, "departement": 2, "epci": 19, "commune": 360}),
    ("04", {"region": 1, "departement": 1, "epci": 5, "commune": 24}),
])
def test_a_region_has_its_official_territories(con, code, counts):
    frame = territory_reference.region_territories(con, code)
    assert frame["niveau"].value_counts().to_dict() == counts
    communes = frame[frame["niveau"] == "commune"]
    region = frame[frame["niveau"] == "region"].iloc[0]
    assert region["population"] == communes["population"].sum()
    assert set(communes["region"]) == {code}
    assert communes["epci"].isin(frame.loc[frame["niveau"] == "epci", "code"]).all() or \
        communes["epci"].isna().any()


def test_an_epci_reaching_outside_counts_its_in_region_part(con):
    frame = territory_reference.region_territories(con, "53").set_index("code")
    redon = frame.loc["243500741"]  # Redon Agglomération reaches into Pays de la Loire
    assert redon["nom"] == "CA Redon Agglomération (partie en Bretagne)"
    members = frame[(frame["niveau"] == "commune") & (frame["epci"] == "243500741")]
    assert redon["population"] == members["population"].sum()
    assert redon["departement"] == "35"
    assert "partie" not in frame.loc["243500139", "nom"]  # Rennes Métropole lies inside


def test_centroids_come_from_the_shipped_outlines(con):
    brittany = territory_reference.region_territories(con, "53")
    assert brittany[["latitude", "longitude"]].notna().all().all()
    rennes = brittany.set_index("code").loc["35238"]
    assert (round(rennes["latitude"], 1), round(rennes["longitude"], 1)) == (48.1, -1.7)
    reunion = territory_reference.region_territories(con, "04")
    assert reunion["latitude"].isna().all()  # overseas outlines do not ship: circles later


@pytest.mark.parametrize("typed, code", [("32", "32"), ("4", "04"), (" 94 ", "94")])
def test_region_codes_are_normalised(typed, code):
    assert territory_reference.region_code(typed) == code


def test_an_unknown_region_is_refused_with_the_list_of_codes():
    with pytest.raises(ImportFileError, match=r"Région « 99 » inconnue .* 32 Hauts-de-France"):
        territory_reference.region_code("99")


def observatory(database, *arguments):
    return subprocess.run([sys.executable, "-m", "observatory", *arguments], cwd=PROJECT_ROOT,
                          env={**os.environ, "OBSERVATORY_DB": str(database)},
                          capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_init_region_loads_one_batch_with_outlines_and_a_second_run_changes_nothing(tmp_path):
    database = tmp_path / "observatory.duckdb"
    first = observatory(database, "init", "--region", "94", "--user", "Camille")
    assert first.returncode == 0, first.stderr
    assert "Lignes ajoutées : 382" in first.stdout  # 1 région, 2 départements, 19 EPCI, 360 communes
    second = observatory(database, "init", "--region", "94")
    assert second.returncode == 0, second.stderr
    assert "Région 94 : les territoires sont déjà à jour, rien n'a changé." in second.stdout
    batches = json.loads(observatory(database, "batches", "--format", "json").stdout)
    assert [(batch["dataset"], batch["user_name"]) for batch in batches] == [
        ("territoires", "Camille")]
    status = json.loads(observatory(database, "geo", "status", "--format", "json").stdout)
    assert (status["region"]["with_outline"], status["departement"]["with_outline"]) == (1, 2)
    assert 8_000 < status["region"]["area_km2"] < 9_000  # Corse: 8 680 km²
    unknown = observatory(database, "init", "--region", "99")
    assert unknown.returncode == 2 and "Région « 99 » inconnue" in unknown.stderr
