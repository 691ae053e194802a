"""What's new: the current version's notes, shown once after an update (not on a first start ever),
and at any time from Aide > Nouveautés."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from coorace_desktop import __version__
from coorace_desktop.app import EXIT_AFTER_SHOW_VAR
from coorace_desktop.resources import resource
from coorace_desktop.ui.window.main_window import MainWindow
from coorace_desktop.ui.window.whats_new import SEEN_KEY, WhatsNewDialog, updated_since_last_start, version_notes

CHANGELOG = """# Nouveautés

## Version 0.3.0

- Trois.

## Version 0.2.0

- Deux.
- Encore deux.

## Version 0.2.0rc1

- Candidat.
"""


def test_the_notes_of_one_version_are_its_section_only():
    assert version_notes(CHANGELOG, "0.2.0") == "## Version 0.2.0\n\n- Deux.\n- Encore deux."
    assert version_notes(CHANGELOG, "0.3.0") == "## Version 0.3.0\n\n- Trois."
    assert version_notes(CHANGELOG, "0.4.0") == ""


def test_the_shipped_notes_begin_with_this_version():
    changelog = resource("NOUVEAUTES.md").read_text(encoding="utf-8")
    first = next(line for line in changelog.splitlines() if line.startswith("## "))
    assert first == f"## Version {__version__}"
    assert len(version_notes(changelog, __version__).splitlines()) > 3


def test_a_first_start_ever_shows_nothing_and_the_next_neither(settings):
    assert not updated_since_last_start(settings)
    assert settings.value(SEEN_KEY) == __version__
    settings.setValue("window/tab", 2)
    assert not updated_since_last_start(settings)


def test_after_an_update_the_notes_are_due_once(settings):
    settings.setValue(SEEN_KEY, "0.0.9")
    assert updated_since_last_start(settings)
    assert not updated_since_last_start(settings)


def test_settings_of_a_version_older_than_the_notes_count_as_an_update(settings):
    settings.setValue("last_database", "/tmp/coorace.sqlite")  # no SEEN_KEY: written before it existed
    assert updated_since_last_start(settings)
    assert not updated_since_last_start(settings)


def test_the_dialog_shows_this_version_notes(qtbot):
    dialog = WhatsNewDialog()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert f"Version {__version__}" in text
    assert "Adhérents" in text
    assert "# Nouveautés de Coorace Desktop" not in text  # the section, not the whole file
    assert __version__ in dialog.windowTitle()


def test_help_menu_shows_the_notes_at_any_time(qtbot, demo_database, settings):
    window = MainWindow(demo_database, settings)
    qtbot.addWidget(window)
    help_menu = window.menuBar().actions()[-1].menu()
    item = next(action for action in help_menu.actions() if action.text().replace("&", "").startswith("Nouveautés"))
    item.trigger()
    dialog = next(widget for widget in QApplication.topLevelWidgets() if isinstance(widget, WhatsNewDialog))
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    dialog.reject()


def test_the_window_shows_the_notes_after_an_update_only(demo_file, tmp_path):
    """The real start: a first start shows nothing; after another version ran, once."""
    database = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, database)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from coorace_desktop import app\n"
        "app.show_whats_new = lambda window: print('notes shown', flush=True)\n"
        f"sys.exit(app.run_application(Path({str(database)!r})))\n"
    )
    environment = dict(os.environ, **{EXIT_AFTER_SHOW_VAR: "1", "QT_QPA_PLATFORM": "offscreen"})

    def start() -> list[str]:
        done = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return done.stdout.splitlines()

    assert "notes shown" not in start()
    stored = QSettings(str(Path(os.environ["XDG_CONFIG_HOME"], "Coorace Occitanie", "Coorace Desktop.conf")),
                       QSettings.Format.IniFormat)
    assert stored.value(SEEN_KEY) == __version__
    stored.setValue(SEEN_KEY, "0.0.9")
    stored.sync()
    assert "notes shown" in start()
    assert "notes shown" not in start()
