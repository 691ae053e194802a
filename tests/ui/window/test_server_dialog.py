"""Connexion à un serveur… and the window on a server database: the password is never stored,
failures are French, copies and restores go through pg_dump / pg_restore."""

import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from PySide6.QtWidgets import QFileDialog

from coorace_desktop.app import EXIT_AFTER_SHOW_VAR, SHOWN_MARKER
from coorace_desktop.services.health import counts
from coorace_desktop.storage.paths import DATABASE_URL_ENV_VAR
from coorace_desktop.ui.widgets.worker import BackgroundJob
from coorace_desktop.ui.window import server_actions
from coorace_desktop.ui.window.backup_controller import DataSafety
from coorace_desktop.ui.window.main_window import MainWindow
from coorace_desktop.ui.window.server_dialog import ServerDialog
from tests.backends import server_database


@pytest.fixture
def server(request):
    """The demo data on a server database; its URL's parts."""
    for database in server_database(request, "postgres_demo_template"):
        database.close()
        yield urlsplit(database.url)


def fill(dialog: ServerDialog, server, password=None) -> None:
    dialog.host_edit.setText(server.hostname)
    dialog.port_spin.setValue(server.port)
    dialog.database_edit.setText(server.path.lstrip("/"))
    dialog.user_edit.setText(server.username)
    dialog.password_edit.setText(server.password if password is None else password)


@pytest.fixture
def dialog(qtbot, settings):
    dialog = ServerDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_connecting_remembers_everything_but_the_password(dialog, server, settings, tmp_path):
    assert not dialog.ok_button.isEnabled() and dialog.ok_button.text() == "Se connecter"
    fill(dialog, server)
    dialog.accept()
    database = dialog.result_value
    try:
        assert database.is_server and counts(database)["organisations"] == 51
    finally:
        database.close()
    settings.sync()
    stored = (tmp_path / "settings.ini").read_text()
    assert server.hostname in stored and f"port={server.port}" in stored and server.username in stored
    assert server.password not in stored

    again = ServerDialog(settings)  # the next time: all filled in but the password, which has the focus
    assert (again.host_edit.text(), again.user_edit.text(), again.password_edit.text()) == (server.hostname, server.username, "")
    again.deleteLater()


def test_errors_sit_beside_the_fields_and_a_refused_login_is_french(dialog, server, monkeypatch, qtbot, boxes):
    dialog.host_edit.setText("serveur bureau")
    dialog.accept()  # a save tried shows the errors
    assert "ni espace" in dialog.field_error("host") and not dialog.ok_button.isEnabled()
    shown = boxes.errors
    fill(dialog, server, password="faux")
    dialog.accept()
    assert dialog.isVisible() and dialog.result_value is None
    assert shown == ["Le serveur refuse l'identifiant ou le mot de passe : vérifiez-les, puis reconnectez-vous."]


def test_the_environment_url_fills_the_dialog(qtbot, settings, monkeypatch):
    monkeypatch.setenv(DATABASE_URL_ENV_VAR, "postgresql://marie:secret@bdd.example:5433/delegation?sslmode=require")
    dialog = ServerDialog(settings)
    qtbot.addWidget(dialog)
    assert (dialog.host_edit.text(), dialog.port_spin.value(), dialog.database_edit.text()) == ("bdd.example", 5433, "delegation")
    assert dialog.password_edit.text() == "secret" and dialog.ssl_check.isChecked()


@pytest.fixture
def window(qtbot, database, settings):
    window = MainWindow(database, settings)
    qtbot.addWidget(window)
    window.safety = DataSafety(window, None)
    yield window
    window.safety.release_all()


def wait_for_jobs(qtbot) -> None:
    qtbot.waitUntil(lambda: not BackgroundJob.any_running(), timeout=30_000)


def test_the_window_on_a_server_copies_and_restores_with_pg_tools(window, server, qtbot, tmp_path, monkeypatch, boxes):
    connection = server_actions.connect_to_server(window)
    fill(connection, server)
    connection.accept()
    assert window.database.is_server
    assert window.windowTitle() == f"{server.path.lstrip('/')} sur {server.hostname}:{server.port} — Coorace Desktop"
    assert window.statusBar().currentMessage() == server_actions.SERVER_NOTICE
    assert window.safety.copy_action.isEnabled() and window.safety.restore_action.isEnabled()

    dump = tmp_path / "copie.dump"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(dump), ""))
    window.safety.save_copy()
    wait_for_jobs(qtbot)
    assert dump.stat().st_size > 10_000

    with window.database.engine.begin() as connection_:
        connection_.exec_driver_sql("DELETE FROM participations")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(dump), ""))
    window.safety.restore()
    assert counts(window.database)["participations"] > 0  # the window shows the restored contents


def test_the_application_starts_on_the_server_of_the_environment(server):
    environment = dict(os.environ, **{DATABASE_URL_ENV_VAR: server.geturl(), EXIT_AFTER_SHOW_VAR: "1", "QT_QPA_PLATFORM": "offscreen"})
    started = subprocess.run([sys.executable, "-m", "coorace_desktop"], env=environment, capture_output=True, text=True, timeout=120)
    assert started.returncode == 0, started.stderr
    assert SHOWN_MARKER in started.stdout.splitlines()


def test_a_refused_server_at_start_is_one_french_message(server, qapp, monkeypatch, boxes):
    from coorace_desktop import app as app_module

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_application installs its own
    shown = boxes.errors
    assert app_module.run_application(database_url=server.geturl().replace(server.password, "faux")) == 1
    assert shown == ["Le serveur refuse l'identifiant ou le mot de passe : vérifiez-les, puis reconnectez-vous."]
