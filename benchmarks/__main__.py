"""`python -m benchmarks COMMAND …`: the benchmarks' command line, French like the observatory's.

`pages` is what `python -m observatory bench` was until #13 item 7; `load` and `hostile-csv`
hand the rest of the line to `python -m benchmarks.load` and `python -m benchmarks.hostile_csv`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

from observatory.cli import FrenchArgumentParser, french_argparse

# Commands whose module parses its own options: `main(argv)` gets the rest of the line.
PASSED_ON = {"load": "benchmarks.load", "hostile-csv": "benchmarks.hostile_csv"}


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_pages(args) -> int:
    # Imported here: the report pulls in geopandas and the whole package, not needed for --help.
    from benchmarks import report

    result = report.run(args.scale, args.workdir, progress=progress)
    if args.json:
        report.write_json(result, args.json)
    print(report.format_table(result))
    print(json.dumps(result, ensure_ascii=False))
    return 0


def run_import(args) -> int:
    from benchmarks import import_speed, import_wide

    figures = (import_wide.measure(args.communes) if args.wide_xlsx else import_speed.measure(args.rows))
    print(json.dumps(figures, ensure_ascii=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(
        prog="python -m benchmarks",
        description="Mesures de performance de l'observatoire, hors du paquet : jamais la base "
                    "de l'utilisateur, rien d'écrit dans le dépôt. « load » et « hostile-csv » "
                    "ont leurs propres options (« load --help »). Voir BENCHMARKS.md.")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMANDE",
                                       parser_class=FrenchArgumentParser)
    subparsers.required = True
    pages = subparsers.add_parser(
        "pages", help="mesurer les performances sur un observatoire synthétique",
        description="Construit un observatoire synthétique dans un dossier temporaire (jamais la "
                    "base de l'utilisateur), puis mesure l'import, les pages (AppTest), le moteur, "
                    "les cartes, la mémoire, le plancher de Streamlit et la référence pandas. "
                    "Voir BENCHMARKS.md.")
    pages.add_argument("--scale", choices=("demo", "large"), default="demo",
                       help="taille : demo (rapide, défaut) ou large (≈ 2 millions d'observations)")
    pages.add_argument("--json", type=Path, metavar="FILE", help="écrire le rapport JSON dans FILE")
    pages.add_argument("--workdir", type=Path, metavar="DIR",
                       help="garder l'observatoire construit dans DIR (au lieu d'un dossier temporaire)")
    pages.set_defaults(run=run_pages)
    speed = subparsers.add_parser(
        "import", help="mesurer la vitesse de l'import CSV",
        description="Mesure la vitesse de l'import CSV : un premier chargement, le même fichier "
                    "de nouveau, puis le fichier refusé pour une valeur erronée près de sa fin ; "
                    "avec --wide-xlsx, celle d'un classeur large (un premier chargement, puis le "
                    "même classeur de nouveau).")
    speed.add_argument("--rows", type=int, default=1_000_000, metavar="N",
                       help="lignes du fichier d'observations (défaut 1 000 000)")
    speed.add_argument("--wide-xlsx", action="store_true",
                       help="mesurer plutôt un classeur .xlsx large façon INSEE (CODGEO ; P14_POP … "
                            "P23_POP : une colonne par année), --map et --wide, cible 50 000 lignes/s")
    speed.add_argument("--communes", type=int, default=100_000, metavar="N",
                       help="communes (lignes) du classeur large, 10 années chacune (défaut 100 000)")
    speed.set_defaults(run=run_import)
    subparsers.add_parser("load", add_help=False, help="visiteurs simultanés sur de vrais serveurs")
    subparsers.add_parser("hostile-csv", add_help=False,
                          help="un CSV aux colonnes vides en fin de ligne")
    return parser


def main(argv: list[str] | None = None) -> int:
    with french_argparse():
        parser = build_parser()
        args, rest = parser.parse_known_args(argv)
        if rest and args.command not in PASSED_ON:
            parser.error(argparse._("unrecognized arguments: %s") % " ".join(rest))
    if args.command in PASSED_ON:
        return importlib.import_module(PASSED_ON[args.command]).main(rest)
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
