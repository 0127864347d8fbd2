"""`geo download`: a région's communes from the API Découpage administratif, and outlines derived from them.

The API (https://geo.api.gouv.fr, setting OBSERVATORY_GEO_API_URL) is read with urllib,
with a timeout; every failure becomes a French GeographyError. Requests and the shapes
this client relies on, as the API's source (datagouv/api-geo: `server.js`,
`lib/helpers.js`, `lib/communeHelpers.js`) answers them:

- `GET /regions/{code}` → `{"nom": "Bretagne", "code": "53"}`; an unknown code is a
  404 with a plain-text body.
- `GET /regions/{code}/departements` → `[{"nom": "Côtes-d'Armor", "code": "22", "codeRegion": "53"}, …]`
- `GET /communes?codeRegion={code}&format=geojson&geometry=contour&fields=…` → a
  FeatureCollection. In `format=geojson` the API deletes every geometry field (`centre`,
  `contour`, `mairie`, `bbox`) from the requested fields (`initFormat`), so `properties`
  never holds `centre`; a field a commune lacks is absent (`codeEpci` for the few
  communes outside any EPCI, `population`), and so is `geometry` for a commune without
  an outline.
- `GET /communes?codeRegion={code}&fields=code,centre` (plain JSON) → `[{"code": …,
  "nom": …, "centre": {"type": "Point", "coordinates": [lon, lat]}}, …]`: the official
  centre; a commune without one gets a point inside its outline.
- `GET /epcis?fields=nom,code,codesDepartements,codesRegions,population` → every EPCI of
  France (about 1,250; the client keeps those that hold a commune of the région).

The territory reference is completed through the ordinary import path (one
`territoires` batch), then EPCI, département and région outlines are dissolved from the
communes, so every level shares exactly the same borders.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass

import duckdb
import geopandas as gpd
import pandas as pd
import shapely.geometry

from observatory.errors import GeographyError
from observatory.formatting import format_number
from observatory.geo_import import add_territories_csv_rows
from observatory.outlines import WGS84, derive_epci_outlines, dissolve, store_outlines

TIMEOUT_S = 60.0
COMMUNE_FIELDS = "nom,code,codeDepartement,codeRegion,codeEpci,population"
EPCI_FIELDS = "nom,code,codesDepartements,codesRegions,population"


@dataclass(frozen=True)
class RegionDownload:
    """Everything the API said about one région: région, départements, communes, centres, EPCIs."""

    region: dict
    departements: list[dict]
    communes: dict
    centres: list[dict]
    epcis: list[dict]
    source: str


def fetch_json(base_url: str, path: str, params: dict | None = None,
               timeout: float = TIMEOUT_S):
    """Return the decoded JSON answer of one API request, or raise a French GeographyError."""
    url = base_url.rstrip("/") + path + ("?" + urllib.parse.urlencode(params) if params else "")
    request = urllib.request.Request(url, headers={"Accept": "application/json",
                                                   "User-Agent": "observatory-geo"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 (http(s) only)
            return json.loads(answer.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        hint = " : vérifiez le code de la région" if error.code == 404 else ""
        raise GeographyError(
            f"L'API Découpage administratif a répondu « {error.code} {error.reason} » "
            f"pour {url}{hint}.") from error
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        reason = getattr(error, "reason", error)
        raise GeographyError(
            f"L'API Découpage administratif ({base_url}) est injoignable ({reason}) : vérifiez "
            f"la connexion à internet ou le réglage OBSERVATORY_GEO_API_URL, puis réessayez.") \
            from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise GeographyError(
            f"La réponse de l'API pour {url} n'est pas du JSON lisible : réessayez plus tard.") \
            from error


def fetch_region(base_url: str, code: str, timeout: float = TIMEOUT_S) -> RegionDownload:
    """Return the région, its départements, its communes with outlines and centres, the EPCIs."""
    if not base_url.startswith(("http://", "https://")):
        raise GeographyError(f"Adresse d'API invalide « {base_url} » : http:// ou https:// attendu.")
    quoted = urllib.parse.quote(code)
    region = fetch_json(base_url, f"/regions/{quoted}", timeout=timeout)
    departements = fetch_json(base_url, f"/regions/{quoted}/departements", timeout=timeout)
    communes = fetch_json(base_url, "/communes",
                          {"codeRegion": code, "format": "geojson", "geometry": "contour",
                           "fields": COMMUNE_FIELDS}, timeout=timeout)
    if not isinstance(communes, dict) or not communes.get("features"):
        raise GeographyError(f"L'API n'a renvoyé aucune commune pour la région {code}.")
    centres = fetch_json(base_url, "/communes", {"codeRegion": code, "fields": "code,centre"},
                         timeout=timeout)
    epcis = fetch_json(base_url, "/epcis", {"fields": EPCI_FIELDS}, timeout=timeout)
    return RegionDownload(region, departements, communes, centres, epcis, source=base_url)


def commune_frame(download: RegionDownload) -> gpd.GeoDataFrame:
    """Return the communes as a GeoDataFrame (code, nom, departement, epci, population, lat, lon)."""
    features = download.communes["features"]
    properties = pd.DataFrame([feature.get("properties") or {} for feature in features])
    outlines = gpd.GeoSeries([shapely.geometry.shape(feature["geometry"])
                              if feature.get("geometry") else None for feature in features],
                             crs=WGS84).make_valid()
    codes = properties["code"].astype(str)
    centres = {str(item.get("code")): (item.get("centre") or {}).get("coordinates")
               for item in download.centres if isinstance(item, dict)}
    inside = outlines.representative_point()
    points = [centres.get(code) or ((point.x, point.y) if point is not None and not point.is_empty
                                    else (None, None))
              for code, point in zip(codes, inside, strict=True)]
    return gpd.GeoDataFrame({
        "code": codes,
        "nom": properties["nom"].astype(str),
        "departement": _column(properties, "codeDepartement").fillna("").astype(str),
        "epci": _column(properties, "codeEpci").fillna("").astype(str),
        "population": pd.to_numeric(_column(properties, "population"), errors="coerce"),
        "longitude": [xy[0] for xy in points],
        "latitude": [xy[1] for xy in points],
    }, geometry=outlines, crs=WGS84)


def _column(properties: pd.DataFrame, name: str) -> pd.Series:
    # The API leaves out a field no commune of the answer has.
    return properties[name] if name in properties else pd.Series(None, index=properties.index)


def territory_rows(download: RegionDownload, communes: gpd.GeoDataFrame) -> list[dict]:
    """Return the territoires rows of the région, its départements, EPCIs and communes."""
    region = str(download.region["code"])
    rows = [_row(region, "region", download.region["nom"], population=communes["population"].sum())]
    for departement in download.departements:
        inside = communes["departement"] == departement["code"]
        rows.append(_row(departement["code"], "departement", departement["nom"], region=region,
                         population=communes.loc[inside, "population"].sum()))
    names = {str(epci["code"]): epci["nom"] for epci in download.epcis}
    for code, members in communes[communes["epci"] != ""].groupby("epci"):
        main_departement = Counter(members["departement"]).most_common(1)[0][0]
        rows.append(_row(code, "epci", names.get(code, f"EPCI {code}"), region=region,
                         departement=main_departement, population=members["population"].sum()))
    for commune in communes.itertuples():
        rows.append(_row(commune.code, "commune", commune.nom, region=region,
                         departement=commune.departement, epci=commune.epci,
                         population=commune.population, latitude=commune.latitude,
                         longitude=commune.longitude))
    return rows


def _row(code, level, name, region="", departement="", epci="", population=None,
         latitude=None, longitude=None) -> dict:
    def number(value, pattern):
        return "" if value is None or pd.isna(value) else pattern.format(value)
    return {"code": str(code), "niveau": level, "nom": name, "region": region,
            "departement": departement, "epci": epci,
            "population": number(population, "{:.0f}"), "latitude": number(latitude, "{:.5f}"),
            "longitude": number(longitude, "{:.5f}")}


def load_region(con: duckdb.DuckDBPyConnection, download: RegionDownload, user: str) -> dict:
    """Complete the reference (one batch), store commune outlines and derived ones; return counts."""
    communes = commune_frame(download)
    region = str(download.region["code"])
    batch_id = add_territories_csv_rows(con, territory_rows(download, communes),
                                        f"geo-api-region-{region}.csv", user)
    source = f"API Découpage administratif ({download.source})"
    drawn = communes[communes.geometry.notna().to_numpy()].reset_index(drop=True)
    stored = {"commune": store_outlines(con, drawn, "commune", source)}
    stored["epci"] = derive_epci_outlines(con, source)
    stored["departement"] = store_outlines(
        con, dissolve(drawn, drawn["departement"]), "departement", source)
    stored["region"] = store_outlines(
        con, dissolve(drawn, pd.Series(region, index=drawn.index)), "region", source)
    return {"code": region, "nom": download.region["nom"], "batch_id": batch_id, **stored}


def format_summary(summary: dict) -> str:
    """Return the French summary of a `geo download`."""
    return (f"Région {summary['nom']} ({summary['code']}) : référentiel complété (lot n° "
            f"{summary['batch_id']}) ; contours enregistrés : "
            f"{format_number(summary['commune'])} communes, {format_number(summary['epci'])} EPCI, "
            f"{format_number(summary['departement'])} départements, 1 région.")
