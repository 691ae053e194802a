"""Keyboard shortcuts for buttons that sit deep in a form, shown in the button's own label."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QStackedWidget, QTabWidget, QWidget


def give_shortcut(button: QAbstractButton, keys: str, window: QWidget) -> None:
    """`keys` (« Ctrl+Shift+S ») presses `button` from anywhere in `window`, even when the button is
    on a page not shown (the page comes forward first); the label ends with « (Ctrl+Maj+S) »."""
    QShortcut(QKeySequence(keys), window, lambda: _press(button), context=Qt.ShortcutContext.WindowShortcut)
    button.setText(f"{button.text()} ({keys.replace('Shift', 'Maj')})")


def _press(button: QAbstractButton) -> None:
    child, parent = button, button.parentWidget()
    while parent is not None:
        if isinstance(parent, QStackedWidget):  # a page: of a tab widget (through its tab bar) or a stack
            owner = parent.parentWidget()
            (owner if isinstance(owner, QTabWidget) else parent).setCurrentWidget(child)
        child, parent = parent, parent.parentWidget()
    if button.isEnabled():
        button.click()
