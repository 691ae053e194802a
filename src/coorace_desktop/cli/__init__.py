"""The command line: the same services as the window, without Qt.

`coorace-desktop` alone opens the window; each sub-command lives in a module of this package
that registers itself on the parser, imported only when its sub-command runs (or for --help).
Known failures print one French line on stderr (exit 1); usage errors exit 2."""

import argparse
import sys
from importlib import import_module
from pathlib import Path

from coorace_desktop import __version__
from coorace_desktop.cli.common import CommandError, database_parent, exit_code

# Each sub-command and the module (in this package) that registers it, in the order --help lists them.
COMMANDS = {
    "demo": "database_commands", "check": "database_commands",
    "import": "transfer_commands", "export": "transfer_commands",
    "board": "governance_commands",
    "backup": "backup_commands", "restore": "backup_commands", "backups": "backup_commands",
    "export-person": "backup_commands", "erase-person": "backup_commands",
    "accompaniment": "accompaniment_commands",
    "report": "report_command",
    "events": "events_commands",
    "fees": "fees_commands",
    "transfer": "server_commands",
    "letters": "letters_commands", "labels": "letters_commands",
    "reference": "reference_commands",
}
OPTIONS_WITH_VALUE = ("--db", "--database-url")


class FrenchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        self.exit(2, f"Erreur d'utilisation : {message}\n")


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser, with only the sub-command `argv` names registered (see _modules_for)."""
    parser = FrenchArgumentParser(
        prog="coorace-desktop",
        description="Coorace Desktop. Sans sous-commande, ouvre la fenêtre de l'application.",
        parents=[database_parent()],
    )
    parser.set_defaults(db=None, database_url=None)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--demo", action="store_true", help="ouvrir les données de démonstration 2020")
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=FrenchArgumentParser)
    for module in _modules_for(sys.argv[1:] if argv is None else argv):
        import_module(f"coorace_desktop.cli.{module}").register(commands)
    return parser


def _modules_for(argv: list[str]) -> list[str]:
    """The named sub-command's module; none for the window (no sub-command); every one for
    --help or an unknown sub-command, so that they are listed."""
    positional = _first_positional(argv)
    if positional in COMMANDS:
        return [COMMANDS[positional]]
    if positional is None and not {"-h", "--help"} & set(argv):
        return []
    return list(dict.fromkeys(COMMANDS.values()))


def _first_positional(argv: list[str]) -> str | None:
    index = _first_positional_index(argv)
    return None if index is None else argv[index]


def _first_positional_index(argv: list[str]) -> int | None:
    """Where the first argument that is neither an option nor an option's value (--db FICHIER) is."""
    skip = False
    for index, argument in enumerate(argv):
        if skip:
            skip = False
        elif argument in OPTIONS_WITH_VALUE:
            skip = True
        elif not argument.startswith("-"):
            return index
    return None


def _file_as_db(argv: list[str]) -> list[str]:
    """`coorace-desktop FILE` (how a file manager's Ouvrir avec, or the Linux desktop entry's %f,
    passes a file) opens the window on it, as --db FILE does."""
    index = _first_positional_index(argv)
    if index is None or argv[index] in COMMANDS or not Path(argv[index]).is_file():
        return argv
    return [*argv[:index], "--db", argv[index], *argv[index + 1:]]


def main(argv: list[str] | None = None) -> int:
    argv = _file_as_db(sys.argv[1:] if argv is None else argv)
    arguments = build_parser(argv).parse_args(argv)
    return exit_code(lambda: run(arguments))


def run(arguments: argparse.Namespace) -> int:
    if arguments.command is None:
        from coorace_desktop.app import run_application

        if arguments.db and arguments.database_url:
            raise CommandError("Donnez --db (un fichier) ou --database-url (un serveur), pas les deux.")
        return run_application(arguments.db, demo=arguments.demo, database_url=arguments.database_url)
    return arguments.run(arguments)
