"""One large, realistic database for the benchmarks, built through the application's bulk paths.

Run: .venv/bin/python bench/generate.py [--out FILE] [--seed 2020] [--tiny] [--events 200000]
The 2020 demo data first (so the 2020 report has its texts), then 10,000 organisations through
the import's Core writer (services/importing/member_writes.py: sites, types, contacts and their
persons, memberships, search keys), and by Core executemany (insert_rows): persons up to 20,000,
ten years of fees and observatoire figures, board history, 200,000 support actions, 5,000 events
with 50,000 participations. Deterministic for a seed. cached_database() keeps the file under
the temp folder, keyed by GENERATOR_VERSION, the schema head, the scale, the seed and the current
year (fees run to it)."""

import argparse
import os
import random
import sys
import tempfile
import time
from dataclasses import astuple, dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Connection, bindparam, func, select, update

# The other benchmark scripts, beside this one, for their vocabulary.
from accompaniment_bench import WORDS as NOTE_WORDS
from accompaniment_bench import random_action
from coorace_desktop.domain import (
    BoardMandate,
    BureauOffice,
    Contact,
    Event,
    EventKind,
    GeneralAssembly,
    Membership,
    NationalMandate,
    Organisation,
    Participation,
    Person,
    Programme,
    ProjectHolder,
    StaffMember,
    SupportAction,
    Territory,
    YearlyFigures,
)
from coorace_desktop.domain.enums import (
    AssemblyKind,
    BureauRole,
    EventStatus,
    Organiser,
    ProjectHolderStatus,
    SiaeType,
)
from coorace_desktop.domain.members import ContactDraft, SiteDraft
from coorace_desktop.domain.progress import no_progress
from coorace_desktop.domain.text import fold, search_key
from coorace_desktop.domain.typed_dates import TypedDate
from coorace_desktop.services.demo import load_demo
from coorace_desktop.services.importing.bulk import insert_rows
from coorace_desktop.services.importing.member_rows import OrganisationDraft
from coorace_desktop.services.importing.member_writes import MemberWriter
from coorace_desktop.storage.database import Database, open_database
from coorace_desktop.storage.migrate import head_revision
from events_bench import TOPICS
from harness import insert_fees
from members_bench import FIRST_NAMES, _word
from members_bench import WORDS as NAME_WORDS

GENERATOR_VERSION = 4  # bump when the data changes, so cached files are rebuilt
FIRST_YEAR, LAST_YEAR = 2016, 2025  # ten years of figures, fees, actions and events
# Fees run to the current year too: the members table shows this year's fee (sorts and filters on it).
FEES_UNTIL = max(LAST_YEAR, date.today().year)
# Real towns of Occitanie with their postcodes, so that département filters and the directory
# by département look like the real thing.
TOWNS = [
    ("Toulouse", "31000"), ("Montpellier", "34000"), ("Nîmes", "30000"), ("Perpignan", "66000"), ("Béziers", "34500"),
    ("Albi", "81000"), ("Rodez", "12000"), ("Foix", "09000"), ("Mende", "48000"), ("Cahors", "46000"),
    ("Auch", "32000"), ("Tarbes", "65000"), ("Carcassonne", "11000"), ("Montauban", "82000"), ("Millau", "12100"),
    ("Saint-Girons", "09200"), ("Villemur-sur-Tarn", "31340"), ("Alès", "30100"), ("Narbonne", "11100"), ("Figeac", "46100"),
]
ROLES = ["Direction", "Présidence", "Encadrant·e technique", "Chargé·e d'insertion", "Comptabilité"]


@dataclass(frozen=True)
class Scale:
    organisations: int = 10_000
    persons: int = 20_000
    actions: int = 200_000
    events: int = 5_000
    participations: int = 50_000
    project_holders: int = 1_000


FULL = Scale()
TINY = Scale(organisations=300, persons=700, actions=3_000, events=120, participations=900, project_holders=40)


def with_events(scale: Scale, events: int | None) -> Scale:
    """The scale with `events` events (None: as it is); the participations stay as many."""
    return scale if events is None else replace(scale, events=events)


def generate(database: Database, scale: Scale = FULL, seed: int = 2020, report=lambda text: None) -> None:
    """Fill an empty database: the demo, then `scale` of everything (one transaction per area)."""
    rng = random.Random(seed)
    load_demo(database)
    steps = (
        ("organisations", lambda c: _organisations(c, rng, scale)),
        ("persons, fees, figures", lambda c: _people_and_years(c, rng, scale)),
        ("board history", lambda c: _board_history(c, rng)),
        ("support actions", lambda c: _actions(c, rng, scale)),
        ("events", lambda c: _events(c, rng, scale)),
    )
    for name, step in steps:
        begin = time.perf_counter()
        with database.session() as session:
            connection = session.connection()
            # A large page cache (this connection only): index pages stay in memory instead of
            # spilling to the WAL mid-transaction (the 200,000 actions: 25 s -> 15 s).
            connection.exec_driver_sql("PRAGMA cache_size = -262144")
            step(connection)
        report(f"{name}: {time.perf_counter() - begin:.1f} s")
    with database.session() as session:
        session.connection().exec_driver_sql("ANALYZE")  # what a long-used file has: the planner's statistics


def _ids(connection: Connection, column) -> list[int]:
    return list(connection.execute(select(column).order_by(column)).scalars())


def _phone(rng: random.Random) -> str:
    return f"0{rng.choice('5567')} " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4))


def _organisations(connection: Connection, rng: random.Random, scale: Scale) -> None:
    """Drafts as an imported file would give them, written by the import's MemberWriter."""
    existing = connection.execute(select(func.count()).select_from(Organisation)).scalar_one()
    types = list(SiaeType)
    drafts = []
    for number in range(max(scale.organisations - existing, 0)):
        name = f"{rng.choice(NAME_WORDS)} {_word(rng)} {_word(rng)}"
        domain = fold(name).replace(" ", "-")
        sites = []
        for position in range(rng.choice((1, 1, 1, 1, 2, 3))):
            city, postcode = rng.choice(TOWNS)
            sites.append(SiteDraft(
                address=f"{rng.randint(1, 120)} rue {_word(rng)}", postcode=postcode, city=city,
                department=postcode[:2], phone=_phone(rng), email=f"site{position}@{domain}.fr",
            ))
        contacts = []
        for _ in range(rng.choice((1, 1, 2))):
            first, last = rng.choice(FIRST_NAMES), _word(rng).upper()
            contacts.append(ContactDraft(last_name=last, first_name=first, role=rng.choice(ROLES),
                                         email=f"{fold(first)}.{fold(last)}@{domain}.fr", phone=_phone(rng)))
        joined = date(1990, 1, 1) + timedelta(days=rng.randrange((date(2020, 6, 30) - date(1990, 1, 1)).days))
        drafts.append(OrganisationDraft(
            lines=(number + 2,), name=name, name_key=fold(name), website=f"https://{domain}.fr",
            joined=TypedDate(joined),  # a period without a date would start on the day it is recorded
            types=tuple(rng.sample(types, rng.choice((1, 1, 1, 2, 3)))), sites=tuple(sites), contacts=tuple(contacts),
        ))
    writer = MemberWriter(connection, no_progress, len(drafts))
    writer.create(drafts)
    writer.flush()
    # Everyone was a member in 2020 (the report's year: a directory of them all); one in eight has
    # left since, so that the status filter has former members to tell apart.
    memberships = _ids(connection, Membership.id)
    leaving = [{"target": row_id, "left": date(2021, 1, 1) + timedelta(days=rng.randrange(5 * 365))}
               for row_id in memberships if rng.random() < 0.125]
    if leaving:
        connection.execute(update(Membership).where(Membership.id == bindparam("target")).values(left_on=bindparam("left")), leaving)


def _member_years(connection: Connection) -> dict[int, range]:
    """For each organisation, the years from FIRST_YEAR to FEES_UNTIL during which it was a member."""
    spans: dict[int, range] = {}
    for organisation_id, joined, left in connection.execute(select(Membership.organisation_id, Membership.joined_on, Membership.left_on)):
        first = max(joined.year if joined else FIRST_YEAR, FIRST_YEAR)
        last = min(left.year if left else FEES_UNTIL, FEES_UNTIL)
        spans[organisation_id] = range(first, last + 1)
    return spans


def _people_and_years(connection: Connection, rng: random.Random, scale: Scale) -> None:
    persons = connection.execute(select(func.count()).select_from(Person)).scalar_one()
    extra = []
    for _ in range(max(scale.persons - persons, 0)):  # people met outside the contacts: partners, elected officials
        first, last = rng.choice(FIRST_NAMES), _word(rng).upper()
        extra.append({"first_name": first, "last_name": last, "email": "", "phone": "", "notes": "",
                      "name_key": fold(f"{last} {first}"), "erased_on": None})
    insert_rows(connection, Person.__table__, extra)
    fees, figures = [], []
    for organisation_id, years in _member_years(connection).items():
        size = rng.lognormvariate(0, 0.8)  # a few large groups, many small associations
        for year in years:
            paid = date(year, 3, 1) + timedelta(days=rng.randrange(250)) if year < FEES_UNTIL or rng.random() < 0.7 else None
            fees.append({"organisation_id": organisation_id, "year": year, "amount": rng.choice((150, 300, 450, 600)), "paid_on": paid})
            if year > LAST_YEAR or rng.random() < 0.1:
                continue  # a member sometimes does not answer the observatoire
            growth = 1 + (year - FIRST_YEAR) * 0.03
            employees = max(int(40 * size * growth * rng.uniform(0.85, 1.15)), 1)
            figures.append({
                "organisation_id": organisation_id, "year": year, "turnover": int(employees * 14_000 * rng.uniform(0.7, 1.3)),
                "gross_wages": int(employees * 9_000), "public_funding": int(employees * 6_500 * rng.uniform(0.5, 1.2)),
                "insertion_employees": employees, "permanent_staff": max(employees // 12, 1),
                "fte": round(employees * 0.3, 1), "insertion_hours": employees * 480,
                "organisations_covered": None, "source": "Observatoire (généré)",
            })
    insert_fees(connection, fees)
    insert_rows(connection, YearlyFigures.__table__, figures)


def _board_history(connection: Connection, rng: random.Random) -> None:
    """Boards of 20 elected at a yearly AG before the demo's (2020): mandates, bureau, national seats."""
    held = set(connection.execute(select(GeneralAssembly.held_on)).scalars())
    first_demo = min(held) if held else date(LAST_YEAR + 1, 1, 1)
    days = [date(year, 6, 20 + rng.randrange(10)) for year in range(FIRST_YEAR, first_demo.year)]
    if not days:
        return
    insert_rows(connection, GeneralAssembly.__table__, [
        {"held_on": day, "place": rng.choice(TOWNS)[0], "kind": AssemblyKind.ORDINARY.value, "notes": ""} for day in days
    ])
    assemblies = connection.execute(select(GeneralAssembly.id, GeneralAssembly.held_on).where(GeneralAssembly.held_on.in_(days)).order_by(GeneralAssembly.held_on)).all()
    representatives = connection.execute(select(Contact.person_id, Contact.organisation_id)).all()
    mandates = []
    for number, (assembly_id, held_on) in enumerate(assemblies):
        ends = assemblies[number + 1].held_on if number + 1 < len(assemblies) else first_demo
        for person_id, organisation_id in rng.sample(representatives, 20):
            mandates.append({"person_id": person_id, "organisation_id": organisation_id, "assembly_id": assembly_id,
                             "start_on": held_on, "end_on": ends, "end_reason": ""})
    first_id = connection.execute(select(func.coalesce(func.max(BoardMandate.id), 0))).scalar_one() + 1
    for offset, row in enumerate(mandates):
        row["id"] = first_id + offset
    insert_rows(connection, BoardMandate.__table__, mandates)
    offices, national = [], []
    for start in range(0, len(mandates), 20):
        board = mandates[start : start + 20]
        for role, mandate in zip(BureauRole, board):
            offices.append({"mandate_id": mandate["id"], "role": role.value, "start_on": mandate["start_on"], "end_on": mandate["end_on"]})
        national.extend({"mandate_id": m["id"], "start_on": m["start_on"], "end_on": m["end_on"]} for m in board[:2])
    insert_rows(connection, BureauOffice.__table__, offices)
    insert_rows(connection, NationalMandate.__table__, national)


def _actions(connection: Connection, rng: random.Random, scale: Scale) -> None:
    holders = []
    for number in range(scale.project_holders):
        name = f"Projet {_word(rng)} {number + 1}"
        city, postcode = rng.choice(TOWNS)
        holders.append({"name": name, "contact_name": f"{rng.choice(FIRST_NAMES)} {_word(rng).upper()}", "email": "",
                        "phone": _phone(rng), "project": rng.choice(TOPICS), "territory": city, "department": postcode[:2],
                        "status": rng.choice(list(ProjectHolderStatus)).value, "organisation_id": None, "notes": "",
                        "name_key": fold(name)})
    insert_rows(connection, ProjectHolder.__table__, holders)
    officers = _ids(connection, StaffMember.id)
    programmes = _ids(connection, Programme.id)
    organisations = _ids(connection, Organisation.id)
    holder_ids = _ids(connection, ProjectHolder.id)
    territories = _ids(connection, Territory.id)
    first_day = date(FIRST_YEAR, 1, 1)
    days = (date(LAST_YEAR, 12, 31) - first_day).days
    rows = [random_action(rng, first_day, days, officers, programmes, organisations, holder_ids, territories)
            for _ in range(scale.actions)]
    rows.sort(key=lambda row: row["action_date"])  # logged as they happen: ids follow the dates
    insert_rows(connection, SupportAction.__table__, rows)


def _events(connection: Connection, rng: random.Random, scale: Scale) -> None:
    kinds = _ids(connection, EventKind.id)
    organisations = _ids(connection, Organisation.id)
    first_id = connection.execute(select(func.coalesce(func.max(Event.id), 0))).scalar_one() + 1
    span = (date(LAST_YEAR + 1, 12, 31) - date(FIRST_YEAR, 1, 1)).days
    events, participations = [], []
    base, remainder = divmod(scale.participations, max(scale.events, 1))
    for number in range(scale.events):
        event_id = first_id + number
        starts_on = date(FIRST_YEAR, 1, 1) + timedelta(days=rng.randrange(span))
        place, online = rng.choice(TOWNS)[0], rng.random() < 0.4
        title = f"{rng.choice(['Webinaire', 'Atelier', 'Réunion', 'Rencontre', 'Formation'])} {rng.choice(TOPICS)}"
        description = " ".join(rng.choices(NOTE_WORDS, k=rng.randint(0, 25)))
        status = EventStatus.PLANNED if starts_on > date(LAST_YEAR, 11, 27) else rng.choice([EventStatus.DONE] * 9 + [EventStatus.CANCELLED])
        events.append({
            "id": event_id, "title": title, "kind_id": rng.choice(kinds), "year": starts_on.year, "starts_on": starts_on,
            "start_time": None, "ends_on": None, "end_time": None, "place": "" if online else place, "online": online,
            "organiser": Organiser.DELEGATION.value, "organiser_name": "", "status": status.value, "description": description,
            "sessions": 1, "other_participants": rng.randrange(15), "is_highlight": False, "highlight_title": "",
            "highlight_story": "", "search_key": search_key(title, "" if online else place, "", description, ""),
            "participants": 0,  # the database's triggers count them (migration 0013_sort_keys)
        })
        # Exactly scale.participations in all: `base` each, the remainder to the first events.
        for organisation_id in rng.sample(organisations, min(base + (number < remainder), len(organisations))):
            participations.append({"event_id": event_id, "organisation_id": organisation_id, "persons": rng.randint(1, 4)})
    insert_rows(connection, Event.__table__, events)
    insert_rows(connection, Participation.__table__, participations)


def cache_path(scale: Scale = FULL, seed: int = 2020, folder: Path | None = None) -> Path:
    """Where the generated file for this generator version, schema, scale and seed is kept."""
    folder = folder or Path(tempfile.gettempdir()) / "coorace-bench"
    return folder / f"large-v{GENERATOR_VERSION}-{head_revision()}-y{FEES_UNTIL}-{_size_and_seed(scale, seed)}"


def _size_and_seed(scale: Scale, seed: int) -> str:
    return "-".join(str(value) for value in astuple(scale)) + f"-s{seed}.sqlite"


def cached_database(scale: Scale = FULL, seed: int = 2020, folder: Path | None = None, report=print) -> Path:
    """The generated file, built now if no cached copy matches (written aside, then renamed)."""
    path = cache_path(scale, seed, folder)
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.stem}.{os.getpid()}.partial")
    begin = time.perf_counter()
    database = open_database(partial, create=True)
    try:
        generate(database, scale, seed, report)
    finally:
        database.close()
    os.replace(partial, path)
    report(f"generated {path} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - begin:.1f} s")
    # Files of older generator versions or schemas (same scale and seed) are of no further use.
    for stale in path.parent.glob(f"large-v*-{_size_and_seed(scale, seed)}*"):
        if not stale.name.startswith(path.name):
            stale.unlink(missing_ok=True)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write here instead of the cache (the file must not exist)")
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--tiny", action="store_true", help="a few hundred rows per table (for trying the harness)")
    parser.add_argument("--events", type=int, help=f"this many events instead of {FULL.events:,} (the events tab at 200,000)")
    arguments = parser.parse_args()
    scale = with_events(TINY if arguments.tiny else FULL, arguments.events)
    if arguments.out is None:
        print(cached_database(scale, arguments.seed))
        return 0
    database = open_database(arguments.out, create=True)
    try:
        generate(database, scale, arguments.seed, print)
    finally:
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
