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


@contextmanager
def written_atomically(target: Path) -> Iterator[Path]:
    """A temporary path beside `target`, renamed onto it when the block succeeds.

    A failure leaves any earlier file as it was; an OSError (folder protected, disk full...)
    becomes the storage error naming `target`, not the temporary file."""
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.stem}-", suffix=target.suffix)
        os.close(handle)
    except OSError as error:
        raise file_failure(error, f"Impossible d'enregistrer {target}") from error
    try:
        yield Path(temporary)
        replace_file(temporary, target)
    except OSError as error:
        raise file_failure(error, f"Impossible d'enregistrer {target}") from error
    finally:
        Path(temporary).unlink(missing_ok=True)
