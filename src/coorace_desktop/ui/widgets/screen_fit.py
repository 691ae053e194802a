"""Layouts that fit small screens (1024x600 and up): a main panel and a side panel side by side
when there is room, one above the other when not; windows never opening larger than the screen."""

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QSplitter, QWidget

# The height a scrolled column may shrink to: a few lines, the rest reached by scrolling.
SCROLLED_MINIMUM_HEIGHT = 120
# What a window manager's title bar and borders usually add (at least).
UNDECORATED_FRAME = QSize(8, 38)


class ResponsiveSplitter(QSplitter):
    """Side by side at `wide` pixels and more (at least both parts' minimum widths side by side),
    else the side panel below the main one. Its minimum
    width is that of the stacked arrangement, so the panel never forces a window wider than its
    widest part. Either part can still be folded away by dragging the handle.

    `arranged(orientation)` says when the arrangement changed (e.g. to lay the side out in a row)."""

    arranged = Signal(Qt.Orientation)

    def __init__(self, main: QWidget, side: QWidget, wide: int, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.wide = wide
        self.addWidget(main)
        self.addWidget(side)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 1)

    def minimumSizeHint(self) -> QSize:
        main, side = (self.widget(index).minimumSizeHint().expandedTo(self.widget(index).minimumSize()) for index in range(2))
        return QSize(max(main.width(), side.width()), main.height() + side.height() + self.handleWidth())

    def resizeEvent(self, event) -> None:
        orientation = Qt.Orientation.Horizontal if event.size().width() >= self.wide else Qt.Orientation.Vertical
        if orientation != self.orientation():
            self.setOrientation(orientation)
            length = event.size().width() if orientation == Qt.Orientation.Horizontal else event.size().height()
            self.setSizes([length * 3 // 4, length // 4] if orientation == Qt.Orientation.Horizontal else [length * 3 // 5, length * 2 // 5])
            self.arranged.emit(orientation)
        super().resizeEvent(event)


class VerticalScrollArea(QScrollArea):
    """A frameless area giving `content` the width it needs and scrolling it vertically when the
    screen is too short: its size hint is the content's, its minimum height a few lines."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent, widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field, never to the area
        self.setWidget(content)
        content.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The window's layout keeps the hint it first read (the content not laid out yet: empty)
        # until told that it changed.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:
        content = self.widget().sizeHint().expandedTo(self.widget().minimumSizeHint())
        return content + QSize(self.verticalScrollBar().sizeHint().width(), 0)

    def minimumSizeHint(self) -> QSize:
        content = self.widget().minimumSizeHint()
        return QSize(content.width() + self.verticalScrollBar().sizeHint().width(), min(content.height(), SCROLLED_MINIMUM_HEIGHT))


def fit_to_screen(window: QWidget) -> None:
    """Shrink a window larger than its screen's available area to fit, and move it inside."""
    screen = window.screen()
    if screen is None:
        return
    available = screen.availableGeometry()
    frame = window.frameGeometry()
    # Title bar and borders, known only once the window manager has decorated the window.
    extra = (frame.size() - window.geometry().size()).expandedTo(UNDECORATED_FRAME)
    size = window.size().boundedTo(available.size() - extra)
    if size != window.size():
        window.resize(size.expandedTo(window.minimumSizeHint()))
    frame = window.frameGeometry()
    x = min(max(frame.x(), available.left()), max(available.left(), available.right() + 1 - frame.width()))
    y = min(max(frame.y(), available.top()), max(available.top(), available.bottom() + 1 - frame.height()))
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)
