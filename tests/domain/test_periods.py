"""The one period rule: half-open [start, end), and its SQL twin agreeing with it on SQLite."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Date, Integer, MetaData, Table, create_engine, insert, select

from coorace_desktop.domain.periods import Period, holds_on_sql, overlaps, overlaps_sql

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
