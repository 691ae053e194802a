"""Closing a year: the report as sent is kept (PDF bytes, SHA-256, the facts it printed, who
and when) with a summary of the records behind it, so that a reprint serves what was sent and
the Rapports tab can say what changed in the live data since; reopening says why."""

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from coorace_desktop.domain import (
    ClosedYear,
    Event,
    Organisation,
    Participation,
    Registration,
    SupportAction,
    YearClosingEvent,
    YearlyFigures,
)
from coorace_desktop.domain.enums import AttendanceStatus
from coorace_desktop.domain.french import plural_word
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.services.reporting.report_parts import changed_parts
from coorace_desktop.storage.database import Database

CLOSE, REOPEN = "close", "reopen"
ACTION_LABELS = {CLOSE: "Clôture", REOPEN: "Réouverture"}
# Version of the stored context; a later change of its shape migrates older ones (see report/facts.py).
CONTEXT_VERSION = 1
# Names listed per kind of change at most; the rest is counted.
LISTED_NAMES = 5


@dataclass(frozen=True, slots=True)
class ClosedReport:
    year: int
    closed_at: datetime
    closed_by: str
    sha256: str
    pdf: bytes
    context: dict
    context_version: int
    html: bytes | None = None  # the accessible edition as closed (None: closed before it was kept)

    @property
    def closed_on(self) -> date:
        """The day the figures were stopped, in local time (« chiffres arrêtés au 15/03/2021 »)."""
        return self.closed_at.astimezone().date()


@dataclass(frozen=True, slots=True)
class ClosingEntry:
    action: str
    at: datetime
    by: str
    reason: str
    sha256: str
    id: int


class AlreadyClosedError(ValidationError):
    def __init__(self, year: int):
        super().__init__(f"L'année {year} est déjà close : rouvrez-la d'abord pour la clôturer à nouveau.")


def require_open(database: Database, year: int) -> None:
    """Refuse (AlreadyClosedError) before the work of closing when the year is already closed."""
    with database.session() as session:
        if session.get(ClosedYear, year) is not None:
            raise AlreadyClosedError(year)


def sha256_of(pdf: bytes) -> str:
    return hashlib.sha256(pdf).hexdigest()


def closed_report(database: Database, year: int) -> ClosedReport | None:
    """The year's report as closed, or None while the year is open."""
    with database.session() as session:
        row = session.get(ClosedYear, year)
        if row is None:
            return None
        return ClosedReport(row.year, row.closed_at, row.closed_by, row.sha256, row.pdf, row.context, row.context_version, row.html)


def closed_years(database: Database) -> list[int]:
    with database.session() as session:
        return list(session.exec(select(ClosedYear.year).order_by(ClosedYear.year)))


def close_year(
    database: Database, year: int, pdf: bytes, facts: dict, by: str, *, pages: int, records: dict,
    html: bytes | None = None, now: datetime | None = None,
) -> ClosedReport:
    """Keep the year's report as printed now (`facts`: what it printed, as JSON; `html`: its
    accessible edition), with the records behind it (`records`: live_records() taken before the
    facts were gathered, so that an edit made while the report was drawn is listed as a change,
    never missed); refused if the year is already closed."""
    at = now or datetime.now(UTC)
    try:
        with database.session() as session:
            if session.get(ClosedYear, year) is not None:
                raise AlreadyClosedError(year)
            context = {"facts": facts, "pages": pages, "records": records}
            digest = sha256_of(pdf)
            session.add(
                ClosedYear(year=year, closed_at=at, closed_by=by, pdf=pdf, sha256=digest, context=context, context_version=CONTEXT_VERSION, html=html)
            )
            session.add(YearClosingEvent(year=year, action=CLOSE, at=at, by=by, sha256=digest))
    except IntegrityError:  # closed from another site meanwhile (a shared server)
        raise AlreadyClosedError(year) from None
    return closed_report(database, year)


def reopen_year(database: Database, year: int, reason: str, by: str, now: datetime | None = None) -> None:
    """Drop the year's snapshot; the history keeps its PDF and SHA-256, with the reason."""
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError("Indiquez pourquoi l'année est rouverte : la raison est gardée dans l'historique.")
    with database.session() as session:
        row = session.get(ClosedYear, year)
        if row is None:
            raise ValidationError(f"L'année {year} n'est pas close : rien à rouvrir.")
        session.add(YearClosingEvent(year=year, action=REOPEN, at=now or datetime.now(UTC), by=by, reason=reason, sha256=row.sha256, pdf=row.pdf))
        session.delete(row)


def closing_history(database: Database, year: int) -> list[ClosingEntry]:
    """The closings and reopenings of the year, oldest first."""
    with database.session() as session:
        history = YearClosingEvent
        rows = session.exec(  # not the PDFs the reopenings kept
            select(history.action, history.at, history.by, history.reason, history.sha256, history.id)
            .where(history.year == year).order_by(history.at, history.id)
        )
        return [ClosingEntry(*row) for row in rows]


def reopened_pdf(database: Database, entry_id: int) -> bytes | None:
    """The PDF a reopening set aside (the report as it had been closed), or None."""
    with database.session() as session:
        row = session.get(YearClosingEvent, entry_id)
        return row.pdf if row is not None else None


def live_records(database: Database, year: int) -> dict[str, dict[str, list]]:
    """records_summary() as the live data holds it now, in one read."""
    with database.session() as session:
        return records_summary(session, year)


def records_summary(session: Session, year: int) -> dict[str, dict[str, list]]:
    """What the report of `year` rests on, per kind, keyed by id: every organisation (a new one
    may change a year's members), and the year's events (with their participations and
    registrations), figures and support actions."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    organisations = session.exec(select(Organisation.id, Organisation.name, Organisation.version))
    attendance = (
        select(Participation.event_id, func.count().label("count"), func.sum(Participation.persons).label("persons"))
        .group_by(Participation.event_id).subquery()
    )
    registrations = (
        select(Registration.event_id, func.count().label("registered"),
               func.count().filter(Registration.status == AttendanceStatus.PRESENT).label("present"))
        .group_by(Registration.event_id).subquery()
    )
    events = session.exec(
        select(Event.id, Event.title, Event.version, attendance.c.count, attendance.c.persons,
               registrations.c.registered, registrations.c.present)
        .outerjoin(attendance, attendance.c.event_id == Event.id)
        .outerjoin(registrations, registrations.c.event_id == Event.id).where(Event.year == year)
    )
    figures = session.exec(
        select(YearlyFigures, Organisation.name).outerjoin(Organisation, Organisation.id == YearlyFigures.organisation_id)
        .where(YearlyFigures.year == year)
    )
    actions = session.exec(
        select(SupportAction.id, SupportAction.kind, SupportAction.action_date, SupportAction.version)
        .where(SupportAction.action_date >= start, SupportAction.action_date <= end)
    )
    return {
        "organisations": {str(i): [name, version] for i, name, version in organisations},
        # Registrations (session rows, those present) only where there are some: a year closed
        # before events were counted by names compares equal until someone is registered.
        "events": {str(i): [title, version, count or 0, persons or 0] + ([registered, present] if registered else [])
                   for i, title, version, count, persons, registered, present in events},
        "figures": {str(row.id): [name or "réseau", _figure_values(row)] for row, name in figures},
        "actions": {str(i): [f"n° {i} du {on:%d/%m/%Y}", kind, version] for i, kind, on, version in actions},
    }


def _figure_values(row: YearlyFigures) -> list:
    return [getattr(row, name) for name in sorted(YearlyFigures.model_fields) if name not in ("id", "organisation_id", "year")]


_KINDS = {
    "organisations": ("organisation", "organisations"),
    "events": ("événement de l'année", "événements de l'année"),
    "figures": ("chiffre de l'année", "chiffres de l'année"),
    "actions": ("action d'accompagnement de l'année", "actions d'accompagnement de l'année"),
}


def changes_since_closing(database: Database, year: int) -> list[str]:
    """What changed in the live data since the year was closed, one French line per kind and
    change ('5 organisations ajoutées : A, B, C, D, E'), then the other parts of the report that
    differ from what it printed ('Autres éléments du rapport modifiés : partenaires, ressources');
    empty when nothing did or the year is open."""
    closed = closed_report(database, year)
    if closed is None:
        return []
    live = live_records(database, year)
    lines = []
    for kind, (singular, plural) in _KINDS.items():
        before, after = closed.context["records"].get(kind, {}), live[kind]
        added = [after[key][0] for key in after.keys() - before.keys()]
        removed = [before[key][0] for key in before.keys() - after.keys()]
        changed = [after[key][0] for key in after.keys() & before.keys() if after[key] != before[key]]
        for names, verb in ((added, "ajouté"), (changed, "modifié"), (removed, "supprimé")):
            if names:
                lines.append(_change_line(len(names), singular, plural, verb, sorted(map(str, names))))
    if closed.context_version == CONTEXT_VERSION:  # kept facts of another shape are not compared
        if parts := changed_parts(database, year, closed.context["facts"]):
            other = plural_word(len(parts), "Autre élément du rapport modifié", "Autres éléments du rapport modifiés")
            lines.append(f"{other} : {', '.join(parts)}")
    return lines


def _change_line(count: int, singular: str, plural: str, verb: str, names: list[str]) -> str:
    noun = singular if count == 1 else plural
    feminine = noun.startswith(("organisation", "action"))
    ending = ("e" if feminine else "") + ("s" if count > 1 else "")
    shown = ", ".join(names[:LISTED_NAMES]) + (f"… et {count - LISTED_NAMES} autres" if count > LISTED_NAMES else "")
    return f"{count} {noun} {verb}{ending} : {shown}"
