"""How fast the actions table's data layer answers at 200,000 actions.

Run: .venv/bin/python bench/accompaniment_bench.py [--actions 200000] [--runs 9] [--db FILE]
Builds a database with a bulk Core insert, then times what the windowed model asks on each
change (row count + first page) and the running totals, and prints the median of the runs."""

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert

from coorace_desktop.domain import Organisation, Person, Programme, ProjectHolder, StaffMember, SupportAction, Territory
from coorace_desktop.domain.enums import ActionKind, ActionOutcome
from coorace_desktop.domain.text import fold, search_key
from coorace_desktop.services.accompaniment.actions_list import action_page, action_totals, count_actions
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.storage.database import Database, open_database

WORDS = (
    "rendez-vous téléphonique visite sur site bilan plan d'actions comité de pilotage dossier "
    "financement subvention démarche qualité audit interne réunion d'équipe diagnostic partagé "
    "salariés en parcours encadrants techniques formation chantier maraîchage recyclerie blanchisserie "
    "conciergerie solidaire restauration bâtiment espaces verts mobilité logement santé relance "
    "trésorerie compte de résultat budget prévisionnel convention département région état"
).split()
PAGE = 200


def build(database: Database, actions: int, seed: int = 2020) -> None:
    """Reference rows, then the actions in batches of 10,000 through one executemany each."""
    rng = random.Random(seed)
    with database.session() as session:
        def ids(table, rows):
            return [session.execute(insert(table).values(**row).returning(table.id)).scalar_one() for row in rows]

        people = ids(Person, [{"last_name": f"AGENT {n}", "first_name": "Test", "name_key": f"agent {n}"} for n in range(6)])
        officers = ids(StaffMember, [{"person_id": p, "job_title": "Chargé·e de mission"} for p in people])
        programmes = ids(Programme, [{"name": f"Programme {n}"} for n in range(12)])
        organisations = ids(Organisation, [{"name": f"Structure {n}", "name_key": f"structure {n}"} for n in range(60)])
        holders = ids(ProjectHolder, [{"name": f"Porteur {n}", "name_key": f"porteur {n}"} for n in range(300)])
        territories = ids(Territory, [{"name": f"Territoire {n}", "name_key": f"territoire {n}"} for n in range(40)])
    kinds, outcomes = list(ActionKind), list(ActionOutcome)
    start = date(2015, 1, 1)
    batch: list[dict] = []
    for number in range(actions):
        notes = " ".join(rng.choices(WORDS, k=rng.randint(4, 18)))
        if rng.random() < 0.0005:  # a rare word: the search users actually make
            notes += " à Figeac"
        row = dict(
            action_date=start + timedelta(days=rng.randrange(10 * 365)),
            officer_id=rng.choice(officers), organisation_id=None, project_holder_id=None, territory_id=None,
            group_count=None, group_label="", programme_id=rng.choice(programmes), kind=rng.choice(kinds),
            hours=rng.choice((0.5, 1, 1.5, 2, 3, 7)), outcome=rng.choice(outcomes), notes=notes,
        )
        pick = rng.random()
        if pick < 0.7:
            row["organisation_id"] = rng.choice(organisations)
        elif pick < 0.9:
            row["project_holder_id"] = rng.choice(holders)
        elif pick < 0.97:
            row["territory_id"] = rng.choice(territories)
        else:
            row["group_count"], row["group_label"] = rng.randint(2, 30), "structures sensibilisées"
        row["search_key"] = search_key(row["group_label"], notes)
        batch.append(row)
        if len(batch) == 10_000 or number == actions - 1:
            with database.session() as session:
                session.execute(insert(SupportAction), batch)
            batch = []


def timed(function, runs: int) -> float:
    """Median wall time in milliseconds (one warm-up call first)."""
    function()
    samples = []
    for _ in range(runs):
        begin = time.perf_counter()
        function()
        samples.append((time.perf_counter() - begin) * 1000)
    return statistics.median(samples)


def scenarios() -> dict[str, ListQuery]:
    by_date = ListQuery(sort_key="date", descending=True)
    return {
        "no filter, newest first": by_date,
        "programme + year": by_date.with_filter("programme", 3).with_filter("year", 2020),
        "search notes 'maraichage'": ListQuery(search="maraichage", sort_key="date", descending=True),
        "search notes 'tresorerie budget'": ListQuery(search="tresorerie budget", sort_key="date", descending=True),
        "search a word not there": ListQuery(search="introuvable", sort_key="date", descending=True),
        "search a rare word": ListQuery(search="figeac", sort_key="date", descending=True),
        "programme + year + search": ListQuery(
            search="financement", filters={"programme": 3, "year": 2020}, sort_key="date", descending=True
        ),
        **{f"sort by {key}": ListQuery(sort_key=key) for key in ("officer", "beneficiary", "programme", "kind", "hours", "notes")},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--db", type=Path, help="reuse (or keep) this database file")
    arguments = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    path = arguments.db or Path(folder.name) / "bench.sqlite"
    fresh = not path.exists()
    database = open_database(path, create=True)
    if fresh:
        begin = time.perf_counter()
        build(database, arguments.actions)
        print(f"built {arguments.actions:,} actions in {time.perf_counter() - begin:.1f} s ({path})")
    print(f"median ms of {arguments.runs} runs; 'shown' = row count + first page of {PAGE}, what the table asks")
    print(f"{'scenario':34} {'rows':>8} {'count':>7} {'page':>7} {'shown':>7} {'totals':>7}")
    for name, query in scenarios().items():
        rows = count_actions(database, query)
        count = timed(lambda: count_actions(database, query), arguments.runs)
        page = timed(lambda: action_page(database, query, 0, PAGE), arguments.runs)
        shown = timed(lambda: (count_actions(database, query), action_page(database, query, 0, PAGE)), arguments.runs)
        totals = timed(lambda: action_totals(database, query), arguments.runs)
        print(f"{name:34} {rows:>8,} {count:>7.1f} {page:>7.1f} {shown:>7.1f} {totals:>7.1f}")
    database.close()
    folder.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
