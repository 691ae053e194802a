"""How long importing 10,000 organisations takes, from the file to the committed transaction.

Run: .venv/bin/python bench/import_bench.py [--organisations 10000] [--runs 5] [--format csv|xlsx]
Writes a French Excel file (CSV: `;`, Windows-1252; or .xlsx) of organisations, each with
types, a site, and a contact, then for each run copies the 2020 demo database and times reading
the file, the preview (validation + comparison with the database) and the apply (Core
executemany in one transaction). Prints each phase's median. Target: about 1 s in all."""

import argparse
import csv
import io
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from coorace_desktop.domain.departments import OCCITANIE
from coorace_desktop.services.demo import load_demo
from coorace_desktop.services.importing import MEMBERS, apply_members, preview_members, propose_mapping, read_table
from coorace_desktop.storage.database import open_database

HEADERS = ["Raison sociale", "Type", "Adresse", "CP", "Ville", "Tél.", "Courriel", "Nom", "Prénom", "Fonction"]
CITIES = ["Toulouse", "Montpellier", "Nîmes", "Perpignan", "Béziers", "Albi", "Rodez", "Foix", "Mende", "Cahors"]
WORDS = ["Régie", "Atelier", "Chantier", "Association", "Entreprise", "Jardins", "Recyclerie", "Services"]
TYPES = ["AI", "ACI", "EI", "ETTI", "AI/ACI", "ACI/EI", "GES", "P'S"]


def rows(count: int, seed: int = 2021) -> list[list[str]]:
    rng = random.Random(seed)
    result = []
    for number in range(count):
        department = rng.choice(OCCITANIE)
        result.append([
            f"{rng.choice(WORDS)} solidaire n° {number}",
            rng.choice(TYPES),
            f"{rng.randint(1, 99)} rue de la République",
            f"{department}{rng.randint(0, 999):03d}",
            rng.choice(CITIES),
            f"05 61 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
            f"contact{number}@structure{number}.fr",
            f"NOM{number}",
            "Zoé",
            "Directrice",
        ])
    return result


def write_file(folder: Path, count: int, kind: str) -> Path:
    data = [HEADERS, *rows(count)]
    if kind == "xlsx":
        path = folder / "adherents.xlsx"
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Adhérents")
        for row in data:
            sheet.append(row)
        workbook.save(path)
        return path
    path = folder / "adherents.csv"
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(data)
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return path


def one_run(source: Path, template: Path, folder: Path, number: int) -> dict[str, float]:
    target = folder / f"run{number}.sqlite"
    shutil.copy(template, target)
    database = open_database(target)
    try:
        cpu = time.process_time()
        started = time.perf_counter()
        table = read_table(source)
        read = time.perf_counter()
        preview = preview_members(database, table, propose_mapping(table, MEMBERS, remembered={}))
        previewed = time.perf_counter()
        result = apply_members(database, preview)
        applied = time.perf_counter()
        cpu = time.process_time() - cpu
    finally:
        database.close()
    assert result.created == len(preview.planned) and not preview.errors, result
    return {"read": read - started, "preview": previewed - read, "apply": applied - previewed, "total": applied - started, "total CPU": cpu}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = write_file(folder, arguments.organisations, arguments.format)
        template = folder / "demo.sqlite"
        demo = open_database(template, create=True)
        load_demo(demo)
        demo.close()
        runs = [one_run(source, template, folder, number) for number in range(arguments.runs)]
    print(f"{arguments.organisations} organisations from .{arguments.format}, median of {arguments.runs} runs:")
    for phase in ("read", "preview", "apply", "total", "total CPU"):
        values = [run[phase] for run in runs]
        print(f"  {phase:9} {statistics.median(values):6.3f} s   (min {min(values):.3f}, max {max(values):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
