"""Backups of a server database through pg_dump and pg_restore, and the message without them."""

import stat

import pytest
from sqlalchemy import delete, update

from coorace_desktop.domain import Participation, SupportAction
from coorace_desktop.domain.organisations import Organisation
from coorace_desktop.services.health import counts
from coorace_desktop.storage.database import Database, open_database
from coorace_desktop.storage.engine import make_engine
from coorace_desktop.storage.errors import NewerSchemaError, NotADatabaseError, ServerUnavailableError
from coorace_desktop.storage.paths import backup_dir
from coorace_desktop.storage.server_backup import ToolMissingError, create_server_backup, restore_server_backup
from tests.backends import server_database


@pytest.fixture
def server_demo(request):
    yield from server_database(request, "postgres_demo_template")


def spoil(database: Database) -> None:
    with database.session() as session:
        for table in (Participation, SupportAction):
            session.execute(delete(table))
        session.execute(update(Organisation).values(name="ABÎMÉ"))


def test_backup_then_restore_round_trip(server_demo, tmp_path):
    before = counts(server_demo)
    backup = create_server_backup(server_demo, tmp_path)
    assert backup.path.parent == tmp_path and backup.path.suffix == ".dump"
    assert stat.S_IMODE(backup.path.stat().st_mode) == 0o600 and backup.size > 10_000
    assert [p.name for p in tmp_path.iterdir()] == [backup.path.name]  # no partial file left
    spoil(server_demo)
    assert counts(server_demo)["support_actions"] == 0

    safety = restore_server_backup(server_demo, backup.path)
    assert safety.path.parent == backup_dir() and "avant-restauration" in safety.path.name
    reopened = open_database(server_demo.url)  # still ours (the marker came back with the tables)
    try:
        assert counts(reopened) == before
        with reopened.session() as session:
            assert session.get(Organisation, 1).name != "ABÎMÉ"
    finally:
        reopened.close()


def test_a_file_that_is_not_a_dump_is_refused_and_nothing_changes(server_demo, tmp_path):
    impostor = tmp_path / "notes.dump"
    impostor.write_text("Liste des adhérents\n", encoding="utf-8")
    with pytest.raises(NotADatabaseError, match="n'est pas une sauvegarde Coorace Desktop"):
        restore_server_backup(server_demo, impostor)
    assert counts(server_demo)["organisations"] == 51


def test_a_dump_of_a_newer_schema_is_refused(server_demo, tmp_path):
    with server_demo.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    newer = create_server_backup(server_demo, tmp_path / "future.dump")
    with server_demo.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0003_record_versions'")
        connection.execute(update(Organisation).values(notes="après"))
    with pytest.raises(NewerSchemaError, match="version plus récente"):
        restore_server_backup(server_demo, newer.path)
    with server_demo.session() as session:
        assert session.get(Organisation, 1).notes == "après"


def test_without_the_postgresql_tools_the_user_is_told_what_to_install(server_demo, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ToolMissingError, match="pg_dump, l'outil de PostgreSQL.*postgresql-client"):
        create_server_backup(server_demo, tmp_path)
    with pytest.raises(ToolMissingError, match="pg_restore"):
        restore_server_backup(server_demo, tmp_path / "x.dump")
    assert list(tmp_path.iterdir()) == []


def test_a_refused_password_is_a_french_message(server_demo, tmp_path):
    wrong = server_demo.url.replace(server_demo.url.split(":")[2].split("@")[0], "mauvais-mot-de-passe")
    with pytest.raises(ServerUnavailableError, match="refuse l'identifiant ou le mot de passe"):
        create_server_backup(Database(wrong, make_engine(wrong)), tmp_path)
    assert list(tmp_path.iterdir()) == []
