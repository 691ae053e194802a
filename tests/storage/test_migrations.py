"""Migrations produce exactly the models, and go down and up again cleanly."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from coorace_desktop.domain.tables import metadata
from coorace_desktop.storage.migrate import alembic_config, current_revision, head_revision, include_object_for


def test_migrations_match_the_models(database):
    with database.engine.connect() as connection:
        options = {"compare_type": True, "include_object": include_object_for(connection.dialect.name)}
        context = MigrationContext.configure(connection, opts=options)
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_downgrade_to_nothing_and_back(database):
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    with database.engine.connect() as connection:
        assert current_revision(connection) is None
        tables = set(inspect(connection).get_table_names())
    assert tables <= {"alembic_version"}
    with database.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
        assert current_revision(connection) == head_revision()


def test_a_failed_migration_rolls_back_entirely(database):
    """DDL runs inside the transaction (pysqlite would otherwise commit it piecemeal)."""
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    try:
        with database.engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
            raise RuntimeError("coupure au milieu de la migration")
    except RuntimeError:
        pass
    with database.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
    assert "organisations" not in tables


def test_down_and_up_again_on_a_database_holding_data(demo_database):
    """No migration recreates a table (which would trip the foreign keys of a real database)."""
    from coorace_desktop.services.health import counts

    before = counts(demo_database)
    with demo_database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0002_action_search")
    with demo_database.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    assert counts(demo_database) == before
