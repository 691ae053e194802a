"""Opening a database: create a new file, recognise our own files, refuse others, migrate safely.

A file that is refused is never written to: the checks read it through a read-only SQLite
connection before the engine touches it. A PostgreSQL URL gets its own checks (storage.server)."""

import functools
import hashlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlmodel import Session

from coorace_desktop.domain import TABLE_NAMES
from coorace_desktop.storage import migrate
from coorace_desktop.storage.engine import (
    APPLICATION_ID,
    connect_read_only,
    is_sqlite,
    make_engine,
    normalise_url,
    sqlite_url,
)
from coorace_desktop.storage.errors import (
    CorruptDatabaseError,
    DatabaseNotFoundError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    StorageError,
)
from coorace_desktop.storage.paths import private_folder
from coorace_desktop.storage.rotation import snapshot_before_migration
from coorace_desktop.storage.server import check_server_database, mark_as_ours

SUPPORTED_BACKENDS = ("sqlite", "postgresql")
log = logging.getLogger("coorace_desktop")

SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every revision of our schema has: with our application_id and revision table, our marker.
OUR_TABLES = frozenset({"organisations", "persons", "sites", "contacts", "memberships", "events", "support_actions"})


@dataclass
class Database:
    """An open database: its URL, engine and, for SQLite, its file."""

    url: str
    engine: Engine
    read_only: bool = False
    # What the migrations run on opening said the user should know (in French), once.
    migration_notes: list[str] = field(default_factory=list)

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
    def reading(self) -> Iterator[Session]:
        """A session that only reads: the large lists, read again on every click. On a server it
        reads outside any transaction, each statement seeing what was committed when it began, as
        in a READ COMMITTED transaction, without the round trips of BEGIN and COMMIT (0.16 ms a
        session, interleaved). On SQLite, session(): one snapshot for all its statements."""
        if self.path is not None:
            with self.session() as session:
                yield session
            return
        with Session(self._autocommit, expire_on_commit=False) as session:
            yield session

    @functools.cached_property
    def _autocommit(self) -> Engine:
        """The engine, its connections lent in autocommit (the same pool): made once, as making
        it cost 0.2 ms of the 0.8 of a reading session (300 alternated sessions)."""
        return self.engine.execution_options(isolation_level="AUTOCOMMIT")

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
    database is initialised). read_only=True opens the file read-only and never changes a byte
    of it (journal mode included), so it must already be at the current schema; snapshot=False
    skips the pre-migration backup (for a private copy that is itself a backup)."""
    url = normalise_url(target) if isinstance(target, str) and "://" in target else sqlite_url(target)
    if make_url(url).get_backend_name() not in SUPPORTED_BACKENDS:
        raise StorageError("Coorace Desktop ouvre un fichier SQLite ou une base PostgreSQL (postgresql://…), rien d'autre.")
    if is_sqlite(url):
        path = Path(make_url(url).database)
        if path.exists():
            revision = check_sqlite_file(path)
            if read_only:
                _check_readable_as_is(path, revision)
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


def staging_path(database: Path, purpose: str) -> Path:
    """The hidden file next to `database` where its replacement is prepared: named after a digest of
    the database's name, so it stays short whatever that name's length, and the same at every attempt
    (the next attempt, holding the lock, removes what a killed one left)."""
    digest = hashlib.sha256(database.name.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return database.with_name(f".coorace-{digest}.{purpose}")


def _create_private_file(path: Path) -> None:
    private_folder(path.parent)
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def check_sqlite_file(path: Path) -> str | None:
    """The schema revision of one of our files (None: empty, to be initialised); anything else is
    refused with a French message, without a byte written: not SQLite, another application's
    (its application_id, or ours without our revision table and tables), damaged, or newer."""
    if path.is_dir():
        raise NotADatabaseError(f"{path} est un dossier, pas une base de données.")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if path.stat().st_size == 0:
        return None  # an empty file (just created for us) is initialised like a new one
    if header != SQLITE_HEADER:
        raise NotADatabaseError(f"{path.name} n'est pas une base de données Coorace Desktop.")
    try:
        connection = connect_read_only(path, glance=True)
        try:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            versions = []
            if migrate.VERSION_TABLE in tables:
                versions = [row[0] for row in connection.execute(f"SELECT version_num FROM {migrate.VERSION_TABLE}")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise CorruptDatabaseError(f"{path.name} est endommagé ou illisible ({error}).") from error
    foreign = ForeignDatabaseError(
        f"{path.name} est une base SQLite d'une autre application : Coorace Desktop ne l'ouvre pas."
    )
    if application_id in (0, APPLICATION_ID) and not tables:
        return None  # a blank SQLite file: nothing in it to lose
    if application_id != APPLICATION_ID or migrate.VERSION_TABLE not in tables or not OUR_TABLES <= tables:
        raise foreign
    if len(versions) != 1:
        raise CorruptDatabaseError(
            f"{path.name} est endommagé : sa version de schéma est {'absente' if not versions else 'en double'}. "
            "Restaurez une sauvegarde (Fichier > Restaurer…)."
        )
    if versions[0] not in migrate.known_revisions():
        raise NewerSchemaError(
            f"{path.name} a été enregistré par une version plus récente de Coorace Desktop "
            f"(schéma {versions[0]}). Mettez l'application à jour pour l'ouvrir."
        )
    missing = sorted(TABLE_NAMES - tables) if versions[0] == migrate.head_revision() else []
    if missing:
        raise CorruptDatabaseError(
            f"{path.name} est endommagé : la table {', '.join(missing)} manque. Restaurez une sauvegarde (Fichier > Restaurer…)."
        )
    return versions[0]


def _check_readable_as_is(path: Path, revision: str | None) -> None:
    """A read-only opening cannot initialise or migrate the file: say so instead."""
    if revision is None:
        raise NotADatabaseError(f"{path.name} est vide : ce n'est pas une base de données Coorace Desktop.")
    if revision != migrate.head_revision():
        raise StorageError(
            f"{path.name} est au schéma {revision}, plus ancien que celui de cette version : "
            "ouvrez-le une fois dans l'application pour le mettre à jour (cette commande ne fait que lire)."
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
        notes = migrate.upgrade_to_head(connection)
        if current is None and database.is_server:
            mark_as_ours(connection)
    for note in notes:  # once committed: the application's log keeps what the migration did
        log.info("%s : %s", database.display_name, note)
    database.migration_notes = notes
