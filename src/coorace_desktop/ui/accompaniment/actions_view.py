"""The actions log: the table with its filters (year or period, officer, programme, kind,
beneficiary), the search in the notes, the running totals of what is shown, new / edit /
duplicate / delete."""

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from coorace_desktop.domain.enums import ActionKind
from coorace_desktop.domain.french import plural
from coorace_desktop.services.accompaniment.actions import (
    action_details,
    action_years,
    beneficiary_choice,
    delete_action,
    last_entry_defaults,
    officer_choices,
    programme_choices,
    search_beneficiaries,
)
from coorace_desktop.services.accompaniment.actions_list import (
    BENEFICIARY,
    KIND,
    NO_OFFICER,
    OFFICER,
    PERIOD,
    PROGRAMME,
    YEAR,
    ActionRow,
    action_page,
    action_totals,
    count_actions,
)
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.accompaniment.action_dialog import ActionDialog
from coorace_desktop.ui.accompaniment.beneficiary_edit import BeneficiaryEdit
from coorace_desktop.ui.widgets.app_state import Area
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.formats import display
from coorace_desktop.ui.widgets.table_model import Column
from coorace_desktop.ui.widgets.table_tab import DataTable, refill_combo

COLUMNS = [
    Column("Date", "date", lambda row: row.action_date),
    Column("Chargé·e de mission", "officer", lambda row: row.officer),
    Column("Bénéficiaire", "beneficiary", lambda row: row.beneficiary),
    Column("Programme", "programme", lambda row: row.programme),
    Column("Type", "kind", lambda row: row.kind.label),
    Column("Heures", "hours", lambda row: row.hours, numeric=True),
    Column("Résultat", "outcome", lambda row: row.outcome.label),
    Column("Notes", "notes", lambda row: " ".join(row.notes.split())),
]
WIDTHS = (90, 150, 240, 200, 170, 60, 90)


class ActionsView(QWidget):
    """Owns the actions table; `changed` tells the tab (status bar, summary) that data moved."""

    changed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self._last_used: tuple[int | None, int | None] | None = None
        self.table = DataTable(
            COLUMNS,
            lambda query: count_actions(database, query),
            lambda query, offset, limit: action_page(database, query, offset, limit),
            noun=("action", "actions"),
            empty_text='Aucune action : « Nouvelle action… » (Ctrl+N) après un appel ou une visite.',
            search_placeholder="Rechercher dans les notes…",
            settings_key="accompaniment_actions",
        )
        self.table.new_button.setText("&Nouvelle action…")
        self.year_combo = self.table.add_filter(YEAR, "Année", [])
        self.period_selector = self.table.add_period_filter(PERIOD, YEAR)  # a mission officer's week
        self.officer_combo = self.table.add_filter(OFFICER, "Chargé·e de mission", [])
        self.programme_combo = self.table.add_filter(PROGRAMME, "Programme", [])
        self.kind_combo = self.table.add_filter(
            KIND, "Type d'action", [("Tous les types", None)] + [(kind.label, kind.value) for kind in ActionKind]
        )
        self.beneficiary_filter = BeneficiaryEdit(
            lambda text, limit: search_beneficiaries(database, text, limit), "Tous les bénéficiaires"
        )
        self.beneficiary_filter.setAccessibleName("Bénéficiaire")
        self.beneficiary_filter.chosen.connect(lambda ref: self.table.model.set_filter(BENEFICIARY, ref))
        self.beneficiary_filter.setMinimumWidth(190)
        self.table.filters_layout.addWidget(self.beneficiary_filter, 2)
        self.table.filter_notes = self._filter_notes
        for combo in (self.officer_combo, self.programme_combo, self.kind_combo):
            combo.setSizeAdjustPolicy(combo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(13)
            # Wider where the screen allows: « Tous les chargés de mission » whole at 1366 px.
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.fill_filters()

        self.duplicate_button = QPushButton("&Dupliquer…")
        self.duplicate_button.setToolTip("Une nouvelle action reprenant celle-ci, pour une série (Ctrl+D)")
        self.table.add_button(self.duplicate_button, writes=True)
        QShortcut(QKeySequence("Ctrl+D"), self.table.view, self.duplicate_current)
        # the totals say how many actions are shown: the table's own count would repeat it
        self.table.count_label.hide()
        self.totals_label = QLabel()
        self.totals_label.setAccessibleName("Totaux")
        self.table.buttons_layout.insertWidget(self.table.buttons_layout.count() - 1, self.totals_label)

        for column, width in enumerate(WIDTHS):
            self.table.view.setColumnWidth(column, width)
        self.table.view.horizontalHeader().setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # newest first
        self.table.set_delete(self._delete_question, lambda row: delete_action(database, row.id), announces=Area.ACCOMPANIMENT)

        # Totals need a pass over every row shown: computed once the table has painted.
        self._totals_of: tuple | None = None
        self._totals_timer = QTimer(self, singleShot=True, interval=0)
        self._totals_timer.timeout.connect(self.update_totals)
        self._painted = False
        self.table.model.modelReset.connect(self._schedule_totals)
        self.table.changed.connect(self.changed)
        self.table.new_requested.connect(self.new_action)
        self.table.edit_requested.connect(lambda row: self.edit_action(row.id))
        self.duplicate_button.clicked.connect(self.duplicate_current)
        self.table.view.selectionModel().selectionChanged.connect(
            lambda *_: self.duplicate_button.setEnabled(self.table.current_row() is not None)
        )
        self.duplicate_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        # The first totals wait for the table's first paint: a zero timer alone fired before the
        # window was first drawn (on 200,000 actions it appeared 200 ms later), and a tab never
        # opened never pays for them.
        self.table.view.viewport().installEventFilter(self)

    # -- filters and totals
    def fill_filters(self) -> None:
        database = self.database
        refill_combo(self.year_combo, [("Toutes les années", None)] + [(str(y), y) for y in action_years(database)])
        refill_combo(
            self.officer_combo,
            [("Tous les chargés de mission", None)]
            + [(choice.name, choice.id) for choice in officer_choices(database, everyone=True)]
            + [("Non renseigné", NO_OFFICER)],
        )
        refill_combo(
            self.programme_combo,
            [("Tous les programmes", None)] + [(choice.name, choice.id) for choice in programme_choices(database)],
        )

    def show_filtered(self, filters: dict[str, object]) -> None:
        """Show the actions of `filters` (officer, programme, kind, year, period), every other
        filter and the search cleared."""
        self.beneficiary_filter.blockSignals(True)
        self.beneficiary_filter.set_choice(None)
        self.beneficiary_filter.blockSignals(False)
        self.table.show_filtered(filters)

    def _filter_notes(self) -> list[str]:
        """The beneficiary filtered on, printed above the table."""
        if self.table.model.query.filter(BENEFICIARY) is None:
            return []
        return [f"Bénéficiaire : {self.beneficiary_filter.text()}"]

    def refresh(self) -> None:
        """Read filters and rows again (a rename elsewhere shows in the beneficiary filter too)."""
        self.fill_filters()
        self.beneficiary_filter.refresh_choice(lambda ref: beneficiary_choice(self.database, ref))
        self.table.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self.table.view.viewport() and not self._painted:
            self._painted = True
            watched.removeEventFilter(self)
            self._totals_timer.start()
        return super().eventFilter(watched, event)

    def _schedule_totals(self) -> None:
        if self._painted:
            self._totals_timer.start()

    def update_totals(self) -> None:
        query = self.table.model.query
        shown = (query.search, tuple(sorted(query.filters.items(), key=lambda item: item[0])), self.table.model.generation)
        if shown == self._totals_of:
            return  # a new sort shows the same rows: ~120 ms saved per click at 200,000 actions
        self._totals_of = shown
        totals = action_totals(self.database, query)
        self.totals_label.setText(
            f"{plural(totals.actions, 'action', 'actions')} · "
            f"{plural(totals.beneficiaries, 'bénéficiaire', 'bénéficiaires')} · {display(totals.hours)} h"
        )

    # -- commands
    def new_action(self) -> None:
        defaults = self._last_used or last_entry_defaults(self.database)
        self._open(ActionDialog(self.database, defaults=defaults, parent=self))

    def edit_action(self, action_id: int) -> None:
        ok, details = run_command(self, action_details, self.database, action_id)
        if ok:
            self._open(ActionDialog(self.database, details, parent=self))
        else:
            self.table.reload()

    def duplicate_current(self) -> None:
        row: ActionRow | None = self.table.current_row()
        if row is None:
            return
        ok, details = run_command(self, action_details, self.database, row.id)
        if ok:
            self._open(ActionDialog(self.database, details, copy=True, parent=self))

    def _open(self, dialog: ActionDialog) -> None:
        if dialog.exec():
            draft = dialog.values()
            if draft.officer_id is not None:
                self._last_used = (draft.officer_id, draft.programme_id)
            self.fill_filters()
            self.table.reload(dialog.result_value)

    def _delete_question(self, row: ActionRow) -> str:
        return (
            f"Supprimer l'action du {display(row.action_date)} ({row.kind.label}, {row.programme}) "
            f"pour « {row.beneficiary} » ?"
        )
