"""Reminders (relances): who is due for which level today, and recording a reminder run."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update

from coorace_desktop.domain.fee_rules import ReminderDelays, reminder_due
from coorace_desktop.domain.fees import FeeScale
from coorace_desktop.domain.organisations import MembershipFee
from coorace_desktop.domain.progress import Progress, no_progress
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.fees.fee_list import YEAR, FeeRow, list_fees
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.storage.database import Database


@dataclass(frozen=True, slots=True)
class DueReminder:
    fee: FeeRow
    level: int
    text: str  # the level's text, from the year's scale

    @property
    def balance(self) -> int:
        return self.fee.outstanding


def due_reminders(database: Database, year: int, today: date | None = None) -> list[DueReminder]:
    """The year's fees due for a reminder today (level 1 after the due date and its delay,
    level 2 after the level-1 reminder and its delay), by organisation name."""
    today = today or date.today()
    with database.session() as session:
        scale = session.get(FeeScale, year)
    if scale is None:
        return []
    delays = ReminderDelays(scale.due_days, scale.reminder1_days, scale.reminder2_days)
    texts = {1: scale.reminder1_text, 2: scale.reminder2_text}
    due = []
    for row in list_fees(database, ListQuery(filters={YEAR: year})):
        reminded_on = None
        if row.reminder_level == 1:
            reminded_on = _reminded_on(database, row.fee_id)
        level = reminder_due(row.status, row.reminder_level, row.due_on, reminded_on, delays, today)
        if level is not None:
            due.append(DueReminder(row, level, texts[level]))
    return due


def _reminded_on(database: Database, fee_id: int) -> date | None:
    with database.session() as session:
        return session.scalar(select(MembershipFee.reminded_on).where(MembershipFee.id == fee_id))


def record_reminders(database: Database, reminders: list[DueReminder], today: date | None = None,
                     progress: Progress = no_progress) -> int:
    """Mark each fee as reminded at its level today, in one transaction; how many."""
    today = today or date.today()
    if not reminders:
        raise ValidationError("Aucune relance à faire aujourd'hui.")
    progress(0, len(reminders), "Relances…")
    with database.session() as session:
        for reminder in reminders:
            session.execute(
                update(MembershipFee)
                .where(MembershipFee.id == reminder.fee.fee_id, MembershipFee.reminder_level == reminder.level - 1)
                .values(reminder_level=reminder.level, reminded_on=today)
            )
    progress(len(reminders), len(reminders), "")
    return len(reminders)
