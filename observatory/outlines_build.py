"""Build the shipped outlines (data/reference/outlines/) from IGN GeoJSON files.

    python -m observatory.outlines_build --source ../shared/geo --cog PATH/communes.json

Writes gzip'd GeoJSON files (feature id and `code` = INSEE code, WGS84) of every
metropolitan région and département, and of the communes of each région that has a
`communes-<name>.geojson` in SHIPPED_COMMUNES. Commune files of an older COG (2018 for
the IGN files of ../shared/geo) use codes merged since into communes nouvelles: those
outlines are dissolved into their commune nouvelle, so the map has no hole. Each level
is simplified lightly as a coverage (shared borders stay shared) and rounded to about
ten metres: the maps simplify again from these, the database keeps these as its
full-resolution outlines. Re-running on the same inputs writes the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import shapely

from observatory.outlines import WGS84, Simplification, dissolve, simplify_coverage
from observatory.outlines_shipped import SHIPPED_DIR
from observatory.settings import PROJECT_ROOT


@dataclass(frozen=True)
class ShippedFile:
    """One shipped file: the IGN file it comes from, its level, its light simplification."""

    name: str
    source: str
    level: str
    rule: Simplification


SHIPPED = (
    ShippedFile("regions.geojson.gz", "regions-version-simplifiee.geojson", "region",
                Simplification(tolerance_m=150, decimals=4)),
    ShippedFile("departements.geojson.gz", "departements-version-simplifiee.geojson",
                "departement", Simplification(tolerance_m=150, decimals=4)),
    ShippedFile("communes-53.geojson.gz", "communes-bretagne.geojson", "commune",
                Simplification(tolerance_m=150, decimals=4)),
)


def current_codes(cog_communes: list[dict]) -> dict[str, str]:
    """Return {old commune code: current commune code} from the COG's anciensCodes and communes déléguées."""
    actual = {item["code"] for item in cog_communes if item["type"] == "commune-actuelle"}
    mapping = {}
    for item in cog_communes:
        if item["type"] == "commune-actuelle":
            for old in item.get("anciensCodes") or ():
                mapping.setdefault(old, item["code"])
        elif item["type"] in ("commune-deleguee", "commune-associee") and item["code"] not in actual:
            mapping.setdefault(item["code"], item["chefLieu"])
    return mapping


def build_level(path: Path, shipped: ShippedFile, old_codes: dict[str, str]) -> gpd.GeoDataFrame:
    """Return the outlines of one IGN file: codes made current, dissolved, lightly simplified."""
    frame = gpd.read_file(path).to_crs(WGS84)
    codes = frame["code"].astype(str)
    if shipped.level == "commune":
        codes = codes.map(lambda code: old_codes.get(code, code))
    merged = dissolve(gpd.GeoDataFrame({"code": codes}, geometry=frame.geometry, crs=WGS84), codes)
    simplified = simplify_coverage(merged, shipped.rule)
    return gpd.GeoDataFrame({"code": merged["code"]}, geometry=simplified, crs=WGS84)


def geojson_bytes(outlines: gpd.GeoDataFrame) -> bytes:
    """Return a compact, deterministic gzip'd GeoJSON FeatureCollection (id and code per feature)."""
    features = ",".join(
        f'{{"type":"Feature","id":{json.dumps(code)},"properties":{{"code":{json.dumps(code)}}},'
        f'"geometry":{shapely.to_geojson(geometry)}}}'
        for code, geometry in zip(outlines["code"], outlines.geometry, strict=True))
    text = f'{{"type":"FeatureCollection","features":[{features}]}}'
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def build(source: Path, cog_communes: list[dict], target: Path = SHIPPED_DIR) -> dict[str, int]:
    """Write every shipped file into target; return {file name: bytes written}."""
    old_codes = current_codes(cog_communes)
    target.mkdir(parents=True, exist_ok=True)
    written = {}
    for shipped in SHIPPED:
        data = geojson_bytes(build_level(source / shipped.source, shipped, old_codes))
        (target / shipped.name).write_bytes(data)
        written[shipped.name] = len(data)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Construit les contours livrés (data/reference/outlines).")
    parser.add_argument("--source", type=Path, default=PROJECT_ROOT.parent / "shared" / "geo",
                        help="dossier des fichiers GeoJSON IGN (voir SOURCE.md)")
    parser.add_argument("--cog", type=Path, required=True,
                        help="communes.json du paquet npm @etalab/decoupage-administratif")
    parser.add_argument("--target", type=Path, default=SHIPPED_DIR)
    args = parser.parse_args(argv)
    missing = [shipped.source for shipped in SHIPPED if not (args.source / shipped.source).is_file()]
    if missing or not args.cog.is_file():
        print(f"Fichiers introuvables : {', '.join(missing + ([] if args.cog.is_file() else [str(args.cog)]))}",
              file=sys.stderr)
        return 2
    written = build(args.source, json.loads(args.cog.read_text(encoding="utf-8")), args.target)
    for name, size in written.items():
        print(f"{name} : {size / 1000:.0f} ko")
    return 0


if __name__ == "__main__":
    sys.exit(main())
