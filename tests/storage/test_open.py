"""Opening files: new ones are ours and private; others are refused without being touched."""

import hashlib
import sqlite3
import stat

import pytest
from sqlalchemy import func, select

from coorace_desktop.domain import Event
from coorace_desktop.storage.database import open_database
from coorace_desktop.storage.engine import APPLICATION_ID
from coorace_desktop.storage.errors import (
    CorruptDatabaseError,
    DatabaseNotFoundError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
)
from coorace_desktop.storage.migrate import head_revision


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_private_ours_and_at_head(tmp_path):
    path = tmp_path / "new.sqlite"
    database = open_database(path, create=True)
    assert database.schema_revision() == head_revision()
    database.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()


@pytest.mark.sqlite_only("PRAGMA de SQLite")
def test_sqlite_connections_enforce_foreign_keys_and_full_sync(database):
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2


def test_missing_file_is_not_created_unless_asked(tmp_path):
    with pytest.raises(DatabaseNotFoundError, match="n'existe pas"):
        open_database(tmp_path / "absent.sqlite")
    assert not (tmp_path / "absent.sqlite").exists()


def test_text_file_is_refused_unchanged(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("Liste des adhérents\nAJE;Pamiers\n", encoding="utf-8")
    before = digest(path)
    with pytest.raises(NotADatabaseError, match="n'est pas une base de données Coorace Desktop"):
        open_database(path)
    assert digest(path) == before


def test_foreign_sqlite_file_is_refused_unchanged(tmp_path):
    path = tmp_path / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE songs (title TEXT)")
    connection.execute("INSERT INTO songs VALUES ('Amazing Grace')")
    connection.commit()
    connection.close()
    before = digest(path)
    with pytest.raises(ForeignDatabaseError, match="autre application"):
        open_database(path)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]


def test_file_from_a_newer_version_is_refused_unchanged(demo_file, tmp_path):
    path = tmp_path / "newer.sqlite"
    path.write_bytes(demo_file.read_bytes())
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.close()
    before = digest(path)
    with pytest.raises(NewerSchemaError, match="version plus récente"):
        open_database(path)
    assert digest(path) == before


def test_truncated_file_is_refused(demo_file, tmp_path):
    path = tmp_path / "truncated.sqlite"
    path.write_bytes(demo_file.read_bytes()[:20000])
    before = digest(path)
    with pytest.raises(CorruptDatabaseError, match="endommagé"):
        open_database(path)
    assert digest(path) == before


def test_a_list_reads_a_server_outside_any_transaction(demo_database):
    """reading(): on PostgreSQL each statement stands alone (no BEGIN, no COMMIT: two round trips
    fewer for every list read); on SQLite one read transaction, a snapshot for all its statements."""
    with demo_database.reading() as session:
        assert session.execute(select(func.count()).select_from(Event)).scalar_one() > 0
        raw = session.connection().connection.driver_connection
        if demo_database.is_server:
            assert raw.info.transaction_status.name == "IDLE"
        else:
            assert raw.in_transaction
    with demo_database.session() as session:  # every other session: one transaction
        session.execute(select(func.count()).select_from(Event))
        raw = session.connection().connection.driver_connection
        assert raw.info.transaction_status.name == "INTRANS" if demo_database.is_server else raw.in_transaction
