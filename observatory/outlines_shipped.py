"""The outlines shipped in data/reference/outlines/, loaded into the database without any network.

`load_shipped(con, region_code)` stores the région's outline and its départements' (every
metropolitan région ships), and where a région's communes ship (Bretagne, for the demo)
its communes and the EPCI outlines dissolved from them. Only territories of the reference
are stored, so it runs after the territories are loaded (`init --region`, the demo).
Overseas régions ship nothing: their maps keep circles until `geo import`/`geo download`.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import duckdb
import shapely

from observatory import outlines, sqlstore
from observatory.settings import PROJECT_ROOT

SHIPPED_DIR = PROJECT_ROOT / "data" / "reference" / "outlines"

SOURCE = "IGN ADMIN EXPRESS COG 2018 simplifié (contours livrés, data/reference/outlines)"


def shipped_files(region_code: str, folder: Path = SHIPPED_DIR) -> dict[str, Path]:
    """Return {level: shipped file} for a région, levels whose file ships only."""
    files = {"region": folder / "regions.geojson.gz",
             "departement": folder / "departements.geojson.gz",
             "commune": folder / f"communes-{region_code}.geojson.gz"}
    return {level: path for level, path in files.items() if path.is_file()}


def read_shipped(path: Path):
    """Return a shipped file as a GeoDataFrame (code, geometry), WGS84."""
    import geopandas as gpd  # imported here: 0.4 s that pages drawing maps never need
    with gzip.open(path, "rt", encoding="utf-8") as text:
        features = json.load(text)["features"]
    return gpd.GeoDataFrame.from_features(features, crs=outlines.WGS84)[["code", "geometry"]]


def load_shipped(con: duckdb.DuckDBPyConnection, region_code: str,
                 folder: Path = SHIPPED_DIR) -> dict[str, int]:
    """Store the shipped outlines of a région's territories; return outlines stored per level.

    Running it again stores nothing (a level already holding exactly these outlines is
    skipped), so an unchanged map keeps its version and the browser its cached files.
    """
    stored = {}
    for level, path in shipped_files(region_code, folder).items():
        wanted = {row[0] for row in sqlstore.rows(con, "geo_region_codes", [level, region_code, region_code])}
        frame = read_shipped(path)
        frame = frame[frame["code"].isin(wanted)].reset_index(drop=True)
        if frame.empty or _already_stored(con, level, frame):
            continue
        stored[level] = outlines.store_outlines(con, frame, level, SOURCE)
    if "commune" in stored:
        stored["epci"] = outlines.derive_epci_outlines(con, SOURCE)
    return stored


def _already_stored(con: duckdb.DuckDBPyConnection, level: str, frame) -> bool:
    present = {code: bytes(wkb) for code, wkb in sqlstore.rows(con, "geo_outlines_of_source", [level, SOURCE])}
    new = dict(zip(frame["code"], shapely.to_wkb(frame.geometry.to_numpy()), strict=True))
    return all(present.get(code) == wkb for code, wkb in new.items())
