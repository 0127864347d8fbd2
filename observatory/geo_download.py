"""`geo download`: a région's communes from the API Découpage administratif, and outlines derived from them.

The API (https://geo.api.gouv.fr, setting OBSERVATORY_GEO_API_URL) is read with urllib,
with a timeout; every failure becomes a French GeographyError. Requests and the shapes
this client relies on (as the real API answers them):

- `GET /regions/{code}` → `{"nom": "Bretagne", "code": "53"}`
- `GET /regions/{code}/departements` → `[{"nom": "Côtes-d'Armor", "code": "22", "codeRegion": "53"}, …]`
- `GET /regions/{code}/communes?fields=nom,code,codeDepartement,codeRegion,codeEpci,population,centre&format=geojson&geometry=contour`
  → a FeatureCollection; each feature's `properties` carries those fields (`codeEpci` is
  absent for the few communes outside any EPCI, `centre` is a GeoJSON Point) and its
  `geometry` is the commune's outline (Polygon or MultiPolygon, WGS84).
- `GET /epcis?fields=nom,code,codesDepartements,codesRegions,population` → every EPCI of
  France (about 1,250; the API has no région filter for EPCIs, so the client keeps those
  that hold a commune of the région).

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

from observatory.errors import GeographyError
from observatory.formatting import format_number
from observatory.geo_import import add_territories_csv_rows
from observatory.outlines import WGS84, dissolve, store_outlines

TIMEOUT_S = 60.0
COMMUNE_FIELDS = "nom,code,codeDepartement,codeRegion,codeEpci,population,centre"
EPCI_FIELDS = "nom,code,codesDepartements,codesRegions,population"


@dataclass(frozen=True)
class RegionDownload:
    """Everything the API said about one région: région, départements, communes (GeoJSON), EPCIs."""

    region: dict
    departements: list[dict]
    communes: dict
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
    """Return the région, its départements, its communes with outlines, and the EPCIs from the API."""
    if not base_url.startswith(("http://", "https://")):
        raise GeographyError(f"Adresse d'API invalide « {base_url} » : http:// ou https:// attendu.")
    region = fetch_json(base_url, f"/regions/{urllib.parse.quote(code)}", timeout=timeout)
    departements = fetch_json(base_url, f"/regions/{urllib.parse.quote(code)}/departements",
                              timeout=timeout)
    communes = fetch_json(base_url, f"/regions/{urllib.parse.quote(code)}/communes",
                          {"fields": COMMUNE_FIELDS, "format": "geojson", "geometry": "contour"},
                          timeout=timeout)
    epcis = fetch_json(base_url, "/epcis", {"fields": EPCI_FIELDS}, timeout=timeout)
    if not isinstance(communes, dict) or not communes.get("features"):
        raise GeographyError(f"L'API n'a renvoyé aucune commune pour la région {code}.")
    return RegionDownload(region, departements, communes, epcis, source=base_url)


def commune_frame(download: RegionDownload) -> gpd.GeoDataFrame:
    """Return the communes as a GeoDataFrame (code, nom, departement, epci, population, lat, lon)."""
    frame = gpd.GeoDataFrame.from_features(download.communes["features"], crs=WGS84)
    centres = frame["centre"].apply(lambda point: (point or {}).get("coordinates") or (None, None))
    epci = frame["codeEpci"] if "codeEpci" in frame else pd.Series("", index=frame.index)
    return gpd.GeoDataFrame({
        "code": frame["code"].astype(str),
        "nom": frame["nom"].astype(str),
        "departement": frame["codeDepartement"].astype(str),
        "epci": epci.fillna("").astype(str),
        "population": pd.to_numeric(frame["population"], errors="coerce"),
        "longitude": [xy[0] for xy in centres],
        "latitude": [xy[1] for xy in centres],
    }, geometry=frame.geometry.make_valid(), crs=WGS84)


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
    stored = {"commune": store_outlines(con, communes, "commune", source)}
    with_epci = communes[communes["epci"] != ""]
    stored["epci"] = store_outlines(con, dissolve(with_epci, with_epci["epci"]), "epci", source)
    stored["departement"] = store_outlines(
        con, dissolve(communes, communes["departement"]), "departement", source)
    stored["region"] = store_outlines(
        con, dissolve(communes, pd.Series(region, index=communes.index)), "region", source)
    return {"code": region, "nom": download.region["nom"], "batch_id": batch_id, **stored}


def format_summary(summary: dict) -> str:
    """Return the French summary of a `geo download`."""
    return (f"Région {summary['nom']} ({summary['code']}) : référentiel complété (lot n° "
            f"{summary['batch_id']}) ; contours enregistrés : "
            f"{format_number(summary['commune'])} communes, {format_number(summary['epci'])} EPCI, "
            f"{format_number(summary['departement'])} départements, 1 région.")
