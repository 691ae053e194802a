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
