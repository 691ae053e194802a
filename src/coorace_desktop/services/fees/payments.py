"""Payments of a fee: whole or partial, by transfer, cheque, direct debit or cash."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from coorace_desktop.domain.enums import PaymentMethod
from coorace_desktop.domain.fee_rules import call_number, check_payment, payment_amount
from coorace_desktop.domain.fees import FeePayment
from coorace_desktop.domain.french import whole_euros
from coorace_desktop.domain.organisations import Membership, MembershipFee, Organisation
from coorace_desktop.domain.periods import holds_on_sql
from coorace_desktop.domain.text import fold
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.storage.database import Database


@dataclass(frozen=True, slots=True)
class PaymentInput:
    amount: str | int  # as typed: « 150 », « 1 200 »
    paid_on: date
    method: PaymentMethod
    reference: str = ""


@dataclass(frozen=True, slots=True)
class PaymentRow:
    id: int
    amount: int
    paid_on: date
    method: PaymentMethod
    reference: str


def called_fee(database: Database, organisation_id: int, year: int) -> int:
    """The id of the organisation's called fee of `year`, or a French refusal."""
    with database.session() as session:
        fee = session.scalars(
            select(MembershipFee).where(MembershipFee.organisation_id == organisation_id, MembershipFee.year == year)
        ).first()
        if fee is None or fee.number is None:
            raise ValidationError(f"La cotisation {year} de cet adhérent n'est pas appelée : appelez-la avant d'enregistrer un paiement.")
        return fee.id


def find_organisation(database: Database, text: str) -> tuple[int, str]:
    """The organisation a command line names (number, or its name without regard to accents or case)."""
    with database.session() as session:
        if text.strip().isdigit():
            found = session.execute(select(Organisation.id, Organisation.name).where(Organisation.id == int(text))).all()
        else:
            key = fold(text)
            found = session.execute(select(Organisation.id, Organisation.name).where(Organisation.name_key == key)).all()
            if not found:
                found = session.execute(
                    select(Organisation.id, Organisation.name).where(Organisation.name_key.like(f"%{key}%")).order_by(Organisation.name_key)
                ).all()
    if not found:
        raise ValidationError(f"Aucun adhérent ne s'appelle « {text} ».")
    if len(found) > 1:
        names = ", ".join(f"{name} (n° {organisation_id})" for organisation_id, name in found[:5])
        raise ValidationError(f"Plusieurs adhérents répondent à « {text} » : {names}… Donnez le nom exact ou le numéro.")
    return tuple(found[0])


def record_payment(database: Database, fee_id: int, payment: PaymentInput, confirmed: bool = False) -> list[str]:
    """Record a payment; the warnings to show (an organisation that has left). Refused in French:
    an amount not a number, negative or zero; above the balance unless `confirmed`
    (OverpaymentError); a fee not called or cancelled."""
    amount = payment_amount(payment.amount)
    if payment.method is PaymentMethod.UNKNOWN:
        raise ValidationError("Choisissez le mode de paiement : virement, chèque, prélèvement ou espèces.")
    with database.session() as session:
        fee = session.get(MembershipFee, fee_id)
        if fee is None:
            raise ValidationError("Cette cotisation n'existe plus : elle a peut-être été supprimée entre-temps.")
        if fee.number is None:
            raise ValidationError(f"La cotisation {fee.year} n'est pas appelée : appelez-la avant d'enregistrer un paiement.")
        if fee.cancelled_on is not None:
            raise ValidationError(f"L'appel {call_number(fee.year, fee.number)} est annulé : un paiement ne peut plus y être saisi.")
        received = session.scalar(select(func.coalesce(func.sum(FeePayment.amount), 0)).where(FeePayment.fee_id == fee_id))
        check_payment(amount, max(fee.amount - received, 0), confirmed)
        session.add(FeePayment(fee_id=fee_id, amount=amount, paid_on=payment.paid_on, method=payment.method,
                               reference=" ".join(payment.reference.split())))
        member = session.scalar(select(func.count()).select_from(Membership).where(
            Membership.organisation_id == fee.organisation_id, holds_on_sql(Membership.joined_on, Membership.left_on, payment.paid_on)))
        name = session.scalar(select(Organisation.name).where(Organisation.id == fee.organisation_id))
    warnings = []
    if not member:
        warnings.append(f"{name} n'est plus adhérent au {payment.paid_on:%d/%m/%Y} : le paiement de {whole_euros(amount)} est enregistré quand même.")
    return warnings


def payments_of(database: Database, fee_id: int) -> list[PaymentRow]:
    with database.session() as session:
        rows = session.scalars(select(FeePayment).where(FeePayment.fee_id == fee_id).order_by(FeePayment.paid_on, FeePayment.id)).all()
    return [PaymentRow(p.id, p.amount, p.paid_on, PaymentMethod(p.method), p.reference) for p in rows]


def delete_payment(database: Database, payment_id: int) -> None:
    """Delete a payment entered by mistake."""
    with database.session() as session:
        payment = session.get(FeePayment, payment_id)
        if payment is None:
            raise ValidationError("Ce paiement n'existe plus : il a peut-être été supprimé entre-temps.")
        session.delete(payment)
