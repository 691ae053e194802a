"""The members table's list query: search, filters and sort in SQL, one page at a time.

A page is read in two steps: the ids of the page (WHERE, ORDER BY, LIMIT on the organisations
alone, so only the sort column is computed for every row), then the columns shown, for those
ids only."""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from sqlalchemy import ColumnElement, and_, case, exists, func, literal, not_
from sqlmodel import Session, select

from coorace_desktop.domain import Membership, Organisation, OrganisationType, Site
from coorace_desktop.domain.enums import DatePrecision, FeeStatus, MembershipStatus, SiaeType
from coorace_desktop.domain.members import ORGANISATION_FIELDS
from coorace_desktop.domain.periods import holds_on_sql
from coorace_desktop.domain.typed_dates import shown_date
from coorace_desktop.services.fees.fee_list import (
    FEE_STATUS_ORDER,
    last_paid_sql,
    received_sql,
    status_rank_sql,
    year_fee,
    year_fee_ranks,
)
from coorace_desktop.services.listing import ListQuery, apply_search, apply_sort
from coorace_desktop.services.members.membership import members_during
from coorace_desktop.storage.database import Database

# Filter names of ListQuery.filters understood here; the last is set by the dashboard's
# click-through: members during a period (first and last day, as the dashboard counts them).
TYPE_FILTER = "type"
DEPARTMENT_FILTER = "department"
STATUS_FILTER = "status"
FEE_YEAR_FILTER = "fee_year"  # the year whose fee status is shown (default: today's)
MEMBER_DURING_FILTER = "member_during"
FILTERS = (TYPE_FILTER, DEPARTMENT_FILTER, STATUS_FILTER, FEE_YEAR_FILTER, MEMBER_DURING_FILTER)

TYPE_ORDER = tuple(SiaeType)
EXPORTED_FIELDS = tuple(field for field in ORGANISATION_FIELDS if field.exported)
_STATUS_ORDER = (MembershipStatus.ACTIVE, MembershipStatus.FORMER, MembershipStatus.PROSPECT)


@dataclass(frozen=True, slots=True)
class MemberRow:
    """One line of the members table."""

    id: int
    name: str
    types: tuple[SiaeType, ...]
    departments: tuple[str, ...]
    city: str
    phone: str
    email: str
    member_since: date | None
    status: MembershipStatus
    fee_status: FeeStatus
    fee_paid_on: date | None  # the last payment's day
    fields: Mapping[str, str] = field(default_factory=dict)  # the exported declared fields, by name
    member_since_precision: DatePrecision = DatePrecision.DAY

    @property
    def member_since_shown(self) -> date | str | None:
        """The day, or '2015' / '03/2015' when only the year or the month was known."""
        if self.member_since is None or self.member_since_precision is DatePrecision.DAY:
            return self.member_since
        return shown_date(self.member_since, self.member_since_precision)

    @property
    def types_text(self) -> str:
        return "/".join(siae_type.label for siae_type in self.types)

    @property
    def departments_text(self) -> str:
        return ", ".join(self.departments)


def count_members(database: Database, query: ListQuery, today: date | None = None) -> int:
    """How many organisations the search and filters let through."""
    expressions = _Expressions(today or date.today(), query)
    statement = _filtered(select(func.count()).select_from(Organisation), query, expressions)
    with database.session() as session:
        return session.exec(statement).one()


def list_members(
    database: Database, query: ListQuery, offset: int, limit: int, today: date | None = None
) -> list[MemberRow]:
    """One page of the members table, in the query's order; the fee shown is the year of the
    FEE_YEAR_FILTER, else today's year's."""
    expressions = _Expressions(today or date.today(), query)
    ids_statement = _sorted(_filtered(select(Organisation.id), query, expressions), query, expressions)
    with database.session() as session:
        ids = list(session.exec(ids_statement.offset(offset).limit(limit)).all())
        return _rows(session, ids, _Expressions(expressions.today, query, per_row=True)) if ids else []


def member_ids(database: Database, query: ListQuery, today: date | None = None) -> list[int]:
    """The ids of every organisation the search and filters let through, in the query's order."""
    expressions = _Expressions(today or date.today(), query)
    statement = _sorted(_filtered(select(Organisation.id), query, expressions), query, expressions)
    with database.session() as session:
        return list(session.exec(statement).all())


def member_departments(database: Database) -> list[str]:
    """The départements where members have a site, for the filter."""
    with database.session() as session:
        statement = select(Site.department).where(Site.department != "").distinct().order_by(Site.department)
        return list(session.exec(statement).all())


class _Expressions:
    """The SQL of the computed columns, for the organisations row being read.

    Whole-table work (filters, sort keys over every organisation) asks "is the id in this set?":
    SQLite builds the set once, which is about a third cheaper at 10,000 organisations than a
    correlated EXISTS per row. The page's own rows (per_row) use the correlated form, which reads
    only their 200 entries instead of whole tables."""

    def __init__(self, today: date, query: ListQuery, per_row: bool = False) -> None:
        self.today, self.query, self.per_row = today, query, per_row

    # Each built when first asked for (a count asks for few: ~2 ms of Python saved per read).
    @cached_property
    def fee_year(self) -> int:
        return int(self.query.filter(FEE_YEAR_FILTER) or self.today.year)

    @cached_property
    def _fee(self):
        return year_fee(self.fee_year)

    @cached_property
    def fee_ranks(self):  # the sort's, joined by _sorted
        return year_fee_ranks(self.fee_year)

    @cached_property
    def active(self) -> ColumnElement:
        return self._holds(Membership, holds_on_sql(Membership.joined_on, Membership.left_on, self.today))

    @cached_property
    def ever_member(self) -> ColumnElement:
        return self._holds(Membership)

    @cached_property
    def status_rank(self) -> ColumnElement:
        return case((self.active, 0), (self.ever_member, 1), else_=2)

    @cached_property
    def fee_rank(self) -> ColumnElement:
        fee, on_fee = self._fee
        return select(status_rank_sql(fee, received_sql(fee))).where(on_fee).scalar_subquery()

    @cached_property
    def member_since(self) -> ColumnElement:
        return select(func.min(Membership.joined_on)).where(Membership.organisation_id == Organisation.id).scalar_subquery()

    @cached_property
    def member_since_precision(self) -> ColumnElement:
        return (
            select(Membership.joined_precision).where(Membership.organisation_id == Organisation.id, Membership.joined_on.is_not(None))
            .order_by(Membership.joined_on).limit(1).scalar_subquery()
        )

    @cached_property
    def fee_paid_on(self) -> ColumnElement:
        fee, on_fee = self._fee
        return select(last_paid_sql(fee)).where(on_fee).scalar_subquery()

    def _holds(self, table, *conditions: ColumnElement) -> ColumnElement:
        """Whether the organisation has a row of `table` meeting the conditions."""
        if self.per_row:
            return exists().where(table.organisation_id == Organisation.id, *conditions)
        return Organisation.id.in_(select(table.organisation_id).where(*conditions))

    @staticmethod
    def main_site(column) -> ColumnElement:
        # Position 0 is the main site (see Site); matching it, rather than ORDER BY position
        # LIMIT 1, spares SQLite a small sort for every organisation when the table is sorted.
        return select(column).where(Site.organisation_id == Organisation.id, Site.position == 0).limit(1).scalar_subquery()

    def types_rank(self) -> ColumnElement:
        # Each type weighs more the earlier it comes in TYPE_ORDER, so that ordering by the
        # (negated) sum groups organisations by their first type: AI, AI/ACI, ACI, ACI/EI, EI...
        weight = case(
            *((OrganisationType.siae_type == siae_type.value, 1 << (len(TYPE_ORDER) - n)) for n, siae_type in enumerate(TYPE_ORDER)),
            else_=0,
        )
        total = select(func.sum(weight)).where(OrganisationType.organisation_id == Organisation.id).scalar_subquery()
        return literal(0) - func.coalesce(total, 0)

    def sort_columns(self) -> dict[str, ColumnElement]:
        return {
            "name": Organisation.name_key,
            "types": self.types_rank(),
            "departments": self.main_site(Site.department),
            "city": func.lower(self.main_site(Site.city)),
            "phone": self.main_site(Site.phone),
            "email": func.lower(self.main_site(Site.email)),
            "member_since": self.member_since,
            "status": self.status_rank,
            "fee": func.coalesce(self.fee_ranks.c.rank, 0),
        }

    def has_type(self, siae_type: SiaeType) -> ColumnElement:
        return self._holds(OrganisationType, OrganisationType.siae_type == siae_type.value)

    def has_site_in(self, department: str) -> ColumnElement:
        return self._holds(Site, Site.department == department)

    def status_condition(self, status: MembershipStatus) -> ColumnElement:
        if status == MembershipStatus.ACTIVE:
            return self.active
        if status == MembershipStatus.FORMER:
            return and_(not_(self.active), self.ever_member)
        return not_(self.ever_member)


def _filtered(statement, query: ListQuery, expressions: _Expressions):
    query.check(filter_names=FILTERS)
    statement = apply_search(statement, Organisation.search_key, query.search)
    siae_type = query.filter(TYPE_FILTER)
    if siae_type:
        statement = statement.where(expressions.has_type(SiaeType(siae_type)))
    department = query.filter(DEPARTMENT_FILTER)
    if department:
        statement = statement.where(expressions.has_site_in(str(department)))
    status = query.filter(STATUS_FILTER)
    if status:
        statement = statement.where(expressions.status_condition(MembershipStatus(status)))
    if (period := query.filter(MEMBER_DURING_FILTER)) is not None:
        statement = statement.where(Organisation.id.in_(members_during(*period)))
    return statement


def _sorted(statement, query: ListQuery, expressions: _Expressions):
    """ORDER BY the query's sort, ties by name then id (stable paging); a sort by fee joins the
    year's fee ranks once."""
    if query.sort_key == "fee":
        ranks = expressions.fee_ranks
        statement = statement.outerjoin(ranks, ranks.c.organisation_id == Organisation.id)
    return apply_sort(statement, expressions.sort_columns(), query, Organisation.name_key).order_by(Organisation.id)


def _rows(session: Session, ids: list[int], expressions: _Expressions) -> list[MemberRow]:
    heads = session.exec(
        select(
            Organisation.id,
            Organisation.name,
            expressions.member_since,
            expressions.member_since_precision,
            expressions.status_rank,
            expressions.fee_rank,
            expressions.fee_paid_on,
            *(getattr(Organisation, exported.name) for exported in EXPORTED_FIELDS),
        ).where(Organisation.id.in_(ids))
    ).all()
    types: dict[int, set[SiaeType]] = defaultdict(set)
    for organisation_id, siae_type in session.exec(
        select(OrganisationType.organisation_id, OrganisationType.siae_type).where(OrganisationType.organisation_id.in_(ids))
    ):
        types[organisation_id].add(SiaeType(siae_type))
    sites: dict[int, list] = defaultdict(list)
    for site in session.exec(
        select(Site.organisation_id, Site.department, Site.city, Site.phone, Site.email)
        .where(Site.organisation_id.in_(ids))
        .order_by(Site.organisation_id, Site.position, Site.id)
    ):
        sites[site.organisation_id].append(site)
    rows = {}
    for organisation_id, name, member_since, precision, status_rank, fee_rank, fee_paid_on, *values in heads:
        own_sites = sites[organisation_id]
        main = own_sites[0] if own_sites else None
        rows[organisation_id] = MemberRow(
            id=organisation_id,
            name=name,
            types=tuple(siae_type for siae_type in TYPE_ORDER if siae_type in types[organisation_id]),
            departments=tuple(dict.fromkeys(site.department for site in own_sites if site.department)),
            city=main.city if main else "",
            phone=main.phone if main else "",
            email=main.email if main else "",
            member_since=_as_date(member_since),
            status=_STATUS_ORDER[status_rank],
            fee_status=FEE_STATUS_ORDER[fee_rank or 0],
            fee_paid_on=_as_date(fee_paid_on),
            fields=dict(zip((exported.name for exported in EXPORTED_FIELDS), values, strict=True)),
            member_since_precision=DatePrecision(precision or DatePrecision.DAY),
        )
    return [rows[organisation_id] for organisation_id in ids]


def _as_date(value: object) -> date | None:
    # A scalar subquery loses the column's type on SQLite: min() of dates comes back as text.
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
