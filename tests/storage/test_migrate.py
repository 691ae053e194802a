"""The revisions read without Alembic are the ones Alembic reads."""

import pytest
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from coorace_desktop.storage import migrate


def test_head_and_known_revisions_match_alembic():
    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.head_revision() == scripts.get_current_head()
    assert migrate.known_revisions() == {script.revision for script in scripts.walk_revisions()}


def test_current_revision_matches_alembic(database):
    with database.engine.connect() as connection:
        assert migrate.current_revision(connection) == MigrationContext.configure(connection).get_current_revision()
        assert migrate.current_revision(connection) == migrate.head_revision()


def test_a_second_head_is_refused(monkeypatch):
    graph = dict(migrate._revisions())
    head = migrate.head_revision()
    monkeypatch.setattr(migrate, "_revisions", lambda: {**graph, "9999_branch": (next(iter(graph[head]), head),)})
    with pytest.raises(RuntimeError, match="2 têtes"):
        migrate.head_revision()


def test_opening_a_database_at_the_head_does_not_import_alembic(demo_file, tmp_path):
    import subprocess
    import sys

    code = (
        "import sys; from coorace_desktop.storage.database import open_database; "
        f"open_database({str(demo_file)!r}).close(); print(any(name.startswith('alembic') for name in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"


def test_upgrading_a_database_with_rows_keeps_them(tmp_path):
    """Every real file has sites and contacts referring to organisations: migrations must not
    recreate a referenced table (SQLite refuses to drop it while foreign keys are on)."""
    from alembic import command

    from coorace_desktop.storage.database import open_database

    path = tmp_path / "older.sqlite"
    database = open_database(path, create=True)
    with database.engine.begin() as connection:
        command.downgrade(migrate.alembic_config(connection), "0002_action_search")
        connection.exec_driver_sql(
            "INSERT INTO organisations (id, name, siret, website, notes, name_key, search_key) VALUES (1, 'AJE', '', '', '', 'aje', 'aje')"
        )
        connection.exec_driver_sql(
            "INSERT INTO sites (organisation_id, position, address, postcode, city, department, phone, email) "
            "VALUES (1, 0, '', '09100', 'Pamiers', '09', '', '')"
        )
        connection.exec_driver_sql("INSERT INTO persons (id, first_name, last_name, email, phone, notes, name_key) VALUES (1, 'Zoé', 'MARTIN', '', '', '', 'martin zoe')")
        connection.exec_driver_sql("INSERT INTO contacts (organisation_id, person_id, role) VALUES (1, 1, 'Directrice')")
    database.close()
    upgraded = open_database(path)
    try:
        assert upgraded.schema_revision() == migrate.head_revision()
        with upgraded.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT name, version FROM organisations").all() == [("AJE", 1)]
            assert connection.exec_driver_sql("SELECT count(*) FROM sites").scalar_one() == 1
            assert connection.exec_driver_sql("SELECT count(*) FROM contacts").scalar_one() == 1
    finally:
        upgraded.close()
