"""Where the database and backups live by default, following each OS's conventions."""

import os
from pathlib import Path

APP_NAME = "coorace-desktop"
DB_ENV_VAR = "COORACE_DB"
DATABASE_URL_ENV_VAR = "COORACE_DATABASE_URL"  # a shared server: postgresql://user@host/database


def default_database_path() -> Path:
    """COORACE_DB when set, else coorace.sqlite in the user data folder."""
    override = os.environ.get(DB_ENV_VAR)
    if override:
        return Path(override)
    return data_folder() / "coorace.sqlite"


def default_database_target() -> Path | str:
    """COORACE_DATABASE_URL when set, else the default file (default_database_path)."""
    return os.environ.get(DATABASE_URL_ENV_VAR) or default_database_path()


def backup_dir() -> Path:
    return data_folder() / "sauvegardes"


def log_dir() -> Path:
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, appauthor=False)


def private_folder(folder: Path) -> Path:
    """`folder`, created when missing with any missing parent readable by its owner only (0700,
    as the XDG base directory specification asks): the data, backups, log and settings hold
    personal data. A folder that exists is left as it is."""
    for path in reversed([path for path in folder.parents if not path.exists()]):
        path.mkdir(mode=0o700, exist_ok=True)
    folder.mkdir(mode=0o700, exist_ok=True)  # FileExistsError when it is a file, as mkdir says
    return folder


def demo_database_path() -> Path:
    return data_folder() / "demo-2020.sqlite"


def data_folder() -> Path:
    # platformdirs (~7 ms with tempfile and shutil) loads when a folder is asked for, not
    # while the command line and the window's shell start.
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)
