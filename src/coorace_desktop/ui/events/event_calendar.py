"""A month calendar that marks the days holding events, and the list of the chosen day's events."""

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from coorace_desktop.domain.enums import EventStatus
from coorace_desktop.domain.french import plural
from coorace_desktop.services.events.event_list import DayEvent

MARK_COLOUR = QColor("#cfe3f7")
CANCELLED_COLOUR = QColor("#eeeeee")
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole


class EventCalendar(QCalendarWidget):
    """Days with an event are bold on a blue ground (grey when all of them were cancelled)."""

    def __init__(self, days: Callable[[date, date], dict[date, list[DayEvent]]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days_between = days
        self.days: dict[date, list[DayEvent]] = {}
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.currentPageChanged.connect(lambda _year, _month: self.refresh())
        self.refresh()

    def visible_range(self) -> tuple[date, date]:
        """The six weeks the grid shows around the current month."""
        first = date(self.yearShown(), self.monthShown(), 1)
        # With Monday first, Qt shows a whole week of the previous month when the 1st is a Monday.
        start = first - timedelta(days=first.weekday() or 7)
        return start, start + timedelta(days=41)

    def refresh(self) -> None:
        self.setDateTextFormat(QDate(), QTextCharFormat())  # a null date clears every mark
        self.days = self._days_between(*self.visible_range())
        for day, events in self.days.items():
            mark = QTextCharFormat()
            mark.setFontWeight(QFont.Weight.Bold)
            all_cancelled = all(event.status is EventStatus.CANCELLED for event in events)
            mark.setBackground(QBrush(CANCELLED_COLOUR if all_cancelled else MARK_COLOUR))
            mark.setToolTip("\n".join(event.title for event in events))
            self.setDateTextFormat(QDate(day), mark)

    def marked_days(self) -> list[date]:
        return sorted(self.days)

    def events_on(self, day: date) -> list[DayEvent]:
        first, last = self.visible_range()
        if first <= day <= last:
            return self.days.get(day, [])
        return self._days_between(day, day).get(day, [])


class CalendarPanel(QWidget):
    """The calendar, and beneath it the events of the selected day (double-click opens one)."""

    open_requested = Signal(int)

    def __init__(self, days: Callable[[date, date], dict[date, list[DayEvent]]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calendar = EventCalendar(days)
        self.day_label = QLabel()
        self.day_list = QListWidget()
        self.day_list.setAccessibleName("Événements du jour")
        self.day_list.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.calendar)
        layout.addWidget(self.day_label)
        layout.addWidget(self.day_list, 1)
        self.calendar.selectionChanged.connect(self.show_day)
        self.day_list.itemActivated.connect(lambda item: self.open_requested.emit(item.data(EVENT_ID_ROLE)))
        self.show_day()

    def refresh(self) -> None:
        self.calendar.refresh()
        self.show_day()

    def go_to(self, day: date) -> None:
        self.calendar.setSelectedDate(QDate(day))

    def selected_day(self) -> date:
        return self.calendar.selectedDate().toPython()

    def show_day(self) -> None:
        day = self.selected_day()
        events = self.calendar.events_on(day)
        self.day_label.setText(f"Le {day:%d/%m/%Y} : " + ("aucun événement" if not events else
                               plural(len(events), "événement", "événements")))
        self.day_list.clear()
        for event in events:
            when = f"{event.start_time:%H:%M}  " if event.start_time else ""
            suffix = f"  ({event.status.label.lower()})" if event.status is EventStatus.CANCELLED else ""
            item = QListWidgetItem(f"{when}{event.title}{suffix}")
            item.setData(EVENT_ID_ROLE, event.id)
            self.day_list.addItem(item)
