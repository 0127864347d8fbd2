"""`bench`: build a synthetic observatory in a temporary folder and measure it (issue 6, BENCHMARKS.md).

The user's database is never opened: everything happens in a temporary folder (or `--workdir`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

EXIT_OK = 0


def register(subparsers) -> None:
    bench = subparsers.add_parser(
        "bench", help="mesurer les performances sur un observatoire synthétique",
        description="Construit un observatoire synthétique dans un dossier temporaire (jamais la "
                    "base de l'utilisateur), puis mesure l'import, les pages (AppTest), le moteur, "
                    "les cartes, la mémoire, le plancher de Streamlit et la référence pandas. "
                    "Voir BENCHMARKS.md.")
    bench.add_argument("--scale", choices=("demo", "large"), default="demo",
                       help="taille : demo (rapide, défaut) ou large (≈ 2 millions d'observations)")
    bench.add_argument("--json", type=Path, metavar="FILE", help="écrire le rapport JSON dans FILE")
    bench.add_argument("--workdir", type=Path, metavar="DIR",
                       help="garder l'observatoire construit dans DIR (au lieu d'un dossier temporaire)")
    bench.set_defaults(run=run)


def run(args) -> int:
    from observatory.bench import report

    result = report.run(args.scale, args.workdir,
                        progress=lambda message: print(message, file=sys.stderr, flush=True))
    if args.json:
        report.write_json(result, args.json)
    print(report.format_table(result))
    print(json.dumps(result, ensure_ascii=False))
    return EXIT_OK
