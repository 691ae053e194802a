"""The fee campaign's pure rules: a scale's amount for a member, a fee's status, a payment's
amount as typed, and which reminder a fee is due for on a day."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from coorace_desktop.domain.enums import FeeBasis, FeeStatus, SiaeType
from coorace_desktop.domain.french import whole_euros
from coorace_desktop.domain.validation import ValidationError

REMINDER_LEVELS = (1, 2)


@dataclass(frozen=True, slots=True)
class ScaleRules:
    """A year's scale as the computation reads it (brackets sorted by lower bound)."""

    basis: FeeBasis = FeeBasis.NONE
    minimum: int = 0
    maximum: int | None = None
    type_amounts: Mapping[SiaeType, int] = field(default_factory=dict)
    brackets: tuple[tuple[float, int], ...] = ()  # (lower bound, amount)


@dataclass(frozen=True, slots=True)
class Computed:
    """A member's amount by the scale; None when the brackets need a figure the member lacks."""

    amount: int | None
    figure: float | None


def check_scale(rules: ScaleRules) -> None:
    """ValidationError in French when the scale cannot be applied."""
    if rules.minimum < 0 or (rules.maximum is not None and rules.maximum < 0):
        raise ValidationError("Le minimum et le maximum ne peuvent pas être négatifs.")
    if rules.maximum is not None and rules.maximum < rules.minimum:
        raise ValidationError(f"Le maximum ({whole_euros(rules.maximum)}) est inférieur au minimum ({whole_euros(rules.minimum)}).")
    if any(amount < 0 for amount in rules.type_amounts.values()) or any(amount < 0 for _, amount in rules.brackets):
        raise ValidationError("Un montant du barème est négatif.")
    bounds = [bound for bound, _ in rules.brackets]
    if any(bound < 0 for bound in bounds):
        raise ValidationError("Le seuil d'une tranche ne peut pas être négatif.")
    if len(set(bounds)) != len(bounds):
        raise ValidationError("Deux tranches commencent au même seuil.")
    if rules.brackets and rules.basis is FeeBasis.NONE:
        raise ValidationError("Des tranches sont saisies : choisissez le chiffre auquel elles s'appliquent.")


def basis_figure(basis: FeeBasis, turnover: float | None, insertion_employees: float | None,
                 permanent_staff: float | None, fte: float | None) -> float | None:
    """The member's figure a scale's brackets read; None when unknown (never 0)."""
    if basis is FeeBasis.TURNOVER:
        return turnover
    if basis is FeeBasis.FTE:
        return fte
    if basis is FeeBasis.HEADCOUNT:
        known = [value for value in (insertion_employees, permanent_staff) if value is not None]
        return sum(known) if known else None
    return None


def compute_amount(rules: ScaleRules, types: Iterable[SiaeType], figure: float | None) -> Computed:
    """The highest fixed amount of the member's agreement types, plus its bracket's amount,
    held between the minimum and the maximum."""
    amount = max((rules.type_amounts.get(siae_type, 0) for siae_type in types), default=0)
    if rules.brackets:
        if figure is None:
            return Computed(None, None)
        amount += next((bracket_amount for bound, bracket_amount in reversed(rules.brackets) if figure >= bound), 0)
    amount = max(amount, rules.minimum)
    if rules.maximum is not None:
        amount = min(amount, rules.maximum)
    return Computed(amount, figure)


def fee_status(called: bool, cancelled: bool, amount: int, received: int, reminder_level: int) -> FeeStatus:
    if cancelled:
        return FeeStatus.CANCELLED
    if not called:
        return FeeStatus.NOT_CALLED
    if received >= amount:
        return FeeStatus.PAID
    if received > 0:
        return FeeStatus.PARTIAL
    return FeeStatus.REMINDED if reminder_level else FeeStatus.CALLED


def status_text(status: FeeStatus, reminder_level: int) -> str:
    """« Relancée (niveau 2) »; the label otherwise."""
    if status is FeeStatus.REMINDED or (status is FeeStatus.PARTIAL and reminder_level):
        return f"{status.label} (relance {reminder_level})"
    return status.label


def call_number(year: int, number: int | None) -> str:
    """« 2021-014 »; '' for a fee not called."""
    return "" if number is None else f"{year}-{number:03d}"


class OverpaymentError(ValidationError):
    """A payment above what remains due: accepted only once the user confirms."""


def payment_amount(text: str | int) -> int:
    """A payment's amount as typed (« 150 », « 1 200 », « 150,00 ») in whole euros, or a French refusal."""
    if isinstance(text, int):
        value = text
    else:
        cleaned = text.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace("€", "").replace(",", ".")
        try:
            number = float(cleaned)
        except ValueError:
            raise ValidationError(f"Le montant « {text.strip()} » n'est pas un nombre.") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise ValidationError(f"Le montant « {text.strip()} » n'est pas un nombre.")
        if number != int(number):
            raise ValidationError("Le montant se saisit en euros entiers (sans centimes).")
        value = int(number)
    if value < 0:
        raise ValidationError("Le montant d'un paiement ne peut pas être négatif.")
    if value == 0:
        raise ValidationError("Le montant d'un paiement doit être supérieur à zéro.")
    return value


def check_payment(amount: int, outstanding: int, confirmed: bool) -> None:
    """Refuses a payment above the balance unless `confirmed` (OverpaymentError says by how much)."""
    if amount > outstanding and not confirmed:
        raise OverpaymentError(
            f"Le paiement de {whole_euros(amount)} dépasse le reste dû ({whole_euros(outstanding)})."
        )


@dataclass(frozen=True, slots=True)
class ReminderDelays:
    due_days: int
    level1_days: int
    level2_days: int


def reminder_due(status: FeeStatus, level: int, due_on: date | None, reminded_on: date | None,
                 delays: ReminderDelays, today: date) -> int | None:
    """The reminder level a fee is due for today, or None: level 1 once `level1_days` after the
    due date, level 2 once `level2_days` after the level-1 reminder; only for a fee still owed."""
    if status not in (FeeStatus.CALLED, FeeStatus.REMINDED, FeeStatus.PARTIAL) or due_on is None:
        return None
    if level == 0 and today >= due_on + timedelta(days=delays.level1_days):
        return 1
    if level == 1 and reminded_on is not None and today >= reminded_on + timedelta(days=delays.level2_days):
        return 2
    return None
