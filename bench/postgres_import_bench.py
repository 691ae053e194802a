"""The import figures on PostgreSQL beside SQLite's: 10,000 organisations from .csv into the demo,
and 10,000 against 10,000 stored with possible duplicates, as bench/run.py times them.

Run: .venv/bin/python bench/postgres_import_bench.py [--organisations 10000] [--runs 3]
Needs the PostgreSQL server programs (scripts/setup installs them) and psycopg: a throw-away
cluster as the tests start one. Each run imports into a fresh copy of the starting database: the
SQLite file copied, or on PostgreSQL a database made from a template (the file copied into it by
the transfer between databases). Prints each figure's median seconds, its phases and the ratio."""

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

import import_bench  # bench/import_bench.py, beside this script
from coorace_desktop.services.demo import create_demo_database
from coorace_desktop.storage.database import open_database
from coorace_desktop.storage.transfer import transfer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' cluster, beside bench/
from tests.backends import PostgresCluster, start_cluster  # noqa: E402

PHASES = ("read", "preview", "apply", "total")


def server_run(cluster: PostgresCluster, template: str, source: Path) -> dict[str, float]:
    name = cluster.create_database(template)
    try:
        with open_database(cluster.url(name)) as database:
            return import_bench.timed_import(database, source)
    finally:
        cluster.drop_database(name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args(argv)
    size = arguments.organisations
    cluster = start_cluster()
    try:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            demo = folder / "demo.sqlite"
            create_demo_database(demo)
            stored, fuzzy = import_bench.fuzzy_files(folder, size, size)
            cases = {
                f"{size:,} organisations": (import_bench.write_file(folder, size, "csv"), demo),
                f"{size:,} against {size:,} stored": (fuzzy, import_bench.database_with(folder, stored)),
            }
            print(f"{'import (.csv)':30} {'SQLite s':>9} {'PostgreSQL s':>13} {'ratio':>6}  phases on PostgreSQL (median of {arguments.runs})")
            for label, (source, template) in cases.items():
                server = cluster.create_database()
                with open_database(template) as file, open_database(cluster.url(server), create=True) as copy:
                    transfer(file, copy)
                sqlite = [import_bench.one_run(source, template, folder, number) for number in range(arguments.runs)]
                postgresql = [server_run(cluster, server, source) for _ in range(arguments.runs)]
                medians = [{phase: statistics.median(run[phase] for run in runs) for phase in PHASES} for runs in (sqlite, postgresql)]
                phases = ", ".join(f"{phase} {medians[1][phase]:.2f}" for phase in PHASES[:-1])
                print(f"{label:30} {medians[0]['total']:>9.2f} {medians[1]['total']:>13.2f} "
                      f"{medians[1]['total'] / medians[0]['total']:>6.1f}  {phases}")
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
