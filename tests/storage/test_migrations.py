"""Migrations produce exactly the models, and go down and up again cleanly."""

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from coorace_desktop.storage.migrate import (
    alembic_config,
    current_revision,
    head_revision,
    schema_differences,
    upgrade_to_head,
)


def test_migrations_match_the_models(database):
    with database.engine.connect() as connection:
        assert schema_differences(connection) == []


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


def test_recorded_on_is_filled_from_the_best_information_and_said(demo_database):
    """Joining date; else 1 January of the first fee or figures year; else the migration's day."""
    from datetime import date

    from sqlalchemy import text

    with demo_database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0004_action_words")
        ids = connection.execute(text("SELECT id, organisation_id FROM memberships ORDER BY id LIMIT 3")).all()
        connection.execute(text("UPDATE memberships SET joined_on = NULL WHERE id IN (:a, :b)"), {"a": ids[1][0], "b": ids[2][0]})
        connection.execute(text("INSERT INTO membership_fees (organisation_id, year, amount) VALUES (:o, 2017, 300)"), {"o": ids[1][1]})
    with demo_database.engine.begin() as connection:
        notes = upgrade_to_head(connection)
        rows = connection.execute(text("SELECT id, recorded_on, joined_on FROM memberships")).all()
    recorded = {row[0]: str(row[1]) for row in rows}  # SQLite gives the ISO text, PostgreSQL a date
    joined = {row[0]: row[2] for row in rows}
    assert recorded[ids[0][0]] == "2020-01-01"  # the demo's stated joining date
    assert recorded[ids[1][0]] == "2017-01-01" and recorded[ids[2][0]] == str(date.today())
    assert joined[ids[1][0]] is None  # what was held stays: only the new column is filled
    (note,) = notes
    assert "1 au 1er janvier de la première année de cotisation ou de chiffres, 1 à la date de la migration" in note
    assert "2 périodes d'adhésion sans date d'adhésion connue" in note


def test_what_a_migration_did_is_said_once_to_whoever_opens_the_database(demo_database, caplog):
    """Not only in Alembic's own logger, which the application does not listen to: the opening
    returns it (the window and the command line show it) and the application's log keeps it."""
    from sqlalchemy import text

    from coorace_desktop.storage.database import open_database

    with demo_database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0005_erasure_register")
        connection.execute(text("UPDATE memberships SET joined_on = NULL WHERE id = (SELECT MIN(id) FROM memberships)"))
    target = demo_database.url if demo_database.is_server else demo_database.path
    demo_database.close()
    with caplog.at_level("INFO", logger="coorace_desktop"), open_database(target, snapshot=False) as migrated:
        assert len(migrated.migration_notes) == 1 and "1 période d'adhésion sans date" in migrated.migration_notes[0]
    assert "1 période d'adhésion sans date" in caplog.text and caplog.records[-1].name == "coorace_desktop"
    with open_database(target, snapshot=False) as again:
        assert again.migration_notes == []


def test_one_network_total_per_year_whatever_the_members_figures(demo_database):
    """The partial unique index the migrations create on both databases (the models name its
    condition for SQLite only: Alembic does not compare index conditions, this test does)."""
    insert = text("INSERT INTO yearly_figures (organisation_id, year, source) VALUES (:organisation, 2030, '')")
    with demo_database.engine.begin() as connection:
        for organisation in connection.execute(text("SELECT id FROM organisations ORDER BY id LIMIT 2")).scalars():
            connection.execute(insert, {"organisation": organisation})
        connection.execute(insert, {"organisation": None})  # the network's total beside its members' figures
    with pytest.raises(IntegrityError), demo_database.engine.begin() as connection:
        connection.execute(insert, {"organisation": None})


def test_fees_entered_before_the_campaign_become_numbered_calls_and_payments(demo_database):
    from datetime import date

    with demo_database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0008_closed_html")
        connection.execute(text(
            "INSERT INTO membership_fees (organisation_id, year, amount, paid_on) VALUES"
            " (1, 2020, 300, :paid), (2, 2020, 150, NULL), (3, 2020, 0, NULL), (1, 2019, 280, :earlier)"
        ), {"paid": date(2020, 4, 2), "earlier": date(2019, 5, 6)})
    with demo_database.engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
        fees = connection.execute(text(
            "SELECT organisation_id, year, number, due_on FROM membership_fees ORDER BY year, organisation_id")).all()
        payments = connection.execute(text(
            "SELECT f.organisation_id, f.year, p.amount, p.paid_on, p.method FROM fee_payments p"
            " JOIN membership_fees f ON f.id = p.fee_id ORDER BY f.year")).all()
        scales = connection.execute(text("SELECT year, last_number FROM fee_scales ORDER BY year")).all()
    as_date = lambda value: value if value is None or isinstance(value, date) else date.fromisoformat(value)  # noqa: E731
    assert [(o, y, n, as_date(d)) for o, y, n, d in fees] == [
        (1, 2019, 1, date(2019, 12, 31)), (1, 2020, 1, date(2020, 12, 31)), (2, 2020, 2, date(2020, 12, 31)), (3, 2020, None, None),
    ]
    assert [(o, y, a, as_date(d), m) for o, y, a, d, m in payments] == [
        (1, 2019, 280, date(2019, 5, 6), "unknown"), (1, 2020, 300, date(2020, 4, 2), "unknown"),
    ]
    assert [tuple(row) for row in scales] == [(2019, 1), (2020, 2)]
    with demo_database.engine.begin() as connection:  # and back: the fees paid in full keep their day
        command.downgrade(alembic_config(connection), "0008_closed_html")
        paid = connection.execute(text("SELECT organisation_id, year, paid_on FROM membership_fees WHERE paid_on IS NOT NULL ORDER BY year")).all()
        command.upgrade(alembic_config(connection), "head")
    assert [(o, y, as_date(d)) for o, y, d in paid] == [(1, 2019, date(2019, 5, 6)), (1, 2020, date(2020, 4, 2))]
