"""The Governance tab's list queries: count + page with search, filters and sort in SQL.

Board filters: "on" (a date: the board that day; default today) or "assembly" (an id: every
mandate elected at that assembly, whatever its dates); "ends_soon" keeps mandates ending
within three months of "on"."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_
from sqlmodel import select

from coorace_desktop.domain import BoardMandate, GeneralAssembly, Organisation, Person, Site, StaffMember
from coorace_desktop.domain.enums import AssemblyKind
from coorace_desktop.domain.governance_rules import ENDS_SOON_MONTHS, add_months
from coorace_desktop.domain.periods import holds_on_sql
from coorace_desktop.services.governance.composition import (
    BoardSeat,
    BureauSeat,
    StaffPost,
    bureau_on,
    seats_from_rows,
    seats_statement,
    staff_from_rows,
    staff_statement,
)
from coorace_desktop.services.listing import ListQuery, apply_search, apply_sort, search_condition
from coorace_desktop.storage.database import Database

# Filter names: the day shown ("on"), an assembly's elected ("assembly", its id), mandates ending soon.
ON, ASSEMBLY, ENDS_SOON = "on", "assembly", "ends_soon"
SEAT_FILTERS = (ON, ASSEMBLY, ENDS_SOON)
SEAT_SORTS = {
    "organisation": Organisation.name_key,
    "department": Site.department,
    "person": Person.name_key,
    "start": BoardMandate.start_on,
    "end": BoardMandate.end_on,
}
STAFF_SORTS = {
    "start": StaffMember.start_on,
    "person": Person.name_key,
    "job": StaffMember.job_title,
    "end": StaffMember.end_on,
}
ASSEMBLY_SORTS = {"held_on": GeneralAssembly.held_on, "kind": GeneralAssembly.kind, "place": GeneralAssembly.place}


@dataclass(frozen=True, slots=True)
class AssemblyRow:
    id: int
    held_on: date
    place: str
    kind_label: str
    notes: str
    elected: int


@dataclass(frozen=True, slots=True)
class Choice:
    """An item of a picker: id and what the user reads."""

    id: int
    label: str


def seats_on(query: ListQuery) -> date | None:
    """The date the board table shows (None when it lists an assembly's mandates)."""
    if query.filter(ASSEMBLY) is not None:
        return None
    return query.filter(ON) or date.today()


def _seat_statement(query: ListQuery):
    query.check(filter_names=SEAT_FILTERS)
    on = seats_on(query)
    statement = seats_statement(on)
    if on is None:
        statement = statement.where(BoardMandate.assembly_id == query.filter(ASSEMBLY))
    elif query.filter(ENDS_SOON):
        statement = statement.where(BoardMandate.end_on.is_not(None), BoardMandate.end_on <= add_months(on, ENDS_SOON_MONTHS))
    condition = search_condition(Person.name_key, query.search)
    if condition is not None:
        statement = statement.where(or_(condition, search_condition(Organisation.name_key, query.search)))
    return statement


def count_seats(database: Database, query: ListQuery) -> int:
    with database.session() as session:
        return session.exec(select(func.count()).select_from(_seat_statement(query).subquery())).one()


def seat_page(database: Database, query: ListQuery, offset: int, limit: int) -> list[BoardSeat]:
    statement = apply_sort(_seat_statement(query), SEAT_SORTS, query, BoardMandate.id).offset(offset).limit(limit)
    with database.session() as session:
        return seats_from_rows(session, session.exec(statement).all(), seats_on(query))


def bureau_rows(database: Database, query: ListQuery) -> list[BureauSeat]:
    """The bureau on the query's date, in the bureau's order (a handful of rows)."""
    with database.session() as session:
        query.check(filter_names=(ON,))
        return bureau_on(session, query.filter(ON) or date.today())


def _staff_statement(query: ListQuery):
    query.check(filter_names=(ON,))
    statement = apply_search(staff_statement(), Person.name_key, query.search)
    on = query.filter(ON)
    return statement if on is None else statement.where(holds_on_sql(StaffMember.start_on, StaffMember.end_on, on))


def count_staff(database: Database, query: ListQuery) -> int:
    with database.session() as session:
        return session.exec(select(func.count()).select_from(_staff_statement(query).subquery())).one()


def staff_page(database: Database, query: ListQuery, offset: int, limit: int) -> list[StaffPost]:
    statement = apply_sort(_staff_statement(query), STAFF_SORTS, query, StaffMember.id).offset(offset).limit(limit)
    with database.session() as session:
        return staff_from_rows(session.exec(statement).all())


def _assembly_statement():
    elected = select(func.count()).where(BoardMandate.assembly_id == GeneralAssembly.id).scalar_subquery()
    return select(GeneralAssembly, elected)


def count_assemblies(database: Database, query: ListQuery) -> int:
    with database.session() as session:
        return session.exec(select(func.count()).select_from(GeneralAssembly)).one()


def assembly_page(database: Database, query: ListQuery, offset: int, limit: int) -> list[AssemblyRow]:
    statement = apply_sort(_assembly_statement(), ASSEMBLY_SORTS, query, GeneralAssembly.id).offset(offset).limit(limit)
    with database.session() as session:
        return [
            AssemblyRow(a.id, a.held_on, a.place, AssemblyKind(a.kind).label, a.notes, elected)
            for a, elected in session.exec(statement).all()
        ]


def assembly_choices(database: Database) -> list[Choice]:
    """Assemblies, newest first: 'AG ordinaire du 02/07/2020'."""
    with database.session() as session:
        assemblies = session.exec(select(GeneralAssembly).order_by(GeneralAssembly.held_on.desc(), GeneralAssembly.id.desc())).all()
        return [
            Choice(a.id, f"AG {AssemblyKind(a.kind).label.lower()} du {a.held_on:%d/%m/%Y}" + (f" ({a.place})" if a.place else ""))
            for a in assemblies
        ]


def assembly_date(database: Database, assembly_id: int) -> date | None:
    with database.session() as session:
        assembly = session.get(GeneralAssembly, assembly_id)
        return assembly.held_on if assembly else None


def organisation_choices(database: Database) -> list[Choice]:
    """Organisations a board member may represent, by name: 'INTER RELAIS (31)'."""
    with database.session() as session:
        rows = session.exec(
            select(Organisation.id, Organisation.name, Site.department)
            .outerjoin(Site, (Site.organisation_id == Organisation.id) & (Site.position == 0))
            .order_by(Organisation.name_key, Organisation.id)
        ).all()
        return [Choice(id, f"{name} ({department})" if department else name) for id, name, department in rows]

