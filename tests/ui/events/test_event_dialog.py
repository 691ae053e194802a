"""The event form and its participants picker: creating an event, ticking who came."""

from datetime import date, time

import pytest
from PySide6.QtCore import QDate, Qt, QTime

from coorace_desktop.domain.enums import EventStatus, Organiser
from coorace_desktop.services.events.commands import get_event
from coorace_desktop.ui.events.event_dialog import EventDialog
from coorace_desktop.ui.events.participants_picker import NAME, PERSONS, ParticipantsModel


@pytest.fixture
def dialog(qtbot, demo_database):
    dialog = EventDialog(demo_database)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def tick(dialog, qtbot, text):
    dialog.picker.search_edit.clear()
    qtbot.keyClicks(dialog.picker.search_edit, text)
    qtbot.keyClick(dialog.picker.search_edit, Qt.Key.Key_Return)


def test_creating_an_event_with_ticked_participants(dialog, qtbot, demo_database):
    assert not dialog.ok_button.isEnabled()
    dialog.title_edit.setText("Webinaire « réemploi »")  # QTest.keyClicks aborts on non-ASCII text
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findText("Webinaire"))
    dialog.starts_edit.setDate(QDate(2022, 3, 8))
    dialog.timed_check.setChecked(True)
    dialog.start_time_edit.setTime(QTime(10, 0))
    dialog.end_time_edit.setTime(QTime(11, 30))
    dialog.online_check.setChecked(True)
    tick(dialog, qtbot, "laser 81")
    tick(dialog, qtbot, "chorus")
    model = dialog.picker.model
    model.setData(model.index(0, PERSONS), 3)  # CHORUS is the only row on show
    dialog.other_spin.setValue(4)
    assert dialog.picker.total_label.text() == "2 structures cochées, 4 personnes"
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    assert not dialog.isVisible()
    details = get_event(demo_database, dialog.result_value)
    values = details.values
    assert (values.title, values.starts_on, values.start_time, values.end_time, values.online) == (
        "Webinaire « réemploi »", date(2022, 3, 8), time(10), time(11, 30), True)
    assert values.status is EventStatus.PLANNED and values.year == 2022
    assert {(row.name, row.persons) for row in details.participants} == {("LASER 81", 1), ("CHORUS", 3)}
    assert values.other_participants == 4


def test_an_event_date_typed_with_its_slashes_is_saved(dialog, qtbot, demo_database):
    """Qt's own typing made 18/06/2021 the 18th of the month shown, this year."""
    qtbot.keyClicks(dialog.title_edit, "Comite technique")
    dialog.starts_edit.setFocus()
    qtbot.keyClick(dialog.starts_edit, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.starts_edit, "18/06/2021")
    qtbot.keyClick(dialog.starts_edit, Qt.Key.Key_Tab)
    dialog.accept()
    assert not dialog.isVisible()
    values = get_event(demo_database, dialog.result_value).values
    assert (values.starts_on, values.year) == (date(2021, 6, 18), 2021)


def test_space_ticks_and_unticks_the_current_row(dialog, qtbot):
    qtbot.keyClicks(dialog.picker.search_edit, "a")
    dialog.picker.refresh()
    view = dialog.picker.view
    view.setFocus()
    view.setCurrentIndex(dialog.picker.model.index(0, NAME))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    first = dialog.picker.model.choices[0].id
    assert dialog.picker.participants() == {first: 1}
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert dialog.picker.participants() == {}


def test_enter_with_several_matches_ticks_nothing(dialog, qtbot):
    tick(dialog, qtbot, "a")
    assert dialog.picker.participants() == {}


def test_ticked_ones_stay_ticked_across_searches_and_can_be_listed_alone(dialog, qtbot):
    tick(dialog, qtbot, "laser")
    tick(dialog, qtbot, "chorus")
    dialog.picker.search_edit.clear()
    dialog.picker.only_ticked_check.setChecked(True)
    assert sorted(choice.name for choice in dialog.picker.model.choices) == ["CHORUS", "LASER 81"]


def test_errors_show_next_to_fields_and_keep_ok_disabled(dialog, qtbot):
    qtbot.keyClicks(dialog.title_edit, "Reunion")
    assert dialog.ok_button.isEnabled()
    dialog.highlight_group.setChecked(True)
    assert not dialog.ok_button.isEnabled()
    assert not dialog.field_error("highlight_title"), "a field just revealed is not yet wrong"
    dialog.accept()  # refused: a save tried shows the error
    assert dialog.isVisible() and dialog.field_error("highlight_title")
    qtbot.keyClicks(dialog.highlight_title_edit, "Un temps fort")
    assert dialog.ok_button.isEnabled()
    dialog.timed_check.setChecked(True)
    dialog.start_time_edit.setTime(QTime(15, 0))
    dialog.end_time_edit.setTime(QTime(14, 0))
    assert not dialog.ok_button.isEnabled()
    assert dialog.field_error("start_time") == "L'heure de fin est antérieure à l'heure de début."
    dialog.organiser_combo.setCurrentIndex(dialog.organiser_combo.findData(Organiser.PARTNER))
    assert "partenaire" in dialog.validate(dialog.values())["organiser_name"]


def test_an_undated_series_keeps_its_year(dialog, qtbot, demo_database):
    qtbot.keyClicks(dialog.title_edit, "CDIAE 2023")
    dialog.undated_check.setChecked(True)
    assert dialog.year_spin.isVisible() and not dialog.starts_edit.isVisible()
    dialog.year_spin.setValue(2023)
    dialog.sessions_spin.setValue(12)
    dialog.accept()
    values = get_event(demo_database, dialog.result_value).values
    assert (values.starts_on, values.year, values.sessions) == (None, 2023, 12)


def test_editing_shows_the_event_as_saved(qtbot, demo_database):
    from coorace_desktop.services.events.event_list import list_events
    from coorace_desktop.services.listing import ListQuery

    row = next(r for r in list_events(demo_database, ListQuery(search="stage d elu")))
    dialog = EventDialog(demo_database, get_event(demo_database, row.id))
    qtbot.addWidget(dialog)
    assert dialog.title_edit.text().startswith("Stage d'élu")
    assert dialog.highlight_group.isChecked()
    assert dialog.picker.participants() and dialog.picker.model.choices[0].name == "LASER 81"  # ticked first
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(EventStatus.CANCELLED))
    dialog.accept()
    assert get_event(demo_database, row.id).values.status is EventStatus.CANCELLED


def test_participants_model_passes_the_model_tester(qtmodeltester, demo_database):
    from coorace_desktop.services.events.commands import organisation_choices

    model = ParticipantsModel()
    model.set_choices(organisation_choices(demo_database))
    model.setData(model.index(2, NAME), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert not model.setData(model.index(3, PERSONS), 0)  # at least one person
    qtmodeltester.check(model)


def test_the_end_date_follows_the_start_until_it_is_set(dialog):
    dialog.starts_edit.setDate(QDate(2022, 5, 3))
    assert dialog.ends_edit.date() == QDate(2022, 5, 3) and not dialog.ends_edit.isEnabled()
    dialog.several_days_check.setChecked(True)
    dialog.ends_edit.setDate(QDate(2022, 5, 5))
    dialog.starts_edit.setDate(QDate(2022, 5, 4))
    assert dialog.ends_edit.date() == QDate(2022, 5, 5)
    assert dialog.values().values.ends_on == date(2022, 5, 5)


def test_new_kind_is_added_and_chosen_a_duplicate_is_refused(dialog, monkeypatch, boxes):
    from coorace_desktop.ui.events import event_dialog

    monkeypatch.setattr(event_dialog.QInputDialog, "getText", lambda *args: ("Petit-déjeuner", True))
    dialog.add_kind()
    assert dialog.kind_combo.currentText() == "Petit-déjeuner"
    shown = boxes.errors
    monkeypatch.setattr(event_dialog.QInputDialog, "getText", lambda *args: ("WEBINAIRE", True))
    dialog.add_kind()
    assert shown == ["Le type « Webinaire » existe déjà."]
    assert dialog.kind_combo.currentText() == "Petit-déjeuner"


def _filled(dialog) -> None:
    """A form that could be saved: Enter on the wrong widget would save it."""
    dialog.title_edit.setText("Journée régionale")
    dialog.kind_combo.setCurrentIndex(0)
    assert dialog.ok_button.isEnabled()


def test_enter_on_one_match_ticks_it_and_does_not_save_the_event(dialog, qtbot):
    _filled(dialog)
    tick(dialog, qtbot, "chorus")
    assert dialog.isVisible() and dialog.result_value is None
    assert [dialog.picker.model.names[id] for id in dialog.picker.participants()] == ["CHORUS"]


def test_enter_on_several_matches_moves_into_the_list_and_does_not_save(dialog, qtbot):
    _filled(dialog)
    tick(dialog, qtbot, "a")
    assert dialog.isVisible() and dialog.result_value is None
    assert dialog.focusWidget() is dialog.picker.view


def test_tab_leaves_the_participants_list(dialog, qtbot):
    dialog.activateWindow()
    dialog.picker.view.setFocus()
    qtbot.waitUntil(dialog.picker.view.hasFocus)
    qtbot.keyClick(dialog.picker.view, Qt.Key.Key_Tab)
    assert not dialog.picker.view.hasFocus()


def test_enter_in_the_list_ticks_the_current_row_and_does_not_save(dialog, qtbot):
    _filled(dialog)
    tick(dialog, qtbot, "a")
    view = dialog.picker.view
    first = dialog.picker.model.choices[0].id
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result_value is None
    assert list(dialog.picker.participants()) == [first]
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Enter)
    assert dialog.isVisible() and dialog.result_value is None
    assert list(dialog.picker.participants()) == [first, dialog.picker.model.choices[1].id]
    qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter in the list unticks as Space does, and still saves nothing
    assert list(dialog.picker.participants()) == [first]
    assert dialog.isVisible() and dialog.result_value is None


def test_enter_on_a_single_match_already_ticked_keeps_it_ticked(dialog, qtbot):
    tick(dialog, qtbot, "chorus")
    tick(dialog, qtbot, "chorus")
    assert [dialog.picker.model.names[id] for id in dialog.picker.participants()] == ["CHORUS"]
    assert "déjà cochée" in dialog.picker.total_label.text()
