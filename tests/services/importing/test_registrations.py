"""Importing a registration list, and exporting registrations: matched with the members import's rules."""

from pathlib import Path

import pytest

from coorace_desktop.domain.enums import AttendanceStatus
from coorace_desktop.services.events.registrations import event_attendance, set_attendance
from coorace_desktop.services.exporting.registrations import export_registrations
from coorace_desktop.services.exporting.spreadsheet import write_rows
from coorace_desktop.services.importing import Action, Decision, ImportRefused, propose_mapping, read_table
from coorace_desktop.services.importing.mapping import REGISTRATIONS
from coorace_desktop.services.importing.registrations import apply_registrations, preview_registrations
from tests.attendance_scenario import HEADERS, forty_rows, make_training


def preview(database, path: Path):
    table = read_table(path)
    return preview_registrations(database, table, propose_mapping(table, REGISTRATIONS, remembered={}))


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_40_row_list_matches_2_persons_and_leaves_1_duplicate_waiting(demo_database, tmp_path, suffix):
    training = make_training(demo_database)
    path = tmp_path / f"inscrits{suffix}"
    write_rows(path, HEADERS, forty_rows())
    planned = preview(demo_database, path)
    assert len(planned.planned) == 40 and planned.errors == ()
    assert [row.name for row in planned.planned if row.action is Action.UNCHANGED] == ["Isabelle CHATRY", "Catherine GUILLET"]
    duplicates = [row for row in planned.planned if row.action is Action.DUPLICATE]
    assert [(row.name, row.existing_name) for row in duplicates] == [("Isabel CHATRI", "Isabelle CHATRY")]
    assert "même structure" in duplicates[0].reason
    assert planned.count(Action.CREATE) == 37

    result = apply_registrations(demo_database, training.event_id, planned)
    assert (result.registered, result.new_persons, result.waiting) == (39, 37, 1)
    assert "1 doublon possible en attente" in result.summary()
    people = event_attendance(demo_database, training.event_id).people
    assert len(people) == 25 + 37  # CHATRY and GUILLET were registered already
    assert not any(person.last_name == "CHATRI" for person in people)
    # Imported again (those created are now recorded) with the duplicate merged with CHATRY: nobody new.
    again = preview(demo_database, path)
    assert again.count(Action.UNCHANGED) == 39 and again.count(Action.DUPLICATE) == 1
    decided = apply_registrations(demo_database, training.event_id, again, {duplicates[0].line: Decision.MERGE})
    assert (decided.registered, decided.new_persons, decided.waiting) == (40, 0, 0)
    assert len(event_attendance(demo_database, training.event_id).people) == 25 + 37


def test_rows_in_error_refuse_the_import(demo_database, tmp_path):
    training = make_training(demo_database)
    path = tmp_path / "inscrits.csv"
    write_rows(path, HEADERS, [["", "Sans nom", "", ""], ["MARTIN", "Léo", "", "pas-un-mail"]])
    planned = preview(demo_database, path)
    assert [error.line for error in planned.errors] == [2, 3]
    assert "Le nom est obligatoire." in planned.errors[0].reason and "e-mail" in planned.errors[1].reason
    with pytest.raises(ImportRefused):
        apply_registrations(demo_database, training.event_id, planned)


def test_an_export_imports_back_matching_everyone(demo_database, tmp_path):
    training = make_training(demo_database)
    person = event_attendance(demo_database, training.event_id).people[0]
    set_attendance(demo_database, training.event_id, 2, {person.person_id: AttendanceStatus.PRESENT})
    path = tmp_path / "export.xlsx"
    assert export_registrations(demo_database, training.event_id, path) == 25
    table = read_table(path)
    assert table.rows[0].cells == ("Nom", "Prénom", "Structure", "E-mail", "Séance 1", "Séance 2", "Séance 3")
    assert table.rows[1].cells[:6] == (person.last_name, person.first_name, person.organisation, person.email, "Inscrit·e", "Présent·e")
    planned = preview(demo_database, path)
    assert {row.action for row in planned.planned} == {Action.UNCHANGED}
