"""Members commands: read an organisation as a draft, save it, delete it, and find duplicates.

Each command is one transaction. Contacts are shared Person rows: a contact either names a
recorded person (person_id) or creates one."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, func
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, SQLModel, select

from coorace_desktop.domain import (
    BoardMandate,
    Contact,
    Membership,
    MembershipFee,
    Organisation,
    OrganisationType,
    Participation,
    Person,
    Registration,
    Site,
    SupportAction,
    YearlyFigures,
)
from coorace_desktop.domain.enums import DatePrecision, SiaeType
from coorace_desktop.domain.fees import FeePayment
from coorace_desktop.domain.members import (
    FIGURE_LABELS,
    ORGANISATION_FIELDS,
    ContactDraft,
    FiguresDraft,
    MembershipDraft,
    OrganisationDraft,
    SiteDraft,
    clean_organisation,
)
from coorace_desktop.domain.names import display_name
from coorace_desktop.domain.organisations import joining_day
from coorace_desktop.domain.text import fold, organisation_search_key
from coorace_desktop.domain.validation import DeletedMeanwhileError, ValidationError
from coorace_desktop.services.conflicts import require_version, stale_organisation
from coorace_desktop.services.members.persons import new_person
from coorace_desktop.storage.database import Database

# Folded names at least this similar (rapidfuzz ratio, 0-100) are worth a warning.
SIMILAR_NAME_SCORE = 90

# What refuses a deletion, and what goes with a deleted organisation (French, plural).
BLOCKING_REFERENCES: dict[type[SQLModel], tuple[str, str]] = {
    SupportAction: ("action d'accompagnement", "actions d'accompagnement"),
    BoardMandate: ("mandat au conseil d'administration", "mandats au conseil d'administration"),
    Participation: ("participation à un événement", "participations à des événements"),
    Registration: ("inscription à un événement", "inscriptions à des événements"),
}
DEPENDENTS: dict[type[SQLModel], tuple[str, str]] = {
    Site: ("site", "sites"),
    Contact: ("contact", "contacts"),
    Membership: ("période d'adhésion", "périodes d'adhésion"),
    MembershipFee: ("cotisation", "cotisations"),
    YearlyFigures: ("année de chiffres de l'observatoire", "années de chiffres de l'observatoire"),
}


class MemberRefusal(ValidationError):
    """A members command that cannot be done as asked; str() is the French reason."""


class OrganisationNotFoundError(DeletedMeanwhileError):
    message = "Cet adhérent n'existe plus : il a peut-être été supprimé entre-temps."


class PersonNotFoundError(DeletedMeanwhileError):
    message = "Cette personne n'existe plus dans la base : elle a peut-être été supprimée entre-temps."


@dataclass(frozen=True, slots=True)
class PossibleDuplicate:
    id: int
    name: str
    reason: str


@dataclass(frozen=True, slots=True)
class PersonChoice:
    """A recorded person a contact can name."""

    id: int
    first_name: str
    last_name: str
    email: str
    phone: str

    @property
    def full_name(self) -> str:
        return display_name(self.first_name, self.last_name)


def get_organisation(database: Database, organisation_id: int) -> OrganisationDraft:
    """Everything the organisation dialog edits, with the version it is at."""
    with database.session() as session:
        organisation = _existing(session, organisation_id)
        types = session.exec(select(OrganisationType.siae_type).where(OrganisationType.organisation_id == organisation_id)).all()
        sites = session.exec(select(Site).where(Site.organisation_id == organisation_id).order_by(Site.position, Site.id)).all()
        contacts = session.exec(
            select(Contact, Person).join(Person).where(Contact.organisation_id == organisation_id).order_by(Contact.id)
        ).all()
        memberships = _owned(session, Membership, organisation_id, Membership.joined_on, Membership.id)
        figures = _owned(session, YearlyFigures, organisation_id, YearlyFigures.year)
        return OrganisationDraft(
            id=organisation.id,
            **{field.name: getattr(organisation, field.name) for field in ORGANISATION_FIELDS},
            types=frozenset(SiaeType(value) for value in types),
            sites=tuple(
                SiteDraft(id=s.id, address=s.address, postcode=s.postcode, city=s.city, department=s.department, phone=s.phone, email=s.email)
                for s in sites
            ),
            contacts=tuple(
                ContactDraft(id=c.id, person_id=p.id, last_name=p.last_name, first_name=p.first_name, role=c.role, email=p.email, phone=p.phone)
                for c, p in contacts
            ),
            memberships=tuple(
                MembershipDraft(id=m.id, joined_on=m.joined_on, left_on=m.left_on, notes=m.notes, joined_precision=DatePrecision(m.joined_precision))
                for m in memberships
            ),
            figures=tuple(FiguresDraft(year=f.year, **{name: getattr(f, name) for name in FIGURE_LABELS}) for f in figures),
            version=organisation.version,
        )


def save_organisation(database: Database, draft: OrganisationDraft, loaded: OrganisationDraft | None = None) -> int:
    """Create or update the organisation and everything it holds, in one transaction; its id.

    Updating a draft that carries a version is refused (StaleRecordError, saying what changed
    since `loaded`, the record as the dialog opened it) if someone else saved it meanwhile."""
    draft = clean_organisation(draft)
    try:
        return _save_organisation(database, draft)
    except StaleDataError:  # the refused transaction is rolled back; theirs is read afresh
        raise stale_organisation(loaded or draft, get_organisation(database, draft.id)) from None


def _save_organisation(database: Database, draft: OrganisationDraft) -> int:
    with database.session() as session:
        organisation = Organisation(name=draft.name) if draft.id is None else _existing(session, draft.id)
        if draft.id is not None:
            require_version(organisation, draft.version)
        for field in ORGANISATION_FIELDS:
            setattr(organisation, field.name, getattr(draft, field.name))
        organisation.name_key = fold(draft.name)
        session.add(organisation)
        session.flush()
        organisation_id = organisation.id
        session.exec(delete(OrganisationType).where(OrganisationType.organisation_id == organisation_id))
        session.add_all(OrganisationType(organisation_id=organisation_id, siae_type=t) for t in draft.types)
        _save_sites(session, organisation_id, draft.sites)
        _save_contacts(session, organisation_id, draft.contacts)
        today = date.today()
        _sync(
            session, Membership, organisation_id,
            [_period_row(m, today) for m in draft.memberships],
        )
        _sync(
            session, YearlyFigures, organisation_id,
            [dict(year=f.year, **{name: getattr(f, name) for name in FIGURE_LABELS}) for f in draft.figures], "year",
        )
        reindex_organisation(session, organisation_id)
        return organisation_id


def reindex_organisation(session: Session, organisation_id: int) -> None:
    """Rebuild the folded key the members search box matches, from what is stored now."""
    organisation = session.get(Organisation, organisation_id)
    session.flush()
    organisation.search_key = current_search_key(session, organisation)
    session.add(organisation)


def current_search_key(session: Session, organisation: Organisation) -> str:
    """The organisation's search key as its sites and contacts give it now (erased persons left out)."""
    sites = session.exec(select(Site).where(Site.organisation_id == organisation.id).order_by(Site.position)).all()
    contacts = session.exec(
        select(Person).join(Contact, Contact.person_id == Person.id)
        .where(Contact.organisation_id == organisation.id, Person.erased_on.is_(None))
        .order_by(Contact.id)
    ).all()
    return organisation_search_key(
        organisation.name,
        [site.city for site in sites],
        [site.email for site in sites if site.email] + [person.email for person in contacts if person.email],
        [display_name(person.first_name, person.last_name) for person in contacts],
    )


def deletion_question(database: Database, organisation_id: int) -> str:
    """The confirmation to ask before deleting, or MemberRefusal naming what still refers to it."""
    with database.session() as session:
        organisation = _existing(session, organisation_id)
        _refuse_if_referenced(session, organisation)
        going = _counted(session, DEPENDENTS, organisation_id)
    question = f"Supprimer définitivement « {organisation.name} » ?"
    if going:
        question += f"\n\nSeront aussi supprimés : {going}."
    return question + "\n\nLes personnes citées comme contacts restent dans la base."


def delete_organisation(database: Database, organisation_id: int) -> None:
    """Delete the organisation with its sites, contacts, periods, fees and figures."""
    with database.session() as session:
        organisation = _existing(session, organisation_id)
        _refuse_if_referenced(session, organisation)
        # The schema cascades to sites, contacts, memberships, fees and figures.
        session.exec(delete(Organisation).where(Organisation.id == organisation_id))


def find_possible_duplicates(
    database: Database, name: str, emails: Iterable[str], exclude_id: int | None = None
) -> list[PossibleDuplicate]:
    """Organisations whose folded name is (nearly) the same, or with a site e-mail in common."""
    key = fold(name)
    wanted = {email.strip().casefold() for email in emails if email.strip()}
    found: dict[int, PossibleDuplicate] = {}
    with database.session() as session:
        names = {row.id: row for row in session.exec(select(Organisation.id, Organisation.name, Organisation.name_key))}
        names.pop(exclude_id, None)
        if key:
            from rapidfuzz import fuzz, process  # ~20 ms the Members tab need not pay before its first dialog

            choices = {organisation_id: row.name_key for organisation_id, row in names.items()}
            for _, score, organisation_id in process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=SIMILAR_NAME_SCORE, limit=10):
                reason = "même nom" if score == 100 else f"nom proche ({score:.0f} %)"
                found[organisation_id] = PossibleDuplicate(organisation_id, names[organisation_id].name, reason)
        if wanted:
            statement = select(Site.organisation_id, Site.email).where(func.lower(Site.email).in_(wanted))
            for organisation_id, email in session.exec(statement):
                if organisation_id in names and organisation_id not in found:
                    found[organisation_id] = PossibleDuplicate(organisation_id, names[organisation_id].name, f"même e-mail ({email})")
    return sorted(found.values(), key=lambda duplicate: fold(duplicate.name))


def find_persons(database: Database, text: str, limit: int = 20) -> list[PersonChoice]:
    """Recorded persons whose name contains every word typed, for the contact picker."""
    words = fold(text).split()
    statement = select(Person).where(Person.erased_on.is_(None))
    for word in words:
        statement = statement.where(Person.name_key.like(f"%{word}%"))
    with database.session() as session:
        persons = session.exec(statement.order_by(Person.name_key, Person.id).limit(limit)).all()
        return [PersonChoice(p.id, p.first_name, p.last_name, p.email, p.phone) for p in persons]


def get_person(database: Database, person_id: int) -> PersonChoice:
    """A recorded person's name and details, for a contact naming them."""
    with database.session() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise PersonNotFoundError(person_id)
        return PersonChoice(person.id, person.first_name, person.last_name, person.email, person.phone)


def _existing(session: Session, organisation_id: int) -> Organisation:
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise OrganisationNotFoundError(organisation_id)
    return organisation


def _owned(session: Session, table: type[SQLModel], organisation_id: int, *order: Any) -> list:
    return list(session.exec(select(table).where(table.organisation_id == organisation_id).order_by(*order)).all())


def _counted(session: Session, tables: dict[type[SQLModel], tuple[str, str]], organisation_id: int) -> str:
    """'2 sites, 1 contact': the organisation's rows in each table, empty when there are none."""
    parts = []
    for table, (singular, plural) in tables.items():
        number = session.exec(select(func.count()).select_from(table).where(table.organisation_id == organisation_id)).one()
        if number:
            parts.append(f"{number} {singular if number == 1 else plural}")
    return ", ".join(parts)


def _refuse_if_referenced(session: Session, organisation: Organisation) -> None:
    blocking = _counted(session, BLOCKING_REFERENCES, organisation.id)
    # Payments received are the accounts' record: never deleted along with the organisation.
    payments = session.exec(
        select(func.count()).select_from(FeePayment).join(MembershipFee, FeePayment.fee_id == MembershipFee.id)
        .where(MembershipFee.organisation_id == organisation.id)
    ).one()
    if payments:
        paid = f"{payments} {'paiement de cotisation' if payments == 1 else 'paiements de cotisation'}"
        blocking = ", ".join(part for part in (blocking, paid) if part)
    if blocking:
        raise MemberRefusal(
            f"« {organisation.name} » ne peut pas être supprimé : il est cité par {blocking}. "
            "Retirez d'abord ces références (ou notez une date de départ dans ses périodes d'adhésion)."
        )


def _save_sites(session: Session, organisation_id: int, sites: tuple[SiteDraft, ...]) -> None:
    _sync(
        session, Site, organisation_id,
        [
            dict(id=s.id, position=n, address=s.address, postcode=s.postcode, city=s.city, department=s.department, phone=s.phone, email=s.email)
            for n, s in enumerate(sites)
        ],
    )


def _save_contacts(session: Session, organisation_id: int, contacts: tuple[ContactDraft, ...]) -> None:
    """Store the contacts, recording new persons once; a recorded person's new e-mail or phone
    also refreshes the search key of the other organisations they act for."""
    rows, changed_persons = [], []
    for contact in contacts:
        person = session.get(Person, contact.person_id) if contact.person_id else None
        if person is None:
            person = new_person(session, contact.first_name, contact.last_name)
        elif (person.email, person.phone) != (contact.email, contact.phone):
            changed_persons.append(person.id)
        # A recorded person keeps their name (it is theirs everywhere: board, staff...);
        # the contact form does edit their e-mail and phone.
        person.email, person.phone = contact.email, contact.phone
        session.add(person)
        session.flush()
        rows.append(dict(id=contact.id, person_id=person.id, role=contact.role))
    _sync(session, Contact, organisation_id, rows)
    others = session.exec(
        select(Contact.organisation_id)
        .where(Contact.person_id.in_(changed_persons), Contact.organisation_id != organisation_id)
        .distinct()
    ).all()
    for other in others:
        reindex_organisation(session, other)


def _period_row(period: MembershipDraft, today: date) -> dict:
    """A period with its joining date as precise as it was typed; a new one without a joining
    date starts today (to the day), an existing one keeps what it holds."""
    row = dict(id=period.id, joined_on=period.joined_on, left_on=period.left_on, notes=period.notes, joined_precision=period.joined_precision)
    if period.id is None:
        row |= dict(joined_on=joining_day(period.joined_on, today), recorded_on=today)
        if period.joined_on is None:
            row["joined_precision"] = DatePrecision.DAY
    return row


def _sync(session: Session, table: type[SQLModel], organisation_id: int, rows: list[dict], key: str = "id") -> None:
    """Make the organisation's rows of `table` those given, matched on `key` (id, or year where
    there is one row per year): update the matches, insert the new, delete the rest."""
    existing = {getattr(row, key): row for row in _owned(session, table, organisation_id)}
    for stale in existing.keys() - {values[key] for values in rows}:
        session.delete(existing[stale])
    session.flush()
    for values in rows:
        row = existing.get(values[key])
        fields = {name: value for name, value in values.items() if name != "id"}
        if row is None:
            session.add(table(organisation_id=organisation_id, **fields))
        else:
            for name, value in fields.items():
                setattr(row, name, value)
