"""`python -m observatory …`: the command line. French messages, exit codes 0/1/2, no traceback.

Each module of `observatory.commands` adds its sub-commands with `register(subparsers)`;
a sub-command's `run(args)` returns the exit code.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from observatory.errors import ObservatoryError

COMMAND_MODULES = ("data", "geo", "values", "bench", "staff")
EXIT_USAGE = 2


class FrenchArgumentParser(argparse.ArgumentParser):
    """argparse that reports usage errors in French with exit code 2."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"Erreur d'utilisation : {message}\n"
                              f"Voir « {self.prog} --help ».\n")


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(
        prog="python -m observatory",
        description="Observatoire régional de l'innovation sociale : base de données, "
                    "imports, géographie et chiffres publiés.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMANDE",
                                       parser_class=FrenchArgumentParser)
    subparsers.required = True
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"observatory.commands.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"observatory.commands.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except ObservatoryError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"Erreur d'entrée-sortie : {error.strerror or error} "
              f"({getattr(error, 'filename', '') or ''})", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("Interrompu : la base n'a pas été modifiée par l'opération en cours.",
              file=sys.stderr)
        return 130
