"""The dashboard's figures: the report's own numbers on the demo, and every figure of a period
on a small office where the answer is known."""

from datetime import date

from sqlalchemy import func, select

from coorace_desktop.domain import Organisation
from coorace_desktop.domain.enums import AttendanceStatus, EventStatus
from coorace_desktop.domain.events import Event
from coorace_desktop.domain.organisations import Membership
from coorace_desktop.report.facts import gather
from coorace_desktop.services.dashboard.figures import (
    dashboard_breakdowns,
    dashboard_figures,
    latest_active_year,
    member_trend,
)
from coorace_desktop.services.events.commands import set_participants
from coorace_desktop.services.events.registrations import event_attendance, set_attendance
from coorace_desktop.services.members.membership import year_members
from tests.attendance_scenario import make_training

YEAR_2020, YEAR_2024 = (date(2020, 1, 1), date(2020, 12, 31)), (date(2024, 1, 1), date(2024, 12, 31))


def test_2020_on_the_demo_shows_the_reports_numbers(demo_database):
    facts = gather(demo_database, 2020)
    figures, breakdowns = dashboard_figures(demo_database, *YEAR_2020), dashboard_breakdowns(demo_database, *YEAR_2020)
    assert figures.members.counts.organisations == facts.counts.organisations == 51
    assert figures.members.counts == facts.counts  # by type and by département too
    assert [(row.programme, row.actions, row.beneficiaries, row.organisations, row.hours) for row in breakdowns.programmes] == [
        (row.programme, row.actions, row.beneficiaries, row.organisations, row.hours) for row in facts.programmes]
    assert breakdowns.programmes  # the demo has actions in 2020
    assert figures.events == facts.events
    assert figures.actions.actions == sum(summary.actions for summary in facts.programmes)


def test_members_joined_left_and_the_trend(office):
    figures = dashboard_figures(office.database, *YEAR_2024).members
    assert (figures.counts.organisations, figures.joined, figures.left) == (3, 1, 1)
    assert member_trend(office.database, 2024) == ((2015, 1),) + tuple((year, 2) for year in range(2016, 2024)) + ((2024, 3),)
    assert dashboard_breakdowns(office.database, *YEAR_2024, with_trend=True).trend == member_trend(office.database, 2024)
    assert dashboard_breakdowns(office.database, *YEAR_2024).trend is None  # the tab keeps it while the year is the same
    assert member_trend(office.database, 2023)[0] == (2014, 0)  # a year without members says 0
    first_quarter = dashboard_figures(office.database, date(2024, 1, 1), date(2024, 3, 31)).members
    assert (first_quarter.counts.organisations, first_quarter.joined, first_quarter.left) == (3, 1, 0)
    second_quarter = dashboard_figures(office.database, date(2024, 4, 1), date(2024, 6, 30)).members
    assert (second_quarter.counts.organisations, second_quarter.joined, second_quarter.left) == (3, 0, 1)


def test_the_trend_counts_each_year_as_year_members_does(database):
    """One query for ten years, the same members as ten year_members: two periods in a year count
    once, a period ending on 1 January ends the year before, an unknown start, an empty period."""
    periods = (
        [(date(2016, 1, 1), date(2017, 1, 1)), (date(2017, 6, 1), None)],  # 2016, then 2017 on
        [(None, date(2019, 3, 1))],  # joined before anything was recorded
        [(date(2018, 5, 1), date(2018, 5, 1)), (date(2020, 2, 1), date(2020, 3, 1)), (date(2020, 9, 1), date(2021, 1, 1))],
    )
    with database.session() as session:
        for number, spans in enumerate(periods):
            organisation = Organisation(name=f"O{number}", name_key=f"o{number}")
            session.add(organisation)
            session.flush()
            session.add_all(Membership(organisation_id=organisation.id, joined_on=joined, left_on=left) for joined, left in spans)
    with database.session() as session:
        expected = tuple((year, session.scalar(select(func.count()).select_from(year_members(year).subquery())))
                         for year in range(2012, 2022))
    assert member_trend(database, 2021) == expected
    assert expected == ((2012, 1), (2013, 1), (2014, 1), (2015, 1), (2016, 2), (2017, 2), (2018, 2), (2019, 2), (2020, 2), (2021, 1))


def test_actions_per_month_by_officer_and_hours_by_programme(office):
    totals, actions = dashboard_figures(office.database, *YEAR_2024).actions, dashboard_breakdowns(office.database, *YEAR_2024)
    assert (totals.actions, totals.beneficiaries, totals.hours) == (4, 3, 7.5)
    assert len(actions.by_officer.months) == 12 and actions.by_officer.months[2] == date(2024, 3, 1)
    by_officer = {series.name: series.values for series in actions.by_officer.series}
    assert list(by_officer) == ["Ana ROUMEAU", "Ana VERA"]
    assert by_officer["Ana VERA"][:3] == (2, 0, 1) and sum(by_officer["Ana VERA"]) == 3
    assert by_officer["Ana ROUMEAU"][:3] == (0, 0, 1) and sum(by_officer["Ana ROUMEAU"]) == 1
    assert [series.key for series in actions.by_officer.series] == [office.officers["ROUMEAU"], office.officers["VERA"]]
    hours = {series.name: series.values[:3] for series in actions.hours_by_programme.series}
    assert hours == {"Zest'": (3.5, 0, 0), "CEDRE": (0, 0, 4.0)}
    january = date(2024, 1, 1), date(2024, 1, 31)
    assert dashboard_figures(office.database, *january).actions.actions == 2
    assert [summary.programme for summary in dashboard_breakdowns(office.database, *january).programmes] == ["Zest'"]


def test_events_per_month_and_coverage(office):
    figures = dashboard_figures(office.database, *YEAR_2024)
    assert (figures.events.events, figures.events.participants) == (4, 6)
    assert (figures.events.reached, figures.events.active_members) == (1, 3)
    sessions, participants = dashboard_breakdowns(office.database, *YEAR_2024).events_by_month.series
    assert sessions.values[:4] == (0, 1, 3, 0) and participants.values[:4] == (0, 6, 0, 0)


def test_an_event_counted_by_names_counts_its_persons_present_in_its_month(demo_database):
    """October 2020's participants follow the event counted by names as the year's figures do: its
    18 persons present, not the head count of its 4 people of a member organisation."""
    def october() -> float:
        return dashboard_breakdowns(demo_database, *YEAR_2020).events_by_month.series[1].values[9]

    before = october()
    training = make_training(demo_database)
    set_participants(demo_database, training.event_id, {next(iter(training.member_contacts.values())): 4})
    people = [person.person_id for person in event_attendance(demo_database, training.event_id).people]
    set_attendance(demo_database, training.event_id, 1, dict.fromkeys(people[:18], AttendanceStatus.PRESENT))
    assert october() - before == 18
    monthly = dashboard_breakdowns(demo_database, *YEAR_2020).events_by_month
    assert sum(monthly.series[1].values) <= dashboard_figures(demo_database, *YEAR_2020).events.participants  # undated: no month


def test_fees_of_the_periods_year(office):
    fees = dashboard_figures(office.database, date(2024, 5, 1), date(2024, 5, 31)).fees
    assert (fees.year, fees.called, fees.received, fees.outstanding, fees.unpaid) == (2024, 600, 300, 300, 2)
    assert dashboard_figures(office.database, date(2023, 1, 1), date(2023, 12, 31)).fees.called == 0


def test_the_latest_year_with_actions_or_events_up_to_today(office):
    assert latest_active_year(office.database, date(2025, 3, 1)) == 2024
    assert latest_active_year(office.database, date(2024, 1, 31)) == 2024  # January's actions
    assert latest_active_year(office.database, date(2023, 12, 31)) == 2023  # the action of 31/12/2023
    assert latest_active_year(office.database, date(2022, 6, 1)) is None
    with office.database.session() as session:
        session.add(Event(title="Congrès", kind_id=office.kind_id, year=2025, starts_on=date(2025, 6, 1), status=EventStatus.PLANNED))
        session.add(Event(title="Forum", kind_id=office.kind_id, year=2026, status=EventStatus.DONE))  # a typing slip ahead
    assert latest_active_year(office.database, date(2025, 3, 1)) == 2024  # an event planned is no figure yet
    with office.database.session() as session:
        session.add(Event(title="Réunion", kind_id=office.kind_id, year=2025, starts_on=date(2025, 2, 3), status=EventStatus.DONE))
    assert latest_active_year(office.database, date(2025, 3, 1)) == 2025
