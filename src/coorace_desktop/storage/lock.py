"""One running application per database file: a lock file next to it says who holds it.

`coorace.sqlite.lock` holds the holder's user, host, pid and start time (JSON). Whether the
holder is alive is decided by an advisory lock the operating system keeps on that file
(flock on Unix, a locked byte on Windows) and releases when the process ends in any way,
kill -9 and power cut included: a lock file left behind is stale and simply taken over, with
no pid guessing (pids are reused after a reboot). Where the file system has no such locks
(some network shares), a pid check on the same host decides. QLockFile would do this too but
is Qt, and the command line must respect the same lock."""

import errno
import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from coorace_desktop import __version__
from coorace_desktop.storage.errors import ReadOnlyError, StorageError
from coorace_desktop.storage.paths import private_folder

LOCK_SUFFIX = ".lock"
# Windows locks byte ranges, and a locked range cannot be read: lock one byte far past the text.
_WINDOWS_LOCK_OFFSET = 1 << 30
_NO_OS_LOCKS = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL}


@dataclass(frozen=True, slots=True)
class LockHolder:
    """Who holds (or held) a database."""

    user: str
    host: str
    pid: int
    since: datetime
    application_version: str = ""

    def describe(self) -> str:
        """'marie sur BUREAU-1 (processus 4242) depuis le 27/11/2026 à 09:15'"""
        return f"{self.user} sur {self.host} (processus {self.pid}) depuis le {self.since.astimezone():%d/%m/%Y à %H:%M}"


class DatabaseInUseError(StorageError):
    """Another running Coorace Desktop holds the database."""

    def __init__(self, database: Path, holder: LockHolder | None) -> None:
        who = holder.describe() if holder else "un autre programme"
        super().__init__(f"La base {database.name} est déjà ouverte par Coorace Desktop : {who}.")
        self.holder = holder


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + LOCK_SUFFIX)


class DatabaseLock:
    """The lock of one database file; acquire() raises DatabaseInUseError when someone holds it."""

    def __init__(self, database: Path) -> None:
        self.database = database.resolve()  # a link and its target share one lock
        self.path = lock_path(self.database)
        self.previous: LockHolder | None = None  # a stale holder taken over (the app did not close)
        self._descriptor: int | None = None

    @property
    def held(self) -> bool:
        return self._descriptor is not None

    def acquire(self) -> None:
        if self.held:
            return
        for _attempt in range(5):
            descriptor = self._open()
            try:
                locked = _os_lock(descriptor)
                holder = _read_holder(descriptor)
                if locked is False or (locked is None and holder is not None and _alive(holder)):
                    raise DatabaseInUseError(self.database, holder)
                if _same_file(descriptor, self.path):
                    self.previous = holder
                    _write_holder(descriptor, current_holder())
                    self._descriptor = descriptor
                    return
            except BaseException:
                os.close(descriptor)
                raise
            os.close(descriptor)  # the holder removed that file as we opened it: lock the new one
        raise DatabaseInUseError(self.database, None)

    def _open(self) -> int:
        try:
            private_folder(self.path.parent)  # a new database in a new folder
            return os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except OSError as error:
            if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise ReadOnlyError(
                    f"Le dossier de {self.database.name} est protégé en écriture : "
                    "la base ne peut y être ouverte qu'en lecture seule."
                ) from error
            raise

    def release(self) -> None:
        if self._descriptor is None:
            return
        descriptor, self._descriptor = self._descriptor, None
        try:
            if sys.platform == "win32":
                os.ftruncate(descriptor, 0)  # an open file cannot be removed there
            else:
                self.path.unlink(missing_ok=True)  # still locked: nobody can take it half-removed
        finally:
            os.close(descriptor)  # closing releases the operating system's lock
        if sys.platform == "win32":
            try:
                self.path.unlink()
            except OSError:
                pass  # another instance opened it meanwhile; it will lock and rewrite it

    def holder(self) -> LockHolder | None:
        """Who holds the database now, or None when it is free (a stale file counts as free)."""
        if self.held:
            return current_holder()
        probe = DatabaseLock(self.database)
        try:
            probe.acquire()
        except DatabaseInUseError as error:
            return error.holder
        except FileNotFoundError:
            return None
        probe.release()
        return None

    def __enter__(self) -> "DatabaseLock":
        self.acquire()
        return self

    def __exit__(self, *_exc) -> None:
        self.release()


def current_holder() -> LockHolder:
    return LockHolder(_user(), socket.gethostname(), os.getpid(), datetime.now().astimezone(), __version__)


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "?"


def _os_lock(descriptor: int) -> bool | None:
    """True when this descriptor now holds the OS lock, False when another does, None when unsupported."""
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(descriptor, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK):
            return False
        if error.errno in _NO_OS_LOCKS:
            return None
        raise
    return True


def _read_holder(descriptor: int) -> LockHolder | None:
    try:
        text = os.pread(descriptor, 4096, 0) if hasattr(os, "pread") else _read_start(descriptor)
        document = json.loads(text.decode("utf-8"))
        return LockHolder(
            user=str(document["user"]),
            host=str(document["host"]),
            pid=int(document["pid"]),
            since=datetime.fromisoformat(document["since"]),
            application_version=str(document.get("application_version", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # empty (just created) or half-written by a holder that died


def _read_start(descriptor: int) -> bytes:
    os.lseek(descriptor, 0, os.SEEK_SET)
    return os.read(descriptor, 4096)


def _write_holder(descriptor: int, holder: LockHolder) -> None:
    document = {
        "user": holder.user,
        "host": holder.host,
        "pid": holder.pid,
        "since": holder.since.isoformat(timespec="seconds"),
        "application_version": holder.application_version,
    }
    os.ftruncate(descriptor, 0)
    os.lseek(descriptor, 0, os.SEEK_SET)
    os.write(descriptor, json.dumps(document, ensure_ascii=False).encode("utf-8"))
    os.fsync(descriptor)


def _same_file(descriptor: int, path: Path) -> bool:
    try:
        current = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(descriptor)
    return (mine.st_dev, mine.st_ino) == (current.st_dev, current.st_ino)


def _alive(holder: LockHolder) -> bool:
    """Without OS locks: a holder on another host is assumed alive; on this host, its pid must run."""
    if holder.host != socket.gethostname():
        return True
    if holder.pid == os.getpid() or sys.platform == "win32":
        return True  # os.kill(pid, 0) on Windows would send Ctrl+C, not probe
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True
