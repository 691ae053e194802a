"""The Événements tab: the list (upcoming first) with its filters, a month calendar, the figures
of a period (the filter's year or period, else the selected event's year), and the export of
events to an iCalendar file."""

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QMenu,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop.domain.enums import EventStatus
from coorace_desktop.domain.french import number, plural, plural_word
from coorace_desktop.services.dashboard.figures import latest_active_year
from coorace_desktop.services.events.calendar_export import CalendarExport, export_events_ics
from coorace_desktop.services.events.commands import (
    delete_events,
    ensure_default_kinds,
    event_figures,
    event_kinds,
    get_event,
)
from coorace_desktop.services.events.event_list import (
    KIND,
    PERIOD,
    STATUS,
    YEAR,
    EventRow,
    count_events,
    day_marks,
    event_days,
    event_years,
    list_events,
)
from coorace_desktop.services.events.registrations import registered_count
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.events.event_calendar import CalendarPanel
from coorace_desktop.ui.events.event_dialog import EventDialog
from coorace_desktop.ui.events.figures_panel import EventFiguresPanel
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.app_state import OPEN_RECORD, Area
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.table_model import ROW_ROLE, Column
from coorace_desktop.ui.widgets.table_tab import DataTable, refill_combo

ICS_FILTER = "Agenda iCalendar (*.ics)"


def when(row: EventRow) -> str:
    """'20/05/2021', '08/10/2020 14:00', '25–26/11/2021' or 'À préciser (2021)'."""
    if row.starts_on is None:
        return f"À préciser ({row.year})"
    start, end = row.starts_on, row.ends_on
    if end and end != start:
        if (start.year, start.month) == (end.year, end.month):
            return f"{start:%d}–{end:%d/%m/%Y}"
        if start.year == end.year:
            return f"{start:%d/%m}–{end:%d/%m/%Y}"
        return f"{start:%d/%m/%Y}–{end:%d/%m/%Y}"
    return f"{start:%d/%m/%Y}" + (f" {row.start_time:%H:%M}" if row.start_time else "")


def where(row: EventRow) -> str:
    if row.online:
        return f"{row.place} (en ligne)" if row.place else "En ligne"
    return row.place


# Widths a first run starts with (the user's own are kept in the settings); the title takes the rest.
TITLE = 1
WIDTHS = (120, 0, 130, 110, 65, 60, 85)

COLUMNS = [
    Column("Date", "date", lambda row: row, format=when),
    Column("Titre", "title", lambda row: ("★ " if row.is_highlight else "") + row.title),
    Column("Type", "kind", lambda row: row.kind),
    Column("Lieu", "place", lambda row: row, format=where),
    Column("Statut", "status", lambda row: row.status.label),
    Column("Séances", "sessions", lambda row: row.sessions, numeric=True),
    Column("Participants", "participants", lambda row: row.participants, numeric=True),
]


class EventsTab(QWidget):
    title = "Événements"
    reads = frozenset({Area.MEMBERS, Area.EVENTS})
    status_changed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.table = DataTable(
            COLUMNS,
            lambda query: count_events(database, query),
            lambda query, offset, limit: list_events(database, query, offset, limit),
            noun=("événement", "événements"),
            empty_text='Aucun événement : Nouveau… (Ctrl+N).',
            search_placeholder="Rechercher un événement (titre, lieu, description)…",
            settings_key="events",
        )
        self.year_combo = self.table.add_filter(YEAR, "Année", [])
        self.period_selector = self.table.add_period_filter(PERIOD, YEAR)
        self.kind_combo = self.table.add_filter(KIND, "Type", [])
        self.table.add_filter(STATUS, "Statut", [("Tous les statuts", None)] + [(s.label, s.value) for s in EventStatus])
        self._fill_filters()
        for column, width in enumerate(WIDTHS):
            self.table.view.setColumnWidth(column, width)
        header = self.table.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.set_delete(self._delete_question, self._delete, announces=Area.EVENTS)
        self.export_button = QToolButton(text="Exporter vers un agenda (.ics)")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        export_menu = QMenu(self.export_button)
        self.export_selected_action = export_menu.addAction("Les événements sélectionnés…", self.export_selected)
        export_menu.addAction("Tous les événements à venir…", self.export_upcoming)
        self.export_button.setMenu(export_menu)
        self.table.add_button(self.export_button)

        self.calendar_panel = CalendarPanel(lambda first, last: day_marks(database, first, last),
                                            lambda first, last: event_days(database, first, last))
        self.figures_panel = EventFiguresPanel(
            lambda start, end, kind: event_figures(database, start, end, kind=kind),
            lambda: [kind.name for kind in event_kinds(database)],
            # As the dashboard: the year's figures, or the last year's with activity while this one has none.
            lambda: latest_active_year(database, date.today()) or date.today().year,
        )
        self.side_tabs = QTabWidget()
        self.side_tabs.addTab(self.calendar_panel, "Calendrier")
        self.side_tabs.addTab(self.figures_panel, "Chiffres")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.side_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([860, 340])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

        self.table.new_requested.connect(self.new_event)
        self.table.edit_requested.connect(lambda row: self.edit_event(row.id))
        self.table.changed.connect(self.status_changed)
        self.table.view.selectionModel().currentRowChanged.connect(self._follow_selection)
        self.calendar_panel.open_requested.connect(self.edit_event)
        self.year_combo.currentIndexChanged.connect(self._follow_filters)
        self.period_selector.changed.connect(self._follow_filters)
        self.kind_combo.currentIndexChanged.connect(self._follow_kind)

    # -- main window protocol
    def status_text(self) -> str:
        return self.table.status_text()

    def save_state(self, settings: QSettings) -> None:
        self.table.save_state(settings)
        settings.setValue("events/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        self.table.restore_state(settings)
        state = settings.value("events/splitter")
        if state is not None:
            self.splitter.restoreState(state)

    # -- actions
    def new_event(self) -> None:
        # The first event of a new database gets the standard kinds to choose from (written now,
        # not when the tab opens: opening a database must write nothing).
        ok, added = run_command(self, ensure_default_kinds, self.database)
        if ok and added:
            self.refresh()
        dialog = EventDialog(self.database, parent=self, on_day=self.calendar_panel.selected_day())
        if dialog.exec():
            self._after_change(dialog.result_value)

    def edit_event(self, event_id: int) -> None:
        ok, details = run_command(self, get_event, self.database, event_id)
        if not ok:
            self._after_change(None)  # it was deleted meanwhile: show the list as it is now
            return
        dialog = EventDialog(self.database, details, parent=self)
        if dialog.exec():
            self._after_change(event_id)

    def show_filtered(self, filters: dict[str, object]) -> None:
        """Another tab's click-through: {OPEN_RECORD: id} opens that event; else the events of
        those filters (a dashboard bar: the events of a month), the figures following."""
        if filters.get(OPEN_RECORD) is not None:
            self.edit_event(filters[OPEN_RECORD])
            return
        self.table.show_filtered(filters)
        self._follow_kind()
        self._follow_filters()

    def selected_rows(self) -> list[EventRow]:
        return [index.data(ROW_ROLE) for index in self.table.view.selectionModel().selectedRows()]

    def export_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            messages.show_error(self, "Sélectionnez d'abord dans la liste les événements à exporter.")
            return
        self._export([row.id for row in rows], "evenements.ics" if len(rows) > 1 else f"evenement-{rows[0].id}.ics")

    def export_upcoming(self) -> None:
        self._export(None, f"evenements-a-venir-{date.today():%Y-%m-%d}.ics")

    def _export(self, event_ids: list[int] | None, suggested: str) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Exporter vers un agenda", str(Path.home() / suggested), ICS_FILTER)
        if not name:
            return
        path = Path(name) if name.lower().endswith(".ics") else Path(f"{name}.ics")
        ok, result = run_command(self, export_events_ics, self.database, event_ids, path)
        if ok:
            messages.inform(self, "Export terminé", export_summary(result))

    # -- keeping the views in step
    def refresh(self) -> None:
        self._after_change(None)

    def _after_change(self, select_id: int | None) -> None:
        self._fill_filters()
        self.figures_panel.reload_kinds()
        self.table.reload(select_id)
        self.calendar_panel.refresh()
        self.figures_panel.refresh()

    def _fill_filters(self) -> None:
        refill_combo(self.year_combo, [("Toutes les années", None)] + [(str(y), y) for y in event_years(self.database)])
        refill_combo(self.kind_combo, [("Tous les types", None)] + [(k.name, k.id) for k in event_kinds(self.database)])

    def _follow_kind(self) -> None:
        self.figures_panel.set_kind(self.kind_combo.currentText() if self.kind_combo.currentData() else None)

    def _follow_filters(self, *_args) -> None:
        """The figures show the period filtered on, else the year filtered on."""
        if (period := self.period_selector.chosen()) is not None:
            self.figures_panel.set_period(*period)
        elif (year := self.year_combo.currentData()) is not None:
            self.figures_panel.set_year(year)

    def _follow_selection(self, current, _previous) -> None:
        """The calendar goes to the selected event's day; without a year or period filtered on,
        the figures go to its year."""
        row = current.data(ROW_ROLE) if current.isValid() else None
        if row is None:
            return
        if row.starts_on is not None:
            self.calendar_panel.go_to(row.starts_on)
        if self.period_selector.chosen() is None and self.year_combo.currentData() is None:
            self.figures_panel.set_year(row.year)

    def _delete(self, row: EventRow) -> int:
        deleted = delete_events(self.database, [row.id])
        self.calendar_panel.refresh()
        self.figures_panel.refresh()
        return deleted

    def _delete_question(self, row: EventRow) -> str:
        text = f"Supprimer l'événement « {row.title} » ({when(row)}) ?"
        if registered := registered_count(self.database, row.id):  # counted by names: its registrations go too
            text += (f"\n{plural(registered, 'inscription sera supprimée', 'inscriptions seront supprimées')} avec lui "
                     "(les personnes restent dans l'annuaire).")
        elif row.participants:
            count = row.participants
            text += (f"\n{plural(count, 'participant enregistré', 'participants enregistrés')} "
                     f"{plural_word(count, 'sera supprimé', 'seront supprimés')} avec lui.")
        return text


def export_summary(result: CalendarExport) -> str:
    if result.exported == 0:
        text = "Aucun événement daté à exporter : le fichier créé est un agenda vide."
    else:
        text = f"{plural(result.exported, 'événement exporté', 'événements exportés')} dans {result.path.name}."
    if result.skipped_undated:
        undated = plural_word(result.skipped_undated, "événement sans date (à préciser) non exporté",
                              "événements sans date (à préciser) non exportés")
        text += f"\n{number(result.skipped_undated)} {undated} : un agenda a besoin d'une date."
    return text

