"""Work put off until a widget has painted: what it shows is on screen first (the window's shell
at start, a tab's key figures before its charts). Light on purpose: the start uses it before the
shell paints, so it loads nothing but QtCore."""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


def after_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Call then() once the event loop has next painted `widget`; never once the widget is gone."""
    widget.installEventFilter(_AfterPaint(widget, then))


class _AfterPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self.then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, watched, self.then)
            self.deleteLater()
        return False
