"""What the year's report inputs must satisfy: rapport moral, resources, partners.

Pure checks returning French messages per field name, as the other forms do."""

from dataclasses import dataclass, replace

from coorace_desktop.domain import validation as check
from coorace_desktop.domain.enums import ResourceKind
from coorace_desktop.domain.validation import DraftInvalid, ValidationError

# Shares typed from a published pie chart are rounded: 16 + 65 + 16 + 3 may not hit 100 exactly.
SHARE_TOLERANCE = 0.5


@dataclass(frozen=True, slots=True)
class ReportTextInput:
    """The texts written for one year's report."""

    year: int
    moral_report: str = ""
    signatory_name: str = ""
    signatory_title: str = ""
    context: str = ""


@dataclass(frozen=True, slots=True)
class ResourceInput:
    """The delegation's income of one kind: an amount in euros, or only its share in percent."""

    kind: ResourceKind
    amount: int | None = None
    share_percent: float | None = None


@dataclass(frozen=True, slots=True)
class PartnerInput:
    name: str
    description: str = ""
    since_year: int | None = None
    until_year: int | None = None


def report_text_errors(values: ReportTextInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    try:
        check.year(values.year)
    except ValidationError as error:
        errors["year"] = str(error)
    if values.moral_report.strip() and not values.signatory_name.strip():
        errors["signatory_name"] = "Indiquez qui signe le rapport moral."
    return errors


def clean_report_text(values: ReportTextInput) -> ReportTextInput:
    errors = report_text_errors(values)
    if errors:
        raise DraftInvalid(errors)
    return replace(
        values,
        moral_report=values.moral_report.strip(),
        signatory_name=" ".join(values.signatory_name.split()),
        signatory_title=" ".join(values.signatory_title.split()),
        context=values.context.strip(),
    )


def resource_errors(entries: list[ResourceInput]) -> dict[str, str]:
    """Errors keyed 'kind.amount' / 'kind.share_percent', and 'shares' for the total."""
    errors: dict[str, str] = {}
    seen: set[ResourceKind] = set()
    for entry in entries:
        if entry.kind in seen:
            errors[f"{entry.kind}.amount"] = f"{entry.kind.label} : une seule ligne par nature de ressource."
        seen.add(entry.kind)
        if entry.amount is not None and entry.amount < 0:
            errors[f"{entry.kind}.amount"] = f"{entry.kind.label} : le montant ne peut pas être négatif."
        if entry.share_percent is not None and not 0 <= entry.share_percent <= 100:
            errors[f"{entry.kind}.share_percent"] = f"{entry.kind.label} : la part est comprise entre 0 et 100 %."
    shares = [entry.share_percent for entry in entries if entry.share_percent is not None]
    if sum(shares) > 100 + SHARE_TOLERANCE:
        errors["shares"] = f"Les parts totalisent {sum(shares):g} % : plus de 100 %."
    return errors


def clean_resources(entries: list[ResourceInput]) -> list[ResourceInput]:
    """The entries that hold something, or DraftInvalid."""
    errors = resource_errors(entries)
    if errors:
        raise DraftInvalid(errors)
    return [entry for entry in entries if entry.amount is not None or entry.share_percent is not None]


def partner_errors(values: PartnerInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not " ".join(values.name.split()):
        errors["name"] = "Le nom du partenaire est obligatoire."
    for key in ("since_year", "until_year"):
        value = getattr(values, key)
        if value is not None:
            try:
                check.year(value)
            except ValidationError as error:
                errors[key] = str(error)
    if (
        values.since_year is not None
        and values.until_year is not None
        and values.until_year < values.since_year
        and "until_year" not in errors
    ):
        errors["until_year"] = f"L'année de fin ({values.until_year}) précède l'année de début ({values.since_year})."
    return errors


def clean_partner(values: PartnerInput) -> PartnerInput:
    errors = partner_errors(values)
    if errors:
        raise DraftInvalid(errors)
    return replace(values, name=" ".join(values.name.split()), description=values.description.strip())
