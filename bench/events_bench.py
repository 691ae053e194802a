"""How fast the Events tab's data layer answers at 200,000 events.

Run: .venv/bin/python bench/events_bench.py [--events 200000] [--runs 9] [--db FILE]
Builds 500 organisations and the events (a third with 1-6 participations each) by executemany
(then ANALYZE, as bench/generate.py), then times what the tab asks: the list model's row count + a page of 200 for searches, filters
and every sort, the calendar's month, the figures of a year, the participants picker's search.
Prints the median of the runs."""

import random
import sys
from datetime import date, timedelta

from sqlalchemy import insert

from coorace_desktop.domain import Event, EventKind, Membership, Organisation, Participation
from coorace_desktop.domain.enums import EventStatus
from coorace_desktop.domain.events_rules import DEFAULT_KINDS
from coorace_desktop.domain.text import fold, organisation_search_key, search_key
from coorace_desktop.services.events.commands import organisation_choices
from coorace_desktop.services.events.event_list import KIND, STATUS, YEAR, count_events, event_days, list_events
from coorace_desktop.services.events.figures import event_figures
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.storage.database import Database
from harness import run_benchmark, timed  # bench/harness.py, beside this script

PAGE = 200
ORGANISATIONS = 500
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
    with database.session() as session:
        for table, batch in ((Organisation, organisations), (Membership, memberships), (EventKind, kinds),
                             (Event, rows), (Participation, participations)):
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


def measure(database: Database, runs: int) -> dict[str, tuple[int, float]]:
    results = {}
    for name, query in scenarios().items():
        rows = count_events(database, query)
        offset = max(rows - PAGE, 0) if name.endswith("last page") else 0
        results[name] = rows, timed(lambda query=query, offset=offset: (count_events(database, query), list_events(database, query, offset, PAGE)), runs)
    year = (date(2020, 1, 1), date(2020, 12, 31))
    results["calendar month (6 weeks)"] = (
        len(event_days(database, date(2020, 9, 28), date(2020, 11, 8))),
        timed(lambda: event_days(database, date(2020, 9, 28), date(2020, 11, 8)), runs),
    )
    results["figures of 2020"] = (event_figures(database, *year).events, timed(lambda: event_figures(database, *year), runs))
    results["picker search 'structure 12'"] = (
        len(organisation_choices(database, "structure 12")), timed(lambda: organisation_choices(database, "structure 12"), runs)
    )
    return results


if __name__ == "__main__":
    sys.exit(run_benchmark(__doc__, "events", 200_000, build, measure))
