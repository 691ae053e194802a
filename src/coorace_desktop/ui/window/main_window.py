"""The main window: one tab per area, the File and Help menus, the status bar.

A tab is a QWidget class taking (database, parent) with a `title`, a `status_text()` method, a
`status_changed` signal, `reads` (the areas whose changes it shows) and `refresh()`; optionally
`save_state(settings)` and `restore_state(settings)` for column widths. Adding a tab is one line
in TABS. The window paints before the database layer is imported: a tab's module is imported,
and the tab built, when it is first shown. Nor does the shell load the Qt namespace (its ~120
enumerations cost ~14 ms of CPU): `Qt` is imported by the methods that use it, shortcuts are
set with setShortcuts (setShortcut's overloads load it), the demo banner is built when needed."""

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop import __version__
from coorace_desktop.storage.paths import demo_database_path
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.app_state import AppState, Area, is_within
from coorace_desktop.ui.window.whats_new import show_whats_new

if TYPE_CHECKING:
    from coorace_desktop.storage.database import Database

# The tabs, in the order they appear: (title, "module:Class"), imported when first shown.
TABS: list[tuple[str, str]] = [
    ("Tableau de bord", "coorace_desktop.ui.dashboard.tab:DashboardTab"),
    ("Adhérents", "coorace_desktop.ui.members.tab:MembersTab"),
    ("Gouvernance", "coorace_desktop.ui.governance.tab:GovernanceTab"),
    ("Accompagnements", "coorace_desktop.ui.accompaniment.tab:AccompanimentTab"),
    ("Événements", "coorace_desktop.ui.events.tab:EventsTab"),
    ("Rapports", "coorace_desktop.ui.reporting.tab:ReportsTab"),
]

# The tab an area's click-through opens (AppState.open_requested).
AREA_TABS = {
    Area.MEMBERS: "Adhérents",
    Area.GOVERNANCE: "Gouvernance",
    Area.ACCOMPANIMENT: "Accompagnements",
    Area.EVENTS: "Événements",
    Area.REPORTING: "Rapports",
}

RECENT_FILES_KEPT = 8
DATABASE_FILTER = "Bases Coorace (*.sqlite *.db);;Tous les fichiers (*)"
READ_ONLY_SUFFIX = " (lecture seule)"


def tab_class(spec: str) -> type[QWidget]:
    """The class a TABS entry names, its module imported now."""
    module, name = spec.split(":")
    return getattr(import_module(module), name)


def is_demo(database: "Database") -> bool:
    return database.path is not None and database.path == demo_database_path()


def open_plain(path: Path, create: bool) -> "Database":
    from coorace_desktop.storage.database import open_database

    return open_database(path, create=create)


class MainWindow(QMainWindow):
    """The application window on one open database (File > Open replaces it); without one, the
    shell the application paints while the database layer is still being imported."""

    database_opened = Signal(object)
    about_to_close_database = Signal(object)

    def __init__(self, database: "Database | None" = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.database: Database | None = None
        self.app_state = AppState(self)
        self.app_state.changed.connect(self._data_changed)
        self.app_state.open_requested.connect(self.open_area)
        # How File > Open/New/Recent open a file; data safety replaces it to take the file's lock
        # first (None from it means the user declined, e.g. a file in use elsewhere).
        self.database_opener: Callable[[Path, bool], Database | None] = open_plain
        self.tabs = QTabWidget(documentMode=True)
        self._demo_banner = None  # built when a demonstration database opens (demo_banner)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._built: dict[int, QWidget] = {}  # tab index -> the tab, once shown
        self._stale: set[int] = set()  # built tabs to refresh when next shown
        for number, (title, _spec) in enumerate(TABS, start=1):
            page = QWidget()
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(page, title)
            # Alt+1…6 as in a browser: Ctrl+Tab would turn a tab's own pages instead.
            self.tabs.setTabToolTip(number - 1, f"Alt+{number}")
            QShortcut(QKeySequence(f"Alt+{number}"), self, lambda index=number - 1: self._go_to_tab(index))
        self.path_label = QLabel()
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.path_label)
        # A message (the server's notice, a backup made) hides the rows' count until it ends: Qt
        # hides only what is shown already, so one written before the window showed lay over it.
        self.statusBar().messageChanged.connect(lambda message: self.status_label.setVisible(not message))
        self.tabs.currentChanged.connect(self._tab_shown)
        # Write actions (menu items from other modules included) are disabled on a read-only database.
        self.write_actions: list[QAction] = []
        self._build_menus()
        self._file_actions_installed = False
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        self.tabs.setCurrentIndex(int(self.settings.value("window/tab", 0)))
        self.setWindowTitle("Coorace Desktop")
        if database is not None:
            self._set_database(database)

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
        self._add_action(help_menu, "&Guide d'utilisation", self.show_help, QKeySequence.StandardKey.HelpContents)
        self._add_action(help_menu, "&Nouveautés de cette version", lambda: show_whats_new(self))
        self._add_action(help_menu, "À &propos de Coorace Desktop", self.show_about)
        self.help_window = None  # built when first asked for

    def _add_action(self, menu: QMenu, text: str, slot, shortcut=None) -> QAction:
        action = _action(text, self, slot, shortcut)
        menu.addAction(action)
        return action

    def add_file_action(self, text: str, slot, shortcut=None, writes: bool = False) -> QAction:
        """An item in the File menu, above Quit (for features wired in by other modules); one
        that `writes` is disabled while the database is read-only."""
        action = _action(text, self, slot, shortcut)
        self.file_menu.insertAction(self.backup_separator, action)
        if writes:
            self.write_actions.append(action)
            action.setEnabled(not self.app_state.read_only)
        return action

    def _install_file_actions(self) -> None:
        """The File menu's import, export, print and server items, once the database layer is loaded."""
        from coorace_desktop.ui.window.print_actions import install_print_actions
        from coorace_desktop.ui.window.server_actions import install_server_actions
        from coorace_desktop.ui.window.transfer_actions import install_transfer_actions

        install_transfer_actions(self)
        install_print_actions(self)
        install_server_actions(self)
        self._file_actions_installed = True

    # -- the open database
    def _set_database(self, database: "Database") -> None:
        if self.database is not None:
            self._save_tab_state()
            self._close_database()
        for index, tab in self._built.items():
            self.tabs.widget(index).layout().removeWidget(tab)
            tab.deleteLater()
        self._built.clear()
        self._stale.clear()
        self.database = database
        self.app_state.read_only = database.read_only
        self.statusBar().clearMessage()
        if not self._file_actions_installed:
            self._install_file_actions()
        for action in self.write_actions:
            action.setEnabled(not database.read_only)
        demo = is_demo(database)
        suffix = (" (démonstration)" if demo else "") + (READ_ONLY_SUFFIX if database.read_only else "")
        self.setWindowTitle(f"{database.display_name}{suffix} — Coorace Desktop")
        if demo or self._demo_banner is not None:
            self.demo_banner.setVisible(demo)
        self.path_label.setText(str(database.path or database.display_name))
        self._remember(database)
        self._tab_shown(self.tabs.currentIndex())
        self.database_opened.emit(database)
        if database.migration_notes:  # said once: the database is at the new schema from now on
            messages.inform(self, "Base de données mise à jour", "\n\n".join(database.migration_notes))

    @property
    def demo_banner(self) -> QWidget:
        """The band above the tabs on the demonstration data, built (hidden) when first needed."""
        if self._demo_banner is None:
            from coorace_desktop.ui.window.demo_banner import DemoBanner

            self._demo_banner = DemoBanner(self.new_database, self.open_file)
            self._demo_banner.hide()
            self.centralWidget().layout().insertWidget(0, self._demo_banner)
        return self._demo_banner

    # -- tabs, built when first shown, refreshed when shown stale
    def tab(self, index: int) -> QWidget | None:
        """The tab at `index` once built (None before it was first shown)."""
        return self._built.get(index)

    def current_tab(self) -> QWidget | None:
        return self.tab(self.tabs.currentIndex())

    def show_tab(self, title: str) -> QWidget:
        """Show the tab of that title (building it if needed) and return it."""
        self.tabs.setCurrentIndex([entry[0] for entry in TABS].index(title))
        return self.current_tab()

    def open_area(self, area: Area, filters: dict[str, object]) -> None:
        """Show the tab of `area`, filtered when it knows how (its `show_filtered`)."""
        tab = self.show_tab(AREA_TABS[area])
        if filters and hasattr(tab, "show_filtered"):
            tab.show_filtered(filters)

    def _go_to_tab(self, index: int) -> None:
        """Show the tab and put the focus on its first field, where its shortcuts (Ctrl+N) work."""
        from PySide6.QtCore import Qt

        self.tabs.setCurrentIndex(index)
        page = self.tabs.widget(index)
        widget = page.nextInFocusChain()
        while widget is not page:  # the whole chain: a tab built late sits at its end
            takes_focus = widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible() and widget.isEnabled()
            if takes_focus and page.isAncestorOf(widget) and not isinstance(widget, (QTabBar, QTabWidget)):
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
            widget = widget.nextInFocusChain()

    def _tab_shown(self, index: int) -> None:
        if self.database is None or index < 0:
            return
        if index not in self._built:
            self._build_tab(index)
        elif index in self._stale:
            self._stale.discard(index)
            self._built[index].refresh()
        self._update_status()

    def _build_tab(self, index: int) -> None:
        page = self.tabs.widget(index)
        tab = tab_class(TABS[index][1])(self.database, page)
        tab.status_changed.connect(self._update_status)
        if hasattr(tab, "restore_state"):
            tab.restore_state(self.settings)
        from coorace_desktop.ui.widgets.table_tab import DataTable

        for table in tab.findChildren(DataTable):
            table.set_read_only(self.database.read_only)
        page.layout().addWidget(tab)
        tab.show()  # now, not when the event loop turns: its fields can take the focus at once
        self._built[index] = tab

    def _data_changed(self, areas: frozenset, source: QWidget) -> None:
        """A command changed `areas`: the tabs reading them refresh, now if shown, else when next
        shown; the tab the command came from has already shown its own change."""
        current = self.tabs.currentIndex()
        for index, tab in self._built.items():
            if not (tab.reads & areas) or is_within(source, tab):
                continue
            if index == current:
                tab.refresh()
            else:
                self._stale.add(index)

    def use_database(self, database: "Database") -> None:
        """Show a database opened elsewhere (a server connection), closing the current one."""
        self._set_database(database)

    def open_path(self, path: Path, create: bool = False) -> bool:
        from coorace_desktop.storage.errors import StorageError

        try:
            database = self.database_opener(path, create)
        except StorageError as error:
            messages.show_error(self, str(error))
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
            messages.show_error(self, f"{path.name} existe déjà : choisissez un autre nom, ou ouvrez-le avec Fichier > Ouvrir.")
            return
        self.open_path(path, create=True)

    def open_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Ouvrir une base de données", "", DATABASE_FILTER)
        if name:
            self.open_path(Path(name))

    def recent_files(self) -> list[str]:
        return [str(item) for item in (self.settings.value("recent_files") or [])]

    def _remember(self, database: "Database") -> None:
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
        tab = self.current_tab()
        self.status_label.setText(tab.status_text() if tab is not None else "")

    def show_help(self) -> None:
        """The guide, at the page of the tab shown, or of its page shown (F1)."""
        from PySide6.QtCore import Qt

        from coorace_desktop.ui.window.help_window import PAGE_SEPARATOR, HelpWindow, page_for_tab

        if self.help_window is None:
            self.help_window = HelpWindow(self)
        title = self.tabs.tabText(self.tabs.currentIndex())
        tab = self.current_tab()
        pages = tab.findChild(QTabWidget, options=Qt.FindChildOption.FindDirectChildrenOnly) if tab is not None else None
        if pages is not None:
            title += PAGE_SEPARATOR + pages.tabText(pages.currentIndex())
        self.help_window.show_page(page_for_tab(title))

    def show_about(self) -> None:
        database = self.database
        about = (
            f"<h3>Coorace Desktop {__version__}</h3>"
            "<p>Adhérents, gouvernance, accompagnements, événements et rapport d'activité "
            "de la délégation régionale Coorace Occitanie.</p>"
        )
        if database is not None:
            about += (f"<p>Base de données : {database.path or database.display_name}<br>"
                      f"Révision du schéma : {database.schema_revision()}</p>")
        QMessageBox.about(self, "À propos de Coorace Desktop", about)

    def _save_tab_state(self) -> None:
        for tab in self._built.values():
            if hasattr(tab, "save_state"):
                tab.save_state(self.settings)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        self._save_tab_state()
        if self.database is not None:
            self._close_database()
        super().closeEvent(event)

    def _close_database(self) -> None:
        from coorace_desktop.ui.widgets.worker import BackgroundJob  # the database layer is loaded by now

        self.about_to_close_database.emit(self.database)
        BackgroundJob.wait_all()  # a tab's background read (« À faire ») ends on an open database
        self.database.close()


def _action(text: str, parent: QWidget, slot, shortcut=None) -> QAction:
    """A menu item; `shortcut` a key sequence's text or a standard key (all its platform's keys)."""
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcuts(shortcut if isinstance(shortcut, QKeySequence.StandardKey) else [QKeySequence(shortcut)])
    action.triggered.connect(slot)
    return action
