"""Bulk work: Python's cycle collector paused for it, and writes with SQLAlchemy Core: taking
SQLite's write lock up front, and inserting many rows while learning their ids without one
statement per row (PostgreSQL: COPY, and ids drawn from the table's sequence)."""

import gc
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter

from sqlalchemy import Connection, Table, func, insert, select, text

_pauses = {"count": 0, "was_enabled": True}
_pauses_lock = threading.Lock()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a file's rows are read, planned or written.

    An import of 10,000 organisations makes about a million tuples, dicts and dataclasses, none
    in a cycle (reference counting frees them), and the collections their number triggers walk
    every object of the process again and again: measured, about a third of the import's CPU
    time, more in a process holding more (the window). Pauses may overlap (two background jobs):
    the collector is back, as it was before the first, when the last ends."""
    with _pauses_lock:
        if _pauses["count"] == 0:
            _pauses["was_enabled"] = gc.isenabled()
            gc.disable()
        _pauses["count"] += 1
    try:
        yield
    finally:
        with _pauses_lock:
            _pauses["count"] -= 1
            if _pauses["count"] == 0 and _pauses["was_enabled"]:
                gc.enable()


def hold_write_lock(connection: Connection) -> None:
    """Take SQLite's write lock now, so that what is read next (the plan, the next free ids)
    stays true until commit: no other writer can slip in. Other databases lock rows as they go."""
    if connection.dialect.name == "sqlite":
        # The engine opens transactions with a plain (deferred) BEGIN; any write statement, even
        # one touching no row, takes the lock that BEGIN IMMEDIATE would have taken.
        connection.exec_driver_sql("UPDATE organisations SET id = id WHERE 0")


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict], batch: int = 5_000) -> None:
    """INSERT every row (all with the same keys) through the driver's executemany.

    The statement is compiled once by SQLAlchemy for the connection's dialect and values go
    through each column type's bind processor, so this is Core's INSERT without its per-row
    parameter bookkeeping (measured: twice as fast on 60,000 rows)."""
    if not rows:
        return
    if connection.dialect.name == "postgresql":
        _copy_rows(connection, table, rows)
        return
    keys = list(rows[0])
    compiled = insert(table).compile(dialect=connection.dialect, column_keys=keys)
    order = list(compiled.positiontup) if compiled.positional else keys
    values = _values(connection, table, order)
    statement = str(compiled)
    for start in range(0, len(rows), batch):
        parameters = list(map(values, rows[start : start + batch]))
        if not compiled.positional:
            parameters = [dict(zip(order, row)) for row in parameters]
        connection.exec_driver_sql(statement, parameters)


def _copy_rows(connection: Connection, table: Table, rows: Sequence[dict]) -> None:
    """PostgreSQL: the rows through COPY, in the connection's transaction, with each column type's
    bind processor. An executemany sent each row as a message (10,000 organisations, contacts,
    sites...: 180-300 ms a table, the import's apply 1.7 s where SQLite's took 0.4); triggers
    fire on COPY as on INSERT."""
    keys = list(rows[0])
    values = _values(connection, table, keys)
    quote = connection.dialect.identifier_preparer.quote
    columns = ", ".join(quote(key) for key in keys)
    with connection.connection.driver_connection.cursor() as cursor, \
            cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy:
        for row in map(values, rows):
            copy.write_row(row)


def _values(connection: Connection, table: Table, keys: list[str]) -> Callable[[dict], tuple]:
    """A row's values for `keys`, in that order, through each column type's bind processor. Most
    columns have none (text, numbers): their values are then taken as they are, in C."""
    values = itemgetter(*keys) if len(keys) > 1 else lambda row: (row[keys[0]],)
    processors = [(n, process) for n, key in enumerate(keys) if (process := table.c[key].type.bind_processor(connection.dialect))]
    if not processors:
        return values

    def processed(row: dict) -> tuple:
        result = list(values(row))
        for n, process in processors:
            result[n] = process(result[n])
        return tuple(result)

    return processed


def insert_with_ids(
    connection: Connection,
    table: Table,
    rows: Sequence[dict],
    after_batch: Callable[[int], None] = lambda count: None,
    batch: int = 2_000,
) -> list[int]:
    """Insert the rows and return their ids, in the rows' order.

    On SQLite, RETURNING with rows in parameter order falls back to one statement per row, so
    the ids are given explicitly from max(id) + 1, under the write lock (hold_write_lock); on
    PostgreSQL they are drawn from the table's sequence."""
    if not rows:
        return []
    if connection.dialect.name == "sqlite":
        first = connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one() + 1
        ids = list(range(first, first + len(rows)))
        for start in range(0, len(rows), batch):
            chunk = [dict(row, id=row_id) for row, row_id in zip(rows[start : start + batch], ids[start : start + batch])]
            insert_rows(connection, table, chunk)
            after_batch(len(chunk))
        return ids
    # PostgreSQL: the ids drawn from the table's sequence at once (as safe as one INSERT each with
    # another writer), then the rows copied with them; RETURNING in parameter order made SQLAlchemy
    # send 2,000 rows as one statement that psycopg parsed again each time (~1 s for 20,000 rows).
    drawn = text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)")
    ids = list(connection.execute(drawn, {"table": table.name, "count": len(rows)}).scalars())
    for start in range(0, len(rows), batch):
        chunk = [dict(row, id=row_id) for row, row_id in zip(rows[start : start + batch], ids[start : start + batch])]
        _copy_rows(connection, table, chunk)
        after_batch(len(chunk))
    return ids
