"""The register of copies saved outside the data folder: only those, the newest per database,
kept once the copy's medium is gone, and never a reason for a copy to fail."""

import json
import stat
from pathlib import Path

import pytest

from coorace_desktop.storage.backup import create_backup, manifest_path
from coorace_desktop.storage.outside_copies import last_outside_copy, register_path
from coorace_desktop.storage.paths import data_folder

pytestmark = pytest.mark.sqlite_only("copies of a database file; a server database is backed up by its server")


def test_only_copies_outside_the_data_folder_are_recorded_the_newest_per_database(database, tmp_path):
    create_backup(database.path)  # the backups folder
    create_backup(database.path, data_folder() / "copie.sqlite")  # the data folder itself
    assert last_outside_copy(database.path) is None and not register_path().exists()
    key = tmp_path / "cle-usb"
    key.mkdir()
    first = create_backup(database.path, key)
    second = create_backup(database.path, key / "copie-2.sqlite")
    create_backup(database.path)  # an automatic one since: still the same outside copy
    copy = last_outside_copy(database.path)
    assert (copy.path, copy.created_at) == (second.path.resolve(), second.created_at) and first.created_at <= copy.created_at
    assert stat.S_IMODE(register_path().stat().st_mode) == 0o600
    for path in (second.path, manifest_path(second.path)):  # the key unplugged: the record stays
        path.unlink()
    assert last_outside_copy(database.path) == copy
    assert last_outside_copy(Path(database.path.parent / "autre.sqlite")) is None


def test_a_damaged_register_reads_as_none_and_is_written_anew(database, tmp_path):
    data_folder().mkdir(parents=True, exist_ok=True)
    register_path().write_text("{pas du json", encoding="utf-8")
    assert last_outside_copy(database.path) is None
    info = create_backup(database.path, tmp_path / "copie.sqlite")
    assert last_outside_copy(database.path).path == info.path.resolve()
    assert list(json.loads(register_path().read_text(encoding="utf-8"))) == [str(database.path.resolve())]


def test_a_register_that_cannot_be_written_never_fails_the_copy(database, tmp_path, caplog):
    register_path().mkdir(parents=True)  # a folder where the file should be
    info = create_backup(database.path, tmp_path / "copie.sqlite")
    assert info.path.is_file() and last_outside_copy(database.path) is None
    assert "non inscrite" in caplog.text
