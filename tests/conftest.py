"""Shared fixtures: Qt offscreen, user folders in a temp dir, fresh and demo databases."""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from coorace_desktop.services.demo import load_demo  # noqa: E402
from coorace_desktop.storage.database import Database, open_database  # noqa: E402
from tests.backends import (  # noqa: E402
    POSTGRESQL,
    both_backends,
    chosen_backend,
    reused_server_database,
    start_cluster,
    template_database,
)


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "sqlite_only(reason): skipped on PostgreSQL, with the reason")


def pytest_generate_tests(metafunc) -> None:
    both_backends(metafunc, Path(__file__).parent)  # storage and service tests run on both backends


@pytest.fixture(autouse=True)
def user_dirs(tmp_path_factory, monkeypatch) -> Path:
    """Data, backups, logs and settings of the tests go to a temp folder, never the user's."""
    home = tmp_path_factory.mktemp("home")
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))
    monkeypatch.delenv("COORACE_DB", raising=False)
    monkeypatch.delenv("COORACE_DATABASE_URL", raising=False)  # never a developer's real server
    return home


@pytest.fixture
def backend(request) -> str:
    """sqlite; storage and service tests also run with postgresql (tests/backends.py)."""
    return chosen_backend(request)


@pytest.fixture(scope="session")
def postgres_cluster():
    cluster = start_cluster()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def postgres_template(postgres_cluster) -> str:
    return template_database(postgres_cluster)


@pytest.fixture(scope="session")
def postgres_demo_template(postgres_cluster) -> str:
    return template_database(postgres_cluster, load_demo)


@pytest.fixture
def database(backend, tmp_path, request) -> Database:
    """A new, empty database at the current schema (a file, or a server database)."""
    if backend == POSTGRESQL:
        yield from reused_server_database(request, "postgres_template")
        return
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
def demo_database(backend, tmp_path, request) -> Database:
    """A private copy of the 2020 demo database."""
    if backend == POSTGRESQL:
        yield from reused_server_database(request, "postgres_demo_template")
        return
    demo_file = request.getfixturevalue("demo_file")
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, path)
    db = open_database(path)
    yield db
    db.close()
