"""Who a letter, a label or an e-mail goes to: an organisation, its main site and its main
contact (the first contact recorded), with the values of its own mail merge fields (the
fields of the day, the delegation and the assembly are added where letters are printed)."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from coorace_desktop.domain.enums import SiaeType
from coorace_desktop.domain.governance import GeneralAssembly
from coorace_desktop.domain.names import display_name
from coorace_desktop.services.members.vcards import read_directory
from coorace_desktop.storage.database import Database

SALUTATION = "Madame, Monsieur"  # persons have no recorded civility (see domain/enums.OfficeForm)


@dataclass(frozen=True, slots=True)
class Recipient:
    organisation_id: int
    name: str
    address_lines: tuple[str, ...]  # as on an envelope: name, contact, street, postcode and CITY
    email: str  # the main contact's, else the main site's; "" when neither has one
    values: dict[str, str] = field(default_factory=dict)  # mail merge field -> text


def recipients(database: Database, organisation_ids: list[int]) -> list[Recipient]:
    """The organisations of `organisation_ids` that still exist, in that order."""
    organisations, types, sites, contacts = read_directory(database, organisation_ids)
    found = []
    for organisation_id in organisation_ids:
        organisation = organisations.get(organisation_id)
        if organisation is None:
            continue
        site = sites[organisation_id][0] if sites[organisation_id] else None
        person, role = contacts[organisation_id][0] if contacts[organisation_id] else (None, "")
        contact = display_name(person.first_name, person.last_name) if person else ""
        street = " ".join(site.address.split()) if site else ""
        town = " ".join(part for part in (site.postcode, site.city.upper()) if part) if site else ""
        email = (person.email if person else "") or (site.email if site else "")
        values = {
            "nom": organisation.name,
            "adresse": "\n".join(part for part in (street, town) if part),
            "rue": street,
            "code_postal": site.postcode if site else "",
            "ville": site.city if site else "",
            "email": email,
            "telephone": site.phone if site else "",
            "siret": organisation.siret,
            "types": ", ".join(siae_type.label for siae_type in SiaeType if siae_type in types[organisation_id]),
            "contact_prenom": person.first_name if person else "",
            "contact_nom": contact,
            "contact_civilite": SALUTATION,
            "contact_fonction": role,
        }
        attention = f"À l'attention de {contact}" if contact else ""
        lines = tuple(line for line in (organisation.name, attention, street, town) if line)
        found.append(Recipient(organisation_id, organisation.name, lines, email, values))
    return found


def next_assembly(database: Database, today: date) -> tuple[date, str] | None:
    """The date and place of the first general assembly held today or later, if one is recorded."""
    with database.session() as session:
        row = session.execute(
            select(GeneralAssembly.held_on, GeneralAssembly.place).where(GeneralAssembly.held_on >= today).order_by(GeneralAssembly.held_on)
        ).first()
        return (row[0], row[1]) if row else None
