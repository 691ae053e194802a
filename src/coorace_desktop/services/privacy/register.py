"""The erasure register at work: erasures kept across a restore, and the backups that still hold an erased person."""

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlmodel import select

from coorace_desktop.domain import ErasureRecord, Person
from coorace_desktop.services.privacy.person_data import anonymise
from coorace_desktop.storage.backup import BackupInfo, BackupKind, read_only_connection
from coorace_desktop.storage.database import Database, open_database
from coorace_desktop.storage.restore import RestoreResult, restore_backup
from coorace_desktop.storage.rotation import RetentionPolicy, list_backups


def read_register(path: Path) -> list[tuple[int, date]]:
    """The register of a database file, read without writing to it; empty when it has none or is unreadable."""
    try:
        connection = read_only_connection(path)
        try:
            rows = connection.execute("SELECT person_id, erased_on FROM erasures ORDER BY id").fetchall()
        finally:
            connection.close()
    except sqlite3.Error:
        return []  # an older schema, or a file too damaged to read: the copy's own register still holds
    return [(person_id, date.fromisoformat(erased_on)) for person_id, erased_on in rows]


def reapply_erasures(database: Database, register: list[tuple[int, date]]) -> int:
    """Erase again the persons of the register this database still names, and complete its register; how many."""
    reapplied = 0
    with database.secure_session() as session:
        known = set(session.exec(select(ErasureRecord.person_id)).all())
        for person_id, erased_on in register:
            if person_id not in known:
                session.add(ErasureRecord(person_id=person_id, erased_on=erased_on))
            person = session.get(Person, person_id)
            if person is not None and person.erased_on is None:
                anonymise(session, person, erased_on)
                reapplied += 1
    return reapplied


def keep_erasures(current: Path, staged: Path) -> int:
    """For restore_backup: the current file's erasures applied to the copy about to replace it."""
    register = read_register(current)
    if not register:
        return 0
    database = open_database(staged, snapshot=False)
    try:
        return reapply_erasures(database, register)
    finally:
        database.close()


def restore_keeping_erasures(database: Path, candidate: Path, **options) -> RestoreResult:
    """restore_backup, where a person erased since the backup stays erased."""
    return restore_backup(database, candidate, before_replace=keep_erasures, **options)


def backups_still_holding(database: Path, erased_at: datetime, policy: RetentionPolicy = RetentionPolicy()) -> list[tuple[BackupInfo, str]]:
    """The backups of `database` taken before an erasure (they still hold the person), each with when it goes."""
    held = []
    for info in list_backups(None, database):
        if info.created_at >= erased_at:
            continue
        if info.kind is BackupKind.AUTOMATIC:
            # Kept at most as its ISO week's newest for `weekly` weeks, while backups go on being taken.
            week_end = info.created_at.date() + timedelta(days=7 - info.created_at.isoweekday())
            until = f"supprimée par la rotation au plus tard le {week_end + timedelta(weeks=policy.weekly):%d/%m/%Y}"
        elif info.kind is BackupKind.MANUAL:
            until = "copie enregistrée : jamais supprimée automatiquement, à effacer à la main"
        else:
            until = f"supprimée quand {policy.snapshots} copies « {info.kind.label} » plus récentes existeront"
        held.append((info, until))
    return held


def still_holding_lines(database: Database, erased_at: datetime) -> list[str]:
    """In French, one line per backup of the database file that still holds a person erased at `erased_at`."""
    if database.path is None:
        return []  # a server's backups are its administrator's
    return [f"{info.path.name} ({info.created_at:%d/%m/%Y %H:%M}, {info.kind.label}) : {until}"
            for info, until in backups_still_holding(database.path, erased_at)]
