"""A month calendar that marks the days holding events, and the list of the chosen day's events."""

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop.domain.enums import EventStatus
from coorace_desktop.domain.french import plural
from coorace_desktop.services.events.event_list import DayEvent, DayMark

MARK_COLOUR = QColor("#cfe3f7")
CANCELLED_COLOUR = QColor("#eeeeee")
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole
# What the tab gives: the marked days of a period, and the events of each day of a period.
Marks = Callable[[date, date], dict[date, DayMark]]
Events = Callable[[date, date], dict[date, list[DayEvent]]]


class EventCalendar(QCalendarWidget):
    """Days with an event are bold on a blue ground (grey when all of them were cancelled); a
    marked day's tooltip lists its events, read when the pointer rests on it (at 200,000 events
    a month shows ~1,500 of them: their titles are not read for every day up front)."""

    def __init__(self, marks: Marks, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._marks_between = marks
        self._events_between = events
        self.marks: dict[date, DayMark] = {}
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self._grid = self.findChild(QTableView)
        self._grid.viewport().installEventFilter(self)
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
        self.marks = self._marks_between(*self.visible_range())
        for day, mark in self.marks.items():
            text_format = QTextCharFormat()
            text_format.setFontWeight(QFont.Weight.Bold)
            text_format.setBackground(QBrush(CANCELLED_COLOUR if mark.all_cancelled else MARK_COLOUR))
            self.setDateTextFormat(QDate(day), text_format)

    def marked_days(self) -> list[date]:
        return sorted(self.marks)

    def events_on(self, day: date) -> list[DayEvent]:
        return self._events_between(day, day).get(day, [])

    def day_at(self, position) -> date | None:
        """The day under a point of the grid (None on the row of weekday names)."""
        index = self._grid.indexAt(position)
        if not index.isValid() or index.row() == 0:
            return None
        return self.visible_range()[0] + timedelta(days=7 * (index.row() - 1) + index.column())

    def tooltip_text(self, day: date) -> str:
        """The day's events, one title a line (empty for a day without any)."""
        return "\n".join(event.title for event in self.events_on(day)) if day in self.marks else ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ToolTip and watched is self._grid.viewport():
            day = self.day_at(event.pos())
            text = self.tooltip_text(day) if day is not None else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self._grid.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)


class CalendarPanel(QWidget):
    """The calendar, and beneath it the events of the selected day (double-click opens one)."""

    open_requested = Signal(int)

    def __init__(self, marks: Marks, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calendar = EventCalendar(marks, events)
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
