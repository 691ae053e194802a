"""Moving a whole database to another (an office's file to a server, and back).

Every table is copied with Core executemany (on PostgreSQL as INSERTs of 1,000 rows: see
storage/engine.py) in dependency order (parents first), inside one transaction on the
destination: an interrupted transfer leaves it empty. The source is read in one snapshot.
PostgreSQL's id sequences are then moved past the copied ids. Finally both sides are compared
table by table: row counts, and a SHA-256 of the rows in primary-key order with their values
normalised (so that SQLite's and PostgreSQL's spellings of a date or a boolean compare equal)."""

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy import Connection, Table, func, insert, select, text

from coorace_desktop.domain.progress import Progress
from coorace_desktop.domain.tables import metadata
from coorace_desktop.storage.database import Database
from coorace_desktop.storage.errors import StorageError

ROWS_PER_BATCH = 5_000


@dataclass(frozen=True, slots=True)
class TableCheck:
    """One table on both sides after a transfer."""

    table: str
    source_rows: int
    target_rows: int
    source_sha256: str
    target_sha256: str

    @property
    def ok(self) -> bool:
        return self.source_rows == self.target_rows and self.source_sha256 == self.target_sha256


@dataclass(frozen=True, slots=True)
class TransferResult:
    tables: tuple[TableCheck, ...]

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.tables)

    @property
    def rows(self) -> int:
        return sum(check.source_rows for check in self.tables)

    @property
    def differences(self) -> list[TableCheck]:
        return [check for check in self.tables if not check.ok]


def tables() -> list[Table]:
    """Every table of the schema, parents before the tables referring to them."""
    return list(metadata.sorted_tables)


def row_counts(database: Database) -> dict[str, int]:
    with database.engine.connect() as connection:
        return {table.name: connection.execute(select(func.count()).select_from(table)).scalar_one() for table in tables()}


def transfer(source: Database, target: Database, progress: Progress | None = None) -> TransferResult:
    """Copy everything from `source` into the empty `target` (both at the current schema), then compare them."""
    if source.url == target.url:
        raise StorageError("La source et la destination sont la même base.")
    if source.schema_revision() != target.schema_revision():
        raise StorageError("La source et la destination ne sont pas au même schéma : ouvrez-les d'abord avec cette version.")
    already = {name: count for name, count in row_counts(target).items() if count}
    if already:
        raise StorageError(
            f"La destination {target.display_name} contient déjà des données ({already.get('organisations', 0)} adhérents, "
            f"{sum(already.values())} lignes en tout) : la copie se fait dans une base vide, rien n'a été écrit."
        )
    counts = row_counts(source)
    total, done = sum(counts.values()), 0
    with _snapshot(source) as reading, target.engine.begin() as writing:
        for table in tables():
            for rows in _batches(reading, table):
                writing.execute(insert(table), rows)
                done += len(rows)
                if progress:
                    progress(done, total, f"Copie de {table.name}")
        if writing.dialect.name == "postgresql":
            move_sequences(writing)
    if target.is_server:
        if progress:
            progress(total, total, "Mise en ordre de la base copiée")
        compact(target)
    return compare(source, target)


def compact(database: Database) -> None:
    """PostgreSQL after a copy: the triggers updated a beneficiary's totals once per action copied,
    an event's participants once per registration, leaving as many dead versions (the bench file:
    11,037 totals in 1,666 pages, 4.6 ms for every unfiltered count instead of 1.4). Those tables are
    rewritten compact, and every table vacuumed and analysed, as autovacuum would do later: the
    pages marked visible (what index-only scans need, the words' counts), the statistics made."""
    with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM (FULL) action_beneficiaries, action_count, event_count, events")
        connection.exec_driver_sql("VACUUM (ANALYZE)")


def compare(source: Database, target: Database) -> TransferResult:
    """Row counts and checksums of every table, on both sides."""
    with _snapshot(source) as left, _snapshot(target) as right:
        checks = []
        for table in tables():
            source_rows, source_sha = table_checksum(left, table)
            target_rows, target_sha = table_checksum(right, table)
            checks.append(TableCheck(table.name, source_rows, target_rows, source_sha, target_sha))
    return TransferResult(tuple(checks))


def table_checksum(connection: Connection, table: Table) -> tuple[int, str]:
    """(rows, SHA-256 of the rows in primary-key order, each a JSON list of normalised values)."""
    digest, count = hashlib.sha256(), 0
    for rows in _batches(connection, table, as_dicts=False):
        for row in rows:
            digest.update(json.dumps([_normalised(value) for value in row], ensure_ascii=False).encode())
            digest.update(b"\n")
        count += len(rows)
    return count, digest.hexdigest()


def _normalised(value: object) -> object:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):  # a closed year's PDF
        return hashlib.sha256(value).hexdigest()
    if isinstance(value, float) and value.is_integer():
        return int(value)  # a whole number of hours reads back as 3.0 or 3 depending on the driver
    return value


def _batches(connection: Connection, table: Table, as_dicts: bool = True):
    statement = select(table).order_by(*table.primary_key.columns)
    result = connection.execution_options(yield_per=ROWS_PER_BATCH).execute(statement)
    for partition in result.partitions():
        yield [dict(row._mapping) for row in partition] if as_dicts else [tuple(row) for row in partition]


@contextmanager
def _snapshot(database: Database) -> Iterator[Connection]:
    """A transaction seeing one consistent state of the database, never committed."""
    with database.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin() as transaction:
            yield connection
            transaction.rollback()


def move_sequences(connection: Connection) -> None:
    """Rows were inserted with their ids: move each serial sequence past the largest one."""
    for table in tables():
        columns = list(table.primary_key.columns)
        if len(columns) != 1 or not columns[0].autoincrement or columns[0].type.python_type is not int:
            continue
        column = columns[0].name
        connection.execute(
            text(
                f'SELECT setval(pg_get_serial_sequence(:table, :column), coalesce(max("{column}"), 0) + 1, false) '
                f'FROM "{table.name}"'
            ),
            {"table": table.name, "column": column},
        )
