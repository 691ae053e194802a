"""Opening a database: create a new file, recognise our own files, refuse others, migrate safely.

A file that is refused is never written to: the checks read it through a read-only SQLite
connection before the engine touches it. A PostgreSQL URL gets its own checks (storage.server)."""

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlmodel import Session

from coorace_desktop.storage import migrate
from coorace_desktop.storage.engine import APPLICATION_ID, is_sqlite, make_engine, normalise_url
from coorace_desktop.storage.errors import (
    CorruptDatabaseError,
    DatabaseNotFoundError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    StorageError,
)
from coorace_desktop.storage.paths import database_url
from coorace_desktop.storage.rotation import snapshot_before_migration
from coorace_desktop.storage.server import check_server_database, mark_as_ours

SUPPORTED_BACKENDS = ("sqlite", "postgresql")

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass
class Database:
    """An open database: its URL, engine and, for SQLite, its file."""

    url: str
    engine: Engine
    read_only: bool = False

    @property
    def path(self) -> Path | None:
        return Path(make_url(self.url).database) if is_sqlite(self.url) else None

    @property
    def display_name(self) -> str:
        """The file's name, or `base sur serveur:port` (never the password)."""
        if self.path:
            return self.path.name
        url = make_url(self.url)
        return f"{url.database} sur {url.host or 'localhost'}" + (f":{url.port}" if url.port else "")

    @property
    def is_server(self) -> bool:
        return self.path is None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def secure_session(self) -> Iterator[Session]:
        """session(), for erasing: on SQLite, deleted bytes are overwritten (secure_delete) and the
        WAL is folded into the file and emptied afterwards, so no old copy of the row remains."""
        if self.path is None:
            with self.session() as session:
                yield session
            return
        with self.engine.connect() as connection:
            raw = connection.connection.driver_connection  # pragmas outside any transaction
            raw.execute("PRAGMA secure_delete = ON")
            try:
                with Session(connection, expire_on_commit=False) as session, session.begin():
                    yield session
            finally:
                raw.execute("PRAGMA secure_delete = OFF")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def schema_revision(self) -> str | None:
        with self.engine.connect() as connection:
            return migrate.current_revision(connection)

    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *_exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()


def open_database(
    target: str | Path, *, create: bool = False, read_only: bool = False, snapshot: bool = True
) -> Database:
    """Open a database file (or a postgresql:// URL), migrating it to the current schema.

    With create=True a missing file is created (readable by its owner only); an existing file
    or server database must be one of ours, at a schema this version knows (an empty server
    database is initialised). read_only=True refuses every write (SQLite's query_only,
    PostgreSQL's read-only transactions) and never migrates; snapshot=False skips the
    pre-migration backup (for a private copy that is itself a backup)."""
    url = normalise_url(target) if isinstance(target, str) and "://" in target else database_url(target)
    if make_url(url).get_backend_name() not in SUPPORTED_BACKENDS:
        raise StorageError("Coorace Desktop ouvre un fichier SQLite ou une base PostgreSQL (postgresql://…), rien d'autre.")
    if is_sqlite(url):
        path = Path(make_url(url).database)
        if path.exists():
            _check_sqlite_file(path)
        elif create:
            _create_private_file(path)
        else:
            raise DatabaseNotFoundError(f"La base de données {path} n'existe pas.")
    database = Database(url, make_engine(url, read_only=read_only), read_only)
    try:
        if database.is_server:
            check_server_database(database.engine, database.display_name)
        if not read_only:
            _migrate(database, snapshot)
    except BaseException:
        database.close()
        raise
    return database


def _create_private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def _check_sqlite_file(path: Path) -> None:
    """Refuse, without writing to it, a file that is not a Coorace database this version reads."""
    if path.is_dir():
        raise NotADatabaseError(f"{path} est un dossier, pas une base de données.")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if path.stat().st_size == 0:
        return  # an empty file (just created for us) is initialised like a new one
    if header != SQLITE_HEADER:
        raise NotADatabaseError(f"{path.name} n'est pas une base de données Coorace Desktop.")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in tables:
                revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise CorruptDatabaseError(f"{path.name} est endommagé ou illisible ({error}).") from error
    if application_id != APPLICATION_ID:
        raise ForeignDatabaseError(
            f"{path.name} est une base SQLite d'une autre application : Coorace Desktop ne l'ouvre pas."
        )
    if revision and revision[0] not in migrate.known_revisions():
        raise NewerSchemaError(
            f"{path.name} a été enregistré par une version plus récente de Coorace Desktop "
            f"(schéma {revision[0]}). Mettez l'application à jour pour l'ouvrir."
        )


def _migrate(database: Database, snapshot: bool) -> None:
    head = migrate.head_revision()
    with database.engine.connect() as connection:
        current = migrate.current_revision(connection)
    if current == head:
        return
    # A server database needs no snapshot: PostgreSQL rolls a failed migration back entirely,
    # and its backups are the server administrator's (pg_dump).
    if snapshot and current is not None and database.path is not None:
        snapshot_before_migration(database.path)
    with database.engine.begin() as connection:
        if current is None and is_sqlite(database.url):
            connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        migrate.upgrade_to_head(connection)
        if current is None and database.is_server:
            mark_as_ours(connection)
