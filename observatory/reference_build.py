"""Build the shipped territory reference (data/reference/cog/) from the COG as Etalab packages it.

    npm pack @etalab/decoupage-administratif@6.0.0 && tar xzf etalab-decoupage-administratif-6.0.0.tgz
    python -m observatory.reference_build --package package

Reads the package's JSON files (communes, EPCI, départements, régions) and writes small
gzip'd CSV files, deterministic (same package, same bytes), with SOURCE.md beside them.
A later millésime is refreshed by running it on that package's version.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
from pathlib import Path

from observatory.outlines_build import current_codes
from observatory.settings import PROJECT_ROOT

REFERENCE_DIR = PROJECT_ROOT / "data" / "reference" / "cog"
# {old commune code: commune nouvelle}, read by the territories and by every data import.
OLD_CODES_FILE = REFERENCE_DIR / "anciens_codes.csv.gz"
PACKAGE = "@etalab/decoupage-administratif"

# file name: (columns, rows made from the package's data)
COLUMNS = {
    "regions.csv.gz": ("code", "nom", "zone"),
    "departements.csv.gz": ("code", "nom", "region", "zone"),
    "epci.csv.gz": ("code", "nom", "type"),
    "communes.csv.gz": ("code", "nom", "departement", "region", "epci", "population", "zone"),
    "arrondissements_municipaux.csv.gz": ("code", "nom", "commune", "departement", "region",
                                          "population"),
    "anciens_codes.csv.gz": ("ancien", "actuel"),
}


def tables(package_data: Path) -> dict[str, list[tuple]]:
    """Return the rows of every shipped file, sorted by code."""
    def load(name: str) -> list[dict]:
        return json.loads((package_data / f"{name}.json").read_text(encoding="utf-8"))

    communes, epcis = load("communes"), load("epci")
    epci_of = {member["code"]: epci["code"] for epci in epcis for member in epci["membres"]}
    actual = [item for item in communes if item["type"] == "commune-actuelle"]
    rows = {
        "regions.csv.gz": [(item["code"], item["nom"], item["zone"]) for item in load("regions")],
        "departements.csv.gz": [(item["code"], item["nom"], item["region"], item["zone"])
                                for item in load("departements")],
        "epci.csv.gz": [(item["code"], item["nom"], item["type"]) for item in epcis],
        "communes.csv.gz": [
            (item["code"], item["nom"], item["departement"], item["region"],
             epci_of.get(item["code"], ""), item.get("population", ""), item["zone"])
            for item in actual],
        "arrondissements_municipaux.csv.gz": [
            (item["code"], item["nom"], item["commune"], item["departement"], item["region"],
             item.get("population", ""))
            for item in communes if item["type"] == "arrondissement-municipal"],
        "anciens_codes.csv.gz": sorted(current_codes(communes).items()),
    }
    return {name: sorted(values) for name, values in rows.items()}


def csv_gzip(columns: tuple[str, ...], rows: list[tuple]) -> bytes:
    """Return `rows` as `;`-separated UTF-8 CSV, gzip'd without a timestamp (same input, same bytes)."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return gzip.compress(text.getvalue().encode("utf-8"), compresslevel=9, mtime=0)


def build(package: Path, target: Path = REFERENCE_DIR) -> dict[str, int]:
    """Write every reference file of the package folder into target; return {file: rows}."""
    manifest = json.loads((package / "package.json").read_text(encoding="utf-8"))
    target.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, rows in tables(package / "data").items():
        (target / name).write_bytes(csv_gzip(COLUMNS[name], rows))
        written[name] = len(rows)
    (target / "VERSION").write_text(f"{manifest['name']}@{manifest['version']}\n", encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Construit le référentiel des territoires livré (data/reference/cog).")
    parser.add_argument("--package", type=Path, required=True,
                        help=f"dossier décompressé du paquet npm {PACKAGE} (package.json, data/)")
    parser.add_argument("--target", type=Path, default=REFERENCE_DIR)
    args = parser.parse_args(argv)
    if not (args.package / "package.json").is_file() or not (args.package / "data").is_dir():
        print(f"« {args.package} » n'est pas le dossier du paquet {PACKAGE} (package.json et "
              "data/ attendus) : lancez « npm pack » puis décompressez l'archive.", file=sys.stderr)
        return 2
    for name, count in build(args.package, args.target).items():
        print(f"{name} : {count} lignes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
