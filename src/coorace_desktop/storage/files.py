"""Writing a user's file whole or not at all, with a French refusal when it cannot be written."""

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coorace_desktop.storage.errors import file_failure


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
        os.replace(temporary, target)
    except OSError as error:
        raise file_failure(error, f"Impossible d'enregistrer {target}") from error
    finally:
        Path(temporary).unlink(missing_ok=True)
