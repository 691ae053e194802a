"""Pure rules of the delegation's governance: board mandates, bureau offices, national seats.

Periods are half-open (see domain/periods.py): a mandate, office or seat ends on the day it
ended (resignation, renewal at an AG), so a successor may start on the very day the
predecessor's office ends, and "the board on 2 July 2021" is the board elected that day.

The rules:
- an end date is never before its start;
- a person holds at most one board mandate at a time;
- a person holds at most one bureau office at a time;
- each office is held by at most one person at a time, except the plain "Membre" office
  (`BureauRole.MEMBER`), which several board members may hold together;
- an office or national seat lies within its holder's board mandate;
- a board member should represent an organisation that is a member at that date: a warning to
  show, never a refusal (former members may finish their mandate).
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from coorace_desktop.domain.enums import BureauRole, OfficeForm, office_title
from coorace_desktop.domain.periods import Period
from coorace_desktop.domain.validation import ValidationError, period

# Offices open to several holders at once.
SHARED_OFFICES = frozenset({BureauRole.MEMBER})

# A mandate whose end falls within this many months is flagged.
ENDS_SOON_MONTHS = 3


@dataclass(frozen=True, slots=True)
class OfficeHolding:
    """A bureau office held, or about to be, by a person."""

    person_id: int
    person_name: str
    role: BureauRole
    span: Period
    form: OfficeForm | None = None

    @property
    def title(self) -> str:
        return office_title(self.role, self.form)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (30/11 + 3 months = 28/02)."""
    # A five-line helper rather than python-dateutil's relativedelta for this one use.
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def ends_soon(end: date | None, on: date, months: int = ENDS_SOON_MONTHS) -> bool:
    """Whether something still held on `on` ends within `months` months."""
    return end is not None and on < end <= add_months(on, months)


def check_span(span: Period, what: str = "La date de fin") -> None:
    """An end date is never before its start."""
    period(span.start, span.end, what)


def check_end(span: Period, end: date, what: str) -> None:
    """Ending something on a date not before its start, and never later than an end already set.

    Bringing a planned end forward (a resignation before the term) is allowed; pushing back or
    repeating an end would rewrite what happened."""
    if span.end is not None and end >= span.end:
        raise ValidationError(
            f"{what} se termine déjà le {span.end:%d/%m/%Y} : "
            "seule une date antérieure peut être enregistrée (l'historique n'est pas réécrit)."
        )
    check_span(Period(span.start, end))


def check_single_mandate(person_name: str, new: Period, existing: Iterable[Period]) -> None:
    """A person sits on the board at most once at a time."""
    for span in existing:
        if span.overlaps(new):
            raise ValidationError(
                f"{person_name} siège déjà au conseil d'administration ({span.text()}) : "
                "mettez fin à ce mandat avant d'en commencer un autre."
            )


def check_office(new: OfficeHolding, others: Iterable[OfficeHolding]) -> None:
    """One office per person at a time, one holder per office at a time (except 'Membre')."""
    check_span(new.span)
    for other in others:
        if not other.span.overlaps(new.span):
            continue
        if other.person_id == new.person_id:
            raise ValidationError(
                f"{new.person_name} est déjà {other.title} du bureau ({other.span.text()}) : "
                "une personne n'occupe qu'une fonction à la fois."
            )
        if other.role == new.role and new.role not in SHARED_OFFICES:
            raise ValidationError(
                f"La fonction {other.title} est déjà occupée par {other.person_name} "
                f"({other.span.text()}) : mettez d'abord fin à cette fonction."
            )


def check_within_mandate(inner: Period, mandate: Period, person_name: str, what: str) -> None:
    """An office or national seat is held only while its holder sits on the board."""
    if not mandate.contains(inner):
        raise ValidationError(
            f"{what} ({inner.text()}) dépasse le mandat d'administrateur de {person_name} ({mandate.text()})."
        )


def membership_warning(organisation_name: str, memberships: Iterable[Period], on: date) -> str | None:
    """The warning to show when the organisation represented is not a member on that date."""
    if any(membership.holds_on(on) for membership in memberships):
        return None
    return (
        f"{organisation_name} n'est pas adhérent au {on:%d/%m/%Y} : "
        "vérifiez qu'il peut être représenté au conseil."
    )
