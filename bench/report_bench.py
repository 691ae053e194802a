"""How long the annual report takes to print: the 2020 demo, and a directory of 10,000 members.

Run: .venv/bin/python bench/report_bench.py [--members 10000] [--runs 5] [--db FILE]
(`--members 0` is the demo alone.) Builds the demo database plus N members with bulk Core
inserts (executemany), then times generate_report() for every section, queries included, and
prints the medians of wall time and of CPU time: on a shared machine the wall time also
counts the wait for a core. Targets: demo under 1 s, 10,000 members under 10 s."""

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, select

from coorace_desktop.domain.departments import OCCITANIE
from coorace_desktop.domain.enums import SiaeType
from coorace_desktop.domain.organisations import Membership, Organisation, OrganisationType, Site
from coorace_desktop.domain.text import fold, organisation_search_key
from coorace_desktop.report.generate import generate_report
from coorace_desktop.report.sections import ReportRequest
from coorace_desktop.services.demo import load_demo
from coorace_desktop.storage.database import Database
from harness import run_benchmark  # bench/harness.py, beside this script

STREETS = ["rue de la République", "avenue Jean Jaurès", "chemin des Vignes", "place du Marché", "allée des Tilleuls"]
CITIES = ["Saint-Girons", "Rodez", "Nîmes", "Toulouse", "Auch", "Montpellier", "Cahors", "Mende", "Perpignan", "Albi"]


def add_members(database: Database, count: int, seed: int = 7) -> None:
    """`count` more members with one site each (every 10th with two), in bulk (Core executemany)."""
    rng = random.Random(seed)
    with database.session() as session:
        first_id = (session.scalar(select(Organisation.id).order_by(Organisation.id.desc()).limit(1)) or 0) + 1
        organisations, types, sites, memberships = [], [], [], []
        for number in range(count):
            organisation_id = first_id + number
            name = f"Structure d'insertion n° {number + 1:05d} Élan & Cie"
            city = rng.choice(CITIES)
            email = f"contact{number}@structure-{number}.example.org"
            site_count = 2 if number % 10 == 0 else 1
            organisations.append(
                {"id": organisation_id, "name": name, "name_key": fold(name),
                 "search_key": organisation_search_key(name, [city] * site_count, [email] * site_count, [])}
            )
            for siae_type in rng.sample(list(SiaeType)[:4], rng.choice((1, 1, 1, 2))):
                types.append({"organisation_id": organisation_id, "siae_type": siae_type})
            for position in range(site_count):
                department = rng.choice(OCCITANIE)
                sites.append(
                    {"organisation_id": organisation_id, "position": position,
                     "address": f"{rng.randint(1, 300)} {rng.choice(STREETS)}", "postcode": f"{department}{rng.randint(0, 999):03d}",
                     "city": city, "department": department, "phone": f"05 61 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
                     "email": email}
                )
            memberships.append({"organisation_id": organisation_id, "joined_on": None, "left_on": None, "notes": ""})
        session.execute(insert(Organisation), organisations)
        session.execute(insert(OrganisationType), types)
        session.execute(insert(Site), sites)
        session.execute(insert(Membership), memberships)


def build(database: Database, members: int) -> None:
    load_demo(database)
    if members:
        add_members(database, members)


def measure(database: Database, runs: int) -> dict[str, tuple[int, float]]:
    """Wall and CPU medians of the whole report, in ms; 'rows' is the number of pages."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "rapport.pdf"
        generate_report(database, ReportRequest(2020), target)  # warm-up: fonts, imports
        walls, cpus, pages = [], [], 0
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            pages = generate_report(database, ReportRequest(2020), target).pages
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
    return {"report, wall time (pages)": (pages, statistics.median(walls)), "report, CPU time (pages)": (pages, statistics.median(cpus))}


if __name__ == "__main__":
    sys.exit(run_benchmark(__doc__, "members", 10_000, build, measure))
