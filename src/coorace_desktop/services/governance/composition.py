"""The delegation's governance as the report and the Governance tab read it: the board, its
bureau and national representatives on a date, the staff, the delegation's profile.

Periods are half-open (see domain/governance_rules.py): held from start until the day it ended."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, delete
from sqlmodel import Session, select

from coorace_desktop.domain import (
    BoardMandate,
    BureauOffice,
    Delegation,
    DelegationSite,
    Mission,
    NationalMandate,
    Organisation,
    Person,
    Site,
    StaffMember,
)
from coorace_desktop.domain.enums import BureauRole, office_title
from coorace_desktop.domain.french import plural, plural_word
from coorace_desktop.domain.governance_drafts import (
    DelegationProfile,
    DelegationSiteInfo,
    clean_profile,
    validate_profile,
)
from coorace_desktop.domain.governance_rules import ends_soon
from coorace_desktop.domain.names import display_name
from coorace_desktop.domain.periods import holds_on_sql
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.storage.database import Database

BUREAU_ORDER = {role: position for position, role in enumerate(BureauRole)}


@dataclass(frozen=True, slots=True)
class BoardSeat:
    """A board member on a date. `offices` are the French labels of the bureau offices held then."""

    mandate_id: int
    person_id: int
    person_name: str
    organisation_id: int
    organisation_name: str
    department: str
    start_on: date
    end_on: date | None
    offices: tuple[str, ...]
    national: bool
    ends_soon: bool
    end_reason: str = ""

    @property
    def id(self) -> int:
        return self.mandate_id


@dataclass(frozen=True, slots=True)
class BureauSeat:
    role: BureauRole
    role_label: str
    person_name: str
    organisation_name: str
    office_id: int = 0
    mandate_id: int = 0
    start_on: date | None = None

    @property
    def id(self) -> int:
        return self.office_id


@dataclass(frozen=True, slots=True)
class BoardComposition:
    """The board on a date: seats by organisation, the bureau in its order, national representatives."""

    on: date
    seats: list[BoardSeat]
    bureau: list[BureauSeat]
    national: list[str]


@dataclass(frozen=True, slots=True)
class StaffPost:
    person_name: str
    job_title: str
    site_name: str
    start_on: date | None
    end_on: date | None
    id: int = 0
    person_id: int = 0
    site_id: int | None = None


def seats_statement(on: date | None = None):
    """Mandates with person, organisation and main-site département; only those held `on` if given."""
    statement = (
        select(BoardMandate, Person.first_name, Person.last_name, Organisation.name, Site.department)
        .join(Person, Person.id == BoardMandate.person_id)
        .join(Organisation, Organisation.id == BoardMandate.organisation_id)
        .outerjoin(Site, and_(Site.organisation_id == Organisation.id, Site.position == 0))
    )
    if on is not None:
        statement = statement.where(holds_on_sql(BoardMandate.start_on, BoardMandate.end_on, on))
    return statement


def seats_from_rows(session: Session, rows: list, on: date | None) -> list[BoardSeat]:
    """BoardSeats from `seats_statement` rows; offices and national seat as held `on`
    (or ever held during the mandate when `on` is None)."""
    mandate_ids = [row[0].id for row in rows]
    offices: dict[int, list[BureauOffice]] = {}
    national: set[int] = set()
    if mandate_ids:
        office_query = select(BureauOffice).where(BureauOffice.mandate_id.in_(mandate_ids))
        national_query = select(NationalMandate.mandate_id).where(NationalMandate.mandate_id.in_(mandate_ids))
        if on is not None:
            office_query = office_query.where(holds_on_sql(BureauOffice.start_on, BureauOffice.end_on, on))
            national_query = national_query.where(holds_on_sql(NationalMandate.start_on, NationalMandate.end_on, on))
        for office in session.exec(office_query.order_by(BureauOffice.start_on)):
            offices.setdefault(office.mandate_id, []).append(office)
        national = set(session.exec(national_query))
    seats = []
    for mandate, first_name, last_name, organisation_name, department in rows:
        # The column is a plain String: the enum comes back as str.
        labels = tuple(dict.fromkeys(office_title(office.role, office.form) for office in offices.get(mandate.id, [])))
        seats.append(
            BoardSeat(
                mandate_id=mandate.id,
                person_id=mandate.person_id,
                person_name=display_name(first_name, last_name),
                organisation_id=mandate.organisation_id,
                organisation_name=organisation_name,
                department=department or "",
                start_on=mandate.start_on,
                end_on=mandate.end_on,
                offices=labels,
                national=mandate.id in national,
                ends_soon=on is not None and ends_soon(mandate.end_on, on),
                end_reason=mandate.end_reason,
            )
        )
    return seats


def bureau_on(session: Session, on: date) -> list[BureauSeat]:
    """The bureau on a date, président(e) first and plain members last."""
    rows = session.exec(
        select(BureauOffice, Person.first_name, Person.last_name, Person.name_key, Organisation.name)
        .join(BoardMandate, BoardMandate.id == BureauOffice.mandate_id)
        .join(Person, Person.id == BoardMandate.person_id)
        .join(Organisation, Organisation.id == BoardMandate.organisation_id)
        .where(holds_on_sql(BureauOffice.start_on, BureauOffice.end_on, on))
    ).all()
    rows = sorted(rows, key=lambda row: (BUREAU_ORDER[BureauRole(row[0].role)], row[3]))
    return [
        BureauSeat(
            role=BureauRole(office.role),
            role_label=office_title(office.role, office.form),
            person_name=display_name(first_name, last_name),
            organisation_name=organisation_name,
            office_id=office.id,
            mandate_id=office.mandate_id,
            start_on=office.start_on,
        )
        for office, first_name, last_name, _key, organisation_name in rows
    ]


def national_on(session: Session, on: date) -> list[str]:
    """Names of the region's representatives at the national federation's board on a date."""
    rows = session.exec(
        select(Person.first_name, Person.last_name)
        .join(BoardMandate, BoardMandate.person_id == Person.id)
        .join(NationalMandate, NationalMandate.mandate_id == BoardMandate.id)
        .where(holds_on_sql(NationalMandate.start_on, NationalMandate.end_on, on))
        .order_by(Person.name_key)
    ).all()
    return [display_name(first_name, last_name) for first_name, last_name in rows]


def board_composition(database: Database, on: date) -> BoardComposition:
    """The board, bureau and national representatives on a date, as the report prints them."""
    with database.session() as session:
        rows = session.exec(seats_statement(on).order_by(Organisation.name_key, Person.name_key)).all()
        return BoardComposition(
            on=on, seats=seats_from_rows(session, rows, on), bureau=bureau_on(session, on), national=national_on(session, on)
        )


def staff_statement():
    return (
        select(StaffMember, Person.first_name, Person.last_name, DelegationSite.name)
        .join(Person, Person.id == StaffMember.person_id)
        .outerjoin(DelegationSite, DelegationSite.id == StaffMember.site_id)
    )


def staff_from_rows(rows: list) -> list[StaffPost]:
    return [
        StaffPost(
            person_name=display_name(first_name, last_name),
            job_title=post.job_title,
            site_name=site_name or "",
            start_on=post.start_on,
            end_on=post.end_on,
            id=post.id,
            person_id=post.person_id,
            site_id=post.site_id,
        )
        for post, first_name, last_name, site_name in rows
    ]


def staff_on(database: Database, on: date) -> list[StaffPost]:
    """The delegation's staff on a date, in the order posts were created (the report's order)."""
    with database.session() as session:
        rows = session.exec(
            staff_statement()
            .where(holds_on_sql(StaffMember.start_on, StaffMember.end_on, on))
            .order_by(StaffMember.id)
        ).all()
        return staff_from_rows(rows)


def delegation_profile(database: Database) -> DelegationProfile:
    """The delegation's name, summary, sites and missions (empty name if never entered)."""
    with database.session() as session:
        delegation = session.exec(select(Delegation).order_by(Delegation.id)).first()
        sites = session.exec(select(DelegationSite).order_by(DelegationSite.id)).all()
        missions = session.exec(select(Mission).order_by(Mission.position, Mission.id)).all()
        return DelegationProfile(
            name=delegation.name if delegation else "",
            summary=delegation.summary if delegation else "",
            sites=[
                DelegationSiteInfo(site.id, site.name, site.address, site.postcode, site.city, site.opened_on)
                for site in sites
            ],
            missions=[(mission.title, mission.text) for mission in missions],
        )


def save_delegation_profile(database: Database, profile: DelegationProfile) -> None:
    """Replace the profile: sites updated in place (staff point at them), missions rewritten.

    A site still named as a staff member's workplace cannot be removed."""
    errors = validate_profile(profile)
    if errors:
        raise ValidationError(next(iter(errors.values())))
    profile = clean_profile(profile)
    with database.session() as session:
        delegation = session.exec(select(Delegation).order_by(Delegation.id)).first() or Delegation(name=profile.name)
        delegation.name, delegation.summary = profile.name, profile.summary
        session.add(delegation)
        kept = {site.id for site in profile.sites if site.id is not None}
        for existing in session.exec(select(DelegationSite)).all():
            if existing.id in kept:
                continue
            staff = session.exec(select(StaffMember.id).where(StaffMember.site_id == existing.id)).all()
            if staff:
                raise ValidationError(
                    f"Le site {existing.name} est le lieu de travail de {plural(len(staff), 'poste', 'postes')} de "
                    f"l'équipe : {plural_word(len(staff), 'changez son site', 'changez leur site')} avant de le retirer."
                )
            session.delete(existing)
        for site in profile.sites:
            row = session.get(DelegationSite, site.id) if site.id is not None else DelegationSite(name=site.name)
            if row is None:
                raise ValidationError(f"Le site {site.name} a été supprimé entre-temps : rouvrez la fiche.")
            row.name, row.address, row.postcode, row.city, row.opened_on = (
                site.name, site.address, site.postcode, site.city, site.opened_on,
            )
            session.add(row)
        session.execute(delete(Mission))
        session.add_all(
            Mission(position=position, title=title, text=text) for position, (title, text) in enumerate(profile.missions, 1)
        )
