"""How fast the members table's data layer answers at 10,000 organisations.

Run: .venv/bin/python bench/members_bench.py [--organisations 10000] [--runs 9] [--db FILE]
Builds a database with bulk Core inserts (executemany), then times what the windowed model asks
on each change (row count + first page of 200) for searches, filters and every sort, and prints
the median of the runs. Target: under 50 ms each."""

import random
import sys
from datetime import date, timedelta

from sqlalchemy import insert

from coorace_desktop.domain import Contact, Membership, MembershipFee, Organisation, OrganisationType, Person, Site
from coorace_desktop.domain.departments import OCCITANIE
from coorace_desktop.domain.enums import SiaeType
from coorace_desktop.domain.text import fold, organisation_search_key
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members.organisation_list import count_members, list_members
from coorace_desktop.storage.database import Database
from harness import insert_fees, run_benchmark, timed  # bench/harness.py, beside this script

PAGE = 200
SYLLABLES = "ar bel cas do é fa gar hé in jo la mé no pa qué ri sol tè ur val".split()
CITIES = ["Toulouse", "Montpellier", "Nîmes", "Perpignan", "Béziers", "Albi", "Rodez", "Foix", "Mende", "Cahors", "Auch", "Tarbes"]
WORDS = ["Régie", "Atelier", "Chantier", "Association", "Entreprise", "Jardins", "Recyclerie", "Services", "Emploi", "Solidaire"]
FIRST_NAMES = ["Anaïs", "Bruno", "Céline", "Didier", "Émilie", "François", "Hélène", "Isabelle", "Jérôme", "Loïc"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))).capitalize()


def build(database: Database, organisations: int, seed: int = 2020) -> None:
    """Organisations with types, 1-3 sites, 1-2 contacts, a membership and fees, by executemany."""
    rng = random.Random(seed)
    rows: dict[type, list[dict]] = {table: [] for table in (Organisation, OrganisationType, Site, Person, Contact, Membership, MembershipFee)}
    types = list(SiaeType)
    for number in range(1, organisations + 1):
        name = f"{rng.choice(WORDS)} {_word(rng)} {_word(rng)}"
        cities, emails, contact_names = [], [], []
        for siae_type in rng.sample(types, rng.choice((1, 1, 1, 2, 3))):
            rows[OrganisationType].append(dict(organisation_id=number, siae_type=siae_type.value))
        for position in range(rng.choice((1, 1, 1, 2, 3))):
            department = rng.choice(OCCITANIE)
            city, email = rng.choice(CITIES), f"contact{number}.{position}@{fold(name).replace(' ', '-')}.fr"
            rows[Site].append(dict(
                organisation_id=number, position=position, address=f"{rng.randint(1, 99)} rue {_word(rng)}",
                postcode=f"{department}{rng.randint(0, 999):03d}", city=city, department=department,
                phone=f"05 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}", email=email,
            ))
            cities.append(city)
            emails.append(email)
        for _ in range(rng.choice((1, 2))):
            person_id = len(rows[Person]) + 1
            first_name, last_name = rng.choice(FIRST_NAMES), _word(rng).upper()
            rows[Person].append(dict(id=person_id, first_name=first_name, last_name=last_name, name_key=fold(f"{last_name} {first_name}")))
            rows[Contact].append(dict(organisation_id=number, person_id=person_id, role="Direction"))
            contact_names.append(f"{first_name} {last_name}")
        joined = date(2000, 1, 1) + timedelta(days=rng.randrange(25 * 365))
        left = joined + timedelta(days=rng.randrange(3000)) if rng.random() < 0.15 else None
        rows[Membership].append(dict(organisation_id=number, joined_on=joined, left_on=left, notes=""))
        for year in range(max(joined.year, 2020), date.today().year + 1):
            paid = date(year, 3, 1) + timedelta(days=rng.randrange(200)) if rng.random() < 0.8 else None
            rows[MembershipFee].append(dict(organisation_id=number, year=year, amount=rng.choice((150, 300, 450)), paid_on=paid))
        rows[Organisation].append(dict(
            id=number, name=name, name_key=fold(name),
            search_key=organisation_search_key(name, cities, emails, contact_names),
        ))
    with database.session() as session:
        for table in (Organisation, Person, OrganisationType, Site, Contact, Membership):
            session.execute(insert(table), rows[table])
    with database.engine.begin() as connection:
        insert_fees(connection, rows[MembershipFee])


def scenarios() -> dict[str, ListQuery]:
    by_name = ListQuery(sort_key="name")
    return {
        "no filter, by name": by_name,
        "search 'regie'": ListQuery(search="regie", sort_key="name"),
        "search 'hélène' (contact)": ListQuery(search="hélène", sort_key="name"),
        "search 'toulouse atelier'": ListQuery(search="toulouse atelier", sort_key="name"),
        "search a word not there": ListQuery(search="introuvable", sort_key="name"),
        "type + department + status": by_name.with_filter("type", "ACI").with_filter("department", "31").with_filter("status", "active"),
        "search + filters, by city": ListQuery(search="solidaire", filters={"type": "AI", "status": "active"}, sort_key="city"),
        **{f"sort by {key}": ListQuery(sort_key=key) for key in (
            "name", "types", "departments", "city", "phone", "email", "member_since", "status", "fee")},
        "sort by fee, descending": ListQuery(sort_key="fee", descending=True),
        "sort by city, last page": ListQuery(sort_key="city"),
    }


def measure(database: Database, runs: int) -> dict[str, tuple[int, float]]:
    """For each scenario: rows matched, median ms of count + the page the table shows."""
    results = {}
    for name, query in scenarios().items():
        rows = count_members(database, query)
        offset = max(rows - PAGE, 0) if name.endswith("last page") else 0
        results[name] = rows, timed(lambda query=query, offset=offset: (count_members(database, query), list_members(database, query, offset, PAGE)), runs)
    return results


if __name__ == "__main__":
    sys.exit(run_benchmark(__doc__, "organisations", 10_000, build, measure))
