"""`hash-password`: make the value of OBSERVATORY_STAFF_PASSWORD_HASH."""

from __future__ import annotations

import getpass
import sys

from observatory.staff import hash_password


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "hash-password",
        help="calculer l'empreinte du mot de passe des chargé·es d'études",
        description="Lit un mot de passe (saisie masquée, ou entrée standard) et affiche la "
                    "valeur à placer dans OBSERVATORY_STAFF_PASSWORD_HASH.",
    )
    parser.set_defaults(run=run)


def run(args) -> int:
    if sys.stdin.isatty():
        password = getpass.getpass("Mot de passe : ")
    else:
        password = sys.stdin.readline().rstrip("\n")
    if len(password) < 10:
        print("Erreur : choisissez un mot de passe d'au moins 10 caractères.", file=sys.stderr)
        return 2
    print(hash_password(password))
    return 0
