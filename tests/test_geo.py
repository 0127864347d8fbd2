"""Outlines: geo import (real and synthetic files), dissolve, coverage simplification, budgets, status."""

from __future__ import annotations

import json
import zipfile

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import box

from observatory import cli, demo, geo_import, outlines
from observatory.errors import GeographyError
from observatory.outlines import SIMPLIFICATION


def load_reference(con, rows):
    """Import a tiny territoires reference through the ordinary import path."""
    report = geo_import.add_territories_csv_rows(con, rows, "reference.csv", "test")
    assert report is not None


def row(code, level, name, region="", departement="", epci=""):
    return {"code": code, "niveau": level, "nom": name, "region": region,
            "departement": departement, "epci": epci, "population": "", "latitude": "",
            "longitude": ""}


def grid_communes() -> gpd.GeoDataFrame:
    """Six 0.1° squares near Rennes: communes 35001…35006 (a valid coverage)."""
    squares = [box(-1.7 + 0.1 * (i % 3), 48.0 + 0.1 * (i // 3), -1.6 + 0.1 * (i % 3),
                   48.1 + 0.1 * (i // 3)) for i in range(6)]
    return gpd.GeoDataFrame({"INSEE_COM": [f"3500{i + 1}" for i in range(6)],
                             "NOM": [f"Commune {i + 1}" for i in range(6)]},
                            geometry=squares, crs="EPSG:4326")


@pytest.fixture
def small_reference(con):
    load_reference(con, [row("53", "region", "Bretagne"),
                         row("35", "departement", "Ille-et-Vilaine", region="53")]
                   + [row(f"3500{i}", "commune", f"Commune {i}", "53", "35") for i in range(1, 5)]
                   + [row("35999", "commune", "Sans contour", "53", "35")])
    return con


def test_import_zipped_shapefile_in_lambert93_reports_unknown_and_missing(small_reference, tmp_path):
    folder = tmp_path / "shp"
    folder.mkdir()
    grid_communes().to_crs("EPSG:2154").to_file(folder / "COMMUNE.shp")
    archive = tmp_path / "communes.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for part in folder.iterdir():
            bundle.write(part, part.name)
    report = geo_import.import_outlines(small_reference, archive, "commune", "test")
    assert (report.features_read, report.stored) == (6, 4)
    assert report.unknown == ["35005", "35006"]
    assert report.missing == ["35999"]
    text = geo_import.format_geo_report(report)
    assert ("2 code(s) du fichier sont inconnus du référentiel des territoires (niveau commune), "
            "par exemple 35005, 35006 : ils ont été ignorés.") in text
    assert "1 territoire(s) du référentiel n'ont pas de contour dans ce fichier, par exemple 35999." in text
    stored = outlines.read_outlines(small_reference, "commune")
    assert stored["code"].tolist() == ["35001", "35002", "35003", "35004"]
    # Reprojected back to WGS84: the first square again, to the centimetre.
    assert stored.geometry.iloc[0].normalize().equals_exact(
        box(-1.7, 48.0, -1.6, 48.1).normalize(), tolerance=1e-6)


def test_add_missing_adds_territories_as_a_batch_with_file_names(small_reference, tmp_path):
    path = tmp_path / "communes.geojson"
    grid_communes().to_file(path, driver="GeoJSON")
    report = geo_import.import_outlines(small_reference, path, "commune", "test", add_missing=True)
    assert (report.added, report.stored, report.unknown) == (2, 6, [])
    rows = small_reference.execute(
        "select code, nom, departement, region, batch_id from territoires "
        "where code in ('35005', '35006') order by code").fetchall()
    assert rows == [("35005", "Commune 5", "35", "53", report.batch_id),
                    ("35006", "Commune 6", "35", "53", report.batch_id)]


def test_invalid_geometry_is_repaired(small_reference, tmp_path):
    bowtie = shapely.Polygon([(-1.7, 48.0), (-1.6, 48.1), (-1.6, 48.0), (-1.7, 48.1)])
    frame = gpd.GeoDataFrame({"code": ["35001"], "nom": ["Commune 1"]}, geometry=[bowtie],
                             crs="EPSG:4326")
    path = tmp_path / "bowtie.geojson"
    frame.to_file(path, driver="GeoJSON")
    report = geo_import.import_outlines(small_reference, path, "commune", "test")
    assert report.repaired == 1
    stored = outlines.read_outlines(small_reference, "commune").geometry.iloc[0]
    assert stored.is_valid and stored.geom_type == "MultiPolygon"


def test_no_known_code_is_a_french_error(small_reference, tmp_path):
    path = tmp_path / "other.geojson"
    grid_communes().assign(INSEE_COM=["7500" + str(i) for i in range(6)]).to_file(path, driver="GeoJSON")
    with pytest.raises(GeographyError, match="Aucun code du fichier « other.geojson » ne correspond"):
        geo_import.import_outlines(small_reference, path, "commune", "test")


def test_unknown_code_field_lists_the_fields(small_reference, tmp_path):
    path = tmp_path / "communes.geojson"
    grid_communes().to_file(path, driver="GeoJSON")
    with pytest.raises(GeographyError, match=r"--code-field parmi les champs du fichier \(INSEE_COM, NOM\)"):
        geo_import.import_outlines(small_reference, path, "commune", "test", code_field="CODGEO")


def test_unreadable_file_is_a_french_error(small_reference, tmp_path):
    path = tmp_path / "broken.geojson"
    path.write_text("not geojson", encoding="utf-8")
    with pytest.raises(GeographyError, match="n'est pas un fichier géographique lisible"):
        geo_import.import_outlines(small_reference, path, "commune", "test")


# ---------------------------------------------------------------- real boundaries

@pytest.fixture(scope="module")
def bretagne_db(shared_geo):
    """Demo + Bretagne's reference (its 1,202 communes) + IGN's commune and département files."""
    from observatory import db, territory_reference
    con = db.connect_memory()
    demo.load_demo(con)
    territory_reference.load_region(con, "53", "test")
    geo_import.import_outlines(con, shared_geo / "communes-bretagne.geojson", "commune", "test")
    geo_import.import_outlines(con, shared_geo / "departements-bretagne.geojson", "departement",
                               "test")
    yield con
    con.close()


@pytest.mark.slow
def test_full_commune_file_on_the_demo_reference_dissolves_the_old_codes(shared_geo, con):
    demo.load_demo(con)  # every commune of Bretagne in the COG 2026
    report = geo_import.import_outlines(con, shared_geo / "communes-bretagne.geojson", "commune", "t")
    # The IGN file is COG 2018: its 30 codes of communes merged since are dissolved into their
    # communes nouvelles, and every commune of the reference gets an outline.
    assert (report.features_read, report.stored, len(report.unknown)) == (1232, 1202, 0)
    assert len(report.converted) == report.features_read - report.stored == 30
    assert report.missing == []
    assert report.epci_derived == 61  # every EPCI of the demo reference, from its communes
    text = geo_import.format_geo_report(report)
    assert "61 contour(s) d'EPCI déduit(s) des communes." in text
    assert text.splitlines()[1].startswith(
        "30 ancien(s) code(s) de commune, fusionnée(s) depuis dans une commune nouvelle, "
        "rattaché(s) à celle-ci (contours fondus) : 22027 → 22241, ")


@pytest.mark.slow
def test_dissolved_communes_match_the_departement_file(shared_geo):
    communes = gpd.read_file(shared_geo / "communes-bretagne.geojson")
    departements = outlines.dissolve(communes, communes["code"].str[:2])
    reference = gpd.read_file(shared_geo / "departements-bretagne.geojson").set_index("code")
    local = reference.estimate_utm_crs()
    ours = departements.set_index("code").to_crs(local).geometry
    theirs = reference.to_crs(local).geometry
    assert list(ours.index) == ["22", "29", "35", "56"]
    for code in ours.index:
        difference = ours[code].symmetric_difference(theirs[code]).area
        assert difference / theirs[code].area < 0.005, code


def grid_epcis(communes: gpd.GeoDataFrame):
    """Synthetic compact EPCIs: communes grouped by 0.3° × 0.2° cells of their inner point."""
    points = communes.geometry.representative_point()
    return ((points.x // 0.3).astype(int).astype(str) + "_" + (points.y // 0.2).astype(int).astype(str))


@pytest.mark.parametrize("region", ["bretagne", "hauts-de-france", "ile-de-france"])
@pytest.mark.slow
def test_simplified_communes_stay_a_valid_coverage(shared_geo, region):
    communes = gpd.read_file(shared_geo / f"communes-{region}.geojson")
    simplified = outlines.simplify_coverage(communes, SIMPLIFICATION["commune"])
    assert len(simplified) == len(communes)
    assert not shapely.is_empty(simplified).any()
    assert shapely.is_valid(simplified).all()
    assert shapely.coverage_is_valid(simplified)
    assert shapely.is_empty(shapely.coverage_invalid_edges(simplified)).all()
    # No sliver or gap: the union keeps the original area within 0.5 %.
    local = communes.estimate_utm_crs()
    before = communes.to_crs(local).union_all().area
    after = gpd.GeoSeries(simplified, crs="EPSG:4326").to_crs(local).union_all().area
    assert abs(after - before) / before < 0.005
    # Rings follow RFC 7946: exteriors counter-clockwise.
    exteriors = shapely.get_exterior_ring(shapely.get_parts(simplified))
    assert shapely.is_ccw(exteriors).all()


@pytest.mark.slow
def test_bretagne_map_sizes_fit_the_budgets(bretagne_db, shared_geo):
    communes = outlines.read_outlines(bretagne_db, "commune")
    synthetic = outlines.dissolve(communes, grid_epcis(communes))
    simplified = outlines.simplify_coverage(synthetic, SIMPLIFICATION["epci"])
    epci_bytes = sum(len(shapely.to_geojson(g)) + 40 for g in simplified)
    status = outlines.outline_status(bretagne_db)
    assert status["commune"]["territories"] == status["commune"]["with_outline"] == 1202
    assert status["departement"]["with_outline"] == 4
    assert status["commune"]["map_bytes"] <= outlines.MAP_BUDGET_BYTES["commune"]
    assert status["departement"]["map_bytes"] <= outlines.MAP_BUDGET_BYTES["departement"]
    assert epci_bytes <= outlines.MAP_BUDGET_BYTES["epci"]
    text = outlines.map_geojson(bretagne_db, "commune")
    assert len(text.encode()) == status["commune"]["map_bytes"]
    first = json.loads(text)["features"][0]
    assert first["id"] == "22001" and first["type"] == "Feature"
    # Coordinates rounded to 4 decimals for communes.
    assert all(len(str(x).split(".")[-1]) <= 4 for x in first["geometry"]["coordinates"][0][0])


@pytest.mark.slow
def test_geo_status_command_prints_json(tmp_db, shared_geo, capsys):
    assert cli.main(["init"]) == 0
    assert cli.main(["geo", "import", str(shared_geo / "departements-bretagne.geojson"),
                     "--level", "departement", "--add-missing"]) == 0
    capsys.readouterr()
    assert cli.main(["geo", "status", "--format", "json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert list(status) == ["region", "departement", "epci", "commune", "arrondissement_municipal"]
    departements = status["departement"]
    assert (departements["territories"], departements["with_outline"]) == (4, 4)
    assert 10_000 < departements["map_bytes"] <= 60_000
    assert 0 < departements["map_bytes_gzip"] < departements["map_bytes"] / 2
    assert 27_000 < departements["area_km2"] < 27_500  # Bretagne: 27 208 km² (INSEE)
    assert status["commune"] == {"territories": 0, "with_outline": 0, "map_bytes": 0,
                                 "map_bytes_gzip": 0, "area_km2": 0.0}
    assert cli.main(["geo", "status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["Niveau", "Territoires", "Avec", "contour", "Poids", "d'une",
                                "carte", "Compressé", "Surface"]
    assert lines[2].split()[:3] == ["département", "4", "4"] and lines[2].endswith(" km²")


@pytest.mark.slow
def test_old_commune_codes_of_a_cog_2018_file_are_dissolved_into_their_commune_nouvelle(
        shared_geo):
    """Hauts-de-France from the shipped reference, then IGN's COG 2018 commune file: the 26
    communes merged since are converted with one warning, and the map has no hole."""
    from observatory import db, territory_reference
    con = db.connect_memory()
    territory_reference.load_region(con, "32", "test")
    report = geo_import.import_outlines(con, shared_geo / "communes-hauts-de-france.geojson",
                                        "commune", "test")
    assert (report.features_read, report.stored, report.unknown) == (3808, 3782, [])
    assert len(report.converted) == 26 and report.converted["62461"] == "62447"
    assert "26 ancien(s) code(s) de commune" in geo_import.format_geo_report(report)
    assert report.epci_derived == 92
    region_km2 = outlines.level_area_km2(con, "region")
    assert abs(outlines.level_area_km2(con, "commune") - region_km2) < 0.001 * region_km2
    # Over its budget at the level's rule (925 KB), the map is simplified further, borders shared.
    status = outlines.outline_status(con)
    assert status["commune"]["map_bytes"] < 800_000
    assert shapely.coverage_is_valid(shapely.from_geojson(
        [feature for (_, feature) in con.execute(
            "select code, map_geojson from outlines where niveau = 'commune'").fetchall()]))
    con.close()
