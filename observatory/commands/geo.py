"""`geo import`, `geo download`, `geo status`: the outline commands of DATA-CONTRACT.md §4.

Writes go through `db.writing()` (a snapshot is published at the end); `status` reads
the published snapshot, so it never waits for a running import.
"""

from __future__ import annotations

import json
from pathlib import Path

from observatory import db, geo_download, geo_import, labels, outlines, settings
from observatory.commands.data import default_user, user_name
from observatory.formatting import format_number

EXIT_OK = 0


def register(subparsers) -> None:
    geo = subparsers.add_parser(
        "geo", help="contours des territoires (import, téléchargement, état)",
        description="Charge les contours officiels des territoires pour les cartes.")
    commands = geo.add_subparsers(dest="geo_command", metavar="SOUS-COMMANDE")
    commands.required = True

    load = commands.add_parser(
        "import", help="importer des contours depuis un fichier géographique",
        description="Lit FILE (GeoJSON, GeoPackage, Shapefile zippé IGN ADMIN EXPRESS…), le "
                    "reprojette en WGS84, répare les géométries et enregistre les contours des "
                    "territoires connus du référentiel.")
    load.add_argument("file", metavar="FILE", type=Path, help="fichier géographique")
    load.add_argument("--level", required=True, choices=outlines.LEVELS, help="niveau des contours")
    load.add_argument("--code-field", help="champ du code INSEE / SIREN (détecté sinon)")
    load.add_argument("--name-field", help="champ du nom (détecté sinon)")
    load.add_argument("--add-missing", action="store_true",
                      help="ajouter au référentiel les territoires inconnus, avec les noms du "
                           "fichier (un lot « territoires » annulable)")
    load.add_argument("--user", type=user_name, help="nom de la personne qui importe (par défaut : $USER)")
    load.add_argument("--format", choices=("text", "json"), default="text")
    load.set_defaults(run=run_import)

    fetch = commands.add_parser(
        "download", help="télécharger les contours d'une région (API Découpage administratif)",
        description="Télécharge communes, noms, populations et EPCI d'une région depuis l'API "
                    "Découpage administratif, complète le référentiel et en déduit les contours "
                    "des EPCI, départements et de la région.")
    fetch.add_argument("--region", required=True, help="code INSEE de la région (ex. 53)")
    fetch.add_argument("--base-url", help="adresse de l'API (par défaut : OBSERVATORY_GEO_API_URL)")
    fetch.add_argument("--user", type=user_name, help="nom de la personne qui importe (par défaut : $USER)")
    fetch.set_defaults(run=run_download)

    state = commands.add_parser(
        "status", help="état des contours par niveau",
        description="Par niveau : territoires, combien ont un contour, poids (octets) du "
                    "GeoJSON d'une carte complète envoyé au navigateur (brut et compressé) et "
                    "surface totale des contours (km²).")
    state.add_argument("--format", choices=("text", "json"), default="text")
    state.set_defaults(run=run_status)


def run_import(args) -> int:
    with db.writing() as con:
        report = geo_import.import_outlines(
            con, args.file, args.level, args.user or default_user(),
            code_field=args.code_field, name_field=args.name_field, add_missing=args.add_missing)
    if args.format == "json":
        print(json.dumps(report.to_json_dict(), ensure_ascii=False))
    else:
        print(geo_import.format_geo_report(report))
    return EXIT_OK


def run_download(args) -> int:
    base_url = args.base_url or settings.get("OBSERVATORY_GEO_API_URL")
    region = geo_download.fetch_region(base_url, args.region)
    with db.writing() as con:
        summary = geo_download.load_region(con, region, args.user or default_user())
    print(geo_download.format_summary(summary))
    return EXIT_OK


def run_status(args) -> int:
    snapshot = db.current_snapshot()
    con = db.connect(snapshot, read_only=True) if snapshot else db.connect_memory()
    try:
        status = outlines.outline_status(con)
    finally:
        con.close()
    if args.format == "json":
        print(json.dumps(status, ensure_ascii=False))
    else:
        print(format_status(status))
    return EXIT_OK


def format_status(status: dict[str, dict[str, int]]) -> str:
    """Return the outline status as a French text table."""
    table = [("Niveau", "Territoires", "Avec contour", "Poids d'une carte", "Compressé",
              "Surface")]
    for level, row in status.items():
        table.append((labels.LEVEL_WORDS[level], format_number(row["territories"]),
                      format_number(row["with_outline"]),
                      f"{format_number(row['map_bytes'] / 1000, 1)} ko",
                      f"{format_number(row['map_bytes_gzip'] / 1000, 1)} ko",
                      f"{format_number(row['area_km2'], 0)} km²"))
    widths = [max(len(line[index]) for line in table) for index in range(len(table[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
                     .rstrip() for line in table)

