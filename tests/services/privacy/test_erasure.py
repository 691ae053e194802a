"""Erasure that holds: no byte of the name left in the file or its WAL, and still erased after restoring an older backup."""

import re
from datetime import date, datetime, timedelta

import pytest

from coorace_desktop.services.privacy.person_data import erase_person, find_persons, person_record
from coorace_desktop.services.privacy.register import backups_still_holding, restore_keeping_erasures
from coorace_desktop.storage.backup import BackupKind, create_backup
from coorace_desktop.storage.database import open_database
from coorace_desktop.storage.rotation import list_backups

pytestmark = pytest.mark.sqlite_only("octets d'un fichier SQLite et de son WAL ; restauration d'un fichier")


def bytes_on_disk(path):
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def test_no_byte_of_the_surname_remains_while_the_database_is_open(demo_database):
    (guillet,) = find_persons(demo_database, "Catherine GUILLET")
    assert re.search(rb"(?i)guillet", bytes_on_disk(demo_database.path))
    erase_person(demo_database, guillet.id)
    assert not re.search(rb"(?i)guillet", bytes_on_disk(demo_database.path))  # the database is still open


def test_restoring_the_backup_taken_before_the_erasure_leaves_her_erased(demo_database, tmp_path):
    path = demo_database.path
    morning = create_backup(path, tmp_path / "matin.sqlite").path
    (guillet,) = find_persons(demo_database, "Catherine GUILLET")
    erase_person(demo_database, guillet.id)
    demo_database.close()
    result = restore_keeping_erasures(path, morning)
    assert result.erasures_reapplied == 1
    assert result.erasure_note() == "1 effacement de personne postérieur à la sauvegarde réappliqué : cette personne reste effacée."
    with open_database(path) as database:
        assert find_persons(database, "guillet") == []
        assert person_record(database, guillet.id).erased_on == date.today()
    assert not re.search(rb"(?i)guillet", bytes_on_disk(path))
    # The register came along: a second, older restore still erases her.
    assert restore_keeping_erasures(path, morning).erasures_reapplied == 1


def test_the_site_email_built_from_her_name_is_listed_for_review(demo_database):
    (chatry,) = find_persons(demo_database, "Isabelle CHATRY")
    erasure = erase_person(demo_database, chatry.id)
    assert any(m.excerpt.startswith("i.chatry@") and "e-mail d'un site" in m.place for m in erasure.mentions)


def test_automatic_backups_older_than_the_erasure_are_listed_with_when_they_go(demo_database):
    path = demo_database.path
    automatic = create_backup(path, kind=BackupKind.AUTOMATIC)
    manual = create_backup(path, kind=BackupKind.MANUAL)
    held = {info.path: until for info, until in backups_still_holding(path, datetime.now().astimezone() + timedelta(seconds=1))}
    assert set(held) == {info.path for info in list_backups(None, path)} == {automatic.path, manual.path}
    assert held[automatic.path].startswith("supprimée par la rotation au plus tard le ")
    assert "jamais supprimée automatiquement" in held[manual.path]
    assert backups_still_holding(path, automatic.created_at) == []
