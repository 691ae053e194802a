"""What the organisation dialog edits, as typed drafts, and their pure validation.

Field keys of the error dictionary name the widget that shows the message: "name",
"sites.0.postcode", "contacts.1.email", "figures.0.turnover"..."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from typing import TypeVar

from coorace_desktop.domain import validation as check
from coorace_desktop.domain.enums import DatePrecision, SiaeType
from coorace_desktop.domain.names import display_name, name_key
from coorace_desktop.domain.periods import Period
from coorace_desktop.domain.typed_dates import TypedDate, parse_typed_date
from coorace_desktop.domain.validation import DraftInvalid


@dataclass(frozen=True, slots=True)
class SiteDraft:
    address: str = ""
    postcode: str = ""
    city: str = ""
    department: str = ""
    phone: str = ""
    email: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class ContactDraft:
    """A person acting for the organisation; person_id is None for a person not yet recorded."""

    last_name: str = ""
    first_name: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""
    person_id: int | None = None
    id: int | None = None

    @property
    def full_name(self) -> str:
        return display_name(self.first_name, self.last_name)


@dataclass(frozen=True, slots=True)
class MembershipDraft:
    joined_on: date | None = None
    left_on: date | None = None
    notes: str = ""
    id: int | None = None
    # How much of the joining date is known: a year alone is kept as its 1 January.
    joined_precision: DatePrecision = DatePrecision.DAY
    # What was typed as the joining date when it reads as none (kept for the form; refused).
    joined_unreadable: str = ""


JOINED_WHAT = "La date d'adhésion"


def membership_joined(text: str) -> dict:
    """The joining fields of a MembershipDraft from what was typed: a day, a month or a year
    (with that precision), nothing (unknown), or the text kept as unreadable."""
    typed = " ".join(text.split())
    if not typed:
        return {"joined_on": None}
    try:
        joined = parse_typed_date(typed, JOINED_WHAT)
    except check.ValidationError:
        return {"joined_on": None, "joined_unreadable": typed}
    return {"joined_on": joined.value, "joined_precision": joined.precision}


def shown_joined(period: MembershipDraft) -> str:
    """The joining date as it was typed: '2015', '03/2015', '15/03/2016' ('' when unknown)."""
    if period.joined_unreadable:
        return period.joined_unreadable
    return TypedDate(period.joined_on, period.joined_precision).shown() if period.joined_on else ""


@dataclass(frozen=True, slots=True)
class FiguresDraft:
    """The observatoire's figures of one year; None is unknown, never zero."""

    year: int
    turnover: int | None = None
    gross_wages: int | None = None
    public_funding: int | None = None
    insertion_employees: int | None = None
    permanent_staff: int | None = None
    fte: float | None = None
    insertion_hours: int | None = None


# The figures a user types, in the order the dialog shows them, with their French labels.
FIGURE_LABELS: dict[str, str] = {
    "turnover": "Chiffre d'affaires (€)",
    "gross_wages": "Masse salariale brute (€)",
    "public_funding": "Financements publics (€)",
    "insertion_employees": "Salariés en insertion",
    "permanent_staff": "Salariés permanents",
    "fte": "ETP",
    "insertion_hours": "Heures d'insertion",
}


@dataclass(frozen=True, slots=True)
class OrganisationField:
    """A text field of an organisation, described once: the dialog, the conflict message, the
    import mapping and the exports all read it from ORGANISATION_FIELDS (as Calibre's fields.py)."""

    name: str  # the attribute of Organisation and OrganisationDraft
    label: str  # in the dialog and the conflict message
    clean: Callable[[str], str]  # the stored form of what was typed, or ValidationError
    heading: str  # the column of a spreadsheet: import label and export heading
    synonyms: tuple[str, ...] = ()  # folded headers an imported file may give it
    weak_synonyms: tuple[str, ...] = ()  # headers that mean it only when nothing better does
    exported: bool = True
    required: bool = False
    multiline: bool = False
    placeholder: str = ""


def _stripped(value: str) -> str:
    return value.strip()


ORGANISATION_FIELDS: tuple[OrganisationField, ...] = (
    OrganisationField(
        "name", "Nom", lambda value: check.required_text(value, "Le nom"), "Raison sociale",
        synonyms=("raison sociale", "nom de la structure", "structure", "denomination", "organisation", "organisme",
                  "adherent", "nom de l adherent", "nom structure", "siae", "entreprise", "association", "nom de l organisme"),
        weak_synonyms=("nom",), required=True,
    ),
    OrganisationField(
        "siret", "SIRET", check.siret, "SIRET",
        synonyms=("siret", "n siret", "numero siret", "no siret", "siret structure"), placeholder="14 chiffres",
    ),
    OrganisationField(
        "website", "Site web", _stripped, "Site web", synonyms=("site web", "site internet", "web", "url", "internet", "site"),
    ),
    OrganisationField(
        "notes", "Notes", _stripped, "Remarques",
        synonyms=("remarques", "remarque", "observations", "commentaire", "commentaires", "notes", "note"),
        exported=False, multiline=True,
    ),
)
FIELDS_BY_NAME = {field.name: field for field in ORGANISATION_FIELDS}


@dataclass(frozen=True, slots=True)
class OrganisationDraft:
    """Everything the organisation dialog edits; id is None for a new organisation, version
    the one it was loaded at (the save is refused if the record has moved on since)."""

    name: str = ""
    siret: str = ""
    website: str = ""
    notes: str = ""
    types: frozenset[SiaeType] = frozenset()
    sites: tuple[SiteDraft, ...] = ()
    contacts: tuple[ContactDraft, ...] = ()
    memberships: tuple[MembershipDraft, ...] = ()
    figures: tuple[FiguresDraft, ...] = ()
    id: int | None = None
    version: int | None = None

    def figures_for(self, year: int) -> FiguresDraft | None:
        return next((entry for entry in self.figures if entry.year == year), None)


def validate_organisation(draft: OrganisationDraft) -> dict[str, str]:
    """The French message of every field that cannot be saved; empty when the draft is valid."""
    return _check(draft)[1]


def clean_organisation(draft: OrganisationDraft) -> OrganisationDraft:
    """The draft as it is stored (phones formatted, départements filled), or DraftInvalid."""
    cleaned, errors = _check(draft)
    if errors:
        raise DraftInvalid(errors)
    return cleaned


T = TypeVar("T")


class _Collector:
    """Runs validators, keeping the cleaned value or the message under its field key."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def run(self, key: str, validator: Callable[[], T], fallback: T) -> T:
        try:
            return validator()
        except check.ValidationError as error:
            self.errors.setdefault(key, str(error))
            return fallback


def _check(draft: OrganisationDraft) -> tuple[OrganisationDraft, dict[str, str]]:
    collect = _Collector()
    typed = {field.name: getattr(draft, field.name) for field in ORGANISATION_FIELDS}
    cleaned = replace(
        draft,
        **{field.name: collect.run(field.name, partial(field.clean, typed[field.name]), typed[field.name]) for field in ORGANISATION_FIELDS},
        sites=tuple(_check_site(collect, f"sites.{n}", site) for n, site in enumerate(draft.sites)),
        contacts=_check_contacts(collect, draft.contacts),
        memberships=_check_memberships(collect, draft.memberships),
        figures=_check_figures(collect, draft.figures),
    )
    return cleaned, collect.errors


def _check_site(collect: _Collector, key: str, site: SiteDraft) -> SiteDraft:
    postcode = collect.run(f"{key}.postcode", lambda: check.postcode(site.postcode), site.postcode)
    department = site.department
    if f"{key}.postcode" not in collect.errors:
        department = collect.run(
            f"{key}.department", lambda: check.department_for(postcode, site.department), site.department
        )
    return replace(
        site,
        address=" ".join(site.address.split()),
        postcode=postcode,
        city=collect.run(f"{key}.city", lambda: check.required_text(site.city, "La ville"), site.city),
        department=department,
        phone=collect.run(f"{key}.phone", lambda: check.french_phone(site.phone), site.phone),
        email=collect.run(f"{key}.email", lambda: check.email_address(site.email), site.email),
    )


def _check_contacts(collect: _Collector, contacts: tuple[ContactDraft, ...]) -> tuple[ContactDraft, ...]:
    seen: set[object] = set()
    cleaned = []
    for n, contact in enumerate(contacts):
        key = f"contacts.{n}"
        last_name = collect.run(f"{key}.last_name", lambda contact=contact: check.required_text(contact.last_name, "Le nom"), contact.last_name)
        # The same person (recorded, or typed with the same name) must not be listed twice.
        identity = contact.person_id or name_key(contact.first_name, last_name)
        if identity in seen and last_name:
            collect.errors.setdefault(f"{key}.last_name", "Cette personne figure déjà parmi les contacts.")
        seen.add(identity)
        cleaned.append(
            replace(
                contact,
                last_name=last_name,
                first_name=" ".join(contact.first_name.split()),
                role=" ".join(contact.role.split()),
                email=collect.run(f"{key}.email", lambda contact=contact: check.email_address(contact.email), contact.email),
                phone=collect.run(f"{key}.phone", lambda contact=contact: check.french_phone(contact.phone), contact.phone),
            )
        )
    return tuple(cleaned)


def _check_memberships(collect: _Collector, periods: tuple[MembershipDraft, ...]) -> tuple[MembershipDraft, ...]:
    for n, period in enumerate(periods):
        if period.joined_unreadable:
            collect.run(f"memberships.{n}.joined_on", partial(parse_typed_date, period.joined_unreadable, JOINED_WHAT), None)
        collect.run(f"memberships.{n}.left_on", lambda period=period: check.period(period.joined_on, period.left_on, "La date de départ"), None)
    # A joining date typed that reads as none is refused above, not as overlapping every period.
    ordered = sorted(((n, p) for n, p in enumerate(periods) if not p.joined_unreadable), key=lambda item: item[1].joined_on or date.min)
    for (_, earlier), (n, later) in zip(ordered, ordered[1:]):
        if Period(earlier.joined_on, earlier.left_on).overlaps(Period(later.joined_on, later.left_on)):
            collect.errors.setdefault(f"memberships.{n}.joined_on", "Cette période d'adhésion chevauche une autre période.")
    return tuple(replace(period, notes=period.notes.strip()) for period in periods)


def _check_figures(collect: _Collector, figures: tuple[FiguresDraft, ...]) -> tuple[FiguresDraft, ...]:
    years: set[int] = set()
    for n, entry in enumerate(figures):
        collect.run(f"figures.{n}.year", lambda entry=entry: check.year(entry.year), None)
        if entry.year in years:
            collect.errors.setdefault(f"figures.{n}.year", f"Les chiffres de {entry.year} sont déjà saisis.")
        years.add(entry.year)
        for name in FIGURE_LABELS:
            value = getattr(entry, name)
            collect.run(f"figures.{n}.{name}", lambda value=value: check.non_negative(value, "Ce chiffre"), None)
    return figures
