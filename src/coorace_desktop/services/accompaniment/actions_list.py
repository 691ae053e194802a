"""The actions table: filters (year, period, officer, programme, beneficiary, kind), search in the notes,
sort on every column and paging, all in SQL; and the running totals of what is shown."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, func, literal_column, or_, select
from sqlmodel import Session

from coorace_desktop.domain.accompaniment import TOTALS_INDEX, Programme, ProjectHolder, SupportAction, Territory
from coorace_desktop.domain.accompaniment_rules import BENEFICIARY_KIND_LABELS, BeneficiaryKind, BeneficiaryRef
from coorace_desktop.domain.enums import ActionKind, ActionOutcome
from coorace_desktop.domain.governance import StaffMember
from coorace_desktop.domain.organisations import Organisation, Person
from coorace_desktop.services.accompaniment.common import enum_labels, equal_filters
from coorace_desktop.services.accompaniment.summary import UNKNOWN_OFFICER, beneficiaries_count, date_range, year_range
from coorace_desktop.services.listing import (
    ListQuery,
    among,
    by_label,
    kept_count,
    ordered_page,
    segmented_ids,
    word_condition,
    word_count,
)
from coorace_desktop.storage.database import Database
from coorace_desktop.storage.word_search import ACTION_BENEFICIARIES

# Filter names a ListQuery may carry: year (int), period (first and last day, both included),
# officer (staff id or NO_OFFICER), programme (id), kind (ActionKind value), beneficiary (BeneficiaryRef).
YEAR, PERIOD, OFFICER, PROGRAMME, KIND, BENEFICIARY = "year", "period", "officer", "programme", "kind", "beneficiary"
FILTERS = (YEAR, PERIOD, OFFICER, PROGRAMME, KIND, BENEFICIARY)
# The officer filter's value for historical records that do not name one.
NO_OFFICER = -1
GROUP_KIND_LABEL = "Groupe"


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


def _filtered(statement: Select, query: ListQuery, words: ColumnElement[bool] | None) -> Select:
    """The WHERE clause of every actions query (`words`: the search's, from _words); only
    support_actions columns, so counts need no join."""
    query.check(filter_names=FILTERS)
    if words is not None:
        statement = statement.where(words)
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


def _words(session: Session, query: ListQuery, walking: bool) -> ColumnElement[bool] | None:
    return word_condition(session, SupportAction, query.search, walking)


def _beneficiary_condition(ref: BeneficiaryRef) -> ColumnElement[bool]:
    if ref.kind == BeneficiaryKind.PROJECT_HOLDER:
        return SupportAction.project_holder_id == ref.id
    if ref.kind == BeneficiaryKind.TERRITORY:
        return SupportAction.territory_id == ref.id
    # A member's history includes what was done for it while it was still a project holder.
    converted = select(ProjectHolder.id).where(ProjectHolder.organisation_id == ref.id)
    return or_(SupportAction.organisation_id == ref.id, SupportAction.project_holder_id.in_(converted))


def _kept_total(session: Session) -> int:
    """How many actions there are, as the triggers keep it: PostgreSQL its number (kept_count),
    SQLite the per-beneficiary totals to add up (a few thousand rows)."""
    if (kept := kept_count(session, SupportAction)) is not None:
        return kept
    return session.execute(select(func.coalesce(func.sum(ACTION_BENEFICIARIES.c.actions), 0))).scalar_one()


def count_actions(database: Database, query: ListQuery) -> int:
    with database.reading() as session:
        if not query.search and not query.filters:
            return _kept_total(session)
        if not query.filters and (words_only := word_count(session, SupportAction, query.search)) is not None:
            return words_only
        statement = select(func.count()).select_from(SupportAction)
        statement = _filtered(statement, query, _words(session, query, walking=bool(query.filters)))
        return session.execute(statement).scalar_one()


def action_totals(database: Database, query: ListQuery) -> ActionTotals:
    """Running totals of the actions the query shows; of all of them, from the per-beneficiary
    totals the triggers keep (migration 0013_sort_keys), a few thousand rows instead of 200,000;
    of a search alone, on SQLite, from the narrow index of what they add up (0018_action_totals):
    through the table's rows, a common word's 37,873 actions took 44 ms of CPU, 30 so."""
    with database.reading() as session:
        if not query.search and not query.filters:
            statement = select(
                func.coalesce(func.sum(ACTION_BENEFICIARIES.c.actions), 0),
                func.count().filter(ACTION_BENEFICIARIES.c.kind != "group")
                + func.coalesce(func.sum(ACTION_BENEFICIARIES.c.people), 0),
                func.coalesce(func.sum(ACTION_BENEFICIARIES.c.hours), 0.0),
            )
        else:
            statement = select(func.count(), beneficiaries_count(), func.coalesce(func.sum(SupportAction.hours), 0.0))
            statement = statement.select_from(SupportAction)
            if not query.filters:  # a search alone: its matches looked up by id in the index covering the sums
                statement = statement.with_hint(SupportAction, f"INDEXED BY {TOTALS_INDEX}", "sqlite")
            statement = _filtered(statement, query, _words(session, query, walking=bool(query.filters)))
        actions, beneficiaries, hours = session.execute(statement).one()
    return ActionTotals(actions, beneficiaries, float(hours))


def _name(model, column: ColumnElement) -> ColumnElement:
    """The name of the row `column` points to, looked up by primary key for each row of the page:
    joined instead, PostgreSQL hashes all 10,000 organisations for a page of 200 actions (5 ms)."""
    return select(model.name).where(model.id == column).scalar_subquery()


# Sorts walking an index of their own column (0013_sort_keys): the notes by their start, as
# indexed (literal bounds: a bound parameter would not match the index's expression).
INDEXED_SORTS = {
    "date": SupportAction.action_date,
    "beneficiary": SupportAction.beneficiary_key,
    "hours": SupportAction.hours,
    "notes": func.substr(SupportAction.notes, literal_column("1"), literal_column("200")),
}


def _coded_sorts(session: Session) -> dict[str, tuple[ColumnElement, Callable[[], list]]]:
    """Sorts by a code in the order of its label (a few values each): column and values in order
    (the officers and programmes read only for their sort: one statement fewer on every other page)."""
    officers = select(StaffMember.id).join(Person, Person.id == StaffMember.person_id).order_by(Person.name_key, StaffMember.id)
    programmes = select(Programme.id, Programme.name)
    return {
        "officer": (SupportAction.officer_id, lambda: [None, *session.execute(officers).scalars()]),
        "programme": (SupportAction.programme_id, lambda: by_label(dict(session.execute(programmes).all()))),
        "kind": (SupportAction.kind, lambda: by_label(enum_labels(ActionKind))),
        "outcome": (SupportAction.outcome, lambda: by_label(enum_labels(ActionOutcome))),
    }


def action_page(database: Database, query: ListQuery, offset: int, limit: int) -> list[ActionRow]:
    """One page of the table in the query's order (ties broken by id so paging is stable)."""
    with database.reading() as session:
        coded = _coded_sorts(session)
        query.check(sort_keys=(*INDEXED_SORTS, *coded))
        # Deferred join: the page's ids are chosen on the narrow rows first, and only those
        # 200 rows are then joined to officers, beneficiaries and read in full.
        ids = _filtered(select(SupportAction.id), query, _words(session, query, walking=True))
        if (sort_key := query.sort_key or "date") in coded:
            column, values = coded[sort_key]
            page = segmented_ids(session, ids, column, values(), SupportAction.id, query.descending, offset, limit)
        else:
            kept_total = (lambda: None) if query.search or query.filters else (lambda: _kept_total(session))
            page = ordered_page(session, ids, (INDEXED_SORTS[sort_key], SupportAction.id), query.descending, offset, limit, kept_total)
        statement = (
            select(
                SupportAction.id,
                SupportAction.action_date,
                Person.first_name,
                Person.last_name,
                _name(Organisation, SupportAction.organisation_id),
                _name(ProjectHolder, SupportAction.project_holder_id),
                _name(Territory, SupportAction.territory_id),
                SupportAction.group_count,
                SupportAction.group_label,
                _name(Programme, SupportAction.programme_id),
                SupportAction.kind,
                SupportAction.hours,
                SupportAction.outcome,
                SupportAction.notes,
            )
            .outerjoin(StaffMember, StaffMember.id == SupportAction.officer_id)
            .outerjoin(Person, Person.id == StaffMember.person_id)
            .where(among(session, SupportAction.id, page))
        )
        rows = {row[0]: row for row in session.execute(statement).all()} if page else {}
    # On PostgreSQL each statement reads its own snapshot: a row deleted since its id was chosen is left out.
    return [_row(rows[action_id]) for action_id in page if action_id in rows]


def _row(row) -> ActionRow:
    (id, action_date, first, last, organisation, holder, territory, group_count, group_label,
     programme, kind, hours, outcome, notes) = row
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
        programme=programme or "",
        kind=ActionKind(kind),
        hours=hours,
        outcome=ActionOutcome(outcome),
        notes=notes,
    )
