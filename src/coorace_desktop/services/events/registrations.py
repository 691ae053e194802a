"""Events by name: register recorded persons (or guests, recorded then) for an event's sessions,
take attendance, and read the list back. The one write path of registrations; each command is
one transaction."""

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import ColumnElement, and_, delete, exists, func, insert, select, update
from sqlalchemy.orm import Session

from coorace_desktop.domain import Contact, Organisation, Person
from coorace_desktop.domain.enums import AttendanceStatus, EventStatus, Organiser
from coorace_desktop.domain.events import Event, Participation, Registration
from coorace_desktop.domain.events_registrations import RegistrationInput, clean_registration, clean_sessions
from coorace_desktop.domain.names import display_name
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.events.commands import EventNotFoundError
from coorace_desktop.services.members.persons import resolve_person
from coorace_desktop.storage.database import Database


def nobody_recorded() -> ColumnElement[bool]:
    """An event without any participant recorded: no organisation, no other participant, nobody
    registered by name (the Vérifier finding and « À faire » both count these)."""
    return and_(Event.other_participants == 0, ~exists().where(Participation.event_id == Event.id),
                ~exists().where(Registration.event_id == Event.id))


def attendance_not_entered(today: date) -> ColumnElement[bool]:
    """A past event, not cancelled, with people registered but none marked yet (present, absent or
    excused): its attendance is still to be entered (Vérifier and « À faire »)."""
    marked = exists().where(Registration.event_id == Event.id, Registration.status != AttendanceStatus.REGISTERED)
    return and_(Event.status != EventStatus.CANCELLED, Event.starts_on < today,
                exists().where(Registration.event_id == Event.id), ~marked)


@dataclass(frozen=True, slots=True)
class RegisteredPerson:
    """A registered person with their attendance per session (None: not registered for it)."""

    person_id: int
    first_name: str
    last_name: str
    email: str
    organisation_id: int | None
    organisation: str
    statuses: tuple[AttendanceStatus | None, ...]

    @property
    def name(self) -> str:
        return display_name(self.first_name, self.last_name)

    def status(self, session: int) -> AttendanceStatus | None:
        return self.statuses[session - 1] if session <= len(self.statuses) else None


@dataclass(frozen=True, slots=True)
class EventAttendance:
    """An event as its sign-in sheets and certificates print it, with its registered persons by name."""

    event_id: int
    title: str
    starts_on: date | None
    ends_on: date | None
    start_time: time | None
    end_time: time | None
    place: str
    online: bool
    organiser: str
    sessions: int
    people: tuple[RegisteredPerson, ...]

    def registered(self, session: int) -> list[RegisteredPerson]:
        return [person for person in self.people if person.status(session) is not None]

    def present(self, session: int) -> list[RegisteredPerson]:
        return [person for person in self.people if person.status(session) == AttendanceStatus.PRESENT]


def _event(session: Session, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise EventNotFoundError(event_id)
    return event


def _organisation_of(session: Session, person_id: int) -> int | None:
    """The organisation a person works for in the directory (their first contact), if any."""
    return session.execute(
        select(Contact.organisation_id).where(Contact.person_id == person_id).order_by(Contact.id).limit(1)
    ).scalar_one_or_none()


def register(
    database: Database, event_id: int, entries: list[RegistrationInput], sessions: list[int] | None = None,
    status: AttendanceStatus = AttendanceStatus.REGISTERED,
) -> int:
    """Register persons for sessions (all of the event's when None); guests are recorded as persons
    first. A person already registered for a session keeps that registration. Returns how many
    registrations were added. A walk-in is registered with status PRESENT for one session."""
    entries = [clean_registration(entry) for entry in entries]
    added = 0
    with database.session() as session:
        event = _event(session, event_id)
        wanted = clean_sessions(sessions, event.sessions)
        for entry in entries:
            person = resolve_person(session, entry.person)
            if entry.person.person_id is None and entry.email:
                person.email = entry.email
            organisation_id = entry.organisation_id
            if organisation_id is None and not entry.organisation_name:
                organisation_id = _organisation_of(session, person.id)
            elif organisation_id is not None and session.get(Organisation, organisation_id) is None:
                raise ValidationError("Cette structure n'existe plus dans l'annuaire : choisissez-en une autre.")
            known = set(session.execute(
                select(Registration.session).where(Registration.event_id == event_id, Registration.person_id == person.id)
            ).scalars())
            rows = [
                {"event_id": event_id, "session": number, "person_id": person.id, "organisation_id": organisation_id,
                 "organisation_name": "" if organisation_id else entry.organisation_name, "status": status}
                for number in wanted if number not in known
            ]
            if rows:
                session.execute(insert(Registration), rows)
                added += len(rows)
            if status != AttendanceStatus.REGISTERED:  # a walk-in already registered is now marked
                session.execute(
                    update(Registration)
                    .where(Registration.event_id == event_id, Registration.person_id == person.id,
                           Registration.session.in_(wanted))
                    .values(status=status)
                )
    return added


def set_attendance(database: Database, event_id: int, session_number: int, statuses: dict[int, AttendanceStatus]) -> None:
    """Record the attendance of registered persons (person id -> status) at one session."""
    with database.session() as session:
        _event(session, event_id)
        for status in set(statuses.values()):
            persons = [person_id for person_id, wanted in statuses.items() if wanted == status]
            session.execute(
                update(Registration)
                .where(Registration.event_id == event_id, Registration.session == session_number,
                       Registration.person_id.in_(persons))
                .values(status=AttendanceStatus(status))
            )


def unregister(database: Database, event_id: int, person_ids: list[int]) -> int:
    """Remove persons from every session of an event; returns how many registrations went."""
    with database.session() as session:
        _event(session, event_id)
        return session.execute(
            delete(Registration).where(Registration.event_id == event_id, Registration.person_id.in_(person_ids))
        ).rowcount


def registered_count(database: Database, event_id: int) -> int:
    """How many persons are registered for the event (any session)."""
    query = select(func.count(func.distinct(Registration.person_id))).where(Registration.event_id == event_id)
    with database.session() as session:
        return session.execute(query).scalar_one()


def event_attendance(database: Database, event_id: int) -> EventAttendance:
    """The event and its registered persons, by name."""
    query = (
        select(Registration.person_id, Person.first_name, Person.last_name, Person.email, Registration.organisation_id,
               func.coalesce(Organisation.name, Registration.organisation_name), Registration.session,
               Registration.status)
        .join(Person, Person.id == Registration.person_id)
        .outerjoin(Organisation, Organisation.id == Registration.organisation_id)
        .where(Registration.event_id == event_id)
        .order_by(Person.name_key, Person.id, Registration.session)
    )
    with database.session() as session:
        event = _event(session, event_id)
        rows = session.execute(query).all()
        organiser = event.organiser_name if Organiser(event.organiser) is Organiser.PARTNER else Organiser(event.organiser).label
        header = (event.title, event.starts_on, event.ends_on, event.start_time, event.end_time, event.place,
                  event.online, organiser, event.sessions)
    people: dict[int, tuple[list, list[AttendanceStatus | None]]] = {}
    for person_id, first, last, email, organisation_id, organisation, number, status in rows:
        details, statuses = people.setdefault(person_id, ([first, last, email, organisation_id, organisation or ""],
                                                          [None] * header[-1]))
        if number <= len(statuses):
            statuses[number - 1] = AttendanceStatus(status)
    return EventAttendance(
        event_id, *header,
        tuple(RegisteredPerson(pid, *details, tuple(statuses)) for pid, (details, statuses) in people.items()),
    )
