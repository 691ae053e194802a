"""How fast the Governance tab's data layer answers on a long history and a large persons table.

Run: .venv/bin/python bench/governance_bench.py [--persons 100000] [--runs 9] [--db FILE]
Builds a database with bulk Core inserts (executemany): that many persons, and one AG a year for
50 years, each renewing a board of 20 (with a bureau of six and two national seats). Then times
what the tab asks on each change (board on a date, its count and page, a search, the bureau, the
mandates of one AG) and what the person picker asks per keystroke; medians of the runs.
Target: under 50 ms each."""


import random
import sys
from datetime import date

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
from coorace_desktop.services.governance.composition import board_composition
from coorace_desktop.services.governance.lists import bureau_rows, count_seats, seat_page
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members.organisations import find_persons
from coorace_desktop.storage.database import Database
from harness import run_benchmark, timed  # bench/harness.py, beside this script

YEARS = 50
BOARD = 20
ORGANISATIONS = 300
FIRST_NAMES = ["Anaïs", "Bruno", "Céline", "Didier", "Émilie", "François", "Hélène", "Isabelle", "Jérôme", "Loïc"]
SYLLABLES = "ar bel cas do é fa gar hé in jo la mé no pa qué ri sol tè ur val".split()


def build(database: Database, persons: int, years: int = YEARS, seed: int = 2020) -> None:
    """Persons, organisations, and `years` renewals of the board."""
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


def measure(database: Database, runs: int) -> dict[str, tuple[int, float]]:
    with database.session() as session:
        held = session.execute(select(GeneralAssembly.held_on).order_by(GeneralAssembly.held_on)).scalars().all()
    middle, last_ag = held[len(held) // 2], held[-1]
    on = ListQuery(filters={"on": middle}, sort_key="organisation")
    by_end = ListQuery(filters={"on": middle}, sort_key="end", descending=True)
    search = ListQuery("structure 1", {"on": middle})
    one_ag = ListQuery(filters={"assembly": len(held) // 2})
    jobs = {
        "board_composition (report)": lambda: len(board_composition(database, middle).seats),
        "board on a date: count + page": lambda: (count_seats(database, on), seat_page(database, on, 0, 200))[0],
        "board on a date, by end desc": lambda: len(seat_page(database, by_end, 0, 200)),
        "board search 'structure 1'": lambda: (count_seats(database, search), seat_page(database, search, 0, 200))[0],
        "bureau on a date": lambda: len(bureau_rows(database, on)),
        "mandates of one AG": lambda: len(seat_page(database, one_ag, 0, 200)),
        "current board (last AG)": lambda: len(board_composition(database, last_ag).seats),
        "person picker 'isab'": lambda: len(find_persons(database, "isab", 15)),
        "person picker 'belcas isa'": lambda: len(find_persons(database, "belcas isa", 15)),
        "person picker, no match (scan)": lambda: len(find_persons(database, "xyzt", 15)),
    }
    return {name: (job(), timed(job, runs)) for name, job in jobs.items()}


if __name__ == "__main__":
    sys.exit(run_benchmark(__doc__, "persons", 100_000, build, measure))
