"""Starting the window: Qt in French, logging and the exception dialog, then which database."""

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QFileDialog

from coorace_desktop import __version__
from coorace_desktop.resources import resource
from coorace_desktop.storage.paths import (
    DATABASE_URL_ENV_VAR,
    DB_ENV_VAR,
    default_database_path,
    demo_database_path,
    private_folder,
)
from coorace_desktop.ui.widgets.after_paint import after_paint
from coorace_desktop.ui.widgets.qt_french import install_french
from coorace_desktop.ui.window.main_window import DATABASE_FILTER, MainWindow
from coorace_desktop.ui.window.whats_new import show_whats_new, updated_since_last_start

# Benchmarks (bench/run.py) time the start: with this set, the application prints SHOWN_MARKER on
# stdout once its window has really been painted by the event loop (what the user sees, before the
# database layer is even imported), FILLED_MARKER once the first tab has painted its data, and quits.
EXIT_AFTER_SHOW_VAR = "COORACE_EXIT_AFTER_SHOW"
SHOWN_MARKER = "coorace-desktop: main window shown"
FILLED_MARKER = "coorace-desktop: first tab filled"


TAB_STYLE = """
QTabBar::tab { padding: 5px 12px; margin-right: 2px; border: 1px solid #c4c4c4; border-bottom: none;
               border-top-left-radius: 3px; border-top-right-radius: 3px; background: #e6e6e6; }
QTabBar::tab:selected { background: #fbfbfb; }
QTabBar::tab:hover:!selected { background: #efefef; }
"""


def make_application(focus_ring: bool = True) -> QApplication:
    """The application in French, in Fusion with the focus ring; `focus_ring=False` leaves it for
    install_focus_ring() once the window's shell has painted (the style's Python overrides and
    the pen they draw with load ~100 Qt types and enumerations, ~20 ms of CPU)."""
    # Fusion from the command line, not setStyle("Fusion"): the Python QStyle it returns would
    # load that class and its enumerations (~9 ms) before the shell paints.
    app = QApplication.instance() or QApplication([*sys.argv, "-style", "Fusion"])
    app.setApplicationName("Coorace Desktop")
    app.setOrganizationName("Coorace Occitanie")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource("icons", "coorace-desktop.png"))))
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    if focus_ring:
        install_focus_ring(app)
    # Fusion's tabs are too short for a capital's accent: "Événements" printed as "Evénements".
    app.setStyleSheet(TAB_STYLE)
    install_french(app)
    return app


def install_focus_ring(app: QApplication) -> None:
    from coorace_desktop.ui.widgets.focus_ring import FocusRingStyle

    app.setStyle(FocusRingStyle())


def choose_database(explicit: Path | None, demo: bool, settings: QSettings) -> tuple[Path, bool] | None:
    """The file to open and whether to create it; None when the user quits the welcome dialog."""
    if demo:
        path = demo_database_path()
        if not path.exists():
            from coorace_desktop.services.demo import create_demo_database

            create_demo_database(path)
        return path, False
    if explicit is not None:
        return explicit, False
    if os.environ.get(DB_ENV_VAR):
        return Path(os.environ[DB_ENV_VAR]), False
    last = settings.value("last_database")
    for candidate in (Path(last) if last else None, default_database_path()):
        # The demo is opened when asked for, never as a silent default.
        if candidate is not None and candidate.exists() and candidate != demo_database_path():
            return candidate, False
    from coorace_desktop.ui.window.welcome_dialog import WelcomeChoice, WelcomeDialog  # a first start only

    recent = [Path(item) for item in settings.value("recent_files") or [] if Path(item).exists()]
    dialog = WelcomeDialog(recent)
    if not dialog.exec():
        return None
    if dialog.choice is WelcomeChoice.RECENT:
        return dialog.path, False
    if dialog.choice is WelcomeChoice.NEW:
        return default_database_path(), True
    if dialog.choice is WelcomeChoice.DEMO:
        return choose_database(None, True, settings)
    name, _ = QFileDialog.getOpenFileName(None, "Ouvrir une base de données", "", DATABASE_FILTER)
    return (Path(name), False) if name else None


def private_settings(settings: QSettings) -> QSettings:
    """The settings (recent files) readable by their owner only: their folder created 0700, the
    file made 0600 (Qt keeps a file's rights when it rewrites it). Windows keeps them in the registry."""
    if sys.platform != "win32":
        path = Path(settings.fileName())
        private_folder(path.parent)
        settings.sync()
        if path.exists():
            path.chmod(0o600)
    return settings


def run_application(db_path: Path | None = None, demo: bool = False, database_url: str | None = None) -> int:
    """The window on the file given, or on the server of --database-url / $COORACE_DATABASE_URL.

    The window's shell is shown first; once it has painted, the database layer is imported, the
    database opened and the first tab built (a tab's module is imported when it is first shown)."""
    app = make_application(focus_ring=False)
    sys.excepthook = _handle_unexpected
    settings = private_settings(QSettings())
    updated = updated_since_last_start(settings)
    window = MainWindow(settings=settings)
    exit_after_show = bool(os.environ.get(EXIT_AFTER_SHOW_VAR))
    safety: list = []  # the data safety of the open file, released at exit

    def painted() -> None:
        if exit_after_show:
            _print_marker(SHOWN_MARKER)
        install_focus_ring(app)
        window.statusBar().showMessage("Ouverture de la base de données…")
        window.statusBar().repaint()  # the import below holds the event loop for a few hundred ms
        opened = _open_first_database(window, settings, db_path, demo, database_url)
        if isinstance(opened, int):
            app.exit(opened)
            return
        safety.append(opened)
        if updated:  # once, over the first database this version opened (and migrated)
            show_whats_new(window)
        if exit_after_show:
            after_paint(window.current_tab(), lambda: (_print_marker(FILLED_MARKER), app.quit()))

    after_paint(window, painted)
    window.show()
    try:
        return app.exec()
    finally:
        if safety:  # a database was open: a tab may still be reading in the background
            from coorace_desktop.ui.widgets.worker import BackgroundJob

            BackgroundJob.wait_all()
        for data_safety in safety:
            data_safety.release_all()


def _open_first_database(window: MainWindow, settings: QSettings, db_path: Path | None, demo: bool, database_url: str | None):
    """The DataSafety of the database now shown in the window, or the exit code when there is none."""
    from coorace_desktop.storage.database import open_database
    from coorace_desktop.storage.errors import user_message
    from coorace_desktop.ui.widgets import messages
    from coorace_desktop.ui.widgets.errors import setup_logging
    from coorace_desktop.ui.window.backup_controller import DataSafety, open_locked

    setup_logging()
    url = database_url or (None if db_path or demo else os.environ.get(DATABASE_URL_ENV_VAR))
    try:
        if url:  # a shared server: no file lock (the server arbitrates), no automatic backup
            opened = open_database(url, create=True), None
        else:
            choice = choose_database(db_path, demo, settings)
            if choice is None:
                return 0
            path, create = choice
            opened = open_locked(window, path, create, at_start=True)  # one instance per database file
    except Exception as error:
        message = user_message(error)
        if message is None:
            raise
        messages.show_error(window, message)
        return 1
    if opened is None:
        return 0
    database, lock = opened
    window.use_database(database)
    return DataSafety(window, lock)


def _handle_unexpected(kind, error, tb) -> None:
    from coorace_desktop.ui.widgets.errors import handle_unexpected  # imports the database layer

    handle_unexpected(kind, error, tb)


def _print_marker(marker: str) -> None:
    print(marker, flush=True)
