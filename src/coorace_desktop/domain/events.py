"""Events: animations, meetings, representation, highlights (temps forts), rendez-vous."""

from datetime import date, time

from sqlalchemy import CheckConstraint, Index, String, UniqueConstraint
from sqlmodel import Field

from coorace_desktop.domain.enums import AttendanceStatus, EventStatus, Organiser
from coorace_desktop.domain.table import Table
from coorace_desktop.domain.versioning import version_field, versioned


class EventKind(Table, table=True):
    """A kind of event (animation régionale, webinaire, CDIAE...); the office adds its own."""

    __tablename__ = "event_kinds"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)


class Event(Table, table=True):
    """An event of a year. starts_on is NULL while the date is not known ("date à préciser");
    sessions > 1 records a series published only as a count (23 CDIAE meetings)."""

    __tablename__ = "events"
    __mapper_args__ = versioned
    __table_args__ = (
        CheckConstraint("sessions >= 1", name="sessions_positive"),
        CheckConstraint("other_participants >= 0", name="other_participants_not_negative"),
        # Every column of the list sorts through an index (migration 0013_sort_keys, which also
        # indexes the titles' key and keeps participants by triggers).
        Index("ix_events_place", "place", "id"),
        Index("ix_events_status", "status", "id"),
        Index("ix_events_sessions", "sessions", "id"),
        Index("ix_events_participants", "participants", "id"),
        # A period's figures read only this index: held events by date, with what they add up.
        Index("ix_events_figures", "starts_on", "status", "year", "kind_id", "online", "start_time", "end_time",
              "sessions", "participants", "presences"),
        # The list's filters and its default order's keys (0019_event_filters, 0020_event_year_order):
        # a year's events, of one status or kind, are counted and sorted in the index alone.
        Index("ix_events_year", "year", "status", "kind_id", "starts_on", "ends_on", "start_time", postgresql_include=["id"]),
    )

    id: int | None = Field(default=None, primary_key=True)
    title: str
    kind_id: int = Field(foreign_key="event_kinds.id", index=True, ondelete="RESTRICT")
    year: int
    starts_on: date | None = Field(default=None, index=True)
    start_time: time | None = None
    # Indexed (0014_event_aggregates): the events under way on a day that began earlier are found by
    # their end, not by reading a year of starts back (the calendar, the list's upcoming events).
    ends_on: date | None = Field(default=None, index=True)
    end_time: time | None = None
    place: str = ""
    online: bool = False
    organiser: Organiser = Field(default=Organiser.DELEGATION, sa_type=String(20))
    organiser_name: str = ""
    status: EventStatus = Field(default=EventStatus.PLANNED, sa_type=String(20))
    description: str = ""
    sessions: int = 1
    other_participants: int = 0
    is_highlight: bool = False
    highlight_title: str = ""
    highlight_story: str = ""
    search_key: str = ""
    # As the list and figures count them: with registrations, the distinct persons present; else
    # other_participants + the persons of its participations. Kept by the database's triggers
    # (migration 0013_sort_keys), whatever a writer puts there.
    participants: int = 0
    # NULL when nobody is registered (the event is counted by numbers), else its registrations marked
    # present (one per person and session). Kept by triggers (migration 0017_event_presences).
    presences: int | None = None
    version: int = version_field()


class Participation(Table, table=True):
    """A member organisation's attendance at an event, with how many of its people came."""

    __tablename__ = "participations"
    __table_args__ = (CheckConstraint("persons >= 0", name="persons_not_negative"),)

    event_id: int = Field(foreign_key="events.id", primary_key=True, ondelete="CASCADE")
    organisation_id: int = Field(
        foreign_key="organisations.id", primary_key=True, index=True, ondelete="RESTRICT"
    )
    persons: int = 1


class Registration(Table, table=True):
    """A person registered for one session of an event, and whether they came. Every attendee is a
    recorded person (a member's contact, someone of another organisation, or a guest): nobody is
    typed twice, and an erased person's registrations stay as anonymous counts. organisation_id is
    the organisation they came for; a guest's organisation is only a text (organisation_name)."""

    __tablename__ = "registrations"
    __table_args__ = (
        CheckConstraint("session >= 1", name="session_positive"),
        UniqueConstraint("event_id", "session", "person_id", name="one_registration_per_session"),
        # The figures read who came to the period's events from this index alone (bench/events_bench.py).
        Index("ix_registrations_attendance", "event_id", "status", "person_id", "organisation_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # The unique constraint, led by event_id, is the index an event's registrations are read by.
    event_id: int = Field(foreign_key="events.id", ondelete="CASCADE")
    session: int = 1
    person_id: int = Field(foreign_key="persons.id", index=True, ondelete="RESTRICT")
    organisation_id: int | None = Field(default=None, foreign_key="organisations.id", index=True, ondelete="RESTRICT")
    organisation_name: str = ""
    status: AttendanceStatus = Field(default=AttendanceStatus.REGISTERED, sa_type=String(12))
