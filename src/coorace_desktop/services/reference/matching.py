"""The members against the reference: each organisation's entry, found by SIRET, else by SIREN and
postcode, else (no SIRET) by the members import's duplicate rules, with its evidence; what the
reference says otherwise of a member (address, phone, e-mail, types); and the region's SIAE
that are not in the database (prospects). Computed in Python over the entries of the region and
of the members' départements: a few thousand rows, read once per refresh of the page."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from coorace_desktop.domain import Organisation
from coorace_desktop.domain.departments import OCCITANIE
from coorace_desktop.domain.enums import LabelledEnum, SiaeType
from coorace_desktop.domain.members import ContactDraft, SiteDraft
from coorace_desktop.domain.reference import ReferenceSource
from coorace_desktop.domain.text import fold
from coorace_desktop.services.importing.member_plan import (
    ExistingIndex,
    ExistingOrganisation,
    ExistingSite,
    existing_organisations,
)
from coorace_desktop.services.importing.member_rows import MERGED_FIELDS
from coorace_desktop.services.importing.member_rows import OrganisationDraft as ImportDraft
from coorace_desktop.services.reference.store import REFERENCE, ReferenceStatus, reference_status
from coorace_desktop.storage.database import Database

# Delegation's départements: domain.departments.OCCITANIE (the regional delegation's territory).
REGION = OCCITANIE
CHUNK = 500
_NOT_DIGITS = re.compile(r"\D")


@dataclass(frozen=True, slots=True)
class ReferenceEntry:
    id: int
    siret: str
    name: str
    types: tuple[str, ...]
    address: str
    postcode: str
    city: str
    department: str
    phone: str
    email: str
    website: str
    networks: str
    source: ReferenceSource
    updated_on: date | None

    @property
    def types_text(self) -> str:
        return ", ".join(self.types)

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.address, f"{self.postcode} {self.city}".strip()) if part)

    @property
    def siae_types(self) -> frozenset[SiaeType]:
        """The types a member can hold (GEIQ, EA... are not agreements the members record)."""
        return frozenset(SiaeType(kind) for kind in self.types if kind in SiaeType._value2member_map_)


class MatchState(LabelledEnum):
    CONFIRMED = "confirmed", "Même SIRET"
    TO_CONFIRM = "to_confirm", "À confirmer"
    ABSENT = "absent", "Absent du référentiel"
    UNMATCHED = "unmatched", "Sans correspondance"


@dataclass(frozen=True, slots=True)
class MemberMatch:
    """An organisation of the database and its entry of the reference (None: not found)."""

    id: int  # the organisation's
    name: str
    siret: str
    state: MatchState
    evidence: str
    entry: ReferenceEntry | None = None


class DifferenceField(LabelledEnum):
    ADDRESS = "address", "Adresse"
    PHONE = "phone", "Téléphone"
    EMAIL = "email", "E-mail"
    TYPES = "types", "Types"


@dataclass(frozen=True, slots=True)
class Difference:
    """What the reference says otherwise of a member whose SIRET it lists."""

    id: int  # one row per organisation and field
    organisation_id: int
    member: str
    field: DifferenceField
    current: str
    reference: str
    entry_id: int


@dataclass
class ReferenceOverview:
    status: ReferenceStatus | None = None
    matches: list[MemberMatch] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    prospects: list[ReferenceEntry] = field(default_factory=list)

    def count(self, state: MatchState) -> int:
        return sum(1 for match in self.matches if match.state == state)


def reference_overview(database: Database, region: Sequence[str] = REGION) -> ReferenceOverview:
    """Every organisation matched against the reference, the differences, the prospects of `region`."""
    status = reference_status(database)
    if status is None:
        return ReferenceOverview()
    with database.session() as session:
        members = existing_organisations(session, session.execute(select(Organisation.id).order_by(Organisation.id)).scalars().all())
        sirens = sorted({o.fields["siret"][:9] for o in members.values() if o.fields["siret"]})
        departments = set(region) | {site.department for o in members.values() for site in o.sites if site.department}
        entries = {entry.id: entry for entry in entries_where(session, REFERENCE.c.department.in_(sorted(departments)))}
        for start in range(0, len(sirens), CHUNK):
            entries |= {entry.id: entry for entry in entries_where(session, REFERENCE.c.siren.in_(sirens[start : start + CHUNK]))}
    matches = match_members(sorted(members.values(), key=lambda o: (fold(o.name), o.id)), list(entries.values()))
    claimed = {match.entry.id for match in matches if match.entry}
    prospects = sorted(
        (entry for entry in entries.values() if entry.department in region and entry.id not in claimed),
        key=lambda entry: (fold(entry.name), entry.id),
    )
    differences = [difference for match in matches for difference in member_differences(members[match.id], match)]
    return ReferenceOverview(status, matches, differences, prospects)


def entries_where(session, condition) -> list[ReferenceEntry]:
    rows = session.execute(select(REFERENCE).where(condition)).mappings()
    return [
        ReferenceEntry(**{name: row[name] for name in ReferenceEntry.__slots__ if name not in ("types", "source")},
                       types=tuple(row["types"].split(", ")) if row["types"] else (), source=ReferenceSource(row["source"]))
        for row in rows
    ]


def match_members(members: list[ExistingOrganisation], entries: list[ReferenceEntry]) -> list[MemberMatch]:
    """Each member's entry: by SIRET (confirmed), by SIREN and a site's postcode, else, for a member
    without SIRET, by name or the import's evidence (e-mail, phone, close name in the same place)."""
    by_siret = {entry.siret: entry for entry in entries}
    by_siren_postcode = {(entry.siret[:9], entry.postcode): entry for entry in entries if entry.postcode}
    found: dict[int, MemberMatch] = {}
    for member in members:
        siret = member.fields["siret"]
        if siret in by_siret:
            found[member.id] = MemberMatch(member.id, member.name, siret, MatchState.CONFIRMED, "même SIRET", by_siret[siret])
        elif siret:
            found[member.id] = _by_siren(member, siret, by_siren_postcode)
    claimed = {match.entry.id for match in found.values() if match.entry}
    # The Finder itself: ExistingIndex.find keeps one answer per file lines, and members have none.
    finder = ExistingIndex({entry.id: _as_existing(entry) for entry in entries if entry.id not in claimed}).finder
    by_id = {entry.id: entry for entry in entries}
    for member in members:
        if member.id in found:
            continue
        if (like := finder.find(_as_draft(member))) is None:
            found[member.id] = MemberMatch(member.id, member.name, "", MatchState.UNMATCHED, "aucune SIAE du référentiel ne lui ressemble")
        else:
            found[member.id] = MemberMatch(member.id, member.name, "", MatchState.TO_CONFIRM, like.reason, by_id[like.organisation_id])
    return [found[member.id] for member in members]


def _by_siren(member: ExistingOrganisation, siret: str, by_siren_postcode: dict) -> MemberMatch:
    for site in member.sites:
        entry = by_siren_postcode.get((siret[:9], site.postcode))
        if entry is not None:
            evidence = f"même SIREN ({siret[:9]}) et même code postal ({site.postcode}), autre SIRET"
            return MemberMatch(member.id, member.name, siret, MatchState.TO_CONFIRM, evidence, entry)
    return MemberMatch(member.id, member.name, siret, MatchState.ABSENT, "son SIRET n'y figure plus : fermée ou déménagée ?")


def _as_existing(entry: ReferenceEntry) -> ExistingOrganisation:
    fields = {merged.name: "" for merged in MERGED_FIELDS} | {"siret": entry.siret, "website": entry.website}
    site = ExistingSite(entry.id, 0, entry.address, entry.postcode, entry.city, entry.department, entry.phone, entry.email)
    return ExistingOrganisation(entry.id, entry.name, fields, set(entry.types), [site])


def _as_draft(member: ExistingOrganisation) -> ImportDraft:
    return ImportDraft(
        lines=(), name=member.name, name_key=fold(member.name),
        sites=tuple(SiteDraft(s.address, s.postcode, s.city, s.department, s.phone, s.email) for s in member.sites),
        contacts=tuple(ContactDraft(c.last_name, c.first_name, c.role, c.email, c.phone) for c in member.contacts),
    )


def phone_digits(phone: str) -> str:
    """The digits of a French number, '+33 5…' and '05…' alike."""
    digits = _NOT_DIGITS.sub("", phone)
    return "0" + digits[2:] if digits.startswith("33") and len(digits) == 11 else digits


def site_place(site: ExistingSite | None) -> str:
    if site is None:
        return ""
    return ", ".join(part for part in (site.address, f"{site.postcode} {site.city}".strip()) if part)


def member_differences(member: ExistingOrganisation, match: MemberMatch) -> list[Difference]:
    """What the reference says otherwise of a member matched by SIRET; blanks in it never count."""
    entry = match.entry
    if match.state != MatchState.CONFIRMED or entry is None:
        return []
    site = member.sites[0] if member.sites else None
    found = []
    if entry.postcode and (site is None or (fold(site.address), site.postcode, fold(site.city)) != (fold(entry.address), entry.postcode, fold(entry.city))):
        found.append((DifferenceField.ADDRESS, site_place(site), entry.place))
    if entry.phone and (site is None or phone_digits(site.phone) != phone_digits(entry.phone)):
        found.append((DifferenceField.PHONE, site.phone if site else "", entry.phone))
    if entry.email and (site is None or site.email.casefold() != entry.email.casefold()):
        found.append((DifferenceField.EMAIL, site.email if site else "", entry.email))
    if entry.siae_types - {SiaeType(kind) for kind in member.types}:
        found.append((DifferenceField.TYPES, ", ".join(sorted(member.types)), entry.types_text))
    fields = list(DifferenceField)
    return [
        Difference(member.id * len(fields) + fields.index(kind), member.id, member.name, kind, current, wanted, entry.id)
        for kind, current, wanted in found
    ]
