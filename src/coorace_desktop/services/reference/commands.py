"""What the office does with the reference, each through the members service (its validation,
versions and search keys): confirm a match (the SIRET is stored on the member), take over one
field the reference gives otherwise, turn a prospect into a member."""

from dataclasses import replace

from coorace_desktop.domain import validation as check
from coorace_desktop.domain.departments import department_of_postcode
from coorace_desktop.domain.members import MembershipDraft, OrganisationDraft, SiteDraft
from coorace_desktop.domain.validation import DeletedMeanwhileError, ValidationError
from coorace_desktop.services.members.organisations import get_organisation, save_organisation
from coorace_desktop.services.reference.matching import DifferenceField, ReferenceEntry, entries_where
from coorace_desktop.services.reference.store import REFERENCE
from coorace_desktop.storage.database import Database


class EntryGoneError(DeletedMeanwhileError):
    message = "Cette SIAE n'existe plus dans le référentiel : il a peut-être été réimporté entre-temps."


def reference_entry(database: Database, entry_id: int) -> ReferenceEntry:
    with database.session() as session:
        found = entries_where(session, REFERENCE.c.id == entry_id)
    if not found:
        raise EntryGoneError(entry_id)
    return found[0]


def confirm_match(database: Database, organisation_id: int, entry_id: int) -> None:
    """The member is that entry: its SIRET is stored on the member (the only change)."""
    entry = reference_entry(database, entry_id)
    loaded = get_organisation(database, organisation_id)
    save_organisation(database, replace(loaded, siret=entry.siret), loaded)


def take_over(database: Database, organisation_id: int, entry_id: int, field: DifferenceField) -> None:
    """The member's main site (or types) takes what the reference gives for `field`; types are
    added, never removed (the reference knows no GES nor P'S)."""
    entry = reference_entry(database, entry_id)
    loaded = get_organisation(database, organisation_id)
    if field == DifferenceField.TYPES:
        draft = replace(loaded, types=loaded.types | entry.siae_types)
    else:
        site = loaded.sites[0] if loaded.sites else SiteDraft()
        if field == DifferenceField.ADDRESS:
            site = replace(site, address=entry.address, postcode=entry.postcode, city=entry.city,
                           department=department_of_postcode(entry.postcode) or entry.department)
        elif field == DifferenceField.PHONE:
            site = replace(site, phone=check.french_phone(entry.phone))
        else:
            site = replace(site, email=check.email_address(entry.email))
        draft = replace(loaded, sites=(site, *loaded.sites[1:]))
    save_organisation(database, draft, loaded)


def _lenient(validator, value: str) -> str:
    try:
        return validator(value)
    except ValidationError:
        return ""


def create_member(database: Database, entry_id: int) -> int:
    """A new member from a prospect: name, SIRET, website, types and its site as the reference
    gives them (a phone or e-mail the form would refuse is left in the notes), member from today."""
    entry = reference_entry(database, entry_id)
    phone, email = _lenient(check.french_phone, entry.phone), _lenient(check.email_address, entry.email)
    refused = [f"{label} : {value}" for label, value, kept in (("téléphone", entry.phone, phone), ("e-mail", entry.email, email)) if value and not kept]
    dated = f" du {entry.updated_on:%d/%m/%Y}" if entry.updated_on else ""
    notes = f"Créé depuis le référentiel SIAE ({entry.source.label}{dated})." + (f" Non repris : {', '.join(refused)}." if refused else "")
    site = SiteDraft(address=entry.address, postcode=entry.postcode, city=entry.city, department="", phone=phone, email=email)
    draft = OrganisationDraft(
        name=entry.name, siret=entry.siret, website=entry.website, notes=notes, types=entry.siae_types,
        sites=(site,) if entry.postcode or entry.city else (), memberships=(MembershipDraft(),),
    )
    return save_organisation(database, draft)

