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
