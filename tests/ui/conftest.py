"""UI fixtures: settings in a temp file, the main window on a given database."""

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
