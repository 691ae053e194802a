"""Events by name: registrations, attendance and the figures that follow them."""

from dataclasses import replace
from datetime import date, time

import pytest
from sqlalchemy import select

from coorace_desktop.domain import Person
from coorace_desktop.domain.enums import AttendanceStatus, EventStatus
from coorace_desktop.domain.events import Participation
from coorace_desktop.domain.events_registrations import RegistrationInput, session_hours
from coorace_desktop.domain.governance_drafts import PersonRef
from coorace_desktop.domain.validation import DraftInvalid, ValidationError
from coorace_desktop.services.events.commands import delete_events, event_figures, get_event, update_event
from coorace_desktop.services.events.event_list import YEAR, list_events
from coorace_desktop.services.events.registrations import event_attendance, register, set_attendance, unregister
from coorace_desktop.services.listing import ListQuery
from coorace_desktop.services.members.organisations import delete_organisation
from coorace_desktop.services.reporting.check import check_report
from tests.attendance_scenario import GUESTS, make_training

YEAR_2020 = (date(2020, 1, 1), date(2020, 12, 31))
PRESENT = AttendanceStatus.PRESENT


def test_the_training_lists_25_persons_by_name_on_each_of_its_3_sessions(demo_database):
    training = make_training(demo_database)
    sheet = event_attendance(demo_database, training.event_id)
    assert sheet.sessions == 3
    assert [len(sheet.registered(n)) for n in (1, 2, 3)] == [25, 25, 25]
    names = [person.name for person in sheet.people]
    assert names == sorted(names, key=lambda name: name.split()[-1])  # by last name
    guests = {person.name: person for person in sheet.people if person.organisation_id is None}
    assert guests["Nora FABRE"].organisation == "Mission locale de Rodez"
    assert guests["Nora FABRE"].email == "n.fabre@ml-rodez.fr"
    assert len([p for p in sheet.people if p.organisation_id is not None]) == 20
    # Registering again adds nothing: one registration per person and session.
    assert register(demo_database, training.event_id, [RegistrationInput(PersonRef(sheet.people[0].person_id))]) == 0


def test_ticking_18_present_changes_participants_coverage_and_persons_reached(demo_database):
    before = event_figures(demo_database, *YEAR_2020)
    with demo_database.session() as session:
        counted_before = set(session.execute(select(Participation.organisation_id)).scalars())
    training = make_training(demo_database)
    sheet = event_attendance(demo_database, training.event_id)
    # Registered only: counted by names with nobody present yet.
    registered_only = event_figures(demo_database, *YEAR_2020)
    assert (registered_only.participants, registered_only.reached) == (before.participants, before.reached)
    assert (registered_only.by_names, registered_only.by_numbers) == (1, before.by_numbers)
    present = sheet.people[:18]
    for number in (1, 2, 3):
        set_attendance(demo_database, training.event_id, number, {p.person_id: PRESENT for p in present[: 18 - number + 1]})
    set_attendance(demo_database, training.event_id, 1, {sheet.people[20].person_id: AttendanceStatus.EXCUSED})
    after = event_figures(demo_database, *YEAR_2020)
    reached_orgs = {p.organisation_id for p in present if p.organisation_id is not None}
    assert after.persons_reached == before.persons_reached + 18
    assert after.participants == before.participants + 18
    assert after.participants_by_kind["Formation"] == before.participants_by_kind.get("Formation", 0) + 18
    assert after.reached == len(counted_before | reached_orgs) > before.reached
    assert after.coverage_percent == pytest.approx(after.reached * 100 / after.active_members)
    # 3.5 hours a session: 18 + 17 + 16 presences.
    assert after.training_hours - (before.training_hours or 0) == pytest.approx(3.5 * (18 + 17 + 16))
    row = next(r for r in list_events(demo_database, ListQuery(filters={YEAR: 2020}), limit=500) if r.id == training.event_id)
    assert row.participants == 18


def test_an_event_counted_by_numbers_keeps_its_head_count(demo_database):
    figures = event_figures(demo_database, *YEAR_2020)
    assert (figures.by_names, figures.persons_reached) == (0, 0)
    assert figures.by_numbers > 0 and figures.participants > 0


def test_a_walk_in_is_registered_present_for_one_session(demo_database):
    training = make_training(demo_database)
    walk_in = RegistrationInput(PersonRef(None, "Zoé", "KERVELLA"), None, "Chantier école", "")
    assert register(demo_database, training.event_id, [walk_in], sessions=[2], status=PRESENT) == 1
    person = next(p for p in event_attendance(demo_database, training.event_id).people if p.last_name == "KERVELLA")
    assert person.statuses == (None, PRESENT, None)


def test_registrations_are_refused_when_wrong(demo_database):
    training = make_training(demo_database)
    with pytest.raises(DraftInvalid):
        register(demo_database, training.event_id, [RegistrationInput(PersonRef(None, "", ""))])
    with pytest.raises(DraftInvalid, match="e-mail"):
        register(demo_database, training.event_id, [RegistrationInput(PersonRef(None, "Al", "B"), email="pas-un-mail")])
    with pytest.raises(ValidationError, match="séance n° 4"):
        register(demo_database, training.event_id, [RegistrationInput(PersonRef(None, "Al", "B"))], sessions=[4])
    # A guest typed again by name is the recorded person: refused, to be picked from the list.
    first, last, _organisation, _email = GUESTS[0]
    with pytest.raises(ValidationError, match="déjà enregistré"):
        register(demo_database, training.event_id, [RegistrationInput(PersonRef(None, first, last))])
    # The event keeps the sessions someone is registered for.
    details = get_event(demo_database, training.event_id)
    with pytest.raises(ValidationError, match="au moins 3 séances"):
        update_event(demo_database, training.event_id, replace(details.values, sessions=2))


def test_an_organisation_with_registrations_is_not_deleted(demo_database):
    training = make_training(demo_database)
    organisation_id = next(iter(training.member_contacts.values()))
    with pytest.raises(ValidationError, match="inscription"):
        delete_organisation(demo_database, organisation_id)


def test_unregister_and_delete_the_event(demo_database):
    training = make_training(demo_database)
    person_id = event_attendance(demo_database, training.event_id).people[0].person_id
    assert unregister(demo_database, training.event_id, [person_id]) == 3
    assert len(event_attendance(demo_database, training.event_id).people) == 24
    delete_events(demo_database, [training.event_id])
    with demo_database.session() as session:
        assert session.get(Person, person_id) is not None  # the person stays in the directory


def test_verifier_flags_a_past_event_with_registrations_but_no_attendance(demo_database):
    training = make_training(demo_database)
    finding = next(f for f in check_report(demo_database, 2020) if "sans présences saisies" in f.message)
    assert finding.message.startswith("1 événement passé de 2020 avec des inscrits")
    assert training.event_id in finding.record_ids
    set_attendance(demo_database, training.event_id, 1, {training_person(demo_database, training): PRESENT})
    assert not any("sans présences saisies" in f.message for f in check_report(demo_database, 2020))
    # Nor is it an event "without any participant".
    assert not any(training.event_id in f.record_ids for f in check_report(demo_database, 2020))


def training_person(database, training) -> int:
    return event_attendance(database, training.event_id).people[0].person_id


def test_session_hours():
    assert session_hours(time(9), time(12, 30)) == 3.5
    assert session_hours(time(9), None) is None
    assert session_hours(time(14), time(9)) is None


def test_a_planned_event_does_not_count(demo_database):
    training = make_training(demo_database, status=EventStatus.PLANNED)
    set_attendance(demo_database, training.event_id, 1, {training_person(demo_database, training): PRESENT})
    assert event_figures(demo_database, *YEAR_2020).persons_reached == 0


def test_a_period_without_events_counts_nothing(demo_database):
    figures = event_figures(demo_database, date(1990, 1, 1), date(1990, 12, 31))
    assert (figures.events, figures.participants, figures.reached, figures.persons_reached) == (0, 0, 0, 0)
    assert (figures.by_names, figures.by_numbers, figures.training_hours) == (0, 0, None)
