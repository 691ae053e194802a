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
