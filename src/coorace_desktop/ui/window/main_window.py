"""The main window: one tab per area, the File and Help menus, the status bar.

A tab is a QWidget class taking (database, parent) with a `title` class attribute, a
`status_text()` method and a `status_changed` signal; optionally `save_state(settings)` and
`restore_state(settings)` for column widths. Adding a tab is one line in TABS."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMenu, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from coorace_desktop import __version__
from coorace_desktop.storage.database import Database, open_database
from coorace_desktop.storage.errors import StorageError
from coorace_desktop.storage.paths import demo_database_path
from coorace_desktop.ui.accompaniment.tab import AccompanimentTab
from coorace_desktop.ui.events.tab import EventsTab
from coorace_desktop.ui.governance.tab import GovernanceTab
from coorace_desktop.ui.members.tab import MembersTab
from coorace_desktop.ui.reporting.tab import ReportsTab
from coorace_desktop.ui.widgets.errors import show_error
from coorace_desktop.ui.widgets.table_tab import DataTable
from coorace_desktop.ui.window.demo_banner import DemoBanner
from coorace_desktop.ui.window.server_actions import install_server_actions
from coorace_desktop.ui.window.transfer_actions import install_transfer_actions

# The tabs, in the order they appear.
TABS: list[type[QWidget]] = [MembersTab, GovernanceTab, AccompanimentTab, EventsTab, ReportsTab]

RECENT_FILES_KEPT = 8
DATABASE_FILTER = "Bases Coorace (*.sqlite *.db);;Tous les fichiers (*)"


def is_demo(database: Database) -> bool:
    return database.path is not None and database.path == demo_database_path()


def open_plain(path: Path, create: bool) -> Database:
    return open_database(path, create=create)


class MainWindow(QMainWindow):
    """The application window on one open database (File > Open replaces it)."""

    database_opened = Signal(object)
    about_to_close_database = Signal(object)

    def __init__(self, database: Database, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.database: Database | None = None
        # How File > Open/New/Recent open a file; data safety replaces it to take the file's lock
        # first (None from it means the user declined, e.g. a file in use elsewhere).
        self.database_opener: Callable[[Path, bool], Database | None] = open_plain
        self.tabs = QTabWidget(documentMode=True)
        self.demo_banner = DemoBanner(self.new_database, self.open_file)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.demo_banner)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.path_label = QLabel()
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.path_label)
        self.tabs.currentChanged.connect(self._update_status)
        self._build_menus()
        install_transfer_actions(self)
        install_server_actions(self)
        self._set_database(database)
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        self.tabs.setCurrentIndex(int(self.settings.value("window/tab", 0)))

    # -- menus
    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu("&Fichier")
        self._add_action(self.file_menu, "&Nouvelle base…", self.new_database, "Ctrl+Shift+N")
        self._add_action(self.file_menu, "&Ouvrir…", self.open_file, QKeySequence.StandardKey.Open)
        self.recent_menu = self.file_menu.addMenu("Fichiers &récents")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addSeparator()
        # Backup items (Enregistrer une copie…, Restaurer…) are inserted before this separator.
        self.backup_separator = self.file_menu.addSeparator()
        self._add_action(self.file_menu, "&Quitter", self.close, QKeySequence.StandardKey.Quit)
        help_menu = self.menuBar().addMenu("&Aide")
        self._add_action(help_menu, "À &propos de Coorace Desktop", self.show_about)

    def _add_action(self, menu: QMenu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def add_file_action(self, text: str, slot, shortcut=None) -> QAction:
        """An item in the File menu, above Quit (for features wired in by other modules)."""
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.file_menu.insertAction(self.backup_separator, action)
        return action

    # -- the open database
    def _set_database(self, database: Database) -> None:
        if self.database is not None:
            self._save_tab_state()
            self.about_to_close_database.emit(self.database)
            self.database.close()
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.deleteLater()
        self.database = database
        for tab_class in TABS:
            tab = tab_class(database, self)
            tab.status_changed.connect(self._update_status)
            if hasattr(tab, "restore_state"):
                tab.restore_state(self.settings)
            self.tabs.addTab(tab, tab.title)
            for table in tab.findChildren(DataTable):
                table.set_read_only(database.read_only)
        demo = is_demo(database)
        suffix = (" (démonstration)" if demo else "") + (" (lecture seule)" if database.read_only else "")
        self.setWindowTitle(f"{database.display_name}{suffix} — Coorace Desktop")
        self.demo_banner.setVisible(demo)
        self.path_label.setText(str(database.path or database.display_name))
        self._remember(database)
        self._update_status()
        self.database_opened.emit(database)

    def use_database(self, database: Database) -> None:
        """Show a database opened elsewhere (a server connection), closing the current one."""
        self._set_database(database)

    def open_path(self, path: Path, create: bool = False) -> bool:
        try:
            database = self.database_opener(path, create)
        except StorageError as error:
            show_error(self, str(error))
            return False
        if database is None:
            return False
        self._set_database(database)
        return True

    def new_database(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Nouvelle base de données", "coorace.sqlite", DATABASE_FILTER)
        if not name:
            return
        path = Path(name)
        if path.exists():
            show_error(self, f"{path.name} existe déjà : choisissez un autre nom, ou ouvrez-le avec Fichier > Ouvrir.")
            return
        self.open_path(path, create=True)

    def open_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Ouvrir une base de données", "", DATABASE_FILTER)
        if name:
            self.open_path(Path(name))

    def recent_files(self) -> list[str]:
        return [str(item) for item in (self.settings.value("recent_files") or [])]

    def _remember(self, database: Database) -> None:
        if database.path is None:
            return
        path = str(database.path)
        recent = [path] + [item for item in self.recent_files() if item != path]
        self.settings.setValue("recent_files", recent[:RECENT_FILES_KEPT])
        if not is_demo(database):  # the next start must not fall back on the demo unasked
            self.settings.setValue("last_database", path)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self.recent_files():
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(Path(p)))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("(aucun)").setEnabled(False)

    # -- status, about, closing
    def _update_status(self, *_args: object) -> None:
        tab = self.tabs.currentWidget()
        self.status_label.setText(tab.status_text() if tab is not None else "")

    def show_about(self) -> None:
        database = self.database
        QMessageBox.about(
            self,
            "À propos de Coorace Desktop",
            f"<h3>Coorace Desktop {__version__}</h3>"
            "<p>Adhérents, gouvernance, accompagnements, événements et rapport d'activité "
            "de la délégation régionale Coorace Occitanie.</p>"
            f"<p>Base de données : {database.path or database.display_name}<br>"
            f"Révision du schéma : {database.schema_revision()}</p>",
        )

    def _save_tab_state(self) -> None:
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if hasattr(tab, "save_state"):
                tab.save_state(self.settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        self._save_tab_state()
        if self.database is not None:
            self.about_to_close_database.emit(self.database)
            self.database.close()
        super().closeEvent(event)
