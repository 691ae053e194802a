"""« À faire »: each line counts what it says, on the small office (today: 01/03/2025, so the
report year is 2024)."""

from datetime import date, datetime, timedelta

import pytest

from coorace_desktop.domain import Person
from coorace_desktop.domain.enums import EventStatus
from coorace_desktop.domain.events import Event
from coorace_desktop.domain.governance import BoardMandate
from coorace_desktop.domain.organisations import MembershipFee, YearlyFigures
from coorace_desktop.services.dashboard.todo import (
    BACKUP,
    FIGURES,
    MANDATES,
    REPORT_FINDINGS,
    SILENT_EVENTS,
    UNMARKED_EVENTS,
    UNPAID_FEES,
    todo_lines,
)
from coorace_desktop.services.fees.fee_list import OWED_FEES
from coorace_desktop.services.reporting.check import Severity, check_report
from coorace_desktop.storage.backup import create_backup

TODAY = date(2025, 3, 1)


def lines(database, now: datetime | None = None) -> dict:
    return {line.key: line for line in todo_lines(database, TODAY, now)}


def test_mandates_ending_within_three_months(office):
    with office.database.session() as session:
        person = Person(first_name="Léa", last_name="MARTIN", name_key="martin lea")
        session.add(person)
        session.flush()
        for end in (date(2025, 4, 15), date(2025, 12, 31), date(2025, 2, 1)):  # soon, later, already over
            session.add(BoardMandate(person_id=person.id, organisation_id=office.organisations["A"], start_on=date(2022, 6, 1), end_on=end))
    line = lines(office.database)[MANDATES]
    assert line.count == 1 and line.text == "1 mandat au conseil finissant dans les 3 mois"


def test_members_without_last_years_figures(office):
    assert lines(office.database)[FIGURES].count == 3  # A, B and C were members in 2024
    with office.database.session() as session:
        session.add(YearlyFigures(organisation_id=office.organisations["A"], year=2024, turnover=1000))
        session.add(YearlyFigures(organisation_id=office.organisations["D"], year=2024, turnover=1000))  # not a member
    line = lines(office.database)[FIGURES]
    assert line.count == 2 and line.text == "2 adhérents sans chiffres pour 2024"


def test_past_events_without_participants(office):
    with office.database.session() as session:
        for title, day, status in (("Annulé", date(2024, 5, 1), EventStatus.CANCELLED),
                                   ("À venir", date(2025, 6, 1), EventStatus.PLANNED),
                                   ("Oublié", date(2025, 2, 1), EventStatus.PLANNED)):
            session.add(Event(title=title, kind_id=office.kind_id, year=day.year, starts_on=day, status=status))
    line = lines(office.database)[SILENT_EVENTS]
    assert line.count == 2  # « Deux » (held, nobody recorded) and « Oublié »; « Un » had participants
    assert line.text == "2 événements passés sans participants"


def test_past_events_with_registrations_but_no_attendance_are_attendance_to_enter(office):
    from coorace_desktop.domain.enums import AttendanceStatus
    from coorace_desktop.domain.events_registrations import RegistrationInput
    from coorace_desktop.domain.governance_drafts import PersonRef
    from coorace_desktop.services.events.registrations import register, set_attendance

    silent_before = lines(office.database)[SILENT_EVENTS].count
    with office.database.session() as session:
        events = [Event(title=title, kind_id=office.kind_id, year=2025, starts_on=date(2025, 2, day), status=EventStatus.DONE)
                  for title, day in (("Formation", 3), ("Atelier", 4))]
        session.add_all(events)
        session.flush()
        ids = [event.id for event in events]
    register(office.database, ids[0], [RegistrationInput(PersonRef(None, "Léa", "MARTIN")), RegistrationInput(PersonRef(None, "Paul", "DURAND"))])
    register(office.database, ids[1], [RegistrationInput(PersonRef(person)) for person in registrations_of(office.database, ids[0])])
    line = lines(office.database)[UNMARKED_EVENTS]
    assert line.count == 2 and line.text == "2 événements passés avec des inscrits, présences non saisies"
    assert lines(office.database)[SILENT_EVENTS].count == silent_before  # registered: not « sans participants »
    person = next(iter(registrations_of(office.database, ids[0])))
    set_attendance(office.database, ids[0], 1, {person: AttendanceStatus.PRESENT})
    assert lines(office.database)[UNMARKED_EVENTS].count == 1
    warnings = [f for f in check_report(office.database, 2025) if "sans présences saisies" in f.message]
    assert warnings[0].details == ("Atelier",)  # Vérifier: the same rule


def registrations_of(database, event_id) -> set[int]:
    from coorace_desktop.services.events.registrations import event_attendance

    return {person.person_id for person in event_attendance(database, event_id).people}


def test_unpaid_fees_of_a_year_over(office):
    with office.database.session() as session:
        session.add(MembershipFee(organisation_id=office.organisations["A"], year=2025, amount=300))  # not due yet
    line = lines(office.database)[UNPAID_FEES]
    assert line.count == 2 and line.text == "2 cotisations impayées après l'échéance (300\u00a0€)"
    assert line.area == "members" and line.filters == {OWED_FEES: 2024}  # the Cotisations page of that year


def test_report_findings_are_the_warnings_of_vérifier(office):
    warnings = [finding for finding in check_report(office.database, 2024) if finding.severity is Severity.WARNING]
    line = lines(office.database)[REPORT_FINDINGS]
    assert line.count == len(warnings) > 0
    assert line.text.endswith("à vérifier avant le rapport 2024")


@pytest.mark.sqlite_only("a server database is backed up by its server")
def test_the_backup_line_counts_copies_outside_the_data_folder_only(office, tmp_path):
    database = office.database
    line = lines(database)[BACKUP]
    assert line.count == 1 and line.text == "Base jamais sauvegardée ni copiée hors du dossier de données"
    inside = create_backup(database.path)  # the backups folder shares the data folder's disk
    line = lines(database, inside.created_at)[BACKUP]
    assert line.count == 1 and line.text == (
        f"Base jamais copiée hors du dossier de données (dernière sauvegarde le {inside.created_at:%d/%m/%Y}, sur le même disque)")
    key = tmp_path / "cle-usb"
    key.mkdir()
    outside = create_backup(database.path, key)
    outside.path.unlink()  # the key unplugged: the copy was made all the same
    line = lines(database, outside.created_at + timedelta(days=2))[BACKUP]
    assert line.count == 0 and line.text == f"Dernière copie hors du dossier de données le {outside.created_at:%d/%m/%Y}"
    create_backup(database.path)  # later automatic backups do not make up for it
    late = lines(database, outside.created_at + timedelta(days=8))[BACKUP]
    assert late.count == 1 and late.text == "Dernière copie hors du dossier de données il y a 8 jours"
