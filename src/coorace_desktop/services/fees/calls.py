"""Calls (appels de cotisation): numbered per year without a gap or a repeat.

Calls are written in batches, each one transaction that first takes the year's counter
(`fee_scales.last_number`) with an UPDATE, so that two connections (two windows on a server)
wait for each other and never give the same number; a generation cancelled between batches
keeps the batches done, numbered 1…n, and numbers nothing of the rest."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, insert, select, update

from coorace_desktop.domain.fee_rules import call_number
from coorace_desktop.domain.fees import FeePayment, FeeScale
from coorace_desktop.domain.french import plural
from coorace_desktop.domain.organisations import MembershipFee, Organisation
from coorace_desktop.domain.progress import Progress, no_progress
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.fees.scale import PreviewLine, preview
from coorace_desktop.storage.database import Database

BATCH = 500


@dataclass(frozen=True, slots=True)
class CallsOutcome:
    year: int
    called: tuple[int, ...]  # fee ids, in number order
    organisation_ids: tuple[int, ...]  # of the calls made, in number order
    first_number: int | None
    last_number: int | None
    missing: tuple[str, ...]  # members the scale cannot charge (no figure, no manual amount)
    already: int  # members already called (or cancelled) this year

    def summary(self) -> str:
        if not self.called:
            text = "Aucun appel à faire"
        else:
            text = (f"{plural(len(self.called), 'appel', 'appels')} de cotisation "
                    f"{call_number(self.year, self.first_number)} à {call_number(self.year, self.last_number)}")
        if self.already:
            text += f" ; {plural(self.already, 'adhérent déjà appelé', 'adhérents déjà appelés')}"
        if self.missing:
            text += (f" ; {plural(len(self.missing), 'adhérent', 'adhérents')} sans le chiffre du barème ni montant saisi, "
                     f"non {'appelé' if len(self.missing) == 1 else 'appelés'} : {', '.join(self.missing)}")
        return text + "."


def generate_calls(
    database: Database, year: int, organisation_ids: set[int] | None = None, called_on: date | None = None,
    progress: Progress = no_progress, batch: int = BATCH,
) -> CallsOutcome:
    """Call the year's members not called yet (all, or those of `organisation_ids`) at the
    scale's amount or their manual one; members lacking the scale's figure are named, not called."""
    called_on = called_on or date.today()
    with database.session() as session:
        scale = session.get(FeeScale, year)
        if scale is None:
            raise ValidationError(f"Aucun barème pour {year} : enregistrez le barème de l'année avant d'appeler les cotisations.")
        due_on = called_on + timedelta(days=scale.due_days)
    lines = [line for line in preview(database, year) if organisation_ids is None or line.organisation_id in organisation_ids]
    already = sum(1 for line in lines if line.number is not None)
    missing = tuple(line.name for line in lines if line.number is None and line.missing_figure)
    todo = [line for line in lines if line.number is None and not line.missing_figure]
    called: list[tuple[int, int, int]] = []  # (number, fee id, organisation id)
    for start in range(0, len(todo), batch):
        progress(start, len(todo), f"Appels de cotisation : {start} sur {len(todo)}")
        called += _call_batch(database, year, todo[start:start + batch], called_on, due_on)
    progress(len(todo), len(todo), "")
    return CallsOutcome(year, tuple(fee_id for _, fee_id, _ in called), tuple(organisation_id for _, _, organisation_id in called),
                        called[0][0] if called else None, called[-1][0] if called else None, missing, already)


def _call_batch(database: Database, year: int, lines: list[PreviewLine], called_on: date, due_on: date) -> list[tuple[int, int, int]]:
    """Number and write one batch's calls; (number, fee id, organisation id) of each."""
    with database.session() as session:
        # The UPDATE takes the year's counter first (a row lock on PostgreSQL, the write lock on
        # SQLite); what another connection called meanwhile is read after it, and left alone.
        session.execute(update(FeeScale).where(FeeScale.year == year).values(last_number=FeeScale.last_number))
        last = session.scalar(select(FeeScale.last_number).where(FeeScale.year == year))
        wanted = [line.organisation_id for line in lines]
        existing = dict(session.execute(
            select(MembershipFee.organisation_id, MembershipFee.number)
            .where(MembershipFee.year == year, MembershipFee.organisation_id.in_(wanted))
        ).all())
        alive = set(session.scalars(select(Organisation.id).where(Organisation.id.in_(wanted))))
        lines = [line for line in lines if line.organisation_id in alive and existing.get(line.organisation_id) is None]
        new_rows, updates = [], []
        for offset, line in enumerate(lines, start=1):
            values = dict(number=last + offset, called_on=called_on, due_on=due_on, amount=line.amount)
            if line.organisation_id in existing:  # a manual amount recorded before the call
                updates.append((line.organisation_id, values))
            else:
                new_rows.append(dict(values, organisation_id=line.organisation_id, year=year, manual_reason="", reminder_level=0))
        if new_rows:
            session.execute(insert(MembershipFee), new_rows)
        for organisation_id, values in updates:
            session.execute(update(MembershipFee).where(
                MembershipFee.organisation_id == organisation_id, MembershipFee.year == year).values(**values))
        if not lines:
            return []
        session.execute(update(FeeScale).where(FeeScale.year == year).values(last_number=last + len(lines)))
        return [tuple(row) for row in session.execute(
            select(MembershipFee.number, MembershipFee.id, MembershipFee.organisation_id)
            .where(MembershipFee.year == year, MembershipFee.number > last).order_by(MembershipFee.number)
        )]


def cancel_call(database: Database, fee_id: int, on: date | None = None) -> None:
    """Cancel a call (it keeps its number; payments already received stay recorded)."""
    with database.session() as session:
        fee = _fee(session, fee_id)
        if fee.number is None:
            raise ValidationError("Cette cotisation n'est pas appelée : il n'y a rien à annuler.")
        fee.cancelled_on = on or date.today()
        session.add(fee)


def delete_call(database: Database, fee_id: int) -> None:
    """Delete a call made by mistake: refused when it has payments, and for any but the year's
    last number (numbers never skip: cancel it instead)."""
    with database.session() as session:
        fee = _fee(session, fee_id)
        payments = session.scalar(select(func.count()).select_from(FeePayment).where(FeePayment.fee_id == fee_id))
        if payments:
            raise ValidationError(
                f"L'appel {call_number(fee.year, fee.number)} a {plural(payments, 'paiement', 'paiements')} : "
                "il ne peut pas être supprimé (annulez-le, ou supprimez d'abord les paiements saisis par erreur)."
            )
        if fee.number is not None:
            session.execute(update(FeeScale).where(FeeScale.year == fee.year).values(last_number=FeeScale.last_number))
            last = session.scalar(select(FeeScale.last_number).where(FeeScale.year == fee.year))
            if fee.number != last:
                raise ValidationError(
                    f"Seul le dernier appel de {fee.year} ({call_number(fee.year, last)}) peut être supprimé, pour que "
                    f"les numéros se suivent sans trou : annulez plutôt l'appel {call_number(fee.year, fee.number)}."
                )
            session.execute(update(FeeScale).where(FeeScale.year == fee.year).values(last_number=last - 1))
        session.delete(fee)


def _fee(session, fee_id: int) -> MembershipFee:
    fee = session.get(MembershipFee, fee_id)
    if fee is None:
        raise ValidationError("Cette cotisation n'existe plus : elle a peut-être été supprimée entre-temps.")
    return fee
