"""The dashboard's figures for a period (first and last day, both included).

Every number the report also prints comes from the function the report calls (members during a
period, programme_totals, event_figures, action_totals): the dashboard adds the breakdowns per
month and the trends, never a second way of counting."""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import extract, func, select

from coorace_desktop.domain.accompaniment import Programme, SupportAction
from coorace_desktop.domain.enums import EventStatus
from coorace_desktop.domain.events import Event
from coorace_desktop.domain.governance import StaffMember
from coorace_desktop.domain.organisations import Organisation, Person
from coorace_desktop.domain.periods import months_between
from coorace_desktop.services.accompaniment.actions_list import NO_OFFICER, PERIOD, ActionTotals, action_totals
from coorace_desktop.services.accompaniment.summary import (
    UNKNOWN_OFFICER,
    ProgrammeTotals,
    date_range,
    programme_totals,
)
from coorace_desktop.services.events.figures import EventFigures, counted_events, event_figures
from coorace_desktop.services.fees.fee_list import FeeTotals, year_totals
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members.membership import members_during, members_per_year
from coorace_desktop.services.reporting.member_figures import MemberCounts, member_counts
from coorace_desktop.storage.database import Database

TREND_YEARS = 10


@dataclass(frozen=True, slots=True)
class Series:
    """One series of a chart: its values per month; `key` is what a click filters on (an
    officer's staff id or NO_OFFICER, a programme id), None when nothing does."""

    name: str
    key: object
    values: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Monthly:
    """Values per month (the first day of each month of the period) in one or more series."""

    months: tuple[date, ...]
    series: tuple[Series, ...]


@dataclass(frozen=True, slots=True)
class MemberFigures:
    counts: MemberCounts  # members of the period, by agreement type and by département
    joined: int  # members of the period who were not members the day before it
    left: int  # members of the period who are no longer members the day after it


@dataclass(frozen=True, slots=True)
class DashboardFigures:
    """The key figures of a period: what the tab paints first."""

    first_day: date
    last_day: date
    members: MemberFigures
    actions: ActionTotals  # actions, distinct beneficiaries, hours (as the actions table adds them)
    events: EventFigures
    fees: FeeTotals  # the calls of the period's year (services/fees)


@dataclass(frozen=True, slots=True)
class DashboardBreakdowns:
    """What the charts and the programmes' table show beside the key figures, read after them."""

    first_day: date
    last_day: date
    programmes: tuple[ProgrammeTotals, ...]  # as the report counts them
    by_officer: Monthly  # actions per month, one series per officer
    hours_by_programme: Monthly  # hours per month, one series per programme
    events_by_month: Monthly  # sessions and participants of the dated events, per month
    trend: tuple[tuple[int, int], ...] | None  # member_trend up to the period's year, when asked for


def dashboard_figures(database: Database, first_day: date, last_day: date) -> DashboardFigures:
    """The key figures of the period from `first_day` to `last_day`. Two threads read them, each
    on a connection of its own, the longest first: SQLite works without Python's lock, so two
    cores share the reading."""
    period = (database, first_day, last_day)
    with ThreadPoolExecutor(max_workers=2) as readers:
        counts = readers.submit(member_counts, database, last_day.year, during=(first_day, last_day))
        fees = readers.submit(year_totals, database, last_day.year)
        actions = readers.submit(action_totals, database, ListQuery(filters={PERIOD: (first_day, last_day)}))
        movements = readers.submit(member_movements, *period)
        events = readers.submit(event_figures, *period)
    return DashboardFigures(first_day, last_day, MemberFigures(counts.result(), *movements.result()),
                            actions.result(), events.result(), fees.result())


def dashboard_breakdowns(database: Database, first_day: date, last_day: date, with_trend: bool = False) -> DashboardBreakdowns:
    """The period's breakdowns: programmes, per month and, with `with_trend`, the member_trend up
    to its year (two threads, as dashboard_figures)."""
    months = tuple(months_between(first_day, last_day))
    period = (database, first_day, last_day)
    with ThreadPoolExecutor(max_workers=2) as readers:
        programmes = readers.submit(programme_totals, *period)
        trend = readers.submit(member_trend, database, last_day.year) if with_trend else None
        actions = readers.submit(actions_by_month, *period, months)
        monthly_events = readers.submit(events_by_month, *period, months)
    return DashboardBreakdowns(first_day, last_day, tuple(programmes.result()), *actions.result(),
                               monthly_events.result(), trend.result() if trend else None)


def latest_active_year(database: Database, today: date) -> int | None:
    """The latest year up to today's holding support actions or events held (those the figures
    count), None when none does: a database whose activity ended (the 2020 demo, whose 2021 is
    only planned; an archive) opens where its figures are."""
    with database.session() as session:
        last_action = session.scalar(select(func.max(SupportAction.action_date)).where(SupportAction.action_date < date(today.year + 1, 1, 1)))
        last_event_year = session.scalar(
            select(func.max(Event.year)).where(Event.year <= today.year, Event.status == EventStatus.DONE))
    years = [year for year in (last_action and last_action.year, last_event_year) if year]
    return max(years, default=None)


def member_movements(database: Database, first_day: date, last_day: date) -> tuple[int, int]:
    """Members of the period who joined it (not members the day before) and who left it (no
    longer members the day after)."""
    day_before, day_after = first_day - timedelta(days=1), last_day + timedelta(days=1)
    movements = select(
        func.count().filter(Organisation.id.not_in(members_during(day_before, day_before))),
        func.count().filter(Organisation.id.not_in(members_during(day_after, day_after))),
    ).where(Organisation.id.in_(members_during(first_day, last_day)))
    with database.session() as session:
        return tuple(session.execute(movements).one())


def member_trend(database: Database, last_year: int) -> tuple[tuple[int, int], ...]:
    """(year, members) for the TREND_YEARS years up to `last_year`, one query. It depends on the
    period's year only: the tab reads it once per year shown and database change."""
    years = range(last_year - TREND_YEARS + 1, last_year + 1)
    with database.session() as session:
        counts = dict(session.execute(members_per_year(years[0], years[-1])).all())
    return tuple((year, counts.get(year, 0)) for year in years)


def _month_index(months: tuple[date, ...]) -> dict[tuple[int, int], int]:
    return {(month.year, month.month): index for index, month in enumerate(months)}


def _series(name: str, key: object, length: int) -> list:
    return [name, key, [0.0] * length]


def actions_by_month(database: Database, first_day: date, last_day: date, months: tuple[date, ...]) -> tuple[Monthly, Monthly]:
    """The period's actions per month by officer (actions) and by programme (hours), from one
    grouped pass over the date index."""
    year, month = extract("year", SupportAction.action_date), extract("month", SupportAction.action_date)
    grouped = (
        select(year, month, SupportAction.officer_id, SupportAction.programme_id, func.count(), func.coalesce(func.sum(SupportAction.hours), 0.0))
        .where(date_range(first_day, last_day))
        .group_by(year, month, SupportAction.officer_id, SupportAction.programme_id)
    )
    with database.session() as session:
        rows = session.execute(grouped).all()
        officers = {
            staff_id: f"{first} {last}".strip()
            for staff_id, first, last in session.execute(
                select(StaffMember.id, Person.first_name, Person.last_name).join(Person, Person.id == StaffMember.person_id)
            )
        }
        programmes = dict(session.execute(select(Programme.id, Programme.name).order_by(Programme.id)).all())
    index = _month_index(months)
    by_officer: dict[object, list] = {}
    by_programme: dict[object, list] = {}
    for row_year, row_month, officer_id, programme_id, actions, hours in rows:
        column = index[(int(row_year), int(row_month))]
        officer_key = NO_OFFICER if officer_id is None else officer_id
        officer_name = UNKNOWN_OFFICER if officer_id is None else officers.get(officer_id, UNKNOWN_OFFICER)
        by_officer.setdefault(officer_key, _series(officer_name, officer_key, len(months)))[2][column] += actions
        by_programme.setdefault(programme_id, _series(programmes[programme_id], programme_id, len(months)))[2][column] += float(hours)
    return Monthly(months, _sorted_series(by_officer.values())), Monthly(months, tuple(
        Series(name, key, tuple(values)) for name, key, values in  # in the order programmes were created
        (by_programme[key] for key in programmes if key in by_programme)
    ))


def _sorted_series(series) -> tuple[Series, ...]:
    """Officers by name, the unnamed last."""
    ordered = sorted(series, key=lambda item: (item[1] == NO_OFFICER, item[0]))
    return tuple(Series(name, key, tuple(values)) for name, key, values in ordered)


def events_by_month(database: Database, first_day: date, last_day: date, months: tuple[date, ...]) -> Monthly:
    """Sessions and participants (stored: by names or by numbers, as event_figures counts them) of
    the period's events per month of their start (events whose date is unknown count in the totals
    of event_figures, in no month)."""
    counted = counted_events(first_day, last_day)
    year, month = extract("year", Event.starts_on), extract("month", Event.starts_on)
    query = (
        select(year, month, func.sum(Event.sessions), func.sum(Event.participants))
        .where(Event.id.in_(counted), Event.starts_on.is_not(None))
        .group_by(year, month)
    )
    index = _month_index(months)
    sessions, participants = [0.0] * len(months), [0.0] * len(months)
    with database.session() as session:
        for row_year, row_month, count, persons in session.execute(query):
            sessions[index[(int(row_year), int(row_month))]] += count
            participants[index[(int(row_year), int(row_month))]] += persons
    return Monthly(months, (Series("Sessions", None, tuple(sessions)), Series("Participants", None, tuple(participants))))
