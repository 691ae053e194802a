"""What the benchmark scripts share: a database built once (or reused with --db), median timings,
and the table of results.

A script gives `build(database, size)` and `measure(database, runs) -> {scenario: (rows, ms)}`
and ends with `sys.exit(run_benchmark(__doc__, "organisations", 10_000, build, measure))`."""

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, insert, select

from coorace_desktop.domain import FeePayment, FeeScale, MembershipFee
from coorace_desktop.services.importing.bulk import insert_rows
from coorace_desktop.storage.database import Database, open_database


def insert_fees(connection: Connection, fees: list[dict]) -> None:
    """Yearly fees given as {organisation_id, year, amount, paid_on}: each a call numbered in its
    year (due on 31 December), paid_on a payment of the whole amount; each year a scale."""
    last: dict[int, int] = {}
    paid = {}
    rows = []
    for fee in fees:
        last[fee["year"]] = number = last.get(fee["year"], 0) + 1
        rows.append({"organisation_id": fee["organisation_id"], "year": fee["year"], "amount": fee["amount"], "number": number,
                     "due_on": date(fee["year"], 12, 31), "manual_reason": "", "reminder_level": 0})
        if fee["paid_on"] is not None:
            paid[fee["organisation_id"], fee["year"]] = fee["paid_on"]
    connection.execute(insert(FeeScale), [{"year": year, "last_number": number} for year, number in last.items()])
    insert_rows(connection, MembershipFee.__table__, rows)
    called = connection.execute(select(MembershipFee.id, MembershipFee.organisation_id, MembershipFee.year, MembershipFee.amount))
    payments = [{"fee_id": fee_id, "amount": amount, "paid_on": paid[organisation_id, year], "method": "transfer", "reference": ""}
                for fee_id, organisation_id, year, amount in called if (organisation_id, year) in paid]
    insert_rows(connection, FeePayment.__table__, payments)


def timed(function: Callable[[], object], runs: int) -> float:
    """Median wall time in milliseconds (one warm-up call first)."""
    function()
    samples = []
    for _ in range(runs):
        begin = time.perf_counter()
        function()
        samples.append((time.perf_counter() - begin) * 1000)
    return statistics.median(samples)


def run_benchmark(
    description: str,
    noun: str,
    default_size: int,
    build: Callable[[Database, int], None],
    measure: Callable[[Database, int], dict[str, tuple[int, float]]],
) -> int:
    """Parse --<noun> N, --runs and --db, build the data if the file is new, print the results."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument(f"--{noun}", type=int, default=default_size, dest="size")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--db", type=Path, help="reuse (or keep) this database file")
    arguments = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    path = arguments.db or Path(folder.name) / "bench.sqlite"
    fresh = not path.exists()
    database = open_database(path, create=True)
    if fresh:
        begin = time.perf_counter()
        build(database, arguments.size)
        print(f"built {arguments.size:,} {noun} in {time.perf_counter() - begin:.1f} s ({path})")
    print(f"{'scenario':34} {'rows':>8} {'ms':>8}  (median of {arguments.runs})")
    for name, (rows, milliseconds) in measure(database, arguments.runs).items():
        print(f"{name:34} {rows:>8,} {milliseconds:>8.1f}")
    database.close()
    folder.cleanup()
    return 0
