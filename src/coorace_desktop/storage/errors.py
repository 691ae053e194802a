"""Known failures, each with the French sentence the user reads, apart from bugs.

`user_message` is the one classification the window and the command line share: a refusal
the user can act on (domain validation, this storage family, a file that cannot be written)
gives its French sentence; anything else is a bug."""

import errno
import re

import sqlalchemy.exc

from coorace_desktop.domain.validation import ValidationError


class StorageError(Exception):
    """A failure the user can understand and act on (as opposed to a bug)."""


class DatabaseNotFoundError(StorageError):
    pass


class NotADatabaseError(StorageError):
    pass


class ForeignDatabaseError(StorageError):
    pass


class NewerSchemaError(StorageError):
    pass


class CorruptDatabaseError(StorageError):
    pass


class DiskFullError(StorageError):
    pass


class ReadOnlyError(StorageError):
    pass


class DatabaseLockedError(StorageError):
    pass


class ServerUnavailableError(StorageError):
    """The PostgreSQL server cannot be reached, refuses the login, or dropped the connection."""


class FileAccessError(StorageError):
    """A file or folder that cannot be read or written for a reason other than space or rights."""


# errno -> the kind of failure and why, in French; other errnos fall back on the system's text.
_FILE_FAILURES: dict[int, tuple[type[StorageError], str]] = {
    errno.ENOSPC: (DiskFullError, "le disque est plein"),
    errno.EDQUOT: (DiskFullError, "le disque est plein (quota atteint)"),
    errno.EROFS: (ReadOnlyError, "le support est en lecture seule, protégé en écriture"),
    errno.EACCES: (ReadOnlyError, "accès refusé (dossier ou fichier protégé)"),
    errno.EPERM: (ReadOnlyError, "accès refusé (opération non permise)"),
    errno.ENOENT: (FileAccessError, "ce dossier ou ce fichier n'existe pas"),
    errno.ENAMETOOLONG: (FileAccessError, "le nom du fichier est trop long"),
    errno.EISDIR: (FileAccessError, "c'est un dossier, pas un fichier"),
    errno.ENOTDIR: (FileAccessError, "une partie du chemin n'est pas un dossier"),
    errno.EPIPE: (FileAccessError, "le programme qui recevait les données s'est arrêté"),
}


_KNOWN_FAILURES = [
    ("database or disk is full", DiskFullError, "Le disque est plein : rien n'a été enregistré. Libérez de la place puis recommencez."),
    ("readonly database", ReadOnlyError, "La base est en lecture seule (ouverte en lecture seule, ou dossier ou fichier protégé) : rien n'a été enregistré."),
    ("database is locked", DatabaseLockedError, "La base est occupée par un autre programme : rien n'a été enregistré. Réessayez dans un instant."),
    ("malformed", CorruptDatabaseError, "La base de données est endommagée. Restaurez une sauvegarde (Fichier > Restaurer…)."),
    ("file is not a database", CorruptDatabaseError, "Ce fichier n'est pas une base de données lisible."),
    ("unable to open database", DatabaseNotFoundError, "Impossible d'ouvrir le fichier de base de données (dossier absent ou inaccessible)."),
    # PostgreSQL (psycopg passes the server's and libpq's English messages on).
    ("password authentication failed", ServerUnavailableError, "Le serveur refuse l'identifiant ou le mot de passe : vérifiez-les, puis reconnectez-vous."),
    ("no password supplied", ServerUnavailableError, "Le serveur demande un mot de passe : indiquez-le dans la connexion (ou dans ~/.pgpass)."),
    (re.compile(r'database "[^"]*" does not exist'), DatabaseNotFoundError, "Cette base n'existe pas sur le serveur : demandez à son administrateur de la créer (vide), puis reconnectez-vous."),
    (re.compile(r"could not translate host name|name or service not known|failed to resolve host"), ServerUnavailableError, "Serveur introuvable : vérifiez son nom dans l'adresse de connexion."),
    (re.compile(r"connection refused|connection timeout expired|timeout expired|no route to host|network is unreachable"), ServerUnavailableError, "Le serveur PostgreSQL ne répond pas (adresse, port, pare-feu ou serveur arrêté) : rien n'a été enregistré."),
    (re.compile(r"server closed the connection|terminating connection|consuming input failed|ssl syscall error"), ServerUnavailableError, "La connexion au serveur a été perdue : rien n'a été enregistré. Vérifiez le réseau, puis recommencez."),
    ("read-only transaction", ReadOnlyError, "La base est ouverte en lecture seule : rien n'a été enregistré."),
    (re.compile(r"deadlock detected|could not serialize access|lock timeout|could not obtain lock"), DatabaseLockedError, "La base est occupée par un autre poste : rien n'a été enregistré. Réessayez dans un instant."),
    (re.compile(r"no space left on device|could not extend file|disk quota exceeded"), DiskFullError, "Le disque du serveur est plein : rien n'a été enregistré. Prévenez l'administrateur du serveur."),
    (re.compile(r"permission denied for|must be owner of"), ReadOnlyError, "Votre compte n'a pas les droits nécessaires sur cette base du serveur : rien n'a été enregistré."),
]


def known_failure(error: BaseException) -> StorageError | None:
    """The user-facing error behind a database driver exception, or None if it is a bug."""
    if isinstance(error, StorageError):
        return error
    text = str(getattr(error, "orig", None) or error).lower()
    for fragment, kind, message in _KNOWN_FAILURES:
        if fragment.search(text) if isinstance(fragment, re.Pattern) else fragment in text:
            return kind(message)
    return None


# Windows' ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION: another program has the file open
# (errno EACCES, which alone would say "protected").
_WINDOWS_HELD_ELSEWHERE = {32, 33}


def held_by_another_program(error: OSError) -> bool:
    return getattr(error, "winerror", None) in _WINDOWS_HELD_ELSEWHERE


def file_failure(error: OSError, action: str = "") -> StorageError:
    """An OSError as a storage error: `action` (what could not be done) and the reason, in French."""
    kind, reason = _FILE_FAILURES.get(error.errno, (FileAccessError, error.strerror or str(error)))
    if held_by_another_program(error):
        kind, reason = FileAccessError, "le fichier est ouvert dans un autre programme ; fermez-le, puis recommencez"
    if not action:
        action = f"Impossible d'utiliser {error.filename}" if error.filename else "Opération sur un fichier impossible"
    return kind(f"{action} : {reason}.")


def user_message(error: BaseException) -> str | None:
    """The French message for a failure the user can act on, or None for a bug."""
    if isinstance(error, ValidationError | StorageError):
        return str(error)
    if isinstance(error, sqlalchemy.exc.IntegrityError):
        return "L'enregistrement est refusé : il contredit des données existantes (doublon ou élément encore utilisé)."
    if isinstance(error, OSError):
        return str(file_failure(error))
    failure = known_failure(error)
    return str(failure) if failure else None
