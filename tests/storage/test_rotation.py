"""Rotation keeps what it says: the newest per day for 7 days, per ISO week for 8 weeks, 5 snapshots."""

import json
import os
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coorace_desktop.storage import migrate
from coorace_desktop.storage.backup import BackupInfo, BackupKind, create_backup, manifest_path
from coorace_desktop.storage.database import open_database
from coorace_desktop.storage.paths import backup_dir
from coorace_desktop.storage.rotation import (
    RetentionPolicy,
    automatic_backup,
    backups_to_remove,
    daily_backup_due,
    list_backups,
    rotate,
)
from tests.sqlite_files import execute

pytestmark = pytest.mark.sqlite_only("sauvegardes automatiques de fichiers SQLite (un serveur est sauvegardé par son administrateur)")

START = datetime(2026, 11, 27, 18, 0).astimezone()  # a Friday


def info(kind: BackupKind, when: datetime) -> BackupInfo:
    return BackupInfo(Path(f"/b/{kind}-{when:%Y%m%d-%H%M}.sqlite"), kind, when, 1)


def test_the_policy_keeps_the_newest_per_day_and_per_week_and_never_manual_copies():
    # Two automatic backups a day for 90 days, a manual copy every 10 days, 9 migrations snapshots.
    backups = [info(BackupKind.AUTOMATIC, START - timedelta(days=day, hours=hour)) for day in range(90) for hour in (0, 3)]
    backups += [info(BackupKind.MANUAL, START - timedelta(days=day)) for day in range(0, 90, 10)]
    backups += [info(BackupKind.BEFORE_MIGRATION, START - timedelta(days=day, minutes=1)) for day in range(9)]
    removed = {b.path for b in backups_to_remove(backups, RetentionPolicy())}
    kept = [b for b in backups if b.path not in removed]
    kept_automatic = sorted((b.created_at for b in kept if b.kind is BackupKind.AUTOMATIC), reverse=True)
    daily = [START - timedelta(days=day) for day in range(7)]
    assert kept_automatic[:7] == daily  # the 18:00 one of each of the last 7 days
    weeks = {moment.isocalendar()[:2] for moment in kept_automatic}
    assert len(weeks) == 8
    for moment in kept_automatic[7:]:  # older ones: the newest of their ISO week (a Sunday 18:00)
        assert moment.weekday() == 6 and moment.hour == 18
    # This week's and last week's newest are among the 7 daily ones: 6 older weeks add to them.
    assert len(kept_automatic) == 7 + 6
    assert all(b.path not in removed for b in backups if b.kind is BackupKind.MANUAL)
    snapshots = sorted((b.created_at for b in kept if b.kind is BackupKind.BEFORE_MIGRATION), reverse=True)
    assert snapshots == [START - timedelta(days=day, minutes=1) for day in range(5)]


def test_days_without_backups_do_not_count():
    backups = [info(BackupKind.AUTOMATIC, START - timedelta(days=day * 30)) for day in range(12)]
    removed = backups_to_remove(backups, RetentionPolicy(daily=7, weekly=8))
    assert len(removed) == 12 - 8  # one a month: 8 distinct days and weeks kept, the 4 oldest go


def write_fake_backup(folder: Path, database: Path, kind: BackupKind, when: datetime) -> Path:
    path = folder / f"{database.stem}-{kind}-{when:%Y%m%d-%H%M%S}.sqlite"
    path.write_bytes(b"x")
    manifest_path(path).write_text(json.dumps({
        "kind": str(kind), "created_at": when.isoformat(), "size": 1, "sha256": "",
        "source": str(database.resolve()), "counts": {},
    }))
    return path


def test_rotate_deletes_files_and_manifests_of_that_database_only(tmp_path):
    folder = tmp_path / "sauvegardes"
    folder.mkdir()
    mine, other = tmp_path / "coorace.sqlite", tmp_path / "autre" / "coorace.sqlite"
    for day in range(20):
        write_fake_backup(folder, mine, BackupKind.AUTOMATIC, START - timedelta(days=day))
    foreign = write_fake_backup(folder, other, BackupKind.AUTOMATIC, START - timedelta(days=400))
    foreign.rename(folder / "other-auto.sqlite")
    manifest_path(foreign).rename(folder / "other-auto.sqlite.json")
    dropped_by_hand = folder / "coorace-ma-copie.sqlite"
    dropped_by_hand.write_bytes(b"y")
    removed = rotate(mine, RetentionPolicy(daily=7, weekly=3), folder)
    remaining = list_backups(folder, mine)
    assert len(removed) == 20 - 8  # 7 days, then the 3 weeks: 2 within those days, 1 older
    assert all(not path.exists() and not manifest_path(path).exists() for path in removed)
    assert (folder / "other-auto.sqlite").exists() and dropped_by_hand.exists()
    assert len([b for b in remaining if b.kind is BackupKind.AUTOMATIC]) == 8


def test_automatic_backups_are_rotated_and_due_daily(demo_database):
    path = demo_database.path
    assert daily_backup_due(path)
    first = automatic_backup(path)
    assert first.kind is BackupKind.AUTOMATIC and first.path.parent == backup_dir()
    assert not daily_backup_due(path)
    assert daily_backup_due(path, now=first.created_at + timedelta(days=1, seconds=1))
    for _ in range(3):
        automatic_backup(path)  # same day: only the newest of the day stays
    automatic = [b for b in list_backups(None, path) if b.kind is BackupKind.AUTOMATIC]
    assert len(automatic) == 1 and automatic[0].path != first.path


def test_the_pre_migration_snapshot_joins_the_rotation(demo_file, tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    path.write_bytes(demo_file.read_bytes())
    manual = create_backup(path)
    # Pretend this version knows a newer schema, so that opening the file migrates it.
    real_head = migrate.head_revision()
    monkeypatch.setattr(migrate, "head_revision", lambda: "9999_next")

    def upgrade(connection):
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_next'")
        return []

    monkeypatch.setattr(migrate, "upgrade_to_head", upgrade)
    for _ in range(7):
        open_database(path).close()  # migrates: a snapshot first
        execute(path, f"UPDATE alembic_version SET version_num = '{real_head}'")  # old again
    snapshots = [b for b in list_backups(None, path) if b.kind is BackupKind.BEFORE_MIGRATION]
    assert len(snapshots) == RetentionPolicy().snapshots
    assert {b.schema_revision for b in snapshots} == {real_head}
    assert manual.path.exists()


def test_rotation_removes_temporary_files_of_backups_interrupted_long_ago(tmp_path):
    folder = tmp_path / "sauvegardes"
    folder.mkdir()
    old, fresh = folder / ".partiel-coorace-auto-1.sqlite", folder / ".partiel-coorace-auto-2.sqlite"
    for path in (old, fresh):
        path.write_bytes(b"x")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    assert rotate(tmp_path / "coorace.sqlite", RetentionPolicy(), folder) == [old]
    assert fresh.exists()
