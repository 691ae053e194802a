"""How fast the actions table's data layer answers at 200,000 actions.

Run: .venv/bin/python bench/accompaniment_bench.py [--actions 200000] [--runs 9] [--db FILE]
Builds a database with a bulk Core insert (executemany by 10,000), then times per scenario the
row count, what the windowed model asks on each change ([shown]: row count + first page of 200)
and the running totals under the table; each figure is the median of the runs."""

import random
import sys
from datetime import date, timedelta

from sqlalchemy import insert

from coorace_desktop.domain import Organisation, Person, Programme, ProjectHolder, StaffMember, SupportAction, Territory
from coorace_desktop.domain.enums import ActionKind, ActionOutcome
from coorace_desktop.domain.text import organisation_search_key, search_key
from coorace_desktop.services.accompaniment.actions_list import action_page, action_totals, count_actions
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.storage.database import Database
from harness import run_benchmark, timed  # bench/harness.py, beside this script

WORDS = (
    "rendez-vous téléphonique visite sur site bilan plan d'actions comité de pilotage dossier "
    "financement subvention démarche qualité audit interne réunion d'équipe diagnostic partagé "
    "salariés en parcours encadrants techniques formation chantier maraîchage recyclerie blanchisserie "
    "conciergerie solidaire restauration bâtiment espaces verts mobilité logement santé relance "
    "trésorerie compte de résultat budget prévisionnel convention département région état"
).split()
PAGE = 200
KINDS, OUTCOMES = list(ActionKind), list(ActionOutcome)


def build(database: Database, actions: int, seed: int = 2020) -> None:
    """Reference rows, then the actions in batches of 10,000 through one executemany each."""
    rng = random.Random(seed)
    with database.session() as session:
        def ids(table, rows):
            return [session.execute(insert(table).values(**row).returning(table.id)).scalar_one() for row in rows]

        people = ids(Person, [{"last_name": f"AGENT {n}", "first_name": "Test", "name_key": f"agent {n}"} for n in range(6)])
        officers = ids(StaffMember, [{"person_id": p, "job_title": "Chargé·e de mission"} for p in people])
        programmes = ids(Programme, [{"name": f"Programme {n}"} for n in range(12)])
        organisations = ids(Organisation, [
            {"name": f"Structure {n}", "name_key": f"structure {n}", "search_key": organisation_search_key(f"Structure {n}", [], [], [])}
            for n in range(60)
        ])
        holders = ids(ProjectHolder, [{"name": f"Porteur {n}", "name_key": f"porteur {n}"} for n in range(300)])
        territories = ids(Territory, [{"name": f"Territoire {n}", "name_key": f"territoire {n}"} for n in range(40)])
    start = date(2015, 1, 1)
    batch: list[dict] = []
    for number in range(actions):
        batch.append(random_action(rng, start, 10 * 365, officers, programmes, organisations, holders, territories))
        if len(batch) == 10_000 or number == actions - 1:
            with database.session() as session:
                session.execute(insert(SupportAction), batch)
            batch = []


def random_action(
    rng: random.Random, first_day: date, days: int,
    officers: list[int], programmes: list[int], organisations: list[int], holders: list[int], territories: list[int],
) -> dict:
    """One support_actions row within `days` of `first_day`, search_key as the service writes it
    (bench/generate.py makes its actions with this too)."""
    notes = " ".join(rng.choices(WORDS, k=rng.randint(4, 18)))
    if rng.random() < 0.0005:  # a rare word: the search users actually make
        notes += " à Figeac"
    row = dict(
        action_date=first_day + timedelta(days=rng.randrange(days)),
        officer_id=rng.choice(officers), organisation_id=None, project_holder_id=None, territory_id=None,
        group_count=None, group_label="", programme_id=rng.choice(programmes), kind=rng.choice(KINDS),
        hours=rng.choice((0.5, 1, 1.5, 2, 3, 7)), outcome=rng.choice(OUTCOMES), notes=notes,
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
    row["beneficiary_key"] = ""  # the database's triggers set it (migration 0013_sort_keys)
    return row


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


def measure(database: Database, runs: int) -> dict[str, tuple[int, float]]:
    """Per scenario: the row count alone, count + first page (what the table asks), the totals."""
    results = {}
    for name, query in scenarios().items():
        rows = count_actions(database, query)
        results[f"{name} [count]"] = (rows, timed(lambda query=query: count_actions(database, query), runs))
        results[f"{name} [shown]"] = (
            rows, timed(lambda query=query: (count_actions(database, query), action_page(database, query, 0, PAGE)), runs)
        )
        results[f"{name} [totals]"] = (rows, timed(lambda query=query: action_totals(database, query), runs))
    return results


if __name__ == "__main__":
    sys.exit(run_benchmark(__doc__, "actions", 200_000, build, measure))
