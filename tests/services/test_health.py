"""check sees a damaged word index, stale search keys and schema drift; check --repair rebuilds them, keeping every row."""

import pytest
from sqlmodel import select

from coorace_desktop.cli import main
from coorace_desktop.domain import Organisation, SupportAction
from coorace_desktop.services.health import check_database, repair_database
from coorace_desktop.storage.database import open_database
from coorace_desktop.storage.paths import backup_dir
from coorace_desktop.storage.word_search import ids_with_words
from tests.sqlite_files import execute

pytestmark = pytest.mark.sqlite_only("index de mots FTS5 et REINDEX de SQLite")


@pytest.fixture
def damaged(demo_database):
    """The demo file with its word index emptied (as a disk error or another tool might), closed."""
    path = demo_database.path
    demo_database.close()
    return execute(path, "DELETE FROM support_actions_fts_data")


def test_check_names_the_broken_word_index(damaged):
    with open_database(damaged) as database:
        report = check_database(database)
    assert not report.ok
    assert any("support_actions_fts" in problem and "endommagé" in problem for problem in report.problems)


def test_repair_rebuilds_the_index_keeping_every_row(damaged):
    with open_database(damaged) as database:
        repair = repair_database(database)
        assert repair.after.ok, repair.after.problems
        assert repair.after.counts == repair.before.counts
        assert repair.safety_copy is not None and repair.safety_copy.read_bytes()[:15] == b"SQLite format 3"
        with database.session() as session:
            action = session.exec(select(SupportAction).order_by(SupportAction.id)).first()
            word = max(action.search_key.split(), key=len)
            assert action.id in session.exec(ids_with_words("support_actions", word)).scalars().all()


def test_stale_search_keys_and_a_dropped_index_are_found_then_rebuilt(demo_database):
    with demo_database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE organisations SET search_key = 'périmé' WHERE id <= 3")
        connection.exec_driver_sql("DROP INDEX ix_support_actions_search_key")
    problems = check_database(demo_database).problems
    assert "Clés de recherche périmées : 3 adhérents (la recherche ne les trouve pas tous)" in problems
    assert "Le schéma diffère des migrations : index absent ix_support_actions_search_key" in problems
    repair = repair_database(demo_database)
    assert "Clés de recherche recalculées : 3 adhérents." in repair.done
    assert repair.after.ok, repair.after.problems
    with demo_database.session() as session:
        assert "périmé" not in {o.search_key for o in session.exec(select(Organisation)).all()}


def test_the_demo_is_healthy_and_repair_leaves_it_alone(demo_database):
    repair = repair_database(demo_database)
    assert repair.before.ok, repair.before.problems
    assert repair.done == [] and repair.safety_copy is None


def test_cli_check_exits_1_naming_the_index_and_repair_makes_it_healthy(damaged, capsys):
    assert main(["check", "--db", str(damaged)]) == 1
    assert "support_actions_fts" in capsys.readouterr().out
    assert main(["check", "--db", str(damaged), "--repair"]) == 0
    out = capsys.readouterr().out
    assert "Index de recherche par mots support_actions_fts reconstruit." in out and out.rstrip().endswith("Base saine.")
    assert main(["check", "--db", str(damaged)]) == 0


def test_repair_leaves_only_its_safety_copy_and_manifest_in_the_backups_folder(damaged, capsys):
    assert main(["check", "--db", str(damaged), "--repair"]) == 0
    names = sorted(path.name for path in backup_dir().iterdir())
    assert len(names) == 2 and names[1] == names[0] + ".json", names  # no empty -wal, no -shm beside it
