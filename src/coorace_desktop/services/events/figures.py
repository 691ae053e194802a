"""What the report and the Events tab print about events: figures for a period, temps forts, rendez-vous.

An event counts in a period when its start date lies in it; an event whose date is unknown
counts in its year, so only in periods holding that whole year. Only events held count: a planned
one is not yet a session with its participants, a cancelled one never will be."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, case, func, or_, select

from coorace_desktop.domain.enums import EventStatus
from coorace_desktop.domain.events import Event, EventKind, Participation
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


def in_period(start: date, end: date):
    """SQL condition: the event counts in [start, end] (see the module docstring)."""
    first_whole_year = start.year if (start.month, start.day) == (1, 1) else start.year + 1
    last_whole_year = end.year if (end.month, end.day) == (12, 31) else end.year - 1
    return and_(
        Event.status == EventStatus.DONE,
        or_(
            Event.starts_on.between(start, end),
            and_(Event.starts_on.is_(None), Event.year.between(first_whole_year, last_whole_year)),
        ),
    )


def counted_event_ids(start: date, end: date, kind: str | None = None):
    """SQL subquery: the ids of the events that count in [start, end] (of one kind, by name)."""
    query = select(Event.id).where(in_period(start, end))
    if kind is not None:
        query = query.where(Event.kind_id.in_(select(EventKind.id).where(EventKind.name == kind)))
    return query


def event_figures(database: Database, start: date, end: date, *, kind: str | None = None) -> EventFigures:
    """Sessions by kind, online sessions, participants and member coverage of a period.

    With `kind` (a kind name) only the events of that kind count, as the report's
    "16 animations régionales, 243 participants" does."""
    counted = counted_event_ids(start, end, kind)
    # One pass over the figures index (0012_sort_keys): the events held in the period with their
    # kind, sessions and stored participants, without reading a row or a participation.
    per_kind = (
        select(
            Event.kind_id,
            func.sum(Event.sessions),
            func.sum(case((Event.online, Event.sessions), else_=0)),
            func.sum(Event.participants),
        )
        .where(counted.whereclause)
        .group_by(Event.kind_id)
    )
    reached_ids = select(Participation.organisation_id).where(Participation.event_id.in_(counted)).distinct().subquery()
    active = members_during(start, end)
    reached_query = select(func.count()).select_from(reached_ids).where(reached_ids.c.organisation_id.in_(active))
    with database.session() as session:
        rows = session.execute(per_kind).all()
        names = dict(session.execute(select(EventKind.id, EventKind.name)).all())
        reached = session.execute(reached_query).scalar_one()
        active_members = session.execute(select(func.count()).select_from(active.subquery())).scalar_one()
    rows.sort(key=lambda row: names[row[0]])
    by_kind = {names[kind_id]: sessions for kind_id, sessions, _, _ in rows}
    return EventFigures(
        events=sum(by_kind.values()),
        by_kind=by_kind,
        online=sum(online for _, _, online, _ in rows),
        participants=sum(participants for _, _, _, participants in rows),
        reached=reached,
        active_members=active_members,
        coverage_percent=reached * 100 / active_members if active_members else None,
        participants_by_kind={names[kind_id]: participants for kind_id, _, _, participants in rows},
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
