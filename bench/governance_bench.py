"""How fast the Governance tab's data layer answers on a long history and a large persons table.

Run: .venv/bin/python bench/governance_bench.py [--persons 100000] [--years 50] [--runs 9]
Builds a database with bulk Core inserts (executemany): `persons` persons, and one AG a year for
`years` years, each renewing a board of 20 (with a bureau of six and two national seats). Then
times what the tab asks on each change (board on a date, its count and page, a search, the
bureau, the mandates of one AG) and what the person picker asks per keystroke, and prints the
median of the runs. Target: under 50 ms each."""

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import insert, select

from coorace_desktop.domain import (
    BoardMandate,
    BureauOffice,
    GeneralAssembly,
    Membership,
    NationalMandate,
    Organisation,
    Person,
    Site,
)
from coorace_desktop.domain.enums import AssemblyKind, BureauRole
from coorace_desktop.domain.text import fold
from coorace_desktop.services.governance import board_composition
from coorace_desktop.services.governance_lists import bureau_rows, count_seats, seat_page
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members import find_persons
from coorace_desktop.storage.database import Database, open_database

BOARD = 20
ORGANISATIONS = 300
FIRST_NAMES = ["Anaïs", "Bruno", "Céline", "Didier", "Émilie", "François", "Hélène", "Isabelle", "Jérôme", "Loïc"]
SYLLABLES = "ar bel cas do é fa gar hé in jo la mé no pa qué ri sol tè ur val".split()


def build(database: Database, persons: int, years: int, seed: int = 2020) -> tuple[date, int]:
    """Persons, organisations, and `years` renewals of the board; the last AG's date, the mandates."""
    rng = random.Random(seed)
    people = []
    for _ in range(persons):
        first, last = rng.choice(FIRST_NAMES), "".join(rng.choices(SYLLABLES, k=3)).upper()
        people.append({"first_name": first, "last_name": last, "name_key": fold(f"{last} {first}")})
    with database.engine.begin() as connection:
        connection.execute(insert(Person), people)
        connection.execute(insert(Organisation), [{"name": f"STRUCTURE {n}", "name_key": f"structure {n}"} for n in range(ORGANISATIONS)])
        organisation_ids = list(connection.execute(select(Organisation.id)).scalars())
        connection.execute(insert(Site), [{"organisation_id": o, "position": 0, "department": "31"} for o in organisation_ids])
        connection.execute(insert(Membership), [{"organisation_id": o} for o in organisation_ids])
        person_ids = list(connection.execute(select(Person.id)).scalars())
        first_year = 2021 - years
        connection.execute(insert(GeneralAssembly), [
            {"held_on": date(year, 6, 30), "kind": AssemblyKind.ORDINARY, "place": "", "notes": ""} for year in range(first_year, 2021)
        ])
        assemblies = list(connection.execute(select(GeneralAssembly.id, GeneralAssembly.held_on).order_by(GeneralAssembly.held_on)))
        mandates = []
        for number, (assembly_id, held_on) in enumerate(assemblies):
            ends = assemblies[number + 1][1] if number + 1 < len(assemblies) else None
            for person_id, organisation_id in zip(rng.sample(person_ids, BOARD), rng.sample(organisation_ids, BOARD)):
                mandates.append({"person_id": person_id, "organisation_id": organisation_id, "assembly_id": assembly_id,
                                 "start_on": held_on, "end_on": ends, "end_reason": ""})
        connection.execute(insert(BoardMandate), mandates)
        rows = list(connection.execute(select(BoardMandate.id, BoardMandate.start_on, BoardMandate.end_on).order_by(BoardMandate.id)))
        offices, national = [], []
        for start in range(0, len(rows), BOARD):
            board = rows[start : start + BOARD]
            for role, (mandate_id, start_on, end_on) in zip(BureauRole, board):
                offices.append({"mandate_id": mandate_id, "role": role, "start_on": start_on, "end_on": end_on})
            for mandate_id, start_on, end_on in board[:2]:
                national.append({"mandate_id": mandate_id, "start_on": start_on, "end_on": end_on})
        connection.execute(insert(BureauOffice), offices)
        connection.execute(insert(NationalMandate), national)
    return assemblies[-1][1], len(mandates)


def median_ms(runs: int, job) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        job()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=50)
    parser.add_argument("--runs", type=int, default=9)
    arguments = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="governance-bench-"))
    database = open_database(folder / "bench.sqlite", create=True)
    started = time.perf_counter()
    last_ag, mandates = build(database, arguments.persons, arguments.years)
    print(f"built {arguments.persons} persons, {mandates} mandates in {time.perf_counter() - started:.1f} s")
    middle = date(2021 - arguments.years // 2, 1, 1)
    on = ListQuery(filters={"on": middle}, sort_key="organisation")
    assembly_id = 1 + arguments.years // 2
    jobs = {
        "board_composition (report)": lambda: board_composition(database, middle),
        "board on a date: count + page": lambda: (count_seats(database, on), seat_page(database, on, 0, 200)),
        "board on a date, sorted by end desc": lambda: seat_page(database, ListQuery(filters={"on": middle}, sort_key="end", descending=True), 0, 200),
        "board search 'structure 1'": lambda: (count_seats(database, ListQuery("structure 1", {"on": middle})), seat_page(database, ListQuery("structure 1", {"on": middle}), 0, 200)),
        "bureau on a date": lambda: bureau_rows(database, on),
        "mandates of one AG": lambda: seat_page(database, ListQuery(filters={"assembly": assembly_id}), 0, 200),
        "current board (last AG)": lambda: board_composition(database, last_ag),
        "person picker 'isab'": lambda: find_persons(database, "isab", 15),
        "person picker 'belcas isa'": lambda: find_persons(database, "belcas isa", 15),
        "person picker, no match (full scan)": lambda: find_persons(database, "xyzt", 15),
    }
    for name, job in jobs.items():
        print(f"{name:40} {median_ms(arguments.runs, job):8.1f} ms (median of {arguments.runs})")
    database.close()
    shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
