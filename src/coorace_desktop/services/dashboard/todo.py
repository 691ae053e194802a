"""The dashboard's « À faire »: what needs doing, each line with its count, drawn from the rules
the other areas already apply (mandates ending soon, the report's Vérifier, members' figures)."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import and_, func, select

from coorace_desktop.domain.enums import EventStatus
from coorace_desktop.domain.events import Event
from coorace_desktop.domain.french import plural, whole_euros
from coorace_desktop.domain.organisations import MembershipFee
from coorace_desktop.services.events.registrations import attendance_not_entered, nobody_recorded
from coorace_desktop.services.fees.fee_list import OWED_FEES, received_sql
from coorace_desktop.services.governance.lists import ENDS_SOON, ON, count_seats
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.reporting.check import Severity, check_report
from coorace_desktop.services.reporting.member_figures import members_missing_figures
from coorace_desktop.storage.database import Database
from coorace_desktop.storage.outside_copies import last_outside_copy
from coorace_desktop.storage.rotation import list_backups

BACKUP_MAX_AGE = timedelta(days=7)
MANDATES, FIGURES, SILENT_EVENTS, UNMARKED_EVENTS, UNPAID_FEES, REPORT_FINDINGS, BACKUP = (
    "mandates", "figures", "silent_events", "unmarked_events", "unpaid_fees", "report_findings", "backup",
)


@dataclass(frozen=True, slots=True)
class TodoLine:
    key: str
    count: int  # 0: nothing to do
    text: str  # the French line, count included
    area: str | None = None  # where it is done: members, governance, events or reporting
    filters: dict[str, object] = field(default_factory=dict)  # what that tab shows (its show_filtered)


def todo_lines(database: Database, today: date, now: datetime | None = None) -> list[TodoLine]:
    """Every line of « À faire » on `today`, those with nothing to do included (count 0)."""
    report_year = today.year - 1
    mandates = count_seats(database, ListQuery(filters={ON: today, ENDS_SOON: True}))
    missing = len(members_missing_figures(database, report_year))
    silent, unmarked = past_events_to_complete(database, today)
    unpaid, unpaid_amount, unpaid_year = unpaid_fees(database, today)
    warnings = sum(finding.severity is Severity.WARNING for finding in check_report(database, report_year))
    return [
        TodoLine(MANDATES, mandates, f"{plural(mandates, 'mandat', 'mandats')} au conseil finissant dans les 3 mois", "governance"),
        TodoLine(FIGURES, missing, f"{plural(missing, 'adhérent', 'adhérents')} sans chiffres pour {report_year}", "members"),
        TodoLine(SILENT_EVENTS, silent, f"{plural(silent, 'événement passé', 'événements passés')} sans participants", "events"),
        TodoLine(UNMARKED_EVENTS, unmarked,
                 f"{plural(unmarked, 'événement passé', 'événements passés')} avec des inscrits, présences non saisies", "events"),
        TodoLine(
            UNPAID_FEES, unpaid,
            f"{plural(unpaid, 'cotisation impayée', 'cotisations impayées')} après l'échéance"
            + (f" ({whole_euros(unpaid_amount)})" if unpaid else ""),
            "members", {OWED_FEES: unpaid_year} if unpaid else {},
        ),
        TodoLine(REPORT_FINDINGS, warnings, f"{plural(warnings, 'point', 'points')} à vérifier avant le rapport {report_year}", "reporting"),
        backup_line(database, now or datetime.now().astimezone()),
    ]


def past_events_to_complete(database: Database, today: date) -> tuple[int, int]:
    """Events dated before today, not cancelled: those with no participant recorded, and those
    with registrations whose attendance is not entered (the rules of Vérifier)."""
    past = and_(Event.starts_on < today, Event.status != EventStatus.CANCELLED)
    query = select(func.count().filter(and_(past, nobody_recorded())), func.count().filter(attendance_not_entered(today)))
    with database.session() as session:
        silent, unmarked = session.execute(query.select_from(Event)).one()
    return silent, unmarked


def unpaid_fees(database: Database, today: date) -> tuple[int, int, int | None]:
    """Calls past their due date and not paid in full: how many, how much is still owed, and the
    latest year they are of (the Cotisations page the line opens; None without any)."""
    owed = MembershipFee.amount - received_sql(MembershipFee)
    query = select(func.count(), func.coalesce(func.sum(owed), 0), func.max(MembershipFee.year)).where(
        MembershipFee.number.is_not(None), MembershipFee.cancelled_on.is_(None), MembershipFee.due_on < today, owed > 0
    )
    with database.session() as session:
        count, amount, year = session.execute(query).one()
    return count, int(amount), year


def backup_line(database: Database, now: datetime) -> TodoLine:
    """1 when the database was never copied outside the data folder (the automatic backups share
    its disk) or its newest such copy is older than BACKUP_MAX_AGE; a server database is backed
    up by its server: 0."""
    if database.path is None:
        return TodoLine(BACKUP, 0, "Sauvegarde assurée par le serveur")
    copy = last_outside_copy(database.path)
    if copy is None:
        backups = list_backups(database=database.path)
        if not backups:
            return TodoLine(BACKUP, 1, "Base jamais sauvegardée ni copiée hors du dossier de données")
        return TodoLine(BACKUP, 1, "Base jamais copiée hors du dossier de données (dernière sauvegarde le "
                                   f"{backups[0].created_at:%d/%m/%Y}, sur le même disque)")
    if now - copy.created_at > BACKUP_MAX_AGE:
        age = (now - copy.created_at).days
        return TodoLine(BACKUP, 1, f"Dernière copie hors du dossier de données il y a {plural(age, 'jour', 'jours')}")
    return TodoLine(BACKUP, 0, f"Dernière copie hors du dossier de données le {copy.created_at:%d/%m/%Y}")
