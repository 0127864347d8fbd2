"""`python -m observatory …`: the command line. French messages, exit codes 0/1/2, no traceback.

Each module of `observatory.commands` adds its sub-commands with `register(subparsers)`;
a sub-command's `run(args)` returns the exit code.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import sys
from collections.abc import Iterator

import duckdb

from observatory import db, settings
from observatory.errors import ObservatoryError

COMMAND_MODULES = ("data", "geo", "values", "audit", "staff")
EXIT_USAGE = 2

# argparse's own texts (Python 3.11 msgids) in French: help headings and usage errors.
ARGPARSE_FRENCH = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "choix invalide : « %(value)s » (choisissez parmi %(choices)s)",
    "invalid %(type)s value: %(value)r": "valeur invalide (%(type)s) : « %(value)s »",
    "expected one argument": "une valeur est attendue",
    "expected at most one argument": "une valeur au plus est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "ambiguous option: %(option)s could match %(matches)s":
        "option ambiguë : %(option)s peut désigner %(matches)s",
    "not allowed with argument %s": "interdit avec l'argument %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "ignored explicit argument %r": "argument explicite ignoré : %r",
    "unexpected option string: %s": "option inattendue : %s",
}
ARGPARSE_FRENCH_PLURALS = {"expected %s argument": ("%s valeur attendue", "%s valeurs attendues")}


def _french(message: str) -> str:
    return ARGPARSE_FRENCH.get(message, message)


def _french_plural(singular: str, plural: str, n: int) -> str:
    if singular in ARGPARSE_FRENCH_PLURALS:
        one, many = ARGPARSE_FRENCH_PLURALS[singular]
        return one if n == 1 else many
    return singular if n == 1 else plural


@contextlib.contextmanager
def french_argparse() -> Iterator[None]:
    """Make argparse write its headings and errors in French while building and parsing."""
    # argparse looks its `_` and `ngettext` up at call time: swap them, then put them back.
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = _french, _french_plural
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


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
    with french_argparse():
        args = build_parser().parse_args(argv)
    try:
        # A command killed between its commit and its snapshot left the snapshot behind.
        db.catch_up(settings.database_path())
        return args.run(args)
    except ObservatoryError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"Erreur d'entrée-sortie : {error.strerror or error} "
              f"({getattr(error, 'filename', '') or ''})", file=sys.stderr)
        return EXIT_USAGE
    except duckdb.Error as error:
        # Disk full, corrupt file, …: the open transaction was rolled back; say so, no traceback.
        print("Erreur de la base de données, l'opération a été annulée et la base n'a pas été "
              f"modifiée : {str(error).splitlines()[0]}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        # Interrupted after its commit, a write is applied: the next command publishes it.
        print("Interrompu : l'opération en cours a été appliquée entièrement ou pas du tout ; "
              "« python -m observatory batches » montre l'état de la base.", file=sys.stderr)
        return 130
