"""The message boxes every area shows, in one module: call them as `messages.ask(...)` so that a
test patches one function here (tests/ui/conftest.py `messages` fixture) for the whole window."""

from PySide6.QtWidgets import QMessageBox, QWidget

TITLE = "Coorace Desktop"
YES_NO = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
PRINT, OPEN = "print", "open"  # what offer_file returns


def show_error(parent: QWidget | None, message: str, details: str = "") -> None:
    """A refusal or failure, in French; `details` (a traceback) folded away."""
    box = QMessageBox(QMessageBox.Icon.Warning, TITLE, message, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def offer_file(parent: QWidget | None, title: str, text: str) -> str:
    """Say a document was written, offering to print it (Imprimer…, the default) or open it (Ouvrir);
    Fermer and Échap do neither. PRINT, OPEN or ""."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.NoButton, parent)
    printing = box.addButton("&Imprimer…", QMessageBox.ButtonRole.AcceptRole)
    opening = box.addButton("&Ouvrir", QMessageBox.ButtonRole.ActionRole)
    closing = box.addButton("&Fermer", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(printing)
    box.setEscapeButton(closing)
    box.exec()
    return {printing: PRINT, opening: OPEN}.get(box.clickedButton(), "")


def choose(parent: QWidget | None, title: str, question: str, informative: str, act: str, stay: str, *, role=QMessageBox.ButtonRole.AcceptRole) -> bool:
    """A question with two named buttons, `stay` the default and Échap's; True when `act` was clicked."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, parent)
    box.setInformativeText(informative)
    acting = box.addButton(act, role)
    staying = box.addButton(stay, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(staying)
    box.setEscapeButton(staying)
    box.exec()
    return box.clickedButton() is acting


def ask(parent: QWidget | None, title: str, question: str, *, warning: bool = False) -> bool:
    """Yes or No, No by default (Enter never confirms a deletion); True for Yes."""
    show = QMessageBox.warning if warning else QMessageBox.question
    return show(parent, title, question, YES_NO, QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes
