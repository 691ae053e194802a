"""Events: animations, meetings, representation, highlights (temps forts), rendez-vous."""

from datetime import date, time

from sqlalchemy import CheckConstraint, Index, String
from sqlmodel import Field, SQLModel

from coorace_desktop.domain.enums import EventStatus, Organiser
from coorace_desktop.domain.versioning import version_field, versioned


class EventKind(SQLModel, table=True):
    """A kind of event (animation régionale, webinaire, CDIAE...); the office adds its own."""

    __tablename__ = "event_kinds"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)


class Event(SQLModel, table=True):
    """An event of a year. starts_on is NULL while the date is not known ("date à préciser");
    sessions > 1 records a series published only as a count (23 CDIAE meetings)."""

    __tablename__ = "events"
    __mapper_args__ = versioned
    __table_args__ = (
        CheckConstraint("sessions >= 1", name="sessions_positive"),
        CheckConstraint("other_participants >= 0", name="other_participants_not_negative"),
        # Every column of the list sorts through an index (migration 0012_sort_keys, which also
        # indexes the titles' key and keeps participants by triggers).
        Index("ix_events_place", "place", "id"),
        Index("ix_events_status", "status", "id"),
        Index("ix_events_sessions", "sessions", "id"),
        Index("ix_events_participants", "participants", "id"),
        # A period's figures read only this index: held events by date, with what they add up.
        Index("ix_events_figures", "starts_on", "status", "year", "kind_id", "online", "sessions", "participants"),
    )

    id: int | None = Field(default=None, primary_key=True)
    title: str
    kind_id: int = Field(foreign_key="event_kinds.id", index=True, ondelete="RESTRICT")
    year: int = Field(index=True)
    starts_on: date | None = Field(default=None, index=True)
    start_time: time | None = None
    ends_on: date | None = None
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
    # other_participants + the persons of its participations, kept by the database's triggers
    # (migration 0012_sort_keys), whatever a writer puts there.
    participants: int = 0
    version: int = version_field()


class Participation(SQLModel, table=True):
    """A member organisation's attendance at an event, with how many of its people came."""

    __tablename__ = "participations"
    __table_args__ = (CheckConstraint("persons >= 0", name="persons_not_negative"),)

    event_id: int = Field(foreign_key="events.id", primary_key=True, ondelete="CASCADE")
    organisation_id: int = Field(
        foreign_key="organisations.id", primary_key=True, index=True, ondelete="RESTRICT"
    )
    persons: int = 1
