"""Small widgets the dialogs share: French date fields, optional dates, a date-only form."""

import re
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFocusEvent, QGuiApplication, QKeyEvent, QKeySequence, QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QDateEdit, QHBoxLayout, QLabel, QToolTip, QWidget

from coorace_desktop.domain.enums import DatePrecision
from coorace_desktop.domain.typed_dates import parse_typed_date
from coorace_desktop.domain.validation import ValidationError
from coorace_desktop.ui.widgets.app_state import Area
from coorace_desktop.ui.widgets.form_dialog import INPUT_ERROR, FormDialog

DATE_FORMAT = "dd/MM/yyyy"
DIGITS, SEPARATORS = "0123456789", "/.-"
SECTIONS = (QDateEdit.Section.DaySection, QDateEdit.Section.MonthSection, QDateEdit.Section.YearSection)
_TYPED = re.compile(r"(\d{1,2}(/(\d{1,2}(/\d{0,4})?)?)?)?")  # an entry as typed, from its start
_PLAIN = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


class DateEdit(QDateEdit):
    """A date field in the French format with a calendar pop-up.

    A digit typed anywhere in it starts a whole date, shown as typed: « 18/06/2021 »,
    « 18062021 » or « 1/6/21 » (Qt's own section typing kept only the day of « 18/06/2021 »).
    The date is taken once its year has four digits, or when the field is left, Enter pressed
    or another key used, the sections not typed keeping their value (« 12 » then Tab: the 12th
    of the same month). A date that does not exist (31/02/2021) stays shown as typed, refused:
    a French tip says why, Enter does not save, and a form shows the error beneath the field
    (INPUT_ERROR) until it is corrected or Échap drops it. Ctrl+V pastes a whole date. The
    arrows, the wheel and the calendar work as in any QDateEdit; Tab enters on the day."""

    _typed: str | None = None  # the entry under way, as shown; None when the field shows its date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, calendarPopup=True, displayFormat=DATE_FORMAT)
        self.installEventFilter(self)
        self.lineEdit().installEventFilter(self)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            self.setSelectedSection(QDateEdit.Section.DaySection)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._finish()
        super().focusOutEvent(event)
        if self._typed is not None:  # refused: Qt just showed the kept date in its place
            self._show(self._typed)

    def focusNextPrevChild(self, next_child: bool) -> bool:
        if not self._finish():  # Tab leaves a refused date as typed, for the form to show
            return QAbstractSpinBox.focusNextPrevChild(self, next_child)
        return super().focusNextPrevChild(next_child)  # on from the section typed last, as ever

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.Wheel) and not self._finish():
            self._drop()  # a click or the wheel changes the date Qt's way, from the date kept
        return False

    def validate(self, text: str, position: int) -> object:
        # While an entry is typed, Qt's parser must not see it: it would "fix" 31/02 into 28/02.
        if self._typed is not None:
            return QValidator.State.Intermediate, text, position
        return super().validate(text, position)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text, key = event.text(), event.key()
        if self.isReadOnly():
            super().keyPressEvent(event)
        elif event.matches(QKeySequence.StandardKey.Paste):
            pasted = " ".join(QGuiApplication.clipboard().text().split())
            if pasted.isdigit() and len(pasted) == 8:
                pasted = f"{pasted[:2]}/{pasted[2:4]}/{pasted[4:]}"
            self._edit(pasted)
            self._finish()
        elif not event.modifiers() & ~_PLAIN and len(text) == 1 and (
            text in DIGITS or (text in SEPARATORS and self._typed is not None)
        ):
            self._type(text)
        elif self._typed is not None and key == Qt.Key.Key_Backspace:
            self._edit(self._typed[:-2] if self._typed.endswith("/") else self._typed[:-1])
        elif key == Qt.Key.Key_Escape:
            self._drop()  # then on to the dialog, as ever
            super().keyPressEvent(event)
        elif self._finish():
            super().keyPressEvent(event)
        elif key not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter never saves a refused date
            self._drop()
            super().keyPressEvent(event)

    def _type(self, char: str) -> None:
        typed = self._typed or ""
        parts = typed.split("/")
        if char in SEPARATORS:
            typed += "/" if parts[-1] and len(parts) < 3 else ""
        else:
            if len(parts) == 3 and len(parts[2]) == 4 or not _TYPED.fullmatch(typed):
                typed, parts = "", [""]  # a refused entry is typed again from its start
            if len(parts) < 3 and len(parts[-1]) == 2:
                typed += "/"
            typed += char
            if len(parts) < 3 and len(typed.split("/")[-1]) == 2:
                typed += "/"  # « 18062021 » shows as 18/06/2021
        self._edit(typed)
        if len(parts := typed.split("/")) == 3 and len(parts[2]) == 4:
            self._finish()

    def _edit(self, typed: str) -> None:
        self._typed = typed
        self._refuse("")
        self._show(typed)

    def _finish(self) -> bool:
        """Take the entry under way, if any; False, with the reason shown, when it is refused."""
        if self._typed is None:
            return True
        parts = [part for part in self._typed.split("/") if part]
        text = self._typed
        if _TYPED.fullmatch(text):  # the sections not typed keep their value
            kept = self.date().toPython().strftime("%d/%m/%Y").split("/")
            text = "/".join(parts + kept[len(parts):])
        try:
            typed = parse_typed_date(text, self.accessibleName() or "Date")
            if typed.precision is not DatePrecision.DAY:
                raise ValidationError(f"Date : un jour attendu (18/06/2021), pas « {text} ».")
        except ValidationError as error:
            self._refuse(str(error))
            QToolTip.showText(self.mapToGlobal(self.rect().bottomLeft()), str(error), self)
            return False
        self._typed = None
        self.setDate(QDate(typed.value))
        self._show(self.textFromDateTime(self.dateTime()))
        if parts and len(parts) <= len(SECTIONS):
            self.setSelectedSection(SECTIONS[len(parts) - 1])
        return True

    def _drop(self) -> None:
        """Forget the entry under way: the field shows its date again."""
        if self._typed is not None:
            self._typed = None
            self._refuse("")
            self._show(self.textFromDateTime(self.dateTime()))

    def _refuse(self, message: str) -> None:
        if self.property(INPUT_ERROR) != message:
            self.setProperty(INPUT_ERROR, message)
            self.editingFinished.emit()  # a form revalidates on it

    def _show(self, text: str) -> None:
        # Without the line edit's signals, Qt keeps no trace of the entry (nor a cursor to fix).
        with QSignalBlocker(self.lineEdit()):
            self.lineEdit().setText(text)


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
