"""`geo download` against a loopback stand-in answering exactly like the API Découpage administratif.

The stand-in follows the API's source (datagouv/api-geo `server.js`, `lib/helpers.js`,
`lib/communeHelpers.js`, `lib/epciHelpers.js`): the routes that exist (there is no
`/regions/{code}/communes`), `fields` (defaults, plus `nom` and `code` always), `format=geojson`
deleting every geometry field from the properties, the `geometry` chosen among the
geometry fields (default `centre`), absent fields left out, 400 for a geojson request
without any filter, 404 as plain text, JSON as `application/json; charset=utf-8`.
"""

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

# lib/communeHelpers.js and lib/epciHelpers.js
COMMUNE_DEFAULT_FIELDS = ["nom", "code", "codeDepartement", "siren", "codeEpci", "codeRegion",
                          "codesPostaux", "population"]
COMMUNE_GEOMETRIES = ["centre", "contour", "mairie", "bbox"]
EPCI_DEFAULT_FIELDS = ["nom", "code", "codesDepartements", "codesRegions", "population"]
EPCI_GEOMETRIES = ["centre", "contour", "bbox"]
COMMUNE_FILTERS = ("type", "code", "codePostal", "nom", "siren", "codeEpci", "codeDepartement",
                   "codeRegion")


class GeoApi:
    """The API's answers over in-memory records (communes carry every field, geometries included)."""

    def __init__(self, regions, departements, communes, epcis):
        self.regions, self.departements = regions, departements
        self.communes, self.epcis = communes, epcis
        self.requests: list[str] = []

    def answer(self, target: str) -> tuple[int, str, bytes]:
        self.requests.append(target)
        url = urllib.parse.urlsplit(target)
        query = {key: values[0] for key, values in urllib.parse.parse_qs(url.query).items()}
        parts = url.path.strip("/").split("/")
        if parts[0] == "regions" and len(parts) in (2, 3):
            region = next((item for item in self.regions if item["code"] == parts[1]), None)
            if region is None:
                return 404, "text/plain; charset=utf-8", b"Not Found"
            if len(parts) == 2:
                return self.json(pick(region, fields(query, ["nom", "code"])))
            if parts[2] == "departements":
                return self.json([pick(item, fields(query, ["nom", "code", "codeRegion"]))
                                  for item in self.departements if item["codeRegion"] == parts[1]])
        if url.path == "/communes":
            filters = {key: value for key, value in query.items() if key in COMMUNE_FILTERS}
            return self.collection(query, filters, COMMUNE_DEFAULT_FIELDS, COMMUNE_GEOMETRIES,
                                   [item for item in self.communes
                                    if all(item.get(key) == value for key, value in filters.items())])
        if url.path == "/epcis":
            return self.collection(query, {}, EPCI_DEFAULT_FIELDS, EPCI_GEOMETRIES, self.epcis)
        # Express's answer to a route it does not have.
        return 404, "text/html; charset=utf-8", f"<pre>Cannot GET {url.path}</pre>".encode()

    def collection(self, query, filters, defaults, geometries, records):
        wanted = fields(query, defaults)
        if query.get("format") == "geojson":
            if not filters:
                return 400, "text/plain; charset=utf-8", b"Bad Request"
            geometry = query.get("geometry") if query.get("geometry") in geometries else "centre"
            wanted = [name for name in wanted if name not in geometries]
            features = []
            for record in records:
                feature = {"type": "Feature", "properties": pick(record, wanted)}
                if record.get(geometry) is not None:  # JSON.stringify drops undefined
                    feature["geometry"] = record[geometry]
                features.append(feature)
            return self.json({"type": "FeatureCollection", "features": features})
        if "contour" in wanted and not filters:
            return 400, "text/plain; charset=utf-8", b"Bad Request"
        return self.json([pick(record, wanted) for record in records])

    @staticmethod
    def json(body) -> tuple[int, str, bytes]:
        return 200, "application/json; charset=utf-8", json.dumps(body).encode()


def fields(query: dict, defaults: list[str]) -> list[str]:
    """The API's initFields: the requested fields (or the defaults), plus nom and code."""
    names = query["fields"].split(",") if query.get("fields") else list(defaults)
    return names + [name for name in ("nom", "code") if name not in names]


def pick(record: dict, names: list[str]) -> dict:
    """lodash's pick: the named fields the record has."""
    return {name: record[name] for name in names if name in record}


def commune(code, nom, departement, geometry, epci=None, population=None, centre=True) -> dict:
    record = {"code": code, "nom": nom, "codeDepartement": departement, "codeRegion": "53",
              "siren": "21" + code[:2] + "00" + code[2:], "codesPostaux": [code[:2] + "000"],
              "contour": mapping(geometry), "bbox": mapping(geometry.envelope),
              "mairie": mapping(geometry.representative_point())}
    if centre:
        record["centre"] = mapping(geometry.centroid)
    if epci:
        record["codeEpci"] = epci
    if population is not None:
        record["population"] = population
    return record


def synthetic_api() -> GeoApi:
    """A tiny région 53: two départements, four square communes, two EPCIs; one commune has no
    EPCI and no population, another no centre."""
    squares = [box(round(-1.7 + 0.1 * i, 6), 48.0, round(-1.6 + 0.1 * i, 6), 48.1) for i in range(4)]
    communes = [
        commune("35001", "Commune 1", "35", squares[0], "243500139", 1000),
        commune("35002", "Commune 2", "35", squares[1], "243500139", 2000, centre=False),
        commune("22003", "Commune 3", "22", squares[2], "200069409", 3000),
        commune("22004", "Île 4", "22", squares[3]),
    ]
    epcis = [{"code": "243500139", "nom": "Rennes Métropole", "codesDepartements": ["35"],
              "codesRegions": ["53"], "population": 3000, "centre": mapping(squares[0].centroid)},
             {"code": "200069409", "nom": "Lamballe Terre et Mer", "codesDepartements": ["22"],
              "codesRegions": ["53"], "population": 3000}]
    return GeoApi([{"code": "53", "nom": "Bretagne"}],
                  [{"code": "35", "nom": "Ille-et-Vilaine", "codeRegion": "53"},
                   {"code": "22", "nom": "Côtes-d'Armor", "codeRegion": "53"}], communes, epcis)


@pytest.fixture
def api_server():
    """Start a loopback server for a GeoApi; yield a function api → base URL."""
    servers = []

    def start(api: GeoApi) -> str:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                status, content_type, body = api.answer(self.path)
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # shutdown() waits for the loop to notice: a short poll, not its default 0.5 s
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01},
                         daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_stand_in_answers_like_the_api(api_server):
    base_url = api_server(synthetic_api())
    collection = geo_download.fetch_json(base_url, "/communes", {
        "codeRegion": "53", "format": "geojson", "geometry": "contour",
        "fields": "nom,code,centre,codeEpci,population"})
    first = collection["features"][0]
    assert first["properties"] == {"nom": "Commune 1", "code": "35001", "codeEpci": "243500139",
                                   "population": 1000}  # centre asked for, never in properties
    assert first["geometry"]["type"] == "Polygon"
    assert collection["features"][3]["properties"] == {"nom": "Île 4", "code": "22004"}
    with pytest.raises(GeographyError, match="« 400 Bad Request »"):
        geo_download.fetch_json(base_url, "/communes", {"format": "geojson"})
    with pytest.raises(GeographyError, match="« 404 Not Found »"):
        geo_download.fetch_json(base_url, "/regions/53/communes")


def test_download_synthetic_region_completes_reference_and_derives_levels(api_server, con):
    api = synthetic_api()
    download = geo_download.fetch_region(api_server(api), "53", timeout=5)
    summary = geo_download.load_region(con, download, "test")
    assert {key: summary[key] for key in ("commune", "epci", "departement", "region")} == {
        "commune": 4, "epci": 2, "departement": 2, "region": 1}
    rows = con.execute("select code, niveau, nom, region, departement, epci, population, batch_id "
                       "from territoires order by niveau, code").fetchall()
    batch = summary["batch_id"]
    assert rows == [
        ("22003", "commune", "Commune 3", "53", "22", "200069409", 3000, batch),
        ("22004", "commune", "Île 4", "53", "22", None, None, batch),
        ("35001", "commune", "Commune 1", "53", "35", "243500139", 1000, batch),
        ("35002", "commune", "Commune 2", "53", "35", "243500139", 2000, batch),
        ("22", "departement", "Côtes-d'Armor", "53", None, None, 3000, batch),
        ("35", "departement", "Ille-et-Vilaine", "53", None, None, 3000, batch),
        ("200069409", "epci", "Lamballe Terre et Mer", "53", "22", None, 3000, batch),
        ("243500139", "epci", "Rennes Métropole", "53", "35", None, 3000, batch),
        ("53", "region", "Bretagne", None, None, None, 6000, batch)]
    # Centres: the API's for 35001 (its plain-JSON answer), a point inside the outline for 35002.
    centres = dict(con.execute("select code, [longitude, latitude] from territoires "
                               "where niveau = 'commune'").fetchall())
    assert centres["35001"] == pytest.approx([-1.65, 48.05])
    assert box(-1.6, 48.0, -1.5, 48.1).contains(shapely.Point(centres["35002"]))
    region = outlines.read_outlines(con, "region").geometry.iloc[0]
    assert region.equals(box(-1.7, 48.0, -1.3, 48.1))
    epci = outlines.read_outlines(con, "epci").set_index("code").geometry
    assert epci["243500139"].equals(box(-1.7, 48.0, -1.5, 48.1))
    status = outlines.outline_status(con)
    assert all(status[level]["with_outline"] == status[level]["territories"] for level in status)
    assert any("codeRegion=53" in path and "format=geojson" in path for path in api.requests)


def test_download_command_and_unknown_region(api_server, tmp_db, capsys):
    base_url = api_server(synthetic_api())
    assert cli.main(["geo", "download", "--region", "53", "--base-url", base_url]) == 0
    assert "Région Bretagne (53) : référentiel complété" in capsys.readouterr().out
    assert cli.main(["geo", "download", "--region", "99", "--base-url", base_url]) == 2
    assert "a répondu « 404 Not Found »" in capsys.readouterr().err


def test_unreachable_api_is_a_french_error():
    with pytest.raises(GeographyError, match="est injoignable"):
        geo_download.fetch_region("http://127.0.0.1:9", "53", timeout=2)


@pytest.mark.slow
def test_download_real_bretagne_communes(api_server, con, shared_geo):
    communes = gpd.read_file(shared_geo / "communes-bretagne.geojson")
    points = communes.geometry.representative_point()
    # Synthetic compact EPCIs: 0.3° × 0.2° cells, given 9-digit SIREN-like codes.
    cells = ((points.x // 0.3).astype(int) * 100 + (points.y // 0.2).astype(int)).astype(str)
    epci_codes = {cell: f"2{number:08d}" for number, cell in enumerate(sorted(set(cells)))}
    records = [commune(code, nom, code[:2], geometry, epci_codes[cell], 100)
               for code, nom, geometry, cell in zip(communes["code"], communes["nom"],
                                                    communes.geometry, cells, strict=True)]
    epcis = [{"code": code, "nom": f"EPCI {cell}", "codesRegions": ["53"]}
             for cell, code in epci_codes.items()]
    departements = [{"code": code, "nom": name, "codeRegion": "53"} for code, name in
                    {"22": "Côtes-d'Armor", "29": "Finistère", "35": "Ille-et-Vilaine",
                     "56": "Morbihan"}.items()]
    base_url = api_server(GeoApi([{"code": "53", "nom": "Bretagne"}], departements, records, epcis))
    summary = geo_download.load_region(con, geo_download.fetch_region(base_url, "53"), "test")
    assert (summary["commune"], summary["departement"], summary["region"]) == (1232, 4, 1)
    status = outlines.outline_status(con)
    for level, budget in outlines.MAP_BUDGET_BYTES.items():
        if level != "arrondissement_municipal":  # Bretagne has none
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
