"""The one period rule: half-open [start, end), and its SQL twin agreeing with it on SQLite."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Date, Integer, MetaData, Table, create_engine, insert, select

from coorace_desktop.domain.periods import (
    RELATIVE_PERIODS,
    Period,
    holds_on_sql,
    months_between,
    overlaps,
    overlaps_sql,
    period_text,
    relative_period,
)

YEAR_2020 = (date(2020, 1, 1), date(2020, 12, 31))


@pytest.mark.parametrize(
    ("start", "end", "member_in_2020"),
    [
        (None, date(2020, 1, 1), False),  # left on 1 January: last day 31/12/2019
        (None, date(2020, 1, 2), True),  # last day 1 January 2020
        (date(2020, 12, 31), None, True),  # joined on the year's last day
        (date(2021, 1, 1), None, False),
        (None, None, True),
        (date(2019, 3, 1), date(2021, 1, 1), True),
        (date(2020, 6, 1), date(2020, 6, 1), False),  # ended the day it began: never held
    ],
)
def test_a_period_ending_on_a_day_was_last_held_the_day_before(start, end, member_in_2020):
    assert overlaps(Period(start, end), *YEAR_2020) is member_in_2020


def test_holds_on_includes_the_start_and_excludes_the_end():
    period = Period(date(2020, 7, 2), date(2021, 3, 15))
    assert [period.holds_on(day) for day in (date(2020, 7, 1), date(2020, 7, 2), date(2021, 3, 14), date(2021, 3, 15))] == [
        False,
        True,
        True,
        False,
    ]


days = st.dates(min_value=date(2018, 1, 1), max_value=date(2023, 12, 31))
periods = st.tuples(st.none() | days, st.none() | days).map(lambda pair: Period(*pair))
ranges = st.tuples(days, st.integers(min_value=0, max_value=400)).map(lambda pair: (pair[0], pair[0] + timedelta(days=pair[1])))


@pytest.fixture(scope="module")
def spans():
    """An in-memory SQLite table of periods, the columns typed as the models' dates are."""
    engine = create_engine("sqlite://")
    table = Table("span", MetaData(), Column("id", Integer, primary_key=True), Column("start", Date), Column("end", Date))
    table.metadata.create_all(engine)
    with engine.connect() as connection:
        yield connection, table


def _sql_says(spans, period: Period, condition) -> bool:
    connection, table = spans
    connection.execute(table.delete())
    connection.execute(insert(table).values(id=1, start=period.start, end=period.end))
    return connection.execute(select(table.c.id).where(condition(table.c.start, table.c.end))).first() is not None


@settings(max_examples=150, deadline=None)
@given(period=periods, day_range=ranges)
def test_overlaps_sql_agrees_with_python(spans, period, day_range):
    first_day, last_day = day_range
    expected = overlaps(period, first_day, last_day)
    assert _sql_says(spans, period, lambda start, end: overlaps_sql(start, end, first_day, last_day)) is expected
    # A range overlaps a period exactly when one of its days is held.
    assert expected is any(period.holds_on(first_day + timedelta(days=n)) for n in range((last_day - first_day).days + 1))


@settings(max_examples=150, deadline=None)
@given(period=periods, day=days)
def test_holds_on_sql_agrees_with_python(spans, period, day):
    assert _sql_says(spans, period, lambda start, end: holds_on_sql(start, end, day)) is period.holds_on(day)


def test_relative_periods_around_a_day():
    today = date(2024, 2, 29)  # a Thursday of a leap year
    assert relative_period("week", today) == (date(2024, 2, 26), date(2024, 3, 3))
    assert relative_period("month", today) == (date(2024, 2, 1), date(2024, 2, 29))
    assert relative_period("quarter", today) == (date(2024, 1, 1), date(2024, 3, 31))
    assert relative_period("quarter", date(2024, 11, 5)) == (date(2024, 10, 1), date(2024, 12, 31))
    assert relative_period("month", date(2024, 12, 31)) == (date(2024, 12, 1), date(2024, 12, 31))
    assert relative_period("year", today) == (date(2024, 1, 1), date(2024, 12, 31))
    assert relative_period("last_year", today) == (date(2023, 1, 1), date(2023, 12, 31))
    assert [key for key, _label in RELATIVE_PERIODS] == ["week", "month", "quarter", "year", "last_year"]
    with pytest.raises(ValueError):
        relative_period("decade", today)


def test_months_between_and_period_text():
    assert months_between(date(2023, 11, 20), date(2024, 2, 3)) == [
        date(2023, 11, 1), date(2023, 12, 1), date(2024, 1, 1), date(2024, 2, 1)]
    assert months_between(date(2024, 5, 2), date(2024, 5, 9)) == [date(2024, 5, 1)]
    assert period_text(date(2020, 1, 1), date(2020, 12, 31)) == "2020"
    assert period_text(date(2020, 1, 1), date(2021, 12, 31)) == "du 01/01/2020 au 31/12/2021"
