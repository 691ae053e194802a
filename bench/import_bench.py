"""How long importing 10,000 organisations takes, from the file to the committed transaction.

Run: .venv/bin/python bench/import_bench.py [--organisations 10000] [--existing 0] [--runs 5] [--format csv|xlsx]
Writes a French Excel file (CSV: `;`, Windows-1252; or .xlsx) of organisations, each with
types, a site, and a contact, then for each run copies the 2020 demo database and times reading
the file, the preview (validation + comparison with the database) and the apply (Core
executemany in one transaction). Prints each phase's median. Target: about 1 s in all.
With --existing N, the database first gets N organisations (imported the same way) and the file
is organisations of their towns, one in ten a misspelt one of them (a possible duplicate, left
out by the apply): 10,000 against 10,000 within 2 s; 500 against 100,000 is the preview once seen
taking 44-84 s."""

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
from coorace_desktop.services.importing import (
    MEMBERS,
    Action,
    apply_members,
    preview_members,
    propose_mapping,
    read_table,
)
from coorace_desktop.storage.database import Database, open_database
from members_bench import _word  # bench/members_bench.py, beside this script: syllable words

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


TOWNS = [
    ("Toulouse", "31000"), ("Montpellier", "34000"), ("Nîmes", "30000"), ("Perpignan", "66000"), ("Béziers", "34500"),
    ("Albi", "81000"), ("Rodez", "12000"), ("Foix", "09000"), ("Mende", "48000"), ("Cahors", "46000"),
    ("Auch", "32000"), ("Tarbes", "65000"), ("Carcassonne", "11000"), ("Montauban", "82000"), ("Millau", "12100"),
    ("Saint-Girons", "09200"), ("Villemur-sur-Tarn", "31340"), ("Alès", "30100"), ("Narbonne", "11100"), ("Figeac", "46100"),
]
LEGAL_FORMS = ["SARL", "Association", "SCOP", "AI", "ACI"]


def named_rows(count: int, seed: int, first: int = 0) -> list[list[str]]:
    """Organisations with names as directories have them (a common word, two made-up ones) in
    real towns; e-mails and phones of their own (numbered from `first`)."""
    rng = random.Random(seed)
    result = []
    for number in range(first, first + count):
        town, postcode = rng.choice(TOWNS)
        result.append([
            f"{rng.choice(WORDS)} {_word(rng)} {_word(rng)}", rng.choice(TYPES), f"{rng.randint(1, 99)} rue de la Paix",
            postcode, town, f"05 62 {number // 10000 % 100:02d} {number // 100 % 100:02d} {number % 100:02d}",
            f"accueil{number}@structure{number}.fr", f"NOM{number}", "Zoé", "Directrice",
        ])
    return result


def misspelt(name: str, rng: random.Random) -> str:
    """A letter dropped or changed in one word, or a legal form added."""
    words = name.split()
    n = rng.randrange(len(words))
    word = words[n]
    i = rng.randrange(len(word))
    choice = rng.randrange(3)
    if choice == 2:
        return f"{name} {rng.choice(LEGAL_FORMS)}"
    words[n] = word[:i] + word[i + 1 :] if choice == 0 or len(word) < 3 else word[:i] + "x" + word[i + 1 :]
    return " ".join(words)


def fuzzy_files(folder: Path, existing: int, new: int) -> tuple[Path, Path]:
    """The file that fills the database with `existing` organisations, and the timed file of
    `new` ones: one in ten a misspelt stored name, in its town, without its e-mail or phone."""
    stored = named_rows(existing, seed=2020)
    rng = random.Random(2021)
    rows_ = named_rows(new, seed=2022, first=existing)
    for row in rows_[::10]:
        name, _type, _address, postcode, town, *_ = rng.choice(stored)
        row[0], row[3], row[4] = misspelt(name, rng), postcode, town
    return write_file(folder, 0, "csv", stored, "existants"), write_file(folder, 0, "csv", rows_, "nouveaux")


def database_with(folder: Path, source: Path) -> Path:
    """The demo database, then the organisations of `source` imported."""
    path = folder / f"demo-{source.stem}.sqlite"
    database = open_database(path, create=True)
    try:
        load_demo(database)
        table = read_table(source)
        apply_members(database, preview_members(database, table, propose_mapping(table, MEMBERS, remembered={})))
    finally:
        database.close()
    return path


def write_file(folder: Path, count: int, kind: str, given: list[list[str]] | None = None, stem: str = "adherents") -> Path:
    data = [HEADERS, *(given if given is not None else rows(count))]
    if kind == "xlsx":
        path = folder / f"{stem}.xlsx"
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("Adhérents")
        for row in data:
            sheet.append(row)
        workbook.save(path)
        return path
    path = folder / f"{stem}.csv"
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(data)
    path.write_bytes(buffer.getvalue().encode("cp1252"))
    return path


def one_run(source: Path, template: Path, folder: Path, number: int) -> dict[str, float]:
    target = folder / f"run{number}.sqlite"
    shutil.copy(template, target)
    database = open_database(target)
    try:
        return timed_import(database, source)
    finally:
        database.close()


def timed_import(database: Database, source: Path) -> dict[str, float]:
    """Read `source`, preview it against `database`, apply it: each phase's seconds, and the CPU's."""
    cpu = time.process_time()
    started = time.perf_counter()
    table = read_table(source)
    read = time.perf_counter()
    preview = preview_members(database, table, propose_mapping(table, MEMBERS, remembered={}))
    previewed = time.perf_counter()
    result = apply_members(database, preview)
    applied = time.perf_counter()
    cpu = time.process_time() - cpu
    duplicates = preview.count(Action.DUPLICATE)
    assert result.created == len(preview.planned) - duplicates and not preview.errors, result
    return {
        "read": read - started, "preview": previewed - read, "apply": applied - previewed, "total": applied - started,
        "total CPU": cpu, "duplicates": duplicates,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    parser.add_argument("--existing", type=int, default=0, help="organisations stored first; the file then has possible duplicates")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if arguments.existing:
            stored, source = fuzzy_files(folder, arguments.existing, arguments.organisations)
            template = database_with(folder, stored)
        else:
            source = write_file(folder, arguments.organisations, arguments.format)
            template = folder / "demo.sqlite"
            demo = open_database(template, create=True)
            load_demo(demo)
            demo.close()
        runs = [one_run(source, template, folder, number) for number in range(arguments.runs)]
    against = f" against {arguments.existing} (possible duplicates: {runs[0]['duplicates']})" if arguments.existing else ""
    print(f"{arguments.organisations} organisations from .{source.suffix[1:]}{against}, median of {arguments.runs} runs:")
    for phase in ("read", "preview", "apply", "total", "total CPU"):
        values = [run[phase] for run in runs]
        print(f"  {phase:9} {statistics.median(values):6.3f} s   (min {min(values):.3f}, max {max(values):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
