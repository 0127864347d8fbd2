"""Territory outlines in the database: storing, simplifying as a coverage, reading back for maps.

Each level keeps two versions of every outline in table `outlines`: the full-resolution
geometry (`geometry_wkb`, WGS84) and a simplified GeoJSON geometry for maps
(`map_geojson`). The simplified versions of one level are computed together, as a
coverage (`shapely.coverage_simplify`), so neighbours keep sharing the same border: no
gap, no sliver, no territory lost. Coordinates are rounded to what the eye can see at
the level's usual zoom, and the coverage is checked again after rounding.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

import duckdb
import numpy as np
import pandas as pd
import shapely

from observatory import sqlstore
from observatory.errors import GeographyError
from observatory.labels import LEVEL_WORDS, LEVELS

if TYPE_CHECKING:
    import geopandas as gpd

WGS84 = "EPSG:4326"
# World cylindrical equal-area: areas right anywhere, overseas included.
EQUAL_AREA = "EPSG:6933"


@dataclass(frozen=True)
class Simplification:
    """How a level is drawn: Visvalingam tolerance (metres; area tolerance is its square) and decimals."""

    tolerance_m: float
    decimals: int


# Chosen on Bretagne (1,232 communes): commune map ≈ 420 KB, ~65 EPCIs ≈ 120 KB, département ≈ 22 KB.
SIMPLIFICATION = {
    "commune": Simplification(tolerance_m=600, decimals=4),
    "epci": Simplification(tolerance_m=1500, decimals=3),
    "departement": Simplification(tolerance_m=1200, decimals=3),
    "region": Simplification(tolerance_m=1500, decimals=3),
    # Paris's 1er arrondissement is 1.8 km² across: a commune's tolerance would erase it.
    "arrondissement_municipal": Simplification(tolerance_m=60, decimals=4),
}
# Largest GeoJSON a full map of a région like Bretagne may send to a browser, in bytes.
MAP_BUDGET_BYTES = {"commune": 500_000, "epci": 150_000, "departement": 60_000, "region": 30_000,
                    "arrondissement_municipal": 100_000}


def check_level(level: str) -> str:
    """Return the level if it is one of the contract's, else raise a French GeographyError."""
    if level not in LEVELS:
        raise GeographyError(
            f"Niveau « {level} » inconnu : choisissez parmi {', '.join(LEVELS)}.")
    return level


def store_outlines(con: duckdb.DuckDBPyConnection, outlines: gpd.GeoDataFrame, level: str,
                   source: str) -> int:
    """Store outlines (columns code, geometry; WGS84) of one level, re-simplify the level; return rows stored."""
    check_level(level)
    frame = pd.DataFrame({
        "code": outlines["code"].astype(str).to_numpy(),
        "niveau": level,
        "geometry_wkb": shapely.to_wkb(outlines.geometry.to_numpy()),
        "source": source,
    })
    con.register("outline_upload", frame)
    try:
        sqlstore.write(con, "geo_outlines_upsert")
    finally:
        con.unregister("outline_upload")
    refresh_map_outlines(con, level)
    return len(frame)


def read_outlines(con: duckdb.DuckDBPyConnection, level: str) -> gpd.GeoDataFrame:
    """Return the full-resolution outlines of a level: GeoDataFrame (code, nom, geometry), WGS84."""
    import geopandas as gpd  # imported here: 0.4 s that pages drawing maps never need
    rows = sqlstore.rows(con, "geo_outline_geometries", [check_level(level)])
    geometries = shapely.from_wkb([bytes(row[2]) for row in rows]) if rows else []
    return gpd.GeoDataFrame({"code": [row[0] for row in rows], "nom": [row[1] for row in rows]},
                            geometry=gpd.GeoSeries(geometries, crs=WGS84), crs=WGS84)


def refresh_map_outlines(con: duckdb.DuckDBPyConnection, level: str) -> None:
    """Recompute the simplified map geometries of a whole level from its stored outlines."""
    outlines = read_outlines(con, level)
    if outlines.empty:
        return
    texts = simplify_within_budget(outlines, level)
    frame = pd.DataFrame({"code": outlines["code"].to_numpy(), "map_geojson": texts})
    con.register("outline_map_upload", frame)
    try:
        sqlstore.write(con, "geo_map_geojson_update", [level])
    finally:
        con.unregister("outline_map_upload")


# Bytes of a feature around its geometry in `map_geojson` ({"type":"Feature","id":"…",…}).
_FEATURE_OVERHEAD = 40
MAX_BUDGET_STEPS = 8


def simplify_within_budget(outlines: gpd.GeoDataFrame, level: str) -> list[str]:
    """Return the level's map geometries as GeoJSON texts, within its map budget.

    The level's own rule is tried first (Bretagne's communes fit it); a région with more or
    finer outlines gets a larger tolerance, grown from the measured overshoot, until the map
    fits or stops shrinking. Borders stay shared at every step. Hauts-de-France's 3,782
    communes go from 925 KB to about 750 KB (121 KB gzip'd, what the server sends) and no
    further: what is left is the vertices where three communes meet, which a shared-border
    simplification keeps, and the GeoJSON framing of each feature (81 bytes). Even with every
    commune a triangle, 3,782 features take 563 KB of GeoJSON text (534 KB at 3 decimals),
    so for such a région the budget holds on the wire only.
    """
    rule, budget = SIMPLIFICATION[level], MAP_BUDGET_BYTES[level]
    best, best_size = None, None
    for _ in range(MAX_BUDGET_STEPS):
        texts = [shapely.to_geojson(geometry) for geometry in simplify_coverage(outlines, rule)]
        size = sum(len(text) + len(code) + _FEATURE_OVERHEAD
                   for text, code in zip(texts, outlines["code"], strict=True))
        if best_size is not None and size > 0.97 * best_size:
            break  # only the borders' junctions are left: more tolerance removes nothing
        best, best_size = texts, size
        if size <= budget:
            break
        growth = max(1.25, (size / budget) ** 1.5)
        rule = Simplification(tolerance_m=rule.tolerance_m * growth, decimals=rule.decimals)
    return best


def simplify_coverage(outlines: gpd.GeoDataFrame, rule: Simplification) -> np.ndarray:
    """Return the outlines simplified together (shared borders kept), rounded, CCW rings, WGS84."""
    import geopandas as gpd  # imported here: 0.4 s that pages drawing maps never need
    local = outlines.estimate_utm_crs() if len(outlines) else WGS84
    projected = outlines.geometry.to_crs(local).to_numpy()
    simplified = shapely.coverage_simplify(projected, rule.tolerance_m)
    back = gpd.GeoSeries(simplified, crs=local).to_crs(WGS84).to_numpy()
    rounded = round_coverage(back, rule.decimals)
    return shapely.orient_polygons(rounded, exterior_cw=False)


def round_coverage(geometries: np.ndarray, decimals: int) -> np.ndarray:
    """Return the coverage snapped to 10^-decimals degrees, adding decimals until it stays valid."""
    for places in range(decimals, decimals + 3):
        rounded = shapely.set_precision(geometries, 10.0 ** -places)
        if coverage_is_sound(rounded):
            return rounded
    return geometries


def coverage_is_sound(geometries: np.ndarray) -> bool:
    """Return True when every geometry is a valid non-empty polygon and they form a valid coverage."""
    polygonal = np.isin(shapely.get_type_id(geometries), (3, 6))
    return bool(polygonal.all() and shapely.is_valid(geometries).all()
                and not shapely.is_empty(geometries).any()
                and shapely.coverage_is_valid(geometries))


def map_geojson(con: duckdb.DuckDBPyConnection, level: str) -> str:
    """Return the simplified outlines of a level as one GeoJSON FeatureCollection text (feature id = code)."""
    rows = sqlstore.rows(con, "geo_map_features", [check_level(level)])
    features = ",".join(
        f'{{"type":"Feature","id":{json.dumps(code)},"geometry":{geometry}}}'
        for code, geometry in rows)
    return f'{{"type":"FeatureCollection","features":[{features}]}}'


def outlines_available(con: duckdb.DuckDBPyConnection, level: str) -> bool:
    """Return True when at least one territory of the level has a map outline."""
    count = sqlstore.scalar(con, "geo_map_outline_count", [check_level(level)])
    return count > 0


def map_bounds(con: duckdb.DuckDBPyConnection, level: str) -> tuple[float, float, float, float]:
    """Return (west, south, east, north) in degrees of the level's map outlines."""
    rows = sqlstore.rows(con, "geo_map_features", [check_level(level)])
    if not rows:
        raise GeographyError(f"Aucun contour chargé pour le niveau {LEVEL_WORDS[level]}.")
    geometries = shapely.from_geojson([row[1] for row in rows])
    return tuple(float(value) for value in shapely.total_bounds(geometries))


def outline_status(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, int | float]]:
    """Return per level: territories, how many have an outline, a full map's bytes, total area.

    `map_bytes` is the GeoJSON a full map of the level sends; `map_bytes_gzip` the same
    compressed, as the dashboard's server sends its static outline files to a browser.
    """
    counts = {row[0]: row[1:] for row in sqlstore.rows(con, "geo_status")}
    status = {}
    for level in LEVELS:
        territories, with_outline = counts.get(level, (0, 0))
        data = map_geojson(con, level).encode("utf-8") if with_outline else b""
        status[level] = {"territories": int(territories), "with_outline": int(with_outline),
                         "map_bytes": len(data),
                         "map_bytes_gzip": len(gzip.compress(data, mtime=0)) if data else 0,
                         "area_km2": level_area_km2(con, level) if with_outline else 0.0}
    return status


def level_area_km2(con: duckdb.DuckDBPyConnection, level: str) -> float:
    """Return the total area of a level's full-resolution outlines in km² (equal-area projection)."""
    stored = read_outlines(con, level)
    return round(float(stored.geometry.to_crs(EQUAL_AREA).area.sum()) / 1e6, 1)


def dissolve(outlines: gpd.GeoDataFrame, key: pd.Series) -> gpd.GeoDataFrame:
    """Return outlines merged by `key` (aligned on outlines): GeoDataFrame (code, geometry), WGS84."""
    import geopandas as gpd  # imported here: 0.4 s that pages drawing maps never need
    groups = pd.Series(range(len(outlines))).groupby(key.to_numpy()).indices
    geometries = outlines.geometry.to_numpy()
    codes = sorted(groups)
    # The fast coverage union is exact only on a valid coverage; otherwise use the full union.
    union = shapely.coverage_union_all if shapely.coverage_is_valid(geometries) else shapely.union_all
    merged = [shapely.make_valid(union(geometries[groups[code]])) for code in codes]
    return gpd.GeoDataFrame({"code": codes}, geometry=gpd.GeoSeries(merged, crs=WGS84), crs=WGS84)


def derive_epci_outlines(con: duckdb.DuckDBPyConnection, source: str) -> int:
    """Store EPCI outlines dissolved from the stored commune outlines and the reference's EPCI parents.

    An EPCI reaching outside the région gets the outline of its communes in the reference:
    the part its figures cover. Returns how many EPCI outlines were stored.
    """
    communes = read_outlines(con, "commune")
    parents = dict(sqlstore.rows(con, "geo_commune_epci"))
    epci = communes["code"].map(parents)
    members = communes[epci.notna().to_numpy()]
    if members.empty:
        return 0
    return store_outlines(con, dissolve(members, epci[epci.notna()]), "epci", source)
