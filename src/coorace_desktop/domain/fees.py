"""The fee campaign's tables: each year's scale (barème) and the payments of a fee.

The fee of an organisation and year, with its call, is MembershipFee (domain/organisations.py)."""

from datetime import date

from sqlalchemy import String, Text
from sqlmodel import Field

from coorace_desktop.domain.enums import FeeBasis, PaymentMethod, SiaeType
from coorace_desktop.domain.table import Table

DEFAULT_REMINDER_TEXTS = (
    "Sauf erreur de notre part, votre cotisation n'a pas encore été réglée. "
    "Nous vous remercions de bien vouloir procéder à son règlement dans les meilleurs délais.",
    "Malgré notre précédente relance, votre cotisation reste impayée à ce jour. "
    "Sans règlement de votre part, votre adhésion ne pourra être maintenue.",
)


class FeeScale(Table, table=True):
    """A year's scale: brackets of the member's previous-year figure (`basis`) and/or a fixed
    amount per agreement type, between a minimum and a maximum; the due delay and the two
    reminders' delays and texts; and the last call number given in the year."""

    __tablename__ = "fee_scales"

    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    basis: FeeBasis = Field(default=FeeBasis.NONE, sa_type=String(10))
    minimum: int = 0
    maximum: int | None = None
    due_days: int = 30  # the due date is this many days after the call
    reminder1_days: int = 15  # level 1: days after the due date
    reminder1_text: str = Field(default=DEFAULT_REMINDER_TEXTS[0], sa_type=Text)
    reminder2_days: int = 30  # level 2: days after the level-1 reminder
    reminder2_text: str = Field(default=DEFAULT_REMINDER_TEXTS[1], sa_type=Text)
    last_number: int = 0


class FeeTypeAmount(Table, table=True):
    """The fixed amount a scale charges an agreement type (a member holding several pays the highest)."""

    __tablename__ = "fee_type_amounts"

    year: int = Field(foreign_key="fee_scales.year", primary_key=True, ondelete="CASCADE")
    siae_type: SiaeType = Field(sa_type=String(8), primary_key=True)
    amount: int


class FeeBracket(Table, table=True):
    """From `lower_bound` of the basis figure (included) up to the next bracket: `amount`."""

    __tablename__ = "fee_brackets"

    id: int | None = Field(default=None, primary_key=True)
    year: int = Field(foreign_key="fee_scales.year", index=True, ondelete="CASCADE")
    lower_bound: float
    amount: int


class FeePayment(Table, table=True):
    """A payment (or part payment) of a fee, in whole euros."""

    __tablename__ = "fee_payments"

    id: int | None = Field(default=None, primary_key=True)
    fee_id: int = Field(foreign_key="membership_fees.id", index=True, ondelete="CASCADE")
    amount: int
    paid_on: date
    method: PaymentMethod = Field(sa_type=String(12))
    reference: str = ""
