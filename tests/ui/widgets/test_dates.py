"""The shared date field: the keyboard enters it on the day, from either direction, and a
whole date typed or pasted into it is taken whole, or refused when it does not exist."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDateEdit, QLineEdit, QToolTip, QVBoxLayout, QWidget

from coorace_desktop.ui.widgets.dates import date_edit
from coorace_desktop.ui.widgets.form_dialog import INPUT_ERROR


def test_shift_tab_into_a_date_lands_on_the_day(qtbot):
    form = QWidget()
    qtbot.addWidget(form)
    before, day, after = QLineEdit(), date_edit(), QLineEdit()
    layout = QVBoxLayout(form)
    for widget in (before, day, after):
        layout.addWidget(widget)
    form.show()
    form.activateWindow()
    after.setFocus()
    qtbot.waitUntil(after.hasFocus)
    qtbot.keyClick(after, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert day.hasFocus() and day.currentSection() == QDateEdit.Section.DaySection
    qtbot.keyClick(day, Qt.Key.Key_Tab)
    before.setFocus()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert day.hasFocus() and day.currentSection() == QDateEdit.Section.DaySection


@pytest.fixture
def field(qtbot):
    """A date field on 05/01/2020 in a form with a field after it, the focus in the date."""
    form = QWidget()
    qtbot.addWidget(form)
    day, after = date_edit(date(2020, 1, 5)), QLineEdit()
    layout = QVBoxLayout(form)
    layout.addWidget(day)
    layout.addWidget(after)
    form.show()
    form.activateWindow()
    day.setFocus()
    qtbot.waitUntil(day.hasFocus)
    yield day  # the form lives as long as the test


def _place(edit, where: str) -> None:
    if where == "end":
        edit.lineEdit().setCursorPosition(len(edit.lineEdit().text()))
    elif where == "month":
        edit.setSelectedSection(QDateEdit.Section.MonthSection)
    elif where == "year":
        edit.setSelectedSection(QDateEdit.Section.YearSection)
    elif where == "all":
        edit.selectAll()


@pytest.mark.parametrize("where", ["focus", "end", "month", "year", "all"])
@pytest.mark.parametrize("typed", ["18/06/2021", "18062021", "18.06.2021", "18/6/2021", "18/06/21"])
def test_a_whole_date_typed_anywhere_in_the_field_is_taken(qtbot, field, where, typed):
    """Qt's own typing kept only the day of « 18/06/2021 » (18/01/2020), or nothing at all."""
    _place(field, where)
    qtbot.keyClicks(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.date().toPython() == date(2021, 6, 18)
    assert field.lineEdit().text() == "18/06/2021"


def test_the_entry_shows_as_typed_and_the_sections_not_typed_keep_their_value(qtbot, field):
    qtbot.keyClicks(field, "180")
    assert field.lineEdit().text() == "18/0"  # the slash after the day comes by itself
    assert field.date().toPython() == date(2020, 1, 5)  # nothing taken before the entry ends
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.lineEdit().text() == "1"
    qtbot.keyClicks(field, "2")
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # Tab goes on to the month, as after Qt's typing
    assert field.date().toPython() == date(2020, 1, 12)
    assert field.hasFocus() and field.currentSection() == QDateEdit.Section.MonthSection


@pytest.mark.parametrize("typed", ["31/02/2021", "29022021", "18/13/2021"])
def test_a_date_that_does_not_exist_is_refused_never_changed(qtbot, field, typed):
    changes = []
    field.dateChanged.connect(changes.append)
    qtbot.keyClicks(field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    shown = f"{typed[:2]}/{typed[3:5]}/{typed[6:]}" if "/" in typed else f"{typed[:2]}/{typed[2:4]}/{typed[4:]}"
    assert field.date().toPython() == date(2020, 1, 5) and not changes  # not 28/02 nor 03/03
    assert field.lineEdit().text() == shown  # left as typed, to correct
    assert field.property(INPUT_ERROR) == f"Date : « {shown} » n'est pas une date du calendrier."
    assert QToolTip.text() == field.property(INPUT_ERROR)
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # leaving it keeps it refused
    assert field.date().toPython() == date(2020, 1, 5) and field.lineEdit().text() == shown
    field.setFocus()
    qtbot.keyClicks(field, "28022021")  # typed again from its start
    assert field.date().toPython() == date(2021, 2, 28) and not field.property(INPUT_ERROR)


def test_escape_drops_the_entry(qtbot, field):
    qtbot.keyClicks(field, "31/02/20")
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.lineEdit().text() == "05/01/2020" and not field.property(INPUT_ERROR)
    assert field.date().toPython() == date(2020, 1, 5)


@pytest.mark.parametrize("pasted", ["18/06/2021", " 18062021 ", "2021-06-18", "18 juin 2021"])
def test_a_pasted_date_is_taken_whole(qtbot, field, pasted):
    _place(field, "month")
    QGuiApplication.clipboard().setText(pasted)
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert field.date().toPython() == date(2021, 6, 18)


def test_a_pasted_year_alone_is_refused(qtbot, field):
    QGuiApplication.clipboard().setText("2021")
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert field.date().toPython() == date(2020, 1, 5)
    assert field.property(INPUT_ERROR) == "Date : un jour attendu (18/06/2021), pas « 2021 »."


@pytest.mark.parametrize("typed", ["18/06/2021", "18062021", "18/6/2021"])
def test_a_date_typed_as_written_with_or_without_slashes(qtbot, typed):
    form = QWidget()
    qtbot.addWidget(form)
    before, day = QLineEdit(), date_edit(date(2026, 12, 7))
    layout = QVBoxLayout(form)
    for widget in (before, day):
        layout.addWidget(widget)
    form.show()
    form.activateWindow()
    before.setFocus()
    qtbot.waitUntil(before.hasFocus)
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    qtbot.keyClicks(day, typed)
    assert day.date().toPython() == date(2021, 6, 18)
