"""What the report and the Events tab print about events: figures for a period, temps forts, rendez-vous.

An event counts in a period when its start date lies in it; an event whose date is unknown
counts in its year, so only in periods holding that whole year. Only events held count: a planned
one is not yet a session with its participants, a cancelled one never will be.

An event is counted by names when anyone is registered for it (its participants are the distinct
persons present at one session at least, its members reached their organisations), otherwise by
numbers (the head count per member organisation plus the other participants). Hours of training
are participants x the duration of a session, for events whose times are given: by names, each
presence at a session counts its duration."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import CompoundSelect, and_, func, or_, select, union_all

from coorace_desktop.domain.enums import AttendanceStatus, EventStatus
from coorace_desktop.domain.events import Event, EventKind, Participation, Registration
from coorace_desktop.domain.events_registrations import session_hours
from coorace_desktop.services.members.membership import members_during
from coorace_desktop.storage.database import Database


@dataclass(frozen=True, slots=True)
class EventFigures:
    """Counts of a period. `events` and `by_kind` count sessions (a series of 23 CDIAE counts 23)."""

    events: int
    by_kind: dict[str, int]
    online: int
    participants: int
    reached: int
    active_members: int
    coverage_percent: float | None
    participants_by_kind: dict[str, int] = field(default_factory=dict)
    persons_reached: int = 0  # distinct persons present, over the events counted by names
    by_names: int = 0  # events (records) counted by names
    by_numbers: int = 0  # events (records) counted by head counts
    training_hours: float | None = None  # None when no counted event gives its times

    @property
    def online_percent(self) -> float | None:
        return self.online * 100 / self.events if self.events else None


@dataclass(frozen=True, slots=True)
class Highlight:
    event_id: int
    title: str
    story: str
    starts_on: date | None


@dataclass(frozen=True, slots=True)
class RendezVous:
    title: str
    starts_on: date | None
    ends_on: date | None
    place: str
    kind: str
    online: bool = False


def counted_events(start: date, end: date, kind: str | None = None, *columns) -> CompoundSelect:
    """SQL select of the events that count in [start, end] (see the module docstring; of one kind,
    by name): their ids, then `columns`. The dated ones and those of a whole year without a date
    are two ranges of the figures index joined by UNION ALL: as one OR, SQLite gathered both
    ranges' ids, then read each event's row (the 16,526 events of 2020 among 200,000: 12 ms, 5 so)."""
    first_whole_year = start.year if (start.month, start.day) == (1, 1) else start.year + 1
    last_whole_year = end.year if (end.month, end.day) == (12, 31) else end.year - 1
    ranges = (Event.starts_on.between(start, end), and_(Event.starts_on.is_(None), Event.year.between(first_whole_year, last_whole_year)))
    parts = [select(Event.id, *columns).where(Event.status == EventStatus.DONE, in_range) for in_range in ranges]
    if kind is not None:
        parts = [part.where(Event.kind_id.in_(select(EventKind.id).where(EventKind.name == kind))) for part in parts]
    return union_all(*parts)


def event_figures(database: Database, start: date, end: date, *, kind: str | None = None) -> EventFigures:
    """Sessions by kind, online sessions, participants and member coverage of a period.

    With `kind` (a kind name) only the events of that kind count, as the report's
    "16 animations régionales, 243 participants" does."""
    # One statement: the counted events are read once (a CTE, materialised as it is used more than
    # once) from the figures index alone (0013_sort_keys), with their stored participants and
    # presences (0017_event_presences: NULL for an event counted by numbers); registrations and
    # participations are reached through a counted event or an active member (their indexes), never
    # by a pass over a whole table.
    counted = counted_events(
        start, end, kind, Event.kind_id, Event.online, Event.start_time, Event.end_time, Event.sessions, Event.participants,
        Event.presences,
    ).cte("counted")
    named = counted.c.presences.is_not(None)
    present_at_named = (Registration.event_id.in_(select(counted.c.id).where(named)), Registration.status == AttendanceStatus.PRESENT)
    persons = select(func.count(func.distinct(Registration.person_id))).where(*present_at_named).scalar_subquery()
    # Members reached: the active members among the organisations of the persons present at the
    # events counted by names and those counted by numbers (two lists, each built once; an EXISTS
    # per member would read every presence of a member not reached, in any year).
    active = members_during(start, end).subquery()
    came = select(Registration.organisation_id).where(*present_at_named)
    took_part = select(Participation.organisation_id).where(Participation.event_id.in_(select(counted.c.id).where(~named)))
    reached = (
        select(func.count())
        .select_from(active)
        .where(or_(active.c.organisation_id.in_(came), active.c.organisation_id.in_(took_part)))
        .scalar_subquery()
    )
    # Grouped by what the figures tell apart: kind, online, times (the duration) and how counted;
    # the period's totals ride on every row (and on one row of NULLs when nothing counts).
    grouped = (counted.c.kind_id, counted.c.online, counted.c.start_time, counted.c.end_time, named)
    per_group = select(
        *grouped, func.count(), func.sum(counted.c.sessions), func.sum(counted.c.participants),
        func.coalesce(func.sum(counted.c.presences), 0), reached.label("reached"), persons.label("persons_reached"),
    ).group_by(*grouped)
    with database.session() as session:
        rows = session.execute(per_group).all()
        names = dict(session.execute(select(EventKind.id, EventKind.name)).all())
        totals = rows[0][-2:] if rows else session.execute(select(reached, persons)).one()
        active_members = session.execute(select(func.count()).select_from(active)).scalar_one()
    reached, persons_reached = totals
    by_kind: dict[str, int] = {}
    participants_by_kind: dict[str, int] = {}
    online = named_events = records = 0
    hours: float | None = None
    for kind_id, is_online, start_time, end_time, is_named, count, sessions, participants, presences, *_totals in rows:
        name = names[kind_id]
        # PostgreSQL sums bigints as numeric: back to int before any arithmetic with floats.
        sessions, participants, presences = int(sessions), int(participants), int(presences)
        by_kind[name] = by_kind.get(name, 0) + sessions
        participants_by_kind[name] = participants_by_kind.get(name, 0) + participants
        online += sessions if is_online else 0
        records += count
        named_events += count if is_named else 0
        if (duration := session_hours(start_time, end_time)) is not None:
            hours = (hours or 0) + duration * (presences if is_named else participants)
    order = sorted(by_kind)
    return EventFigures(
        events=sum(by_kind.values()),
        by_kind={name: by_kind[name] for name in order},
        online=online,
        participants=sum(participants_by_kind.values()),
        reached=reached,
        active_members=active_members,
        coverage_percent=reached * 100 / active_members if active_members else None,
        participants_by_kind={name: participants_by_kind[name] for name in order},
        persons_reached=persons_reached,
        by_names=named_events,
        by_numbers=records - named_events,
        training_hours=hours,
    )


def _dated_first():
    """Order: dated events by date and time, then undated ones in the order they were entered."""
    return (Event.starts_on.is_(None), Event.starts_on, Event.start_time, Event.id)


def highlights(database: Database, year: int) -> list[Highlight]:
    """The year's temps forts, dated ones first by date."""
    query = (
        select(Event.id, Event.highlight_title, Event.title, Event.highlight_story, Event.starts_on)
        .where(Event.is_highlight, Event.year == year, Event.status != EventStatus.CANCELLED)
        .order_by(*_dated_first())
    )
    with database.session() as session:
        rows = session.execute(query).all()
    return [Highlight(event_id, story_title or title, story, starts_on) for event_id, story_title, title, story, starts_on in rows]


def rendezvous(database: Database, year: int) -> list[RendezVous]:
    """The planned events of a year, dated ones by date, then those whose date is still to come."""
    query = (
        select(Event.title, Event.starts_on, Event.ends_on, Event.place, EventKind.name, Event.online)
        .join(EventKind, EventKind.id == Event.kind_id)
        .where(Event.year == year, Event.status == EventStatus.PLANNED)
        .order_by(*_dated_first())
    )
    with database.session() as session:
        return [RendezVous(*row) for row in session.execute(query).all()]
