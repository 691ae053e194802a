"""Guard against PySide6 6.12.0 on Python 3.11, whose void calls drop a reference to None
until the interpreter aborts (`Fatal Python error: none_dealloc`)."""

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for number in range(10_000):
        label.setText(str(number))  # returns None (void in C++)
    assert sys.getrefcount(None) >= before - 100
