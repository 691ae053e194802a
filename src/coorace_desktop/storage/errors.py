"""Known storage failures, each with the French sentence the user reads."""

import re


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
