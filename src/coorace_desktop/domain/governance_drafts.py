"""What the governance dialogs edit, as typed drafts, and their pure validation.

Each validate_* returns {field key: French message}, empty when the draft can be saved; the
keys name the dialog's widgets ("held_on", "seats.2.person"...). Rules needing the database
(overlapping offices, mandates) are checked by the services."""

from dataclasses import dataclass, field, replace
from datetime import date

from coorace_desktop.domain import validation as check
from coorace_desktop.domain.enums import AssemblyKind, BureauRole, OfficeForm
from coorace_desktop.domain.names import name_key


@dataclass(frozen=True, slots=True)
class PersonRef:
    """A recorded person (person_id), or a new one to record under these names."""

    person_id: int | None = None
    first_name: str = ""
    last_name: str = ""

    @property
    def name_key(self) -> str:
        return name_key(self.first_name, self.last_name)


@dataclass(frozen=True, slots=True)
class AssemblyDraft:
    held_on: date | None
    place: str = ""
    kind: AssemblyKind = AssemblyKind.ORDINARY
    notes: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class SeatDraft:
    """One board member elected: who, and which member organisation they represent."""

    person: PersonRef
    organisation_id: int | None


@dataclass(frozen=True, slots=True)
class ElectionDraft:
    """A board elected at an assembly; with `renew`, the sitting mandates end on `start_on`, and
    with `keep_bureau` too, re-elected members keep their bureau office and national seat."""

    assembly_id: int | None
    start_on: date | None
    seats: tuple[SeatDraft, ...]
    end_on: date | None = None
    renew: bool = False
    keep_bureau: bool = False


@dataclass(frozen=True, slots=True)
class MandateEndDraft:
    mandate_id: int
    start_on: date
    end_on: date | None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class OfficeDraft:
    """A bureau office given to a board member from a date (until an end, if known)."""

    mandate_id: int
    role: BureauRole
    start_on: date | None
    end_on: date | None = None
    form: OfficeForm | None = None


@dataclass(frozen=True, slots=True)
class StaffDraft:
    person: PersonRef
    job_title: str
    site_id: int | None = None
    start_on: date | None = None
    end_on: date | None = None
    id: int | None = None


def split_person_name(text: str) -> tuple[str, str]:
    """('Marie-Françoise', 'CABAL-SCHNEIDER') from 'Marie-Françoise CABAL-SCHNEIDER': words in
    capitals are the last name; otherwise the last word is."""
    words = text.split()
    capitals = [word for word in words if len(word) > 1 and word.isupper()]
    if capitals and len(capitals) < len(words):
        return " ".join(w for w in words if w not in capitals), " ".join(capitals)
    if len(words) < 2:
        return "", " ".join(words)
    return " ".join(words[:-1]), words[-1]


def person_errors(person: PersonRef, key: str) -> dict[str, str]:
    if person.person_id is None and not person.last_name.strip():
        return {key: "Choisissez une personne dans la liste ou saisissez au moins son nom."}
    return {}


def period_errors(start: date | None, end: date | None, key: str = "end_on") -> dict[str, str]:
    try:
        check.period(start, end)
    except check.ValidationError as error:
        return {key: str(error)}
    return {}


def validate_assembly(draft: AssemblyDraft) -> dict[str, str]:
    if draft.held_on is None:
        return {"held_on": "La date de l'assemblée générale est obligatoire."}
    return {}


def validate_election(draft: ElectionDraft) -> dict[str, str]:
    errors: dict[str, str] = {}
    if draft.assembly_id is None:
        errors["assembly"] = "Choisissez l'assemblée générale qui élit ce conseil."
    if draft.start_on is None:
        errors["start_on"] = "La date de début des mandats est obligatoire."
    errors |= period_errors(draft.start_on, draft.end_on)
    if not draft.seats:
        errors["seats"] = "Ajoutez au moins un administrateur élu."
    seen: set[object] = set()
    for number, seat in enumerate(draft.seats):
        errors |= person_errors(seat.person, f"seats.{number}.person")
        identity = seat.person.person_id or seat.person.name_key
        if identity in seen:
            errors.setdefault(f"seats.{number}.person", "Cette personne est déjà dans la liste des élus.")
        seen.add(identity)
        if seat.organisation_id is None:
            errors[f"seats.{number}.organisation"] = "Choisissez l'adhérent représenté."
    return errors


def validate_mandate_end(draft: MandateEndDraft) -> dict[str, str]:
    if draft.end_on is None:
        return {"end_on": "La date de fin est obligatoire."}
    return period_errors(draft.start_on, draft.end_on)


def validate_office(draft: OfficeDraft) -> dict[str, str]:
    if draft.start_on is None:
        return {"start_on": "La date de début de la fonction est obligatoire."}
    return period_errors(draft.start_on, draft.end_on)


def validate_staff(draft: StaffDraft) -> dict[str, str]:
    errors = person_errors(draft.person, "person")
    if not draft.job_title.strip():
        errors["job_title"] = "L'intitulé du poste est obligatoire."
    return errors | period_errors(draft.start_on, draft.end_on)


@dataclass(frozen=True, slots=True)
class DelegationSiteInfo:
    """One of the delegation's offices; id None for a site not saved yet."""

    id: int | None
    name: str
    address: str = ""
    postcode: str = ""
    city: str = ""
    opened_on: date | None = None


@dataclass(frozen=True, slots=True)
class DelegationProfile:
    """The delegation as the report presents it: name, summary, sites, missions (title, text)."""

    name: str
    summary: str
    sites: list[DelegationSiteInfo] = field(default_factory=list)
    missions: list[tuple[str, str]] = field(default_factory=list)


def validate_profile(profile: DelegationProfile) -> dict[str, str]:
    """Keys: "name", "sites.N.name", "sites.N.postcode", "missions.N.title"."""
    errors: dict[str, str] = {}
    if not profile.name.strip():
        errors["name"] = "Le nom de la délégation est obligatoire."
    for number, site in enumerate(profile.sites):
        if not site.name.strip():
            errors[f"sites.{number}.name"] = "Le nom de chaque site est obligatoire."
        try:
            check.postcode(site.postcode)
        except check.ValidationError as error:
            errors[f"sites.{number}.postcode"] = str(error)
    for number, (title, text) in enumerate(profile.missions):
        if text.strip() and not title.strip():
            errors[f"missions.{number}.title"] = "Le titre de chaque mission est obligatoire."
    return errors


def clean_profile(profile: DelegationProfile) -> DelegationProfile:
    """The profile as stored: spaces tidied, missions left entirely blank dropped."""

    def tidy(text: str) -> str:
        return " ".join(text.split())

    return DelegationProfile(
        name=tidy(profile.name),
        summary=profile.summary.strip(),
        sites=[
            replace(site, name=tidy(site.name), address=tidy(site.address), postcode=check.postcode(site.postcode), city=tidy(site.city))
            for site in profile.sites
        ],
        missions=[(tidy(title), tidy(text)) for title, text in profile.missions if title.strip() or text.strip()],
    )
