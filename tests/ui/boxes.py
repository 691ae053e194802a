"""Answering a real message box from a test: its exec() blocks, so the click is queued first."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def click_when_asked(button_text: str, asked: list[str]) -> None:
    """Click `button_text` on the message box about to open, noting its text in `asked`."""

    def act():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, act)
            return
        asked.append(box.text())
        next(button for button in box.buttons() if button.text() == button_text).click()

    QTimer.singleShot(0, act)
