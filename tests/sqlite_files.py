"""Database files read and changed directly with sqlite3, as another program would."""

import sqlite3
from pathlib import Path


def scalar(path: Path, sql: str) -> object:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchone()[0]
    finally:
        connection.close()


def organisation_count(path: Path) -> int:
    return scalar(path, "SELECT count(*) FROM organisations")


def execute(path: Path, *statements: str) -> Path:
    """Run the statements in one transaction (creating the file if needed); the path."""
    connection = sqlite3.connect(path)
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()
    return path


def copy_with(source: Path, target: Path, *statements: str) -> Path:
    """A byte copy of `source` at `target`, then changed by the statements."""
    target.write_bytes(source.read_bytes())
    return execute(target, *statements)


def demo_before_recorded_dates(path: Path, undated: int) -> Path:
    """A demo file at schema 0005 (before memberships.recorded_on) whose first `undated`
    membership periods have no joining date: what migration 0006 has to explain."""
    from alembic import command
    from sqlalchemy import text

    from coorace_desktop.services.demo import load_demo
    from coorace_desktop.storage.database import open_database
    from coorace_desktop.storage.migrate import alembic_config

    with open_database(path, create=True) as old:
        load_demo(old)
        with old.engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0005_erasure_register")
            connection.execute(
                text("UPDATE memberships SET joined_on = NULL WHERE id IN (SELECT id FROM memberships ORDER BY id LIMIT :n)"),
                {"n": undated},
            )
    return path
