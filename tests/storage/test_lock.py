"""One application per database: the second is told who holds it; a dead holder's lock is taken over."""

import json
import os
import signal
import socket
import stat
import subprocess
import sys

import pytest

from coorace_desktop.storage import lock as lock_module
from coorace_desktop.storage.errors import ReadOnlyError
from coorace_desktop.storage.lock import DatabaseInUseError, DatabaseLock, lock_path

HOLDER = """
import sys, time
from pathlib import Path
from coorace_desktop.storage.lock import DatabaseLock
DatabaseLock(Path(sys.argv[1])).acquire()
print("held", flush=True)
time.sleep(60)
"""


def test_a_second_lock_is_refused_with_who_holds_it(tmp_path):
    database = tmp_path / "coorace.sqlite"
    first = DatabaseLock(database)
    first.acquire()
    assert stat.S_IMODE(lock_path(database).stat().st_mode) == 0o600
    with pytest.raises(DatabaseInUseError, match=rf"déjà ouverte par Coorace Desktop : .* sur {socket.gethostname()} \(processus {os.getpid()}\) depuis le ") as refused:
        DatabaseLock(database).acquire()
    assert refused.value.holder.pid == os.getpid()
    assert DatabaseLock(database).holder().pid == os.getpid()
    first.release()
    assert not lock_path(database).exists()
    assert DatabaseLock(database).holder() is None
    with DatabaseLock(database) as second:
        assert second.held and second.previous is None


def test_a_lock_held_by_another_process_and_taken_over_after_kill_9(tmp_path):
    database = tmp_path / "coorace.sqlite"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(database)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(DatabaseInUseError) as refused:
            DatabaseLock(database).acquire()
        assert refused.value.holder.pid == holder.pid
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert lock_path(database).exists()  # left behind by the killed process: stale
    taken = DatabaseLock(database)
    taken.acquire()
    assert taken.previous.pid == holder.pid  # the app can say it was not closed properly
    assert json.loads(lock_path(database).read_text())["pid"] == os.getpid()
    taken.release()


def test_a_half_written_lock_file_is_stale(tmp_path):
    database = tmp_path / "coorace.sqlite"
    lock_path(database).write_text('{"user": "mar')
    with DatabaseLock(database) as taken:
        assert taken.previous is None and taken.held


@pytest.mark.parametrize(
    ("host", "pid", "alive"),
    [("this", "dead", False), ("this", "parent", True), ("other", "dead", True)],
)
def test_without_os_locks_a_pid_check_decides_on_the_same_host(tmp_path, monkeypatch, host, pid, alive):
    monkeypatch.setattr(lock_module, "_os_lock", lambda _descriptor: None)  # e.g. some network shares
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    database = tmp_path / "coorace.sqlite"
    lock_path(database).write_text(json.dumps({
        "user": "marie",
        "host": socket.gethostname() if host == "this" else "AUTRE-POSTE",
        "pid": int(dead.stdout) if pid == "dead" else os.getppid(),
        "since": "2026-11-27T09:15:00+01:00",
    }))
    lock = DatabaseLock(database)
    if alive:
        with pytest.raises(DatabaseInUseError, match="marie sur"):
            lock.acquire()
    else:
        lock.acquire()
        assert lock.previous.user == "marie"
        lock.release()


def test_a_protected_folder_is_a_french_read_only_message(tmp_path, monkeypatch):
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(lock_module.os, "open", refuse)
    with pytest.raises(ReadOnlyError, match="protégé en écriture : la base ne peut y être ouverte qu'en lecture seule"):
        DatabaseLock(tmp_path / "coorace.sqlite").acquire()


def test_a_new_database_in_a_folder_not_yet_created(tmp_path):
    database = tmp_path / "nouveau" / "dossier" / "coorace.sqlite"
    with DatabaseLock(database) as lock:
        assert lock.held and lock_path(database).exists()
