"""`init`, `import`, `batches`, `rollback`: the data commands of DATA-CONTRACT.md §4.

Writes open the working database through `db.writing()` and publish a snapshot at the end;
a rejected import, a refused rollback and a dry run publish nothing and change nothing.
Reads (`batches`, `import --dry-run`) use the published snapshot, which the command line
brings up to date first (`db.catch_up`); `batches` never waits for a running import, a dry
run waits for its snapshot so as to compare with the working database's current state.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

from observatory import (
    batches,
    csvread,
    db,
    demo,
    fileshape,
    importer,
    settings,
    staff,
    territory_reference,
    updates,
)
from observatory.datasets import LOAD_ORDER, get_dataset
from observatory.errors import ImportFileError, RollbackRefused
from observatory.import_report import ImportReport, format_report

EXIT_OK, EXIT_REJECTED = 0, 1


def register(subparsers) -> None:
    init = subparsers.add_parser(
        "init", help="créer ou mettre à jour la base",
        description="Crée la base de travail (OBSERVATORY_DB) ou met son schéma à jour.")
    init.add_argument("--demo", action="store_true",
                      help="charger ensuite les données de démonstration (data/demo)")
    init.add_argument("--region", nargs="?", const="", metavar="CODE",
                      help="charger les territoires et les contours d'une région depuis le "
                           "référentiel officiel livré (COG 2026) ; sans CODE : "
                           "OBSERVATORY_REGION")
    init.add_argument("--user", type=user_name,
                      help="nom de la personne qui initialise (par défaut : $USER)")
    init.set_defaults(run=run_init)

    load = subparsers.add_parser(
        "import", help="valider puis importer un fichier CSV ou un classeur",
        description="Valide entièrement FILE comme jeu de données DATASET, puis l'applique en un "
                    "seul lot (sauf avec --dry-run). Code de sortie : 0 appliqué ou validé, "
                    "1 refusé, 2 erreur d'utilisation ou de lecture.")
    load.add_argument("dataset", metavar="DATASET", help=f"jeu de données : {', '.join(LOAD_ORDER)}")
    load.add_argument("file", metavar="FILE", type=Path,
                      help="fichier à importer : CSV/TSV/TXT, classeur .xlsx ou .ods")
    load.add_argument("--dry-run", action="store_true",
                      help="valider seulement et montrer ce qui changerait (avant → après), "
                           "sans rien écrire")
    load.add_argument("--replace", action="store_true",
                      help="le fichier est le jeu de données entier : les lignes absentes sont "
                           "supprimées (pour observations : celles des indicateurs du fichier)")
    load.add_argument("--sheet", metavar="S",
                      help="feuille du classeur à lire (nom ou numéro ; par défaut la première "
                           "dont l'en-tête est reconnu)")
    load.add_argument("--header-row", metavar="N", type=_header_row,
                      help="numéro de la ligne d'en-tête (par défaut trouvée sous les lignes de titre)")
    load.add_argument("--map", metavar="SRC=DST", action="append", default=[],
                      type=_option(fileshape.parse_map),
                      help="la colonne SRC du fichier est la colonne DST du contrat")
    load.add_argument("--set", metavar="COL=VALUE", action="append", default=[],
                      type=_option(fileshape.parse_set),
                      help="donner à toutes les lignes la valeur VALUE dans la colonne COL")
    load.add_argument("--wide", metavar="PATTERN[=INDICATOR]", action="append", default=[],
                      type=_option(fileshape.parse_wide),
                      help="une valeur par cellule des colonnes dont l'en-tête correspond à "
                           "PATTERN ({annee}, {aa}, {indicateur}), par ex. \"P{aa}_POP=population\"")
    load.add_argument("--template", metavar="NAME",
                      help="appliquer le modèle d'import enregistré sous NAME")
    load.add_argument("--save-template", metavar="NAME",
                      help="enregistrer la feuille, la ligne d'en-tête et la correspondance sous NAME")
    load.add_argument("--user", type=user_name,
                      help="nom de la personne qui importe (par défaut : $USER)")
    load.add_argument("--format", type=output_format, default="text",
                      help="format du compte rendu : text (défaut) ou json")
    load.set_defaults(run=run_import)

    journal = subparsers.add_parser(
        "batches", help="lister les lots importés", description="Liste les lots, du plus récent au plus ancien.")
    journal.add_argument("--format", type=output_format, default="text",
                         help="format : text (défaut) ou json")
    journal.set_defaults(run=run_batches)

    undo = subparsers.add_parser(
        "rollback", help="annuler un lot",
        description="Annule un lot : supprime les lignes qu'il a ajoutées et rétablit celles qu'il "
                    "a modifiées. Refusé si un lot plus récent a modifié les mêmes lignes.")
    undo.add_argument("batch_id", metavar="BATCH_ID", type=_batch_number, help="numéro du lot")
    undo.add_argument("--user", type=user_name,
                      help="nom de la personne qui annule (par défaut : $USER)")
    undo.set_defaults(run=run_rollback)


def output_format(text: str) -> str:
    """Return `text` when it is an output format of the commands (text or json)."""
    if text not in ("text", "json"):
        raise argparse.ArgumentTypeError(f"« {text} » : choisissez text ou json")
    return text


def _option(parse):
    """Return an argparse type that parses a mapping option, refusing it in French."""
    def parsed(text: str):
        try:
            return parse(text)
        except fileshape.ShapeError as error:
            raise argparse.ArgumentTypeError(str(error)) from None
    return parsed


def _header_row(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"« {text} » : indiquez le numéro de la ligne "
                                         "d'en-tête tel que le tableur l'affiche (1, 2, …)")
    return int(text)


def _batch_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {text} » n'est pas un numéro de lot") from None


def user_name(text: str) -> str:
    """Return a `--user` value as the batch history records it, or refuse it in French."""
    name = staff.clean_user_name(text)
    if not name:
        raise argparse.ArgumentTypeError("le nom ne peut pas être vide")
    if len(name) > staff.USER_NAME_MAX_CHARS:
        raise argparse.ArgumentTypeError(
            f"le nom compte {len(name)} caractères, {staff.USER_NAME_MAX_CHARS} au plus")
    return name


def default_user() -> str:
    """Return the user recorded in batches when --user is not given."""
    return os.environ.get("USER") or "inconnu"


def run_init(args) -> int:
    if args.demo:
        missing = [name for name in demo.DEMO_FILES.values() if not (demo.DEMO_DIR / name).is_file()]
        if missing:
            raise ImportFileError(
                f"Données de démonstration introuvables dans {demo.DEMO_DIR} "
                f"({', '.join(missing)}) : régénérez-les avec « python -m observatory.demo_generator ».")
    region = None
    if args.region is not None:
        region = territory_reference.region_code(args.region or settings.get("OBSERVATORY_REGION"))
    path = settings.database_path()
    with db.writing(path) as con:
        reports = demo.load_demo(con) if args.demo else []
        if region is not None and not any(report.status == "rejected" for report in reports):
            loaded = territory_reference.load_region(con, region, args.user or default_user())
            if loaded is None:
                print(f"Région {region} : les territoires sont déjà à jour, rien n'a changé.")
            else:
                reports.append(loaded)
    print(f"Base prête : {path}")
    for report in reports:
        print(format_report(report))
    return EXIT_REJECTED if any(report.status == "rejected" for report in reports) else EXIT_OK


def run_import(args) -> int:
    dataset = get_dataset(args.dataset).name
    if args.dry_run and args.save_template:
        raise ImportFileError(
            "--save-template enregistre le modèle avec l'import, or un essai (--dry-run) "
            "n'écrit rien : relancez sans --dry-run pour enregistrer le modèle.")
    data = read_file(args.file)
    user = args.user or default_user()
    options = {"shape": fileshape.FileShape(args.sheet, args.header_row, args.map, args.set, args.wide),
               "replace": args.replace, "template": args.template}
    if args.dry_run:
        report = _dry_run(dataset, data, args.file.name, options)
    else:
        # A rejected file leaves the working database as it was and publishes nothing.
        report = updates.apply_upload(dataset, data, args.file.name, user,
                                      save_template=args.save_template, **options)
    if args.format == "json":
        print(json.dumps(report.to_json_dict(), ensure_ascii=False))
    else:
        print(format_report(report))
    return EXIT_REJECTED if report.status == "rejected" else EXIT_OK


def read_file(path: Path) -> bytes:
    """Return the bytes of a file to import, or raise a French ImportFileError."""
    try:
        if path.is_dir():
            raise ImportFileError(f"« {path} » est un dossier : indiquez un fichier CSV.")
        csvread.check_size(path.stat().st_size)
        return path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"Fichier introuvable : « {path} ». Vérifiez le chemin.") from None
    except PermissionError:
        raise ImportFileError(
            f"Le fichier « {path} » ne peut pas être lu : droits insuffisants.") from None
    except OSError as error:
        raise ImportFileError(
            f"Le fichier « {path} » ne peut pas être lu ({error.strerror or error}).") from None


def _dry_run(dataset: str, data: bytes, file_name: str, options: dict) -> ImportReport:
    """Validate against the working database's state (read-only): nothing is written or published.

    That state is the snapshot's once no write is pending: wait for a running one to publish.
    """
    db.catch_up(settings.database_path(), wait_s=db.LOCK_WAIT_S)
    snapshot = db.current_snapshot()
    con = db.connect(snapshot, read_only=True) if snapshot else db.connect_memory()
    try:
        return importer.validate_file(con, dataset, data, file_name, **options)
    finally:
        con.close()


def run_batches(args) -> int:
    snapshot = db.current_snapshot()
    if snapshot is None:
        rows = []
    else:
        con = db.connect(snapshot, read_only=True)
        try:
            rows = _batch_records(batches.list_batches(con))
        finally:
            con.close()
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False))
    else:
        print(format_batches(rows))
    return EXIT_OK


def _batch_records(frame) -> list[dict]:
    """Return the batches as JSON-ready dicts (timestamps in ISO 8601, missing values as None)."""
    records = []
    for row in frame.to_dict(orient="records"):
        record = {}
        for name, value in row.items():
            if hasattr(value, "isoformat"):
                value = None if str(value) == "NaT" else value.isoformat()
            elif isinstance(value, float) and math.isnan(value):
                value = None
            elif hasattr(value, "tolist"):
                value = value.tolist()
            elif hasattr(value, "item"):
                value = value.item()
            record[name] = value
        records.append(record)
    return records


def format_batches(rows: list[dict]) -> str:
    """Return the batch list as a French text table."""
    if not rows:
        return "Aucun lot : la base n'a encore reçu aucun import."
    table = [("Lot", "Jeu de données", "Fichier", "Par", "Appliqué le", "Lues", "Ajoutées",
              "Modifiées", "Inchangées", "État")]
    for row in rows:
        state = ("annulé le " + row["rolled_back_at"][:16].replace("T", " ")
                 + f" par {row['rolled_back_by']}") if row["rolled_back_at"] else "appliqué"
        table.append((str(row["batch_id"]), row["dataset"], row["file_name"], row["user_name"],
                      row["applied_at"][:16].replace("T", " "), str(row["rows_read"]),
                      str(row["inserted"]), str(row["updated"]), str(row["unchanged"]), state))
    widths = [max(len(line[index]) for line in table) for index in range(len(table[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
                     for line in table)


def run_rollback(args) -> int:
    user = args.user or default_user()
    try:
        with db.writing() as con:
            summary = batches.rollback_batch(con, args.batch_id, user)
    except RollbackRefused as refused:
        print(f"Annulation refusée : {refused}", file=sys.stderr)
        return EXIT_REJECTED
    print(f"Lot n° {summary.batch_id} annulé (« {summary.dataset} ») : "
          f"{summary.deleted} ligne(s) ajoutée(s) par ce lot supprimée(s), "
          f"{summary.restored} ligne(s) rétablie(s) dans leur version précédente.")
    return EXIT_OK
