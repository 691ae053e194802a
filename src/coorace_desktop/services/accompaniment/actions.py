"""Support actions: create, edit, delete; the choices the action form offers (officers,
programmes, beneficiaries completed as you type). Each command is one transaction."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, insert, or_, select, true, update

from coorace_desktop.domain.accompaniment import Programme, ProjectHolder, SupportAction, Territory
from coorace_desktop.domain.accompaniment_rules import (
    BENEFICIARY_KIND_LABELS,
    ActionDraft,
    BeneficiaryKind,
    BeneficiaryRef,
    action_errors,
    clean_action,
)
from coorace_desktop.domain.enums import ActionKind, ActionOutcome, ProjectHolderStatus
from coorace_desktop.domain.governance import StaffMember
from coorace_desktop.domain.organisations import Organisation, Person
from coorace_desktop.domain.text import action_search_key, fold
from coorace_desktop.domain.validation import DeletedMeanwhileError, ValidationError, required_text
from coorace_desktop.services.listing import match_rank, search_condition
from coorace_desktop.storage.database import Database

# The table behind each kind of named beneficiary, and the action column pointing at it.
BENEFICIARY_TABLES = {
    BeneficiaryKind.ORGANISATION: (Organisation, SupportAction.organisation_id),
    BeneficiaryKind.PROJECT_HOLDER: (ProjectHolder, SupportAction.project_holder_id),
    BeneficiaryKind.TERRITORY: (Territory, SupportAction.territory_id),
}


class ActionNotFoundError(DeletedMeanwhileError):
    message = "Cette action n'existe plus : elle a peut-être été supprimée entre-temps."


@dataclass(frozen=True, slots=True)
class Choice:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class BeneficiaryChoice:
    """A named beneficiary the form can pick: 'AJE (Adhérent)'."""

    ref: BeneficiaryRef
    name: str

    @property
    def text(self) -> str:
        return f"{self.name} ({BENEFICIARY_KIND_LABELS[self.ref.kind]})"


@dataclass(frozen=True, slots=True)
class ActionDetails:
    """A stored action as the form shows it."""

    id: int
    draft: ActionDraft
    beneficiary: BeneficiaryChoice | None

    @property
    def historical(self) -> bool:
        """A summary record from a past report, which never named its officer."""
        return self.draft.officer_id is None


# -- choices
def officer_choices(
    database: Database, *, on: date | None = None, include_id: int | None = None, everyone: bool = False
) -> list[Choice]:
    """Staff in post on the day (default today), plus include_id (the officer of an action being
    edited); everyone=True also lists those who left (for filtering past actions)."""
    on = on or date.today()
    in_post = true() if everyone else or_(StaffMember.end_on.is_(None), StaffMember.end_on >= on)
    if include_id is not None:
        in_post = or_(in_post, StaffMember.id == include_id)
    with database.session() as session:
        rows = session.execute(
            select(StaffMember.id, Person.first_name, Person.last_name)
            .join(Person, Person.id == StaffMember.person_id)
            .where(in_post)
            .order_by(Person.name_key)
        ).all()
    return [Choice(id, f"{first} {last}".strip()) for id, first, last in rows]


def programme_choices(database: Database) -> list[Choice]:
    """Active programmes, alphabetical without regard to accents."""
    with database.session() as session:
        rows = session.execute(select(Programme.id, Programme.name).where(Programme.active)).all()
    return sorted((Choice(id, name) for id, name in rows), key=lambda choice: fold(choice.name))


def add_programme(database: Database, name: str) -> int:
    """A programme the office adds itself; refuses a name already used (accents and case aside)."""
    name = required_text(name, "Le nom du programme")
    with database.session() as session:
        existing = session.execute(select(Programme.name)).scalars().all()
        if any(fold(other) == fold(name) for other in existing):
            raise ValidationError(f"Le programme « {name} » existe déjà.")
        return session.execute(insert(Programme).values(name=name, active=True).returning(Programme.id)).scalar_one()


def search_beneficiaries(database: Database, text: str, limit: int = 20) -> list[BeneficiaryChoice]:
    """Members, project holders (not yet members) and territories whose name holds every typed word,
    best match first (exact name, name start, word start, anywhere), then the most recently helped."""
    ranked: list[tuple[int, int, str, BeneficiaryChoice]] = []
    with database.session() as session:
        for kind, (table, column) in BENEFICIARY_TABLES.items():
            rank = match_rank(table.name_key, text)
            last_action = select(func.max(SupportAction.id)).where(column == table.id).scalar_subquery()
            statement = (
                select(table.id, table.name, rank, func.coalesce(last_action, 0))
                .order_by(rank, func.coalesce(last_action, 0).desc(), table.name_key)
                .limit(limit)
            )
            condition = search_condition(table.name_key, text)
            if condition is not None:
                statement = statement.where(condition)
            if table is ProjectHolder:
                # once a member, new actions go to the organisation
                statement = statement.where(ProjectHolder.status != ProjectHolderStatus.CONVERTED)
            ranked += [
                (rank_value, -last, fold(name), BeneficiaryChoice(BeneficiaryRef(kind, id), name))
                for id, name, rank_value, last in session.execute(statement)
            ]
    return [choice for *_keys, choice in sorted(ranked, key=lambda row: row[:3])][:limit]


def beneficiary_choice(database: Database, ref: BeneficiaryRef) -> BeneficiaryChoice | None:
    table, _column = BENEFICIARY_TABLES[ref.kind]
    with database.session() as session:
        name = session.execute(select(table.name).where(table.id == ref.id)).scalar_one_or_none()
    return None if name is None else BeneficiaryChoice(ref, name)


def last_entry_defaults(database: Database) -> tuple[int | None, int | None]:
    """(officer, programme) of the latest action logged with an officer: what a new form proposes."""
    with database.session() as session:
        row = session.execute(
            select(SupportAction.officer_id, SupportAction.programme_id)
            .where(SupportAction.officer_id.is_not(None))
            .order_by(SupportAction.id.desc())
            .limit(1)
        ).first()
    return (row.officer_id, row.programme_id) if row else (None, None)


# -- commands
def _columns(draft: ActionDraft) -> dict:
    columns = {
        "action_date": draft.action_date,
        "officer_id": draft.officer_id,
        "programme_id": draft.programme_id,
        "kind": draft.kind,
        "group_count": draft.group_count,
        "group_label": draft.group_label,
        "hours": draft.hours,
        "outcome": draft.outcome,
        "notes": draft.notes,
        "search_key": action_search_key(draft.group_label, draft.notes),
    }
    for kind, (_table, column) in BENEFICIARY_TABLES.items():
        columns[column.key] = draft.beneficiary.id if draft.beneficiary and draft.beneficiary.kind == kind else None
    return columns


def _checked(draft: ActionDraft, officer_required: bool) -> ActionDraft:
    errors = action_errors(draft, today=date.today(), officer_required=officer_required)
    if errors:
        raise ValidationError(next(iter(errors.values())))
    return clean_action(draft)


def _check_references(session, draft: ActionDraft) -> None:
    """Things picked in the form may have been deleted meanwhile: say which, in French."""
    if session.get(Programme, draft.programme_id) is None:
        raise ValidationError("Ce programme n'existe plus : choisissez-en un autre.")
    if draft.officer_id is not None and session.get(StaffMember, draft.officer_id) is None:
        raise ValidationError("Ce ou cette chargé·e de mission n'existe plus dans l'équipe.")
    if draft.beneficiary is not None:
        table, _column = BENEFICIARY_TABLES[draft.beneficiary.kind]
        if session.get(table, draft.beneficiary.id) is None:
            raise ValidationError("Ce bénéficiaire n'existe plus : choisissez-en un autre.")


def create_action(database: Database, draft: ActionDraft) -> int:
    """Log a new action (an officer is required); returns its id."""
    draft = _checked(draft, officer_required=True)
    with database.session() as session:
        _check_references(session, draft)
        return session.execute(insert(SupportAction).values(**_columns(draft)).returning(SupportAction.id)).scalar_one()


def update_action(database: Database, action_id: int, draft: ActionDraft) -> None:
    """Save an edited action; a historical summary record may keep its unknown officer."""
    with database.session() as session:
        officer = session.execute(
            select(SupportAction.officer_id, SupportAction.id).where(SupportAction.id == action_id)
        ).first()
        if officer is None:
            raise ActionNotFoundError(action_id)
        draft = _checked(draft, officer_required=officer.officer_id is not None)
        _check_references(session, draft)
        session.execute(
            update(SupportAction).where(SupportAction.id == action_id)
            .values(**_columns(draft), version=SupportAction.version + 1)  # domain/versioning.py
        )


def delete_action(database: Database, action_id: int) -> None:
    with database.session() as session:
        session.execute(delete(SupportAction).where(SupportAction.id == action_id))


def action_details(database: Database, action_id: int) -> ActionDetails:
    with database.session() as session:
        action = session.get(SupportAction, action_id)
        if action is None:
            raise ActionNotFoundError(action_id)
        ref = None
        for kind, (_table, column) in BENEFICIARY_TABLES.items():
            if (value := getattr(action, column.key)) is not None:
                ref = BeneficiaryRef(kind, value)
        draft = ActionDraft(
            action_date=action.action_date,
            officer_id=action.officer_id,
            programme_id=action.programme_id,
            kind=ActionKind(action.kind),
            beneficiary=ref,
            group_count=action.group_count,
            group_label=action.group_label,
            hours=action.hours,
            outcome=ActionOutcome(action.outcome),
            notes=action.notes,
        )
    return ActionDetails(action_id, draft, beneficiary_choice(database, ref) if ref else None)


def action_years(database: Database) -> list[int]:
    """The years from the oldest action to the newest (two index look-ups, whatever the size)."""
    with database.session() as session:
        # two statements: SQLite answers a lone min() or max() from the index, not both at once
        first = session.execute(select(func.min(SupportAction.action_date))).scalar()
        last = session.execute(select(func.max(SupportAction.action_date))).scalar()
    return list(range(last.year, first.year - 1, -1)) if first else []
