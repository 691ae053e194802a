"""What Windows does differently, tested here by faking its platform checks (no Windows machine runs
the tests): the file lock's locked byte (msvcrt), folders that cannot be opened for fsync, a file
another program holds open when it is replaced; and accented, long paths through backup and restore.
What only a Windows PC can show is listed in the README (Packaging)."""

import errno
import os
import shutil
import sys
import types
from pathlib import Path

import pytest

from coorace_desktop.storage import files
from coorace_desktop.storage.backup import BackupKind, create_backup, read_manifest
from coorace_desktop.storage.errors import FileAccessError, ReadOnlyError, file_failure, user_message
from coorace_desktop.storage.files import replace_file, sync_folder, written_atomically
from coorace_desktop.storage.lock import _WINDOWS_LOCK_OFFSET, DatabaseInUseError, DatabaseLock, lock_path
from coorace_desktop.storage.restore import restore_backup
from tests.sqlite_files import execute, organisation_count

pytestmark = pytest.mark.sqlite_only("fichiers, verrou et chemins d'une base SQLite")

ERROR_SHARING_VIOLATION = 32


class FakeMsvcrt(types.ModuleType):
    """Windows' byte-range locks over this system's files: a byte locked through one open file
    cannot be locked through another while the first is open (closing it releases the byte)."""

    LK_NBLCK = 2

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.locked: dict[tuple[int, int, int], int] = {}  # (device, inode, offset) -> descriptor

    def locking(self, descriptor: int, mode: int, size: int) -> None:
        assert (mode, size) == (self.LK_NBLCK, 1)
        status = os.fstat(descriptor)
        key = (status.st_dev, status.st_ino, os.lseek(descriptor, 0, os.SEEK_CUR))
        holder = self.locked.get(key)
        if holder is not None and holder != descriptor and _open_on(holder, status):
            raise PermissionError(errno.EACCES, "Permission denied")
        self.locked[key] = descriptor


def _open_on(descriptor: int, status: os.stat_result) -> bool:
    try:
        other = os.fstat(descriptor)
    except OSError:
        return False
    return (other.st_dev, other.st_ino) == (status.st_dev, status.st_ino)


@pytest.fixture
def windows(monkeypatch) -> FakeMsvcrt:
    msvcrt = FakeMsvcrt()
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "msvcrt", msvcrt)
    return msvcrt


def test_windows_lock_refuses_a_second_holder_and_frees_the_file_on_release(tmp_path, windows):
    database = tmp_path / "coorace.sqlite"
    first = DatabaseLock(database)
    first.acquire()
    [(_device, _inode, offset)] = windows.locked
    assert offset == _WINDOWS_LOCK_OFFSET > lock_path(database).stat().st_size  # the holder's text stays readable
    with pytest.raises(DatabaseInUseError) as refused:
        DatabaseLock(database).acquire()
    assert refused.value.holder.pid == os.getpid()
    first.release()
    assert not lock_path(database).exists()
    with DatabaseLock(database) as second:
        assert second.held and second.previous is None


def test_windows_lock_left_by_a_dead_process_is_taken_over(tmp_path, windows):
    database = tmp_path / "coorace.sqlite"
    crashed = DatabaseLock(database)
    crashed.acquire()
    os.close(crashed._descriptor)  # the process died: Windows dropped its byte, the file stays
    crashed._descriptor = None
    assert lock_path(database).exists()
    with DatabaseLock(database) as taken:
        assert taken.previous is not None and taken.previous.pid == os.getpid()


@pytest.mark.parametrize("failing", ["open", "fsync"])
def test_sync_folder_is_a_no_op_where_a_folder_cannot_be_opened_or_synced(demo_file, tmp_path, monkeypatch, failing):
    """Windows cannot open a folder (PermissionError); some file systems refuse fsync on one."""
    real_open, real_fsync = os.open, os.fsync

    def refuse_open(path, *args, **kwargs):
        if Path(path).is_dir():
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    def refuse_fsync(descriptor):
        if os.path.isdir(f"/proc/self/fd/{descriptor}"):
            raise OSError(errno.EINVAL, "Invalid argument")
        return real_fsync(descriptor)

    monkeypatch.setattr(os, "open" if failing == "open" else "fsync", refuse_open if failing == "open" else refuse_fsync)
    sync_folder(tmp_path)  # no error
    info = create_backup(demo_file, tmp_path / "copie.sqlite")  # which syncs its folder
    assert info.path.exists() and read_manifest(info.path).sha256 == info.sha256


def sharing_violation(path) -> PermissionError:
    error = PermissionError(errno.EACCES, "Le processus ne peut pas accéder au fichier", str(path))
    error.winerror = ERROR_SHARING_VIOLATION  # set by Python on Windows only
    return error


def test_replacing_a_file_another_program_holds_is_retried(tmp_path, monkeypatch):
    source, target = tmp_path / "nouveau", tmp_path / "rapport.pdf"
    source.write_text("nouveau")
    target.write_text("ancien")
    real_replace, attempts, waits = os.replace, [], []

    def held_twice(a, b):
        attempts.append(b)
        if len(attempts) <= 2:
            raise sharing_violation(b)
        real_replace(a, b)

    monkeypatch.setattr(os, "replace", held_twice)
    monkeypatch.setattr(files.time, "sleep", waits.append)
    replace_file(source, target)
    assert target.read_text() == "nouveau" and len(attempts) == 3
    assert waits == list(files.REPLACE_RETRY_DELAYS[:2])


def test_a_file_held_open_for_good_is_said_in_french_and_kept(tmp_path, monkeypatch):
    target = tmp_path / "adherents.xlsx"
    target.write_text("ancien")
    monkeypatch.setattr(os, "replace", lambda a, b: (_ for _ in ()).throw(sharing_violation(b)))
    waits = []
    monkeypatch.setattr(files.time, "sleep", waits.append)
    with pytest.raises(FileAccessError, match="ouvert dans un autre programme ; fermez-le, puis recommencez") as refused:
        with written_atomically(target) as temporary:
            temporary.write_text("nouveau")
    assert str(target) in str(refused.value)
    assert target.read_text() == "ancien" and [p.name for p in tmp_path.iterdir()] == ["adherents.xlsx"]
    assert sum(waits) < 2 and len(waits) == len(files.REPLACE_RETRY_DELAYS)


def test_access_denied_is_not_retried_and_keeps_its_message(tmp_path, monkeypatch):
    denied = PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(os, "replace", lambda a, b: (_ for _ in ()).throw(denied))
    monkeypatch.setattr(files.time, "sleep", lambda _delay: pytest.fail("retried"))
    with pytest.raises(PermissionError):
        replace_file(tmp_path / "a", tmp_path / "b")
    assert isinstance(file_failure(denied), ReadOnlyError)
    assert "ouvert dans un autre programme" in user_message(sharing_violation("base.sqlite"))


def long_accented_folder(root: Path) -> Path:
    """A folder whose path is past Windows' classic 260-character limit, with accents and spaces;
    within SQLite's own limit here (512 bytes for a whole path on Unix, more on Windows)."""
    folder = root
    while len(str(folder)) <= 260:
        folder /= "Délégation régionale — Coorace Occitanie (été)"
    folder.mkdir(parents=True)
    return folder


def test_accented_long_paths_through_backup_and_restore(demo_file, tmp_path, monkeypatch):
    folder = long_accented_folder(tmp_path)
    database = folder / "Base des adhérents — année 2026.sqlite"
    shutil.copy(demo_file, database)
    assert len(str(database)) > 260
    monkeypatch.setenv("XDG_DATA_HOME", str(folder / "données"))  # the backups folder, as long

    automatic = create_backup(database, kind=BackupKind.AUTOMATIC)
    assert automatic.path.parent.is_relative_to(folder) and automatic.path.name.startswith("Base des adhérents — année")
    chosen = create_backup(database, folder / "Copie de sécurité/")
    assert read_manifest(chosen.path).sha256 == chosen.sha256

    execute(database, "INSERT INTO organisations (name, siret, website, notes, name_key, search_key) "
                      "VALUES ('Nouvelle', '', '', '', 'nouvelle', 'nouvelle')")
    assert organisation_count(database) == 52
    result = restore_backup(database, chosen.path)
    assert organisation_count(database) == 51 == result.verification.counts["organisations"]
    assert organisation_count(result.safety_copy.path) == 52
