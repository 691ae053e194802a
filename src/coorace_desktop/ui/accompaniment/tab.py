"""The Accompagnements tab: the actions log, the yearly summary per programme, project holders
and TZCLD territories, each on its own page."""

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from coorace_desktop.storage.database import Database
from coorace_desktop.ui.accompaniment.actions_view import ActionsView
from coorace_desktop.ui.accompaniment.project_holders_view import ProjectHoldersView
from coorace_desktop.ui.accompaniment.summary_view import AccompanimentSummaryView
from coorace_desktop.ui.accompaniment.territories_view import TerritoriesView
from coorace_desktop.ui.widgets.app_state import Area


class AccompanimentTab(QWidget):
    title = "Accompagnements"
    reads = frozenset({Area.MEMBERS, Area.ACCOMPANIMENT})
    status_changed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actions_view = ActionsView(database)
        self.summary_view = AccompanimentSummaryView(database)
        self.holders_view = ProjectHoldersView(database)
        self.territories_view = TerritoriesView(database)
        self.pages = QTabWidget()
        self.pages.addTab(self.actions_view, "Actions")
        self.pages.addTab(self.summary_view, "Synthèse annuelle")
        self.pages.addTab(self.holders_view, "Porteurs de projet")
        self.pages.addTab(self.territories_view, "Territoires TZCLD")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.pages)

        # The summary reads actions and territories: it is rebuilt when they change.
        self.actions_view.changed.connect(self.summary_view.reload_years)
        self.territories_view.changed.connect(self.summary_view.refresh)
        # A converted holder is a new member the beneficiary lists must offer.
        self.holders_view.changed.connect(self.actions_view.fill_filters)
        for page in (self.actions_view, self.holders_view, self.territories_view):
            page.changed.connect(self.status_changed)
        self.pages.currentChanged.connect(lambda _=0: self.status_changed.emit())

    def show_filtered(self, filters: dict[str, object]) -> None:
        """The actions page, showing the actions of `filters` (the dashboard's click-through)."""
        self.pages.setCurrentWidget(self.actions_view)
        self.actions_view.show_filtered(filters)

    def refresh(self) -> None:
        self.actions_view.refresh()
        self.summary_view.reload_years()  # recomputed when next seen
        self.holders_view.table.reload()
        self.territories_view.table.reload()

    def status_text(self) -> str:
        page = self.pages.currentWidget()
        if page is self.summary_view:
            return ""
        return page.table.status_text()

    def save_state(self, settings: QSettings) -> None:
        for page in (self.actions_view, self.holders_view, self.territories_view):
            page.table.save_state(settings)
        settings.setValue("accompaniment/page", self.pages.currentIndex())
        settings.setValue("accompaniment/territories_splitter", self.territories_view.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        for page in (self.actions_view, self.holders_view, self.territories_view):
            page.table.restore_state(settings)
        self.pages.setCurrentIndex(int(settings.value("accompaniment/page", 0)))
        state = settings.value("accompaniment/territories_splitter")
        if state is not None:
            self.territories_view.splitter.restoreState(state)
