"""The window on a server database: File > Connexion à un serveur…, and the backup items done
with pg_dump / pg_restore (DataSafety hands them over when the open database is on a server)."""

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMainWindow

from coorace_desktop.storage.database import Database, open_database
from coorace_desktop.storage.server_backup import DUMP_FILTER, ServerBackup, create_server_backup, restore_server_backup
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.worker import BackgroundJob, run_in_background
from coorace_desktop.ui.window.backup_dialogs import megabytes
from coorace_desktop.ui.window.server_dialog import ServerDialog

SERVER_NOTICE = "Base sur serveur : pas de sauvegarde automatique sur ce poste (Enregistrer une copie… passe par pg_dump)."


def install_server_actions(window: QMainWindow) -> None:
    """Add Connexion à un serveur… to the File menu; say on opening a server database how it is backed up."""
    action = window.server_action = window.add_file_action("Connexion à un &serveur…", lambda: connect_to_server(window))
    actions = window.file_menu.actions()  # beside the other ways of opening a database, after Fichiers récents
    window.file_menu.removeAction(action)
    window.file_menu.insertAction(actions[actions.index(window.recent_menu.menuAction()) + 1], action)
    window.database_opened.connect(lambda database: _notice(window, database))


def _notice(window: QMainWindow, database: Database) -> None:
    if database.is_server:
        window.statusBar().showMessage(SERVER_NOTICE, 15_000)


def connect_to_server(window: QMainWindow) -> ServerDialog:
    dialog = ServerDialog(window.settings, window)
    dialog.accepted.connect(lambda: window.use_database(dialog.result_value))
    dialog.open()
    return dialog


def save_server_copy(window: QMainWindow) -> None:
    """Enregistrer une copie… of a server database: a pg_dump archive where the user chooses."""
    database = window.database
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    suggested = folder / f"{database.display_name.split(' ')[0]}-copie-{date.today():%Y-%m-%d}.dump"
    name, _ = QFileDialog.getSaveFileName(window, "Enregistrer une copie de la base du serveur", str(suggested), DUMP_FILTER)
    if not name:
        return
    target = Path(name)
    run_in_background(
        window, "Sauvegarde de la base du serveur (pg_dump)…",
        lambda _progress: create_server_backup(database, target),
        lambda backup: _copy_saved(window, backup),
        cancellable=False,
    )


def _copy_saved(window: QMainWindow, backup: ServerBackup) -> None:
    messages.inform(
        window, "Copie enregistrée",
        f"Copie de la base du serveur enregistrée dans {backup.path}\n\n{backup.created_at:%d/%m/%Y à %H:%M}, "
        f"{megabytes(backup.size)}.\nEmpreinte SHA-256 : {backup.sha256}",
    )


def restore_server_copy(window: QMainWindow) -> None:
    """Restaurer… a server database from a pg_dump archive, after a safety copy of its contents."""
    database = window.database
    name, _ = QFileDialog.getOpenFileName(window, "Restaurer la base du serveur", "", DUMP_FILTER)
    if not name:
        return
    question = (
        f"Remplacer tout le contenu de {database.display_name} par {Path(name).name} ?\n\n"
        "Les autres postes doivent d'abord fermer Coorace Desktop. Le contenu actuel est d'abord sauvegardé."
    )
    if not messages.ask(window, "Restaurer la base du serveur", question):
        return
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        BackgroundJob.wait_all()
        database.close()  # no tab reads while pg_restore replaces the tables
        ok, safety = run_command(window, restore_server_backup, database, Path(name))
        window.use_database(open_database(database.url))  # the restored contents, or the untouched ones
    finally:
        QGuiApplication.restoreOverrideCursor()
    if ok:
        messages.inform(
            window, "Base restaurée",
            f"La base du serveur a été restaurée depuis {Path(name).name}.\n\nLe contenu remplacé est conservé : {safety.path}",
        )
