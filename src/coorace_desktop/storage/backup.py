"""Backups: consistent copies taken by SQLite itself, a SHA-256 checksum and a manifest, rotation.

A backup is `NAME.sqlite` (rollback-journal mode, so it is one self-contained file) next to
`NAME.sqlite.json`, its manifest. Both are written under temporary names, flushed to disk, then
renamed: an interrupted backup never leaves a file that looks complete."""

import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from coorace_desktop import __version__
from coorace_desktop.domain.enums import LabelledEnum
from coorace_desktop.domain.progress import Progress
from coorace_desktop.storage.engine import APPLICATION_ID, connect_read_only
from coorace_desktop.storage.errors import (
    DatabaseNotFoundError,
    ForeignDatabaseError,
    StorageError,
    file_failure,
    known_failure,
)
from coorace_desktop.storage.files import replace_file, sync_folder
from coorace_desktop.storage.outside_copies import record_copy
from coorace_desktop.storage.paths import backup_dir, private_folder

BACKUP_SUFFIX = ".sqlite"
MANIFEST_SUFFIX = ".json"
PARTIAL_PREFIX = ".partiel-"
MANIFEST_FORMAT = 1
# Pages copied per backup step: small enough for a lively progress bar, large enough to be fast.
PAGES_PER_STEP = 2048


class BackupKind(LabelledEnum):
    """Why a backup was taken; automatic kinds are rotated, manual copies never are."""

    MANUAL = "copie", "Copie enregistrée"
    AUTOMATIC = "auto", "Sauvegarde automatique"
    BEFORE_MIGRATION = "avant-migration", "Avant mise à jour du schéma"
    BEFORE_RESTORE = "avant-restauration", "Avant restauration"
    BEFORE_REPAIR = "avant-reparation", "Avant réparation"


# Safety snapshots the application takes itself: rotated, the newest few of each kind kept.
SNAPSHOT_KINDS = (BackupKind.BEFORE_MIGRATION, BackupKind.BEFORE_RESTORE, BackupKind.BEFORE_REPAIR)


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """A backup file and what its manifest says about it (counts empty when unknown)."""

    path: Path
    kind: BackupKind
    created_at: datetime
    size: int
    sha256: str = ""
    schema_revision: str | None = None
    source: str = ""
    application_version: str = ""
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def manifest_path(self) -> Path:
        return manifest_path(self.path)


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + MANIFEST_SUFFIX)


def backup_name(database: Path, kind: BackupKind, when: datetime, folder: Path) -> str:
    """`coorace-auto-20261127-181500.sqlite`, numbered when that name is taken in `folder`; a long
    database name is shortened, so the backup of any legal name has a legal name."""
    stem = f"{_short(database.stem)}-{kind}-{when:%Y%m%d-%H%M%S}"
    name, number = f"{stem}{BACKUP_SUFFIX}", 1
    while (folder / name).exists():
        number += 1
        name = f"{stem}-{number}{BACKUP_SUFFIX}"
    return name


def _short(stem: str, limit: int = 150) -> str:
    """`stem`, or its first bytes and a digest of the whole when it is longer than `limit` bytes (UTF-8)."""
    encoded = stem.encode("utf-8", "surrogateescape")
    if len(encoded) <= limit:
        return stem
    head = encoded[: limit - 9].decode("utf-8", "ignore")
    return f"{head}~{hashlib.sha256(encoded).hexdigest()[:8]}"


def _partial_path(folder: Path) -> Path:
    """A name for a copy being written, unique per attempt: a copy killed half-way leaves its file
    behind, and the next one may start within the same second (rotation removes old ones)."""
    return folder / f"{PARTIAL_PREFIX}{os.getpid()}-{secrets.token_hex(4)}{BACKUP_SUFFIX}"


def create_backup(
    database: Path,
    target: Path | None = None,
    *,
    kind: BackupKind = BackupKind.MANUAL,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> BackupInfo:
    """Copy `database` with SQLite's backup API into `target` (a file, a folder, or the backups folder).

    The copy is one read transaction: other connections may keep writing meanwhile."""
    if not database.is_file():
        raise DatabaseNotFoundError(f"La base de données {database} n'existe pas.")
    now = datetime.now().astimezone()
    folder, name = _target_parts(database, target, kind, now)
    final = folder / name
    if final.resolve() == database.resolve():
        raise StorageError(f"{final.name} est la base elle-même : choisissez un autre nom pour la copie.")
    if final.exists() and not overwrite:
        raise StorageError(f"{final} existe déjà : choisissez un autre nom.")
    partial = _partial_path(folder)
    partial_manifest = manifest_path(partial)
    try:
        private_folder(folder)  # backups hold personal data
        _create_private(partial)
        revision, counts = _copy_with_sqlite(database, partial, progress)
        size = partial.stat().st_size
        digest = _sync_and_hash(partial)
        info = BackupInfo(final, kind, now, size, digest, revision, str(database.resolve()), __version__, counts)
        _write_manifest(partial_manifest, info)
        replace_file(partial, final)
        replace_file(partial_manifest, manifest_path(final))
        sync_folder(folder)
    except BaseException as error:
        partial.unlink(missing_ok=True)
        partial_manifest.unlink(missing_ok=True)
        failure = copy_failure(error, f"La copie n'a pas été enregistrée dans {folder}")
        if failure is error:
            raise
        raise failure from error
    record_copy(database, final, now)  # a copy outside the data folder: « À faire » counts it
    return info


def _target_parts(database: Path, target: Path | None, kind: BackupKind, now: datetime) -> tuple[Path, str]:
    if target is None:
        target = backup_dir()
    if target.is_dir() or (not target.exists() and target == backup_dir()):
        return target, backup_name(database, kind, now, target)
    return target.parent, target.name


def _create_private(path: Path) -> None:
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def _copy_with_sqlite(database: Path, destination: Path, progress: Progress | None) -> tuple[str | None, dict[str, int]]:
    """Copy page by page inside one read transaction, so the copy is one consistent state."""
    source = read_only_connection(database)
    try:
        source.execute("BEGIN")
        revision, counts = _describe(source)  # also starts the read transaction the copy then uses
        target = sqlite3.connect(destination)
        try:
            # The partial file is discarded on any failure: its own journal would be wasted work.
            target.execute("PRAGMA journal_mode = OFF")
            target.execute("PRAGMA synchronous = OFF")

            def step(_status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total, "Copie de la base")

            source.backup(target, pages=PAGES_PER_STEP, progress=step)
            target.execute("PRAGMA journal_mode = DELETE")  # the source's WAL flag is copied too
        finally:
            target.close()
        source.execute("COMMIT")
    finally:
        source.close()
    return revision, counts


def read_only_connection(path: Path) -> sqlite3.Connection:
    connection = connect_read_only(path)
    connection.execute("PRAGMA mmap_size = 1073741824")  # fewer copies when reading large files
    return connection


def _describe(connection: sqlite3.Connection) -> tuple[str | None, dict[str, int]]:
    """Schema revision and row count of every table, as this connection sees the file."""
    if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        raise ForeignDatabaseError("Ce fichier n'est pas une base Coorace Desktop : il n'est pas sauvegardé.")
    tables = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )]
    revision = None
    if "alembic_version" in tables:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
    counts = {table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
              for table in tables if table != "alembic_version"}
    return revision, counts


def _sync_and_hash(path: Path) -> str:
    """Flush the file to disk and compute its SHA-256 at the same time (both release the GIL)."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        failures: list[BaseException] = []

        def flush() -> None:
            try:
                os.fsync(descriptor)
            except OSError as error:
                failures.append(error)

        flusher = threading.Thread(target=flush)
        flusher.start()
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        flusher.join()
        if failures:
            raise failures[0]
    finally:
        os.close(descriptor)
    return digest


def sha256_of(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _write_manifest(path: Path, info: BackupInfo) -> None:
    document = {
        "format": MANIFEST_FORMAT,
        "application": "Coorace Desktop",
        "application_version": info.application_version,
        "kind": str(info.kind),
        "created_at": info.created_at.isoformat(),
        "file": info.path.name,
        "size": info.size,
        "sha256": info.sha256,
        "schema_revision": info.schema_revision,
        "source": info.source,
        "counts": info.counts,
    }
    descriptor = os.open(path, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False, indent=2)
        handle.flush()
        os.fsync(handle.fileno())


def copy_failure(error: BaseException, action: str) -> BaseException:
    """The French message behind a failed copy (`action`: what was not done), or the error itself (a bug)."""
    if isinstance(error, OSError):
        return file_failure(error, action)
    if isinstance(error, sqlite3.Error):
        return known_failure(error) or error
    return error


def raw_copy(database: Path, kind: BackupKind) -> BackupInfo:
    """A byte copy of the file (and of its -wal when that holds pages not yet folded in) into the
    backups folder, for a file SQLite cannot read whole. The -shm is only an index SQLite rebuilds
    from the -wal, and an empty -wal holds nothing: neither is copied.

    Written under temporary names and renamed once whole, like every backup: a failed copy leaves nothing."""
    now = datetime.now().astimezone()
    folder = backup_dir()
    final = folder / backup_name(database, kind, now, folder)
    wal = side_paths(database)[0]
    sources = [(database, final), *([(wal, side_paths(final)[0])] if wal.is_file() and wal.stat().st_size else [])]
    copies = [(source, _partial_path(folder), target) for source, target in sources]
    partial_manifest = manifest_path(copies[0][1])
    try:
        private_folder(folder)  # backups hold personal data
        for source, partial, _target in copies:
            _create_private(partial)
            shutil.copyfile(source, partial)
            _sync_and_hash(partial)
        digest = sha256_of(copies[0][1])
        info = BackupInfo(final, kind, now, copies[0][1].stat().st_size, digest, None, str(database.resolve()), __version__)
        _write_manifest(partial_manifest, info)
        for _source, partial, target in reversed(copies):  # the -wal first: the main file makes the copy visible
            replace_file(partial, target)
        replace_file(partial_manifest, manifest_path(final))
        sync_folder(folder)
    except BaseException as error:
        for path in (*(partial for _source, partial, _target in copies), partial_manifest):
            path.unlink(missing_ok=True)
        failure = copy_failure(error, f"La copie n'a pas été enregistrée dans {folder}")
        if failure is error:
            raise
        raise failure from error
    return info


def safety_copy(database: Path, kind: BackupKind) -> tuple[BackupInfo | None, bool]:
    """The database kept in the backups folder before it is replaced or repaired, and whether it was damaged.

    Any error reading it (a broken word index fails only when its table is read) makes the copy
    byte for byte: a damaged file is exactly what a restore or a repair is for."""
    if not database.exists() or database.stat().st_size == 0:
        return None, False
    if _quick_check_passes(database):
        try:
            return create_backup(database, None, kind=kind), False
        except (sqlite3.DatabaseError, StorageError):
            pass
    return raw_copy(database, kind), True


def _quick_check_passes(database: Path) -> bool:
    try:
        connection = read_only_connection(database)
        try:
            return connection.execute("PRAGMA quick_check(1)").fetchone()[0] == "ok"
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return False


def side_paths(path: Path) -> tuple[Path, Path]:
    """The -wal and -shm files SQLite keeps next to a database in WAL mode."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def read_manifest(backup: Path) -> BackupInfo | None:
    """What the manifest next to `backup` says, or None when it is missing or unreadable."""
    try:
        document = json.loads(manifest_path(backup).read_text(encoding="utf-8"))
        return BackupInfo(
            path=backup,
            kind=BackupKind(document["kind"]),
            created_at=datetime.fromisoformat(document["created_at"]).astimezone(),
            size=int(document["size"]),
            sha256=str(document["sha256"]),
            schema_revision=document.get("schema_revision"),
            source=str(document.get("source", "")),
            application_version=str(document.get("application_version", "")),
            counts={str(name): int(count) for name, count in document.get("counts", {}).items()},
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
