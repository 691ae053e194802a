"""Opening a database on a PostgreSQL server: ours are recognised, others refused untouched,
and failures of the server or the login are French sentences."""

import pytest
import sqlalchemy.exc
from sqlalchemy import create_engine, inspect, select

from coorace_desktop.domain import Organisation
from coorace_desktop.domain.members import OrganisationDraft
from coorace_desktop.services.members.organisations import save_organisation
from coorace_desktop.storage.database import open_database
from coorace_desktop.storage.errors import (
    DatabaseNotFoundError,
    ForeignDatabaseError,
    NewerSchemaError,
    ReadOnlyError,
    ServerUnavailableError,
    StorageError,
    known_failure,
)
from coorace_desktop.storage.migrate import head_revision
from coorace_desktop.storage.server import MARKER
from tests.backends import free_port


@pytest.fixture
def empty_server_database(postgres_cluster):
    name = postgres_cluster.create_database()
    yield postgres_cluster.url(name)
    postgres_cluster.drop_database(name)


def sql(url: str, statement: str):
    """Run one statement on the server directly, as another program would; its first value."""
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            result = connection.exec_driver_sql(statement)
            return result.scalar() if result.returns_rows else None
    finally:
        engine.dispose()


def test_an_empty_server_database_is_initialised_and_marked_as_ours(empty_server_database):
    url = empty_server_database.replace("postgresql+psycopg://", "postgresql://")  # as a user types it
    database = open_database(url)
    try:
        assert database.url.startswith("postgresql+psycopg://")
        assert database.schema_revision() == head_revision()
        assert database.is_server and database.path is None
        assert database.display_name.startswith("test_") and " sur 127.0.0.1:" in database.display_name
        assert "coorace" not in database.display_name.split(" sur ")[1]  # no user, no password shown
        with database.engine.connect() as connection:
            assert inspect(connection).get_table_comment("alembic_version")["text"] == MARKER
    finally:
        database.close()


def test_a_foreign_server_database_is_refused_untouched(empty_server_database):
    sql(empty_server_database, "CREATE TABLE songs (title text)")
    with pytest.raises(ForeignDatabaseError, match="tables d'une autre application"):
        open_database(empty_server_database)
    assert sql(empty_server_database, "SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'") == "songs"


def test_a_server_database_of_a_newer_version_is_refused_untouched(empty_server_database):
    open_database(empty_server_database).close()
    sql(empty_server_database, "UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(NewerSchemaError, match="version plus récente"):
        open_database(empty_server_database)
    assert sql(empty_server_database, "SELECT version_num FROM alembic_version") == "9999_future"


def test_read_only_refuses_every_write_in_french(database):
    read_only = open_database(database.url, read_only=True)
    try:
        with pytest.raises(sqlalchemy.exc.DBAPIError) as refused:
            save_organisation(read_only, OrganisationDraft(name="Interdit"))
        assert isinstance(known_failure(refused.value), ReadOnlyError)
    finally:
        read_only.close()
    with database.session() as session:
        assert session.execute(select(Organisation.id)).first() is None


def test_server_failures_are_french_sentences(postgres_cluster):
    unreachable = f"postgresql://coorace:x@127.0.0.1:{free_port()}/coorace"
    with pytest.raises(sqlalchemy.exc.OperationalError) as refused:
        open_database(unreachable)
    assert isinstance(known_failure(refused.value), ServerUnavailableError)
    assert "ne répond pas" in str(known_failure(refused.value))

    wrong_password = postgres_cluster.url().replace(postgres_cluster.password, "faux")
    with pytest.raises(sqlalchemy.exc.OperationalError) as refused:
        open_database(wrong_password)
    assert "refuse l'identifiant ou le mot de passe" in str(known_failure(refused.value))

    with pytest.raises(sqlalchemy.exc.OperationalError) as refused:
        open_database(postgres_cluster.url("absente"))
    failure = known_failure(refused.value)
    assert isinstance(failure, DatabaseNotFoundError) and "n'existe pas sur le serveur" in str(failure)


def test_other_kinds_of_url_are_refused():
    with pytest.raises(StorageError, match="SQLite ou une base PostgreSQL"):
        open_database("mysql://root@localhost/coorace")
