"""Replacing a database file by one prepared beside it: one rename, so at every instant the file
is the old database or the new one, whole (restore and `demo --force` both go through here).

The caller holds the database's lock (storage.lock) and prepares the new file at
`database.staging_path`, in the same folder (a rename does not cross file systems)."""

import sqlite3
from pathlib import Path

from coorace_desktop.storage.database import check_sqlite_file
from coorace_desktop.storage.errors import CorruptDatabaseError, DatabaseLockedError
from coorace_desktop.storage.files import flush_file, replace_file, sync_folder

SIDE_FILES = ("-wal", "-shm", "-journal")


def check_replaceable(database: Path) -> None:
    """Refuse, as `check` does, a target that is not one of our databases (a text file, another
    application's, a newer version's); a damaged one of ours may be replaced."""
    if database.exists():
        try:
            check_sqlite_file(database)
        except CorruptDatabaseError:
            pass


def replace_database(database: Path, staged: Path) -> None:
    """Put `staged` in place of `database`: staged made one self-contained file and flushed, the
    current WAL folded into the old file (a stale WAL must never be replayed onto the new one),
    then one rename and the folder flushed."""
    single_file(staged)
    flush_file(staged)
    _quiesce(database)
    replace_file(staged, database)
    sync_folder(database.parent)


def single_file(path: Path) -> None:
    """Fold a database's WAL into it and leave it in rollback-journal mode: one file to copy or rename."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
    finally:
        connection.close()


def _quiesce(database: Path) -> None:
    if not database.exists():
        return
    try:
        single_file(database)
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise DatabaseLockedError(
                "La base est ouverte par un autre programme : fermez-le puis recommencez (rien n'a été changé)."
            ) from error
    except sqlite3.DatabaseError:
        pass  # damaged: the caller kept what it wanted of it; its side files go below
    for suffix in SIDE_FILES:
        database.with_name(database.name + suffix).unlink(missing_ok=True)


def remove_with_side_files(path: Path) -> None:
    """Remove a database file and the -wal, -shm and -journal SQLite may have left beside it."""
    for suffix in ("", *SIDE_FILES):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
