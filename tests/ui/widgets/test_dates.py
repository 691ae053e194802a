"""The shared date field: the keyboard enters it on the day, from either direction."""

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
