"""What every sub-command shares: the --db and --database-url options and opening the database they name."""

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from coorace_desktop.storage.paths import (
    DATABASE_URL_ENV_VAR,
    DB_ENV_VAR,
    default_database_path,
    default_database_target,
)

if TYPE_CHECKING:
    from coorace_desktop.storage.database import Database


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
    parent.add_argument(
        "--database-url",
        default=argparse.SUPPRESS,
        metavar="URL",
        help=f"base partagée sur un serveur PostgreSQL, postgresql://utilisateur@serveur/base (défaut : ${DATABASE_URL_ENV_VAR} ; "
        "le mot de passe se met plutôt dans ~/.pgpass ou $PGPASSWORD que dans l'URL)",
    )
    return parent


def database_target(arguments: argparse.Namespace) -> Path | str:
    """--database-url, else --db, else $COORACE_DATABASE_URL, else $COORACE_DB or the default file."""
    url, path = getattr(arguments, "database_url", None), getattr(arguments, "db", None)
    if url and path:
        raise CommandError("Donnez --db (un fichier) ou --database-url (un serveur), pas les deux.")
    return url or path or default_database_target()


def database_path(arguments: argparse.Namespace) -> Path:
    """The database file, for the commands that work on a SQLite file only."""
    target = database_target(arguments)
    if isinstance(target, str):
        raise CommandError(
            f"Cette commande travaille sur un fichier SQLite, pas sur une base de serveur ({target.split('://')[0]}://…)."
        )
    return target


def open_existing(arguments: argparse.Namespace) -> "Database":
    from coorace_desktop.storage.database import open_database  # not loaded when the window starts

    return open_database(database_target(arguments))
