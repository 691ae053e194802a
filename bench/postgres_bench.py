"""The lists' figures on PostgreSQL beside SQLite's: a throw-away cluster (as the tests start one),
the SQLite file copied into it by the transfer between databases, then the same measures on both.

Run: .venv/bin/python bench/postgres_bench.py FILE [--runs 9] [--keep | --server URL]
FILE is a benchmark database (bench/generate.py; bench/events_bench.py --db for 200,000 events).
Needs the PostgreSQL server programs (scripts/setup installs them) and psycopg. Prints, per
scenario of accompaniment_bench and events_bench, the milliseconds on each backend and their ratio:
each the median of --runs rounds, a round timing every scenario once on SQLite, then on PostgreSQL.
The copy takes minutes (the bench file: 103 s on a quiet machine, 405 s under load): --keep
leaves the cluster running and prints the URL of the copy, which --server URL then measures again
without copying (FILE must be the same file; a newer schema migrates the copy as the application
would)."""

import argparse
import statistics
import sys
import time
from pathlib import Path

import accompaniment_bench
import events_bench
from coorace_desktop.storage.database import Database, open_database
from coorace_desktop.storage.transfer import transfer
from run import EVENTS_ASIDE, EVENTS_YEAR

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' cluster, beside bench/
from tests.backends import start_cluster  # noqa: E402


def measure(database: Database, runs: int) -> dict[str, tuple[int, float]]:
    """Both benchmarks' scenarios on one database (events only when it holds some)."""
    results = {f"actions: {name}": value for name, value in accompaniment_bench.measure(database, runs).items()
               if not name.endswith("[count]")}
    return results | {f"events: {name}": value for name, value in events_bench.measure(database, runs).items()}


def _sort(name: str) -> bool:
    return name.split(": ", 1)[1].startswith("sort by")


# bench/run.py's figures of the lists: each the slowest of the scenarios chosen.
GROUPS = {
    "actions: sort": lambda name: name.startswith("actions:") and _sort(name) and name.endswith("[shown]"),
    "actions: search, filters": lambda name: name.startswith("actions:") and not _sort(name) and name.endswith("[shown]"),
    "actions: totals under the table": lambda name: name.startswith("actions:") and not _sort(name) and name.endswith("[totals]"),
    "events: sort": lambda name: name.startswith("events:") and _sort(name),
    "events: search, filters, default order": lambda name: name.startswith("events:") and not _sort(name)
    and name.removeprefix("events: ") not in (EVENTS_YEAR, *EVENTS_ASIDE),
    "events: a year's figures": lambda name: name == f"events: {EVENTS_YEAR}",
}


def _medians(rounds: list[dict[str, tuple[int, float]]]) -> dict[str, tuple[int, float]]:
    """Per scenario, the median of its rounds' figures."""
    return {name: (rows, statistics.median(measured[name][1] for measured in rounds)) for name, (rows, _ms) in rounds[0].items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--runs", type=int, default=9, help="rounds: both backends measured in turn, this many times")
    reuse = parser.add_mutually_exclusive_group()
    reuse.add_argument("--keep", action="store_true", help="leave the cluster and the copy for --server")
    reuse.add_argument("--server", help="the copy a --keep run left (its postgresql:// URL): no new copy")
    arguments = parser.parse_args()
    cluster = None if arguments.server else start_cluster()
    try:
        source, server = open_database(arguments.file), None
        try:
            if cluster is None:
                server = open_database(arguments.server)
            else:
                begin = time.perf_counter()
                server = open_database(cluster.url(cluster.create_database()), create=True)
                result = transfer(source, server)  # vacuumed and analysed, as autovacuum would later
                print(f"copied {result.rows:,} rows to PostgreSQL in {time.perf_counter() - begin:.0f} s")
            # Alternated every few seconds, so that both see the same machine (this host's speed drifts
            # by 2x within a minute): each round one warm-up and one timed call of every scenario.
            rounds = [(measure(source, 1), measure(server, 1)) for _ in range(arguments.runs)]
            sqlite, postgresql = (_medians([pair[side] for pair in rounds]) for side in (0, 1))
        finally:
            source.close()
            if server is not None:
                server.close()
    finally:
        if cluster is not None and arguments.keep and server is not None:
            print(f"kept: --server {server.engine.url.render_as_string(hide_password=False)}\n"
                  f"stop: {cluster.binaries / 'pg_ctl'} -D {cluster.root / 'data'} stop (as postgres), then rm -r {cluster.root}")
        elif cluster is not None:
            cluster.stop()
    print(f"{'scenario':52} {'rows':>8} {'SQLite':>8} {'PostgreSQL':>10} {'ratio':>6}  "
          f"(ms, median of {arguments.runs} rounds)")
    for name, (rows, milliseconds) in sqlite.items():
        other = postgresql[name][1]
        print(f"{name:52} {rows:>8,} {milliseconds:>8.1f} {other:>10.1f} {other / max(milliseconds, 0.1):>6.1f}")
    print(f"\n{'bench/run.py figure: its slowest scenario on each backend':52} {'':8} {'SQLite':>8} {'PostgreSQL':>10} {'ratio':>6}")
    for group, chosen in GROUPS.items():
        slowest = [max((value[1], name) for name, value in results.items() if chosen(name)) for results in (sqlite, postgresql)]
        (mine, _), (other, _) = slowest
        print(f"{group:52} {'':8} {mine:>8.1f} {other:>10.1f} {other / max(mine, 0.1):>6.1f}  ({'; '.join(name for _, name in slowest)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
