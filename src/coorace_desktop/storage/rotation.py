"""Which backups exist, and which automatic ones are kept: the newest per day and per week.

Rotation only ever deletes backups it took itself (automatic ones and safety snapshots, known
by their manifest); copies the user saved are never deleted."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from coorace_desktop.storage.backup import (
    BACKUP_SUFFIX,
    PARTIAL_PREFIX,
    SNAPSHOT_KINDS,
    BackupInfo,
    BackupKind,
    Progress,
    create_backup,
    read_manifest,
    side_paths,
)
from coorace_desktop.storage.paths import backup_dir

ABANDONED_AFTER = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """Automatic backups kept: the newest of each of the last `daily` days and `weekly` ISO weeks
    that have one; safety snapshots (before a migration or a restore): the newest `snapshots` of each kind."""

    daily: int = 7
    weekly: int = 8
    snapshots: int = 5


def list_backups(folder: Path | None = None, database: Path | None = None) -> list[BackupInfo]:
    """Backups in `folder` (default: the backups folder), newest first; only those of `database` if given."""
    folder = folder or backup_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{BACKUP_SUFFIX}"):
        if path.name.startswith(PARTIAL_PREFIX) or not path.is_file():
            continue
        info = read_manifest(path)
        if info is None:
            stat = path.stat()
            info = BackupInfo(path, BackupKind.MANUAL, datetime.fromtimestamp(stat.st_mtime).astimezone(), stat.st_size)
        if database is None or _belongs_to(info, database):
            found.append(info)
    return sorted(found, key=lambda info: info.created_at, reverse=True)


def _belongs_to(info: BackupInfo, database: Path) -> bool:
    if info.source:
        return info.source == str(database.resolve())
    return info.path.name.startswith(f"{database.stem}-")


def backups_to_remove(backups: list[BackupInfo], policy: RetentionPolicy) -> list[BackupInfo]:
    """Which of one database's rotated backups the policy lets go (manual copies never)."""
    newest_first = sorted(backups, key=lambda info: info.created_at, reverse=True)
    keep: set[Path] = set()
    automatic = [info for info in newest_first if info.kind is BackupKind.AUTOMATIC]
    for period, limit in ((_day, policy.daily), (_iso_week, policy.weekly)):
        periods_seen: list[object] = []
        for info in automatic:
            period_key = period(info.created_at)
            if period_key not in periods_seen and len(periods_seen) < limit:
                periods_seen.append(period_key)
                keep.add(info.path)
    for kind in SNAPSHOT_KINDS:
        snapshots = [info.path for info in newest_first if info.kind is kind]
        keep.update(snapshots[: policy.snapshots])
    rotated = (BackupKind.AUTOMATIC, *SNAPSHOT_KINDS)
    return [info for info in newest_first if info.kind in rotated and info.path not in keep]


def _day(moment: datetime) -> object:
    return moment.date()


def _iso_week(moment: datetime) -> object:
    return moment.isocalendar()[:2]


def rotate(database: Path, policy: RetentionPolicy = RetentionPolicy(), folder: Path | None = None) -> list[Path]:
    """Delete the rotated backups of `database` the policy no longer keeps; returns what was deleted."""
    removed = []
    for info in backups_to_remove(list_backups(folder, database), policy):
        for path in (info.path, info.manifest_path, *side_paths(info.path)):
            path.unlink(missing_ok=True)
        removed.append(info.path)
    return removed + _remove_abandoned_partials(folder or backup_dir(), datetime.now().timestamp())


def _remove_abandoned_partials(folder: Path, now: float) -> list[Path]:
    """Temporary files of backups interrupted long ago (kill, power cut); a running one is recent."""
    removed = []
    for path in folder.glob(f"{PARTIAL_PREFIX}*"):
        if now - path.stat().st_mtime > ABANDONED_AFTER.total_seconds():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def automatic_backup(database: Path, *, kind: BackupKind = BackupKind.AUTOMATIC, progress: Progress | None = None) -> BackupInfo:
    """A backup into the backups folder, then rotation of that database's backups."""
    info = create_backup(database, None, kind=kind, progress=progress)
    rotate(database)
    return info


def snapshot_before_migration(path: Path) -> BackupInfo:
    """Copy the file with SQLite's backup API before its schema changes (it joins the rotation)."""
    return automatic_backup(path, kind=BackupKind.BEFORE_MIGRATION)


def daily_backup_due(database: Path, now: datetime | None = None, interval: timedelta = timedelta(days=1)) -> bool:
    """True when the newest automatic backup of `database` is older than `interval` (or there is none)."""
    now = now or datetime.now().astimezone()
    automatic = [info for info in list_backups(None, database) if info.kind is BackupKind.AUTOMATIC]
    return not automatic or now - automatic[0].created_at >= interval
