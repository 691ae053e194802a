"""What every sub-command shares: the --db option and opening the database it names."""

import argparse
from pathlib import Path

from coorace_desktop.storage.database import Database, open_database
from coorace_desktop.storage.paths import DB_ENV_VAR, default_database_path


class CommandError(Exception):
    """A command that cannot do what was asked; the message is shown to the user as is."""


def database_parent() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a sub-command without --db keeps the value given before it (the top-level
    # parser defaults it to None), instead of overwriting it.
    parent.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="FICHIER",
        help=f"fichier de base de données (défaut : ${DB_ENV_VAR}, sinon {default_database_path()})",
    )
    return parent


def database_path(arguments: argparse.Namespace) -> Path:
    return arguments.db or default_database_path()


def open_existing(arguments: argparse.Namespace) -> Database:
    return open_database(database_path(arguments))
