"""Data safety in the window: one instance per database file, automatic backups on close and
daily while open, Enregistrer une copie…, Restaurer… and personal data, in the File menu."""

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from coorace_desktop.storage.backup import BackupInfo, create_backup
from coorace_desktop.storage.database import Database, open_database
from coorace_desktop.storage.errors import ReadOnlyError
from coorace_desktop.storage.integrity import opening_problems
from coorace_desktop.storage.lock import DatabaseInUseError, DatabaseLock
from coorace_desktop.storage.restore import RestoreResult
from coorace_desktop.storage.rotation import automatic_backup, daily_backup_due
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.worker import BackgroundJob, run_in_background
from coorace_desktop.ui.window.backup_dialogs import (
    BACKUP_FILTER,
    RestoreDialog,
    ask_read_only,
    ask_repair_or_restore,
    megabytes,
)
from coorace_desktop.ui.window.main_window import MainWindow
from coorace_desktop.ui.window.server_actions import restore_server_copy, save_server_copy

log = logging.getLogger("coorace_desktop")
DAILY_CHECK_MS = 30 * 60 * 1000  # the daily backup is due after 24 h; checked every half hour
FIRST_CHECK_MS = 60 * 1000  # not while the window is still starting
SAVED_COPIES_KEY = "backups/saved_copies"  # where « Enregistrer une copie… » put them, newest first
SAVED_COPIES_KEPT = 20


def open_locked(parent: QWidget | None, path: Path, create: bool, at_start: bool) -> tuple[Database, DatabaseLock | None] | None:
    """Open `path` holding its lock; when another instance holds it, offer read-only (or None)."""
    lock = DatabaseLock(path)
    try:
        lock.acquire()
    except DatabaseInUseError as error:
        if not ask_read_only(parent, error, at_start):
            return None
        return open_database(path, read_only=True), None
    except ReadOnlyError as error:  # a protected folder (read-only share, CD…): reading is all we can do
        messages.inform(parent, "Lecture seule", str(error))
        return open_database(path, read_only=True), None
    if lock.previous is not None:
        log.warning("Lock of %s taken over from a session that did not close: %s", path, lock.previous.describe())
    try:
        return open_database(path, create=create), lock
    except BaseException:
        lock.release()
        raise


class DataSafety(QObject):
    """Wires data safety into a main window; `lock` is the one held on its first database."""

    def __init__(self, window: MainWindow, lock: DatabaseLock | None) -> None:
        super().__init__(window)
        self.window = window
        self.locks: dict[Path, DatabaseLock] = {}
        if lock is not None:
            self.locks[lock.database.resolve()] = lock
        self._restoring = False
        window.database_opener = self.open_database
        self.copy_action = window.add_file_action("Enregistrer une &copie…", self.save_copy, "Ctrl+Shift+S")
        self.restore_action = window.add_file_action("&Restaurer une sauvegarde…", self.restore, writes=True)
        self.privacy_action = window.add_file_action("Données &personnelles (RGPD)…", self.show_privacy)
        window.about_to_close_database.connect(self._closing)
        window.database_opened.connect(self._opened)
        self.timer = QTimer(self, interval=DAILY_CHECK_MS)
        self.timer.timeout.connect(self.backup_if_due)
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, self, self.backup_if_due)
        self._opened(window.database)

    # -- opening and closing databases
    def open_database(self, path: Path, create: bool) -> Database | None:
        key = path.resolve()
        if key in self.locks:  # the same file again (after a restore, or reopened)
            return open_database(path, create=create)
        opened = open_locked(self.window, path, create, at_start=False)
        if opened is None:
            return None
        database, lock = opened
        if lock is not None:
            self.locks[key] = lock
        return database

    def _opened(self, database: Database) -> None:
        current = database.path.resolve() if database.path else None
        for key in [key for key in self.locks if key != current]:
            self.locks.pop(key).release()
        # A server database is copied and restored with pg_dump / pg_restore (ui/window/server_actions.py).
        self.restore_action.setEnabled(not database.read_only)
        if not database.read_only:
            QTimer.singleShot(0, self, self.offer_repair_if_damaged)  # once the window is up

    def offer_repair_if_damaged(self) -> None:
        """Say so at once when the file opened is damaged, and offer repair or restore, instead of failing later."""
        database = self.window.database
        if database is None or database.read_only:
            return
        problems = opening_problems(database)
        if not problems:
            return
        choice = ask_repair_or_restore(self.window, database.display_name, problems)
        if choice == "restore":
            self.restore()
        elif choice == "repair":
            from coorace_desktop.services.health import repair_database  # Alembic: only when needed

            ok, repair = run_command(self.window, repair_database, database)
            if ok:
                lines = ["Réparation faite :", *(f"• {line}" for line in repair.done)]
                if repair.safety_copy:
                    lines.append(f"\nCopie de sécurité avant réparation : {repair.safety_copy}")
                lines.append("\nBase saine." if repair.after.ok else "\nProblèmes restants : " + "; ".join(repair.after.problems))
                self._reopen_quietly(lambda: None)  # the tabs read the rebuilt indexes
                messages.inform(self.window, "Base réparée", "\n".join(lines))

    def _closing(self, database: Database) -> None:
        """The automatic backup on close (the lock is released once the next file is open, or at exit)."""
        if self._restoring or database.read_only or database.path is None:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            ok, _ = run_command(self.window, automatic_backup, database.path)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if not ok:
            log.warning("Automatic backup on close of %s failed", database.path)

    def release_all(self) -> None:
        """At exit, after the last automatic backup."""
        while self.locks:
            self.locks.popitem()[1].release()

    # -- backups
    def backup_if_due(self) -> None:
        database = self.window.database
        if database is None or database.read_only or database.path is None or not daily_backup_due(database.path):
            return
        path = database.path
        run_in_background(
            self.window, "Sauvegarde automatique du jour…",
            lambda progress: automatic_backup(path, progress=progress),
            lambda info: self.window.statusBar().showMessage(f"Sauvegarde automatique enregistrée ({megabytes(info.size)}).", 8000),
            cancellable=False,
        )

    def save_copy(self) -> None:
        database = self.window.database
        if database.is_server:
            return save_server_copy(self.window)
        folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        suggested = folder / f"{database.path.stem}-copie-{date.today():%Y-%m-%d}.sqlite"
        name, _ = QFileDialog.getSaveFileName(self.window, "Enregistrer une copie de la base", str(suggested), BACKUP_FILTER)
        if not name:
            return
        source, target = database.path, Path(name)
        # The save dialog has already asked before replacing an existing file.
        run_in_background(
            self.window, "Enregistrement de la copie…",
            lambda progress: create_backup(source, target, overwrite=True, progress=progress),
            self._copy_saved,
        )

    def _copy_saved(self, info: BackupInfo) -> None:
        # Remembered where it was saved, so that Restaurer… lists it with the backups.
        copies = [str(info.path)] + [item for item in self.window.settings.value(SAVED_COPIES_KEY) or [] if item != str(info.path)]
        self.window.settings.setValue(SAVED_COPIES_KEY, copies[:SAVED_COPIES_KEPT])
        messages.inform(
            self.window, "Copie enregistrée",
            f"Copie enregistrée dans {info.path}\n\n{info.created_at:%d/%m/%Y à %H:%M}, {megabytes(info.size)}, "
            f"{info.counts.get('organisations', 0)} adhérents.\nEmpreinte SHA-256 : {info.sha256}",
        )

    def restore(self) -> None:
        database = self.window.database
        if database.is_server:
            return restore_server_copy(self.window)
        copies = [Path(item) for item in self.window.settings.value(SAVED_COPIES_KEY) or []]
        dialog = RestoreDialog(database.path, copies, self.window)
        if not dialog.exec() or dialog.chosen is None:
            return
        path, lock = database.path, self.locks.get(database.path.resolve())
        # The restore needs the file to itself: the UI thread waits here, so no tab reads meanwhile.
        from coorace_desktop.services.privacy.register import (
            restore_keeping_erasures,  # loads every table: not at start
        )

        ok, result = self._reopen_quietly(lambda: run_command(self.window, restore_keeping_erasures, path, dialog.chosen, lock=lock))
        if ok:
            self._restored(result)

    def _restored(self, result: RestoreResult) -> None:
        check = result.verification
        lines = [f"La base a été restaurée depuis {check.path.name} ({check.counts.get('organisations', 0)} adhérents)."]
        if check.needs_migration:
            lines.append(f"Elle a été mise à jour depuis le schéma {check.schema_revision}.")
        lines += [note for note in (result.erasure_note(), result.safety_note()) if note]
        messages.inform(self.window, "Base restaurée", "\n\n".join(lines))

    # -- personal data
    def show_privacy(self) -> None:
        from coorace_desktop.ui.privacy.dialog import PrivacyDialog  # it loads every table: not at start

        PrivacyDialog(self.window.database, self.window).exec()

    def _reopen_quietly(self, work) -> object:
        """Run `work()` with the database closed, then reopen it, without an automatic backup."""
        database = self.window.database
        self._restoring = True
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            BackgroundJob.wait_all()
            database.close()
            return work()
        finally:
            if database.is_server:
                self.window.use_database(open_database(database.url))
            else:
                self.window.open_path(database.path)  # the restored file, or the untouched one after a refusal
            QGuiApplication.restoreOverrideCursor()
            self._restoring = False
