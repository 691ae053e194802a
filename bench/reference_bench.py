"""How long importing a national SIAE reference file takes, and its peak memory.

Run: .venv/bin/python bench/reference_bench.py [--entries 200000] [--format json|csv] [--runs 1]
Writes a data·inclusion « structures » file of that many entries over every département (valid
SIRETs, a few duplicates and bad checksums, a fifth of other kinds of structures), then imports it
into a new database in a child process, which reports the import's wall time; the child's peak
resident memory (the whole process: Python, SQLAlchemy, the import) comes from getrusage; the
import's CPU time is printed too (less sensitive than wall time to a machine shared with others).
Targets: 200,000 entries in <= 5 s and <= 300 MB."""

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from stdnum import luhn

from coorace_desktop.domain.departments import DEPARTMENTS
from coorace_desktop.services.reference.reading import DATA_INCLUSION_FIELDS

TYPES = ("ACI", "AI", "EI", "ETTI", "EITI", "GEIQ", "EA", "MUNI", "CCAS", "ACI")


def siret(number: int) -> str:
    siren = f"{10_000_000 + number:08d}"
    body = siren + luhn.calc_check_digit(siren) + "0001"
    return body + luhn.calc_check_digit(body)


def records(count: int):
    departments = [code for code in DEPARTMENTS if len(code) == 2 and code.isdigit()]
    for number in range(count):
        department = departments[number % len(departments)]
        code = siret(number if number % 997 else number - 1)  # some duplicates
        if number % 1009 == 0:
            code = code[:-1] + str((int(code[-1]) + 1) % 10)  # a bad checksum
        yield dict(zip(DATA_INCLUSION_FIELDS, (
            f"id-{number}", f"Structure d'insertion n° {number}", code, f"Commune {number % 3000}",
            f"{department}{number % 900 + 100:03d}", f"{department}{number % 900:03d}", f"{number % 200 + 1} rue de la République",
            "Bâtiment B" if number % 5 == 0 else "", f"05 61 {number // 10_000 % 100:02d} {number // 100 % 100:02d} {number % 100:02d}",
            f"contact{number}@structure.example", f"https://structure{number}.example", "2026-11-30",
            ["coorace"] if number % 50 == 0 else [], TYPES[number % len(TYPES)],
        ), strict=True))


def write_file(folder: Path, count: int, kind: str) -> Path:
    path = folder / f"structures.{kind}"
    with path.open("w", encoding="utf-8", newline="") as stream:
        if kind == "json":
            stream.write("[")
            for number, record in enumerate(records(count)):
                stream.write(("," if number else "") + json.dumps(record, ensure_ascii=False))
            stream.write("]")
        else:
            writer = csv.writer(stream)
            writer.writerow(DATA_INCLUSION_FIELDS)
            for record in records(count):
                writer.writerow([",".join(v) if isinstance(v, list) else v for v in record.values()])
    return path


def child(source: Path, target: Path) -> int:
    from coorace_desktop.services.reference.store import import_reference
    from coorace_desktop.storage.database import open_database

    database = open_database(target, create=True)
    started, cpu = time.perf_counter(), time.process_time()
    status = import_reference(database, [source])
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    database.close()
    print(json.dumps({"seconds": elapsed, "cpu": cpu, "entries": status.entries, "left_out": status.duplicates + status.invalid_siret + status.other_kinds}))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--format", choices=("json", "csv"), default="json")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.child:
        return child(*arguments.child)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = write_file(folder, arguments.entries, arguments.format)
        size = source.stat().st_size / 1e6
        for run in range(arguments.runs):
            output = subprocess.run(
                [sys.executable, __file__, "--child", str(source), str(folder / f"run{run}.sqlite")],
                check=True, capture_output=True, text=True,
            ).stdout
            result = json.loads(output)
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child so far, in MB
            print(f"{arguments.entries:,} entries from .{arguments.format} ({size:.0f} MB): {result['entries']:,} imported, "
                  f"{result['left_out']:,} left out, {result['seconds']:.2f} s ({result['cpu']:.2f} s CPU), peak {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
