"""Moving the demo data from a file to a PostgreSQL server and back: identical counts and checksums."""

import shutil

import pytest
from sqlalchemy import event, insert, select, update

from coorace_desktop.domain import Organisation, SupportAction
from coorace_desktop.domain.members import OrganisationDraft
from coorace_desktop.services.health import counts
from coorace_desktop.services.members.organisations import save_organisation
from coorace_desktop.storage.database import open_database
from coorace_desktop.storage.errors import StorageError
from coorace_desktop.storage.transfer import compare, row_counts, transfer
from tests.backends import server_database


@pytest.fixture
def server(request):
    """An empty server database at the current schema."""
    yield from server_database(request, "postgres_template")


@pytest.fixture
def demo_copy(demo_file, tmp_path):
    path = tmp_path / "bureau.sqlite"
    shutil.copy(demo_file, path)
    database = open_database(path)
    yield database
    database.close()


def test_demo_round_trips_file_to_server_to_file(demo_copy, server, tmp_path):
    steps = []
    there = transfer(demo_copy, server, lambda done, total, text: steps.append((done, total)))
    assert there.ok and there.rows == sum(row_counts(demo_copy).values()) > 400
    assert steps[-1][0] == steps[-1][1] == there.rows
    assert counts(server) == counts(demo_copy)

    back = open_database(tmp_path / "retour.sqlite", create=True)
    try:
        again = transfer(server, back)
        assert again.ok
        assert [(c.table, c.source_rows, c.source_sha256) for c in again.tables] == [
            (c.table, c.source_rows, c.source_sha256) for c in there.tables
        ]
        assert compare(demo_copy, back).ok  # the file that came back is the file that left
    finally:
        back.close()


def test_the_copy_on_the_server_is_left_compact_and_vacuumed(demo_copy, server):
    """The tables the triggers rewrote once per copied row take no more room than a fresh copy of
    their rows; every table is vacuumed (its pages marked visible: index-only scans count words)
    and analysed."""
    with demo_copy.session() as session:  # 3,000 more actions for the demo's beneficiaries: as many totals rewritten
        row = session.execute(select(SupportAction.__table__).limit(1)).mappings().one()
        session.execute(insert(SupportAction), [{**row, "id": None, "hours": n % 7} for n in range(3000)])
    transfer(demo_copy, server)
    with server.engine.begin() as connection:
        left = connection.exec_driver_sql(
            "SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NULL OR last_analyze IS NULL").scalars().all()
        assert left == []

        def pages(table: str) -> int:
            return connection.exec_driver_sql(f"SELECT pg_relation_size('{table}') / 8192").scalar_one()

        for table in ("action_beneficiaries", "events"):
            connection.exec_driver_sql(f"CREATE TEMPORARY TABLE fresh_{table} AS SELECT * FROM {table}")
            assert pages(table) == pages(f"fresh_{table}") > 0, table


def test_ids_continue_after_the_copied_ones_on_the_server(demo_copy, server):
    transfer(demo_copy, server)
    with server.session() as session:
        largest = session.execute(select(Organisation.id).order_by(Organisation.id.desc())).scalars().first()
    assert save_organisation(server, OrganisationDraft(name="Nouvel adhérent")) == largest + 1


def test_a_difference_is_found_table_by_table(demo_copy, server):
    transfer(demo_copy, server)
    with server.session() as session:
        session.execute(update(Organisation).where(Organisation.id == 1).values(notes="modifié après la copie"))
    result = compare(demo_copy, server)
    assert not result.ok
    assert [(c.table, c.source_rows == c.target_rows) for c in result.differences] == [("organisations", True)]


def test_a_destination_holding_data_is_refused_untouched(demo_copy, server):
    save_organisation(server, OrganisationDraft(name="Déjà là"))
    before = row_counts(server)
    with pytest.raises(StorageError, match="contient déjà des données"):
        transfer(demo_copy, server)
    assert row_counts(server) == before


def test_a_closed_year_moves_to_the_server_and_reprints_the_same_pdf(demo_copy, server, tmp_path):
    from coorace_desktop.report.closing import close_report
    from coorace_desktop.report.generate import generate_html, generate_report
    from coorace_desktop.report.sections import ReportRequest

    closed, _ = close_report(demo_copy, 2020, "Claire")
    there = transfer(demo_copy, server)
    assert there.ok  # the PDF's bytes and the JSON facts compare equal on both sides
    reprint = generate_report(server, ReportRequest(2020), tmp_path / "serveur.pdf")
    assert reprint.path.read_bytes() == closed.pdf
    edition = generate_html(server, 2020, tmp_path / "serveur.html")
    assert closed.html.startswith(b"<!DOCTYPE html>") and edition.path.read_bytes() == closed.html


def test_rows_reach_the_server_by_the_thousand(demo_copy, server):
    """Each table's rows go as INSERTs of up to 1,000 rows: sent one by one (psycopg's executemany),
    the statement-level triggers rewrote the actions' kept count once per action, every rewrite
    reading the versions before it (200,000 actions: a quarter of an hour)."""
    with demo_copy.session() as session:
        row = session.execute(select(SupportAction.__table__).limit(1)).mappings().one()
        session.execute(insert(SupportAction), [{**row, "id": None} for _ in range(2500)])
    sent = []
    event.listen(server.engine, "before_cursor_execute", lambda *call: sent.append(call[2]) if "INSERT INTO support_actions" in call[2] else None)
    transfer(demo_copy, server)
    actions = row_counts(demo_copy)["support_actions"]
    assert len(sent) == -(-actions // 1000), (len(sent), actions)
