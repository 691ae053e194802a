"""TZCLD territories: the list with each one's current stage, its dated stage history, and the
count per stage at any date ("au 31 décembre 2020 : 13 projets émergents et 23 territoires intéressés")."""

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coorace_desktop.domain.accompaniment_rules import (
    STAGE_ORDER,
    field_errors,
    stage_change_date,
    territory_department,
    territory_name,
)
from coorace_desktop.domain.enums import TerritoryStage
from coorace_desktop.services.accompaniment import stage_counts_text, territory_stage_counts
from coorace_desktop.services.accompaniment.territories import (
    TerritoryRow,
    add_stage_change,
    count_territories,
    create_territory,
    delete_stage_change,
    delete_territory,
    stage_history,
    territory_deletion_question,
    territory_page,
    update_territory,
)
from coorace_desktop.storage.database import Database
from coorace_desktop.ui.accompaniment.project_holders_view import department_combo, department_filter_choices
from coorace_desktop.ui.widgets import messages
from coorace_desktop.ui.widgets.app_state import Area, announce
from coorace_desktop.ui.widgets.dates import date_edit
from coorace_desktop.ui.widgets.errors import run_command
from coorace_desktop.ui.widgets.form_dialog import FormDialog
from coorace_desktop.ui.widgets.table_model import Column
from coorace_desktop.ui.widgets.table_tab import DataTable

COLUMNS = [
    Column("Territoire", "name", lambda row: row.name),
    Column("Département", "department", lambda row: row.department_label),
    Column("Étape", "stage", lambda row: row.stage_label),
    Column("Depuis le", "since", lambda row: row.since),
]
WIDTHS = (280, 170, 150)


@dataclass(frozen=True, slots=True)
class TerritoryDraft:
    name: str
    department: str
    notes: str
    stage: TerritoryStage | None
    changed_on: date | None


def _stage_combo() -> QComboBox:
    combo = QComboBox()
    for stage in STAGE_ORDER:
        combo.addItem(stage.label, stage)
    return combo


class TerritoryDialog(FormDialog):
    """A new territory (with the stage it has reached and since when) or its name and département."""

    announces = frozenset({Area.ACCOMPANIMENT})

    def __init__(self, database: Database, row: TerritoryRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__("Modifier le territoire" if row else "Nouveau territoire TZCLD", parent)
        self.database = database
        self.row = row
        self.name_edit = self.add_field("name", "Nom", QLineEdit())
        self.department_combo = self.add_field("department", "Département", department_combo())
        self.stage_combo = self.add_field("stage", "Étape atteinte", _stage_combo())
        self.date_edit = self.add_field("changed_on", "Depuis le", date_edit())
        self.notes_edit = self.add_field("notes", "Notes", QPlainTextEdit(tabChangesFocus=True))
        self.notes_edit.setFixedHeight(70)
        if row is not None:
            self.name_edit.setText(row.name)
            self.department_combo.setCurrentIndex(max(self.department_combo.findData(row.department), 0))
            self.notes_edit.setPlainText(row.notes)
            # the stage changes through "Nouvelle étape…", which keeps the history
            for row_index in (2, 3):
                self.form.setRowVisible(row_index, False)
        self.resize(460, self.sizeHint().height())

    def values(self) -> TerritoryDraft:
        new = self.row is None
        return TerritoryDraft(
            self.name_edit.text(), self.department_combo.currentData() or "", self.notes_edit.toPlainText(),
            self.stage_combo.currentData() if new else None, self.date_edit.date().toPython() if new else None,
        )

    def validate(self, draft: TerritoryDraft) -> dict[str, str]:
        checks = {"name": lambda: territory_name(draft.name), "department": lambda: territory_department(draft.department)}
        if self.row is None:
            checks["changed_on"] = lambda: stage_change_date(draft.changed_on, today=date.today())
        return field_errors(**checks)

    def save(self, draft: TerritoryDraft) -> int:
        if self.row is None:
            return create_territory(self.database, draft.name, draft.department, draft.stage, draft.changed_on)
        update_territory(self.database, self.row.id, draft.name, draft.department, draft.notes)
        return self.row.id


class StageDialog(FormDialog):
    """The territory reached a new stage on a date."""

    announces = frozenset({Area.ACCOMPANIMENT})

    def __init__(self, database: Database, row: TerritoryRow, parent: QWidget | None = None) -> None:
        super().__init__(f"Nouvelle étape : {row.name}", parent)
        self.database = database
        self.territory_id = row.id
        self.stage_combo = _stage_combo()
        following = STAGE_ORDER.index(row.stage) + 1 if row.stage else 0
        self.stage_combo.setCurrentIndex(min(following, len(STAGE_ORDER) - 1))
        self.date_edit = date_edit()
        self.add_field("stage", "Étape atteinte", self.stage_combo)
        self.add_field("changed_on", "Le", self.date_edit)

    def values(self) -> tuple[TerritoryStage, date]:
        return self.stage_combo.currentData(), self.date_edit.date().toPython()

    def validate(self, draft: tuple[TerritoryStage, date]) -> dict[str, str]:
        return field_errors(changed_on=lambda: stage_change_date(draft[1], today=date.today()))

    def save(self, draft: tuple[TerritoryStage, date]) -> int:
        return add_stage_change(self.database, self.territory_id, *draft)


class TerritoriesView(QWidget):
    changed = Signal()

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.table = DataTable(
            COLUMNS,
            lambda query: count_territories(database, query),
            lambda query, offset, limit: territory_page(database, query, offset, limit),
            noun=("territoire", "territoires"),
            empty_text='Aucun territoire : « Nouveau territoire… ».',
            search_placeholder="Rechercher un territoire…",
            settings_key="accompaniment_territories",
        )
        self.table.add_filter("stage", "Étape", [("Toutes les étapes", None)] + [(s.label, s.value) for s in STAGE_ORDER])
        self.table.add_filter("department", "Département", department_filter_choices())
        self.table.new_button.setText("&Nouveau territoire…")
        self.stage_button = QPushButton("Nouvelle é&tape…")
        self.table.add_button(self.stage_button, writes=True)
        for column, width in enumerate(WIDTHS):
            self.table.view.setColumnWidth(column, width)
        self.table.set_delete(lambda row: territory_deletion_question(database, row.id),
                              lambda row: delete_territory(database, row.id), announces=Area.ACCOMPANIMENT)

        self.counts_date = date_edit(date(date.today().year - 1, 12, 31))
        self.counts_label = QLabel(wordWrap=True)
        self.counts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        counts_box = QGroupBox("Territoires par étape")
        counts_form = QFormLayout(counts_box)
        counts_form.addRow("À la date du", self.counts_date)
        counts_form.addRow(self.counts_label)
        self.history_list = QListWidget()
        self.history_list.setAccessibleName("Historique des étapes")
        self.delete_stage_button = QPushButton("Supprimer cette étape")
        self.delete_stage_button.setVisible(not database.read_only)
        history_box = QGroupBox("Historique du territoire sélectionné")
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history_list)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.delete_stage_button)
        history_layout.addLayout(buttons)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(counts_box)
        side_layout.addWidget(history_box, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(side)
        self.splitter.setSizes([780, 320])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self.table.new_requested.connect(lambda: self._open(TerritoryDialog(database, parent=self)))
        self.table.edit_requested.connect(lambda row: self._open(TerritoryDialog(database, row, parent=self)))
        self.table.changed.connect(self._data_changed)
        self.table.view.selectionModel().selectionChanged.connect(lambda *_: self.show_history())
        self.stage_button.clicked.connect(self.new_stage)
        self.delete_stage_button.clicked.connect(self.delete_stage)
        self.counts_date.dateChanged.connect(lambda _=None: self.update_counts())
        self._data_changed()

    def counts_on(self) -> date:
        return self.counts_date.date().toPython()

    def update_counts(self) -> None:
        on = self.counts_on()
        self.counts_label.setText(stage_counts_text(territory_stage_counts(self.database, on), on) + ".")

    def show_history(self) -> None:
        self.history_list.clear()
        row = self.table.current_row()
        self.stage_button.setEnabled(row is not None)
        self.delete_stage_button.setEnabled(row is not None)
        if row is None:
            return
        for change in stage_history(self.database, row.id):
            item = QListWidgetItem(f"{change.changed_on:%d/%m/%Y} — {change.stage.label}")
            item.setData(Qt.ItemDataRole.UserRole, change.id)
            self.history_list.addItem(item)
        self.history_list.setCurrentRow(self.history_list.count() - 1)

    def new_stage(self) -> None:
        row = self.table.current_row()
        if row is not None and StageDialog(self.database, row, parent=self).exec():
            self.table.reload(row.id)

    def delete_stage(self) -> None:
        row, item = self.table.current_row(), self.history_list.currentItem()
        if row is None or item is None:
            return
        if not messages.ask(self, "Supprimer une étape", f"Supprimer l'étape « {item.text()} » de l'historique de {row.name} ?"):
            return
        ok, _ = run_command(self, delete_stage_change, self.database, item.data(Qt.ItemDataRole.UserRole))
        if ok:
            self.table.reload(row.id)
            announce(self, {Area.ACCOMPANIMENT})

    def _open(self, dialog: TerritoryDialog) -> None:
        if dialog.exec():
            self.table.reload(dialog.result_value)

    def _data_changed(self) -> None:
        self.update_counts()
        self.show_history()
        self.changed.emit()
