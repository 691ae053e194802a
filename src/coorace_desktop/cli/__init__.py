"""The command line: the same services as the window, without Qt.

`coorace-desktop` alone opens the window; each sub-command lives in a module of this package
that registers itself on the parser. Known failures print one French line on stderr (exit 1);
usage errors exit 2."""

import argparse
import sys

from coorace_desktop import __version__
from coorace_desktop.cli import (
    accompaniment_commands,
    backup_commands,
    database_commands,
    events_commands,
    governance_commands,
    report_command,
    server_commands,
    transfer_commands,
)
from coorace_desktop.cli.common import CommandError, database_parent, exit_code

COMMAND_MODULES = [database_commands, transfer_commands, governance_commands, backup_commands, accompaniment_commands, report_command, events_commands, server_commands]


class FrenchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        self.exit(2, f"Erreur d'utilisation : {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(
        prog="coorace-desktop",
        description="Coorace Desktop. Sans sous-commande, ouvre la fenêtre de l'application.",
        parents=[database_parent()],
    )
    parser.set_defaults(db=None, database_url=None)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--demo", action="store_true", help="ouvrir les données de démonstration 2020")
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=FrenchArgumentParser)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    return exit_code(lambda: run(arguments))


def run(arguments: argparse.Namespace) -> int:
    if arguments.command is None:
        from coorace_desktop.app import run_application

        if arguments.db and arguments.database_url:
            raise CommandError("Donnez --db (un fichier) ou --database-url (un serveur), pas les deux.")
        return run_application(arguments.db, demo=arguments.demo, database_url=arguments.database_url)
    return arguments.run(arguments)
