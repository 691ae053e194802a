"""Known storage failures, each with the French sentence the user reads."""


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


_KNOWN_FAILURES = [
    ("database or disk is full", DiskFullError, "Le disque est plein : rien n'a été enregistré. Libérez de la place puis recommencez."),
    ("readonly database", ReadOnlyError, "La base est en lecture seule (ouverte en lecture seule, ou dossier ou fichier protégé) : rien n'a été enregistré."),
    ("database is locked", DatabaseLockedError, "La base est occupée par un autre programme : rien n'a été enregistré. Réessayez dans un instant."),
    ("malformed", CorruptDatabaseError, "La base de données est endommagée. Restaurez une sauvegarde (Fichier > Restaurer…)."),
    ("file is not a database", CorruptDatabaseError, "Ce fichier n'est pas une base de données lisible."),
    ("unable to open database", DatabaseNotFoundError, "Impossible d'ouvrir le fichier de base de données (dossier absent ou inaccessible)."),
]


def known_failure(error: BaseException) -> StorageError | None:
    """The user-facing error behind a database driver exception, or None if it is a bug."""
    if isinstance(error, StorageError):
        return error
    text = str(getattr(error, "orig", None) or error).lower()
    for fragment, kind, message in _KNOWN_FAILURES:
        if fragment in text:
            return kind(message)
    return None
