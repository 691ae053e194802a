"""A search box inside a form: Enter belongs to the search, so it never presses the form's
default button (a name typed then Enter must not save the form with a half-made choice)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit


class SearchEdit(QLineEdit):
    """A line edit that keeps Enter while `keeps_enter()` says so (always, unless overridden)."""

    def keeps_enter(self) -> bool:
        return True

    def keyPressEvent(self, event) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.keeps_enter():
            event.accept()
