"""Small widgets the governance dialogs share: French date fields, optional dates, a date-only form."""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from coorace_desktop.ui.widgets.app_state import Area
from coorace_desktop.ui.widgets.form_dialog import FormDialog

DATE_FORMAT = "dd/MM/yyyy"


class DateEdit(QDateEdit):
    """A date field in the French format with a calendar pop-up, whose keyboard entry starts on
    the day: Qt puts Shift+Tab on the year, where typing « 12 » would change the year. A date
    types as it is written, « 18/06/2021 »: Qt moves on by itself once « 18 » fills the day, and
    would move on again at the « / » (the month typed into the year); that « / » is skipped."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, calendarPopup=True, displayFormat=DATE_FORMAT)
        self._moved_on = False  # the last digit typed filled its section and moved to the next

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.text() == "/" and self._moved_on:
            self._moved_on = False
            event.accept()
            return
        section = self.currentSection()
        super().keyPressEvent(event)
        self._moved_on = event.text().isdigit() and self.currentSection() != section

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.setSelectedSection(QDateEdit.Section.DaySection)


def date_edit(value: date | None = None) -> DateEdit:
    """A DateEdit set to `value` or today."""
    edit = DateEdit()
    edit.setDate(QDate(value) if value else QDate.currentDate())
    return edit


class OptionalDate(QWidget):
    """A date that may be left unknown: a check box enables the date field."""

    changed = Signal()

    def __init__(self, text: str, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check_box = QCheckBox(text)
        self.date_edit = date_edit(value)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check_box)
        layout.addWidget(self.date_edit)
        layout.addStretch(1)
        self.check_box.toggled.connect(self.date_edit.setEnabled)
        self.check_box.toggled.connect(self.changed)
        self.date_edit.dateChanged.connect(self.changed)
        self.set_value(value)

    def value(self) -> date | None:
        return self.date_edit.date().toPython() if self.check_box.isChecked() else None

    def set_value(self, value: date | None) -> None:
        if value is not None:
            self.date_edit.setDate(QDate(value))
        self.check_box.setChecked(value is not None)
        self.date_edit.setEnabled(value is not None)


class DateDialog(FormDialog):
    """One date to record (an end, a start) with a sentence saying what it does."""

    def __init__(
        self,
        title: str,
        text: str,
        label: str,
        value: date,
        save: Callable[[date], object],
        validate: Callable[[date], dict[str, str]] | None = None,
        parent: QWidget | None = None,
        announces: frozenset[Area] = frozenset(),
    ) -> None:
        super().__init__(title, parent)
        self.announces = announces
        explanation = QLabel(text, wordWrap=True)
        self.form.addRow(explanation)
        self.date_edit = self.add_field("date", label, date_edit(value))
        self._save = save
        self._validate = validate

    def values(self) -> date:
        return self.date_edit.date().toPython()

    def validate(self, draft: date) -> dict[str, str]:
        return self._validate(draft) if self._validate else {}

    def save(self, draft: date) -> object:
        return self._save(draft)
