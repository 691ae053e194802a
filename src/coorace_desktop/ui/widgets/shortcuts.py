"""Keyboard shortcuts: with their reach set so it holds, and for buttons that sit deep in a form,
shown in the button's own label; Tab in reading order."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QLayout, QStackedWidget, QTabWidget, QWidget


def shortcut(keys: QKeySequence, widget: QWidget, slot: Callable[[], object], context: Qt.ShortcutContext) -> QShortcut:
    """A shortcut of `widget` reaching as far as `context` says. The context is set after
    construction: PySide6 drops the constructor's context argument, leaving every shortcut
    window-wide (two tables side by side then shared Ctrl+N, Enter and Del, and both went dead)."""
    made = QShortcut(keys, widget, slot)
    made.setContext(context)
    return made


def give_shortcut(button: QAbstractButton, keys: str, window: QWidget) -> None:
    """`keys` (« Ctrl+Shift+S ») presses `button` from anywhere in `window`, even when the button is
    on a page not shown (the page comes forward first); the label ends with « (Ctrl+Maj+S) »."""
    shortcut(QKeySequence(keys), window, lambda: _press(button), Qt.ShortcutContext.WindowShortcut)
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


def tab_in_layout_order(layout: QLayout) -> None:
    """Tab goes through the widgets of `layout` in its order (rows top down, each left to right),
    not in the order they were made: filters a tab adds after the table's own buttons come before them."""
    chain = _focusable(layout)
    for first, second in zip(chain, chain[1:]):
        QWidget.setTabOrder(first, second)


def _focusable(layout: QLayout) -> list[QWidget]:
    found = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item.layout() is not None:
            found += _focusable(item.layout())
        elif (widget := item.widget()) is not None:
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                found.append(widget)
            elif widget.layout() is not None:  # a compound (the period chooser): its own widgets
                found += _focusable(widget.layout())
    return found
