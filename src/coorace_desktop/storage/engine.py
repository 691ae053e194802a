"""The SQLAlchemy engine for a database URL, with SQLite set up for safety.

Everything SQLite-specific lives in this package, so the rest of the code runs on PostgreSQL
through the same URL."""

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine import URL, make_url

# PRAGMA application_id of every file this application writes: "COOR" in ASCII.
APPLICATION_ID = 0x434F4F52


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def normalise_url(url: str) -> str:
    """`postgresql://` and `postgres://` URLs use psycopg 3 (SQLAlchemy's default is psycopg2)."""
    scheme, separator, rest = url.partition("://")
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg{separator}{rest}"
    return url


def sqlite_url(path: Path | str) -> str:
    """The URL of a database file, its name quoted: a `?`, `#` or `%41` in it stays part of the name."""
    return URL.create("sqlite", database=str(Path(path).resolve())).render_as_string()


def connect_read_only(path: Path, *, glance: bool = False) -> sqlite3.Connection:
    """A connection that cannot change a byte of the file, its journal mode included.

    In a folder this process cannot write, SQLite could not create the -shm file a WAL database
    needs to be read: the file is then opened `immutable`, since nobody writes there either.
    glance=True (a few pragmas before deciding whether to open a file) also reads a file that
    has no -wal (no connection has it open) as immutable, so no -wal or -shm is left behind."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    unused = glance and not path.with_name(path.name + "-wal").exists()
    if unused or not os.access(path.parent, os.W_OK) or _read_only_file_system(path.parent):
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)


def _read_only_file_system(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """An engine for the URL; on SQLite, foreign keys, WAL, full sync and real transactions
    (read_only: opened read-only, the file and its journal mode left exactly as they are).
    A failed statement's error never carries its parameters (names, e-mails): it is logged."""
    if not is_sqlite(url):
        # A server that does not answer fails within seconds instead of hanging the window.
        # Plans made for each statement's values: psycopg prepares a statement run 5 times, and
        # PostgreSQL then plans it once for any values, e.g. walking the date index for any search
        # pattern or year (the actions' programme + year + search: 29 ms so, 45 with one plan).
        options = "-c plan_cache_mode=force_custom_plan" + (" -c default_transaction_read_only=on" if read_only else "")
        arguments = {"connect_timeout": 10, "application_name": "coorace-desktop", "options": options}
        engine = create_engine(url, pool_pre_ping=True, connect_args=arguments, hide_parameters=True)
        # Many rows inserted at once (the transfer between databases) go as INSERTs of up to 1,000
        # rows each, as SQLAlchemy does for psycopg2: psycopg's executemany sends a statement per
        # row, so the statement-level triggers ran once per row, rewriting a count's one row (0015,
        # 0018) once per event or action copied, in one transaction: each rewrite reads every
        # version before it, and 200,000 actions and events took over a quarter of an hour.
        engine.dialect.use_insertmanyvalues_wo_returning = True
        return engine
    if read_only:
        path = Path(make_url(url).database)
        engine = create_engine(url, creator=lambda: connect_read_only(path), hide_parameters=True)
        event.listen(engine, "connect", _configure_reading_connection)
    else:
        engine = create_engine(url, connect_args={"timeout": 10}, hide_parameters=True)
        event.listen(engine, "connect", _configure_sqlite_connection)
    event.listen(engine, "begin", _begin_sqlite_transaction)
    engine.dialect.statement_compiler = _HintingSQLiteCompiler
    return engine


class _HintingSQLiteCompiler(SQLiteCompiler):
    """SQLAlchemy's SQLite compiler, which also writes a table's hint (`with_hint(table,
    "INDEXED BY ix", "sqlite")`) after its name, where SQLAlchemy's own drops it."""

    def get_from_hint_text(self, table, text: str) -> str:
        return text


def _configure_sqlite_connection(dbapi_connection: sqlite3.Connection, _record) -> None:
    # pysqlite's own transaction handling skips BEGIN before DDL; let SQLAlchemy emit BEGIN
    # itself so a failed migration or import rolls back entirely.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.close()


def _configure_reading_connection(dbapi_connection: sqlite3.Connection, _record) -> None:
    dbapi_connection.isolation_level = None
    for pragma in ("query_only = ON", "foreign_keys = ON", "busy_timeout = 10000"):
        dbapi_connection.execute(f"PRAGMA {pragma}")


def _begin_sqlite_transaction(connection) -> None:
    connection.exec_driver_sql("BEGIN")
