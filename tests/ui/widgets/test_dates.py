"""The shared date field: the keyboard enters it on the day, from either direction, and a date types
as it is written."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateEdit, QLineEdit, QVBoxLayout, QWidget

from coorace_desktop.ui.widgets.dates import date_edit


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
