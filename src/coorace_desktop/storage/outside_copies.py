"""Copies saved outside the data folder (*Enregistrer une copie…* onto a USB key or a shared
folder, `backup -o`): the newest of each database is recorded in a small file of the data folder,
so that « À faire » still knows a copy left once the key is unplugged. The automatic backups and
copies saved inside the data folder are not recorded: they would go with its disk."""

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from coorace_desktop.storage.errors import StorageError
from coorace_desktop.storage.files import written_atomically
from coorace_desktop.storage.paths import data_folder, private_folder

REGISTER_NAME = "copies_hors_dossier.json"
log = logging.getLogger("coorace_desktop")


@dataclass(frozen=True, slots=True)
class OutsideCopy:
    path: Path
    created_at: datetime


def register_path() -> Path:
    return data_folder() / REGISTER_NAME


def is_outside_data_folder(path: Path) -> bool:
    return not path.resolve().is_relative_to(data_folder().resolve())


def record_copy(database: Path, copy: Path, created_at: datetime) -> None:
    """Remember `copy` of `database` when it lies outside the data folder. The copy is made by
    then: a register that cannot be written is logged, never a failed copy."""
    if not is_outside_data_folder(copy):
        return
    copies = _read()
    copies[str(database.resolve())] = {"path": str(copy.resolve()), "created_at": created_at.isoformat()}
    target = register_path()
    try:
        private_folder(target.parent)
        with written_atomically(target, "Impossible d'enregistrer la liste des copies dans") as temporary:
            temporary.write_text(json.dumps(copies, ensure_ascii=False, indent=1), encoding="utf-8")
    except (OSError, StorageError) as error:
        log.warning("Copie %s non inscrite dans %s : %s", copy, target, error)


def last_outside_copy(database: Path) -> OutsideCopy | None:
    """The newest copy of `database` saved outside the data folder, None when none was recorded."""
    entry = _read().get(str(database.resolve()))
    try:
        return OutsideCopy(Path(entry["path"]), datetime.fromisoformat(entry["created_at"]))
    except (TypeError, KeyError, ValueError):  # none recorded, or an entry damaged by hand
        return None


def _read() -> dict:
    try:
        copies = json.loads(register_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return copies if isinstance(copies, dict) else {}
