"""`geo download` against a local HTTP server speaking the API Découpage administratif's format."""

from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import box, mapping

from observatory import cli, geo_download, outlines
from observatory.errors import GeographyError


def synthetic_api() -> dict[str, object]:
    """A tiny région 53: two départements, four square communes, two EPCIs (one per département)."""
    features = []
    for i in range(4):
        departement = "35" if i < 2 else "22"
        code = f"{departement}00{i + 1}"
        square = box(round(-1.7 + 0.1 * i, 6), 48.0, round(-1.6 + 0.1 * i, 6), 48.1)
        features.append({"type": "Feature", "geometry": mapping(square), "properties": {
            "nom": f"Commune {i + 1}", "code": code, "codeDepartement": departement,
            "codeRegion": "53", "codeEpci": "243500139" if i < 2 else "200069409",
            "population": 1000 * (i + 1),
            "centre": {"type": "Point", "coordinates": [-1.65 + 0.1 * i, 48.05]}}})
    return api_answers(features, {"243500139": "Rennes Métropole", "200069409": "Lamballe Terre et Mer"},
                       {"35": "Ille-et-Vilaine", "22": "Côtes-d'Armor"})


def api_answers(features, epci_names, departement_names) -> dict[str, object]:
    """Return {path: JSON answer} in the real API's shapes."""
    return {
        "/regions/53": {"nom": "Bretagne", "code": "53"},
        "/regions/53/departements": [{"nom": name, "code": code, "codeRegion": "53"}
                                     for code, name in departement_names.items()],
        "/regions/53/communes": {"type": "FeatureCollection", "features": features},
        "/epcis": [{"nom": name, "code": code, "codesDepartements": [code[1:3]],
                    "codesRegions": ["53"], "population": 1} for code, name in epci_names.items()],
    }


@pytest.fixture
def api_server():
    """Start a loopback server for given answers; yield a function answers → base URL."""
    servers = []

    def start(answers: dict[str, object]) -> str:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                url = urllib.parse.urlsplit(self.path)
                if url.path not in answers:
                    self.send_error(404, "Not Found")
                    return
                if url.path.endswith("/communes"):
                    query = urllib.parse.parse_qs(url.query)
                    assert query["format"] == ["geojson"] and query["geometry"] == ["contour"]
                body = json.dumps(answers[url.path]).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_download_synthetic_region_completes_reference_and_derives_levels(api_server, con):
    base_url = api_server(synthetic_api())
    download = geo_download.fetch_region(base_url, "53", timeout=5)
    summary = geo_download.load_region(con, download, "test")
    assert {key: summary[key] for key in ("commune", "epci", "departement", "region")} == {
        "commune": 4, "epci": 2, "departement": 2, "region": 1}
    rows = con.execute("select code, niveau, nom, region, departement, epci, population, batch_id "
                       "from territoires order by niveau, code").fetchall()
    batch = summary["batch_id"]
    assert rows == [
        ("22003", "commune", "Commune 3", "53", "22", "200069409", 3000, batch),
        ("22004", "commune", "Commune 4", "53", "22", "200069409", 4000, batch),
        ("35001", "commune", "Commune 1", "53", "35", "243500139", 1000, batch),
        ("35002", "commune", "Commune 2", "53", "35", "243500139", 2000, batch),
        ("22", "departement", "Côtes-d'Armor", "53", None, None, 7000, batch),
        ("35", "departement", "Ille-et-Vilaine", "53", None, None, 3000, batch),
        ("200069409", "epci", "Lamballe Terre et Mer", "53", "22", None, 7000, batch),
        ("243500139", "epci", "Rennes Métropole", "53", "35", None, 3000, batch),
        ("53", "region", "Bretagne", None, None, None, 10000, batch)]
    region = outlines.read_outlines(con, "region").geometry.iloc[0]
    assert region.equals(box(-1.7, 48.0, -1.3, 48.1))
    status = outlines.outline_status(con)
    assert all(status[level]["with_outline"] == status[level]["territories"] for level in status)


def test_download_command_and_unknown_region(api_server, tmp_db, capsys):
    base_url = api_server(synthetic_api())
    assert cli.main(["geo", "download", "--region", "53", "--base-url", base_url]) == 0
    assert "Région Bretagne (53) : référentiel complété" in capsys.readouterr().out
    assert cli.main(["geo", "download", "--region", "99", "--base-url", base_url]) == 2
    assert "a répondu « 404 Not Found »" in capsys.readouterr().err


def test_unreachable_api_is_a_french_error():
    with pytest.raises(GeographyError, match="est injoignable"):
        geo_download.fetch_region("http://127.0.0.1:9", "53", timeout=2)


def test_download_real_bretagne_communes(api_server, con, shared_geo):
    communes = gpd.read_file(shared_geo / "communes-bretagne.geojson")
    points = communes.geometry.representative_point()
    # Synthetic compact EPCIs: 0.3° × 0.2° cells, given 9-digit SIREN-like codes.
    cells = ((points.x // 0.3).astype(int) * 100 + (points.y // 0.2).astype(int)).astype(str)
    epci_codes = {cell: f"2{number:08d}" for number, cell in enumerate(sorted(set(cells)))}
    features = [{"type": "Feature", "geometry": mapping(geometry), "properties": {
        "nom": nom, "code": code, "codeDepartement": code[:2], "codeRegion": "53",
        "codeEpci": epci_codes[cell], "population": 100,
        "centre": mapping(point)}}
        for code, nom, geometry, point, cell in zip(communes["code"], communes["nom"],
                                                    communes.geometry, points, cells, strict=True)]
    names = {code: f"EPCI {cell}" for cell, code in epci_codes.items()}
    base_url = api_server(api_answers(features, names, {"22": "Côtes-d'Armor", "29": "Finistère",
                                                        "35": "Ille-et-Vilaine", "56": "Morbihan"}))
    summary = geo_download.load_region(con, geo_download.fetch_region(base_url, "53"), "test")
    assert (summary["commune"], summary["departement"], summary["region"]) == (1232, 4, 1)
    status = outlines.outline_status(con)
    for level, budget in outlines.MAP_BUDGET_BYTES.items():
        assert 0 < status[level]["map_bytes"] <= budget, level
    for level in outlines.LEVELS:
        drawn = shapely.from_geojson(
            [row[0] for row in con.execute("select map_geojson from outlines where niveau = ?",
                                           [level]).fetchall()])
        assert shapely.coverage_is_valid(drawn) and shapely.is_valid(drawn).all(), level
    derived = outlines.read_outlines(con, "departement").set_index("code")
    official = gpd.read_file(shared_geo / "departements-bretagne.geojson").set_index("code")
    local = official.estimate_utm_crs()
    for code in official.index:
        ours = derived.to_crs(local).geometry[code]
        theirs = official.to_crs(local).geometry[code]
        assert ours.symmetric_difference(theirs).area / theirs.area < 0.005
