"""One period chooser for the views that follow a period: this week, this month, this quarter,
this year, last year (domain/periods.py), or from one day to another."""

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from coorace_desktop.domain.periods import RELATIVE_PERIODS, period_text, relative_period
from coorace_desktop.ui.widgets.dates import date_edit

BETWEEN = "between"


class PeriodSelector(QWidget):
    """`changed(first_day, last_day)` whenever the period changes (both days included)."""

    changed = Signal(object, object)

    def __init__(self, key: str = "year", today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today or date.today()
        self.period_combo = QComboBox()
        self.period_combo.setAccessibleName("Période")
        for period_key, label in RELATIVE_PERIODS:
            self.period_combo.addItem(label, period_key)
        self.period_combo.addItem("Du … au …", BETWEEN)
        first, last = relative_period(key, self.today)
        self.from_edit, self.to_edit = date_edit(first), date_edit(last)
        self.from_edit.setAccessibleName("Du")
        self.to_edit.setAccessibleName("Au")
        self.range_label = QLabel()  # the dates of a relative period, read without opening anything
        self.range_label.setAccessibleName("Dates de la période")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        period_label = QLabel("&Période")
        period_label.setBuddy(self.period_combo)
        for widget in (period_label, self.period_combo, self.from_edit, QLabel("au"), self.to_edit, self.range_label):
            layout.addWidget(widget)
        self._between_widgets = (self.from_edit, layout.itemAt(3).widget(), self.to_edit)
        self.period_combo.setCurrentIndex(self.period_combo.findData(key))
        self._show_mode()
        self.period_combo.currentIndexChanged.connect(self._key_chosen)
        self.from_edit.dateChanged.connect(self._dates_typed)
        self.to_edit.dateChanged.connect(self._dates_typed)

    def period(self) -> tuple[date, date]:
        return self.from_edit.date().toPython(), self.to_edit.date().toPython()

    def set_between(self, first_day: date, last_day: date) -> None:
        """Choose « Du … au … » with these days (one change signal)."""
        self.period_combo.blockSignals(True)
        self.period_combo.setCurrentIndex(self.period_combo.findData(BETWEEN))
        self.period_combo.blockSignals(False)
        self._set_dates(first_day, last_day)
        self._show_mode()
        self._emit()

    def _set_dates(self, first_day: date, last_day: date) -> None:
        for edit in (self.from_edit, self.to_edit):
            edit.blockSignals(True)
        self.to_edit.setMinimumDate(QDate(first_day))
        self.from_edit.setDate(QDate(first_day))
        self.to_edit.setDate(QDate(last_day))
        for edit in (self.from_edit, self.to_edit):
            edit.blockSignals(False)

    def _show_mode(self) -> None:
        between = self.period_combo.currentData() == BETWEEN
        for widget in self._between_widgets:
            widget.setVisible(between)
        self.range_label.setVisible(not between)
        self.range_label.setText(f"({period_text(*self.period())})")

    def _key_chosen(self) -> None:
        key = self.period_combo.currentData()
        if key != BETWEEN:
            self._set_dates(*relative_period(key, self.today))
        self._show_mode()
        self._emit()

    def _dates_typed(self) -> None:
        self.to_edit.setMinimumDate(self.from_edit.date())  # an end before the start cannot be typed
        self._emit()

    def _emit(self) -> None:
        self.range_label.setText(f"({period_text(*self.period())})")
        self.changed.emit(*self.period())
