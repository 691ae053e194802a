"""Writing planned organisations with SQLAlchemy Core executemany (an ORM object per row costs
~80 µs; 10,000 organisations with sites and contacts are ~40,000 rows), inside the caller's
transaction, keeping `name_key` and `search_key` as domain/text.py computes them."""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import Connection, bindparam, update

from coorace_desktop.domain import Contact, Membership, Organisation, OrganisationType, Person, Site
from coorace_desktop.domain.enums import DatePrecision
from coorace_desktop.domain.names import display_name
from coorace_desktop.domain.organisations import joining_day
from coorace_desktop.domain.progress import Progress
from coorace_desktop.domain.text import organisation_search_key
from coorace_desktop.domain.versioning import VERSION
from coorace_desktop.services.importing.bulk import insert_rows, insert_with_ids
from coorace_desktop.services.importing.member_plan import (
    ExistingOrganisation,
    matching_contact,
    matching_site,
)
from coorace_desktop.services.importing.member_rows import MERGED_FIELDS, OrganisationDraft, person_key

BATCH = 2_000
IMPORT_NOTE = "Créé par import de fichier."

_organisations = Organisation.__table__
_types = OrganisationType.__table__
_sites = Site.__table__
_persons = Person.__table__
_contacts = Contact.__table__
_memberships = Membership.__table__


def _batches(rows: Sequence[dict]) -> Iterator[Sequence[dict]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start : start + BATCH]


@dataclass
class _Writes:
    """Rows to write, gathered first so that each table gets one executemany per batch."""

    types: list[dict] = field(default_factory=list)
    sites: list[dict] = field(default_factory=list)
    site_updates: list[dict] = field(default_factory=list)
    persons: list[dict] = field(default_factory=list)
    contacts: list[dict] = field(default_factory=list)  # person_id filled once persons are inserted
    person_updates: list[dict] = field(default_factory=list)
    contact_updates: list[dict] = field(default_factory=list)
    organisation_updates: list[dict] = field(default_factory=list)


def search_key_of(name: str, sites: list, contacts: list) -> str:
    """The organisation's search key from its sites and contacts (drafts or stored rows alike)."""
    cities = [site.city for site in sites if site.city]
    emails = [item.email for item in (*sites, *contacts) if item.email]
    names = [display_name(contact.first_name, contact.last_name) for contact in contacts]
    return organisation_search_key(name, cities, emails, names)


class MemberWriter:
    """Creates and merges organisations on one connection; `progress` is told after each batch."""

    def __init__(self, connection: Connection, progress: Progress, total: int) -> None:
        self.connection = connection
        self.progress = progress
        self.total = max(total, 1)
        self.done = 0
        self.writes = _Writes()

    def _advance(self, count: int, text: str) -> None:
        self.done += count
        self.progress(min(self.done, self.total), self.total, text)

    def create(self, drafts: list[OrganisationDraft]) -> None:
        rows = [
            {
                "name": d.name,
                **{merged.name: getattr(d, merged.name) for merged in MERGED_FIELDS},
                "name_key": d.name_key,
                "search_key": search_key_of(d.name, list(d.sites), list(d.contacts)),
            }
            for d in drafts
        ]
        ids = insert_with_ids(self.connection, _organisations, rows, lambda count: self._advance(count, "Création des adhérents"))
        memberships = []
        today = date.today()
        for organisation_id, draft in zip(ids, drafts, strict=True):
            self.writes.types.extend({"organisation_id": organisation_id, "siae_type": t.value} for t in draft.types)
            for position, site in enumerate(draft.sites):
                self.writes.sites.append(_site_row(organisation_id, position, site))
            for contact in draft.contacts:
                self._add_contact(organisation_id, contact)
            joined = draft.joined
            memberships.append({
                "organisation_id": organisation_id, "joined_on": joining_day(joined and joined.value, today),
                "recorded_on": today, "left_on": None, "notes": IMPORT_NOTE,
                "joined_precision": joined.precision if joined else DatePrecision.DAY,
            })
        self._insert(_memberships, memberships)

    def merge(self, existing: ExistingOrganisation, draft: OrganisationDraft) -> None:
        """Add the draft's types, sites and contacts to an organisation; blank cells erase nothing."""
        for siae_type in draft.types:
            if siae_type.value not in existing.types:
                self.writes.types.append({"organisation_id": existing.id, "siae_type": siae_type.value})
        sites = list(existing.sites)
        next_position = max((s.position for s in existing.sites), default=-1) + 1
        for site in draft.sites:
            current = matching_site(existing, site)
            if current is None:
                self.writes.sites.append(_site_row(existing.id, next_position, site))
                next_position += 1
                sites.append(site)
                continue
            merged = {name: getattr(site, name) or getattr(current, name) for name in ("address", "postcode", "city", "department", "phone", "email")}
            self.writes.site_updates.append({"target_id": current.id, **merged})
            sites[sites.index(current)] = replace(site, **merged)
        contacts = list(existing.contacts)
        for contact in draft.contacts:
            current = matching_contact(existing, contact)
            if current is None:
                self._add_contact(existing.id, contact)
                contacts.append(contact)
                continue
            self.writes.person_updates.append(
                {"target_id": current.person_id, "email": contact.email or current.email, "phone": contact.phone or current.phone}
            )
            self.writes.contact_updates.append({"target_id": current.contact_id, "role": contact.role or current.role})
            contacts[contacts.index(current)] = replace(contact, first_name=current.first_name, last_name=current.last_name, email=contact.email or current.email)
        self.writes.organisation_updates.append(
            {
                "target_id": existing.id,
                **{merged.name: getattr(draft, merged.name) or existing.fields[merged.name] for merged in MERGED_FIELDS},
                "search_key": search_key_of(existing.name, sites, contacts),
            }
        )

    def _add_contact(self, organisation_id: int, contact) -> None:
        self.writes.persons.append(
            {
                "first_name": contact.first_name,
                "last_name": contact.last_name,
                "email": contact.email,
                "phone": contact.phone,
                "notes": "",
                "name_key": person_key(contact),
                "erased_on": None,
            }
        )
        self.writes.contacts.append({"organisation_id": organisation_id, "role": contact.role})

    def _insert(self, table, rows: list[dict], text: str = "") -> None:
        for batch in _batches(rows):
            insert_rows(self.connection, table, batch)
            if text:
                self._advance(len(batch), text)

    def _update(self, table, rows: list[dict], text: str = "") -> None:
        statement = update(table).where(table.c.id == bindparam("target_id"))
        if VERSION in table.c:  # a form opened before the import must not undo it (domain/versioning.py)
            statement = statement.values({VERSION: table.c[VERSION] + 1})
        for batch in _batches(rows):
            self.connection.execute(statement, batch)
            if text:
                self._advance(len(batch), text)

    def flush(self) -> None:
        """Write everything gathered by create() and merge()."""
        writes = self.writes
        self._insert(_types, writes.types)
        self._insert(_sites, writes.sites, "Enregistrement des sites")
        person_ids = insert_with_ids(self.connection, _persons, writes.persons)
        for contact, person_id in zip(writes.contacts, person_ids, strict=True):
            contact["person_id"] = person_id
        self._insert(_contacts, writes.contacts, "Enregistrement des contacts")
        self._update(_sites, writes.site_updates)
        self._update(_persons, writes.person_updates)
        self._update(_contacts, writes.contact_updates)
        self._update(_organisations, writes.organisation_updates, "Mise à jour des adhérents")
        self.writes = _Writes()


def _site_row(organisation_id: int, position: int, site) -> dict:
    return {
        "organisation_id": organisation_id,
        "position": position,
        "address": site.address,
        "postcode": site.postcode,
        "city": site.city,
        "department": site.department,
        "phone": site.phone,
        "email": site.email,
    }
