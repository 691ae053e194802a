"""Comparing drafts with the organisations already in the database: create, update, unchanged,
or possible duplicate for the user to decide (services/importing/member_match.py finds which)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coorace_desktop.domain import Contact, Organisation, OrganisationType, Person, Site
from coorace_desktop.domain.names import name_key
from coorace_desktop.domain.text import fold
from coorace_desktop.services.importing.member_match import Finder, Found, comparable
from coorace_desktop.services.importing.member_rows import (
    MERGED_FIELDS,
    ContactDraft,
    OrganisationDraft,
    SiteDraft,
    person_key,
)
from coorace_desktop.services.importing.outcome import Action

IN_BATCH = 5_000  # ids in one IN (...): well under SQLite's 32,766 variables


@dataclass(slots=True)
class ExistingSite:
    id: int
    position: int
    address: str
    postcode: str
    city: str
    department: str
    phone: str
    email: str


@dataclass(slots=True)
class ExistingContact:
    contact_id: int
    person_id: int
    first_name: str
    last_name: str
    role: str
    email: str
    phone: str

    @property
    def name_key(self) -> str:
        return name_key(self.first_name, self.last_name)


@dataclass(slots=True)
class ExistingOrganisation:
    id: int
    name: str
    fields: dict[str, str]  # the declared fields besides the name (MERGED_FIELDS), as stored
    types: set[str] = field(default_factory=set)
    sites: list[ExistingSite] = field(default_factory=list)
    contacts: list[ExistingContact] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PlannedOrganisation:
    """What the import will do with one organisation of the file, and why."""

    draft: OrganisationDraft
    action: Action
    existing_id: int | None = None
    existing_name: str = ""
    reason: str = ""
    changes: tuple[str, ...] = ()


class ExistingIndex:
    """The organisations a file's drafts are compared with: every stored organisation's keys
    (names, SIRET, e-mails, phones, places) in a Finder, and the details (fields, types, sites,
    contacts) of those the drafts are or may be."""

    def __init__(self, organisations: dict[int, ExistingOrganisation], finder: Finder | None = None) -> None:
        self.organisations = organisations
        self.finder = finder or _finder_of(organisations)
        # By the drafts' lines: the drafts of one file, each found once (hashing a whole draft costs more).
        self._found: dict[tuple[int, ...], Found | None] = {}

    def find(self, draft: OrganisationDraft) -> Found | None:
        if draft.lines not in self._found:
            self._found[draft.lines] = self.finder.find(draft)
        return self._found[draft.lines]

    @classmethod
    def load(cls, session: Session, drafts: Iterable[OrganisationDraft]) -> "ExistingIndex":
        """The index for these drafts: the keys of every organisation stored now, the details of
        those found (loading every organisation's details took most of a minute at 100,000)."""
        connection = session.connection()
        organisations = select(Organisation.id, Organisation.name, Organisation.siret).order_by(Organisation.id)
        sites = select(Site.organisation_id, Site.city, Site.postcode, Site.department, Site.email, Site.phone)
        contacts = select(Contact.organisation_id, Person.email, Person.phone).join(Person, Person.id == Contact.person_id)
        drafts = list(drafts)
        finder = Finder(
            connection.execute(organisations).all(),
            connection.execute(sites.order_by(Site.organisation_id, Site.position, Site.id)).all(),
            connection.execute(contacts.order_by(Contact.organisation_id, Contact.id)).all(),
            {word for draft in drafts for word in comparable(draft.name_key).split()},
        )
        found = {draft.lines: finder.find(draft) for draft in drafts}
        index = cls(existing_organisations(session, sorted({f.organisation_id for f in found.values() if f})), finder)
        index._found = found
        return index

    @staticmethod
    def stamp(session: Session) -> tuple:
        """A fingerprint of what the index reads, cheap to take (~0.1 s for 100,000 organisations):
        it moves when an organisation or person is added, deleted or saved. Every save gives the
        organisation a new version, its sites, types and contacts included (services.conflicts
        .require_version; the import's updates do too), and a person theirs. Read it before load()."""
        organisations = select(
            func.count(), func.max(Organisation.id), func.sum(Organisation.version),
            func.sum(func.length(Organisation.name) + func.length(Organisation.search_key)),
        )
        persons = select(func.count(), func.max(Person.id), func.sum(Person.version))
        others = [select(func.count(), func.max(table.id)) for table in (Site, Contact)]
        return tuple(value for query in (organisations, persons, *others) for value in session.execute(query).one())


def _finder_of(organisations: dict[int, ExistingOrganisation]) -> Finder:
    """A Finder over organisations already loaded whole."""
    ordered = [organisations[organisation_id] for organisation_id in sorted(organisations)]
    return Finder(
        ((o.id, o.name, o.fields["siret"]) for o in ordered),
        ((o.id, s.city, s.postcode, s.department, s.email, s.phone) for o in ordered for s in o.sites),
        ((o.id, c.email, c.phone) for o in ordered for c in o.contacts),
    )


def existing_organisations(session: Session, ids: Sequence[int]) -> dict[int, ExistingOrganisation]:
    """These organisations with their declared fields, types, sites and contacts."""
    organisations: dict[int, ExistingOrganisation] = {}
    columns = [getattr(Organisation, merged.name) for merged in MERGED_FIELDS]
    site_columns = (Site.id, Site.position, Site.address, Site.postcode, Site.city, Site.department, Site.phone, Site.email)
    for start in range(0, len(ids), IN_BATCH):
        batch = ids[start : start + IN_BATCH]
        for row in session.execute(select(Organisation.id, Organisation.name, *columns).where(Organisation.id.in_(batch))):
            values = dict(zip((merged.name for merged in MERGED_FIELDS), row[2:], strict=True))
            organisations[row.id] = ExistingOrganisation(row.id, row.name, values)
        types = select(OrganisationType.organisation_id, OrganisationType.siae_type).where(OrganisationType.organisation_id.in_(batch))
        for organisation_id, siae_type in session.execute(types):
            organisations[organisation_id].types.add(str(siae_type))
        sites = select(Site.organisation_id, *site_columns).where(Site.organisation_id.in_(batch))
        for row in session.execute(sites.order_by(Site.position, Site.id)):
            organisations[row.organisation_id].sites.append(ExistingSite(*row[1:]))
        contacts = (
            select(Contact.organisation_id, Contact.id, Person.id, Person.first_name, Person.last_name, Contact.role, Person.email, Person.phone)
            .join(Person, Person.id == Contact.person_id)
            .where(Contact.organisation_id.in_(batch))
            .order_by(Contact.id)
        )
        for row in session.execute(contacts):
            organisations[row[0]].contacts.append(ExistingContact(*row[1:]))
    return organisations


def plan_members(index: ExistingIndex, drafts: list[OrganisationDraft]) -> list[PlannedOrganisation]:
    planned = []
    for draft in drafts:
        found = index.find(draft)
        if found is None:
            planned.append(PlannedOrganisation(draft, Action.CREATE))
            continue
        existing = index.organisations[found.organisation_id]
        changes = tuple(describe_changes(existing, draft))
        action = (Action.UPDATE if changes else Action.UNCHANGED) if found.certain else Action.DUPLICATE
        planned.append(PlannedOrganisation(draft, action, existing.id, existing.name, found.reason, changes))
    return planned


def matching_site(existing: ExistingOrganisation, site: SiteDraft) -> ExistingSite | None:
    """The existing site the file's site is: same postcode and city, the same address, or the same
    town when the file gives no postcode (the members export lists the town only)."""
    for candidate in existing.sites:
        same_town = site.city and fold(candidate.city) == fold(site.city)
        if same_town and (candidate.postcode == site.postcode or not site.postcode):
            return candidate
    for candidate in existing.sites:
        if site.address and fold(candidate.address) == fold(site.address):
            return candidate
    if len(existing.sites) == 1 and not (site.postcode or site.city or site.address):
        return existing.sites[0]  # only a phone or an e-mail: it belongs to the one site
    return None


def matching_contact(existing: ExistingOrganisation, contact: ContactDraft) -> ExistingContact | None:
    return next((c for c in existing.contacts if c.name_key == person_key(contact)), None)


SITE_FIELDS = {"address": "adresse", "postcode": "code postal", "city": "ville", "phone": "téléphone", "email": "e-mail"}
CONTACT_FIELDS = {"role": "fonction", "email": "e-mail", "phone": "téléphone"}


def changed_fields(current: object, wanted: object, labels: dict[str, str]) -> list[str]:
    """The fields the file gives (non-blank) that differ from what is stored: blanks never erase."""
    return [label for name, label in labels.items() if getattr(wanted, name) and getattr(wanted, name) != getattr(current, name)]


def describe_changes(existing: ExistingOrganisation, draft: OrganisationDraft) -> list[str]:
    """What merging the draft into the existing organisation would change, in French."""
    changes = []
    for merged in MERGED_FIELDS:
        if (value := getattr(draft, merged.name)) and value != existing.fields[merged.name]:
            changes.append(f"{merged.label} : {value}")
    for siae_type in draft.types:
        if siae_type.value not in existing.types:
            changes.append(f"type ajouté : {siae_type.label}")
    changes += _item_changes("site", draft.sites, lambda s: matching_site(existing, s), SITE_FIELDS, lambda s: s.city or s.address or s.postcode)
    changes += _item_changes("contact", draft.contacts, lambda c: matching_contact(existing, c), CONTACT_FIELDS, lambda c: c.full_name)
    return changes


def _item_changes(kind: str, items, matching, labels: dict[str, str], name_of) -> list[str]:
    changes = []
    for item in items:
        current = matching(item)
        if current is None:
            changes.append(f"{kind} ajouté : {name_of(item)}")
        elif fields := changed_fields(current, item, labels):
            changes.append(f"{kind} {name_of(item)} : {', '.join(fields)}")
    return changes
