"""Maps framed to the région for any shape: Hauts-de-France, tall and narrow, at every level.

The région is set up as its README says (`init --region 32`, then the real commune outlines
of `../shared/geo/`), with one count indicator on every commune and initiatives at the far
north and south. In the browser, the area MapLibre shows must hold every outline and point
each map draws (it lost the top of the Nord and the bottom of the Aisne).
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import urllib.request

import pytest

from observatory import db, importer, outlines
from tests.browser.conftest import screenshot, serve, wait_for_app
from tests.conftest import PROJECT_ROOT

REGION = "32"
INDICATEURS = ("code;libelle;theme;unite;sens;agregation;numerateur;denominateur;a_la_une\n"
               "habitants_cadre;Habitants recensés;jeunesse;nombre;neutre;somme;;;1\n")
# Bray-Dunes, the northernmost commune, and Château-Thierry, far south in the Aisne.
INITIATIVES = ("id;nom;commune;thematique;publics;economie_circulaire;latitude;longitude\n"
               "N1;Tout au nord;59107;emploi_insertion;tous;non;51,0775;2,5208\n"
               "S1;Au sud;02168;emploi_insertion;tous;non;49,0464;3,4031\n")
# Every drawn map: its extent in the browser, and the extent of what it draws.
EXTENTS = """() => [...document.querySelectorAll('.js-plotly-plot')].filter(
    plot => plot._fullLayout && plot._fullLayout.map).map(plot => {
  // What is seen: the plot area between the title and the legend, not the whole canvas.
  const map = plot._fullLayout.map._subplot.map, size = plot._fullLayout._size;
  const box = map.getContainer().getBoundingClientRect(), at = plot.getBoundingClientRect();
  const x = at.left + size.l - box.left, y = at.top + size.t - box.top;
  const topLeft = map.unproject([x, y]), bottomRight = map.unproject([x + size.w, y + size.h]);
  const lons = [], lats = [];
  const walk = coords => typeof coords[0] === 'number'
    ? (lons.push(coords[0]), lats.push(coords[1])) : coords.forEach(walk);
  for (const trace of plot._fullData) {
    if (trace.visible !== true) continue;
    // Outlines served as a static file are fetched by Plotly and kept in PlotlyGeoAssets.
    const geojson = typeof trace.geojson === 'string'
      ? (window.PlotlyGeoAssets || {})[trace.geojson] : trace.geojson;
    if (trace.type === 'choroplethmap' && geojson && geojson.features) {
      const drawn = new Set(Array.from(trace.locations, String));
      geojson.features.filter(f => drawn.has(String(f.id)))
        .forEach(f => walk(f.geometry.coordinates));
    }
    if (trace.type === 'scattermap') {
      Array.from(trace.lon || [], Number).forEach(x => Number.isFinite(x) && lons.push(x));
      Array.from(trace.lat || [], Number).forEach(y => Number.isFinite(y) && lats.push(y));
    }
  }
  return {shown: [topLeft.lng, bottomRight.lat, bottomRight.lng, topLeft.lat],
          drawn: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)]};
})"""


def _cli(env: dict, *arguments: str) -> None:
    done = subprocess.run([sys.executable, "-m", "observatory", *arguments], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, (arguments, done.stdout, done.stderr)


@pytest.fixture(scope="module")
def region_url(tmp_path_factory, shared_geo):
    folder = tmp_path_factory.mktemp("hauts-de-france")
    path = folder / "observatory.duckdb"
    env = {**os.environ, "OBSERVATORY_DB": str(path)}
    _cli(env, "init", "--region", REGION)
    _cli(env, "geo", "import", str(shared_geo / "communes-hauts-de-france.geojson"),
         "--level", "commune")
    with db.writing(path) as con:
        communes = con.execute("select code, population from territoires where niveau = "
                               "'commune' and population is not null").fetchall()
        observations = "indicateur;territoire;annee;valeur\n" + "".join(
            f"habitants_cadre;{code};2024;{population}\n" for code, population in communes)
        for dataset, text in (("indicateurs", INDICATEURS), ("observations", observations),
                              ("initiatives", INITIATIVES)):
            report = importer.import_file(con, dataset, text.encode(), f"{dataset}.csv", "test")
            assert report.status == "applied", (dataset, report.errors)
    yield from serve(path, OBSERVATORY_REGION=REGION, OBSERVATORY_DEMO_ON_FIRST_START="0")


VIEWS = {
    "departements": "indicateurs?indicateur=habitants_cadre&carte=departement",
    "epci": "indicateurs?indicateur=habitants_cadre&carte=epci",
    "communes": "indicateurs?indicateur=habitants_cadre&carte=commune",
    "theme": "jeunesse",
    "initiatives": "initiatives",
}


@pytest.mark.parametrize("view", list(VIEWS))
def test_every_map_of_a_tall_region_shows_all_it_draws(region_url, open_context, view):
    recorded = open_context(1366, 900)
    page = recorded.page
    page.goto(f"{region_url}/{VIEWS[view]}")
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot .maplibregl-canvas", timeout=30_000)
    page.wait_for_timeout(1000)  # let MapLibre settle on its first view
    extents = page.evaluate(EXTENTS)
    assert extents, "no map drawn"
    screenshot(page, f"hauts-de-france-{view}")
    for extent in extents:
        assert all(math.isfinite(value) for value in extent["drawn"]), "nothing drawn read"
        (west, south, east, north), (left, bottom, right, top) = extent["shown"], extent["drawn"]
        assert west <= left and east >= right and south <= bottom and north >= top, extent
    assert page.locator("[data-testid='stException']").count() == 0


# Budget of a full commune map on the wire (the static file as the server sends it to a browser).
WIRE_BUDGET_BYTES = outlines.MAP_BUDGET_BYTES["commune"]


def test_the_commune_outlines_reach_the_browser_compressed_within_the_map_budget(
        region_url, open_context):
    page = open_context(1366, 900).page
    page.goto(f"{region_url}/{VIEWS['communes']}")
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot .maplibregl-canvas", timeout=30_000)
    urls = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')]
      .flatMap(plot => plot._fullData || []).map(trace => trace.geojson)
      .filter(geojson => typeof geojson === 'string' && geojson.endsWith('/commune.geojson'))""")
    assert urls, "the commune map is not drawn from the static outline file"
    request = urllib.request.Request(f"{region_url}/{urls[0].lstrip('/')}",
                                     headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        wire = answer.read()
        encoding = answer.headers.get("Content-Encoding")
    assert encoding == "gzip"
    # 3,782 communes: the GeoJSON text itself is about 750 KB (see outlines.simplify_within_budget).
    assert len(wire) <= WIRE_BUDGET_BYTES, len(wire)
