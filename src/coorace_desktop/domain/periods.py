"""Membership and mandate periods: one half-open rule, in Python and in SQL.

A period runs from `start` (inclusive) until `end` (exclusive): `end` is the day it ended
(a resignation, the renewal at an AG, the day a membership lapsed), so the day before `end` is
its last day and a successor may start on `end` itself. A missing start means "since before
records began", a missing end "still running". Every area asks its questions through this module
so that the members list, the report, the events coverage and governance agree on who was what.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, or_


@dataclass(frozen=True, slots=True)
class Period:
    """A period from `start` (inclusive) to `end` (exclusive); None is open-ended."""

    start: date | None
    end: date | None = None

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    @property
    def empty(self) -> bool:
        """Ended the day it began (or before): never held on any day."""
        return self.start is not None and self.end is not None and self.end <= self.start

    def overlaps(self, other: "Period") -> bool:
        if self.empty or other.empty:
            return False
        starts_before_other_ends = self.start is None or other.end is None or self.start < other.end
        other_starts_before_end = other.start is None or self.end is None or other.start < self.end
        return starts_before_other_ends and other_starts_before_end

    def contains(self, inner: "Period") -> bool:
        """Whether `inner` starts while this period runs and ends by the time it ends."""
        if inner.start is None:
            return self.start is None and self.end is None
        ends_inside = self.end is None or (inner.end is not None and inner.end <= self.end)
        return self.holds_on(inner.start) and ends_inside

    def text(self) -> str:
        """'depuis le 02/07/2020', 'du 02/07/2020 au 15/03/2021', 'jusqu'au 15/03/2021'."""
        if self.start and self.end:
            return f"du {self.start:%d/%m/%Y} au {self.end:%d/%m/%Y}"
        if self.start:
            return f"depuis le {self.start:%d/%m/%Y}"
        if self.end:
            return f"jusqu'au {self.end:%d/%m/%Y}"
        return "sans date"


def overlaps(period: Period, first_day: date, last_day: date) -> bool:
    """Whether the period runs on at least one day from `first_day` to `last_day`, both included."""
    return period.overlaps(Period(first_day, last_day + timedelta(days=1)))


def holds_on_sql(start: ColumnElement, end: ColumnElement, day: date) -> ColumnElement:
    """SQL twin of `Period.holds_on` for the columns `start` and `end`."""
    return and_(or_(start.is_(None), start <= day), or_(end.is_(None), end > day))


def overlaps_sql(start: ColumnElement, end: ColumnElement, first_day: date, last_day: date) -> ColumnElement:
    """SQL twin of `overlaps`: the period of columns `start`, `end` runs on a day of [first_day, last_day]."""
    held = or_(start.is_(None), end.is_(None), start < end)
    return and_(held, or_(start.is_(None), start <= last_day), or_(end.is_(None), end > first_day))


# The periods a view can be set to, relative to today: (key, French label).
RELATIVE_PERIODS: tuple[tuple[str, str], ...] = (
    ("week", "Cette semaine"),
    ("month", "Ce mois"),
    ("quarter", "Ce trimestre"),
    ("year", "Cette année"),
    ("last_year", "L'année dernière"),
)


def relative_period(key: str, today: date) -> tuple[date, date]:
    """The first and last day (both included) of a RELATIVE_PERIODS key around `today`
    (a week runs Monday to Sunday)."""
    if key == "week":
        monday = today - timedelta(days=today.weekday())
        return monday, monday + timedelta(days=6)
    if key in ("month", "quarter"):
        first_month = today.month if key == "month" else 3 * ((today.month - 1) // 3) + 1
        first = date(today.year, first_month, 1)
        after_month = first_month + (1 if key == "month" else 3)
        after = date(today.year + 1, 1, 1) if after_month > 12 else date(today.year, after_month, 1)
        return first, after - timedelta(days=1)
    if key == "year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if key == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    raise ValueError(f"unknown period {key!r}")


def months_between(first_day: date, last_day: date) -> list[date]:
    """The first day of each month from the one holding `first_day` to the one holding `last_day`."""
    months, month = [], date(first_day.year, first_day.month, 1)
    while month <= last_day:
        months.append(month)
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return months


def period_text(first_day: date, last_day: date) -> str:
    """'2020' for a whole calendar year, else 'du 01/03/2020 au 31/03/2020'."""
    if (first_day.month, first_day.day, last_day.month, last_day.day) == (1, 1, 12, 31) and first_day.year == last_day.year:
        return str(first_day.year)
    return f"du {first_day:%d/%m/%Y} au {last_day:%d/%m/%Y}"
