"""Restoring a backup: check a private copy of the candidate, keep a safety copy, replace atomically.

The candidate itself is only ever read as bytes (SQLite would write -shm files or replay a WAL
into it). Every check runs on a staging copy in the database's own folder, which then replaces
the database by one rename: at every instant the database file is either the old one or the
new one. A refused restore has not touched the database."""

import hashlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from coorace_desktop.domain.french import plural, plural_word
from coorace_desktop.domain.progress import Progress, no_progress
from coorace_desktop.storage import migrate
from coorace_desktop.storage.backup import (
    BackupInfo,
    BackupKind,
    copy_failure,
    read_manifest,
    safety_copy,
)
from coorace_desktop.storage.database import SQLITE_HEADER, open_database, staging_path
from coorace_desktop.storage.engine import APPLICATION_ID
from coorace_desktop.storage.errors import (
    CorruptDatabaseError,
    DatabaseNotFoundError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    StorageError,
)
from coorace_desktop.storage.lock import DatabaseLock
from coorace_desktop.storage.replace import check_replaceable, remove_with_side_files, replace_database

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Verification:
    """A candidate that passed every check, and what it holds."""

    path: Path
    schema_revision: str
    needs_migration: bool
    checksum_verified: bool
    counts: dict[str, int] = field(default_factory=dict)
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class RestoreResult:
    database: Path
    verification: Verification
    safety_copy: BackupInfo | None
    # The replaced file could not be read whole: its safety copy is byte for byte.
    replaced_was_damaged: bool = False
    erasures_reapplied: int = 0

    def safety_note(self) -> str | None:
        """What became of the replaced database, in French (None when there was none)."""
        if self.safety_copy is None:
            return None
        if self.replaced_was_damaged:
            return ("L'ancienne base était endommagée (illisible en partie) : "
                    f"sa copie à l'identique est conservée : {self.safety_copy.path}")
        return f"La base remplacée est conservée : {self.safety_copy.path}"

    def erasure_note(self) -> str | None:
        """How many persons erased since the backup were erased again, in French."""
        if not self.erasures_reapplied:
            return None
        count = self.erasures_reapplied
        return (f"{plural(count, 'effacement de personne postérieur', 'effacements de personnes postérieurs')} à la "
                f"sauvegarde {plural_word(count, 'réappliqué : cette personne reste effacée', 'réappliqués : ces personnes restent effacées')}.")


def verify_backup(candidate: Path) -> Verification:
    """Check a candidate without writing to it; raises a StorageError saying in French what is wrong."""
    with tempfile.TemporaryDirectory(prefix="coorace-verification-") as folder:
        return _stage_and_check(candidate, Path(folder) / "candidate.sqlite")


def restore_backup(
    database: Path,
    candidate: Path,
    *,
    lock: DatabaseLock | None = None,
    progress: Progress | None = None,
    before_replace: Callable[[Path, Path], int] | None = None,
) -> RestoreResult:
    """Replace `database` by a verified copy of `candidate`, migrated if older, keeping a safety copy.

    The caller must have closed its own connections; `lock` is its held lock, else one is taken
    here (DatabaseInUseError when another application holds the database). A target that is not
    one of ours is refused as `check` refuses it; a damaged one of ours is what restoring is for.
    A symbolic link is followed once, on purpose: the database it points to is the one replaced.
    `before_replace(database, staged)` may change the verified copy (services/privacy re-applies
    erasures); it returns how many."""
    database, candidate = database.resolve(), candidate.resolve()
    if candidate == database:
        raise StorageError(f"{candidate.name} est la base actuelle elle-même : choisissez une sauvegarde.")
    report = progress or no_progress
    own_lock = lock is None
    lock = lock or DatabaseLock(database)
    lock.acquire()
    staged = staging_path(database, "restauration")
    try:
        check_replaceable(database)
        remove_with_side_files(staged)  # left by an interrupted restore (we hold the lock)
        report(0, 4, "Vérification de la copie")
        verification = _stage_and_check(candidate, staged)
        reapplied = before_replace(database, staged) if before_replace else 0
        report(1, 4, "Copie de sécurité de la base actuelle")
        safety, damaged = safety_copy(database, BackupKind.BEFORE_RESTORE)
        report(2, 4, "Remplacement de la base")
        replace_database(database, staged)
        report(3, 4, "Réouverture")
        open_database(database).close()  # proves the restored file opens, and sets WAL back
        report(4, 4, "Restauration terminée")
    except OSError as error:
        failure = copy_failure(error, f"La base n'a pas été restaurée dans {database.parent}")
        if failure is error:
            raise
        raise failure from error
    finally:
        remove_with_side_files(staged)
        if own_lock:
            lock.release()
    return RestoreResult(database, verification, safety, damaged, reapplied)


def _stage_and_check(candidate: Path, staged: Path) -> Verification:
    _check_header(candidate)
    digest = _copy_hashing(candidate, staged)
    wal = candidate.with_name(candidate.name + "-wal")
    if wal.is_file() and wal.stat().st_size:
        shutil.copyfile(wal, staged.with_name(staged.name + "-wal"))  # committed work not yet checkpointed
    manifest = read_manifest(candidate)
    if manifest is not None and manifest.sha256 and manifest.sha256 != digest:
        raise CorruptDatabaseError(
            f"{candidate.name} ne correspond pas à l'empreinte SHA-256 de son manifeste : "
            "la copie a été modifiée ou abîmée depuis la sauvegarde."
        )
    revision, counts = _check_contents(staged, candidate.name)
    needs_migration = revision != migrate.head_revision()
    if needs_migration:
        # The staging copy is itself a backup: no pre-migration snapshot of it.
        open_database(staged, snapshot=False).close()
    return Verification(
        candidate, revision, needs_migration, manifest is not None and bool(manifest.sha256), counts,
        manifest.created_at if manifest else None,
    )


def _check_header(candidate: Path) -> None:
    """Refuse, from its first bytes and its size, what is plainly not a whole SQLite database."""
    name = candidate.name
    if not candidate.exists():
        raise DatabaseNotFoundError(f"Le fichier {candidate} n'existe pas.")
    if not candidate.is_file():
        raise NotADatabaseError(f"{name} n'est pas un fichier de sauvegarde.")
    with candidate.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise NotADatabaseError(f"{name} n'est pas une base de données Coorace Desktop.")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    size_is_valid = header[24:28] == header[92:96]  # else the count predates an old SQLite's write
    if size_is_valid and candidate.stat().st_size < page_size * page_count:
        raise CorruptDatabaseError(f"{name} est incomplet (fichier tronqué) : il n'est pas restauré.")


def _copy_hashing(source: Path, target: Path) -> str:
    digest = hashlib.sha256()
    descriptor = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with source.open("rb") as reader, os.fdopen(descriptor, "wb") as writer:
        while chunk := reader.read(_CHUNK):
            digest.update(chunk)
            writer.write(chunk)
        writer.flush()
        os.fsync(writer.fileno())
    return digest.hexdigest()


def _check_contents(staged: Path, name: str) -> tuple[str, dict[str, int]]:
    try:
        connection = sqlite3.connect(staged, isolation_level=None)
        try:
            if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise ForeignDatabaseError(f"{name} est une base SQLite d'une autre application : elle n'est pas restaurée.")
            problems = [row[0] for row in connection.execute("PRAGMA integrity_check(5)")]
            if problems != ["ok"]:
                raise CorruptDatabaseError(f"{name} est endommagé ({'; '.join(problems)}) : il n'est pas restauré.")
            if connection.execute("PRAGMA foreign_key_check").fetchone() is not None:
                raise CorruptDatabaseError(f"{name} contient des références invalides : il n'est pas restauré.")
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            counts = {table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                      for table in sorted(tables) if table != "alembic_version" and not table.startswith("sqlite_")}
            connection.execute("PRAGMA journal_mode = DELETE")  # folds a copied WAL in: one file to rename
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise CorruptDatabaseError(f"{name} est endommagé ou illisible ({error}) : il n'est pas restauré.") from error
    if revision is None:
        raise ForeignDatabaseError(f"{name} ne contient pas de données Coorace Desktop : il n'est pas restauré.")
    if revision not in migrate.known_revisions():
        raise NewerSchemaError(
            f"{name} a été enregistré par une version plus récente de Coorace Desktop (schéma {revision}) : "
            "mettez l'application à jour pour le restaurer."
        )
    return revision, counts
