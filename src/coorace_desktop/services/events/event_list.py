"""The events list and calendar: search, filters (year, period, kind, status), sort and paging in SQL."""

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import case, func, literal_column, select
from sqlmodel import Session

from coorace_desktop.domain.enums import EventStatus
from coorace_desktop.domain.events import Event, EventKind
from coorace_desktop.domain.events_rules import LONGEST_EVENT
from coorace_desktop.services.listing import (
    ListQuery,
    among,
    by_label,
    kept_count,
    ordered_page,
    rare_matches,
    segmented_ids,
    word_condition,
    word_count,
)
from coorace_desktop.storage.database import Database
from coorace_desktop.storage.word_search import starts_words

# Filter names a ListQuery may carry: "year" (int), "period" (first and last day, both included),
# "kind" (kind id), "status" (EventStatus value).
YEAR, PERIOD, KIND, STATUS = "year", "period", "kind", "status"
FILTERS = (YEAR, PERIOD, KIND, STATUS)
# Sort keys: "date" (the default) puts upcoming events first going up, newest first going down.
DATE = "date"
SORT_KEYS = (DATE, "title", "kind", "place", "status", "sessions", "participants")


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


def _filtered(statement, query: ListQuery, words):
    """The WHERE clause of every events query (`words`: the search's, from word_condition)."""
    query.check(sort_keys=SORT_KEYS, filter_names=FILTERS)
    if words is not None:
        statement = statement.where(words)
    if (year := query.filter(YEAR)) is not None:
        statement = statement.where(Event.year == int(year))
    if (period := query.filter(PERIOD)) is not None:
        # A plain range on the start date (its index serves it): an event counts where it starts,
        # as in the figures; one without a date yet has no place in a period (the year finds it).
        statement = statement.where(Event.starts_on.between(*period))
    if (kind := query.filter(KIND)) is not None:
        statement = statement.where(Event.kind_id == int(kind))
    if (status := query.filter(STATUS)) is not None:
        statement = statement.where(Event.status == EventStatus(status))
    return statement


_NEWEST_FIRST = (Event.starts_on.desc().nulls_last(), Event.start_time.desc().nulls_last(), Event.year.desc(), Event.id.desc())


def under_way(first: date):
    """SQL condition: the event began before `first` and lasts until it or later (found through
    the end day's index: never NULL here, so the condition is never NULL either)."""
    return (
        Event.starts_on.is_not(None) & Event.ends_on.is_not(None) & (Event.starts_on < first)
        & Event.ends_on.between(first, first + LONGEST_EVENT)
    )


def _upcoming_first_segments(today: date) -> list[tuple]:
    """The default order: upcoming events soonest first (those under way today, then those from
    today on), then planned ones without a date, then the past, latest first; as (condition,
    order) segments that follow one another, each read through an index of its own."""
    coming = Event.starts_on.is_not(None) & (Event.starts_on >= today)
    undated_planned = Event.starts_on.is_(None) & (Event.status == EventStatus.PLANNED)
    soonest = (Event.starts_on, Event.start_time, Event.id)
    return [
        (under_way(today), soonest),
        (coming, soonest),
        (undated_planned, (Event.year.desc(), Event.id)),
        (~(under_way(today) | coming | undated_planned), _NEWEST_FIRST),
    ]


def _upcoming_first(statement, today: date):
    """The default order in one ORDER BY, for a narrowed list (a search, a filter)."""
    segments = _upcoming_first_segments(today)
    upcoming, undated_planned = segments[0][0] | segments[1][0], segments[2][0]
    return statement.order_by(
        case((upcoming, 0), (undated_planned, 1), else_=2),
        case((upcoming, Event.starts_on)),
        case((upcoming, Event.start_time)),
        case((upcoming, Event.id)),  # ties as the segments break them
        case((undated_planned, Event.year)).desc(),
        case((undated_planned, Event.id)),
        *_NEWEST_FIRST,
    )


def _upcoming_first_ids(session, query: ListQuery, today: date, offset: int, limit: int) -> list[int]:
    """The list in the default order, segment by segment: each one is read through the starts_on
    index, where one CASE-keyed sort of 200,000 rows costs five times more. A filtered list, or a
    rare word's few matches (read by id: see rare_matches), is sorted at once: its filter's index
    narrows it, where walking the dates to find one year's events reads them all; the four
    segments would have looked the same ids up four times."""
    rare = rare_matches(session, Event, query.search)
    words = rare if rare is not None else starts_words(Event.search_key, query.search)  # word_condition, walking
    if query.filters or rare is not None:
        ordered = _upcoming_first(_filtered(select(Event.id), query, words), today)
        return session.execute(ordered.offset(offset).limit(limit)).scalars().all()
    ids: list[int] = []
    for condition, order in _upcoming_first_segments(today):
        statement = _filtered(select(Event.id).where(condition), query, words)
        if offset:
            size = session.execute(select(func.count()).select_from(statement.subquery())).scalar_one()
            if offset >= size:
                offset -= size
                continue
        ids += session.execute(statement.order_by(*order).offset(offset).limit(limit - len(ids))).scalars().all()
        offset = 0
        if len(ids) == limit:
            break
    return ids


# Sorts walking an index of their own column (0013_sort_keys). search_key begins with the folded
# title, so its start sorts titles accents and case aside (literal bounds: as indexed).
INDEXED_SORTS = {
    "title": func.substr(Event.search_key, literal_column("1"), literal_column("200")),
    "place": Event.place, "status": Event.status, "sessions": Event.sessions, "participants": Event.participants,
}


def _page_ids(session: Session, query: ListQuery, offset: int, limit: int) -> list[int]:
    """A page of ids in any order but the default one."""
    ids = _filtered(select(Event.id), query, word_condition(session, Event, query.search, walking=True))
    if query.sort_key in ("", DATE):
        return session.execute(ids.order_by(*_NEWEST_FIRST).offset(offset).limit(limit)).scalars().all()
    if query.sort_key == "kind":  # a few kinds, in the order of their names
        names = dict(session.execute(select(EventKind.id, EventKind.name)).all())
        return segmented_ids(session, ids, Event.kind_id, by_label(names), Event.id, query.descending, offset, limit)
    kept_total = (lambda: None) if query.search or query.filters else (lambda: kept_count(session, Event))
    return ordered_page(session, ids, (INDEXED_SORTS[query.sort_key], Event.id), query.descending, offset, limit, kept_total)


def count_events(database: Database, query: ListQuery) -> int:
    with database.reading() as session:
        if not query.search and not query.filters and (kept := kept_count(session, Event)) is not None:
            return kept
        if not query.filters and (words_only := word_count(session, Event, query.search)) is not None:
            return words_only
        words = word_condition(session, Event, query.search, walking=bool(query.filters))
        statement = _filtered(select(func.count()).select_from(Event), query, words)
        return session.execute(statement).scalar_one()


def list_events(
    database: Database, query: ListQuery, offset: int = 0, limit: int = 200, today: date | None = None
) -> list[EventRow]:
    """A page of the list. Sort "date" ascending puts upcoming events first; descending is newest first."""
    # The sort runs over ids only (a sorter carrying every column is several times slower on
    # 200,000 rows); the page's 200 rows are then read by primary key.
    columns = select(
        Event.id, Event.title, EventKind.name, Event.year, Event.starts_on, Event.start_time, Event.ends_on,
        Event.place, Event.online, Event.status, Event.sessions, Event.participants, Event.is_highlight,
    ).join(EventKind, EventKind.id == Event.kind_id)
    with database.reading() as session:
        if query.sort_key in ("", DATE) and not query.descending:
            ids = _upcoming_first_ids(session, query, today or date.today(), offset, limit)
        else:
            ids = _page_ids(session, query, offset, limit)
        rows = {row[0]: row for row in session.execute(columns.where(among(session, Event.id, ids))).all()} if ids else {}
    # On PostgreSQL each statement reads its own snapshot: a row deleted since its id was chosen is left out.
    return [EventRow(*row[:9], EventStatus(row[9]), *row[10:]) for row in (rows[id] for id in ids if id in rows)]


def event_years(database: Database) -> list[int]:
    """The years holding events, latest first (for the year filter)."""
    with database.reading() as session:
        return list(session.execute(select(Event.year).distinct().order_by(Event.year.desc())).scalars())


@dataclass(frozen=True, slots=True)
class DayMark:
    """A calendar day holding events: how many, and whether every one of them was cancelled."""

    events: int
    all_cancelled: bool


def day_marks(database: Database, first: date, last: date) -> dict[date, DayMark]:
    """The days of [first, last] with events on them, as the calendar marks them: one query
    grouped by start day through the figures index (the titles are read for a day when asked:
    event_days), and the few events of several days under way in the period."""
    cancelled = func.min(case((Event.status == EventStatus.CANCELLED, 1), else_=0))
    starting = (
        select(Event.starts_on, func.count(), cancelled)
        .where(Event.starts_on.between(first, last))
        .group_by(Event.starts_on)
    )
    longer = (
        select(Event.starts_on, Event.ends_on, Event.status)
        .where(Event.ends_on > Event.starts_on, Event.starts_on <= last, Event.ends_on.between(first, last + LONGEST_EVENT))
    )
    with database.reading() as session:
        marks = {day: DayMark(count, bool(all_cancelled)) for day, count, all_cancelled in session.execute(starting)}
        for starts_on, ends_on, status in session.execute(longer):
            for day in _days(max(starts_on + timedelta(days=1), first), min(ends_on, last)):  # its first day is counted above
                mark = marks.get(day, DayMark(0, True))
                marks[day] = DayMark(mark.events + 1, mark.all_cancelled and status == EventStatus.CANCELLED)
    return marks


def event_days(database: Database, first: date, last: date) -> dict[date, list[DayEvent]]:
    """The events of each day of [first, last]; an event over several days is on each day.

    Those starting in the period come from the start's index, those under way when it begins
    from the end's (no event lasts longer than LONGEST_EVENT, a rule of the form)."""
    query = (
        select(Event.id, Event.title, Event.start_time, Event.status, Event.starts_on, Event.ends_on)
        .where(Event.starts_on.between(first, last) | under_way(first))
        .order_by(Event.starts_on, Event.start_time, Event.id)
    )
    days: dict[date, list[DayEvent]] = {}
    with database.reading() as session:
        rows = session.execute(query).all()
    for event_id, title, start_time, status, starts_on, ends_on in rows:
        for day in _days(max(starts_on, first), min(ends_on or starts_on, last)):
            days.setdefault(day, []).append(DayEvent(event_id, title, start_time, EventStatus(status)))
    return days


def _days(first: date, last: date):
    return (first + timedelta(days=n) for n in range((last - first).days + 1))
