"""Events: create, edit and delete events with their participants; each command is one transaction.

The list queries (search, filters, sort, paging in SQL) live in events_list.py; the figures,
highlights and rendez-vous the report prints live in event_figures.py and are re-exported here."""

from dataclasses import dataclass, fields, replace

from sqlalchemy import case, delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from coorace_desktop.domain.enums import EventStatus, Organiser
from coorace_desktop.domain.events import Event, EventKind, Participation, Registration
from coorace_desktop.domain.events_rules import (
    DEFAULT_KINDS,
    EventInput,
    clean_event,
    clean_kind_name,
    clean_participants,
)
from coorace_desktop.domain.french import plural, plural_word
from coorace_desktop.domain.organisations import Organisation
from coorace_desktop.domain.text import event_search_key, fold
from coorace_desktop.domain.validation import DeletedMeanwhileError, ValidationError
from coorace_desktop.services.conflicts import require_version, stale_event
from coorace_desktop.services.events.figures import (  # noqa: F401  (the report imports them from here)
    EventFigures,
    Highlight,
    RendezVous,
    event_figures,
    highlights,
    rendezvous,
)
from coorace_desktop.services.listing import apply_search
from coorace_desktop.storage.database import Database


class EventNotFoundError(DeletedMeanwhileError):
    message = "Cet événement n'existe plus : il a peut-être été supprimé entre-temps."


@dataclass(frozen=True, slots=True)
class KindRow:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class ParticipantRow:
    organisation_id: int
    name: str
    persons: int


@dataclass(frozen=True, slots=True)
class EventDetails:
    """One event as the form shows it, with who attended."""

    id: int
    kind_name: str
    values: EventInput
    participants: tuple[ParticipantRow, ...]
    version: int | None = None  # as loaded: a save made on it is refused if the event has moved on

    @property
    def member_persons(self) -> int:
        return sum(row.persons for row in self.participants)


@dataclass(frozen=True, slots=True)
class OrganisationChoice:
    """An organisation the participants picker can tick."""

    id: int
    name: str


_INPUT_FIELDS = tuple(field.name for field in fields(EventInput))


def _event_search_key(values: EventInput) -> str:
    return event_search_key(values.title, values.place, values.organiser_name, values.description, values.highlight_title)


def _columns(values: EventInput) -> dict:
    columns = {name: getattr(values, name) for name in _INPUT_FIELDS}
    columns["search_key"] = _event_search_key(values)
    return columns


def _check_kind(session, kind_id: int) -> None:
    if session.get(EventKind, kind_id) is None:
        raise ValidationError("Ce type d'événement n'existe plus : choisissez-en un autre.")


def _check_organisations(session, organisation_ids) -> None:
    if not organisation_ids:
        return
    found = set(session.execute(select(Organisation.id).where(Organisation.id.in_(organisation_ids))).scalars())
    if missing := set(organisation_ids) - found:
        raise ValidationError(f"{plural(len(missing), 'structure cochée', 'structures cochées')} "
                              + plural_word(len(missing), "n'existe plus dans l'annuaire.", "n'existent plus dans l'annuaire."))


def _write_participants(session, event_id: int, participants: dict[int, int]) -> None:
    # Replaced as a whole in two Core statements: a picker sends the complete ticked set.
    session.execute(delete(Participation).where(Participation.event_id == event_id))
    if participants:
        session.execute(
            insert(Participation),
            [{"event_id": event_id, "organisation_id": oid, "persons": n} for oid, n in participants.items()],
        )


def _check_registered_sessions(session, event_id: int, sessions: int) -> None:
    registered = session.execute(
        select(func.coalesce(func.max(Registration.session), 0)).where(Registration.event_id == event_id)
    ).scalar_one()
    if sessions < registered:
        raise ValidationError(
            f"Des personnes sont inscrites à la séance n° {registered} : l'événement garde au moins {registered} séances."
        )


def create_event(database: Database, values: EventInput, participants: dict[int, int] | None = None) -> int:
    """Save a new event (and its participants); returns its id."""
    values = clean_event(values)
    participants = clean_participants(participants or {})
    with database.session() as session:
        _check_kind(session, values.kind_id)
        _check_organisations(session, list(participants))
        event_id = session.execute(insert(Event).values(**_columns(values)).returning(Event.id)).scalar_one()
        _write_participants(session, event_id, participants)
    return event_id


def update_event(
    database: Database, event_id: int, values: EventInput, participants: dict[int, int] | None = None,
    loaded: EventDetails | None = None,
) -> None:
    """Save an edited event; participants None leaves them as they are. With `loaded` (the event as
    the form opened it, with its version), refused by StaleRecordError if saved by someone else since."""
    values = clean_event(values)
    if participants is not None:
        participants = clean_participants(participants)
    try:
        _update_event(database, event_id, values, participants, loaded.version if loaded else None)
    except StaleDataError:  # the refused transaction is rolled back; theirs is read afresh
        current = get_event(database, event_id)
        raise stale_event(loaded or current, current) from None


def _update_event(database: Database, event_id: int, values: EventInput, participants: dict[int, int] | None,
                  expected_version: int | None) -> None:
    with database.session() as session:
        event = session.get(Event, event_id)
        if event is None:
            raise EventNotFoundError(event_id)
        require_version(event, expected_version)
        _check_kind(session, values.kind_id)
        _check_registered_sessions(session, event_id, values.sessions)
        for name, value in _columns(values).items():
            setattr(event, name, value)
        if participants is not None:
            _check_organisations(session, list(participants))
            session.flush()
            _write_participants(session, event_id, participants)


def set_participants(database: Database, event_id: int, participants: dict[int, int]) -> None:
    """Replace who attended an event: organisation id -> number of persons."""
    participants = clean_participants(participants)
    with database.session() as session:
        event = session.get(Event, event_id)
        if event is None:
            raise EventNotFoundError(event_id)
        require_version(event, None)  # a new version: a form opened before must not undo this
        _check_organisations(session, list(participants))
        _write_participants(session, event_id, participants)


def delete_events(database: Database, event_ids: list[int]) -> int:
    """Delete events (their participations go with them); returns how many were deleted."""
    with database.session() as session:
        session.execute(delete(Participation).where(Participation.event_id.in_(event_ids)))
        session.execute(delete(Registration).where(Registration.event_id.in_(event_ids)))
        return session.execute(delete(Event).where(Event.id.in_(event_ids))).rowcount


def get_event(database: Database, event_id: int) -> EventDetails:
    with database.session() as session:
        event = session.get(Event, event_id)
        if event is None:
            raise EventNotFoundError(event_id)
        kind_name = session.get(EventKind, event.kind_id).name
        rows = session.execute(
            select(Participation.organisation_id, Organisation.name, Participation.persons)
            .join(Organisation, Organisation.id == Participation.organisation_id)
            .where(Participation.event_id == event_id)
            .order_by(Organisation.name_key)
        ).all()
        values = EventInput(**{name: getattr(event, name) for name in _INPUT_FIELDS})
        version = event.version
    # SQLite hands the enum columns back as plain strings.
    values = replace(values, organiser=Organiser(values.organiser), status=EventStatus(values.status))
    return EventDetails(event_id, kind_name, values, tuple(ParticipantRow(*row) for row in rows), version)


def event_kinds(database: Database) -> list[KindRow]:
    """The kinds, by name (accents and case aside)."""
    with database.session() as session:
        rows = session.execute(select(EventKind.id, EventKind.name)).all()
    return sorted((KindRow(*row) for row in rows), key=lambda row: fold(row.name))


def add_event_kind(database: Database, name: str) -> int:
    """Add a kind the office needs; refuses a name that exists already, accents and case aside."""
    name = clean_kind_name(name)
    with database.session() as session:
        for existing in session.execute(select(EventKind.name)).scalars():
            if fold(existing) == fold(name):
                raise ValidationError(f"Le type « {existing} » existe déjà.")
        try:
            return session.execute(insert(EventKind).values(name=name).returning(EventKind.id)).scalar_one()
        except IntegrityError as error:
            raise ValidationError(f"Le type « {name} » existe déjà.") from error


def ensure_default_kinds(database: Database) -> int:
    """Give a database without any kind the standard ones; returns how many were added."""
    with database.session() as session:
        if session.execute(select(EventKind.id).limit(1)).first() is not None:
            return 0
        session.execute(insert(EventKind), [{"name": name} for name in DEFAULT_KINDS])
    return len(DEFAULT_KINDS)


def delete_event_kind(database: Database, kind_id: int) -> None:
    """Delete an unused kind; a kind still used by events stays."""
    with database.session() as session:
        used = session.execute(select(func.count()).where(Event.kind_id == kind_id)).scalar_one()
        if used:
            raise ValidationError(f"Ce type est utilisé par {plural(used, 'événement', 'événements')} : il ne peut pas être supprimé.")
        session.execute(delete(EventKind).where(EventKind.id == kind_id))


def organisation_choices(
    database: Database, text: str = "", only_ids: list[int] | None = None, first_ids: list[int] = ()
) -> list[OrganisationChoice]:
    """Organisations whose name, city, e-mail or contact matches every word typed (accents aside),
    by name; only_ids narrows them to those, first_ids come before the others."""
    query = select(Organisation.id, Organisation.name)
    query = apply_search(query, Organisation.name_key + " " + Organisation.search_key, text)
    if only_ids is not None:
        query = query.where(Organisation.id.in_(only_ids))
    order = [Organisation.name_key, Organisation.id]
    if first_ids:
        order.insert(0, case((Organisation.id.in_(first_ids), 0), else_=1))
    with database.session() as session:
        return [OrganisationChoice(*row) for row in session.execute(query.order_by(*order)).all()]
