"""Layouts for small screens: a side panel that goes below, fields that scroll, windows that fit."""

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from coorace_desktop.ui.widgets.screen_fit import (
    UNDECORATED_FRAME,
    ResponsiveSplitter,
    VerticalScrollArea,
    fit_to_screen,
)


def panel(width: int, height: int) -> QWidget:
    widget = QWidget()
    widget.setMinimumSize(width, height)
    return widget


def test_the_side_goes_below_under_the_width_given_and_never_widens_the_window(qtbot):
    splitter = ResponsiveSplitter(panel(600, 100), panel(300, 80), wide=1000)
    window = QWidget()
    layout = QVBoxLayout(window)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(splitter)
    qtbot.addWidget(window)
    assert window.minimumSizeHint().width() == 600  # stacked, not 900 side by side
    window.resize(1100, 500)
    window.show()
    qtbot.waitUntil(lambda: splitter.orientation() == Qt.Orientation.Horizontal)
    window.resize(800, 500)
    qtbot.waitUntil(lambda: splitter.orientation() == Qt.Orientation.Vertical)
    assert window.width() == splitter.widget(0).width() == splitter.widget(1).width() == 800


def test_scrolled_fields_shrink_to_a_few_lines_and_are_no_tab_stop(qtbot):
    content = QWidget()
    column = QVBoxLayout(content)
    first, second = QLineEdit(), QLineEdit()
    column.addWidget(first)
    for n in range(30):
        column.addWidget(QLabel(f"ligne {n}"))
    column.addWidget(second)
    window = QWidget()
    QVBoxLayout(window).addWidget(VerticalScrollArea(content))
    qtbot.addWidget(window)
    assert window.minimumSizeHint().height() < content.minimumSizeHint().height() / 2
    window.resize(300, 200)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert second.hasFocus()
    qtbot.keyClick(second, Qt.Key.Key_Tab)  # round to the first field: no stop on the area itself
    assert first.hasFocus()


def test_a_window_larger_than_the_screen_is_shrunk_to_fit_it(qtbot, monkeypatch):
    monkeypatch.setattr(QScreen, "availableGeometry", lambda screen: QRect(0, 0, 1024, 600))
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(1100, 680)
    fit_to_screen(window)
    assert (window.width(), window.height()) == (1024 - UNDECORATED_FRAME.width(), 600 - UNDECORATED_FRAME.height())
    window.resize(500, 400)
    fit_to_screen(window)
    assert (window.width(), window.height()) == (500, 400)
