"""Figures, temps forts and rendez-vous of events, against the 2020 report and hand-made cases."""

from datetime import date

import pytest

from coorace_desktop.domain.enums import AttendanceStatus, EventStatus
from coorace_desktop.domain.events_registrations import RegistrationInput
from coorace_desktop.domain.events_rules import EventInput
from coorace_desktop.domain.governance_drafts import PersonRef
from coorace_desktop.domain.organisations import Membership, Organisation
from coorace_desktop.services.events.commands import (
    add_event_kind,
    create_event,
    event_figures,
    highlights,
    rendezvous,
)
from coorace_desktop.services.events.registrations import register

DONE = EventStatus.DONE
YEAR_2020 = (date(2020, 1, 1), date(2020, 12, 31))


def test_2020_animations_match_the_report(demo_database):
    figures = event_figures(demo_database, *YEAR_2020, kind="Animation régionale")
    assert (figures.events, figures.online, figures.participants) == (16, 15, 243)


def test_2020_figures_of_all_kinds(demo_database):
    figures = event_figures(demo_database, *YEAR_2020)
    assert figures.by_kind["Animation régionale"] == 16
    assert figures.online == 15
    assert figures.participants_by_kind["Animation régionale"] == 243
    assert figures.participants == sum(figures.participants_by_kind.values())
    assert figures.events == sum(figures.by_kind.values())
    # The 23 CDIAE meetings are one record counted as 23 sessions.
    assert figures.by_kind["Représentation / CDIAE"] >= 23
    # The report names two members that took part (LASER 81, LE TREMPLIN) among 51 active ones.
    assert (figures.reached, figures.active_members) == (2, 51)
    assert figures.coverage_percent == pytest.approx(200 / 51)


def test_2021_rendezvous_are_planned_and_dated_first(demo_database):
    planned = rendezvous(demo_database, 2021)
    dated = [(r.title, r.starts_on, r.ends_on, r.place) for r in planned if r.starts_on]
    assert dated == [
        ("Assemblée générale 2021", date(2021, 5, 20), None, ""),
        ("Journée régionale ENEDIS", date(2021, 6, 17), None, ""),
        ("Congrès Coorace", date(2021, 11, 25), date(2021, 11, 26), "Lille"),
    ]
    assert [r.starts_on for r in planned[3:]] == [None] * 5
    assert planned[3].title == "Lancement de Zest' BTP" and planned[3].kind == "Projet"
    assert rendezvous(demo_database, 2020) == []


def test_2020_highlights_dated_first_by_date(demo_database):
    stories = highlights(demo_database, 2020)
    assert len(stories) == 10
    dated = [story.starts_on for story in stories if story.starts_on]
    assert dated == sorted(dated) and dated[0] == date(2020, 1, 9)
    assert all(story.starts_on is None for story in stories[len(dated):])
    assert stories[0].title.startswith("Une nouvelle étape pour Coorace Occitanie")
    assert "Montpellier" in stories[0].story


@pytest.fixture
def small_network(database):
    """Three organisations: A member all along, B until March 2020, C from 2021."""
    with database.session() as session:
        ids = {}
        for name, joined, left in (("A", None, None), ("B", None, date(2020, 3, 31)), ("C", date(2021, 1, 1), None)):
            organisation = Organisation(name=name, name_key=name.lower())
            session.add(organisation)
            session.flush()
            session.add(Membership(organisation_id=organisation.id, joined_on=joined, left_on=left))
            ids[name] = organisation.id
    kind = add_event_kind(database, "Webinaire")
    return database, ids, kind


def test_coverage_counts_active_members_reached_once(small_network):
    database, ids, kind = small_network
    create_event(database, EventInput("Un", kind, 2020, date(2020, 2, 1), online=True, status=DONE), {ids["A"]: 2, ids["B"]: 1})
    create_event(database, EventInput("Deux", kind, 2020, date(2020, 6, 1), other_participants=5, status=DONE), {ids["A"]: 3})
    figures = event_figures(database, *YEAR_2020)
    assert (figures.events, figures.online, figures.participants) == (2, 1, 11)
    assert (figures.reached, figures.active_members, figures.coverage_percent) == (2, 2, 100.0)
    # From April B has left: only A is active, and A was reached.
    spring = event_figures(database, date(2020, 4, 1), date(2020, 12, 31))
    assert (spring.events, spring.reached, spring.active_members) == (1, 1, 1)
    # In 2021 A and C are members, nobody was reached.
    later = event_figures(database, date(2021, 1, 1), date(2021, 12, 31))
    assert (later.events, later.reached, later.active_members, later.coverage_percent) == (0, 0, 2, 0.0)


def test_no_active_member_means_no_coverage(database):
    figures = event_figures(database, *YEAR_2020)
    assert figures.coverage_percent is None and figures.events == 0


def test_undated_events_count_in_their_whole_year_only(small_network):
    database, _, kind = small_network
    create_event(database, EventInput("Série", kind, 2020, sessions=4, status=DONE))
    assert event_figures(database, *YEAR_2020).events == 4
    assert event_figures(database, date(2019, 1, 1), date(2021, 12, 31)).events == 4
    assert event_figures(database, date(2020, 1, 1), date(2020, 6, 30)).events == 0
    assert event_figures(database, date(2021, 1, 1), date(2021, 12, 31)).events == 0


def test_planned_events_are_not_counted_as_held(small_network):
    database, ids, kind = small_network
    create_event(database, EventInput("Prévu", kind, 2021, date(2021, 3, 1), sessions=8), {ids["A"]: 2})
    figures = event_figures(database, date(2021, 1, 1), date(2021, 12, 31))
    assert (figures.events, figures.participants, figures.reached) == (0, 0, 0)
    assert [entry.title for entry in rendezvous(database, 2021)] == ["Prévu"]


def test_cancelled_events_do_not_count_nor_appear(small_network):
    database, ids, kind = small_network
    create_event(
        database,
        EventInput("Annulé", kind, 2021, date(2021, 3, 1), status=EventStatus.CANCELLED,
                   is_highlight=True, highlight_title="Jamais eu lieu"),
        {ids["A"]: 1},
    )
    assert event_figures(database, date(2021, 1, 1), date(2021, 12, 31)).events == 0
    assert rendezvous(database, 2021) == [] and highlights(database, 2021) == []


def test_members_reached_by_names_count_only_who_came(small_network):
    """An event with registrations counts by names: its members are those of the persons present,
    not its head counts; an organisation that was not a member in the period is not reached."""
    database, ids, kind = small_network
    outsider = ids["C"]  # a member from 2021 only
    create_event(database, EventInput("Chiffres", kind, 2020, date(2020, 6, 1), status=DONE), {outsider: 2})
    named = create_event(database, EventInput("Noms", kind, 2020, date(2020, 5, 1), status=DONE), {ids["B"]: 3})
    came, absent = (RegistrationInput(PersonRef(None, "Zoé", name), organisation) for name, organisation in
                    (("KERVELLA", ids["A"]), ("MARTY", ids["B"])))
    register(database, named, [came], status=AttendanceStatus.PRESENT)
    register(database, named, [absent])
    figures = event_figures(database, *YEAR_2020)
    assert (figures.by_names, figures.by_numbers, figures.persons_reached) == (1, 1, 1)
    assert (figures.reached, figures.active_members) == (1, 2)  # A came; B only registered, C not a member
    # B's head count never made it reached; one of its persons present does.
    register(database, named, [RegistrationInput(PersonRef(None, "Léa", "ROUX"), ids["B"])], status=AttendanceStatus.PRESENT)
    figures = event_figures(database, *YEAR_2020)
    assert (figures.reached, figures.persons_reached) == (2, 2)
