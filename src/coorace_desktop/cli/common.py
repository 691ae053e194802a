"""What every sub-command shares: the --db and --database-url options and opening the database they name."""

import argparse
import os
import select
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from coorace_desktop.domain import validation
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.storage.paths import (
    DATABASE_URL_ENV_VAR,
    DB_ENV_VAR,
    default_database_path,
    default_database_target,
    private_folder,
)

if TYPE_CHECKING:
    from coorace_desktop.storage.database import Database


def year_argument(text: str) -> int:
    """--year AAAA, within the years the application knows (argparse turns a refusal into a French usage line)."""
    try:
        return validation.year(int(text))
    except (ValueError, ValidationError) as error:
        raise argparse.ArgumentTypeError(f"année invalide : {text} (attendu AAAA, entre 1900 et 2200)") from error


# Person numbers are 32-bit integers on PostgreSQL (and fit SQLite's 64 bits).
LARGEST_PERSON_NUMBER = 2**31 - 1


def person_argument(text: str) -> str:
    """PERSONNE: a name, or a number within those a person can have (a larger one would overflow
    the database's integers); argparse turns a refusal into a French usage line."""
    if text.strip().isdecimal() and not 1 <= int(text) <= LARGEST_PERSON_NUMBER:
        from coorace_desktop.domain.french import number  # loads Babel: only for this message

        raise argparse.ArgumentTypeError(
            f"numéro de personne invalide : {text} (attendu un numéro de 1 à {number(LARGEST_PERSON_NUMBER)}, ou un nom)"
        )
    return text


class CommandError(ValidationError):
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

    database = open_database(database_target(arguments))
    for note in database.migration_notes:  # on stderr: stdout stays the command's own output
        print(f"Base mise à jour : {note}", file=sys.stderr)
    return database


def open_for_reading(arguments: argparse.Namespace) -> "Database":
    """The database opened read-only: a command that only reads never changes a byte of the file."""
    from coorace_desktop.storage.database import open_database

    return open_database(database_target(arguments), read_only=True)


def output_target(text: str, default_name: str | None = None) -> Path:
    """-o: a path ending in a separator, or an existing folder, is a folder (created when missing,
    readable by its owner only: exports hold personal data), where the file is `default_name`
    (or the folder itself when None); anything else is the file."""
    path = Path(text)
    separators = (os.sep, os.altsep) if os.altsep else (os.sep,)
    if not (text.endswith(separators) or path.is_dir()):
        return path
    try:
        private_folder(path)
    except FileExistsError as error:
        raise CommandError(f"{path} est un fichier, pas un dossier : enlevez le séparateur final pour l'écrire.") from error
    return path / default_name if default_name else path


def exit_code(command: Callable[[], int]) -> int:
    """Run a command: a failure the user can act on is one French line on stderr and exit 1 (the
    window's classification, storage.errors.user_message); a bug propagates with its traceback.

    A reader that stops early (`backup … | head -1`) is no failure of the command: exit 0."""
    try:
        code = command()
        sys.stdout.flush()  # a closed pipe shows here rather than at exit, where Python reports it
        return code
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 1
    except BrokenPipeError as error:
        if not _stdout_closed():
            print(f"Erreur : {_user_message(error)}", file=sys.stderr)
            return 1
        # Python flushes stdout again at exit: point it at the null device so that it stays quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:
        message = _user_message(error)
        if message is None:
            raise
        print(f"Erreur : {message}", file=sys.stderr)
        return 1


def _user_message(error: BaseException) -> str | None:
    from coorace_desktop.storage.errors import user_message  # loads SQLAlchemy: not before the window paints

    return user_message(error)


def _stdout_closed() -> bool:
    """Whether the reader of stdout went away (POLLERR on a pipe whose reading end is closed)."""
    if not hasattr(select, "poll"):  # Windows: a broken pipe in a command is stdout's
        return True
    poller = select.poll()
    try:
        poller.register(sys.stdout.fileno(), 0)  # POLLERR is reported whatever the mask
    except (AttributeError, OSError, ValueError):  # stdout replaced (tests) or closed
        return False
    return any(events & select.POLLERR for _, events in poller.poll(0))
