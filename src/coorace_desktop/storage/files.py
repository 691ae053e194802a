"""Writing a user's file whole or not at all, with a French refusal when it cannot be written."""

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coorace_desktop.storage.errors import file_failure, held_by_another_program

# Windows refuses to replace a file another program holds open (an antivirus or indexer scanning a
# file just written, a spreadsheet showing it): retried for about a second and a half, then the
# error, which storage.errors says in French (the file is open in another program).
REPLACE_RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8)


def replace_file(source: Path | str, target: Path | str) -> None:
    """os.replace, retried while Windows says another program has the file open."""
    for delay in (*REPLACE_RETRY_DELAYS, None):
        try:
            os.replace(source, target)
            return
        except PermissionError as error:
            if delay is None or not held_by_another_program(error):
                raise
        time.sleep(delay)

# The file being written: a short name, so that any legal target name works beside it.
TEMPORARY_PREFIX, TEMPORARY_SUFFIX = ".coorace-", ".partiel"


@contextmanager
def written_atomically(target: Path, action: str = "Impossible d'enregistrer") -> Iterator[Path]:
    """A new private file beside `target`, flushed then renamed onto it when the block succeeds.

    The file is created by mkstemp: a fresh name, exclusively (O_EXCL, never through a link
    someone planted), readable by its owner only (0600, even when `target` existed with wider
    rights); the rename replaces `target` itself, a symbolic link included, never what it points
    to. A failure leaves any earlier file as it was; an OSError (folder protected, disk full...)
    becomes the storage error naming `target` (`action`: what could not be done), not the
    temporary file."""
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=TEMPORARY_PREFIX, suffix=TEMPORARY_SUFFIX)
        os.close(handle)
    except OSError as error:
        raise file_failure(error, f"{action} {target}") from error
    try:
        yield Path(temporary)
        flush_file(Path(temporary))
        replace_file(temporary, target)
        sync_folder(target.parent)
    except OSError as error:
        raise file_failure(error, f"{action} {target}") from error
    finally:
        Path(temporary).unlink(missing_ok=True)


def flush_file(path: Path) -> None:
    """Make what was written to `path` durable before it is renamed into place."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (a no-op where folders cannot be opened, as on Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
