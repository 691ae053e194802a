"""Personal data (GDPR): everything held about one person, and erasure by anonymisation.

Erasure keeps the rows that make counts and history true (a contact of an organisation, a seat
on the board, a post in the team) and blanks what identifies the person. Free texts that merely
mention the name (a signed report, notes) are listed for the office to review, never rewritten
behind its back."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from coorace_desktop.domain import (
    BoardMandate,
    BureauOffice,
    Contact,
    DelegationSite,
    ErasureRecord,
    Event,
    GeneralAssembly,
    NationalMandate,
    Organisation,
    Person,
    Registration,
    StaffMember,
    SupportAction,
)
from coorace_desktop.domain.enums import AttendanceStatus, office_title
from coorace_desktop.domain.french import plural
from coorace_desktop.domain.names import display_name
from coorace_desktop.domain.text import fold
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.listing import ListQuery, apply_search, apply_sort
from coorace_desktop.services.members.organisations import reindex_organisation
from coorace_desktop.services.privacy.mentions import Mention, find_mentions
from coorace_desktop.storage.database import Database

PERSON_SORTS = {"name": Person.name_key, "email": Person.email, "erased_on": Person.erased_on}


class PrivacyRefusal(ValidationError):
    """The person does not exist, or was already erased; str() is the French message."""


@dataclass(frozen=True, slots=True)
class PersonSummary:
    id: int
    first_name: str
    last_name: str
    email: str
    erased_on: date | None

    @property
    def display_name(self) -> str:
        return display_name(self.first_name, self.last_name)


@dataclass(frozen=True, slots=True)
class ContactLine:
    organisation: str
    role: str


@dataclass(frozen=True, slots=True)
class Period:
    start_on: date | None
    end_on: date | None


@dataclass(frozen=True, slots=True)
class BoardLine:
    organisation: str
    period: Period
    end_reason: str
    elected_at: date | None
    offices: tuple[tuple[str, Period], ...]
    national: tuple[Period, ...]


@dataclass(frozen=True, slots=True)
class StaffLine:
    job_title: str
    site: str
    period: Period
    actions_logged: int


@dataclass(frozen=True, slots=True)
class RegistrationLine:
    """A registration for one session of an event, and whether the person came."""

    event: str
    starts_on: date | None
    session: int
    sessions: int
    organisation: str
    status: str


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """Everything the database holds about one person."""

    id: int
    first_name: str
    last_name: str
    email: str
    phone: str
    notes: str
    erased_on: date | None
    contacts: tuple[ContactLine, ...]
    board: tuple[BoardLine, ...]
    staff: tuple[StaffLine, ...]
    mentions: tuple[Mention, ...]
    registrations: tuple[RegistrationLine, ...] = ()

    @property
    def display_name(self) -> str:
        return PersonSummary(self.id, self.first_name, self.last_name, self.email, self.erased_on).display_name

    @property
    def roles(self) -> str:
        """What an erasure keeps, without the name: '2 contacts, 1 mandat au conseil et 0 poste dans l'équipe'."""
        return (f"{plural(len(self.contacts), 'contact', 'contacts')}, "
                f"{plural(len(self.board), 'mandat', 'mandats')} au conseil et "
                f"{plural(len(self.staff), 'poste', 'postes')} dans l'équipe")


@dataclass(frozen=True, slots=True)
class Erasure:
    """What an erasure changed, and the free-text mentions left for the office to review."""

    person_id: int
    former_name: str
    contacts: int
    board_seats: int
    staff_posts: int
    organisations_reindexed: int
    mentions: tuple[Mention, ...]
    registrations: int = 0  # kept, nameless: the events' counts stay true


def find_persons(database: Database, text: str = "", *, include_erased: bool = False, limit: int = 200) -> list[PersonSummary]:
    """Persons whose folded name holds every word of `text` (or whose number it is), by name."""
    statement = select(Person)
    if text.strip().isdecimal():
        statement = statement.where(Person.id == int(text))
    else:
        for word in fold(text).split():
            statement = statement.where(Person.name_key.like(f"%{word}%"))
    if not include_erased:
        statement = statement.where(Person.erased_on.is_(None))
    with database.session() as session:
        persons = session.exec(statement.order_by(Person.name_key, Person.id).limit(limit)).all()
        return [PersonSummary(p.id, p.first_name, p.last_name, p.email, p.erased_on) for p in persons]


def count_persons(database: Database, query: ListQuery) -> int:
    with database.session() as session:
        return session.exec(_persons_statement(select(func.count()).select_from(Person), query)).one()


def list_persons(database: Database, query: ListQuery, offset: int, limit: int) -> list[PersonSummary]:
    """One page of the persons list (search on the folded name, filter erased or not, sort in SQL)."""
    statement = apply_sort(_persons_statement(select(Person), query), PERSON_SORTS, query, Person.id)
    with database.session() as session:
        persons = session.exec(statement.offset(offset).limit(limit)).all()
        return [PersonSummary(p.id, p.first_name, p.last_name, p.email, p.erased_on) for p in persons]


def _persons_statement(statement, query: ListQuery):
    statement = apply_search(statement, Person.name_key, query.search)
    erased = query.filter("erased")
    if erased is not None:
        statement = statement.where(Person.erased_on.is_not(None) if erased else Person.erased_on.is_(None))
    return statement


def person_record(database: Database, person_id: int) -> PersonRecord:
    with database.session() as session:
        person = _person(session, person_id)
        return PersonRecord(
            id=person.id,
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            phone=person.phone,
            notes=person.notes,
            erased_on=person.erased_on,
            contacts=_contacts(session, person_id),
            board=_board(session, person_id),
            staff=_staff(session, person_id),
            mentions=() if person.erased_on else tuple(find_mentions(session, person)),
            registrations=_registrations(session, person_id),
        )


def erase_person(database: Database, person_id: int, today: date | None = None) -> Erasure:
    """Anonymise the person in one transaction (their contacts, seats and posts stay, nameless),
    overwriting the old bytes, and enter them in the erasure register."""
    with database.secure_session() as session:
        person = _person(session, person_id)
        if person.erased_on is not None:
            raise PrivacyRefusal(f"Cette personne a déjà été effacée le {person.erased_on:%d/%m/%Y}.")
        former_name = PersonSummary(person.id, person.first_name, person.last_name, "", None).display_name
        mentions = tuple(find_mentions(session, person))
        organisation_ids = anonymise(session, person, today or date.today())
        session.add(ErasureRecord(person_id=person_id, erased_on=person.erased_on))
        return Erasure(
            person_id=person_id,
            former_name=former_name,
            contacts=_count(session, Contact, Contact.person_id == person_id),
            board_seats=_count(session, BoardMandate, BoardMandate.person_id == person_id),
            staff_posts=_count(session, StaffMember, StaffMember.person_id == person_id),
            organisations_reindexed=len(organisation_ids),
            mentions=mentions,
            registrations=_count(session, Registration, Registration.person_id == person_id),
        )


def anonymise(session: Session, person: Person, erased_on: date) -> list[int]:
    """Blank the person's name, e-mail, phone and notes; the organisations whose search key changed."""
    person.first_name, person.email, person.phone, person.notes = "", "", "", ""
    person.last_name = f"Personne effacée n° {person.id}"
    person.name_key = fold(person.last_name)
    person.erased_on = erased_on
    session.add(person)
    session.flush()
    organisation_ids = session.exec(select(Contact.organisation_id).where(Contact.person_id == person.id).distinct()).all()
    for organisation_id in organisation_ids:
        reindex_organisation(session, organisation_id)
    return list(organisation_ids)


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise PrivacyRefusal(f"Aucune personne n° {person_id} dans la base.")
    return person


def _count(session: Session, table, condition) -> int:
    return session.exec(select(func.count()).select_from(table).where(condition)).one()


def _contacts(session: Session, person_id: int) -> tuple[ContactLine, ...]:
    rows = session.exec(
        select(Organisation.name, Contact.role)
        .join(Organisation, Organisation.id == Contact.organisation_id)
        .where(Contact.person_id == person_id)
        .order_by(Organisation.name_key)
    ).all()
    return tuple(ContactLine(name, role) for name, role in rows)


def _registrations(session: Session, person_id: int) -> tuple[RegistrationLine, ...]:
    rows = session.exec(
        select(Event.title, Event.starts_on, Registration.session, Event.sessions,
               func.coalesce(Organisation.name, Registration.organisation_name), Registration.status)
        .join(Event, Event.id == Registration.event_id)
        .join(Organisation, Organisation.id == Registration.organisation_id, isouter=True)
        .where(Registration.person_id == person_id)
        .order_by(Event.starts_on, Event.id, Registration.session)
    ).all()
    return tuple(RegistrationLine(title, starts_on, number, sessions, organisation or "", AttendanceStatus(status).label)
                 for title, starts_on, number, sessions, organisation, status in rows)


def _board(session: Session, person_id: int) -> tuple[BoardLine, ...]:
    rows = session.exec(
        select(BoardMandate, Organisation.name, GeneralAssembly.held_on)
        .join(Organisation, Organisation.id == BoardMandate.organisation_id)
        .join(GeneralAssembly, GeneralAssembly.id == BoardMandate.assembly_id, isouter=True)
        .where(BoardMandate.person_id == person_id)
        .order_by(BoardMandate.start_on)
    ).all()
    lines = []
    for mandate, organisation, elected_at in rows:
        offices = session.exec(select(BureauOffice).where(BureauOffice.mandate_id == mandate.id).order_by(BureauOffice.start_on)).all()
        seats = session.exec(select(NationalMandate).where(NationalMandate.mandate_id == mandate.id).order_by(NationalMandate.start_on)).all()
        lines.append(BoardLine(
            organisation=organisation,
            period=Period(mandate.start_on, mandate.end_on),
            end_reason=mandate.end_reason,
            elected_at=elected_at,
            offices=tuple((office_title(o.role, o.form), Period(o.start_on, o.end_on)) for o in offices),
            national=tuple(Period(s.start_on, s.end_on) for s in seats),
        ))
    return tuple(lines)


def _staff(session: Session, person_id: int) -> tuple[StaffLine, ...]:
    rows = session.exec(
        select(StaffMember, DelegationSite.name)
        .join(DelegationSite, DelegationSite.id == StaffMember.site_id, isouter=True)
        .where(StaffMember.person_id == person_id)
        .order_by(StaffMember.start_on)
    ).all()
    return tuple(
        StaffLine(post.job_title, site or "", Period(post.start_on, post.end_on),
                  _count(session, SupportAction, SupportAction.officer_id == post.id))
        for post, site in rows
    )
