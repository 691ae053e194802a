"""The shared form dialog and background job behave as every editor relies on."""

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QMessageBox

from coorace_desktop.domain.validation import ValidationError, required_text
from coorace_desktop.storage.errors import DiskFullError
from coorace_desktop.ui.widgets import worker
from coorace_desktop.ui.widgets.form_dialog import FormDialog
from tests.ui.boxes import click_when_asked


class NameDialog(FormDialog):
    def __init__(self, save):
        super().__init__("Nom")
        self.name_edit = self.add_field("name", "Nom", QLineEdit())
        self.save_command = save

    def values(self):
        return self.name_edit.text()

    def validate(self, draft):
        try:
            required_text(draft, "Le nom")
        except ValidationError as error:
            return {"name": str(error)}
        return {}

    def save(self, draft):
        return self.save_command(draft)


def test_ok_is_disabled_until_valid_and_errors_show_next_to_fields(qtbot):
    dialog = NameDialog(lambda name: name)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "AJE")
    assert dialog.ok_button.isEnabled()
    dialog.name_edit.clear()
    assert not dialog.ok_button.isEnabled()
    dialog.accept()  # a save tried shows the errors
    assert dialog.field_error("name") == "Le nom est obligatoire."


def test_dialog_closes_only_after_the_save_succeeded(qtbot, monkeypatch, boxes):
    shown = boxes.errors

    def failing_save(name):
        raise DiskFullError("Le disque est plein : rien n'a été enregistré.")

    dialog = NameDialog(failing_save)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name_edit, "AJE")
    dialog.accept()
    assert dialog.isVisible() and shown == ["Le disque est plein : rien n'a été enregistré."]

    dialog.save_command = lambda name: f"saved {name}"
    dialog.accept()
    assert not dialog.isVisible() and dialog.result_value == "saved AJE"


def test_a_bug_in_save_is_not_swallowed(qtbot):
    def buggy(name):
        raise ZeroDivisionError

    dialog = NameDialog(buggy)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("AJE")
    with pytest.raises(ZeroDivisionError):
        dialog.accept()


def test_background_job_reports_result_in_ui_thread(qtbot):
    results = []

    def job(progress):
        for step in range(3):
            progress(step, 3, "étape")
        return "fini"

    running = worker.run_in_background(None, "Travail…", job, results.append)
    qtbot.waitUntil(lambda: results == ["fini"], timeout=5000)
    running.wait()


def test_cancel_stops_the_job_at_its_next_progress_call(qtbot):
    import threading

    started, release = threading.Event(), threading.Event()
    finished, cancelled = [], []

    def job(progress):
        started.set()
        release.wait(5)
        progress(1, 2, "")
        finished.append("should not get here")

    running = worker.run_in_background(None, "Travail…", job, finished.append, on_cancel=lambda: cancelled.append(True))
    started.wait(5)
    running.cancel()
    release.set()
    qtbot.waitUntil(lambda: cancelled == [True], timeout=5000)
    assert finished == []


def test_expected_failure_in_a_job_is_a_message(qtbot, monkeypatch, boxes):
    shown = boxes.errors

    def job(progress):
        raise DiskFullError("Le disque est plein : rien n'a été enregistré.")

    worker.run_in_background(None, "Travail…", job, lambda result: None)
    qtbot.waitUntil(lambda: shown == ["Le disque est plein : rien n'a été enregistré."], timeout=5000)


def test_a_latest_read_that_failed_still_starts_the_read_asked_for_meanwhile(qtbot, boxes):
    """One read at a time: the one asked for while another ran starts once that one ended, even
    in failure (its message shown); `forget` drops what was asked before it."""
    from PySide6.QtWidgets import QWidget

    owner, shown, release = QWidget(), [], threading.Event()
    qtbot.addWidget(owner)
    reads = worker.LatestRead(owner, shown.append)

    def failing():
        release.wait(5)
        raise DiskFullError("Le disque est plein : rien n'a été enregistré.")

    reads.start(failing)
    reads.start(lambda: "dropped")  # replaced by the next one while the first runs
    reads.start(lambda: "newest")
    release.set()
    qtbot.waitUntil(lambda: shown == ["newest"] and not reads.pending)
    assert boxes.errors == ["Le disque est plein : rien n'a été enregistré."]
    reads.start(lambda: release.wait(5) and "before the change")
    reads.forget()
    qtbot.waitUntil(lambda: not worker.BackgroundJob.any_running())
    assert shown == ["newest"] and not reads.pending


def test_message_box_buttons_are_in_french(qtbot):
    from coorace_desktop.app import make_application

    make_application()
    box = QMessageBox(QMessageBox.Icon.Question, "t", "q", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    texts = {box.button(b).text().replace("&", "") for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No, QMessageBox.StandardButton.Cancel)}
    assert texts == {"Oui", "Non", "Annuler"}


def _ring_pixels(widget) -> int:
    """Pixels of the widget drawn in (nearly) the focus ring's blue."""
    image = widget.grab().toImage()
    ring = QColor("#1a5fb4")
    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if sum(abs(a - b) for a, b in zip(image.pixelColor(x, y).getRgb()[:3], ring.getRgb()[:3])) < 60
    )


def test_the_focused_button_wears_a_ring_the_eye_finds(qtbot):
    from coorace_desktop.app import make_application

    make_application()
    dialog = NameDialog(lambda name: name)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    unfocused = _ring_pixels(cancel)
    cancel.setFocus()
    qtbot.waitUntil(cancel.hasFocus)
    # Two pixels all around the button, against Fusion's faint line of another blue.
    assert _ring_pixels(cancel) - unfocused >= 2 * (cancel.width() + cancel.height())


def test_an_incomplete_form_says_what_is_missing_before_anything_is_typed(qtbot):
    dialog = NameDialog(lambda name: name)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled()
    assert dialog.general_error.isVisible()
    assert dialog.general_error.text() == "Pour enregistrer : Le nom est obligatoire."
    assert not dialog.field_error("name")
    qtbot.keyClicks(dialog.name_edit, "AJE")
    assert not dialog.general_error.isVisible()


def test_enter_never_cancels_a_form(qtbot):
    from PySide6.QtCore import Qt

    saved = []
    dialog = NameDialog(lambda name: saved.append(name))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0, "Enter on an incomplete form does nothing"
    qtbot.keyClicks(dialog.name_edit, "AJE")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    assert not dialog.isVisible() and saved == ["AJE"]


@pytest.mark.parametrize("how", ["escape", "cancel", "close"])
def test_a_modified_form_asks_before_its_changes_are_thrown_away(qtbot, monkeypatch, how):
    monkeypatch.undo()  # the real question
    dialog = NameDialog(lambda name: name)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name_edit, "AJE")
    leave = {
        "escape": lambda: qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape),
        "cancel": dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click,
        "close": dialog.close,
    }[how]
    asked: list[str] = []
    click_when_asked("Continuer la saisie", asked)
    leave()
    assert asked == ["Abandonner les modifications ?"]
    assert dialog.isVisible() and dialog.name_edit.text() == "AJE"
    click_when_asked("Abandonner", asked)
    leave()
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def test_an_untouched_form_closes_at_once(qtbot, monkeypatch):
    monkeypatch.undo()
    dialog = NameDialog(lambda name: name)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)  # no question: it would block here
    assert not dialog.isVisible()


class TwoFieldsDialog(NameDialog):
    def __init__(self):
        super().__init__(lambda name: name)
        self.city_edit = self.add_field("city", "Ville", QLineEdit())
        self.name_edit.setText("")  # filled by code: not the user's doing, no error yet


def test_errors_show_once_the_field_is_left_or_a_save_is_tried(qtbot):
    dialog = TwoFieldsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    dialog.name_edit.setFocus()
    qtbot.waitUntil(dialog.name_edit.hasFocus)
    qtbot.keyClicks(dialog.name_edit, "A")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Backspace)
    assert not dialog.field_error("name")  # still typing
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
    assert dialog.city_edit.hasFocus()
    assert dialog.field_error("name")  # left empty
    fresh = TwoFieldsDialog()
    qtbot.addWidget(fresh)
    fresh.show()
    assert not fresh.field_error("name")
    fresh.accept()
    assert fresh.field_error("name")
