"""Map figure builders: exact classes, French legends, secret/absent traces, hovers, URLs, bounds."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import time

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from observatory import geo_import, map_classes, maps, outlines, point_maps
from tests.conftest import PROJECT_ROOT

NNBSP = "\u202f"


@pytest.fixture
def four_squares(con):
    """Région 53, département 35 and four square communes with outlines and centroids."""
    rows = [{"code": "53", "niveau": "region", "nom": "Bretagne"},
            {"code": "35", "niveau": "departement", "nom": "Ille-et-Vilaine", "region": "53"}]
    for i in range(4):
        rows.append({"code": f"3500{i + 1}", "niveau": "commune", "nom": f"Commune {i + 1}",
                     "region": "53", "departement": "35", "latitude": f"{48.05 + 0.1 * (i // 2)}",
                     "longitude": f"{-1.65 + 0.1 * (i % 2)}"})
    full = [{key: row.get(key, "") for key in ("code", "niveau", "nom", "region", "departement",
                                               "epci", "population", "latitude", "longitude")}
            for row in rows]
    geo_import.add_territories_csv_rows(con, full, "ref.csv", "test")
    squares = [box(-1.7 + 0.1 * (i % 2), 48.0 + 0.1 * (i // 2), -1.6 + 0.1 * (i % 2),
                   48.1 + 0.1 * (i // 2)) for i in range(4)]
    frame = gpd.GeoDataFrame({"code": [f"3500{i + 1}" for i in range(4)]}, geometry=squares,
                             crs="EPSG:4326")
    outlines.store_outlines(con, frame, "commune", "test")
    return con


def values_frame():
    return pd.DataFrame({"territoire": ["35001", "35002", "35003"],
                         "nom": ["Commune 1", "Commune 2", "Commune 3"],
                         "valeur": [12.5, 18.0, None], "etat": ["publie", "publie", "secret"],
                         "annee": [2023, 2023, 2023]})


def test_quantile_classes_have_exact_bounds_and_french_labels():
    values = pd.Series([10.0, 12.5, 15.0, 17.5, 20.0, 22.5, 25.0, 27.5, 30.0, 32.5])
    classes = map_classes.compute_classes(values, "pourcentage", k=5)
    assert [(c.lower, c.upper) for c in classes] == [
        (10.0, 14.5), (14.5, 19.0), (19.0, 23.5), (23.5, 28.0), (28.0, 32.5)]
    assert classes[0].label == f"10,0{NNBSP}% – 14,5{NNBSP}%"
    assert [c.colour for c in classes] == list(map_classes.SEQUENTIAL[5])
    assert map_classes.assign_classes(pd.Series([10.0, 14.5, 14.51, 32.5, None]), classes).tolist() == [
        0, 0, 1, 4, -1]


def test_jenks_separates_natural_groups():
    values = pd.Series([1, 2, 3, 50, 51, 52, 100, 101], dtype=float)
    classes = map_classes.compute_classes(values, "nombre", classes="jenks", k=3)
    assert [c.upper for c in classes] == [3.0, 52.0, 101.0]
    assert [c.label for c in classes] == ["1 – 3", "3 – 52", "52 – 101"]


def test_jenks_classes_are_the_same_on_every_run():
    values = pd.Series(np.random.default_rng(7).gamma(2.0, 10.0, 500))
    runs = {tuple(c.upper for c in map_classes.compute_classes(values, "nombre", classes="jenks"))
            for _ in range(5)}
    assert len(runs) == 1  # a shared URL must redraw the same classes


def test_drawing_a_map_does_not_import_the_heavy_geography_stack():
    """Cold pages pay every import: geopandas (0.4 s) and scipy/scikit-learn (1.3 s) stay out."""
    code = ("import sys, observatory.maps; "
            "print(sorted({'geopandas', 'scipy', 'sklearn', 'mapclassify'} & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_fewer_distinct_values_than_classes():
    classes = map_classes.compute_classes(pd.Series([5.0, 5.0, 5.0]), "nombre", k=5)
    assert [(c.lower, c.upper, c.label) for c in classes] == [(5.0, 5.0, "5")]


def test_choropleth_traces_legend_hover_url_and_view(four_squares):
    url = maps.static_outline_url("abc123", "commune")
    assert url == "app/static/outlines/abc123/commune.geojson"
    ref = maps.map_outlines(four_squares, "commune", url=url)
    assert ref.bounds == (-1.7, 48.0, -1.5, 48.2)
    figure = maps.build_choropleth(values_frame(), ref, "commune", "pourcentage", "Part",
                                   selected="35002", k=2)
    names = [trace.name for trace in figure.data]
    low, high = f"12,5{NNBSP}% – 15,2{NNBSP}%", f"15,2{NNBSP}% – 18,0{NNBSP}%"
    assert names == [low, high, "secret", "pas de donnée", "sélection"]
    by_name = {trace.name: trace for trace in figure.data}
    assert list(by_name["secret"].locations) == ["35003"]
    assert list(by_name["pas de donnée"].locations) == ["35004"]
    assert by_name["secret"].colorscale[0][1] == maps.SECRET_COLOUR
    assert by_name["pas de donnée"].colorscale[0][1] == maps.ABSENT_COLOUR
    assert all(trace.type == "choroplethmap" and trace.geojson == url for trace in figure.data)
    first = figure.data[0]
    assert list(first.customdata[0]) == ["35001", "Commune 1", f"12,5{NNBSP}%", "Année : 2023"]
    assert "%{customdata[2]}" in first.hovertemplate
    assert by_name["sélection"].marker.line.width == 3
    assert list(by_name["sélection"].locations) == ["35002"]
    assert figure.layout.map.style == "white-bg"
    assert (figure.layout.map.center.lon, figure.layout.map.center.lat) == pytest.approx((-1.6, 48.1), abs=0.01)
    assert figure.layout.separators == f",{NNBSP}"
    assert figure.layout.legend.title.text == "pourcentage (%)"


def test_shared_area_traces_give_each_selection_its_figure_and_stay_unchanged(four_squares):
    """Pages keep a level's areas for every territory: a figure per selection, areas untouched."""
    ref = maps.map_outlines(four_squares, "commune", url="app/static/outlines/x/commune.geojson")
    traces = maps.choropleth_traces(values_frame(), ref, "pourcentage", k=2)
    kept = [dict(trace) for trace in traces]
    for selected in ("35002", "35004", None):
        shared = maps.choropleth_figure(traces, ref, "pourcentage", "Part", selected=selected)
        built = maps.build_choropleth(values_frame(), ref, "commune", "pourcentage", "Part",
                                      selected=selected, k=2)
        assert shared.to_json() == built.to_json()
        outlined = [list(trace.locations) for trace in shared.data if trace.name == "sélection"]
        assert outlined == ([[selected]] if selected else [])
    assert [trace.keys() for trace in traces] == [trace.keys() for trace in kept]
    assert all(trace["type"] == "choroplethmap" for trace in traces)
    assert list(traces[0]["customdata"][0]) == ["35001", "Commune 1", f"12,5{NNBSP}%",
                                                "Année : 2023"]


def test_embedded_mode_carries_the_feature_collection(four_squares):
    ref = maps.map_outlines(four_squares, "commune")
    figure = maps.build_choropleth(values_frame(), ref, "commune", "pourcentage", "Part")
    # Each trace embeds only its own features, so no outline is sent twice.
    ids = [[feature["id"] for feature in trace.geojson["features"]] for trace in figure.data]
    assert ids == [["35001"], ["35002"], ["35003"], ["35004"]]
    assert figure.data[0].geojson["type"] == "FeatureCollection"


def test_no_trace_uses_a_geo_subplot_or_tiles(four_squares):
    ref = maps.map_outlines(four_squares, "commune")
    figure = maps.build_choropleth(values_frame(), ref, "commune", "pourcentage", "Part")
    spec = json.loads(figure.to_json())
    assert "geo" not in spec["layout"]
    assert spec["layout"]["map"]["style"] == "white-bg"


def test_export_static_outlines_is_versioned_by_content(four_squares, tmp_path):
    paths = maps.export_static_outlines(four_squares, tmp_path)
    version = maps.outlines_version(four_squares)
    assert paths == {"commune": tmp_path / "outlines" / version / "commune.geojson"}
    assert paths["commune"].read_text("utf-8") == maps.outline_geojson(four_squares, "commune")
    assert maps.outlines_available(four_squares, "commune")
    assert not maps.outlines_available(four_squares, "epci")


def test_circles_fallback_uses_the_same_classes(four_squares):
    points = maps.territory_points(four_squares, "commune")
    figure = maps.build_circles(values_frame(), points, "pourcentage", "Part", k=2)
    assert [trace.name for trace in figure.data] == [
        f"12,5{NNBSP}% – 15,2{NNBSP}%", f"15,2{NNBSP}% – 18,0{NNBSP}%", "secret"]
    assert all(trace.type == "scattermap" for trace in figure.data)
    assert list(figure.data[1].marker.size) == [40.0]
    assert "geo download" in maps.NO_OUTLINES


def test_point_map_colours_by_thematique_with_french_card():
    initiatives = pd.DataFrame({
        "id": ["a", "b", "c"], "nom": ["Repair Café", "Jardin", "Garage"],
        "porteur": ["Asso A", None, "Asso C"], "commune_nom": ["Rennes", "Brest", "Vitré"],
        "thematique": ["reemploi_economie_circulaire", "alimentation",
                       "reemploi_economie_circulaire"],
        "stade": ["essaimage", "emergence", None],
        "latitude": [48.11, 48.39, 48.12], "longitude": [-1.68, -4.49, -1.21]})
    figure = point_maps.build_point_map(drawn(initiatives))
    assert [trace.name for trace in figure.data] == ["Alimentation",
                                                     "Réemploi et économie circulaire"]
    assert list(figure.data[1].customdata[0]) == [
        "a", "Repair Café", "Porteur : Asso A", "Commune : Rennes", "Stade : essaimage"]



def drawn(initiatives: pd.DataFrame) -> point_maps.MapPoints:
    """Return few located initiatives as a map draws them (directory_map.map_points reads them)."""
    return point_maps.MapPoints(len(initiatives), len(initiatives), initiatives, pd.DataFrame())


def test_dense_points_become_one_circle_per_commune_without_text_layers():
    """MapLibre clustering draws its counts with glyph fonts fetched online: never use it."""
    communes = pd.DataFrame({
        "commune": ["35238", "29019", "22001"], "commune_nom": ["Rennes", "Brest", None],
        "initiatives_n": [150, 50, 2], "located_n": [150, 50, 0],
        "latitude": [48.11, 48.39, None], "longitude": [-1.68, -4.49, None],
        "thematique": ["culture", "alimentation", None]})
    figure = point_maps.build_point_map(point_maps.MapPoints(202, 200, pd.DataFrame(), communes))
    (circles,) = figure.data
    assert circles.mode == "markers" and not circles.cluster.enabled
    # A commune with no located initiative gets no circle.
    assert [list(card[1:]) for card in circles.customdata] == [
        ["Rennes", "150 initiatives", "Thématique la plus fréquente : Culture"],
        ["Brest", "50 initiatives", "Thématique la plus fréquente : Alimentation"]]
    assert [card[0] for card in circles.customdata] == ["", ""]
    # Area proportional to the count: the largest gets the maximum size.
    assert circles.marker.size[0] == point_maps.CIRCLE_PX[1]
    assert circles.marker.size[1] < circles.marker.size[0]
    assert figure.layout.legend.title.text == ""


def test_points_over_a_choropleth(four_squares):
    ref = maps.map_outlines(four_squares, "commune")
    figure = maps.build_choropleth(values_frame(), ref, "commune", "pourcentage", "Part")
    count = len(figure.data)
    initiatives = pd.DataFrame({"id": ["a"], "nom": ["Repair Café"], "porteur": ["A"],
                                "commune_nom": ["Rennes"], "thematique": ["culture"],
                                "stade": ["emergence"], "latitude": [48.05], "longitude": [-1.65]})
    point_maps.add_points(figure, drawn(initiatives))
    assert len(figure.data) == count + 1 and figure.data[-1].type == "scattermap"


def test_fit_view_zoom_for_bretagne():
    center, zoom = maps.fit_view((-5.14, 47.28, -1.01, 48.90))
    assert center == pytest.approx({"lon": -3.075, "lat": 48.09}, abs=0.01)
    assert 6.2 < zoom < 6.7  # 4.1° of longitude in 560 px, with a margin
    assert maps.fit_view((-5.14, 47.28, -1.01, 48.90), width_px=360)[1] < zoom - 0.5


def _pixel_y(lat: float, center: dict, zoom: float, height_px: int) -> float:
    """Where MapLibre draws `lat`, in pixels from the top of a map centred on `center`."""
    def mercator(value):
        return math.log(math.tan(math.pi / 4 + math.radians(value) / 2)) / (2 * math.pi)
    return height_px / 2 + (mercator(center["lat"]) - mercator(lat)) * 512 * 2 ** zoom


@pytest.mark.parametrize("top, bottom", [(48, 74), (130, 0), (0, 0)])
def test_a_tall_region_fits_between_the_title_and_the_legend(top, bottom):
    west, south, east, north = 1.38, 48.84, 4.26, 51.09  # Hauts-de-France
    center, zoom = maps.fit_view((west, south, east, north), 445, 460, top, bottom)
    seen = 460 - top - bottom  # MapLibre draws between the title and the legend
    assert 0 < _pixel_y(north, center, zoom, seen) < _pixel_y(south, center, zoom, seen) < seen
    assert _pixel_y(south, center, zoom, seen) - _pixel_y(north, center, zoom, seen) > 0.8 * seen


def test_the_legend_room_grows_with_its_rows():
    labels = ["523 342 – 556 999"] * 5
    assert maps.legend_height(labels, 900) == 45
    assert maps.legend_height(labels, 445) == 74


@pytest.mark.bench
def test_bench_map_figures(shared_geo, capsys):
    from observatory import db, demo
    con = db.connect_memory()
    demo.load_demo(con)
    start = time.perf_counter()
    geo_import.import_outlines(con, shared_geo / "communes-bretagne.geojson", "commune", "b",
                               add_missing=True)
    geo_import.import_outlines(con, shared_geo / "departements-bretagne.geojson", "departement", "b")
    load_s = time.perf_counter() - start
    lines = [f"import communes+départements: {load_s:.2f}s"]
    for level in ("departement", "commune"):
        codes = sorted(maps.map_outlines(con, level, url="/x").codes)
        values = pd.DataFrame({"territoire": codes, "nom": codes,
                               "valeur": np.linspace(1, 90, len(codes)), "etat": "publie",
                               "annee": 2023})
        start = time.perf_counter()
        ref = maps.map_outlines(con, level)
        maps.build_choropleth(values, ref, level, "pourcentage", "t")
        cold = time.perf_counter() - start
        start = time.perf_counter()
        figure = maps.build_choropleth(values, ref, level, "pourcentage", "t")
        cached = time.perf_counter() - start
        static = maps.build_choropleth(values, maps.map_outlines(con, level, url="/x"), level,
                                       "pourcentage", "t")
        lines.append(f"{level}: cold {cold:.3f}s, cached outlines {cached:.3f}s, "
                     f"embedded spec {len(figure.to_json())} B, static-URL spec "
                     f"{len(static.to_json())} B, map {outlines.outline_status(con)[level]['map_bytes']} B")
    with capsys.disabled():
        print("\n" + "\n".join(lines))


def test_point_map_over_outlines_keeps_them_silent(four_squares):
    base = maps.map_outlines(four_squares, "commune")
    initiatives = pd.DataFrame({"id": ["a"], "nom": ["Repair Café"], "porteur": ["A"],
                                "commune": ["35001"], "commune_nom": ["Rennes"],
                                "thematique": ["culture"], "stade": ["emergence"],
                                "latitude": [48.05], "longitude": [-1.65]})
    figure = point_maps.build_point_map(drawn(initiatives), base=base)
    outlines, points = figure.data
    assert outlines.type == "choroplethmap" and sorted(outlines.locations) == sorted(base.codes)
    assert (outlines.hoverinfo, outlines.showlegend) == ("skip", False)
    assert points.type == "scattermap" and list(points.customdata[0])[0] == "a"
    # Without points, or with one, the map frames the whole territory under them.
    empty = point_maps.build_point_map(drawn(initiatives.iloc[:0]), base=base)
    assert empty.layout.map.center.lon == pytest.approx((base.bounds[0] + base.bounds[2]) / 2)
    assert (figure.layout.map.center.lon, figure.layout.map.zoom) == (
        empty.layout.map.center.lon, empty.layout.map.zoom)


def test_hovers_mark_computed_figures_with_their_coverage_and_keep_secret_secret(four_squares):
    """A computed figure says « calculé » and how many components it covers; secret says secret."""
    values = values_frame().assign(statut=["calcule", "provisoire", "calcule"],
                                   couverture=["5/6", None, "2/3"])
    ref = maps.map_outlines(four_squares, "commune", url="app/static/outlines/x/commune.geojson")
    traces = maps.choropleth_traces(values, ref, "pourcentage", k=2)
    cards = {row[0]: list(row[2:]) for trace in traces for row in trace["customdata"]}
    assert cards == {
        "35001": [f"12,5{NNBSP}%", "Année : 2023 · calculé — 5 territoires sur 6"],
        "35002": [f"18,0{NNBSP}%", "Année : 2023 · provisoire"],
        "35003": ["secret", "Année : 2023"],
        "35004": ["pas de donnée", ""],
    }
    english = maps.hover_data(values.iloc[[0, 2]], "pourcentage", "en")
    assert [list(row[2:]) for row in english] == [
        ["12.5\u202f%", "Year: 2023 · computed — 5 of 6 territories"], ["confidential", "Year: 2023"]]
    points = maps.territory_points(four_squares, "commune")
    circles = maps.build_circles(values, points, "pourcentage", "Part", k=2)
    assert circles.data[0].customdata[0][3] == "Année : 2023 · calculé — 5 territoires sur 6"
