"""Who was a member during a period, in SQL: the one set the member list, the report, the
directory and the events coverage count, so that "51 structures adhérentes" and "86 % des
structures adhérentes" speak of the same members (periods are half-open: domain/periods.py)."""

from datetime import date

from sqlalchemy import Date, Integer, Select, distinct, func, literal, select, union_all

from coorace_desktop.domain.organisations import Membership
from coorace_desktop.domain.periods import overlaps_sql


def members_during(first_day: date, last_day: date) -> Select:
    """SQL subquery: organisations a member on at least one day from `first_day` to `last_day` (both included)."""
    return (
        select(Membership.organisation_id)
        .distinct()
        .where(overlaps_sql(Membership.joined_on, Membership.left_on, first_day, last_day))
    )


def year_members(year: int) -> Select:
    """SQL subquery of the year's members: a membership period running on a day of the year."""
    return members_during(date(year, 1, 1), date(year, 12, 31))


def members_per_year(first_year: int, last_year: int) -> Select:
    """SQL: (year, members) for each year from `first_year` to `last_year` having members, each
    year's members as year_members counts them, in one pass over the memberships."""
    years = union_all(*(
        select(literal(year, Integer).label("year"), literal(date(year, 1, 1), Date).label("first_day"),
               literal(date(year, 12, 31), Date).label("last_day"))
        for year in range(first_year, last_year + 1)
    )).cte("years")
    return (
        select(years.c.year, func.count(distinct(Membership.organisation_id)))
        .join_from(years, Membership, overlaps_sql(Membership.joined_on, Membership.left_on, years.c.first_day, years.c.last_day))
        .group_by(years.c.year)
    )
