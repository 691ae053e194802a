"""Restore: a good copy comes back whole; a bad one is refused and the current file is untouched."""

import hashlib
import json
import stat
from pathlib import Path

import pytest

from coorace_desktop.storage import migrate
from coorace_desktop.storage.backup import BackupKind, create_backup, manifest_path
from coorace_desktop.storage.database import open_database
from coorace_desktop.storage.errors import (
    CorruptDatabaseError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
    StorageError,
)
from coorace_desktop.storage.lock import DatabaseInUseError, DatabaseLock
from coorace_desktop.storage.restore import RestoreResult, restore_backup, verify_backup
from coorace_desktop.storage.rotation import list_backups
from tests.sqlite_files import copy_with, execute, organisation_count

pytestmark = pytest.mark.sqlite_only("restauration d'un fichier SQLite ; PostgreSQL : tests/storage/test_server_backup.py")


def fingerprint(database):
    """The bytes of the database file and of its side files, as they are on disk."""
    return {
        suffix: hashlib.sha256(path.read_bytes()).hexdigest()
        for suffix in ("", "-wal", "-shm")
        if (path := database.with_name(database.name + suffix)).exists()
    }


@pytest.fixture
def current(demo_database):
    """The user's database with one more organisation than the demo, closed as before a restore."""
    with demo_database.engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO organisations (name, siret, website, notes, name_key, search_key) "
                                   "VALUES ('Nouvelle', '', '', '', 'nouvelle', 'nouvelle')")
    path = demo_database.path
    demo_database.close()
    return path


@pytest.fixture
def good_copy(demo_file, tmp_path):
    return create_backup(demo_file, tmp_path / "bonne copie.sqlite").path


def test_restoring_a_good_copy_keeps_a_safety_copy_and_reopens(current, good_copy):
    assert organisation_count(current) == 52
    result = restore_backup(current, good_copy)
    assert organisation_count(current) == 51
    assert result.verification.checksum_verified and not result.verification.needs_migration
    assert result.verification.counts["organisations"] == 51
    assert result.safety_copy.kind is BackupKind.BEFORE_RESTORE
    assert organisation_count(result.safety_copy.path) == 52
    assert result.safety_copy in list_backups(None, current)
    assert stat.S_IMODE(current.stat().st_mode) == 0o600
    assert sorted(p.name for p in current.parent.iterdir() if p.name.startswith(".")) == []
    database = open_database(current)
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    database.close()


def truncated(good_copy, tmp_path):
    path = tmp_path / "tronquée.sqlite"
    path.write_bytes(good_copy.read_bytes()[: good_copy.stat().st_size // 2])
    return path


def foreign(_good_copy, tmp_path):
    return execute(tmp_path / "autre.sqlite", "CREATE TABLE songs (title TEXT)")


def text_file(_good_copy, tmp_path):
    path = tmp_path / "adherents.sqlite"
    path.write_text("nom;ville\nAJE;Pamiers\n" * 10, encoding="utf-8")
    return path


def newer(good_copy, tmp_path):
    return copy_with(good_copy, tmp_path / "future.sqlite", "UPDATE alembic_version SET version_num = '9999_future'")


def tampered(good_copy, tmp_path):
    """One byte changed where SQLite does not look (reserved header bytes): only the checksum sees it."""
    path = tmp_path / "modifiee.sqlite"
    data = bytearray(good_copy.read_bytes())
    data[72] ^= 0x01
    path.write_bytes(bytes(data))
    manifest_path(path).write_text(manifest_path(good_copy).read_text())
    return path


def damaged(good_copy, tmp_path):
    path = tmp_path / "abimee.sqlite"
    data = bytearray(good_copy.read_bytes())
    data[4096 * 3: 4096 * 3 + 300] = b"\xff" * 300
    path.write_bytes(bytes(data))
    return path


def dangling_reference(good_copy, tmp_path):
    return copy_with(good_copy, tmp_path / "references.sqlite", "UPDATE contacts SET person_id = 99999")


REFUSALS = [
    (truncated, CorruptDatabaseError, "tronqué"),
    (foreign, ForeignDatabaseError, "autre application"),
    (text_file, NotADatabaseError, "n'est pas une base de données Coorace Desktop"),
    (newer, NewerSchemaError, "version plus récente"),
    (tampered, CorruptDatabaseError, "empreinte SHA-256"),
    (damaged, CorruptDatabaseError, "endommagé"),
    (dangling_reference, CorruptDatabaseError, "références invalides"),
]


@pytest.mark.parametrize(("make", "error", "message"), REFUSALS, ids=[r[0].__name__ for r in REFUSALS])
def test_a_bad_copy_is_refused_and_nothing_changes(current, good_copy, tmp_path, make, error, message):
    candidate = make(good_copy, tmp_path)
    before, candidate_before = fingerprint(current), candidate.read_bytes()
    backups_before = list_backups(None, current)
    with pytest.raises(error, match=message):
        restore_backup(current, candidate)
    assert fingerprint(current) == before
    assert candidate.read_bytes() == candidate_before
    assert list_backups(None, current) == backups_before  # no safety copy for nothing
    assert sorted(p.name for p in current.parent.iterdir() if p.name.startswith(".")) == []
    with pytest.raises(error, match=message):
        verify_backup(candidate)


def test_a_missing_file_or_the_database_itself_are_refused(current, tmp_path):
    before = fingerprint(current)
    with pytest.raises(StorageError, match="n'existe pas"):
        restore_backup(current, tmp_path / "absente.sqlite")
    with pytest.raises(StorageError, match="base actuelle elle-même"):
        restore_backup(current, current)
    assert fingerprint(current) == before


def test_a_database_held_by_a_running_application_is_not_replaced(current, good_copy):
    before = fingerprint(current)
    with DatabaseLock(current):
        other = DatabaseLock(current)
        with pytest.raises(DatabaseInUseError, match="déjà ouverte"):
            restore_backup(current, good_copy, lock=other)
    assert fingerprint(current) == before


def make_older(good_copy, tmp_path, monkeypatch):
    """A copy at a revision this version knows but that is older than its head."""
    path = copy_with(good_copy, tmp_path / "ancienne.sqlite", "UPDATE alembic_version SET version_num = '0000_older'")
    known = migrate.known_revisions()
    monkeypatch.setattr(migrate, "known_revisions", lambda: known | {"0000_older"})
    return path


def test_an_older_copy_is_migrated_before_it_replaces_the_database(current, good_copy, tmp_path, monkeypatch):
    older = make_older(good_copy, tmp_path, monkeypatch)
    head = migrate.head_revision()
    migrated = []

    def upgrade(connection):
        migrated.append(connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar())
        connection.exec_driver_sql(f"UPDATE alembic_version SET version_num = '{head}'")
        return []

    monkeypatch.setattr(migrate, "upgrade_to_head", upgrade)
    candidate_before = older.read_bytes()
    result = restore_backup(current, older)
    assert migrated == ["0000_older"] and result.verification.needs_migration
    assert result.verification.schema_revision == "0000_older"
    assert open_database(current).schema_revision() == head
    assert older.read_bytes() == candidate_before
    assert organisation_count(current) == 51


def test_a_failed_migration_of_the_copy_changes_nothing(current, good_copy, tmp_path, monkeypatch):
    older = make_older(good_copy, tmp_path, monkeypatch)

    def upgrade(connection):
        raise RuntimeError("migration interrompue")

    monkeypatch.setattr(migrate, "upgrade_to_head", upgrade)
    before = fingerprint(current)
    with pytest.raises(RuntimeError):
        restore_backup(current, older)
    assert fingerprint(current) == before


def test_a_damaged_current_database_is_kept_byte_for_byte_then_replaced(current, good_copy):
    data = bytearray(current.read_bytes())
    data[4096 * 2: 4096 * 2 + 500] = b"\x00\xff" * 250
    current.write_bytes(bytes(data))
    result = restore_backup(current, good_copy)
    assert result.safety_copy.path.read_bytes() == bytes(data)
    assert json.loads(manifest_path(result.safety_copy.path).read_text())["kind"] == "avant-restauration"
    assert organisation_count(current) == 51


@pytest.mark.skipif(migrate.head_revision() == "0001", reason="needs a schema newer than the first")
def test_a_copy_from_the_first_schema_is_really_migrated(current, tmp_path):
    from alembic import command
    from sqlalchemy import create_engine

    from coorace_desktop.storage.engine import APPLICATION_ID

    old = tmp_path / "schema-0001.sqlite"
    engine = create_engine(f"sqlite:///{old}")
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        command.upgrade(migrate.alembic_config(connection), "0001")
        connection.exec_driver_sql("INSERT INTO organisations (name, siret, website, notes, name_key, search_key) "
                                   "VALUES ('Ancienne', '', '', '', 'ancienne', 'ancienne')")
    engine.dispose()
    result = restore_backup(current, old)
    assert result.verification.needs_migration and result.verification.schema_revision == "0001"
    database = open_database(current)
    assert database.schema_revision() == migrate.head_revision()
    database.close()
    assert organisation_count(current) == 1


def test_restore_over_a_broken_word_index_keeps_its_bytes_and_says_so(current, good_copy):
    execute(current, "DELETE FROM support_actions_fts_data")  # as a disk error or another tool might
    damaged = current.read_bytes()
    result = restore_backup(current, good_copy)
    assert result.replaced_was_damaged
    assert result.safety_copy.path.read_bytes() == damaged
    assert "endommagée" in result.safety_note() and str(result.safety_copy.path) in result.safety_note()
    assert organisation_count(current) == 51


def test_a_damaged_file_left_with_its_wal_is_kept_with_it(current, good_copy, tmp_path):
    """As after a crash: the damage sits in a WAL not yet folded into the file."""
    import shutil
    import sqlite3

    writer = sqlite3.connect(current, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("DELETE FROM support_actions_fts_data")
    crashed = tmp_path / "après-coupure.sqlite"
    for suffix in ("", "-wal", "-shm"):
        shutil.copyfile(f"{current}{suffix}", f"{crashed}{suffix}")
    writer.close()
    wal = (tmp_path / "après-coupure.sqlite-wal").read_bytes()
    assert wal
    result = restore_backup(crashed, good_copy)
    assert result.replaced_was_damaged
    assert result.safety_copy.path.with_name(result.safety_copy.path.name + "-wal").read_bytes() == wal
    assert organisation_count(crashed) == 51


def test_the_erasures_reapplied_are_counted_in_agreement():
    """It read « 2 effacement(s) de personne(s) postérieur(s) » (one: test_erasure.py)."""
    note = RestoreResult(Path("coorace.sqlite"), None, None, erasures_reapplied=2).erasure_note()
    assert note == "2 effacements de personnes postérieurs à la sauvegarde réappliqués : ces personnes restent effacées."
