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
