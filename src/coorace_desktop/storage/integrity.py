"""SQLite's own health checks on an open database, the schema against the migrations, and
rebuilding what SQLite derives (word indexes, indexes) without touching a user's row."""

import sqlite3
import tempfile
from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from coorace_desktop.storage.database import Database
from coorace_desktop.storage.engine import connect_read_only
from coorace_desktop.storage.migrate import schema_differences
from coorace_desktop.storage.word_search import WORD_INDEXES

# An FTS5 index's structure record when it holds nothing (id 10 in its _data table). Written back
# only when that record is gone: FTS5 cannot even run 'rebuild' without it.
_EMPTY_STRUCTURE = bytes(7)
_FTS5_VERSION = 4


def integrity_problems(database: Database) -> list[str]:
    """Every problem SQLite and the migrations see, each in French (empty when healthy)."""
    with database.engine.connect() as connection:
        problems = schema_problems(connection)
        if database.path is None:
            return problems  # the server checks its own pages
        integrity = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
        foreign_keys = list(connection.exec_driver_sql("PRAGMA foreign_key_check"))
        problems += [] if integrity == ["ok"] else [f"Intégrité SQLite : {line}" for line in integrity]
        problems += [f"Référence invalide dans {table} (ligne {rowid}) vers {parent}" for table, rowid, parent, _ in foreign_keys]
        if not database.read_only:
            problems += [problem for name in WORD_INDEXES if (problem := word_index_problem(connection, name))]
    if database.read_only:
        problems += _word_index_problems_on_a_copy(database.path)
    return problems


def _word_index_problems_on_a_copy(path: Path) -> list[str]:
    """FTS5's integrity-check is an INSERT: for a file opened read-only it runs on a private temporary copy."""
    with tempfile.TemporaryDirectory(prefix="coorace-check-") as folder:
        source, copy = connect_read_only(path), sqlite3.connect(Path(folder) / "copie.sqlite")
        try:
            source.backup(copy)
            problems = []
            for name in WORD_INDEXES:
                try:
                    copy.execute(f"INSERT INTO {name}({name}, rank) VALUES ('integrity-check', 1)")
                except sqlite3.DatabaseError as error:
                    problems.append(_damaged(name, error))
            return problems
        finally:
            source.close()
            copy.close()


def _damaged(name: str, error: BaseException) -> str:
    return f"L'index de recherche par mots {name} est endommagé ({error}) : la recherche dans les notes échouera."


def word_index_problem(connection: Connection, name: str) -> str | None:
    """FTS5's own integrity-check of one word index against its table, in French, or None."""
    try:
        with connection.begin_nested() if connection.in_transaction() else connection.begin() as transaction:
            connection.exec_driver_sql(f"INSERT INTO {name}({name}, rank) VALUES ('integrity-check', 1)")
            transaction.rollback()
    except DBAPIError as error:
        return _damaged(name, error.orig)
    return None


def opening_problems(database: Database) -> list[str]:
    """The cheap part of the checks, for the window as it opens a file: can each word index be read at all?"""
    if database.path is None:
        return []
    problems = []
    with database.engine.connect() as connection:
        for name in WORD_INDEXES:
            try:
                connection.exec_driver_sql(f"SELECT rowid FROM {name} WHERE {name} MATCH 'a*' LIMIT 1").all()
            except DBAPIError as error:
                problems.append(f"L'index de recherche par mots {name} est endommagé ({error.orig}) : la recherche dans les notes échouera.")
    return problems


def schema_problems(connection: Connection) -> list[str]:
    """What differs between the database's tables and the models the migrations produce."""
    differences = schema_differences(connection)
    return [f"Le schéma diffère des migrations : {_describe(difference)}" for difference in differences]


_DIFFERENCES = {
    "add_table": "table absente", "remove_table": "table en trop", "add_column": "colonne absente",
    "remove_column": "colonne en trop", "add_index": "index absent", "remove_index": "index en trop",
    "modify_type": "type différent", "modify_nullable": "obligation différente", "modify_default": "défaut différent",
}


def _describe(difference: tuple | list) -> str:
    """('add_column', schema, table, Column) as 'colonne absente organisations.siret'."""
    kind, *parts = difference[0] if isinstance(difference, list) else difference  # modify_* come as lists
    names = [part if isinstance(part, str) else getattr(part, "name", None) for part in parts]
    return f"{_DIFFERENCES.get(kind, kind)} {'.'.join(name for name in names if name)}"


def rebuild_derived(connection: Connection) -> list[str]:
    """Rebuild every word index and every SQLite index inside the caller's transaction; what was done, in French."""
    # Every table, not only those imported so far; loaded here, not when the window opens a file
    # (opening_problems): the tables of other areas would cost the first tab ~100 ms.
    from coorace_desktop.domain.tables import metadata

    done = []
    for name in WORD_INDEXES:
        _rebuild_word_index(connection, name)
        done.append(f"Index de recherche par mots {name} reconstruit.")
    missing = [index for table in metadata.sorted_tables for index in table.indexes
               if not _index_exists(connection, index.name)]
    for index in missing:
        index.create(connection)
    if missing:
        done.append(f"Index recréés : {', '.join(index.name for index in missing)}.")
    connection.exec_driver_sql("REINDEX")
    done.append("Index SQLite reconstruits (REINDEX).")
    return done


def _index_exists(connection: Connection, name: str) -> bool:
    return connection.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)).first() is not None


def _rebuild_word_index(connection: Connection, name: str) -> None:
    try:
        with connection.begin_nested():
            connection.exec_driver_sql(f"INSERT INTO {name}({name}) VALUES ('rebuild')")
            return
    except DBAPIError:
        pass  # its structure record or configuration is gone: start it again empty, then rebuild
    for shadow in ("data", "idx", "docsize"):
        connection.exec_driver_sql(f"DELETE FROM {name}_{shadow}")
    connection.exec_driver_sql(f"INSERT INTO {name}_data (id, block) VALUES (10, ?)", (_EMPTY_STRUCTURE,))
    connection.exec_driver_sql(f"INSERT OR REPLACE INTO {name}_config (k, v) VALUES ('version', ?)", (_FTS5_VERSION,))
    connection.exec_driver_sql(f"INSERT INTO {name}({name}) VALUES ('rebuild')")
