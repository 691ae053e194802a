"""One period chooser for the views that follow a period (the dashboard, the actions and events
tables): this week, this month, this quarter, this year, last year (domain/periods.py), or from
one day to another; a table's chooser is `optional`: « Toutes les dates » (no period)."""

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from coorace_desktop.domain.periods import RELATIVE_PERIODS, period_text, relative_period
from coorace_desktop.ui.widgets.dates import date_edit

BETWEEN = "between"
ALL_DATES = "all"


class PeriodSelector(QWidget):
    """`changed(first_day, last_day)` whenever the period changes (both days included; both None
    when « Toutes les dates » is chosen, which only an `optional` chooser offers)."""

    changed = Signal(object, object)

    def __init__(
        self,
        key: str = "year",
        today: date | None = None,
        parent: QWidget | None = None,
        *,
        optional: bool = False,
    ) -> None:
        super().__init__(parent)
        self.today = today or date.today()
        self.period_combo = QComboBox()
        self.period_combo.setAccessibleName("Période")
        if optional:
            self.period_combo.addItem("Toutes les dates", ALL_DATES)
        for period_key, text in RELATIVE_PERIODS:
            self.period_combo.addItem(text, period_key)
        self.period_combo.addItem("Du … au …", BETWEEN)
        first, last = relative_period("year" if key == ALL_DATES else key, self.today)
        self.from_edit, self.to_edit = date_edit(first), date_edit(last)
        self.from_edit.setAccessibleName("Du")
        self.to_edit.setAccessibleName("Au")
        self.range_label = QLabel()  # the dates of a relative period, read without opening anything
        self.range_label.setAccessibleName("Dates de la période")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        period_label, to_label = QLabel("&Période"), QLabel("au")
        period_label.setBuddy(self.period_combo)
        for widget in (period_label, self.period_combo, self.from_edit, to_label, self.to_edit, self.range_label):
            layout.addWidget(widget)
        self._between_widgets = (self.from_edit, to_label, self.to_edit)
        self.period_combo.setCurrentIndex(self.period_combo.findData(key))
        self._show_mode()
        self.period_combo.currentIndexChanged.connect(self._key_chosen)
        self.from_edit.dateChanged.connect(self._dates_typed)
        self.to_edit.dateChanged.connect(self._dates_typed)

    def period(self) -> tuple[date, date]:
        """The days shown in the date fields (the last period chosen, when « Toutes les dates » is)."""
        return self.from_edit.date().toPython(), self.to_edit.date().toPython()

    def chosen(self) -> tuple[date, date] | None:
        """The period chosen, None for « Toutes les dates »."""
        return None if self.period_combo.currentData() == ALL_DATES else self.period()

    def set_between(self, first_day: date, last_day: date, *, notify: bool = True) -> None:
        """Choose « Du … au … » with these days (one change signal, none unless `notify`)."""
        self._choose(BETWEEN)
        self._set_dates(first_day, last_day)
        self._show_mode()
        if notify:
            self._emit()

    def set_all_dates(self, *, notify: bool = True) -> None:
        """Choose « Toutes les dates » (an optional chooser only)."""
        self._choose(ALL_DATES)
        self._show_mode()
        if notify:
            self._emit()

    def _choose(self, key: str) -> None:
        self.period_combo.blockSignals(True)
        self.period_combo.setCurrentIndex(self.period_combo.findData(key))
        self.period_combo.blockSignals(False)

    def _set_dates(self, first_day: date, last_day: date) -> None:
        for edit in (self.from_edit, self.to_edit):
            edit.blockSignals(True)
        self.to_edit.setMinimumDate(QDate(first_day))
        self.from_edit.setDate(QDate(first_day))
        self.to_edit.setDate(QDate(last_day))
        for edit in (self.from_edit, self.to_edit):
            edit.blockSignals(False)

    def _show_mode(self) -> None:
        key = self.period_combo.currentData()
        for widget in self._between_widgets:
            widget.setVisible(key == BETWEEN)
        self.range_label.setVisible(key not in (BETWEEN, ALL_DATES))
        self.range_label.setText(f"({period_text(*self.period())})")

    def _key_chosen(self) -> None:
        key = self.period_combo.currentData()
        if key not in (BETWEEN, ALL_DATES):
            self._set_dates(*relative_period(key, self.today))
        self._show_mode()
        self._emit()

    def _dates_typed(self) -> None:
        self.to_edit.setMinimumDate(self.from_edit.date())  # an end before the start cannot be typed
        self._emit()

    def _emit(self) -> None:
        self.range_label.setText(f"({period_text(*self.period())})")
        chosen = self.chosen()
        self.changed.emit(*(chosen or (None, None)))
