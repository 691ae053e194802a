"""Pure rules of the accompaniment log: what an action, a project holder or a stage change must hold."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from coorace_desktop.domain import validation as check
from coorace_desktop.domain.departments import DEPARTMENTS
from coorace_desktop.domain.enums import (
    ActionKind,
    ActionOutcome,
    ProjectHolderStatus,
    TerritoryStage,
)
from coorace_desktop.domain.validation import ValidationError

# One action longer than this is a typing slip (a week of 24 h days), not a real action.
MAX_ACTION_HOURS = 168
# Actions may be planned a little ahead, not years ahead; older ones come from archives.
MAX_DAYS_AHEAD = 366
EARLIEST_ACTION_DATE = date(1990, 1, 1)


class BeneficiaryKind:
    """Where a named beneficiary lives: these strings are also the column prefixes in SQL."""

    ORGANISATION = "organisation"
    PROJECT_HOLDER = "project_holder"
    TERRITORY = "territory"
    ALL = (ORGANISATION, PROJECT_HOLDER, TERRITORY)


BENEFICIARY_KIND_LABELS = {
    BeneficiaryKind.ORGANISATION: "Adhérent",
    BeneficiaryKind.PROJECT_HOLDER: "Porteur de projet",
    BeneficiaryKind.TERRITORY: "Territoire TZCLD",
}


@dataclass(frozen=True, slots=True)
class BeneficiaryRef:
    """A named beneficiary: its kind (BeneficiaryKind) and id."""

    kind: str
    id: int


@dataclass(frozen=True, slots=True)
class ActionDraft:
    """What the action form holds; either a named beneficiary or a group (count and label)."""

    action_date: date | None
    officer_id: int | None
    programme_id: int | None
    kind: ActionKind | None
    beneficiary: BeneficiaryRef | None = None
    group_count: int | None = None
    group_label: str = ""
    hours: float = 0
    outcome: ActionOutcome = ActionOutcome.DONE
    notes: str = ""

    @property
    def is_group(self) -> bool:
        return self.group_count is not None


def action_errors(draft: ActionDraft, *, today: date, officer_required: bool = True) -> dict[str, str]:
    """The French message of each field that prevents saving the draft (empty when it can be saved).

    officer_required is False only when editing a historical summary record that never had one."""
    errors: dict[str, str] = {}
    if draft.action_date is None:
        errors["action_date"] = "La date est obligatoire."
    elif draft.action_date < EARLIEST_ACTION_DATE:
        errors["action_date"] = f"Date trop ancienne : {draft.action_date:%d/%m/%Y}."
    elif draft.action_date > today + timedelta(days=MAX_DAYS_AHEAD):
        errors["action_date"] = f"Date trop lointaine : {draft.action_date:%d/%m/%Y}."
    if draft.officer_id is None and officer_required:
        errors["officer_id"] = "Choisissez le ou la chargé·e de mission."
    if draft.programme_id is None:
        errors["programme_id"] = "Choisissez un programme."
    if draft.kind is None:
        errors["kind"] = "Choisissez le type d'action."
    if draft.is_group:
        if draft.beneficiary is not None:
            errors["beneficiary"] = "Un groupe ne peut pas avoir aussi un bénéficiaire nommé."
        elif draft.group_count is None or draft.group_count <= 0:
            errors["group_count"] = "L'effectif du groupe doit être d'au moins 1."
        elif not draft.group_label.strip():
            errors["group_label"] = "Décrivez le groupe (ex. « structures formées à la démarche Zest' »)."
    elif draft.beneficiary is None:
        errors["beneficiary"] = "Choisissez un bénéficiaire dans la liste proposée."
    elif draft.beneficiary.kind not in BeneficiaryKind.ALL:
        errors["beneficiary"] = "Bénéficiaire inconnu."
    if draft.hours < 0:
        errors["hours"] = "Le nombre d'heures ne peut pas être négatif."
    elif draft.hours > MAX_ACTION_HOURS:
        errors["hours"] = f"Plus de {MAX_ACTION_HOURS} heures pour une seule action : vérifiez la saisie."
    return errors


def clean_action(draft: ActionDraft) -> ActionDraft:
    """The draft as stored: spaces tidied in the texts, group fields cleared for a named beneficiary."""
    label = " ".join(draft.group_label.split()) if draft.is_group else ""
    return replace(draft, group_label=label, notes=draft.notes.strip())


@dataclass(frozen=True, slots=True)
class ProjectHolderDraft:
    """What the project holder form holds."""

    name: str
    contact_name: str = ""
    email: str = ""
    phone: str = ""
    project: str = ""
    territory: str = ""
    department: str = ""
    status: ProjectHolderStatus = ProjectHolderStatus.CONTACT
    notes: str = ""


def field_errors(**validators: Callable[[], object]) -> dict[str, str]:
    """Run each field's validator; the French message of those that raise ValidationError."""
    errors = {}
    for name, validator in validators.items():
        try:
            validator()
        except ValidationError as error:
            errors[name] = str(error)
    return errors


def project_holder_errors(draft: ProjectHolderDraft) -> dict[str, str]:
    """The French message of each field of the draft that cannot be saved."""
    return field_errors(
        name=lambda: check.required_text(draft.name, "Le nom"),
        email=lambda: check.email_address(draft.email),
        phone=lambda: check.french_phone(draft.phone),
        department=lambda: territory_department(draft.department),
    )


def clean_project_holder(draft: ProjectHolderDraft) -> ProjectHolderDraft:
    """The draft with every field cleaned; raises ValidationError with the first French message."""
    if errors := project_holder_errors(draft):
        raise ValidationError(next(iter(errors.values())))
    return replace(
        draft,
        name=check.required_text(draft.name, "Le nom"),
        contact_name=" ".join(draft.contact_name.split()),
        email=check.email_address(draft.email),
        phone=check.french_phone(draft.phone),
        project=draft.project.strip(),
        territory=" ".join(draft.territory.split()),
        department=territory_department(draft.department),
        notes=draft.notes.strip(),
    )


def territory_name(name: str) -> str:
    return check.required_text(name, "Le nom du territoire")


def territory_department(department: str) -> str:
    department = department.strip().upper()
    if department and department not in DEPARTMENTS:
        raise ValidationError(f"Département inconnu : {department}.")
    return department


def stage_change_date(changed_on: date | None, *, today: date) -> date:
    """A stage is reached on a known day, not in the future."""
    if changed_on is None:
        raise ValidationError("La date du changement d'étape est obligatoire.")
    if changed_on > today:
        raise ValidationError(f"Le changement d'étape ne peut pas être daté dans le futur ({changed_on:%d/%m/%Y}).")
    return changed_on


STAGE_ORDER = (TerritoryStage.INTERESTED, TerritoryStage.EMERGING, TerritoryStage.AUTHORISED)
