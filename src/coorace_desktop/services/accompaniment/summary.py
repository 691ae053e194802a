"""What the report's accompaniment section prints: per programme and year, the actions, the
distinct beneficiaries, the hours, by officer, and the "En 2020, ce sont aussi" lines."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, distinct, func, select

from coorace_desktop.domain.accompaniment import Programme, SupportAction
from coorace_desktop.domain.enums import ActionKind
from coorace_desktop.domain.french import number, plural_word
from coorace_desktop.domain.governance import StaffMember
from coorace_desktop.domain.organisations import Person
from coorace_desktop.storage.database import Database

UNKNOWN_OFFICER = "Non renseigné"

# (singular, plural) of the participle line for a named beneficiary, by where it lives.
_NAMED_PHRASES = {
    "organisation": ("structure accompagnée", "structures accompagnées"),
    "project_holder": ("porteur de projet accompagné", "porteurs de projet accompagnés"),
    "territory": ("territoire accompagné", "territoires accompagnés"),
}


@dataclass(frozen=True, slots=True)
class SummaryLine:
    """One "En 2020, ce sont aussi" line, e.g. (6, "6 structures formées à la démarche Zest'")."""

    count: int
    text: str


@dataclass(frozen=True, slots=True)
class OfficerSummary:
    officer_id: int | None
    officer: str
    actions: int
    beneficiaries: int
    hours: float


@dataclass(frozen=True, slots=True)
class ProgrammeTotals:
    """A programme's actions, beneficiaries (distinct named ones + group counts), organisations and hours."""

    programme_id: int
    programme: str
    actions: int
    beneficiaries: int
    organisations: int
    hours: float


@dataclass(frozen=True, slots=True)
class ProgrammeSummary(ProgrammeTotals):
    """A programme's year: its totals, then by officer and the report's lines."""

    by_officer: tuple[OfficerSummary, ...]
    lines: tuple[SummaryLine, ...]


def date_range(first_day: date, last_day: date) -> ColumnElement[bool]:
    """Actions dated from `first_day` to `last_day` (both included), written as a range so the
    date indexes serve it."""
    return and_(SupportAction.action_date >= first_day, SupportAction.action_date < last_day + timedelta(days=1))


def year_range(year: int) -> ColumnElement[bool]:
    """Actions dated within the year."""
    return date_range(date(year, 1, 1), date(year, 12, 31))


def beneficiaries_count() -> ColumnElement[int]:
    """Distinct named beneficiaries of the grouped actions, plus the sizes of their groups."""
    return (
        func.count(distinct(SupportAction.organisation_id))
        + func.count(distinct(SupportAction.project_holder_id))
        + func.count(distinct(SupportAction.territory_id))
        + func.coalesce(func.sum(SupportAction.group_count), 0)
    )


def _aggregates() -> tuple:
    return (
        func.count(SupportAction.id),
        beneficiaries_count(),
        func.count(distinct(SupportAction.organisation_id)),
        func.coalesce(func.sum(SupportAction.hours), 0.0),
    )


def named_line(count: int, beneficiary_kind: str, kind: ActionKind) -> SummaryLine:
    """'3 structures accompagnées (Accompagnement individuel)'."""
    singular, plural = _NAMED_PHRASES[beneficiary_kind]
    return SummaryLine(count, f"{number(count)} {plural_word(count, singular, plural)} ({kind.label})")


def _totals_query(in_range: ColumnElement[bool]):
    return (
        select(SupportAction.programme_id, Programme.name, *_aggregates())
        .join(Programme, Programme.id == SupportAction.programme_id)
        .where(in_range)
        .group_by(SupportAction.programme_id, Programme.name)
        .order_by(SupportAction.programme_id)
    )


def programme_totals(database: Database, first_day: date, last_day: date) -> list[ProgrammeTotals]:
    """Each programme's totals from `first_day` to `last_day`, as programmes_between counts them
    (without the officers and lines, a quarter of its time)."""
    with database.session() as session:
        rows = session.execute(_totals_query(date_range(first_day, last_day))).all()
    return [ProgrammeTotals(programme_id, name, actions, beneficiaries, organisations, float(hours))
            for programme_id, name, actions, beneficiaries, organisations, hours in rows]


def programme_summary(database: Database, year: int) -> list[ProgrammeSummary]:
    """Each programme with actions in the year, in the order the programmes were created."""
    return programmes_between(database, date(year, 1, 1), date(year, 12, 31))


def programmes_between(database: Database, first_day: date, last_day: date) -> list[ProgrammeSummary]:
    """Each programme with actions from `first_day` to `last_day`, as programme_summary counts a year."""
    in_year = date_range(first_day, last_day)
    with database.session() as session:
        totals = session.execute(_totals_query(in_year)).all()
        officers = session.execute(
            select(
                SupportAction.programme_id,
                SupportAction.officer_id,
                Person.first_name,
                Person.last_name,
                *_aggregates(),
            )
            .outerjoin(StaffMember, StaffMember.id == SupportAction.officer_id)
            .outerjoin(Person, Person.id == StaffMember.person_id)
            .where(in_year)
            .group_by(SupportAction.programme_id, SupportAction.officer_id, Person.first_name, Person.last_name, Person.name_key)
            .order_by(SupportAction.programme_id, Person.name_key)
        ).all()
        group_lines = session.execute(
            select(
                SupportAction.programme_id,
                SupportAction.group_label,
                func.sum(SupportAction.group_count),
                func.min(SupportAction.id),
            )
            .where(in_year, SupportAction.group_count.is_not(None))
            .group_by(SupportAction.programme_id, SupportAction.kind, SupportAction.group_label)
        ).all()
        named = session.execute(
            select(
                SupportAction.programme_id,
                SupportAction.kind,
                func.count(distinct(SupportAction.organisation_id)),
                func.count(distinct(SupportAction.project_holder_id)),
                func.count(distinct(SupportAction.territory_id)),
                func.min(SupportAction.id),
            )
            .where(in_year, SupportAction.group_count.is_(None))
            .group_by(SupportAction.programme_id, SupportAction.kind)
        ).all()

    by_officer: dict[int, list[OfficerSummary]] = {}
    for programme_id, officer_id, first, last, actions, beneficiaries, _organisations, hours in officers:
        name = f"{first} {last}".strip() if officer_id is not None else UNKNOWN_OFFICER
        by_officer.setdefault(programme_id, []).append(
            OfficerSummary(officer_id, name, actions, beneficiaries, float(hours))
        )
    # Lines keep the order the actions were entered in, which is the order a report lists them.
    lines: dict[int, list[tuple[int, SummaryLine]]] = {}
    for programme_id, label, count, first_id in group_lines:
        lines.setdefault(programme_id, []).append((first_id, SummaryLine(count, f"{number(count)} {label}")))
    for programme_id, kind, *counts, first_id in named:
        for beneficiary_kind, count in zip(_NAMED_PHRASES, counts[:3]):
            if count:
                lines.setdefault(programme_id, []).append((first_id, named_line(count, beneficiary_kind, ActionKind(kind))))
    return [
        ProgrammeSummary(
            programme_id=programme_id,
            programme=name,
            actions=actions,
            beneficiaries=beneficiaries,
            organisations=organisations,
            hours=float(hours),
            by_officer=tuple(by_officer.get(programme_id, ())),
            lines=tuple(line for _, line in sorted(lines.get(programme_id, []), key=lambda item: item[0])),
        )
        for programme_id, name, actions, beneficiaries, organisations, hours in totals
    ]
