"""The SQLAlchemy engine for a database URL, with SQLite set up for safety.

Everything SQLite-specific lives in this package, so the rest of the code runs on PostgreSQL
through the same URL."""

import sqlite3

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

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


def make_engine(url: str, *, read_only: bool = False) -> Engine:
    """An engine for the URL; on SQLite, foreign keys, WAL, full sync and real transactions
    (read_only: every write is refused by SQLite itself)."""
    if not is_sqlite(url):
        # A server that does not answer fails within seconds instead of hanging the window.
        arguments = {"connect_timeout": 10, "application_name": "coorace-desktop"}
        if read_only:
            arguments["options"] = "-c default_transaction_read_only=on"
        return create_engine(url, pool_pre_ping=True, connect_args=arguments)
    engine = create_engine(url, connect_args={"timeout": 10})
    event.listen(engine, "connect", _configure_sqlite_connection)
    if read_only:
        event.listen(engine, "connect", _refuse_writes)
    event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


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


def _refuse_writes(dbapi_connection: sqlite3.Connection, _record) -> None:
    dbapi_connection.execute("PRAGMA query_only = ON")


def _begin_sqlite_transaction(connection) -> None:
    connection.exec_driver_sql("BEGIN")
