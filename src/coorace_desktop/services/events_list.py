"""The events list and calendar: search, filters (year, kind, status), sort and paging in SQL."""

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import case, func, select

from coorace_desktop.domain.enums import EventStatus
from coorace_desktop.domain.events import Event, EventKind, Participation
from coorace_desktop.services.listing import ListQuery, apply_search, apply_sort
from coorace_desktop.storage.database import Database

# Filter names a ListQuery may carry: "year" (int), "kind" (kind id), "status" (EventStatus value).
YEAR, KIND, STATUS = "year", "kind", "status"


@dataclass(frozen=True, slots=True)
class EventRow:
    """One line of the events list."""

    id: int
    title: str
    kind: str
    year: int
    starts_on: date | None
    start_time: time | None
    ends_on: date | None
    place: str
    online: bool
    status: EventStatus
    sessions: int
    participants: int
    is_highlight: bool

    @property
    def last_day(self) -> date | None:
        return self.ends_on or self.starts_on


@dataclass(frozen=True, slots=True)
class DayEvent:
    """An event on a calendar day."""

    id: int
    title: str
    start_time: time | None
    status: EventStatus


def _member_persons():
    return (
        select(Participation.event_id, func.sum(Participation.persons).label("persons"))
        .group_by(Participation.event_id)
        .subquery()
    )


def _base(columns, query: ListQuery, persons=None):
    statement = select(*columns).join(EventKind, EventKind.id == Event.kind_id)
    if persons is not None:
        statement = statement.outerjoin(persons, persons.c.event_id == Event.id)
    statement = apply_search(statement, Event.search_key, query.search)
    if (year := query.filter(YEAR)) is not None:
        statement = statement.where(Event.year == int(year))
    if (kind := query.filter(KIND)) is not None:
        statement = statement.where(Event.kind_id == int(kind))
    if (status := query.filter(STATUS)) is not None:
        statement = statement.where(Event.status == EventStatus(status))
    return statement


def _upcoming_first(statement, today: date):
    """Upcoming events soonest first, then planned ones without a date, then the past, latest first."""
    last_day = func.coalesce(Event.ends_on, Event.starts_on)
    group = case(
        (last_day >= today, 0),
        ((Event.starts_on.is_(None)) & (Event.status == EventStatus.PLANNED), 1),
        else_=2,
    )
    return statement.order_by(
        group,
        case((last_day >= today, Event.starts_on)),
        case((last_day >= today, Event.start_time)),
        Event.starts_on.desc().nulls_last(),
        Event.start_time.desc().nulls_last(),
        Event.year.desc(),
        Event.id,
    )


def count_events(database: Database, query: ListQuery) -> int:
    with database.session() as session:
        return session.execute(select(func.count()).select_from(_base([Event.id], query).subquery())).scalar_one()


def list_events(
    database: Database, query: ListQuery, offset: int = 0, limit: int = 200, today: date | None = None
) -> list[EventRow]:
    """A page of the list. Sort "date" ascending puts upcoming events first; descending is newest first."""
    persons = _member_persons()
    participants = Event.other_participants + func.coalesce(persons.c.persons, 0)
    statement = _base(
        [
            Event.id, Event.title, EventKind.name, Event.year, Event.starts_on, Event.start_time,
            Event.ends_on, Event.place, Event.online, Event.status, Event.sessions, participants,
            Event.is_highlight,
        ],
        query,
        persons,
    )
    if query.sort_key in ("", "date") and not query.descending:
        statement = _upcoming_first(statement, today or date.today())
    elif query.sort_key in ("", "date"):
        statement = statement.order_by(
            Event.starts_on.desc().nulls_last(), Event.start_time.desc().nulls_last(), Event.year.desc(), Event.id.desc()
        )
    else:
        # search_key begins with the folded title, so it sorts titles accents and case aside.
        sort_columns = {
            "title": Event.search_key, "kind": EventKind.name, "place": Event.place,
            "status": Event.status, "sessions": Event.sessions, "participants": participants,
        }
        statement = apply_sort(statement, sort_columns, query, Event.id)
    with database.session() as session:
        rows = session.execute(statement.offset(offset).limit(limit)).all()
    return [EventRow(*row[:9], EventStatus(row[9]), *row[10:]) for row in rows]


def event_years(database: Database) -> list[int]:
    """The years holding events, latest first (for the year filter)."""
    with database.session() as session:
        return list(session.execute(select(Event.year).distinct().order_by(Event.year.desc())).scalars())


def event_days(database: Database, first: date, last: date) -> dict[date, list[DayEvent]]:
    """The days of [first, last] with events on them; an event over several days marks each day."""
    query = (
        select(Event.id, Event.title, Event.start_time, Event.status, Event.starts_on, Event.ends_on)
        .where(Event.starts_on.is_not(None), Event.starts_on <= last)
        .where(func.coalesce(Event.ends_on, Event.starts_on) >= first)
        .order_by(Event.starts_on, Event.start_time, Event.id)
    )
    days: dict[date, list[DayEvent]] = {}
    with database.session() as session:
        rows = session.execute(query).all()
    for event_id, title, start_time, status, starts_on, ends_on in rows:
        day = max(starts_on, first)
        while day <= min(ends_on or starts_on, last):
            days.setdefault(day, []).append(DayEvent(event_id, title, start_time, EventStatus(status)))
            day += timedelta(days=1)
    return days
