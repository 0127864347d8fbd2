"""`audit-secret [--indicator CODE]`: the attacker's linear programme over what is published
(DATA-CONTRACT.md §7). Reads the published snapshot only; exit code 1 when a cell is exposed."""

from __future__ import annotations

import json

from observatory import db, engine, formatting, secret_audit
from observatory.commands.data import output_format
from observatory.errors import ObservatoryError

EXIT_OK, EXIT_EXPOSED = 0, 1


def register(subparsers) -> None:
    audit = subparsers.add_parser(
        "audit-secret", help="vérifier le secret statistique des chiffres publiés",
        description="Résout le programme linéaire d'un attaquant qui connaît tous les chiffres "
                    "publiés (tous niveaux, communes par département et par EPCI, taux, "
                    "numérateurs, dénominateurs, effectifs ≥ 0, numérateur ≤ dénominateur) et "
                    "liste chaque chiffre secret qu'il encadrerait plus étroitement que son seuil.")
    audit.add_argument("--indicator", metavar="CODE",
                       help="un indicateur (avec ceux que ses taux relient à lui)")
    audit.add_argument("--format", type=output_format, default="text",
                       help="format : text (défaut) ou json")
    audit.set_defaults(run=run_audit)


def run_audit(args) -> int:
    snapshot = db.current_snapshot()
    if snapshot is None:
        raise ObservatoryError(
            "Aucune donnée publiée : lancez « python -m observatory init --demo ».")
    con = db.connect(snapshot, read_only=True)
    try:
        if args.indicator is not None:
            engine.check_indicator(con, args.indicator)
        report = secret_audit.audit_secret(con, args.indicator)
    finally:
        con.close()
    if args.format == "json":
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        print(format_report(report))
    return EXIT_EXPOSED if report.exposed else EXIT_OK


def format_report(report: secret_audit.AuditReport) -> str:
    """Return the audit in French: counts, then each exposed cell and its interval."""
    lines = [f"Chiffres secrets : {formatting.format_number(report.cells_secret)} "
             f"(dont {formatting.format_number(report.cells_primary)} en secret primaire)."]
    if not report.exposed:
        lines.append("Aucun chiffre secret ne peut être encadré plus étroitement que son seuil.")
        return "\n".join(lines)
    lines.append(f"{len(report.exposed)} chiffre(s) secret(s) exposé(s) : les chiffres publiés "
                 "les encadrent plus étroitement que leur seuil. Relancez un import (ou "
                 "« python -m observatory init ») pour reconstruire les chiffres publiés.")
    for cell in report.exposed:
        lines.append(
            f"  - {cell.indicateur}, {cell.niveau} {cell.territoire}, {cell.annee} : entre "
            f"{formatting.format_number(cell.minimum, 2)} et "
            f"{formatting.format_number(cell.maximum, 2)} (seuil {cell.seuil})")
    return "\n".join(lines)
