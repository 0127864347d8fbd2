"""`geo import`: outlines from any vector file GeoPandas reads, matched against the territory reference.

The file is read (GeoJSON, GeoPackage, Shapefile, zipped or not, as published by IGN
ADMIN EXPRESS), reprojected to WGS84, repaired (`make_valid`), and its codes are
matched against the territory reference of the level. Codes unknown to the reference
are reported in one French sentence with a few examples and skipped; with
`add_missing=True` they are first added to the reference, with the names of the file,
as one ordinary `territoires` batch (so the addition is in the history and can be
rolled back). Territories of the reference missing from the file are reported too.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import geopandas as gpd
import pandas as pd
import pyogrio
import shapely

from observatory import importer, sqlstore, territory_reference
from observatory.errors import GeographyError
from observatory.formatting import format_number
from observatory.labels import LEVEL_WORDS
from observatory.outlines import (
    WGS84,
    check_level,
    derive_epci_outlines,
    dissolve,
    store_outlines,
)

EXAMPLES_SHOWN = 5
# Field names tried, in order, when --code-field / --name-field are not given (any case).
CODE_FIELDS = {
    "commune": ("code", "insee_com", "code_insee", "codgeo", "insee"),
    "departement": ("code", "insee_dep", "code_dep", "code_insee"),
    "region": ("code", "insee_reg", "code_reg", "code_insee"),
    "epci": ("code", "code_siren", "siren_epci", "siren", "code_epci"),
    "arrondissement_municipal": ("code", "insee_arm", "code_insee", "insee"),
}
NAME_FIELDS = ("nom", "nom_m", "nom_com", "libelle", "name")
# Layer names of ADMIN EXPRESS, used when a file holds several layers.
ADMIN_EXPRESS_LAYERS = {"commune": "commune", "departement": "departement", "region": "region",
                        "epci": "epci", "arrondissement_municipal": "arrondissement_municipal"}
CODE_WIDTHS = {"commune": 5, "departement": 2, "region": 2, "epci": 9,
               "arrondissement_municipal": 5}


@dataclass
class GeoImportReport:
    """What `geo import` did: counts, unknown and missing codes, the batch that added territories."""

    level: str
    file: str
    features_read: int = 0
    stored: int = 0
    repaired: int = 0
    unknown: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    added: int = 0
    batch_id: int | None = None
    converted: dict[str, str] = field(default_factory=dict)
    epci_derived: int = 0

    def to_json_dict(self) -> dict:
        """Return the report as a JSON-ready dict (all unknown and missing codes listed)."""
        return {"level": self.level, "file": self.file, "features_read": self.features_read,
                "stored": self.stored, "repaired": self.repaired, "unknown": self.unknown,
                "missing": self.missing, "added": self.added, "batch_id": self.batch_id,
                "converted": self.converted, "epci_derived": self.epci_derived}


def read_vector_file(path: Path, level: str) -> gpd.GeoDataFrame:
    """Return the features of a vector file reprojected to WGS84 (the level's layer if several)."""
    if not path.exists():
        raise GeographyError(f"Fichier introuvable : « {path} ». Vérifiez le chemin.")
    try:
        layers = [str(name) for name in pyogrio.list_layers(path)[:, 0]]
        frame = gpd.read_file(path, layer=_pick_layer(layers, level, path))
    except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as error:
        raise GeographyError(
            f"Le fichier « {path.name} » n'est pas un fichier géographique lisible "
            f"(GeoJSON, GeoPackage, Shapefile zippé) : {error}") from error
    if frame.crs is None:
        frame = frame.set_crs(WGS84)
    return frame.to_crs(WGS84)


def _pick_layer(layers: list[str], level: str, path: Path) -> str | None:
    if len(layers) <= 1:
        return None
    wanted = ADMIN_EXPRESS_LAYERS[level]
    for name in layers:
        if name.lower() == wanted or name.lower().endswith("/" + wanted):
            return name
    raise GeographyError(
        f"Le fichier « {path.name} » contient plusieurs couches ({', '.join(layers)}) "
        f"et aucune ne s'appelle « {wanted.upper()} ».")


def find_field(frame: pd.DataFrame, given: str | None, candidates: tuple[str, ...],
               what: str) -> str:
    """Return the column to use: the given one (any case) or the first known candidate."""
    by_lower = {str(column).lower(): column for column in frame.columns if column != "geometry"}
    for name in ((given,) if given else candidates):
        if name and name.lower() in by_lower:
            return by_lower[name.lower()]
    available = ", ".join(sorted(by_lower.values())) or "aucun"
    option = "--code-field" if what == "code" else "--name-field"
    raise GeographyError(
        f"Champ de {what} introuvable{f' (« {given} »)' if given else ''} : indiquez-le avec "
        f"{option} parmi les champs du fichier ({available}).")


def normalise_codes(codes: pd.Series, level: str) -> pd.Series:
    """Return codes as text, with leading zeros a spreadsheet or a number column ate put back."""
    text = codes.astype(str).str.strip().str.upper().str.removesuffix(".0")
    width = CODE_WIDTHS[level]
    numeric = text.str.fullmatch(r"[0-9]+")
    return text.where(~numeric, text.str.zfill(width))


def repair(geometries: gpd.GeoSeries) -> tuple[gpd.GeoSeries, int]:
    """Return polygonal, valid geometries and how many had to be repaired."""
    values = geometries.to_numpy()
    invalid = ~shapely.is_valid(values)
    fixed = values.copy()
    if invalid.any():
        fixed[invalid] = shapely.make_valid(values[invalid], method="structure",
                                            keep_collapsed=False)
    return gpd.GeoSeries(fixed, crs=geometries.crs, index=geometries.index), int(invalid.sum())


def import_outlines(con: duckdb.DuckDBPyConnection, path: Path, level: str, user: str,
                    code_field: str | None = None, name_field: str | None = None,
                    add_missing: bool = False) -> GeoImportReport:
    """Read, repair and match a file's outlines, store those of known territories; return the report."""
    check_level(level)
    frame = read_vector_file(path, level)
    report = GeoImportReport(level=level, file=path.name, features_read=len(frame))
    codes = normalise_codes(frame[find_field(frame, code_field, CODE_FIELDS[level], "code")], level)
    names = frame[find_field(frame, name_field, NAME_FIELDS, "nom")].astype(str) \
        if (name_field or _has_any(frame, NAME_FIELDS)) else codes
    geometries, report.repaired = repair(frame.geometry)
    reference = reference_codes(con, level)
    if level == "commune":
        codes, report.converted = current_communes(
            codes, reference, territory_reference.old_commune_codes())
    # Dissolving by code also merges an old commune into its commune nouvelle: no hole.
    outlines = dissolve(gpd.GeoDataFrame({"code": codes}, geometry=geometries, crs=WGS84), codes)
    unknown = sorted(set(outlines["code"]) - reference)
    if unknown and add_missing:
        new = frame.assign(code=codes.to_numpy(), nom=names.to_numpy())
        batch = add_territories(con, new[new["code"].isin(unknown)], level, path.name, user)
        report.added, report.batch_id = len(unknown), batch
        reference = reference_codes(con, level)
        unknown = []
    report.unknown = unknown
    known = outlines[outlines["code"].isin(reference)]
    if known.empty:
        raise GeographyError(
            f"Aucun code du fichier « {path.name} » ne correspond à une {LEVEL_WORDS[level]} "
            f"du référentiel des territoires : vérifiez --level et --code-field "
            f"(exemples lus : {', '.join(unknown[:EXAMPLES_SHOWN])}), ou ajoutez --add-missing.")
    report.stored = store_outlines(con, known, level, source=path.name)
    report.missing = sorted(reference - set(outlines["code"]))
    if level == "commune":
        report.epci_derived = derive_epci_outlines(con, source=f"{path.name} (EPCI déduits)")
    return report


def current_communes(codes: pd.Series, reference: set[str],
                     successors: dict[str, str]) -> tuple[pd.Series, dict[str, str]]:
    """Return codes with old communes (unknown to the reference) replaced by their commune nouvelle.

    Also returns {old: new} for the codes converted, for the report's one warning.
    """
    old = codes[~codes.isin(reference) & codes.map(lambda code: successors.get(code) in reference)]
    converted = {code: successors[code] for code in sorted(set(old))}
    return codes.replace(converted) if converted else codes, converted


def _has_any(frame: pd.DataFrame, candidates: tuple[str, ...]) -> bool:
    return any(str(column).lower() in candidates for column in frame.columns)


def reference_codes(con: duckdb.DuckDBPyConnection, level: str) -> set[str]:
    """Return the codes of a level in the territory reference."""
    return {row[0] for row in sqlstore.rows(con, "geo_reference_codes", [level])}


def add_territories(con: duckdb.DuckDBPyConnection, features: gpd.GeoDataFrame, level: str,
                    file_name: str, user: str) -> int:
    """Add features (code, nom, geometry) to the reference as one territoires batch; return its id."""
    rows = territory_rows(con, features, level)
    return add_territories_csv_rows(con, rows, f"{file_name} (territoires)", user)


def add_territories_csv_rows(con: duckdb.DuckDBPyConnection, rows: list[dict], file_name: str,
                             user: str) -> int | None:
    """Import territoires rows through the ordinary import path (one batch); return its id."""
    report = importer.import_file(con, "territoires", territories_csv(rows), file_name, user)
    if report.status != "applied":
        first = "; ".join(problem.message for problem in report.errors[:3])
        raise GeographyError(
            f"Les territoires n'ont pas pu être ajoutés au référentiel : {first}")
    return report.batch_id


def territory_rows(con: duckdb.DuckDBPyConnection, features: gpd.GeoDataFrame,
                   level: str) -> list[dict]:
    """Return territoires rows for new features: parents when the reference knows them, centroid."""
    departements = {row[0]: row[2] for row in
                    sqlstore.rows(con, "geo_reference_codes", ["departement"])}
    epcis = reference_codes(con, "epci")
    points = features.geometry.representative_point()
    rows = []
    for (_, feature), point in zip(features.iterrows(), points, strict=True):
        code = feature["code"]
        row = {"code": code, "niveau": level, "nom": feature["nom"], "region": "",
               "departement": "", "epci": "", "population": _population(feature),
               "latitude": f"{point.y:.5f}", "longitude": f"{point.x:.5f}"}
        if level == "commune":
            departement = _field(feature, "insee_dep") or commune_departement(code)
            if departement in departements:
                row["departement"], row["region"] = departement, departements[departement] or ""
            epci = _field(feature, "siren_epci")
            row["epci"] = epci if epci in epcis else ""
        elif level == "departement":
            region = _field(feature, "insee_reg")
            row["region"] = region if region in reference_codes(con, "region") else ""
        rows.append(row)
    return rows


def commune_departement(code: str) -> str:
    """Return the département code of a commune code (97x overseas, 2A/2B Corsica)."""
    return code[:3] if code.startswith("97") else code[:2]


def _field(feature: pd.Series, name: str) -> str:
    for key, value in feature.items():
        if str(key).lower() == name and value is not None and str(value) != "nan":
            return str(value).strip().split("/")[0]
    return ""


def _population(feature: pd.Series) -> str:
    value = _field(feature, "population")
    return value.removesuffix(".0") if value.removesuffix(".0").isdigit() else ""


def territories_csv(rows: list[dict]) -> bytes:
    """Return rows as a territoires CSV file (semicolon-separated, UTF-8) for the importer."""
    columns = ("code", "niveau", "nom", "region", "departement", "epci", "population",
               "latitude", "longitude")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=";", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def format_geo_report(report: GeoImportReport) -> str:
    """Return the French text report of a `geo import`."""
    label = LEVEL_WORDS[report.level]
    lines = [f"Contours importés depuis « {report.file} » (niveau {label}) : "
             f"{format_number(report.stored)} enregistré(s) sur "
             f"{format_number(report.features_read)} objet(s) lu(s)."]
    if report.repaired:
        lines.append(f"{format_number(report.repaired)} géométrie(s) invalide(s) réparée(s).")
    if report.converted:
        pairs = [f"{old} → {new}" for old, new in report.converted.items()]
        lines.append(
            f"{format_number(len(pairs))} ancien(s) code(s) de commune, fusionnée(s) depuis dans "
            f"une commune nouvelle, rattaché(s) à celle-ci (contours fondus) : "
            f"{', '.join(pairs)}.")
    if report.epci_derived:
        lines.append(f"{format_number(report.epci_derived)} contour(s) d'EPCI déduit(s) des "
                     f"communes.")
    if report.added:
        lines.append(f"{format_number(report.added)} territoire(s) ajouté(s) au référentiel "
                     f"avec les noms du fichier (lot n° {report.batch_id}, annulable).")
    if report.unknown:
        lines.append(unknown_sentence(report.unknown, label))
    if report.missing:
        lines.append(
            f"{format_number(len(report.missing))} territoire(s) du référentiel n'ont pas de "
            f"contour dans ce fichier, par exemple {_examples(report.missing)}.")
    return "\n".join(lines)


def unknown_sentence(unknown: list[str], label: str) -> str:
    """Return one French sentence summing up the codes unknown to the reference, with examples."""
    return (f"{format_number(len(unknown))} code(s) du fichier sont inconnus du référentiel des "
            f"territoires (niveau {label}), par exemple {_examples(unknown)} : ils ont été "
            f"ignorés. Relancez avec --add-missing pour les ajouter au référentiel avec les "
            f"noms du fichier.")


def _examples(codes: list[str]) -> str:
    shown = ", ".join(codes[:EXAMPLES_SHOWN])
    return shown + ("…" if len(codes) > EXAMPLES_SHOWN else "")
