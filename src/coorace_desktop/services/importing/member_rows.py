"""From the rows of a file to organisation drafts: every cell checked by the domain's validators,
and the rows of one organisation (one row per site, as directories list them) gathered."""

from dataclasses import make_dataclass, replace

from coorace_desktop.domain import validation as check
from coorace_desktop.domain.enums import SiaeType
from coorace_desktop.domain.members import ORGANISATION_FIELDS, ContactDraft, SiteDraft
from coorace_desktop.domain.names import name_key
from coorace_desktop.domain.text import fold
from coorace_desktop.domain.typed_dates import TypedDate
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.importing.cells import as_postcode_text, as_siae_types, as_text, as_typed_date
from coorace_desktop.services.importing.mapping import ColumnMapping
from coorace_desktop.services.importing.outcome import RowError
from coorace_desktop.services.importing.sources import SourceTable


def place_key(site: SiteDraft) -> tuple[str, str, str]:
    """What makes two rows the same site: postcode, city and address, folded."""
    return (site.postcode, fold(site.city), fold(site.address))


def person_key(contact: ContactDraft) -> str:
    """The person's name_key, as persons.name_key stores it."""
    return name_key(contact.first_name, contact.last_name)


# The organisation's declared fields besides its name: read from a cell, merged blank-never-erases.
MERGED_FIELDS = tuple(field for field in ORGANISATION_FIELDS if field.name != "name")


# One organisation as the file describes it (possibly over several rows). The declared fields
# besides the name are its own fields: a field added to ORGANISATION_FIELDS is read and merged here.
OrganisationDraft = make_dataclass(
    "OrganisationDraft",
    [
        ("lines", tuple[int, ...]),
        ("name", str),
        ("name_key", str),
        *((merged.name, str, "") for merged in MERGED_FIELDS),
        ("joined", TypedDate | None, None),
        ("types", tuple[SiaeType, ...], ()),
        ("sites", tuple[SiteDraft, ...], ()),
        ("contacts", tuple[ContactDraft, ...], ()),
    ],
    namespace={"__module__": __name__, "line": property(lambda self: self.lines[0], doc="The first line of the file it comes from.")},
    frozen=True,
    slots=True,
)


def parse_members(table: SourceTable, mapping: ColumnMapping) -> tuple[list[OrganisationDraft], list[RowError]]:
    """Drafts of the valid rows (gathered by organisation) and the rows in error with their reasons."""
    drafts: dict[str, OrganisationDraft] = {}
    errors: list[RowError] = []
    checked = _Checks()
    columns = [(column, key) for column, key in enumerate(mapping.fields) if key]
    for row in table.rows[mapping.header_index + 1 :]:
        cells = row.cells
        values = {key: cells[column] for column, key in columns if column < len(cells)}
        messages: list[str] = []
        draft = _draft(row.line, values, messages, checked)
        if draft is not None and not messages:
            earlier = drafts.get(draft.name_key)
            draft = gather(earlier, draft, messages) if earlier else draft
        if messages or draft is None:
            errors.append(RowError(row.line, tuple(messages), tuple(as_text(cell) for cell in row.cells)))
        else:
            drafts[draft.name_key] = draft
    return list(drafts.values()), errors


class _Checks:
    """Runs a validator once per distinct value of a file (towns, types, départements and blank
    cells repeat), adding its refusal to the row's messages each time the value comes back."""

    def __init__(self) -> None:
        self.outcomes: dict[tuple, tuple[object, str | None]] = {}

    def __call__(self, messages: list[str], validator, *args):
        # 1, 1.0 and True are equal keys: the cell's type keeps them apart. The cell is the first
        # argument, the others are text (a label, the postcode already checked).
        key = (validator, args, type(args[0]))
        outcome = self.outcomes.get(key)
        if outcome is None:
            try:
                outcome = (validator(*args), None)
            except ValidationError as error:
                outcome = (None, str(error))
            self.outcomes[key] = outcome
        value, message = outcome
        if message is not None:
            messages.append(message)
        return value


def _draft(line: int, values: dict[str, object], messages: list[str], checked: _Checks) -> OrganisationDraft | None:
    text = {key: as_text(value) for key, value in values.items()}

    def optional(validator, key: str) -> str:
        """A cell's checked value, blank for a blank cell without asking the validator (phones,
        e-mails, the declared fields besides the name: none is required). Most cells of some
        columns are blank, all of the fields the file does not have."""
        value = text.get(key)
        return (checked(messages, validator, value) or "") if value else ""

    name = checked(messages, check.required_text, text.get("name", ""), "La raison sociale")
    postcode = checked(messages, check.postcode, as_postcode_text(values.get("postcode"))) or ""
    department = checked(messages, check.department_for, postcode, text.get("department", "")) or ""
    site = SiteDraft(
        address=text.get("address", ""),
        postcode=postcode,
        city=text.get("city", ""),
        department=department,
        phone=optional(check.french_phone, "phone"),
        email=optional(check.email_address, "email"),
    )
    contacts = ()
    last_name = text.get("contact_last_name", "")
    first_name = text.get("contact_first_name", "")
    contact_email = optional(check.email_address, "contact_email")
    contact_phone = optional(check.french_phone, "contact_phone")
    if last_name or first_name:
        if not last_name:
            messages.append("Le nom du contact est obligatoire quand son prénom est donné.")
        contacts = (
            ContactDraft(last_name=last_name, first_name=first_name, role=text.get("contact_role", ""), email=contact_email, phone=contact_phone),
        )
    elif contact_email or contact_phone:
        messages.append("L'e-mail ou le téléphone du contact est donné sans son nom.")
    if name is None:
        return None
    return OrganisationDraft(
        lines=(line,),
        name=name,
        name_key=fold(name),
        **{field.name: optional(field.clean, field.name) for field in MERGED_FIELDS},
        joined=None if _blank(joined := values.get("joined_on")) else checked(messages, as_typed_date, joined, "Date d'adhésion"),
        types=() if _blank(types := values.get("types")) else (checked(messages, as_siae_types, types) or ()),
        sites=(site,) if any((site.address, site.postcode, site.city, site.phone, site.email)) else (),
        contacts=contacts,
    )


def _blank(value: object) -> bool:
    return value is None or value == ""


def gather(earlier: OrganisationDraft, draft: OrganisationDraft, messages: list[str]) -> OrganisationDraft:
    """Another row of an organisation already read: its site, types and contact are added."""
    if earlier.siret and draft.siret and earlier.siret != draft.siret:
        messages.append(f"SIRET différent de celui de la ligne {earlier.line} pour la même structure.")
        return earlier
    places = {place_key(site) for site in earlier.sites}
    people = {person_key(contact) for contact in earlier.contacts}
    return replace(
        earlier,
        lines=earlier.lines + draft.lines,
        **{field.name: getattr(earlier, field.name) or getattr(draft, field.name) for field in MERGED_FIELDS},
        joined=earlier.joined or draft.joined,
        types=earlier.types + tuple(t for t in draft.types if t not in earlier.types),
        sites=earlier.sites + tuple(s for s in draft.sites if place_key(s) not in places),
        contacts=earlier.contacts + tuple(c for c in draft.contacts if person_key(c) not in people),
    )
