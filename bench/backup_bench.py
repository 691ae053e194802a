"""Backing up a 100 MB database against a plain `cp` + fsync of the same file, in the same run.

Run: .venv/bin/python bench/backup_bench.py [--megabytes 100] [--runs 7] [--folder DIR]
Builds a database of the application's schema with bulk Core inserts (organisations, sites,
persons, contacts with realistic text), then alternates `cp FILE COPY` + fsync(COPY) and
create_backup() (SQLite backup API + fsync + SHA-256 + manifest) and prints the median of each
and their ratio. Target: backup <= 4 x cp. Also times verify_backup() and restore_backup()."""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from coorace_desktop.domain import Contact, Organisation, Person, Site
from coorace_desktop.domain.text import fold
from coorace_desktop.storage.backup import create_backup
from coorace_desktop.storage.database import open_database
from coorace_desktop.storage.restore import restore_backup, verify_backup

WORDS = "régie atelier chantier association entreprise jardins recyclerie services emploi solidaire".split()
CITIES = ["Toulouse", "Montpellier", "Nîmes", "Perpignan", "Béziers", "Albi", "Rodez", "Foix", "Mende", "Cahors"]


def build(path: Path, megabytes: int, seed: int = 8) -> None:
    rng = random.Random(seed)
    database = open_database(path, create=True)
    next_id = 1
    while path.stat().st_size < megabytes * 1_000_000:
        organisations, sites, persons, contacts = [], [], [], []
        for _ in range(2000):
            name = " ".join(rng.choices(WORDS, k=3)).title() + f" {next_id}"
            notes = " ".join(rng.choices(WORDS, k=rng.randint(20, 80)))
            organisations.append({"id": next_id, "name": name, "notes": notes, "name_key": fold(name), "search_key": fold(name + notes)})
            city = rng.choice(CITIES)
            sites.append({"organisation_id": next_id, "address": f"{rng.randint(1, 200)} rue {rng.choice(WORDS)}",
                          "postcode": "31000", "city": city, "department": "31", "email": f"contact{next_id}@exemple.fr"})
            persons.append({"id": next_id, "first_name": "Anaïs", "last_name": f"Martin {next_id}", "name_key": fold(f"martin {next_id} anais")})
            contacts.append({"organisation_id": next_id, "person_id": next_id, "role": "Directrice"})
            next_id += 1
        with database.session() as session:
            for table, rows in ((Organisation, organisations), (Site, sites), (Person, persons), (Contact, contacts)):
                session.execute(insert(table), rows)
        with database.engine.connect() as connection:  # so that the file's size is the data's
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()  # checkpoints: everything is in the main file, as cp will see it


def cp_and_fsync(source: Path, target: Path) -> float:
    start = time.perf_counter()
    subprocess.run(["cp", str(source), str(target)], check=True)
    descriptor = os.open(target, os.O_RDONLY)
    os.fsync(descriptor)
    os.close(descriptor)
    elapsed = time.perf_counter() - start
    target.unlink()
    return elapsed


def backup(source: Path, target: Path) -> float:
    start = time.perf_counter()
    info = create_backup(source, target)
    elapsed = time.perf_counter() - start
    info.path.unlink()
    info.manifest_path.unlink()
    return elapsed


def measure(source: Path, folder: Path, runs: int) -> dict[str, list[float]]:
    """Seconds of each run of cp + fsync and of create_backup, alternated so both see the same load."""
    times: dict[str, list[float]] = {"cp": [], "backup": []}
    for _ in range(runs):
        times["cp"].append(cp_and_fsync(source, folder / "cp.sqlite"))
        times["backup"].append(backup(source, folder / "backup.sqlite"))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=100)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--folder", type=Path, default=None, help="where to work (default: a temp folder)")
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="backup-bench-", dir=arguments.folder))
    os.environ["XDG_DATA_HOME"] = str(folder / "data")  # the safety copy of the restore goes there
    try:
        source = folder / "coorace.sqlite"
        started = time.perf_counter()
        build(source, arguments.megabytes)
        print(f"database: {source.stat().st_size / 1e6:.1f} MB built in {time.perf_counter() - started:.1f} s")
        times = measure(source, folder, arguments.runs)
        cp_median, backup_median = statistics.median(times["cp"]), statistics.median(times["backup"])
        print(f"cp + fsync     median of {arguments.runs}: {cp_median * 1000:7.0f} ms  (all: {_ms(times['cp'])})")
        print(f"create_backup  median of {arguments.runs}: {backup_median * 1000:7.0f} ms  (all: {_ms(times['backup'])})")
        print(f"ratio backup / cp: {backup_median / cp_median:.2f} (target <= 4)")
        kept = create_backup(source, folder / "kept.sqlite").path
        start = time.perf_counter()
        verify_backup(kept)
        print(f"verify_backup: {(time.perf_counter() - start) * 1000:.0f} ms")
        start = time.perf_counter()
        restore_backup(source, kept)
        print(f"restore_backup (verify, safety copy, replace, reopen): {(time.perf_counter() - start) * 1000:.0f} ms")
    finally:
        shutil.rmtree(folder)


def _ms(values: list[float]) -> str:
    return " ".join(f"{value * 1000:.0f}" for value in values)


if __name__ == "__main__":
    main()
