"""UI fixtures: settings in a temp file, the main window on a given database."""

import pytest
from PySide6.QtCore import QSettings

from coorace_desktop.ui.widgets import form_dialog


@pytest.fixture(autouse=True)
def discard_without_asking(monkeypatch):
    """Forms left modified are closed by pytest-qt at teardown: the question would block there.
    A test of the question itself puts the real one back (monkeypatch.undo())."""
    monkeypatch.setattr(form_dialog, "ask_discard", lambda parent: True)


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


class MessageBoxes:
    """What the window would have shown in message boxes (ui/widgets/messages.py, patched).

    Questions get `answers` in turn, then `answer`; a written file's offer (Imprimer…, Ouvrir)
    gets `file_choice` (none by default: Fermer), its text kept with the others in `informed`."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.bug_details: list[str] = []  # the folded traceback: only the bug dialog has one
        self.informed: list[str] = []
        self.asked: list[str] = []
        self.answers: list[bool] = []
        self.answer = True
        self.file_choice = ""

    def show_error(self, parent, message: str, details: str = "") -> None:
        self.errors.append(message)
        if details:
            self.bug_details.append(details)

    def inform(self, parent, title: str, text: str) -> None:
        self.informed.append(text)

    def offer_file(self, parent, title: str, text: str) -> str:
        self.informed.append(text)
        return self.file_choice

    def ask(self, parent, title: str, question: str, *, warning: bool = False) -> bool:
        self.asked.append(question)
        return self.answers.pop(0) if self.answers else self.answer


@pytest.fixture
def boxes(monkeypatch) -> MessageBoxes:
    """The messages seam patched: every message box recorded instead of shown."""
    from coorace_desktop.ui.widgets import messages

    recorder = MessageBoxes()
    for name in ("show_error", "inform", "ask", "offer_file"):
        monkeypatch.setattr(messages, name, getattr(recorder, name))
    return recorder


@pytest.fixture(autouse=True)
def no_unexpected_box(request, monkeypatch) -> None:
    """A message box a test did not ask for (with `boxes`) fails it, instead of waiting offscreen
    for a click that never comes."""
    if "boxes" in request.fixturenames:
        return
    from coorace_desktop.ui.widgets import messages

    def unexpected(parent, title_or_message, *args, **kwargs):
        raise AssertionError(f"message box not expected by the test: {title_or_message} {args}")

    for name in ("show_error", "inform", "ask", "offer_file"):
        monkeypatch.setattr(messages, name, unexpected)
