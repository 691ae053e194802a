"""The actions table: filters (year, period, officer, programme, beneficiary, kind), search in the notes,
sort on every column and paging, all in SQL; and the running totals of what is shown."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, func, or_, select

from coorace_desktop.domain.accompaniment import Programme, ProjectHolder, SupportAction, Territory
from coorace_desktop.domain.accompaniment_rules import BENEFICIARY_KIND_LABELS, BeneficiaryKind, BeneficiaryRef
from coorace_desktop.domain.enums import ActionKind, ActionOutcome
from coorace_desktop.domain.governance import StaffMember
from coorace_desktop.domain.organisations import Organisation, Person
from coorace_desktop.services.accompaniment.common import enum_labels, equal_filters, label_order
from coorace_desktop.services.accompaniment.summary import UNKNOWN_OFFICER, beneficiaries_count, date_range, year_range
from coorace_desktop.services.listing import ListQuery, apply_sort, search_condition
from coorace_desktop.storage.database import Database
from coorace_desktop.storage.engine import is_sqlite
from coorace_desktop.storage.word_search import action_ids_with_words

# Filter names a ListQuery may carry: year (int), period (first and last day, both included),
# officer (staff id or NO_OFFICER), programme (id), kind (ActionKind value), beneficiary (BeneficiaryRef).
YEAR, PERIOD, OFFICER, PROGRAMME, KIND, BENEFICIARY = "year", "period", "officer", "programme", "kind", "beneficiary"
FILTERS = (YEAR, PERIOD, OFFICER, PROGRAMME, KIND, BENEFICIARY)
# The officer filter's value for historical records that do not name one.
NO_OFFICER = -1
GROUP_KIND_LABEL = "Groupe"
JOINED_SORTS = ("officer", "beneficiary")


@dataclass(frozen=True, slots=True)
class ActionRow:
    """One line of the actions table."""

    id: int
    action_date: date
    officer: str
    beneficiary: str
    beneficiary_kind: str
    programme: str
    kind: ActionKind
    hours: float
    outcome: ActionOutcome
    notes: str


@dataclass(frozen=True, slots=True)
class ActionTotals:
    """What the rows shown add up to: beneficiaries = distinct named ones + group sizes."""

    actions: int
    beneficiaries: int
    hours: float


def _filtered(statement: Select, query: ListQuery, sqlite: bool, in_sort_order: bool = False) -> Select:
    """The WHERE clause of every actions query; only support_actions columns, so counts need no join.

    in_sort_order: a page walks the sort's index and keeps the rows the word index names ("+ 0"
    stops SQLite from reading every match by id and sorting them: 7 ms instead of 42 ms for a
    word in 38,000 of 200,000 actions); counts and totals read the matches by id."""
    if sqlite:
        # SQLite: the word index (migration 0004) answers where LIKE would scan every key.
        if (ids := action_ids_with_words(query.search)) is not None:
            statement = statement.where((SupportAction.id + 0 if in_sort_order else SupportAction.id).in_(ids))
    elif (searched := search_condition(SupportAction.search_key, query.search)) is not None:
        statement = statement.where(searched)
    query.check(filter_names=FILTERS)
    if (year := query.filter(YEAR)) is not None:
        statement = statement.where(year_range(int(year)))
    if (period := query.filter(PERIOD)) is not None:
        statement = statement.where(date_range(*period))
    if (officer := query.filter(OFFICER)) is not None:
        statement = statement.where(
            SupportAction.officer_id.is_(None) if officer == NO_OFFICER else SupportAction.officer_id == officer
        )
    statement = equal_filters(statement, query, {PROGRAMME: SupportAction.programme_id, KIND: SupportAction.kind})
    if (beneficiary := query.filter(BENEFICIARY)) is not None:
        statement = statement.where(_beneficiary_condition(beneficiary))
    return statement


def _beneficiary_condition(ref: BeneficiaryRef) -> ColumnElement[bool]:
    if ref.kind == BeneficiaryKind.PROJECT_HOLDER:
        return SupportAction.project_holder_id == ref.id
    if ref.kind == BeneficiaryKind.TERRITORY:
        return SupportAction.territory_id == ref.id
    # A member's history includes what was done for it while it was still a project holder.
    converted = select(ProjectHolder.id).where(ProjectHolder.organisation_id == ref.id)
    return or_(SupportAction.organisation_id == ref.id, SupportAction.project_holder_id.in_(converted))


def count_actions(database: Database, query: ListQuery) -> int:
    statement = _filtered(select(func.count()).select_from(SupportAction), query, is_sqlite(database.url))
    with database.session() as session:
        return session.execute(statement).scalar_one()


def action_totals(database: Database, query: ListQuery) -> ActionTotals:
    """Running totals of the actions the query shows."""
    statement = select(func.count(), beneficiaries_count(), func.coalesce(func.sum(SupportAction.hours), 0.0))
    statement = _filtered(statement.select_from(SupportAction), query, is_sqlite(database.url))
    with database.session() as session:
        actions, beneficiaries, hours = session.execute(statement).one()
    return ActionTotals(actions, beneficiaries, float(hours))


def _joined(statement: Select) -> Select:
    return (
        statement.select_from(SupportAction)
        .outerjoin(StaffMember, StaffMember.id == SupportAction.officer_id)
        .outerjoin(Person, Person.id == StaffMember.person_id)
        .outerjoin(Organisation, Organisation.id == SupportAction.organisation_id)
        .outerjoin(ProjectHolder, ProjectHolder.id == SupportAction.project_holder_id)
        .outerjoin(Territory, Territory.id == SupportAction.territory_id)
    )


def _sort_columns(programmes: Mapping[int, str]) -> dict[str, ColumnElement]:
    return {
        "date": SupportAction.action_date,
        "officer": Person.name_key,
        "beneficiary": func.coalesce(
            Organisation.name_key, ProjectHolder.name_key, Territory.name_key, SupportAction.search_key
        ),
        "programme": label_order(SupportAction.programme_id, programmes),
        "kind": label_order(SupportAction.kind, enum_labels(ActionKind)),
        "hours": SupportAction.hours,
        "outcome": label_order(SupportAction.outcome, enum_labels(ActionOutcome)),
        "notes": SupportAction.notes,
    }


def action_page(database: Database, query: ListQuery, offset: int, limit: int) -> list[ActionRow]:
    """One page of the table in the query's order (ties broken by id so paging is stable)."""
    with database.session() as session:
        programmes = dict(session.execute(select(Programme.id, Programme.name)).all())
        sort_columns = _sort_columns(programmes)
        query.check(sort_keys=sort_columns)
        sort_key = query.sort_key or "date"
        sort_value = sort_columns[sort_key]
        # Deferred join: the page's ids are chosen on the narrow rows first, and only those
        # 200 rows are then joined to officers, beneficiaries and read in full.
        ids = select(SupportAction.id, sort_value.label("sort_value"))
        # only the sorts on a name need the joins; the others stay on the search index
        ids = _joined(ids) if query.sort_key in JOINED_SORTS else ids.select_from(SupportAction)
        ids = _filtered(ids, query, is_sqlite(database.url), in_sort_order=True)
        page = apply_sort(ids, {sort_key: sort_value}, query, SupportAction.id).offset(offset).limit(limit).subquery()
        order = (page.c.sort_value, SupportAction.id)
        statement = _joined(
            select(
                SupportAction.id,
                SupportAction.action_date,
                Person.first_name,
                Person.last_name,
                Organisation.name,
                ProjectHolder.name,
                Territory.name,
                SupportAction.group_count,
                SupportAction.group_label,
                SupportAction.programme_id,
                SupportAction.kind,
                SupportAction.hours,
                SupportAction.outcome,
                SupportAction.notes,
            )
        ).join(page, page.c.id == SupportAction.id)
        statement = statement.order_by(*(column.desc() if query.descending else column.asc() for column in order))
        rows = session.execute(statement).all()
    return [_row(row, programmes) for row in rows]


def _row(row, programmes: dict[int, str]) -> ActionRow:
    (id, action_date, first, last, organisation, holder, territory, group_count, group_label,
     programme_id, kind, hours, outcome, notes) = row
    if organisation is not None:
        beneficiary, beneficiary_kind = organisation, BeneficiaryKind.ORGANISATION
    elif holder is not None:
        beneficiary, beneficiary_kind = holder, BeneficiaryKind.PROJECT_HOLDER
    elif territory is not None:
        beneficiary, beneficiary_kind = territory, BeneficiaryKind.TERRITORY
    else:
        beneficiary, beneficiary_kind = f"{group_count} {group_label}", None
    return ActionRow(
        id=id,
        action_date=action_date,
        officer=f"{first or ''} {last or ''}".strip() or UNKNOWN_OFFICER,
        beneficiary=beneficiary,
        beneficiary_kind=BENEFICIARY_KIND_LABELS.get(beneficiary_kind, GROUP_KIND_LABEL),
        programme=programmes.get(programme_id, ""),
        kind=ActionKind(kind),
        hours=hours,
        outcome=ActionOutcome(outcome),
        notes=notes,
    )
