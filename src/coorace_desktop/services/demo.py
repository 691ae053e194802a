"""Loading the 2020 demonstration data (resources/demo/*.toml) into an empty database."""

import tomllib
from datetime import date
from pathlib import Path

from sqlmodel import Session, select

from coorace_desktop.domain import (
    BoardMandate,
    BureauOffice,
    Contact,
    Delegation,
    DelegationSite,
    Event,
    EventKind,
    GeneralAssembly,
    Membership,
    Mission,
    NationalMandate,
    Organisation,
    OrganisationType,
    Participation,
    Partner,
    Person,
    Programme,
    ReportText,
    Site,
    StaffMember,
    SupportAction,
    Territory,
    TerritoryStageChange,
    YearlyFigures,
    YearlyResource,
)
from coorace_desktop.domain import validation as check
from coorace_desktop.domain.departments import department_of_postcode
from coorace_desktop.domain.enums import (
    ActionKind,
    ActionOutcome,
    AssemblyKind,
    BureauRole,
    EventStatus,
    OfficeForm,
    Organiser,
    ResourceKind,
    SiaeType,
    TerritoryStage,
)
from coorace_desktop.domain.names import name_key
from coorace_desktop.domain.text import action_search_key, event_search_key, fold
from coorace_desktop.resources import resource
from coorace_desktop.services.members.organisations import reindex_organisation
from coorace_desktop.storage.database import Database, open_database, staging_path
from coorace_desktop.storage.lock import DatabaseLock
from coorace_desktop.storage.replace import check_replaceable, remove_with_side_files, replace_database


class DemoError(check.ValidationError):
    """The database already holds data, or the demo file is wrong."""


def create_demo_database(path: Path, *, force: bool = False) -> None:
    """Create a database file holding the demo data; an existing file of ours is replaced only with
    force (a file that is not ours never), and not while an application holds it.

    The data is loaded into a staging file beside it that replaces it by one rename: interrupted
    at any point (kill -9, disk full), the file named is the old one, byte for byte, or the new
    one, whole. A symbolic link is followed: the database it points to is the one replaced."""
    target = path.resolve()
    with DatabaseLock(target):
        if target.exists():
            if not force:
                raise DemoError(f"{path} existe déjà : ajoutez --force pour le remplacer.")
            check_replaceable(target)
        staged = staging_path(target, "demo")
        remove_with_side_files(staged)  # left by an interrupted attempt (we hold the lock)
        try:
            with open_database(staged, create=True) as database:
                load_demo(database)
            replace_database(target, staged)
        finally:
            remove_with_side_files(staged)


DEMO_DATA = ("demo", "coorace_occitanie_2020.toml")


def load_demo(database: Database, data_file: Path | None = None) -> None:
    """Fill an empty database with the demo data (default: the shipped 2020 file), in one transaction."""
    data = tomllib.loads((data_file or resource(*DEMO_DATA)).read_text(encoding="utf-8"))
    with database.session() as session:
        if session.exec(select(Organisation.id).limit(1)).first() is not None:
            raise DemoError("La base contient déjà des adhérents : les données de démonstration ne sont pas chargées.")
        organisations = _load_members(session, data)
        staff = _load_delegation(session, data)
        _load_governance(session, data, organisations)
        _load_figures(session, data)
        _load_accompaniment(session, data, staff)
        _load_events(session, data, organisations)
        for organisation in organisations.values():  # with their sites and board contacts, as the app keys them
            reindex_organisation(session, organisation.id)


def _person(session: Session, first_name: str, last_name: str) -> Person:
    person = Person(first_name=first_name, last_name=last_name, name_key=name_key(first_name, last_name))
    session.add(person)
    return person


def _load_members(session: Session, data: dict) -> dict[str, Organisation]:
    organisations: dict[str, Organisation] = {}
    since: date = data["members_since"]
    for entry in data["organisations"]:
        organisation = Organisation(name=entry["name"], name_key=fold(entry["name"]))
        session.add(organisation)
        session.flush()
        for siae_type in entry["types"]:
            session.add(OrganisationType(organisation_id=organisation.id, siae_type=SiaeType(siae_type)))
        for position, (address, postcode, city, phone, email) in enumerate(entry["sites"]):
            postcode = check.postcode(postcode)
            site = Site(
                organisation_id=organisation.id,
                position=position,
                address=address,
                postcode=postcode,
                city=city,
                department=department_of_postcode(postcode),
                phone=check.french_phone(phone),
                email=check.email_address(email),
            )
            session.add(site)
        session.add(
            Membership(
                organisation_id=organisation.id, joined_on=since, recorded_on=since,
                notes="Adhérent en 2020 (date d'adhésion non publiée).",
            )
        )
        organisations[organisation.name] = organisation
    return organisations


def _load_delegation(session: Session, data: dict) -> dict[str, StaffMember]:
    session.add(Delegation(name=data["delegation"]["name"], summary=data["delegation"]["summary"]))
    sites = {}
    for entry in data["delegation"]["sites"]:
        sites[entry["name"]] = site = DelegationSite(**entry)
        session.add(site)
    for position, (title, text) in enumerate(data["delegation"]["missions"], start=1):
        session.add(Mission(position=position, title=title, text=text))
    session.flush()
    staff = {}
    for first_name, last_name, job_title, site_name in data["governance"]["staff"]:
        person = _person(session, first_name, last_name)
        session.flush()
        staff[last_name] = member = StaffMember(person_id=person.id, job_title=job_title, site_id=sites[site_name].id)
        session.add(member)
    session.flush()
    return staff


def _load_governance(session: Session, data: dict, organisations: dict[str, Organisation]) -> None:
    for entry in data["governance"]["assemblies"]:
        session.add(GeneralAssembly(held_on=entry["held_on"], kind=AssemblyKind(entry["kind"]), notes=entry["notes"]))
    session.flush()
    elected_on: date = data["governance"]["board_elected_on"]
    assembly = session.exec(select(GeneralAssembly).where(GeneralAssembly.held_on == elected_on)).one()
    mandates: dict[str, BoardMandate] = {}
    for organisation_name, first_name, last_name in data["governance"]["board"]:
        organisation = organisations[organisation_name]
        person = _person(session, first_name, last_name)
        session.flush()
        session.add(Contact(organisation_id=organisation.id, person_id=person.id, role="Administrateur·rice de Coorace Occitanie"))
        mandates[last_name] = mandate = BoardMandate(
            person_id=person.id, organisation_id=organisation.id, assembly_id=assembly.id, start_on=elected_on
        )
        session.add(mandate)
    session.flush()
    for role, last_name, form in data["governance"]["bureau"]:
        session.add(BureauOffice(mandate_id=mandates[last_name].id, role=BureauRole(role), form=OfficeForm(form), start_on=elected_on))
    for last_name in data["governance"]["national_representatives"]:
        session.add(NationalMandate(mandate_id=mandates[last_name].id, start_on=elected_on))


def _load_figures(session: Session, data: dict) -> None:
    for entry in data["figures"]["network"]:
        session.add(YearlyFigures(organisation_id=None, **entry))
    year = data["year"]
    for kind, share in data["figures"]["resource_shares"].items():
        session.add(YearlyResource(year=year, kind=ResourceKind(kind), share_percent=share))
    session.add(ReportText(year=year, **{key: value.strip() for key, value in data["report_text"].items()}))
    for entry in data["partners"]:
        session.add(Partner(**entry))


def _load_accompaniment(session: Session, data: dict, staff: dict[str, StaffMember]) -> None:
    programmes = {name: Programme(name=name) for name in data["accompaniment"]["programmes"]}
    session.add_all(programmes.values())
    session.flush()
    note = data["accompaniment"]["summary_note"]
    for programme, kind, size, label, outcome, action_date in data["accompaniment"]["actions"]:
        session.add(
            SupportAction(
                action_date=action_date,
                programme_id=programmes[programme].id,
                kind=ActionKind(kind),
                group_count=size,
                group_label=label,
                outcome=ActionOutcome(outcome),
                notes=note,
                search_key=action_search_key(label, note),
            )
        )
    for stage, count in data["accompaniment"]["tzcld_counts"].items():
        stage = TerritoryStage(stage)
        for number in range(1, count + 1):
            name = f"{stage.label} n° {number} (nom non publié)"
            territory = Territory(name=name, name_key=fold(name), notes="Compté dans le rapport d'activité 2020, sans nom.")
            session.add(territory)
            session.flush()
            session.add(TerritoryStageChange(territory_id=territory.id, stage=stage, changed_on=data["accompaniment"]["tzcld_at"]))


def _load_events(session: Session, data: dict, organisations: dict[str, Organisation]) -> None:
    kinds = {name: EventKind(name=name) for name in data["calendar"]["event_kinds"]}
    session.add_all(kinds.values())
    session.flush()
    for entry in data["events"]:
        entry = dict(entry)
        participants = entry.pop("participants", [])
        starts_on = entry.get("starts_on")
        event = Event(
            **entry | {
                "kind_id": kinds[entry.pop("kind")].id,
                "year": entry.get("year") or (starts_on.year if starts_on else data["year"]),
                "status": EventStatus(entry.get("status", "planned")),
                "organiser": Organiser(entry.get("organiser", "delegation")),
                "is_highlight": bool(entry.get("highlight_title")),
                "highlight_story": entry.get("highlight_story", "").strip(),
                "search_key": event_search_key(
                    entry["title"], entry.get("place"), entry.get("organiser_name"), entry.get("description"),
                    entry.get("highlight_title"),
                ),
            }
        )
        session.add(event)
        session.flush()
        for organisation_name, persons in participants:
            session.add(Participation(event_id=event.id, organisation_id=organisations[organisation_name].id, persons=persons))
