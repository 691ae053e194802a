"""The fees of a year, one line per organisation (the year's members and any organisation with
a fee that year): status in SQL, so that the Cotisations page, the members list, the dashboard
and the command line read the same statuses and totals.

Status rule (domain/fee_rules.fee_status, here as SQL): cancelled, else not called (no number),
else paid (received >= amount), partial, reminded (a reminder sent), called."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Integer, and_, case, func, literal, or_, select
from sqlalchemy.orm import aliased

from coorace_desktop.domain.enums import FeeStatus, SiaeType
from coorace_desktop.domain.fee_rules import call_number, status_text
from coorace_desktop.domain.fees import FeePayment, FeeScale
from coorace_desktop.domain.organisations import Membership, MembershipFee, Organisation, OrganisationType
from coorace_desktop.domain.periods import overlaps_sql
from coorace_desktop.services.listing import ListQuery, apply_search, apply_sort
from coorace_desktop.services.members.membership import year_members
from coorace_desktop.storage.database import Database

# Filter names: "year" (int; default the current year), "status" (FeeStatus value, or OWED), "type" (SiaeType value).
YEAR, STATUS, TYPE = "year", "status", "type"
FILTERS = (YEAR, STATUS, TYPE)
# The status filter's value for what is still owed: called, reminded or paid in part.
OWED = "owed"
OWED_STATUSES = (FeeStatus.CALLED, FeeStatus.REMINDED, FeeStatus.PARTIAL)
# A click-through's filter (the dashboard's fees chart and « À faire »): the Cotisations page of
# that year (int), on what is owed.
OWED_FEES = "owed_fees"
SORT_KEYS = ("name", "number", "amount", "received", "outstanding", "status", "last_paid_on")


def received_sql(fee) -> ColumnElement:
    """What was received for the fee row `fee` (0 without payments)."""
    return (
        select(func.coalesce(func.sum(FeePayment.amount), 0)).where(FeePayment.fee_id == fee.id).scalar_subquery()
    )


def status_sql(fee, received: ColumnElement, shown=lambda status: status.value) -> ColumnElement:
    """The FeeStatus of the (outer-joined) fee row `fee`, as `shown` gives it (its value, or a sort rank)."""
    return case(
        (fee.id.is_(None), shown(FeeStatus.NOT_CALLED)),
        (fee.cancelled_on.is_not(None), shown(FeeStatus.CANCELLED)),
        (fee.number.is_(None), shown(FeeStatus.NOT_CALLED)),
        (received >= fee.amount, shown(FeeStatus.PAID)),
        (received > 0, shown(FeeStatus.PARTIAL)),
        (fee.reminder_level > 0, shown(FeeStatus.REMINDED)),
        else_=shown(FeeStatus.CALLED),
    )


# Statuses in the order a sort by status shows them.
FEE_STATUS_ORDER = (FeeStatus.NOT_CALLED, FeeStatus.CALLED, FeeStatus.REMINDED, FeeStatus.PARTIAL, FeeStatus.PAID, FeeStatus.CANCELLED)


def status_rank_sql(fee, received: ColumnElement) -> ColumnElement:
    """The status's index in FEE_STATUS_ORDER (a sort key), in one CASE: comparing the status with
    each of the six read the payments' sum twelve times a row (the members list sorted by fee: 150 ms)."""
    return status_sql(fee, received, FEE_STATUS_ORDER.index)


def last_paid_sql(fee) -> ColumnElement:
    return select(func.max(FeePayment.paid_on)).where(FeePayment.fee_id == fee.id).scalar_subquery()


def year_payments(year: int):
    """Subquery: the payments of the year's fees summed once per fee (fee_id, received, last_paid_on)."""
    return (
        select(FeePayment.fee_id, func.sum(FeePayment.amount).label("received"), func.max(FeePayment.paid_on).label("last_paid_on"))
        .join(MembershipFee, MembershipFee.id == FeePayment.fee_id)
        .where(MembershipFee.year == year)
        .group_by(FeePayment.fee_id)
        .subquery("paid")
    )


def year_fee_ranks(year: int):
    """Subquery: each fee of the year as (organisation_id, rank), the rank of its status in
    FEE_STATUS_ORDER, to outer-join once on Organisation.id; an organisation without a fee that
    year has no row (rank 0, not called). Sorting the members by fee with this join reads the
    year's payments once, where the rank per organisation summed each one's payments (10,000
    members: 73 -> 25 ms of SQLite's CPU)."""
    fee = aliased(MembershipFee, name="ranked_fee")
    paid = year_payments(year)
    rank = status_rank_sql(fee, func.coalesce(paid.c.received, 0)).label("rank")
    return (
        select(fee.organisation_id, rank)
        .outerjoin(paid, paid.c.fee_id == fee.id)
        .where(fee.year == year)
        .subquery("fee_ranks")
    )


def year_fee(year: int):
    """An alias of MembershipFee for `year`, to outer-join on Organisation.id."""
    fee = aliased(MembershipFee, name="fee")
    return fee, and_(fee.organisation_id == Organisation.id, fee.year == year)


@dataclass(frozen=True, slots=True)
class FeeRow:
    """One line of the Cotisations page."""

    id: int  # the organisation's
    name: str
    types: tuple[SiaeType, ...]
    year: int
    fee_id: int | None
    number: int | None
    amount: int | None  # None: no fee recorded for the year
    received: int
    status: FeeStatus
    reminder_level: int
    due_on: date | None
    last_paid_on: date | None
    manual_reason: str
    left: bool  # not a member any more at the end of the year

    @property
    def number_text(self) -> str:
        return call_number(self.year, self.number)

    @property
    def outstanding(self) -> int:
        owed = self.amount if self.status not in (FeeStatus.NOT_CALLED, FeeStatus.CANCELLED) and self.amount else 0
        return max(owed - self.received, 0)

    @property
    def status_text(self) -> str:
        return status_text(self.status, self.reminder_level)

    @property
    def types_text(self) -> str:
        return "/".join(siae_type.label for siae_type in self.types)


@dataclass(frozen=True, slots=True)
class FeeTotals:
    year: int
    called: int  # amounts of the calls not cancelled
    received: int
    outstanding: int
    calls: int
    unpaid: int  # calls not paid in full


class _Columns:
    def __init__(self, year: int) -> None:
        self.year = year
        self.fee, self.on = year_fee(year)
        # The payments summed once per fee and joined: a correlated sum, repeated by the status,
        # the owed and the outstanding amounts, made the year's totals 145 ms at 10,000 members and
        # 100,000 payments (the grouping of the year's payments alone: see the README's figure).
        self.paid = year_payments(year)
        self.received = func.coalesce(self.paid.c.received, 0)
        self.status = status_sql(self.fee, self.received)
        self.owed = case((self.status.in_((FeeStatus.NOT_CALLED.value, FeeStatus.CANCELLED.value)), 0), else_=self.fee.amount)
        self.outstanding = case((self.owed > self.received, self.owed - self.received), else_=0)
        self.last_paid_on = self.paid.c.last_paid_on

    def base(self, *columns):
        return (
            select(*columns)
            .select_from(Organisation)
            .outerjoin(self.fee, self.on)
            .outerjoin(self.paid, self.paid.c.fee_id == self.fee.id)
            .where(or_(Organisation.id.in_(year_members(self.year)), self.fee.id.is_not(None)))
        )

    def fees_only(self, *columns):
        """The year's fee rows alone: what base() adds, the members without a fee, counts for nothing in a sum."""
        return select(*columns).select_from(self.fee).outerjoin(self.paid, self.paid.c.fee_id == self.fee.id).where(self.fee.year == self.year)

    def sort_columns(self) -> dict[str, ColumnElement]:
        return {
            "name": Organisation.name_key, "number": self.fee.number, "amount": self.fee.amount,
            "received": self.received, "outstanding": self.outstanding, "status": status_rank_sql(self.fee, self.received),
            "last_paid_on": self.last_paid_on,
        }


def _filtered(statement, query: ListQuery, columns: _Columns):
    statement = apply_search(statement, Organisation.search_key, query.search)
    if query.filter(STATUS) == OWED:
        statement = statement.where(columns.status.in_([status.value for status in OWED_STATUSES]))
    elif query.filter(STATUS):
        statement = statement.where(columns.status == FeeStatus(query.filter(STATUS)).value)
    if query.filter(TYPE):
        statement = statement.where(Organisation.id.in_(
            select(OrganisationType.organisation_id).where(OrganisationType.siae_type == SiaeType(query.filter(TYPE)).value)
        ))
    return statement


def _year(query: ListQuery) -> int:
    """The query's year, else the current one."""
    query.check(filter_names=FILTERS)
    return int(query.filter(YEAR) or date.today().year)


def count_fees(database: Database, query: ListQuery) -> int:
    columns = _Columns(_year(query))
    with database.session() as session:
        return session.scalar(_filtered(columns.base(func.count()), query, columns))


def list_fees(database: Database, query: ListQuery, offset: int = 0, limit: int = 1_000_000) -> list[FeeRow]:
    """A page of the year's fees, in the query's order (then by name)."""
    year = _year(query)
    columns = _Columns(year)
    fee = columns.fee
    left = ~Organisation.id.in_(
        select(Membership.organisation_id).where(overlaps_sql(Membership.joined_on, Membership.left_on, date(year, 12, 31), date(year, 12, 31)))
    )
    statement = columns.base(
        Organisation.id, Organisation.name, fee.id, fee.number, fee.amount, columns.received, columns.status,
        func.coalesce(fee.reminder_level, literal(0, Integer)), fee.due_on, columns.last_paid_on,
        func.coalesce(fee.manual_reason, ""), left,
    )
    statement = apply_sort(_filtered(statement, query, columns), columns.sort_columns(), query, Organisation.name_key)
    statement = statement.order_by(Organisation.id).offset(offset).limit(limit)
    with database.session() as session:
        rows = session.execute(statement).all()
        ids = [row[0] for row in rows]
        types: dict[int, set[str]] = {}
        for organisation_id, siae_type in session.execute(
            select(OrganisationType.organisation_id, OrganisationType.siae_type).where(OrganisationType.organisation_id.in_(ids))
        ):
            types.setdefault(organisation_id, set()).add(siae_type)
    return [
        FeeRow(
            id=organisation_id, name=name, types=tuple(t for t in SiaeType if t.value in types.get(organisation_id, ())),
            year=year, fee_id=fee_id, number=number, amount=amount, received=int(received or 0), status=FeeStatus(status),
            reminder_level=int(level or 0), due_on=_as_date(due_on), last_paid_on=_as_date(last_paid_on),
            manual_reason=reason, left=bool(has_left),
        )
        for organisation_id, name, fee_id, number, amount, received, status, level, due_on, last_paid_on, reason, has_left in rows
    ]


def fee_totals(database: Database, query: ListQuery) -> FeeTotals:
    """Called, received and outstanding over the rows the query lets through."""
    columns = _Columns(_year(query))
    return _totals(database, columns, _filtered(columns.base(*_sums(columns)), query, columns))


def year_totals(database: Database, year: int) -> FeeTotals:
    """fee_totals of the whole year, from its fee rows alone (the dashboard: 38 -> 17 ms at 10,000)."""
    columns = _Columns(year)
    return _totals(database, columns, columns.fees_only(*_sums(columns)))


def _sums(columns: _Columns) -> tuple[ColumnElement, ...]:
    return (
        func.coalesce(func.sum(columns.owed), 0),
        func.coalesce(func.sum(case((columns.fee.id.is_not(None), columns.received), else_=0)), 0),
        func.coalesce(func.sum(columns.outstanding), 0),
        func.coalesce(func.sum(case((columns.owed > 0, 1), else_=0)), 0),
        func.coalesce(func.sum(case((columns.outstanding > 0, 1), else_=0)), 0),
    )


def _totals(database: Database, columns: _Columns, statement) -> FeeTotals:
    with database.session() as session:
        return FeeTotals(columns.year, *(int(value) for value in session.execute(statement).one()))


def fee_years(database: Database, today: date | None = None) -> list[int]:
    """The years with a scale or fees, and the current one, newest first."""
    with database.session() as session:
        years = set(session.scalars(select(MembershipFee.year).distinct())) | set(session.scalars(select(FeeScale.year)))
    return sorted(years | {(today or date.today()).year}, reverse=True)


def _as_date(value: object) -> date | None:
    # A scalar subquery loses the column's type on SQLite: dates come back as text.
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
