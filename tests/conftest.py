"""Shared fixtures: Qt offscreen, user folders in a temp dir, fresh and demo databases."""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from coorace_desktop.services.demo import load_demo  # noqa: E402
from coorace_desktop.storage.database import Database, open_database  # noqa: E402


@pytest.fixture(autouse=True)
def user_dirs(tmp_path_factory, monkeypatch) -> Path:
    """Data, backups, logs and settings of the tests go to a temp folder, never the user's."""
    home = tmp_path_factory.mktemp("home")
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))
    monkeypatch.delenv("COORACE_DB", raising=False)
    return home


@pytest.fixture
def database(tmp_path) -> Database:
    """A new, empty database file at the current schema."""
    db = open_database(tmp_path / "empty.sqlite", create=True)
    yield db
    db.close()


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    db = open_database(path, create=True)
    load_demo(db)
    db.close()
    return path


@pytest.fixture
def demo_database(demo_file, tmp_path) -> Database:
    """A private copy of the 2020 demo database."""
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, path)
    db = open_database(path)
    yield db
    db.close()
