"""The main window: title, status bar, File menu, settings; the welcome dialog; the error dialog."""


import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import text

from coorace_desktop import app as app_module
from coorace_desktop.storage.database import open_database
from coorace_desktop.ui.widgets import errors
from coorace_desktop.ui.window import main_window, welcome_dialog
from coorace_desktop.ui.window.main_window import MainWindow
from coorace_desktop.ui.window.welcome_dialog import WelcomeChoice
from tests.sqlite_files import demo_before_recorded_dates


@pytest.fixture
def window(qtbot, demo_database, settings):
    window = MainWindow(demo_database, settings)
    qtbot.addWidget(window)
    return window


def test_title_and_status_bar_name_the_database(window, demo_database):
    assert window.windowTitle() == "demo.sqlite — Coorace Desktop"
    assert window.path_label.text() == str(demo_database.path)


def test_a_message_written_before_the_window_shows_hides_the_rows_count_until_it_ends(window, qtbot):
    """The server's notice is written as the window is built: it used to lie over the count."""
    window.statusBar().showMessage("Base sur serveur : pas de sauvegarde automatique sur ce poste.")
    window.show()
    qtbot.waitExposed(window)
    assert window.status_label.text() and not window.status_label.isVisible()
    window.statusBar().clearMessage()
    assert window.status_label.isVisible()


def test_tabs_come_in_the_agreed_order(window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    expected = ["Tableau de bord", "Adhérents", "Gouvernance", "Accompagnements", "Événements", "Rapports"]
    assert titles == [title for title in expected if title in titles]
    assert len(titles) == len(main_window.TABS)


def test_file_menu_items(window):
    texts = [action.text().replace("&", "") for action in window.file_menu.actions() if action.text()]
    assert texts[:3] == ["Nouvelle base…", "Ouvrir…", "Fichiers récents"]
    assert texts[-1] == "Quitter"


def test_opening_a_refused_file_keeps_the_current_database(window, tmp_path, monkeypatch, boxes):
    shown = boxes.errors
    text_file = tmp_path / "notes.sqlite"
    text_file.write_text("pas une base")
    current = window.database
    assert not window.open_path(text_file)
    assert window.database is current
    assert shown == ["notes.sqlite n'est pas une base de données Coorace Desktop."]


def test_opening_another_database_replaces_it_and_is_remembered(window, tmp_path, settings):
    other = tmp_path / "autre.sqlite"
    assert window.open_path(other, create=True)
    assert window.windowTitle().startswith("autre.sqlite")
    assert window.recent_files()[0] == str(other)
    assert settings.value("last_database") == str(other)


def test_geometry_persists(qtbot, database, settings):
    first = MainWindow(open_database(database.path), settings)
    qtbot.addWidget(first)
    first.resize(640, 480)
    first.close()
    second = MainWindow(open_database(database.path), settings)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (640, 480)


def test_welcome_dialog_can_open_the_demo(monkeypatch, settings):
    class FakeWelcome:
        choice = WelcomeChoice.DEMO

        def __init__(self, recent):
            pass

        def exec(self):
            return True

    monkeypatch.setattr(welcome_dialog, "WelcomeDialog", FakeWelcome)
    path, create = app_module.choose_database(None, False, settings)
    assert path.name == "demo-2020.sqlite" and path.exists() and not create


def test_welcome_dialog_quit_opens_nothing(monkeypatch, settings):
    class Quit:
        choice = None

        def __init__(self, recent):
            pass

        def exec(self):
            return False

    monkeypatch.setattr(welcome_dialog, "WelcomeDialog", Quit)
    assert app_module.choose_database(None, False, settings) is None


def test_unexpected_error_is_logged_and_shown_and_the_app_goes_on(qtbot, boxes, user_dirs):
    errors.setup_logging()
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError as error:
        errors.handle_unexpected(type(error), error, error.__traceback__)
    (message,), (details,) = boxes.errors, boxes.bug_details
    assert message.startswith("Une erreur inattendue s'est produite")
    assert "ZeroDivisionError" in details
    for handler in errors.log.handlers:
        handler.flush()
    log_file = errors.log_dir() / "coorace-desktop.log"
    assert "ZeroDivisionError" in log_file.read_text(encoding="utf-8")
    for handler in list(errors.log.handlers):
        errors.log.removeHandler(handler)
        handler.close()


def test_the_log_is_private_and_holds_no_statement_parameters(qtbot, boxes, user_dirs, demo_database):
    errors.setup_logging()
    parameters = {"name": "-".join(("Secret", "Dupont"))}  # not in the traceback's source lines
    try:
        with demo_database.session() as session:
            session.execute(text("SELECT no_such_column FROM persons WHERE last_name = :name"), parameters)
    except Exception as error:
        errors.handle_unexpected(type(error), error, error.__traceback__)
    for handler in list(errors.log.handlers):
        errors.log.removeHandler(handler)
        handler.close()
    log_file = errors.log_dir() / "coorace-desktop.log"
    logged = log_file.read_text(encoding="utf-8")
    assert "no such column" in logged and "Secret-Dupont" not in logged
    assert "Secret-Dupont" not in boxes.bug_details[0]
    assert log_file.stat().st_mode & 0o777 == 0o600
    assert log_file.parent.stat().st_mode & 0o777 == 0o700


def test_the_demo_is_marked_and_never_reopened_unasked(qtbot, settings, monkeypatch):
    demo_path = app_module.choose_database(None, True, settings)[0]  # --demo creates it
    window = MainWindow(open_database(demo_path), settings)
    qtbot.addWidget(window)
    assert window.windowTitle() == "demo-2020.sqlite (démonstration) — Coorace Desktop"
    assert window.demo_banner.isVisibleTo(window)
    assert [window.demo_banner.create_button.text(), window.demo_banner.open_button.text()] == ["Créer ma base…", "Ouvrir…"]
    assert window.recent_files()[0] == str(demo_path)
    window.close()
    offered = []

    class Welcome:
        choice = None

        def __init__(self, recent):
            offered.append(recent)

        def exec(self):
            return False

    monkeypatch.setattr(welcome_dialog, "WelcomeDialog", Welcome)
    settings.setValue("last_database", str(demo_path))  # as an older version left it
    assert app_module.choose_database(None, False, settings) is None, "the welcome dialog asks"
    assert offered == [[demo_path]], "recent files are listed there"


def test_the_welcome_dialog_opens_a_recent_file(qtbot, tmp_path):
    from PySide6.QtCore import Qt

    from coorace_desktop.ui.window.welcome_dialog import WelcomeDialog

    recent = [tmp_path / "coorace.sqlite", tmp_path / "ancienne.sqlite"]
    dialog = WelcomeDialog(recent)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.recent_list.hasFocus)  # the keyboard starts in the list
    assert dialog.recent_list.count() == 2
    qtbot.keyClick(dialog.recent_list, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.recent_list, Qt.Key.Key_Return)
    assert dialog.choice is WelcomeChoice.RECENT and dialog.path == recent[1]


def test_a_real_database_has_no_demo_banner(window):
    assert not window.demo_banner.isVisibleTo(window) and "démonstration" not in window.windowTitle()


def test_opening_a_database_says_once_what_its_migration_did(window, tmp_path, boxes):
    path = demo_before_recorded_dates(tmp_path / "ancienne.sqlite", undated=3)
    assert window.open_path(path)
    (note,) = boxes.informed
    assert "3 périodes d'adhésion sans date d'adhésion connue" in note
    assert window.open_path(path) and len(boxes.informed) == 1, "said once: the file is at the new schema now"


def test_the_settings_file_is_private(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "config" / "Coorace Occitanie" / "Coorace Desktop.conf"), QSettings.Format.IniFormat)
    settings.setValue("recent_files", ["/home/marie/coorace.sqlite"])
    app_module.private_settings(settings)
    path = tmp_path / "config" / "Coorace Occitanie" / "Coorace Desktop.conf"
    assert path.stat().st_mode & 0o777 == 0o600 and path.parent.stat().st_mode & 0o777 == 0o700
    settings.setValue("recent_files", ["/home/marie/autre.sqlite"])
    settings.sync()  # Qt rewrites the file: it stays private
    assert "autre.sqlite" in path.read_text() and path.stat().st_mode & 0o777 == 0o600
