"""What the governance commands share: rows that must still exist, drafts that must be valid."""

from datetime import date
from typing import TypeVar

from sqlmodel import Session, SQLModel, select

from coorace_desktop.domain import BoardMandate, Membership, Organisation, Person
from coorace_desktop.domain.governance_rules import membership_warning
from coorace_desktop.domain.names import display_name
from coorace_desktop.domain.periods import Period, holds_on_sql
from coorace_desktop.domain.validation import ValidationError

Row = TypeVar("Row", bound=SQLModel)

# What the user reads when a row was deleted (by another window, another user) meanwhile.
GONE = {
    "BoardMandate": "Ce mandat n'existe plus : il a peut-être été supprimé entre-temps.",
    "BureauOffice": "Cette fonction n'existe plus : elle a peut-être été supprimée entre-temps.",
    "GeneralAssembly": "Cette assemblée générale n'existe plus : elle a peut-être été supprimée entre-temps.",
    "StaffMember": "Ce poste n'existe plus : il a peut-être été supprimé entre-temps.",
    "DelegationSite": "Ce site de la délégation n'existe plus : choisissez-en un autre.",
    "Organisation": "Cet adhérent n'existe plus : il a peut-être été supprimé entre-temps.",
}


def existing(session: Session, table: type[Row], row_id: int | None) -> Row:
    """The row, or a French refusal when it no longer exists."""
    row = session.get(table, row_id) if row_id is not None else None
    if row is None:
        raise ValidationError(GONE[table.__name__])
    return row


def refuse_if_invalid(errors: dict[str, str]) -> None:
    """A draft the dialog would not have let through (the first message, as a refusal)."""
    if errors:
        raise ValidationError(next(iter(errors.values())))


def person_name(session: Session, person_id: int) -> str:
    person = session.get(Person, person_id)
    return display_name(person.first_name, person.last_name) if person else ""


def representation_warnings(session: Session, organisation_id: int, on: date, since: date | None = None) -> list[str]:
    """Warnings, not refusals: the organisation is not a member on that date (a former member may
    still sit), or is already represented on the board then (by mandates started on or after
    `since`, when given: older ones are about to end)."""
    organisation = existing(session, Organisation, organisation_id)
    memberships = session.exec(
        select(Membership.joined_on, Membership.left_on).where(Membership.organisation_id == organisation_id)
    ).all()
    warnings = [membership_warning(organisation.name, [Period(joined, left) for joined, left in memberships], on)]
    sitting = (
        select(Person.first_name, Person.last_name)
        .join(BoardMandate, BoardMandate.person_id == Person.id)
        .where(BoardMandate.organisation_id == organisation_id, holds_on_sql(BoardMandate.start_on, BoardMandate.end_on, on))
    )
    if since is not None:
        sitting = sitting.where(BoardMandate.start_on >= since)
    names = [display_name(first, last) for first, last in session.exec(sitting).all()]
    if names:
        warnings.append(
            f"{organisation.name} est déjà représenté au conseil par {' et '.join(names)} : vérifiez qu'un second siège est voulu."
        )
    return [warning for warning in warnings if warning]
