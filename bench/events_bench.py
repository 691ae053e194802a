"""How fast the Events tab's data layer answers at 200,000 events.

Run: .venv/bin/python bench/events_bench.py [--events 200000] [--runs 9] [--db FILE]
Builds 500 organisations and the events (a third with 1-6 participations each) by executemany,
and 50,000 participations by name (events / 4 at smaller sizes: 25 registered persons, of 5,000,
for each of 2,000 events held in 2020, 70 % present), then ANALYZE as bench/generate.py; then
times what the tab asks: the list model's row count + a page of 200 for searches, filters and every sort, the calendar's month
(its marks, and the titles of a day as its tooltip reads them), the
figures of a year, the participants picker's search, and what the event dialog reads on opening
an event counted by names (the event, its registrations, the picker's first list); then the tab
itself built, shown and painted (bench/qt_probe.py in a Qt process of its own, offscreen).
Prints the median of the runs."""

import json
import os
import random
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

from coorace_desktop.domain import Event, EventKind, Membership, Organisation, Participation, Person, Registration
from coorace_desktop.domain.enums import AttendanceStatus, EventStatus
from coorace_desktop.domain.events_rules import DEFAULT_KINDS
from coorace_desktop.domain.text import fold, organisation_search_key, search_key
from coorace_desktop.services.events.commands import get_event, organisation_choices
from coorace_desktop.services.events.event_list import (
    KIND,
    STATUS,
    YEAR,
    count_events,
    day_marks,
    event_days,
    list_events,
)
from coorace_desktop.services.events.figures import event_figures
from coorace_desktop.services.events.registrations import event_attendance
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.storage.database import Database
from harness import run_benchmark, timed  # bench/harness.py, beside this script

PAGE = 200
ORGANISATIONS = 500
PERSONS = 5_000
BY_NAME = 50_000  # registrations (participations by name)
REGISTERED = 25  # per event counted by names
TOPICS = ["réemploi", "QVT", "dialogue social", "commande publique", "plate-forme de l'inclusion", "Zest'",
          "CDIAE", "gestion financière", "numérique", "mobilité", "égalité", "ISO 9001"]
PLACES = ["Toulouse", "Montpellier", "Nîmes", "Perpignan", "Albi", "Rodez", "Foix", "Mende", "Cahors", "Auch", ""]


def build(database: Database, events: int, seed: int = 2020) -> None:
    rng = random.Random(seed)
    organisations = [dict(id=n, name=f"Structure {n}", name_key=fold(f"Structure {n}"),
                          search_key=organisation_search_key(f"Structure {n}", [], [], [])) for n in range(1, ORGANISATIONS + 1)]
    memberships = [dict(organisation_id=n, joined_on=date(2000, 1, 1) + timedelta(days=rng.randrange(9000)), notes="")
                   for n in range(1, ORGANISATIONS + 1)]
    kinds = [dict(id=n, name=name) for n, name in enumerate(DEFAULT_KINDS, start=1)]
    rows, participations = [], []
    first_day = date(2000, 1, 1)
    statuses = [EventStatus.DONE.value] * 8 + [EventStatus.PLANNED.value, EventStatus.CANCELLED.value]
    for number in range(1, events + 1):
        title = f"{rng.choice(['Webinaire', 'Atelier', 'Réunion', 'Rencontre', 'Formation'])} {rng.choice(TOPICS)} n° {number}"
        place = rng.choice(PLACES)
        dated = rng.random() > 0.05
        starts_on = first_day + timedelta(days=rng.randrange(30 * 365)) if dated else None
        rows.append(dict(
            id=number, title=title, kind_id=rng.randint(1, len(kinds)), year=starts_on.year if dated else rng.randint(2000, 2029),
            starts_on=starts_on, place=place, online=not place, status=rng.choice(statuses),
            sessions=rng.choice((1, 1, 1, 2, 23)), other_participants=rng.randrange(40), search_key=search_key(title, place),
        ))
        if rng.random() < 0.33:
            for organisation in rng.sample(range(1, ORGANISATIONS + 1), rng.randint(1, 6)):
                participations.append(dict(event_id=number, organisation_id=organisation, persons=rng.randint(1, 4)))
    persons = [dict(id=n, first_name="Camille", last_name=f"Participant {n}", name_key=fold(f"Participant {n} Camille"))
               for n in range(1, PERSONS + 1)]
    held_2020 = [row["id"] for row in rows if row["starts_on"] and row["starts_on"].year == 2020 and row["status"] == "done"]
    registrations = []
    for event_id in held_2020[: min(BY_NAME, events // 4) // REGISTERED]:
        for person in rng.sample(range(1, PERSONS + 1), REGISTERED):
            present = rng.random() < 0.7
            registrations.append(dict(
                event_id=event_id, session=1, person_id=person, organisation_id=person % ORGANISATIONS + 1, organisation_name="",
                status=(AttendanceStatus.PRESENT if present else AttendanceStatus.REGISTERED).value,
            ))
    with database.session() as session:
        for table, batch in ((Organisation, organisations), (Membership, memberships), (EventKind, kinds),
                             (Event, rows), (Participation, participations), (Person, persons), (Registration, registrations)):
            if batch:
                session.execute(insert(table), batch)
        session.connection().exec_driver_sql("ANALYZE")  # what a long-used file has, as bench/generate.py


def scenarios() -> dict[str, ListQuery]:
    return {
        "default: upcoming first": ListQuery(sort_key="date"),
        "date, newest first": ListQuery(sort_key="date", descending=True),
        "search 'webinaire qvt'": ListQuery(search="webinaire qvt", sort_key="date"),
        "search 'nimes'": ListQuery(search="nimes", sort_key="date"),
        "search a word not there": ListQuery(search="introuvable", sort_key="date"),
        "year 2020": ListQuery(filters={YEAR: 2020}, sort_key="date"),
        "year + kind + status": ListQuery(filters={YEAR: 2020, KIND: 1, STATUS: "done"}, sort_key="date"),
        **{f"sort by {key}": ListQuery(sort_key=key) for key in ("title", "kind", "place", "status", "sessions", "participants")},
        "sort by participants, last page": ListQuery(sort_key="participants", descending=True),
    }


def open_event_dialog(database: Database, event_id: int) -> None:
    """What the event dialog reads when it opens on an event: the event, its registrations, and the
    participants picker's first list (the ticked organisations first)."""
    details = get_event(database, event_id)
    event_attendance(database, event_id)
    ticked = [row.organisation_id for row in details.participants]
    organisation_choices(database, "", None, ticked)


def measure(database: Database, runs: int) -> dict[str, tuple[int, float]]:
    results = {}
    for name, query in scenarios().items():
        rows = count_events(database, query)
        offset = max(rows - PAGE, 0) if name.endswith("last page") else 0
        results[name] = rows, timed(lambda query=query, offset=offset: (count_events(database, query), list_events(database, query, offset, PAGE)), runs)
    year = (date(2020, 1, 1), date(2020, 12, 31))
    month = (date(2020, 9, 28), date(2020, 11, 8))
    results["calendar month (6 weeks)"] = (len(day_marks(database, *month)), timed(lambda: day_marks(database, *month), runs))
    day = date(2020, 10, 15)
    results["calendar day's tooltip"] = (len(event_days(database, day, day).get(day, [])), timed(lambda: event_days(database, day, day), runs))
    results["figures of 2020"] = (event_figures(database, *year).events, timed(lambda: event_figures(database, *year), runs))
    with database.session() as session:
        named = session.execute(select(Registration.event_id).order_by(Registration.id.desc()).limit(1)).scalar()
    if named is not None:
        results["event dialog by names: opening"] = (
            len(event_attendance(database, named).people), timed(lambda: open_event_dialog(database, named), runs)
        )
    results["picker search 'structure 12'"] = (
        len(organisation_choices(database, "structure 12")), timed(lambda: organisation_choices(database, "structure 12"), runs)
    )
    return results


def tab_opening(database: Database, runs: int) -> tuple[int, float]:
    """The Événements tab built, shown and painted once its first page is read (median ms)."""
    probe = Path(__file__).with_name("qt_probe.py")
    output = subprocess.run([sys.executable, str(probe), "tabs", str(database.path), "--runs", str(runs), "--tab", "Événements"],
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), capture_output=True, text=True, check=True).stdout
    with database.session() as session:
        events = session.scalar(select(func.count()).select_from(Event))
    return events, json.loads(output.strip().splitlines()[-1])["Événements"]["ms"]


def measure_with_tab(database: Database, runs: int) -> dict[str, tuple[int, float]]:
    return {**measure(database, runs), "events tab opening (Qt)": tab_opening(database, runs)}


if __name__ == "__main__":
    sys.exit(run_benchmark(__doc__, "events", 200_000, build, measure_with_tab))
