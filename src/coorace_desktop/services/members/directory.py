"""The members directory the report prints: one entry per site, grouped by département."""

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from coorace_desktop.domain.departments import department_label
from coorace_desktop.domain.enums import SiaeType
from coorace_desktop.domain.organisations import Organisation, OrganisationType, Site
from coorace_desktop.services.members.membership import year_members
from coorace_desktop.storage.database import Database

NO_DEPARTMENT = "Département non renseigné"
_TYPE_ORDER = {siae_type: position for position, siae_type in enumerate(SiaeType)}


@dataclass(frozen=True, slots=True)
class DirectoryEntry:
    """A member at one of its sites; a member with no site has one entry with empty fields."""

    organisation_id: int
    name: str
    types: tuple[str, ...]
    address: str
    postcode: str
    city: str
    phone: str
    email: str


@dataclass(frozen=True, slots=True)
class DirectoryDepartment:
    code: str
    label: str
    entries: tuple[DirectoryEntry, ...]


def directory(database: Database, year: int) -> list[DirectoryDepartment]:
    """The year's members by département code, by name within one.

    A member with sites in two départements is listed in both; members without any site
    come last under "Département non renseigné" so that nobody silently disappears."""
    is_member = Organisation.id.in_(year_members(year))
    with database.session() as session:
        type_rows = session.execute(
            select(OrganisationType.organisation_id, OrganisationType.siae_type)
            .join(Organisation, Organisation.id == OrganisationType.organisation_id)
            .where(is_member)
        ).all()
        rows = session.execute(
            select(
                Organisation.id,
                Organisation.name,
                Site.department,
                Site.address,
                Site.postcode,
                Site.city,
                Site.phone,
                Site.email,
            )
            .outerjoin(Site, Site.organisation_id == Organisation.id)
            .where(is_member)
            .order_by(Site.department, Organisation.name_key, Organisation.id, Site.position)
        ).all()
    types: dict[int, list[SiaeType]] = defaultdict(list)
    for organisation_id, siae_type in type_rows:
        types[organisation_id].append(SiaeType(siae_type))
    labels = {key: tuple(kind.label for kind in sorted(kinds, key=_TYPE_ORDER.__getitem__)) for key, kinds in types.items()}
    groups: dict[str, list[DirectoryEntry]] = {}
    for organisation_id, name, department, address, postcode, city, phone, email in rows:
        groups.setdefault(department or "", []).append(
            DirectoryEntry(
                organisation_id, name, labels.get(organisation_id, ()), address or "", postcode or "",
                city or "", phone or "", email or "",
            )
        )
    ordered = sorted(groups.items(), key=lambda item: (item[0] == "", item[0]))
    return [
        DirectoryDepartment(code, department_label(code) if code else NO_DEPARTMENT, tuple(entries))
        for code, entries in ordered
    ]
