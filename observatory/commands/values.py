"""`values INDICATOR …`: the figures exactly as the dashboard publishes them (DATA-CONTRACT.md §4).

Reads the published snapshot only (read-only), so it never waits for a running import.
"""

from __future__ import annotations

import argparse
import json

import pandas as pd

from observatory import db, engine, formatting, sqlstore
from observatory.codes import typed_code
from observatory.commands.data import output_format
from observatory.datasets import LEVELS
from observatory.errors import ObservatoryError

EXIT_OK = 0
JSON_KEYS = ("territoire", "niveau", "annee", "valeur", "etat", "calcule", "couverture",
             "unite", "statut", "source")
TEXT_HEADER = ("Territoire", "Niveau", "Année", "Valeur", "État", "Calculé", "Couverture",
               "Statut", "Source")
STATE_LABELS = {"publie": "publié", "secret": "secret", "absent": "pas de donnée"}


def register(subparsers) -> None:
    values = subparsers.add_parser(
        "values", help="afficher les chiffres publiés d'un indicateur",
        description="Affiche les chiffres d'un indicateur tels que le tableau de bord les publie, "
                    "après agrégation et secret statistique.")
    values.add_argument("indicator", metavar="INDICATOR", help="code de l'indicateur")
    values.add_argument("--level", type=_level, help=f"niveau : {', '.join(LEVELS)}")
    values.add_argument("--year", type=_year, help="année")
    values.add_argument("--territory", help="code du territoire")
    values.add_argument("--format", type=output_format, default="text",
                        help="format : text (défaut) ou json")
    values.set_defaults(run=run_values)


def _level(text: str) -> str:
    if text not in LEVELS:
        raise argparse.ArgumentTypeError(f"« {text} » : choisissez parmi {', '.join(LEVELS)}")
    return text


def _year(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {text} » n'est pas une année") from None


def published_frame(args) -> pd.DataFrame:
    """Return the published figures asked for, read from the current snapshot."""
    snapshot = db.current_snapshot()
    if snapshot is None:
        raise ObservatoryError(
            "Aucune donnée publiée : lancez « python -m observatory init --demo ».")
    con = db.connect(snapshot, read_only=True)
    try:
        engine.check_indicator(con, args.indicator)
        territory = args.territory
        if territory is not None:
            known = {row[0] for row in sqlstore.rows(con, "reference_codes")}
            territory = typed_code(territory, known) or territory
        return engine.indicator_values(con, args.indicator, level=args.level, year=args.year,
                                       territory=territory)
    finally:
        con.close()


def run_values(args) -> int:
    frame = published_frame(args)
    if args.format == "json":
        print(json.dumps(json_records(frame), ensure_ascii=False))
    else:
        print(format_values(frame))
    return EXIT_OK


def _plain(value):
    """Return a JSON-ready value: None for missing, Python scalars for NumPy ones."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def json_records(frame: pd.DataFrame) -> list[dict]:
    """Return the figures as dicts with the contract's keys, in the contract's order."""
    return [{key: _plain(row[key]) for key in JSON_KEYS}
            for row in frame.to_dict(orient="records")]


def format_values(frame: pd.DataFrame) -> str:
    """Return the figures as a French text table (French number formatting)."""
    if frame.empty:
        return "Aucun chiffre publié pour ces critères."
    table = [TEXT_HEADER]
    for row in frame.to_dict(orient="records"):
        table.append((
            f"{row['nom']} ({row['territoire']})", row["niveau"], str(row["annee"]),
            formatting.format_value(row["valeur"], row["unite"], row["etat"]),
            STATE_LABELS[row["etat"]], "oui" if row["calcule"] else "non",
            _plain(row["couverture"]) or "", _plain(row["statut"]) or "",
            _plain(row["source"]) or ""))
    widths = [max(len(line[index]) for line in table) for index in range(len(TEXT_HEADER))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
                     .rstrip() for line in table)
