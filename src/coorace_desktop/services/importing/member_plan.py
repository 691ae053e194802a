"""Comparing drafts with the organisations already in the database: create, update, unchanged,
or possible duplicate for the user to decide, on evidence that adds up: the same e-mail or phone,
or a close name *and* the same town or département (a short name inside a longer one is no
evidence alone: "ENTRAIDE" in Vayrac is not "Œuvre d'Entraide Cévenole" in Florac)."""

import functools
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coorace_desktop.domain import Contact, Organisation, OrganisationType, Person, Site
from coorace_desktop.domain.departments import department_of_postcode
from coorace_desktop.domain.names import name_key
from coorace_desktop.domain.text import fold
from coorace_desktop.services.importing.member_rows import (
    MERGED_FIELDS,
    ContactDraft,
    OrganisationDraft,
    SiteDraft,
    person_key,
)
from coorace_desktop.services.importing.outcome import Action

# token_sort_ratio on folded names: 'Hérisson Bellor SARL' vs 'HERISSON BELLOR' scores 86.
FUZZY_NAME_CUTOFF = 85
CONTAINED_NAME_MIN = 5
CANDIDATES = 5
_NOT_DIGITS = re.compile(r"\D")
# Compared names leave these out: "Le Relais Gard" and "Relais du Gard" are one name.
_LINK_WORDS = frozenset({"l", "le", "la", "les", "d", "de", "du", "des", "et", "en", "au", "aux", "a"})


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
class Places:
    """Where an organisation is: its towns (folded, as written) and its départements."""

    towns: tuple[tuple[str, str], ...] = ()
    departments: frozenset[str] = frozenset()

    @classmethod
    def of(cls, sites) -> "Places":
        return cls(
            tuple((fold(site.city), site.city) for site in sites if site.city),
            frozenset(d for site in sites if (d := site.department or department_of_postcode(site.postcode) or "")),
        )

    def shared_with(self, other: "Places") -> str:
        """'même ville : Florac' (as `other` writes it), 'même département : 48', or ''."""
        for town, _written in self.towns:
            for other_town, written in other.towns:
                # "Tarascon" and "Tarascon-sur-Ariège" are one town; the shorter is a whole-word prefix.
                short, long = sorted((town, other_town), key=len)
                if long == short or long.startswith(short + " "):
                    return f"même ville : {written}"
        if common := sorted(self.departments & other.departments):
            return f"même département : {common[0]}"
        return ""


def comparable(key: str) -> str:
    """A folded name without its link words, as names are compared."""
    return " ".join(word for word in key.split() if word not in _LINK_WORDS) or key


def name_likeness(key: str, other_key: str) -> str:
    """'nom proche (88 %)', "nom inclus dans l'autre", or '' for two folded names."""
    key, other_key = comparable(key), comparable(other_key)
    score = fuzz.token_sort_ratio(key, other_key)
    if score >= FUZZY_NAME_CUTOFF:
        return f"nom proche ({score:.0f} %)"
    if min(len(key), len(other_key)) >= CONTAINED_NAME_MIN and fuzz.token_set_ratio(key, other_key) == 100:
        return "nom inclus dans l'autre"
    return ""


def name_evidence(key: str, places: Places, other_key: str, other_places: Places) -> str:
    """Why two organisations may be one by name: a close name and a shared place, else ''."""
    likeness = name_likeness(key, other_key)
    place = likeness and places.shared_with(other_places)
    return f"{likeness} et {place}" if place else ""


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
    """Every organisation of the database with its sites, types and contacts, looked up by key."""

    def __init__(self, organisations: dict[int, ExistingOrganisation]) -> None:
        self.organisations = organisations
        self.by_siret = {o.fields["siret"]: o.id for o in self.organisations.values() if o.fields["siret"]}
        self.by_name = {}
        for organisation in self.organisations.values():
            self.by_name.setdefault(fold(organisation.name), organisation.id)
        self.by_email: dict[str, int] = {}
        self.by_phone: dict[str, int] = {}
        for organisation in self.organisations.values():
            for item in (*organisation.sites, *organisation.contacts):
                if item.email:
                    self.by_email.setdefault(item.email.casefold(), organisation.id)
                if item.phone:
                    self.by_phone.setdefault(_digits(item.phone), organisation.id)
        self.places = {o.id: Places.of(o.sites) for o in self.organisations.values()}
        self._fuzzy_ids = list(self.by_name.values())
        self._fuzzy_keys = [comparable(key) for key in self.by_name]
        # Names are compared only with organisations sharing a place: the evidence needs one, and
        # 6,000 similar names in other towns would otherwise each be weighed (30 s instead of 2).
        self._near: dict[str, list[int]] = {}
        for position, organisation_id in enumerate(self._fuzzy_ids):
            for place in _place_keys(self.places[organisation_id]):
                self._near.setdefault(place, []).append(position)

    @classmethod
    def load(cls, session: Session) -> "ExistingIndex":
        """The index of every organisation stored now."""
        organisations: dict[int, ExistingOrganisation] = {}
        columns = [getattr(Organisation, merged.name) for merged in MERGED_FIELDS]
        for row in session.execute(select(Organisation.id, Organisation.name, *columns)):
            values = dict(zip((merged.name for merged in MERGED_FIELDS), row[2:], strict=True))
            organisations[row.id] = ExistingOrganisation(row.id, row.name, values)
        for organisation_id, siae_type in session.execute(select(OrganisationType.organisation_id, OrganisationType.siae_type)):
            organisations[organisation_id].types.add(str(siae_type))
        site_columns = (Site.id, Site.position, Site.address, Site.postcode, Site.city, Site.department, Site.phone, Site.email)
        for row in session.execute(select(Site.organisation_id, *site_columns).order_by(Site.position, Site.id)):
            organisations[row.organisation_id].sites.append(ExistingSite(*row[1:]))
        contact_rows = session.execute(
            select(Contact.organisation_id, Contact.id, Person.id, Person.first_name, Person.last_name, Contact.role, Person.email, Person.phone)
            .join(Person, Person.id == Contact.person_id)
            .order_by(Contact.id)
        )
        for row in contact_rows:
            organisations[row[0]].contacts.append(ExistingContact(*row[1:]))
        return cls(organisations)

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

    @functools.cache  # noqa: B019 (one index per preview; drafts of one town share their neighbours)
    def _neighbours(self, place_keys: frozenset[str]) -> tuple[list[int], list[str]]:
        positions = sorted({position for place in place_keys for position in self._near.get(place, ())})
        return positions, [self._fuzzy_keys[position] for position in positions]

    def _evidence(self, key: str, places: Places, match: tuple, positions: list[int]) -> tuple[int, str] | None:
        other_key, _score, index = match
        organisation_id = self._fuzzy_ids[positions[index]]
        evidence = name_evidence(key, places, other_key, self.places[organisation_id])
        return (organisation_id, evidence) if evidence else None

    def possible_duplicate(self, draft: OrganisationDraft) -> tuple[int, str] | None:
        """The existing organisation this draft may well be, and why; None when it looks new."""
        for email in _emails(draft):
            if email.casefold() in self.by_email:
                return self.by_email[email.casefold()], f"même e-mail : {email}"
        for phone in _phones(draft):
            if _digits(phone) in self.by_phone:
                return self.by_phone[_digits(phone)], f"même téléphone : {phone}"
        places = Places.of(draft.sites)
        positions, keys = self._neighbours(frozenset(_place_keys(places)))
        key = comparable(draft.name_key)
        for scorer, cutoff in ((fuzz.token_sort_ratio, FUZZY_NAME_CUTOFF), (fuzz.token_set_ratio, 100)):
            best = process.extractOne(key, keys, scorer=scorer, score_cutoff=cutoff)  # stops early: fast
            if best is None:
                continue
            if found := self._evidence(key, places, best, positions):
                return found
            # Rarely, the best name shares only a key with the draft, not the place: the next few then.
            for match in process.extract(key, keys, scorer=scorer, score_cutoff=cutoff, limit=CANDIDATES)[1:]:
                if found := self._evidence(key, places, match, positions):
                    return found
        return None


def _place_keys(places: Places) -> set[str]:
    """Keys two places that may be shared both have: the département, the town's first word."""
    return {f"d{department}" for department in places.departments} | {f"t{town.split()[0]}" for town, _ in places.towns}


def _digits(phone: str) -> str:
    return _NOT_DIGITS.sub("", phone)


def _emails(draft: OrganisationDraft) -> list[str]:
    return [s.email for s in draft.sites if s.email] + [c.email for c in draft.contacts if c.email]


def _phones(draft: OrganisationDraft) -> list[str]:
    return [s.phone for s in draft.sites if s.phone] + [c.phone for c in draft.contacts if c.phone]


def plan_members(index: ExistingIndex, drafts: list[OrganisationDraft]) -> list[PlannedOrganisation]:
    planned = []
    for draft in drafts:
        existing_id, reason = None, ""
        if draft.siret and draft.siret in index.by_siret:
            existing_id, reason = index.by_siret[draft.siret], "même SIRET"
        elif draft.name_key in index.by_name:
            existing_id, reason = index.by_name[draft.name_key], "même nom"
        if existing_id is not None:
            existing = index.organisations[existing_id]
            changes = tuple(describe_changes(existing, draft))
            action = Action.UPDATE if changes else Action.UNCHANGED
            planned.append(PlannedOrganisation(draft, action, existing_id, existing.name, reason, changes))
            continue
        duplicate = index.possible_duplicate(draft)
        if duplicate is None:
            planned.append(PlannedOrganisation(draft, Action.CREATE))
        else:
            existing = index.organisations[duplicate[0]]
            changes = tuple(describe_changes(existing, draft))
            planned.append(PlannedOrganisation(draft, Action.DUPLICATE, existing.id, existing.name, duplicate[1], changes))
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
